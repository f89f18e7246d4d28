/** How many mentions get a visible mark. */
export type MarkMode = 'first-per-section' | 'every';

export const MARK_MODES: readonly MarkMode[] = ['first-per-section', 'every'];

interface Groupable {
  explainerId: string;
  section: string;
}

/**
 * The marks to draw: all of them, or the first mention of each explainer in each section, so a long
 * article is not underlined dozens of times for one topic. `compare` is document order.
 */
export function selectShownMarks<M extends Groupable>(
  marks: Iterable<M>,
  mode: MarkMode,
  compare: (a: M, b: M) => number,
): Set<M> {
  if (mode === 'every') return new Set(marks);
  const firstByGroup = new Map<string, M>();
  for (const mark of marks) {
    const key = `${mark.section}\u0000${mark.explainerId}`;
    const current = firstByGroup.get(key);
    if (current === undefined || compare(mark, current) < 0) firstByGroup.set(key, mark);
  }
  return new Set(firstByGroup.values());
}
