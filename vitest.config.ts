import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    environment: 'happy-dom',
    include: [
      'lib/**/*.test.ts',
      'components/**/*.test.tsx',
      'entrypoints/**/*.test.ts',
      'tools/**/*.test.ts',
      'tests/unit/**/*.test.ts',
      'tests/eval/**/*.test.ts',
      'tests/bench/**/*.test.ts',
      'tests/firefox/**/*.test.ts',
      'tests/safari/**/*.test.ts',
    ],
    reporters: ['default'],
    // CI machines have 2 cores; tests that spawn the CLIs (tsx) need more than vitest's 5 s default there.
    setupFiles: ['tests/unit/fast-check-seed.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
