import type * as v from 'valibot';

/** `facts[2].sources` from a valibot issue path. */
export function issuePath(issue: v.BaseIssue<unknown>): string {
  let path = '';
  for (const item of issue.path ?? []) {
    const key = (item as { key: unknown }).key;
    path += typeof key === 'number' ? `[${key}]` : path === '' ? String(key) : `.${String(key)}`;
  }
  return path;
}

/** Turns valibot's generic key messages into ones an author can act on. */
export function issueMessage(issue: v.BaseIssue<unknown>): string {
  if (issue.type === 'strict_object' && issue.expected === 'never') {
    return `unknown field ${issue.received} (misspelt?)`;
  }
  if (issue.kind === 'schema' && issue.received === 'undefined' && /^".*"$/.test(issue.expected ?? '')) {
    return 'required field is missing';
  }
  return issue.message;
}
