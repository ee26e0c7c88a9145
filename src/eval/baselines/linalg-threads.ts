// The dense SPD inverse of linalg.ts spread over worker threads (Node only), for machines with
// cores to spare: the same block functions, run by workers on SharedArrayBuffer matrices. Each
// step hands out independent blocks through a shared counter (rows of a Cholesky block column,
// block columns of L^-1, row blocks of P), and the calling thread sleeps on Atomics.wait until
// every worker is done, so the API stays synchronous like invertSpdInPlace.
import { Worker } from 'node:worker_threads'
import { BS, choleskyDiagonal, choleskyRows, gemmNT, invertColumnBlock, productRowBlock, symmetrize } from './linalg'

/** Rows of a Cholesky block column per work item. */
const ROW_CHUNK = 64

// The workers run the block functions' own source text (they reference nothing but each other),
// so the bundle needs no separate worker file and the code cannot drift from the serial path.
const workerSource = () => `
const { parentPort } = require('node:worker_threads')
${[gemmNT, choleskyRows, invertColumnBlock, productRowBlock].map((f) => f.toString()).join('\n')}
let a, work, ctrl, t
parentPort.on('message', (m) => {
  if (m.kind === 'bind') {
    a = new Float64Array(m.a); work = new Float64Array(m.work); ctrl = new Int32Array(m.ctrl); t = new Float64Array(m.bs * m.n)
    return
  }
  const { n, bs } = m
  try {
    for (;;) {
      const k = Atomics.add(ctrl, 1, 1)
      if (m.kind === 'rows') {
        const r0 = m.r0 + k * m.chunk
        if (r0 >= n) break
        ${choleskyRows.name}(a, n, m.j0, m.jb, r0, Math.min(n, r0 + m.chunk))
      } else if (m.kind === 'columns') {
        if (k * bs >= n) break
        ${invertColumnBlock.name}(a, n, work, k * bs, bs, t)
      } else {
        if (k * bs >= n) break
        ${productRowBlock.name}(work, a, n, k * bs, bs)
      }
    }
  } catch (error) {
    Atomics.store(ctrl, 2, 1)
  }
  Atomics.add(ctrl, 0, 1)
  Atomics.notify(ctrl, 0)
})
`

/** Float64Array on shared memory, which the workers can see. */
export function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * 8))
}

export interface ThreadPool {
  threads: number
  /** Like invertSpdInPlace; `a` and `work` must come from sharedFloat64. */
  invertSpdInPlace(a: Float64Array, n: number, work: Float64Array, progress?: (step: string) => void): void
  close(): Promise<void>
}

export function createThreadPool(threads: number): ThreadPool {
  if (!(threads >= 1) || !Number.isInteger(threads)) throw new Error(`threads must be a whole number >= 1, got ${threads}`)
  const source = workerSource()
  const workers = Array.from({ length: threads }, () => new Worker(source, { eval: true }))
  // ctrl[0]: workers finished the step; ctrl[1]: next work item; ctrl[2]: a worker failed.
  const ctrl = new Int32Array(new SharedArrayBuffer(12))
  let bound: [Float64Array, Float64Array, number] | undefined

  const step = (message: Record<string, number | string>) => {
    Atomics.store(ctrl, 0, 0)
    Atomics.store(ctrl, 1, 0)
    for (const w of workers) w.postMessage(message)
    for (let done = 0; (done = Atomics.load(ctrl, 0)) < threads;) Atomics.wait(ctrl, 0, done)
    if (Atomics.load(ctrl, 2)) throw new Error('a worker thread failed in the parallel inverse')
  }

  return {
    threads,
    invertSpdInPlace(a, n, work, progress) {
      if (!(a.buffer instanceof SharedArrayBuffer) || !(work.buffer instanceof SharedArrayBuffer)) {
        throw new Error('the parallel inverse needs its matrices in shared memory: allocate them with sharedFloat64(n * n)')
      }
      if (!bound || bound[0] !== a || bound[1] !== work || bound[2] !== n) {
        for (const w of workers) w.postMessage({ kind: 'bind', a: a.buffer, work: work.buffer, ctrl: ctrl.buffer, bs: BS, n })
        bound = [a, work, n]
      }
      for (let j0 = 0; j0 < n; j0 += BS) {
        const jb = Math.min(BS, n - j0)
        choleskyDiagonal(a, n, j0, jb)
        if (j0 + jb < n) step({ kind: 'rows', n, bs: BS, j0, jb, r0: j0 + jb, chunk: ROW_CHUNK })
      }
      for (let i = 0; i < n; i++) a.fill(0, i * n + i + 1, (i + 1) * n)
      progress?.('Cholesky factor')
      work.fill(0)
      step({ kind: 'columns', n, bs: BS })
      progress?.('triangular inverse')
      step({ kind: 'product', n, bs: BS })
      symmetrize(a, n)
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()))
    },
  }
}
