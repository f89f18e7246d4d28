// Types for groups.mjs, which stays plain JavaScript because stryker.config.mjs imports it.
export interface MutationGroup {
  mutate: string[];
  tests: string[];
}
export declare const MUTATION_GROUPS: Record<string, MutationGroup>;
export declare function selectedGroup(env?: Record<string, string | undefined>): MutationGroup & { name: string };
