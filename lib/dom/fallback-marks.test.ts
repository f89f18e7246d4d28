import { afterEach, describe, expect, it } from 'vitest';
import type { TextMatch } from '../match/types';
import { FALLBACK_MARK_TAG } from './constants';
import { createFallbackPainter } from './fallback-marks';
import { currentText, marksFromMatches } from './marks';
import { BlockWalker } from './text-blocks';

function marksOf(term: string) {
  const block = new BlockWalker(document.body).next()!;
  const matches: TextMatch[] = [];
  for (let at = block.text.indexOf(term); at !== -1; at = block.text.indexOf(term, at + 1)) {
    matches.push({ explainerId: 'x', termIndex: 0, start: at, end: at + term.length, text: term });
  }
  return marksFromMatches(block, matches);
}

describe('fallback painter (no CSS.highlights)', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  const quietly = (change: () => void) => change();

  it('wraps each shown mention, keeps the text, and unwraps without losing it', () => {
    document.body.innerHTML = '<p>ICE and ICE and 287(<em>g</em>)</p>';
    const p = document.querySelector('p')!;
    const marks = [...marksOf('ICE'), ...marksOf('287(g)')];
    const painter = createFallbackPainter(quietly, 'underline');
    painter.update(marks, []);
    const wrappers = [...p.querySelectorAll(FALLBACK_MARK_TAG)].map((wrapper) => wrapper.textContent);
    expect(wrappers).toEqual(['ICE', 'ICE', '287(', 'g', ')']);
    expect(p.textContent).toBe('ICE and ICE and 287(g)');
    expect(marks.map(currentText)).toEqual(['ICE', 'ICE', '287(g)']);

    painter.setActive(marks[1]!);
    expect(p.querySelectorAll(`${FALLBACK_MARK_TAG}[data-active]`)).toHaveLength(1);

    painter.update([], [marks[0]!]);
    expect(p.querySelectorAll(FALLBACK_MARK_TAG)).toHaveLength(4);
    painter.clear();
    expect(p.querySelectorAll(FALLBACK_MARK_TAG)).toHaveLength(0);
    expect(p.textContent).toBe('ICE and ICE and 287(g)');
  });

  it('runs its DOM changes through the quiet callback', () => {
    document.body.innerHTML = '<p>ICE here</p>';
    let quietCalls = 0;
    const painter = createFallbackPainter((change) => {
      quietCalls++;
      change();
    }, 'tint');
    painter.update(marksOf('ICE'), []);
    expect(quietCalls).toBe(1);
    expect(document.querySelector(FALLBACK_MARK_TAG)?.getAttribute('data-style')).toBe('tint');
    painter.setStyle('none');
    expect(document.querySelector(FALLBACK_MARK_TAG)?.getAttribute('data-style')).toBe('none');
  });
});
