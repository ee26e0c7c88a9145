import type { KernelConfig } from '@tensorflow/tfjs-core/dist/kernel_registry'
import '@tensorflow/tfjs-backend-cpu/dist/base'
import { addConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Add'
import { batchMatMulConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/BatchMatMul'
import { castConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Cast'
import { expConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Exp'
import { expandDimsConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/ExpandDims'
import { gatherNdConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/GatherNd'
import { identityConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Identity'
import { logConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Log'
import { maxConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Max'
import { multiplyConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Multiply'
import { reshapeConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Reshape'
import { scatterNdConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/ScatterNd'
import { squareConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Square'
import { subConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sub'
import { sumConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sum'

/**
 * The cpu backend (the last fallback, and the one 'cpu' forces) with the kernels a training
 * step runs. Importing the backend's base registers it with tfjs-core without any kernel.
 */
export const CPU_KERNELS: KernelConfig[] = [
  addConfig, batchMatMulConfig, castConfig, expConfig, expandDimsConfig, gatherNdConfig,
  identityConfig, logConfig, maxConfig, multiplyConfig, reshapeConfig, scatterNdConfig,
  squareConfig, subConfig, sumConfig,
]
