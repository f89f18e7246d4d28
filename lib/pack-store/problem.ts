import type messages from '../../public/_locales/en/messages.json';

/**
 * Why the pack door or the pack store refused something, kept as data so the options page can
 * say it in the reader's language: `code` is a message key in public/_locales/<lang>/messages.json
 * and `substitutions` fill its placeholders in order. The English wording lives only in
 * public/_locales/en/messages.json (tests render it with that file).
 */
export type PackProblemCode = Extract<keyof typeof messages, `packError${string}`>;

export interface PackProblem {
  code: PackProblemCode;
  /**
   * The message's $1…$n, in order: URLs, sizes, key ids, and technical detail for the publisher
   * (the schema validator's and JSON scanner's wording, an engine's error text), which stays English.
   */
  substitutions?: string[];
  /**
   * A problem this one wraps ("subscribed, but the first download failed: …"): rendered first and
   * passed as the message's last placeholder.
   */
  cause?: PackProblem;
}

export function packProblem(code: PackProblemCode, substitutions: readonly (string | number)[] = [], cause?: PackProblem): PackProblem {
  return {
    code,
    ...(substitutions.length > 0 ? { substitutions: substitutions.map(String) } : {}),
    ...(cause ? { cause } : {}),
  };
}

/** How a surface turns a message key and its substitutions into text (`browser.i18n.getMessage`, or English in tests). */
export type MessageLookup = (code: string, substitutions: string[]) => string;

/** The problem as text, its causes rendered from the inside out. */
export function renderPackProblem(problem: PackProblem, lookup: MessageLookup): string {
  const substitutions = [...(problem.substitutions ?? [])];
  if (problem.cause) substitutions.push(renderPackProblem(problem.cause, lookup));
  return lookup(problem.code, substitutions);
}

const MAX_DEPTH = 8;

function isProblemAt(value: unknown, depth: number): value is PackProblem {
  const problem = value as Partial<Record<keyof PackProblem, unknown>> | null;
  if (typeof problem !== 'object' || problem === null || depth > MAX_DEPTH) return false;
  if (typeof problem.code !== 'string' || !problem.code.startsWith('packError')) return false;
  if (problem.substitutions !== undefined && !(Array.isArray(problem.substitutions) && problem.substitutions.every((s) => typeof s === 'string'))) {
    return false;
  }
  return problem.cause === undefined || isProblemAt(problem.cause, depth + 1);
}

/** Whether stored or received data is a well-formed problem (a code this version may not know still passes; it renders as its key). */
export function isPackProblem(value: unknown): value is PackProblem {
  return isProblemAt(value, 0);
}

/**
 * A stored `lastError` made into a problem: versions before problems were structured stored English
 * text, which is shown as it is; anything else unreadable is dropped.
 */
export function storedProblem(value: unknown): PackProblem | undefined {
  if (typeof value === 'string') return value === '' ? undefined : packProblem('packErrorLegacy', [value]);
  return isPackProblem(value) ? value : undefined;
}
