import type { CardHost } from '../../lib/dom/card-host';
import type { MarkPainter } from '../../lib/dom/highlights';
import { createHoverIntent, type Timers } from '../../lib/dom/hover-intent';
import type { Mark } from '../../lib/dom/marks';

/**
 * How the open card was opened if not by hovering: by a command (navigate, reveal: the card takes
 * focus and gives it back on close), by tabbing onto a link with a mark (focus stays on the link),
 * by a click (when the reader chose click-to-open), or by a tap on a touch screen. Hover movements
 * leave such a card alone until the pointer rests on another mark.
 */
export type OpenReason = 'command' | 'focus' | 'click' | 'tap';

export interface OpenExtras {
  /** The page link around the mark (already checked with safeHref), offered as "Open link" in the card. */
  link?: string;
  /** Where the pointer was on the mark: the card anchors to that line of a wrapped mark. */
  pointer?: { x: number; y: number };
}

export interface CardControl {
  /** What the pointer is over now (hover): a mark (and where on it), the card, or nothing. */
  pointerAt(over: Mark | 'card' | null, point?: { x: number; y: number }): void;
  /** The pointer entered or left the card itself. */
  pointerInCard(inside: boolean): void;
  open(mark: Mark, reason: OpenReason, extras?: OpenExtras): void;
  close(): void;
  readonly openMark: Mark | null;
  /** How the open card was opened; null for hover or when closed. */
  readonly reason: OpenReason | null;
  owns(target: EventTarget | null): boolean;
}

/**
 * The one card: hover intent decides when it opens and closes, the host shows it, the painter marks
 * its term as active. Cleans up when `signal` aborts.
 */
export function createCardControl(options: {
  card: CardHost;
  painter: MarkPainter;
  hoverDelayMs: () => number;
  signal: AbortSignal;
  timers?: Timers;
}): CardControl {
  const { card, painter } = options;
  let reason: OpenReason | null = null;
  let link: string | undefined;
  /**
   * The pointer's last reported point (hover), or the one an open was given. Read only when a dwell
   * ends, and a dwell only ends on the mark of the last report, so this is that mark's point.
   */
  let pointer: { x: number; y: number } | undefined;
  const intent = createHoverIntent<Mark>({
    openDelayMs: options.hoverDelayMs,
    timers: options.timers,
    onOpen: (mark) => {
      painter.setActive(mark);
      card.open(mark, { focus: reason === 'command', ...(link ? { link } : {}), ...(pointer ? { pointer } : {}) });
    },
    onClose: () => {
      painter.setActive(null);
      card.close({ restoreFocus: reason === 'command' });
      reason = null;
      link = undefined;
    },
  });
  options.signal.addEventListener('abort', () => {
    intent.dispose();
    card.remove();
  });

  return {
    pointerAt(over, point) {
      // A card opened otherwise stays until Esc, unless the pointer rests on another mark.
      if (reason && over !== 'card') {
        if (over === null || over === intent.openTarget) return;
        reason = null;
        link = undefined;
      }
      pointer = point;
      intent.pointerAt(over);
    },
    pointerInCard(inside) {
      if (!reason) intent.pointerAt(inside ? 'card' : null);
    },
    open(mark, why, extras) {
      reason = why;
      link = extras?.link;
      pointer = extras?.pointer;
      intent.openNow(mark);
    },
    close: () => intent.closeNow(),
    get openMark() {
      return intent.openTarget;
    },
    get reason() {
      return reason;
    },
    owns: (target) => card.owns(target),
  };
}
