import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time even on two cores (vitest's default there is one):
    // many tests wait on Chromium, child processes or the disk.
    maxWorkers: 2,
    // Files share their worker's modules (HarfBuzz, the Markdown stack) rather
    // than loading them afresh each: nothing here mocks a module or keeps state
    // a later file could see.
    isolate: false,
    // A test focused with .only never passes for the whole suite.
    allowOnly: false
  }
})
