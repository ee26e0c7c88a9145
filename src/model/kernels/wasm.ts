import type { KernelConfig } from '@tensorflow/tfjs-core/dist/kernel_registry'
import '@tensorflow/tfjs-backend-wasm/dist/base'
import { addConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Add'
import { batchMatMulConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/BatchMatMul'
import { castConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Cast'
import { expConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Exp'
import { expandDimsConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/ExpandDims'
import { gatherNdConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/GatherNd'
import { identityConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Identity'
import { logConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Log'
import { maxConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Max'
import { multiplyConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Multiply'
import { reshapeConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Reshape'
import { scatterNdConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/ScatterNd'
import { squareConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Square'
import { subConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Sub'
import { sumConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Sum'
import { transposeConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Transpose'

/**
 * The wasm backend (first choice on a software renderer) with the kernels a training step runs.
 * Importing the backend's base registers it with tfjs-core without any kernel.
 * Transpose is never run by name but must be registered all the same: a wasm kernel binds its
 * C++ function in its setupFunc, which tfjs only calls for registered kernels, and Max and Sum
 * call transpose() directly when the reduced axis is not the innermost one (training fails with
 * "<minified name> is not a function" without it).
 */
export const WASM_KERNELS: KernelConfig[] = [
  addConfig, batchMatMulConfig, castConfig, expConfig, expandDimsConfig, gatherNdConfig,
  identityConfig, logConfig, maxConfig, multiplyConfig, reshapeConfig, scatterNdConfig,
  squareConfig, subConfig, sumConfig, transposeConfig,
]
