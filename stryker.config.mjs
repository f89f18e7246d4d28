// Mutation testing of the modules that decide what a reader sees: the matcher, the pack door and
// its signature check, mark modes, hover intent, the content session and search.
// `npm run test:mutation` runs tools/mutation/run.ts: one Stryker run per group in tools/mutation/groups.mjs
// (MUTATION_GROUP picks it), then one score over all of them.
import { selectedGroup } from './tools/mutation/groups.mjs';

const group = selectedGroup();

export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  coverageAnalysis: 'perTest',
  mutate: group.mutate,
  // Reuses earlier results for code and tests that did not change: a rerun after a fix costs minutes.
  incremental: true,
  incrementalFile: `.output/mutation/${group.name}.incremental.json`,
  ignorePatterns: ['.output', 'reports', 'tests/e2e', 'tests/a11y', 'tests/pages', 'tests/demo', 'tests/firefox'],
  concurrency: 2,
  // Timed-out mutants (a loop that never ends) count as detected; a short limit keeps each from costing long.
  timeoutMS: 8_000,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: `.output/mutation/${group.name}.html` },
  jsonReporter: { fileName: `.output/mutation/${group.name}.json` },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
