/**
 * The tfjs-core namespace. Model code takes it as a parameter instead of importing it because the
 * browser worker uses the ESM tfjs-core while the Node CLI uses the CommonJS `@tensorflow/tfjs`
 * build, and loading both copies in one process breaks the wasm backend.
 */
export type TF = typeof import('@tensorflow/tfjs-core')
