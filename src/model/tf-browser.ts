// Every tfjs import of the browser build lives here (and in ./kernels), so that the training
// worker's bundle holds only what a training step runs. The CLI must not import it (it loads the
// CommonJS @tensorflow/tfjs); of the tests, only ./kernels/kernels.test.ts does, on purpose.
//
// Why this kernel set. The package indexes register every op, chained op and gradient, and every
// kernel of each backend: the worker was 242 KB gzip. Here tfjs-core comes op by op, and each
// backend through its kernel-free `dist/base` plus these kernels only (./kernels/cpu|webgl|wasm.ts):
//   Add BatchMatMul Cast Exp ExpandDims GatherV2 Identity Log Max Multiply Reshape ScatterNd Square Sub Sum
// That is every kernel that stepLoss, tf.valueAndGrads and the gradients run by name. It is the same
// on cpu, wasm and webgl, because only ops, gradients and the engine run kernels by name, and they
// do not depend on the backend; what a backend does inside a kernel (webgl's transpose before a
// reduction, its small-tensor cpu path) is a direct call of a function the kernel module imports.
// The one addition is wasm's Transpose: a wasm kernel binds its C++ function when it is registered,
// and Max and Sum call transpose() directly (./kernels/wasm.ts). The gradients are those of the
// kernels on the tape between the parameters and the loss (./kernels/gradients.ts).
// The worker build also runs the trimTfjs plugin (./kernels/trim-tfjs.mjs, from vite.config.ts):
// tfjs's own modules pull in optimizers, tf.io, cpu kernels webgl never calls and the threaded wasm
// build whatever is registered. Result: 77.5 KB gzip for core + gradients + webgl + wasm + cpu.
//
// A missing kernel fails at run time: "Kernel 'X' not registered for backend 'Y'", or for a wasm
// helper "<name> is not a function". To re-profile after the model code changes:
//   1. npx vitest run src/model/kernels: trains on cpu and on wasm with exactly this set; it spies
//      on engine.runKernel (kernels run by name) and engine.addTapeNode (kernels needing a gradient)
//      and names what is missing from each backend's list, webgl's included;
//   2. build with `minify: false` and grep localshelf-worker.js for `runKernel(`: the call sites are
//      every kernel the bundle can run by name (today the set above, plus Complex for complex64
//      casts, which training never makes);
//   3. npx playwright test e2e/training.spec.ts trains in the built worker on webgl, wasm and cpu;
//   4. npm run build && node scripts/size.mjs: the worker must stay <= 100 KB gzip.
// A new op goes into `tf` below and TF (tf-types.ts), its kernels into all three backend lists and,
// when it is on the tape, its gradient into ./kernels/gradients.ts.
//
// base_side_effects must stay the first import: it creates the engine and the flag registry that
// the backends' modules use as they are evaluated (the build points their '@tensorflow/tfjs-core'
// imports at dist/base.js, which sets nothing up).
import '@tensorflow/tfjs-core/dist/base_side_effects'
import { env } from '@tensorflow/tfjs-core/dist/environment'
import { backend, dispose, getBackend, memory, ready, setBackend, tidy } from '@tensorflow/tfjs-core/dist/globals'
import { customGrad, valueAndGrads } from '@tensorflow/tfjs-core/dist/gradients'
import { registerGradient, registerKernel } from '@tensorflow/tfjs-core/dist/kernel_registry'
import { add } from '@tensorflow/tfjs-core/dist/ops/add'
import { expandDims } from '@tensorflow/tfjs-core/dist/ops/expand_dims'
import { gatherND } from '@tensorflow/tfjs-core/dist/ops/gather_nd'
import { logSoftmax } from '@tensorflow/tfjs-core/dist/ops/log_softmax'
import { matMul } from '@tensorflow/tfjs-core/dist/ops/mat_mul'
import { mul } from '@tensorflow/tfjs-core/dist/ops/mul'
import { scalar } from '@tensorflow/tfjs-core/dist/ops/scalar'
import { scatterND } from '@tensorflow/tfjs-core/dist/ops/scatter_nd'
import { square } from '@tensorflow/tfjs-core/dist/ops/square'
import { sum } from '@tensorflow/tfjs-core/dist/ops/sum'
import { tensor1d } from '@tensorflow/tfjs-core/dist/ops/tensor1d'
import { tensor2d } from '@tensorflow/tfjs-core/dist/ops/tensor2d'
import { tensor3d } from '@tensorflow/tfjs-core/dist/ops/tensor3d'
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm/dist/base'
import { selectBackend, type BackendChoice, type BackendName } from './backend'
import { CPU_KERNELS } from './kernels/cpu'
import { TRAINING_GRADIENTS } from './kernels/gradients'
import { WASM_KERNELS } from './kernels/wasm'
import { WEBGL_KERNELS } from './kernels/webgl'
import { probeRenderer } from './renderer'
import type { TF } from './tf-types'

// Registered here rather than in ./kernels: the package's "sideEffects" list does not name src/,
// so a module imported only for its side effects would be dropped from the bundle.
for (const config of [...WEBGL_KERNELS, ...WASM_KERNELS, ...CPU_KERNELS]) registerKernel(config)
for (const config of TRAINING_GRADIENTS) registerGradient(config)

/**
 * The tfjs-core functions model code uses, as one object: a namespace import would keep every op.
 */
export const tf: TF = {
  add, backend, customGrad, dispose, env, expandDims, gatherND, getBackend, logSoftmax, matMul, memory, mul, ready, scalar,
  scatterND, setBackend, square, sum, tensor1d, tensor2d, tensor3d, tidy, valueAndGrads,
}

export type { BackendChoice, BackendName }

/**
 * Sets the tfjs backend for training: 'auto' picks WebGL2 on a real GPU, wasm (SIMD build) on a
 * software renderer or without WebGL2, cpu last; forced preferences fall back the same way.
 * `wasmPath` is the folder URL holding tfjs-backend-wasm-simd.wasm (or that file's URL).
 */
export function chooseBackend(tfjs: TF, pref: 'auto' | BackendName, wasmPath: string): Promise<BackendChoice> {
  return selectBackend(tfjs, pref, wasmPath, { setWasmPaths, probe: probeRenderer })
}
