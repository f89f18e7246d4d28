/**
 * The highlight painter against a stand-in for the CSS Custom Highlight API (happy-dom has none):
 * `Highlight` is a set of ranges with a priority, `CSS.highlights` a map from name to Highlight,
 * as in the specification.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACTIVE_HIGHLIGHT_NAME, HIGHLIGHT_NAME, TINT_HIGHLIGHT_NAME } from './constants';
import { createHighlightPainter, supportsCustomHighlights } from './highlights';
import type { Mark } from './marks';

class FakeHighlight extends Set<AbstractRange> {
  priority = 0;
}

let registry: Map<string, FakeHighlight>;

beforeEach(() => {
  registry = new Map();
  vi.stubGlobal('Highlight', FakeHighlight);
  vi.stubGlobal('CSS', { highlights: registry });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

function mark(id: string): Mark {
  const text = document.createTextNode(id);
  const range = document.createRange();
  range.setStart(text, 0);
  range.setEnd(text, id.length);
  return { explainerId: id, termIndex: 0, text: id, range, nodes: [text], block: document.body, section: '', lang: 'en' };
}

const drawn = (name: string) => [...(registry.get(name) ?? [])];

describe('highlight painter', () => {
  it('knows when the API is there', () => {
    expect(supportsCustomHighlights()).toBe(true);
    vi.stubGlobal('Highlight', undefined);
    expect(supportsCustomHighlights()).toBe(false);
  });

  it('registers the underline and the active highlight, the active one drawn on top', () => {
    createHighlightPainter('underline');
    expect([...registry.keys()].sort()).toEqual([ACTIVE_HIGHLIGHT_NAME, HIGHLIGHT_NAME].sort());
    expect(registry.get(ACTIVE_HIGHLIGHT_NAME)!.priority).toBeGreaterThan(registry.get(HIGHLIGHT_NAME)!.priority);
  });

  it('draws shown marks and stops drawing hidden ones', () => {
    const painter = createHighlightPainter('underline');
    const [a, b, c] = [mark('a'), mark('b'), mark('c')];
    painter.update([a, b], []);
    expect(drawn(HIGHLIGHT_NAME)).toEqual([a.range, b.range]);
    painter.update([c], [a]);
    expect(drawn(HIGHLIGHT_NAME)).toEqual([b.range, c.range]);
  });

  it('draws one active mark at a time, and none after setActive(null)', () => {
    const painter = createHighlightPainter('underline');
    const [a, b] = [mark('a'), mark('b')];
    painter.setActive(a);
    painter.setActive(b);
    expect(drawn(ACTIVE_HIGHLIGHT_NAME)).toEqual([b.range]);
    painter.setActive(null);
    expect(drawn(ACTIVE_HIGHLIGHT_NAME)).toEqual([]);
  });

  it('switches style by moving the same marks to another name; "none" draws only the active mark', () => {
    const painter = createHighlightPainter('underline');
    const a = mark('a');
    painter.update([a], []);
    painter.setStyle('tint');
    expect(registry.has(HIGHLIGHT_NAME)).toBe(false);
    expect(drawn(TINT_HIGHLIGHT_NAME)).toEqual([a.range]);
    painter.setStyle('none');
    expect(registry.has(HIGHLIGHT_NAME) || registry.has(TINT_HIGHLIGHT_NAME)).toBe(false);
    painter.setActive(a);
    expect(drawn(ACTIVE_HIGHLIGHT_NAME)).toEqual([a.range]);
    // Marks added while invisible show up when a visible style comes back.
    const b = mark('b');
    painter.update([b], []);
    painter.setStyle('underline');
    expect(drawn(HIGHLIGHT_NAME)).toEqual([a.range, b.range]);
  });

  it('starts with nothing visible but the active highlight for style "none"', () => {
    createHighlightPainter('none');
    expect([...registry.keys()]).toEqual([ACTIVE_HIGHLIGHT_NAME]);
  });

  it('clears its marks and unregisters its own highlights, but not a newer painter\'s', () => {
    const old = createHighlightPainter('underline');
    old.update([mark('a')], []);
    old.clear();
    expect(registry.size).toBe(0);

    const first = createHighlightPainter('underline');
    const second = createHighlightPainter('underline');
    const b = mark('b');
    second.update([b], []);
    first.clear();
    expect(drawn(HIGHLIGHT_NAME)).toEqual([b.range]);
    expect(registry.has(ACTIVE_HIGHLIGHT_NAME)).toBe(true);
  });
});
