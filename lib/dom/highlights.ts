import { ACTIVE_HIGHLIGHT_NAME, HIGHLIGHT_NAME } from './constants';
import type { Mark } from './marks';

/** Draws marks on the page; the only part of the content script that decides how marks look. */
export interface MarkPainter {
  /** Draw `shown`, stop drawing `hidden`. */
  update(shown: readonly Mark[], hidden: readonly Mark[]): void;
  setActive(mark: Mark | null): void;
  /** Undo whatever painting did inside `root` before it is rescanned (a no-op for highlights). */
  release(root: Node): void;
  clear(): void;
}

export function supportsCustomHighlights(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

/**
 * CSS Custom Highlight API painter: ranges are registered by name and styled by the
 * `::highlight()` rules of our manifest stylesheet, so the page DOM is never touched.
 */
export function createHighlightPainter(): MarkPainter {
  const all = new Highlight();
  const active = new Highlight();
  // Drawn above the plain underline where both cover the same text.
  active.priority = 1;
  CSS.highlights.set(HIGHLIGHT_NAME, all);
  CSS.highlights.set(ACTIVE_HIGHLIGHT_NAME, active);
  return {
    update(shown, hidden) {
      for (const mark of hidden) all.delete(mark.range);
      for (const mark of shown) all.add(mark.range);
    },
    setActive(mark) {
      active.clear();
      if (mark) active.add(mark.range);
    },
    release() {},
    clear() {
      all.clear();
      active.clear();
      if (CSS.highlights.get(HIGHLIGHT_NAME) === all) CSS.highlights.delete(HIGHLIGHT_NAME);
      if (CSS.highlights.get(ACTIVE_HIGHLIGHT_NAME) === active) CSS.highlights.delete(ACTIVE_HIGHLIGHT_NAME);
    },
  };
}
