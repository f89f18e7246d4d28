import type { HighlightStyle } from '../settings-core';
import { ACTIVE_HIGHLIGHT_NAME, HIGHLIGHT_NAME, ON_DARK_SUFFIX, TINT_HIGHLIGHT_NAME } from './constants';
import type { Mark } from './marks';
import type { Tone } from './page-colors';

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
 * `::highlight()` rules of our manifest stylesheet, so the page DOM is never touched. A stylesheet
 * cannot see the page's colours, so each mark is drawn under the name of its tone (the background
 * behind it, `toneOf`): "context-explainers" on light backgrounds, "context-explainers-on-dark" on
 * dark ones, each styled with a colour that stands out from that side.
 */
const NAME_FOR_STYLE: Record<HighlightStyle, string | null> = {
  underline: HIGHLIGHT_NAME,
  tint: TINT_HIGHLIGHT_NAME,
  none: null,
};

const named = (base: string, tone: Tone) => (tone === 'dark' ? `${base}${ON_DARK_SUFFIX}` : base);
const TONES: readonly Tone[] = ['light', 'dark'];

export function createHighlightPainter(style: HighlightStyle, toneOf: (mark: Mark) => Tone = () => 'light'): MarkPainter {
  const all: Record<Tone, Highlight> = { light: new Highlight(), dark: new Highlight() };
  const active: Record<Tone, Highlight> = { light: new Highlight(), dark: new Highlight() };
  /** The tone each drawn mark went under, so hiding it finds it even if the page's colours changed since. */
  const toneOfDrawn = new WeakMap<Mark, Tone>();
  // Drawn above the plain underline where both cover the same text.
  for (const tone of TONES) active[tone].priority = 1;
  let base = NAME_FOR_STYLE[style];
  const register = () => {
    for (const tone of TONES) {
      if (base) CSS.highlights.set(named(base, tone), all[tone]);
      CSS.highlights.set(named(ACTIVE_HIGHLIGHT_NAME, tone), active[tone]);
    }
  };
  const unregister = (registered: string | null) => {
    if (!registered) return;
    for (const tone of TONES) {
      const name = named(registered, tone);
      if (CSS.highlights.get(name) === all[tone]) CSS.highlights.delete(name);
    }
  };
  register();
  return {
    setStyle(next) {
      unregister(base);
      base = NAME_FOR_STYLE[next];
      register();
    },
    update(shown, hidden) {
      for (const mark of hidden) {
        all[toneOfDrawn.get(mark) ?? 'light'].delete(mark.range);
        toneOfDrawn.delete(mark);
      }
      for (const mark of shown) {
        const tone = toneOf(mark);
        toneOfDrawn.set(mark, tone);
        all[tone].add(mark.range);
      }
    },
    setActive(mark) {
      for (const tone of TONES) active[tone].clear();
      if (mark) active[toneOfDrawn.get(mark) ?? toneOf(mark)].add(mark.range);
    },
    clear() {
      for (const tone of TONES) {
        all[tone].clear();
        active[tone].clear();
      }
      unregister(base);
      for (const tone of TONES) {
        const name = named(ACTIVE_HIGHLIGHT_NAME, tone);
        if (CSS.highlights.get(name) === active[tone]) CSS.highlights.delete(name);
      }
    },
  };
}
