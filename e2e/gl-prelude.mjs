// A script prepended to the training worker's bundle by tests and by the GPU check kit
// (scripts/gpu/check.mjs): it records the worker's WebGL contexts, which tfjs keeps in a module
// closure, so that a test can read their renderer and lose them (WEBGL_lose_context) the way a GPU
// reset or the browser reclaiming contexts would. Never part of a shipped bundle.
export const GL_PRELUDE = `;(() => {
  const rec = { contexts: [], events: [], exts: [], trap: 0 }
  const C = self.OffscreenCanvas
  if (typeof C === 'undefined' || !C.prototype.getContext) return
  const getContext = C.prototype.getContext
  C.prototype.getContext = function (type, ...rest) {
    const ctx = getContext.call(this, type, ...rest)
    if (ctx && /webgl/.test(String(type)) && !rec.contexts.some((c) => c.ctx === ctx)) {
      let renderer = ''
      try { const i = ctx.getExtension('WEBGL_debug_renderer_info'); renderer = String(ctx.getParameter(i ? i.UNMASKED_RENDERER_WEBGL : ctx.RENDERER)) } catch (e) { renderer = 'error: ' + e }
      rec.contexts.push({ ctx, type: String(type), renderer, size: this.width + 'x' + this.height, at: Math.round(performance.now()) })
      const i = rec.contexts.length - 1
      this.addEventListener('webglcontextlost', (e) => setTimeout(() => rec.events.push({ ev: 'lost', ctx: i, defaultPrevented: e.defaultPrevented, at: Math.round(performance.now()) })))
      this.addEventListener('webglcontextrestored', () => rec.events.push({ ev: 'restored', ctx: i, at: Math.round(performance.now()) }))
    }
    return ctx
  }
  // The newest live context is tfjs's (its renderer probe releases its own 1x1 context at once).
  const lose = () => {
    const live = rec.contexts.map((c, i) => ({ c, i })).filter(({ c }) => c.size !== '1x1' && !c.ctx.isContextLost())
    if (!live.length) return 'no live WebGL context in the worker'
    const { c, i } = live[live.length - 1]
    const ext = c.ctx.getExtension('WEBGL_lose_context')
    if (!ext) return 'no WEBGL_lose_context'
    rec.exts[i] = ext
    ext.loseContext()
    rec.events.push({ ev: 'loseContext()', ctx: i, at: Math.round(performance.now()), wall: Date.now() })
    return 'lost context ' + i + ' (' + c.type + ', ' + c.renderer + ')'
  }
  // Mid-round: the n-th fence tfjs sets from now on, before reading a result back (a loss or a
  // gradient; a round of 8 steps reads 30 or so), is the moment the GPU goes.
  const W = self.WebGL2RenderingContext
  if (W) {
    const fenceSync = W.prototype.fenceSync
    W.prototype.fenceSync = function (...args) {
      const sync = fenceSync.apply(this, args)
      if (rec.trap > 0 && --rec.trap === 0) lose()
      return sync
    }
  }
  self.__glPrelude = {
    info: () => ({ contexts: rec.contexts.map((c, i) => ({ i, type: c.type, renderer: c.renderer, size: c.size, lost: c.ctx.isContextLost(), at: c.at })), events: rec.events }),
    lose,
    loseInNextRead: (n = 1) => { rec.trap = n; return 'armed' },
    restore: () => {
      const i = rec.exts.findLastIndex((e) => e)
      if (i < 0) return 'nothing to restore'
      try { rec.exts[i].restoreContext(); return 'restoreContext() called on context ' + i } catch (e) { return 'restoreContext threw: ' + e }
    },
  }
})();
`
