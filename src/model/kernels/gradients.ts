import type { GradConfig } from '@tensorflow/tfjs-core/dist/kernel_registry'
import { addGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Add_grad'
import { batchMatMulGradConfig } from '@tensorflow/tfjs-core/dist/gradients/BatchMatMul_grad'
import { expandDimsGradConfig } from '@tensorflow/tfjs-core/dist/gradients/ExpandDims_grad'
import { multiplyGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Multiply_grad'
import { squareGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Square_grad'
import { sumGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Sum_grad'

/**
 * The gradients of the kernels a training step records on the tape between the parameters and the
 * loss. Sub, Exp, Log and Max have none here on purpose: they only run inside tf.logSoftmax, whose
 * customGrad supplies the gradient, as gatherRows' customGrad does for GatherNd and ScatterNd. The
 * gradients' own kernels (Reshape, Cast, Sum, Multiply, BatchMatMul) are in every backend's list.
 */
export const TRAINING_GRADIENTS: GradConfig[] = [
  addGradConfig, batchMatMulGradConfig, expandDimsGradConfig, multiplyGradConfig, squareGradConfig, sumGradConfig,
]
