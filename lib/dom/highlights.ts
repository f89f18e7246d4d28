import type { HighlightStyle } from '../settings-core';
import { ACTIVE_HIGHLIGHT_NAME, HIGHLIGHT_NAME, TINT_HIGHLIGHT_NAME } from './constants';
import type { Mark } from './marks';

/** Draws marks on the page; the only part of the content script that decides how marks look. */
export interface MarkPainter {
  /** Draw `shown`, stop drawing `hidden`. */
  update(shown: readonly Mark[], hidden: readonly Mark[]): void;
  setActive(mark: Mark | null): void;
  /** Switch how marks look; "none" draws nothing but the active mark. */
  setStyle(style: HighlightStyle): void;
  clear(): void;
}

export function supportsCustomHighlights(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

/**
 * CSS Custom Highlight API painter: ranges are registered by name and styled by the
 * `::highlight()` rules of our manifest stylesheet, so the page DOM is never touched.
 */
const NAME_FOR_STYLE: Record<HighlightStyle, string | null> = {
  underline: HIGHLIGHT_NAME,
  tint: TINT_HIGHLIGHT_NAME,
  none: null,
};

export function createHighlightPainter(style: HighlightStyle): MarkPainter {
  const all = new Highlight();
  const active = new Highlight();
  // Drawn above the plain underline where both cover the same text.
  active.priority = 1;
  let name = NAME_FOR_STYLE[style];
  if (name) CSS.highlights.set(name, all);
  CSS.highlights.set(ACTIVE_HIGHLIGHT_NAME, active);
  const unregister = (registered: string | null) => {
    if (registered && CSS.highlights.get(registered) === all) CSS.highlights.delete(registered);
  };
  return {
    setStyle(next) {
      unregister(name);
      name = NAME_FOR_STYLE[next];
      if (name) CSS.highlights.set(name, all);
    },
    update(shown, hidden) {
      for (const mark of hidden) all.delete(mark.range);
      for (const mark of shown) all.add(mark.range);
    },
    setActive(mark) {
      active.clear();
      if (mark) active.add(mark.range);
    },
    clear() {
      all.clear();
      active.clear();
      unregister(name);
      if (CSS.highlights.get(ACTIVE_HIGHLIGHT_NAME) === active) CSS.highlights.delete(ACTIVE_HIGHLIGHT_NAME);
    },
  };
}
