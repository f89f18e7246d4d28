import type { Mark } from '../../lib/dom/marks';

/** Mentions per explainer, every mention counted (not only the marked ones). */
export function countMentions(marks: Iterable<Mark>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const mark of marks) counts[mark.explainerId] = (counts[mark.explainerId] ?? 0) + 1;
  return counts;
}

/** Same counts regardless of key order. */
export function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
