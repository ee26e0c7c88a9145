/** Training backend preference: "auto" picks WebGL on a real GPU, wasm on a software renderer, cpu last. */
export type BackendPreference = 'auto' | 'webgl' | 'wasm' | 'cpu'
