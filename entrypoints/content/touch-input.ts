import type { Mark } from '../../lib/dom/marks';
import { safeHref } from '../../lib/safe-url';
import type { CardControl } from './card-control';

/** A touch that moves further than this (CSS px) is a scroll or a drag, not a tap. */
export const TAP_SLOP_PX = 10;
/** A touch held longer than this is a long press (text selection, the browser's menu), not a tap. */
export const TAP_MAX_MS = 500;
/** The click a tap produces follows its pointerup within this time (browsers may wait ~300 ms for a double tap). */
const CLICK_AFTER_TAP_MS = 800;

export interface TouchInputOptions {
  cards: CardControl;
  /** The shown mark under a viewport point. */
  markAt(x: number, y: number): Mark | null;
  signal: AbortSignal;
}

export interface TouchInput {
  /** Whether a click comes from a touch tap (the mouse click handler leaves those to this module). */
  isTouchClick(event: MouseEvent): boolean;
}

/** The page link around a mark, as an href fit for "Open link" (http/https only), or null. */
function linkAround(mark: Mark): { anchor: HTMLAnchorElement; href: string | null } | null {
  const anchor = mark.nodes[0]?.parentElement?.closest('a[href]');
  if (!(anchor instanceof HTMLAnchorElement)) return null;
  return { anchor, href: safeHref(anchor.href) };
}

/**
 * Taps on a touch screen, told apart with Pointer Events (pointerType 'touch'), not the user agent.
 * A tap on a mark opens its card; on a mark inside a link the first tap opens the card (its click is
 * kept from navigating) and a second tap on the same mark follows the link. A tap elsewhere closes
 * the card, as does going back in history. Every touch listener is passive: scrolling, long press
 * and selection are the browser's, and a touch that moves or is cancelled (a scroll) opens nothing.
 */
export function listenToTouch(doc: Document, options: TouchInputOptions): TouchInput {
  const { cards, signal } = options;
  const view = doc.defaultView ?? window;
  let down: { id: number; x: number; y: number; at: number; moved: boolean } | null = null;
  /** Set by a tap that opened a card for a mark inside a link: that tap's click must not navigate. */
  let holdClickUntil = 0;
  let lastTapAt = -Infinity;
  const passive: AddEventListenerOptions = { capture: true, passive: true, signal };

  doc.addEventListener(
    'pointerdown',
    (event) => {
      if (event.pointerType !== 'touch' || !event.isPrimary) return;
      down = { id: event.pointerId, x: event.clientX, y: event.clientY, at: event.timeStamp, moved: false };
    },
    passive,
  );
  doc.addEventListener(
    'pointermove',
    (event) => {
      if (!down || event.pointerId !== down.id) return;
      if (Math.hypot(event.clientX - down.x, event.clientY - down.y) > TAP_SLOP_PX) down.moved = true;
    },
    passive,
  );
  // The browser cancels the pointer when it takes the touch over for scrolling or zooming.
  doc.addEventListener(
    'pointercancel',
    (event) => {
      if (down && event.pointerId === down.id) down = null;
    },
    passive,
  );
  doc.addEventListener(
    'pointerup',
    (event) => {
      const start = down;
      if (!start || event.pointerId !== start.id) return;
      down = null;
      const far = Math.hypot(event.clientX - start.x, event.clientY - start.y) > TAP_SLOP_PX;
      if (start.moved || far || event.timeStamp - start.at > TAP_MAX_MS) return;
      lastTapAt = event.timeStamp;
      onTap(event.clientX, event.clientY, event.target, event.timeStamp);
    },
    passive,
  );

  const onTap = (x: number, y: number, target: EventTarget | null, at: number) => {
    if (cards.owns(target)) return;
    const mark = options.markAt(x, y);
    if (!mark) {
      if (cards.openMark) cards.close();
      return;
    }
    const link = linkAround(mark);
    // Second tap on the term whose card is open: leave the click alone, so a link is followed.
    if (cards.openMark === mark) return;
    cards.open(mark, 'tap', link?.href ? { link: link.href } : undefined);
    if (link) holdClickUntil = at + CLICK_AFTER_TAP_MS;
  };

  // The one place a default is prevented: the click of the tap that opened a card for a term inside
  // a link, so that tap shows the card instead of leaving the page.
  doc.addEventListener(
    'click',
    (event) => {
      if (holdClickUntil === 0) return;
      const hold = event.timeStamp <= holdClickUntil;
      holdClickUntil = 0;
      if (hold) event.preventDefault();
    },
    { capture: true, signal },
  );

  // Going back (the Android back gesture) closes the card. We push no history of our own, so this
  // only ever follows the page's or the reader's navigation.
  view.addEventListener(
    'popstate',
    () => {
      if (cards.openMark) cards.close();
    },
    { signal },
  );

  return {
    isTouchClick(event) {
      if ('pointerType' in event && (event as PointerEvent).pointerType === 'touch') return true;
      return event.timeStamp - lastTapAt <= CLICK_AFTER_TAP_MS;
    },
  };
}
