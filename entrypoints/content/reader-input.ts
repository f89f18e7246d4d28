import { trackPointer } from '../../lib/dom/hit-test';
import type { Mark } from '../../lib/dom/marks';
import type { CardControl } from './card-control';

export interface ReaderInputOptions {
  cards: CardControl;
  /** The shown mark under a viewport point. */
  markAt(x: number, y: number): Mark | null;
  /** The first shown mark inside an element. */
  markInside(element: Element): Mark | undefined;
  /** Whether cards open on click rather than on hover (read on every event: settings change live). */
  opensOnClick(): boolean;
  /** Whether a click comes from a touch tap, which touch input handles whatever the setting. */
  isTouchClick(event: MouseEvent): boolean;
  signal: AbortSignal;
}

/**
 * The reader's pointer, clicks, Esc and keyboard focus, turned into card actions. Listeners are
 * passive where they can be and never stop or prevent the page's own handling.
 */
export function listenToReader(doc: Document, options: ReaderInputOptions): void {
  const { cards, signal } = options;

  trackPointer(doc, signal, (frame) => {
    if (options.opensOnClick()) return;
    if (cards.owns(frame.target)) return cards.pointerAt('card');
    cards.pointerAt(frame.outside ? null : options.markAt(frame.x, frame.y), { x: frame.x, y: frame.y });
  });

  // Click-to-open: a click on a mark opens its card at once, a click anywhere else but the card
  // closes it. The click itself is left alone (a mark inside a link still follows the link).
  doc.addEventListener(
    'click',
    (event) => {
      if (!options.opensOnClick() || cards.owns(event.target) || options.isTouchClick(event)) return;
      const mark = options.markAt(event.clientX, event.clientY);
      if (mark) cards.open(mark, 'click', { pointer: { x: event.clientX, y: event.clientY } });
      // Stryker disable next-line ConditionalExpression: equivalent — closing with nothing open does nothing; the guard skips the call.
      else if (cards.openMark) cards.close();
    },
    // Stryker disable next-line BooleanLiteral: equivalent here — `passive` only promises the browser we never cancel the click.
    { capture: true, passive: true, signal },
  );

  doc.addEventListener(
    'keydown',
    (event) => {
      // Inside the card, the card handles Esc itself: its menu closes first, then the card.
      if (event.key === 'Escape' && cards.openMark && !cards.owns(event.target)) cards.close();
    },
    { capture: true, signal },
  );

  // Keyboard readers get cards too: tabbing onto a link with a mark opens the card of its first
  // mark, and leaving the link closes it. (:focus-visible leaves out focus from mouse clicks.)
  doc.addEventListener(
    'focusin',
    (event) => {
      const target = event.target;
      if (!(target instanceof HTMLAnchorElement) || cards.reason === 'command') return;
      if (!target.matches(':focus-visible')) return;
      const mark = options.markInside(target);
      if (mark) cards.open(mark, 'focus');
    },
    { signal },
  );
  doc.addEventListener(
    'focusout',
    (event) => {
      if (cards.reason !== 'focus' || cards.owns(event.relatedTarget)) return;
      cards.close();
    },
    // Stryker disable next-line ObjectLiteral: equivalent — once stopped the card control is disposed, so a late focusout closes nothing.
    { signal },
  );
}
