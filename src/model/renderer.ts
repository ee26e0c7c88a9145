/** What a throw-away WebGL2 context says about the GPU behind it. */
export interface RendererProbe {
  /** A WebGL2 context could be created. */
  webgl2: boolean
  /** The unmasked renderer string when the browser shares it (Chromium does, also in workers). */
  renderer?: string
  /** Why there is no WebGL2, when there is none. */
  error?: string
}

/**
 * Renderers that draw on the CPU: Chromium's SwiftShader (headless and blocklisted GPUs), Mesa's
 * llvmpipe/softpipe/lavapipe, Windows' "Microsoft Basic Render Driver" and anything that calls
 * itself software. tfjs-webgl on these is slower than the wasm backend.
 */
const SOFTWARE = /swiftshader|llvmpipe|softpipe|lavapipe|software|basic render/i

export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE.test(renderer)
}

/**
 * Opens a 1x1 WebGL2 context (OffscreenCanvas, so it works in a worker; a DOM canvas otherwise),
 * reads the renderer through WEBGL_debug_renderer_info and releases the context at once, since
 * browsers cap live contexts and tfjs opens its own.
 */
export function probeRenderer(): RendererProbe {
  try {
    const canvas =
      typeof OffscreenCanvas !== 'undefined'
        ? new OffscreenCanvas(1, 1)
        : typeof document !== 'undefined'
          ? document.createElement('canvas')
          : undefined
    if (!canvas) return { webgl2: false, error: 'no OffscreenCanvas in this context' }
    const gl = canvas.getContext('webgl2') as WebGL2RenderingContext | null
    if (!gl) return { webgl2: false, error: 'WebGL2 is unavailable' }
    const info = gl.getExtension('WEBGL_debug_renderer_info')
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '')
    gl.getExtension('WEBGL_lose_context')?.loseContext()
    return { webgl2: true, renderer }
  } catch (error) {
    return { webgl2: false, error: error instanceof Error ? error.message : String(error) }
  }
}
