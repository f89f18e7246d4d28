import { beforeEach } from 'vitest';

/**
 * A value built afresh before each test of the enclosing `describe`, instead of once while the tests are
 * collected. Stryker counts code run during collection as covered by no test ("static") and reruns every
 * test of the group, in a reloaded environment, for each mutant in it; built per test, a mutant reruns
 * only the tests that use it, and each of those sees the mutant in its own set-up.
 */
export function builtEachTest<T>(build: () => T): () => T {
  let value: { current: T } | undefined;
  beforeEach(() => {
    value = { current: build() };
  });
  return () => {
    if (value === undefined) throw new Error('builtEachTest: read outside a test');
    return value.current;
  };
}
