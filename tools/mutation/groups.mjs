/**
 * The modules that decide what a reader sees, in groups that each run against their own layer's unit
 * tests. Shared by stryker.config.mjs (what to mutate), vitest.mutation.config.ts (which tests run) and
 * tools/mutation/run.ts (one Stryker run per group, then one score).
 */
export const MUTATION_GROUPS = {
  // The matcher in three runs of under an hour each, so each leaves a result of its own.
  'match-sense': {
    mutate: ['lib/match/sense.ts', 'lib/match/context.ts'],
    tests: ['lib/match/**/*.test.ts'],
  },
  'match-walk': {
    mutate: ['lib/match/automaton.ts', 'lib/match/compile.ts', 'lib/match/index.ts', 'lib/match/precheck.ts'],
    tests: ['lib/match/**/*.test.ts'],
  },
  // The text layer's own tests and the matcher tests that drive it. The automaton, precheck and sense
  // tests also normalise text, so they would rerun for nearly every one of its mutants: hours on 2 cores.
  'match-text': {
    mutate: ['lib/match/normalize.ts', 'lib/match/language.ts'],
    tests: ['lib/match/normalize*.test.ts', 'lib/match/language.test.ts', 'lib/match/spanish.test.ts', 'lib/match/index.test.ts', 'lib/match/context.test.ts'],
  },
  door: {
    mutate: ['lib/pack-store/accept.ts', 'lib/pack-store/verify.ts', 'lib/pack-format/sign.ts', 'lib/pack-format/validate.ts'],
    tests: ['lib/pack-store/**/*.test.ts', 'lib/pack-format/**/*.test.ts'],
  },
  dom: {
    mutate: ['lib/dom/mark-mode.ts', 'lib/dom/hover-intent.ts'],
    tests: ['lib/dom/**/*.test.ts'],
  },
  content: {
    mutate: ['entrypoints/content/session.ts', 'entrypoints/content/card-control.ts', 'entrypoints/content/reader-input.ts'],
    tests: ['entrypoints/content/**/*.test.ts'],
  },
  search: {
    mutate: ['lib/catalog/catalog.ts', 'lib/catalog/query.ts'],
    tests: ['lib/catalog/**/*.test.ts'],
  },
};

/** The group named by MUTATION_GROUP, or every group's modules and tests at once. */
export function selectedGroup(env = globalThis.process.env) {
  const name = env.MUTATION_GROUP;
  if (!name) {
    const all = Object.values(MUTATION_GROUPS);
    return { name: 'all', mutate: all.flatMap((g) => g.mutate), tests: all.flatMap((g) => g.tests) };
  }
  const group = MUTATION_GROUPS[name];
  if (!group) throw new Error(`MUTATION_GROUP: unknown group "${name}" (known: ${Object.keys(MUTATION_GROUPS).join(', ')})`);
  return { name, ...group };
}
