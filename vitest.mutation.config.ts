import { defineConfig } from 'vitest/config';
import { selectedGroup } from './tools/mutation/groups.mjs';
import base from './vitest.config';

/**
 * The unit tests Stryker runs against each mutant: the colocated tests of the mutated group's layer.
 * The evaluation, bench and CLI suites spawn processes or compile every explainer; they would make a run
 * hours long. Not isolating files saves a fresh environment per run, which is most of a mutant's cost.
 */
export default defineConfig({
  ...base,
  test: { ...base.test, isolate: false, include: selectedGroup().tests },
});
