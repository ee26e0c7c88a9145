import { defineConfig } from 'vitest/config'

// Checks that need the build (dist/): `npm test` runs them after `npm run build` and the demo
// model (npm run test:after-build); `vitest run` (test:unit) does not. One file at a time: the
// start check rebuilds dist/, which the model check's training reads.
export default defineConfig({
  test: {
    include: ['scripts/**/*.after-build.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
  },
})
