import { defineConfig } from 'vitest/config'

// Node unit tests for the pure core and the tfjs model code. tfjs-core's ESM files use
// extensionless imports that Node's loader rejects, so Vitest must inline (transform) them.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'cli/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    server: { deps: { inline: [/@tensorflow\//] } },
    testTimeout: 60_000,
  },
})
