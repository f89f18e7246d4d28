import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { CardHost } from '../../lib/dom/card-host';
import { CARD_MODULE_GLOBAL, createLazyCardHost, type CardHostFactory } from '../../lib/dom/lazy-card-host';
import { createFallbackPainter } from '../../lib/dom/fallback-marks';
import { createHighlightPainter, supportsCustomHighlights, type MarkPainter } from '../../lib/dom/highlights';
import { caretAt, markAt, trackPointer } from '../../lib/dom/hit-test';
import { createHoverIntent, type HoverIntent } from '../../lib/dom/hover-intent';
import { ShownMarks } from '../../lib/dom/mark-mode';
import { compareMarks, liveRange, type Mark } from '../../lib/dom/marks';
import { watchMutations } from '../../lib/dom/mutations';
import { pageFallbackText } from '../../lib/dom/page-context';
import { PageScanner } from '../../lib/dom/scanner';
import type { Matcher } from '../../lib/match/types';
import { sendToBackground } from '../../lib/messaging';
import type { Settings } from '../../lib/settings-core';
import { countMentions, sameCounts } from './counts';

/** Loads the card module (entrypoints/content-card.ts) into this content script's world. */
async function loadCardModule(): Promise<CardHostFactory> {
  if (import.meta.env.FIREFOX) {
    // AMO's linter flags import() of a computed URL; Firefox gets the card bundled in instead.
    (await import('../content-card')).default.main();
  } else {
    const url = browser.runtime.getURL('/content-card.js' as '/content-scripts/content.js');
    await import(/* @vite-ignore */ url);
  }
  const factory = (globalThis as Record<string, unknown>)[CARD_MODULE_GLOBAL];
  if (typeof factory !== 'function') throw new Error(`content-card.js did not register ${CARD_MODULE_GLOBAL}`);
  return factory as CardHostFactory;
}

/** Context words are looked for in at most this much title-and-headings text. */
const FALLBACK_TEXT_LIMIT = 4000;

/** Quiet time after the last scan slice before counts go to the background (badge, popup). */
const COUNTS_DEBOUNCE_MS = 400;

export interface Session {
  settingsChanged(settings: Settings): void;
  /** The page moved to another URL without a reload (history API). */
  navigated(): void;
  reveal(explainerId: string): boolean;
  navigate(direction: 1 | -1): boolean;
  stop(): void;
}

function prefersReducedMotion(): boolean {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

function scrollToMark(mark: Mark): void {
  const rect = liveRange(mark).getBoundingClientRect();
  const inView = rect.top >= 0 && rect.bottom <= window.innerHeight && rect.bottom > 0;
  if (inView) return;
  mark.nodes[0]?.parentElement?.scrollIntoView({
    block: 'center',
    inline: 'nearest',
    behavior: prefersReducedMotion() ? 'auto' : 'smooth',
  });
}

/**
 * Everything the content script does on a page while enabled: scan, mark, hit-test, hover card,
 * counts. Cleans up through one AbortSignal, tied to the content script context.
 */
export function startSession(ctx: ContentScriptContext, matcher: Matcher, initial: Settings): Session {
  const lifetime = new AbortController();
  const { signal } = lifetime;
  const stopOnInvalidate = ctx.onInvalidated(() => lifetime.abort());
  let settings = initial;
  const shown = new ShownMarks<Mark>(initial.markMode, compareMarks);
  /** Text node → shown marks touching it, for hit-testing. */
  const index = new Map<Text, Mark[]>();
  let ordered: Mark[] | null = null;
  let lastCounts: Record<string, number> | null = null;
  let countsTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * How the open card was opened if not by hovering: by a command (navigate, reveal: the card takes
   * focus and gives it back on close), by tabbing onto a link with a mark (focus stays on the
   * link), or by a click (when the reader chose click-to-open). Hover movements leave such a card
   * alone until the pointer rests on another mark.
   */
  let keyboardOpen: 'command' | 'focus' | 'click' | null = null;

  const mutations = watchMutations(document, {
    signal,
    onChanged: (nodes) => scanner.rescan(nodes),
  });

  const painter: MarkPainter = supportsCustomHighlights()
    ? createHighlightPainter(initial.highlightStyle)
    : createFallbackPainter((change) => mutations.quietly(change), initial.highlightStyle);

  const card: CardHost = createLazyCardHost(
    {
      ctx,
      loadCard: (id) => sendToBackground('getCard', { id }),
      fullUrl: (id) => `${browser.runtime.getURL('/explainer.html')}#${encodeURIComponent(id)}`,
      openFull: (id) => {
        // Chromium may refuse a page's navigation to chrome-extension://; the background opens the tab.
        sendToBackground('openExplainer', { id }).catch(() => window.open(browser.runtime.getURL('/explainer.html') + '#' + encodeURIComponent(id), '_blank', 'noopener'));
      },
      onCloseRequest: () => intent.closeNow(),
      onPointerInCard: (inside) => {
        if (!keyboardOpen) intent.pointerAt(inside ? 'card' : null);
      },
    },
    loadCardModule,
  );

  const intent: HoverIntent<Mark> = createHoverIntent<Mark>({
    openDelayMs: () => settings.hoverDelayMs,
    onOpen: (mark) => {
      painter.setActive(mark);
      card.open(mark, { focus: keyboardOpen === 'command' });
    },
    onClose: () => {
      painter.setActive(null);
      card.close({ restoreFocus: keyboardOpen === 'command' });
      keyboardOpen = null;
    },
  });

  const sendCounts = () => {
    countsTimer = undefined;
    if (signal.aborted) return;
    const counts = countMentions(scanner.marks());
    if (lastCounts && sameCounts(lastCounts, counts)) return;
    lastCounts = counts;
    sendToBackground('pageMatches', { counts }).catch(() => {
      // Background asleep or reloading: the next scan sends again.
      lastCounts = null;
    });
  };
  const scheduleCounts = () => {
    clearTimeout(countsTimer);
    countsTimer = setTimeout(sendCounts, COUNTS_DEBOUNCE_MS);
  };

  let knownShadowRoots = 0;
  /** Page changes inside open shadow roots are invisible to the document observer. */
  const observeNewShadowRoots = () => {
    if (scanner.shadowRoots.size === knownShadowRoots) return;
    knownShadowRoots = scanner.shadowRoots.size;
    for (const root of scanner.shadowRoots) mutations.observe(root);
  };

  /** Draws and indexes what changed; runs inside the scan slice that found it, costing only that. */
  const applyShownChange = ({ shown: nowShown, hidden }: { shown: Mark[]; hidden: Mark[] }) => {
    if (nowShown.length === 0 && hidden.length === 0) return;
    for (const mark of hidden) {
      for (const node of mark.nodes) {
        const list = index.get(node)?.filter((other) => other !== mark);
        if (list && list.length > 0) index.set(node, list);
        else index.delete(node);
      }
    }
    painter.update(nowShown, hidden);
    for (const mark of nowShown) {
      for (const node of mark.nodes) {
        const list = index.get(node);
        if (list) list.push(mark);
        else index.set(node, [mark]);
      }
    }
    ordered = null;
    const open = intent.openTarget;
    if (open && !shown.has(open)) intent.closeNow();
  };

  const refresh = () => {
    const { added, removed } = scanner.takeChanges();
    applyShownChange(shown.update(added, removed));
    scheduleCounts();
  };

  const scanner = new PageScanner(document, {
    matcher,
    signal,
    fallbackText: () => pageFallbackText(document, FALLBACK_TEXT_LIMIT),
    onMarksChanged: refresh,
    onIdle: () => {
      observeNewShadowRoots();
      scheduleCounts();
    },
    beforeRescan: (root) => painter.release(root),
  });

  const inDocumentOrder = (): Mark[] => (ordered ??= [...shown.values()].sort(compareMarks));

  const markAtPoint = (x: number, y: number): Mark | null =>
    index.size === 0 ? null : markAt(index, caretAt(document, x, y, [...scanner.shadowRoots]), x, y);

  trackPointer(document, signal, (frame) => {
    if (settings.openOn === 'click') return;
    if (card.owns(frame.target)) return intent.pointerAt('card');
    const over = frame.outside ? null : markAtPoint(frame.x, frame.y);
    // A card opened from the keyboard stays until Esc, unless the pointer rests on another mark.
    if (keyboardOpen) {
      if (over === null || over === intent.openTarget) return;
      keyboardOpen = null;
    }
    intent.pointerAt(over);
  });

  // Click-to-open: a click on a mark opens its card at once, a click anywhere else but the card
  // closes it. The click itself is left alone (a mark inside a link still follows the link).
  document.addEventListener(
    'click',
    (event) => {
      if (settings.openOn !== 'click' || card.owns(event.target)) return;
      const mark = markAtPoint(event.clientX, event.clientY);
      if (mark) {
        keyboardOpen = 'click';
        intent.openNow(mark);
      } else if (intent.openTarget) {
        intent.closeNow();
      }
    },
    { capture: true, passive: true, signal },
  );

  document.addEventListener(
    'keydown',
    (event) => {
      if (event.key === 'Escape' && intent.openTarget) intent.closeNow();
    },
    { capture: true, signal },
  );

  const openFromKeyboard = (mark: Mark) => {
    scrollToMark(mark);
    keyboardOpen = 'command';
    intent.openNow(mark);
  };

  // Keyboard readers get cards too: tabbing onto a link with a mark opens the card of its first
  // mark, and leaving the link closes it. (:focus-visible leaves out focus from mouse clicks.)
  const markInside = (element: Element): Mark | undefined => {
    for (const mark of shown.values()) if (element.contains(mark.nodes[0]!)) return mark;
    return undefined;
  };
  document.addEventListener(
    'focusin',
    (event) => {
      const target = event.target;
      if (!(target instanceof HTMLAnchorElement) || keyboardOpen === 'command') return;
      if (!target.matches(':focus-visible')) return;
      const mark = markInside(target);
      if (!mark) return;
      keyboardOpen = 'focus';
      intent.openNow(mark);
    },
    { signal },
  );
  document.addEventListener(
    'focusout',
    (event) => {
      if (keyboardOpen !== 'focus' || card.owns(event.relatedTarget)) return;
      intent.closeNow();
    },
    { signal },
  );

  signal.addEventListener('abort', () => {
    clearTimeout(countsTimer);
    intent.dispose();
    card.remove();
    painter.clear();
    stopOnInvalidate();
  });

  scanner.scanDocument();

  return {
    settingsChanged(next) {
      const previous = settings;
      settings = next;
      if (next.markMode !== previous.markMode) applyShownChange(shown.setMode(next.markMode));
      if (next.highlightStyle !== previous.highlightStyle) painter.setStyle(next.highlightStyle);
      if (next.openOn !== previous.openOn && intent.openTarget) intent.closeNow();
    },
    navigated() {
      intent.closeNow();
      lastCounts = null;
      scanner.scanDocument();
    },
    reveal(explainerId) {
      const mark = inDocumentOrder().find((candidate) => candidate.explainerId === explainerId);
      if (!mark) return false;
      openFromKeyboard(mark);
      return true;
    },
    navigate(direction) {
      const marks = inDocumentOrder();
      if (marks.length === 0) return false;
      const current = intent.openTarget;
      const at = current ? marks.indexOf(current) : -1;
      const next =
        at === -1
          ? direction === 1
            ? marks[0]!
            : marks[marks.length - 1]!
          : marks[(at + direction + marks.length) % marks.length]!;
      openFromKeyboard(next);
      return true;
    },
    stop: () => lifetime.abort(),
  };
}
