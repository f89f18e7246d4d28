import { describe, expect, it } from 'vitest';
import { isNarrowViewport, placeSheet, SHEET_MIN_HEIGHT } from './sheet';

const HEIGHT = 844;
const CAP = Math.floor(HEIGHT * 0.6);

describe('sheet placement', () => {
  it('uses a sheet below 600 CSS px only', () => {
    expect(isNarrowViewport(390)).toBe(true);
    expect(isNarrowViewport(599)).toBe(true);
    expect(isNarrowViewport(600)).toBe(false);
    expect(isNarrowViewport(1280)).toBe(false);
  });

  it('goes to the bottom when it fits below the term', () => {
    expect(placeSheet(HEIGHT, { top: 100, bottom: 120 }, 400)).toEqual({ side: 'bottom', maxHeight: CAP });
  });

  it('goes to the top when the term is low on the screen', () => {
    expect(placeSheet(HEIGHT, { top: 700, bottom: 720 }, 400)).toEqual({ side: 'top', maxHeight: CAP });
  });

  it('never grows past 60% of the viewport, and caps content taller than that', () => {
    expect(placeSheet(HEIGHT, { top: 10, bottom: 30 }, 2000)).toEqual({ side: 'bottom', maxHeight: CAP });
  });

  it('shrinks to the larger side when a full sheet would cover the term either way', () => {
    const term = { top: 380, bottom: 400 };
    const placed = placeSheet(HEIGHT, term, CAP);
    expect(placed.side).toBe('bottom');
    expect(placed.maxHeight).toBe(HEIGHT - term.bottom - 8);
    expect(HEIGHT - placed.maxHeight).toBeGreaterThanOrEqual(term.bottom);
  });

  it('does not shrink below a readable minimum', () => {
    expect(placeSheet(300, { top: 140, bottom: 160 }, 180).maxHeight).toBe(SHEET_MIN_HEIGHT);
  });

  it('goes to the bottom for a term scrolled out of view', () => {
    expect(placeSheet(HEIGHT, { top: -200, bottom: -180 }, 400).side).toBe('bottom');
    expect(placeSheet(HEIGHT, { top: 900, bottom: 920 }, 400).side).toBe('bottom');
  });
});
