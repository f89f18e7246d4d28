// Mutation testing of the modules that decide what a reader sees: the matcher, the pack door and
// its signature check, mark modes, hover intent, the content session and search.
// Run: npx stryker run (needs @stryker-mutator/core and @stryker-mutator/vitest-runner).
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.config.ts', related: true },
  coverageAnalysis: 'perTest',
  mutate: [
    'lib/match/*.ts',
    '!lib/match/*.test.ts',
    '!lib/match/types.ts',
    'lib/pack-store/accept.ts',
    'lib/pack-store/verify.ts',
    'lib/pack-format/sign.ts',
    'lib/pack-format/validate.ts',
    'lib/dom/mark-mode.ts',
    'lib/dom/hover-intent.ts',
    'entrypoints/content/session.ts',
    'entrypoints/content/card-control.ts',
    'entrypoints/content/reader-input.ts',
    'lib/catalog/catalog.ts',
    'lib/catalog/query.ts',
  ],
  // The mutated modules' own unit tests; evaluation and e2e suites are slow and run elsewhere.
  ignorePatterns: ['.output', 'tests/e2e', 'tests/a11y', 'tests/pages', 'tests/demo', 'tests/firefox'],
  concurrency: 2,
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: '.output/mutation/index.html' },
  thresholds: { high: 90, low: 85, break: 85 },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
