import type { Mark } from '../../lib/dom/marks';
import { countMentions, sameCounts } from './counts';

/** Quiet time after the last scan slice before counts go to the background (badge, popup). */
export const COUNTS_DEBOUNCE_MS = 400;

export interface CountsReporter {
  /** Something changed: report the counts once the page has been quiet for a moment. */
  schedule(): void;
  /** The page was replaced (SPA navigation): report again even if the counts look the same. */
  forget(): void;
}

/**
 * Tells the background how many mentions of each explainer the page has, and how many of them are
 * marked (`shown`), debounced and only when the counts changed. A failed send (background asleep)
 * is retried by the next change.
 */
export function createCountsReporter(
  marks: () => Iterable<Mark>,
  send: (counts: Record<string, number>, marked?: Record<string, number>) => Promise<unknown>,
  signal: AbortSignal,
  shown?: () => Iterable<Mark>,
): CountsReporter {
  let last: { counts: Record<string, number>; marked?: Record<string, number> } | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    if (signal.aborted) return;
    const counts = countMentions(marks());
    const marked = shown ? countMentions(shown()) : undefined;
    if (last && sameCounts(last.counts, counts) && (!marked || (last.marked && sameCounts(last.marked, marked)))) return;
    last = { counts, ...(marked ? { marked } : {}) };
    (marked ? send(counts, marked) : send(counts)).catch(() => {
      last = null;
    });
  };
  signal.addEventListener('abort', () => clearTimeout(timer));
  return {
    schedule() {
      clearTimeout(timer);
      timer = setTimeout(flush, COUNTS_DEBOUNCE_MS);
    },
    forget() {
      last = null;
    },
  };
}
