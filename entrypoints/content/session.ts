import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { CardHost } from '../../lib/dom/card-host';
import type { MarkPainter } from '../../lib/dom/highlights';
import { liveRange, type Mark } from '../../lib/dom/marks';
import { watchMutations } from '../../lib/dom/mutations';
import { FALLBACK_TEXT_LIMIT, pageFallbackText } from '../../lib/dom/page-context';
import { PageScanner } from '../../lib/dom/scanner';
import { afterNextFrame } from '../../lib/dom/slices';
import type { Matcher } from '../../lib/match/types';
import type { Settings } from '../../lib/settings-core';
import { browserParts } from './browser-parts';
import { createCardControl } from './card-control';
import { createCountsReporter } from './counts-reporter';
import { createMarksView } from './marks-view';
import { listenToReader } from './reader-input';
import { listenToTouch } from './touch-input';

export interface Session {
  settingsChanged(settings: Settings): void;
  /** The page moved to another URL without a reload (history API). */
  navigated(): void;
  reveal(explainerId: string): boolean;
  navigate(direction: 1 | -1): boolean;
  stop(): void;
}

/** What a session draws with and shows cards in; tests pass stand-ins. */
export interface SessionParts {
  painter: MarkPainter;
  card: CardHost;
  /** Mentions per explainer, and how many of each are marked. */
  sendCounts(counts: Record<string, number>, marked?: Record<string, number>): Promise<unknown>;
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
 * Everything the content script does on a page while enabled, wired from parts that each own one
 * job: the scanner finds mentions, the marks view shows and indexes them, the card control opens
 * and closes the card, reader input turns pointer, keys and focus into card actions, and the counts
 * reporter feeds the badge. All of it cleans up through one AbortSignal, tied to the script's context.
 */
export function startSession(
  ctx: ContentScriptContext,
  matcher: Matcher,
  initial: Settings,
  makeParts: (onCloseRequest: () => void, onPointerInCard: (inside: boolean) => void, settings: () => Settings) => SessionParts = (
    close,
    inCard,
    current,
  ) => browserParts(ctx, current, close, inCard),
): Session {
  const lifetime = new AbortController();
  const { signal } = lifetime;
  const stopOnInvalidate = ctx.onInvalidated(() => lifetime.abort());
  let settings = initial;

  const parts = makeParts(
    () => cards.close(),
    (inside) => cards.pointerInCard(inside),
    () => settings,
  );
  const cards = createCardControl({ card: parts.card, painter: parts.painter, hoverDelayMs: () => settings.hoverDelayMs, signal });
  const marks = createMarksView(
    document,
    parts.painter,
    initial.markMode,
    () => {
      const open = cards.openMark;
      if (open && !marks.has(open)) cards.close();
    },
    initial.hiddenExplainers,
  );

  let drawQueued = false;
  const drawChanges = () => {
    drawQueued = false;
    if (signal.aborted) return;
    const { added, removed } = scanner.takeChanges();
    marks.update(added, removed);
    counts.schedule();
  };
  const scanner: PageScanner = new PageScanner(document, {
    matcher,
    signal,
    fallbackText: () => pageFallbackText(document, FALLBACK_TEXT_LIMIT),
    // Drawing reads each marked block's background colour, which on a page still settling forces a
    // style recalculation: done after the next frame, outside the scan slice, and once per batch.
    onMarksChanged: () => {
      // Stryker disable next-line ConditionalExpression: equivalent — a second queued draw takes no changes and draws nothing; the flag only saves the work.
      if (drawQueued) return;
      // Stryker disable next-line BooleanLiteral: equivalent, as above.
      drawQueued = true;
      afterNextFrame(drawChanges);
    },
    onIdle: () => {
      observeNewShadowRoots();
      counts.schedule();
    },
  });
  // Topics the reader chose not to mark are not counted either: the badge and popup match the page.
  const counts = createCountsReporter(
    () => [...scanner.marks()].filter((mark) => !marks.isHidden(mark.explainerId)),
    parts.sendCounts,
    signal,
    () => marks.inDocumentOrder(),
  );

  const mutations = watchMutations(document, { signal, onChanged: (nodes) => scanner.rescan(nodes) });
  const observedShadowRoots = new WeakSet<ShadowRoot>();
  /** Page changes inside open shadow roots are invisible to the document observer. */
  const observeNewShadowRoots = () => {
    for (const root of scanner.shadowRoots) {
      if (observedShadowRoots.has(root)) continue;
      observedShadowRoots.add(root);
      mutations.observe(root);
    }
  };

  const markAt = (x: number, y: number) => marks.at(x, y, scanner.shadowRoots);
  const touch = listenToTouch(document, { cards, markAt, signal });
  listenToReader(document, {
    cards,
    markAt,
    markInside: (element) => marks.inside(element),
    opensOnClick: () => settings.openOn === 'click',
    isTouchClick: (event) => touch.isTouchClick(event),
    signal,
  });

  signal.addEventListener('abort', () => {
    parts.painter.clear();
    stopOnInvalidate();
  });

  const openFromCommand = (mark: Mark) => {
    scrollToMark(mark);
    cards.open(mark, 'command');
  };

  scanner.scanDocument();

  return {
    settingsChanged(next) {
      const previous = settings;
      settings = next;
      // Stryker disable next-line ConditionalExpression: equivalent — the same mode re-decides nothing and the counts stay the same; this only saves the work.
      if (next.markMode !== previous.markMode) {
        marks.setMode(next.markMode);
        // The same mentions, but a different number marked: the popup's counts follow.
        counts.schedule();
      }
      // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent — applying the same hidden list again hides and counts the same; the comparison only saves the work.
      if (next.hiddenExplainers.join('\n') !== previous.hiddenExplainers.join('\n')) {
        marks.setHidden(next.hiddenExplainers);
        counts.schedule();
      }
      if (next.highlightStyle !== previous.highlightStyle) parts.painter.setStyle(next.highlightStyle);
      // An open card was opened the old way, or is in the old language: the next one follows the new setting.
      if ((next.openOn !== previous.openOn || next.explainerLanguage !== previous.explainerLanguage) && cards.openMark) cards.close();
    },
    navigated() {
      cards.close();
      counts.forget();
      scanner.scanDocument();
    },
    reveal(explainerId) {
      const mark = marks.inDocumentOrder().find((candidate) => candidate.explainerId === explainerId);
      if (!mark) return false;
      openFromCommand(mark);
      return true;
    },
    navigate(direction) {
      const ordered = marks.inDocumentOrder();
      if (ordered.length === 0) return false;
      const current = cards.openMark;
      const at = current ? ordered.indexOf(current) : -1;
      const next =
        at === -1
          ? direction === 1
            ? ordered[0]!
            : ordered[ordered.length - 1]!
          : ordered[(at + direction + ordered.length) % ordered.length]!;
      openFromCommand(next);
      return true;
    },
    stop: () => lifetime.abort(),
  };
}
