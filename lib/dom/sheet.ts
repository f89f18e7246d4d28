/** Viewports narrower than this (CSS px) show the card as a sheet: a popover would not fit beside the term. */
const SHEET_BREAKPOINT = 600;
/** A sheet takes at most this share of the viewport height, so the page stays in sight above or below it. */
export const SHEET_MAX_FRACTION = 0.6;
/** Below this height a sheet shrunk to fit beside the term would be too small to read; it covers the term instead. */
export const SHEET_MIN_HEIGHT = 160;
/** Class on the floating element while the card is a sheet (card.css styles the card inside it). */
export const SHEET_CLASS = 'ce-sheet';

export function isNarrowViewport(width: number): boolean {
  return width < SHEET_BREAKPOINT;
}

export interface SheetPlacement {
  side: 'top' | 'bottom';
  /** The sheet's max height in px. */
  maxHeight: number;
}

/**
 * Where a sheet of `height` (its content height, already capped at the 60% limit) goes so it does not
 * cover the term at `term` (viewport coordinates): the bottom when it fits below the term, else the
 * top when it fits above, else the larger side, shrunk to that room (but not below SHEET_MIN_HEIGHT).
 */
export function placeSheet(viewportHeight: number, term: { top: number; bottom: number }, height: number, gap = 8): SheetPlacement {
  const cap = Math.floor(viewportHeight * SHEET_MAX_FRACTION);
  const wanted = Math.min(height, cap);
  const offscreen = term.bottom <= 0 || term.top >= viewportHeight;
  const below = Math.floor(viewportHeight - term.bottom - gap);
  const above = Math.floor(term.top - gap);
  if (offscreen || wanted <= below) return { side: 'bottom', maxHeight: cap };
  if (wanted <= above) return { side: 'top', maxHeight: cap };
  const side = below >= above ? 'bottom' : 'top';
  return { side, maxHeight: Math.min(cap, Math.max(SHEET_MIN_HEIGHT, side === 'bottom' ? below : above)) };
}
