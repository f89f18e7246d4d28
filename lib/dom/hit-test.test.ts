import { describe, expect, it } from 'vitest';
import { indexMarks, markAt, rectsContain } from './hit-test';
import type { Mark } from './marks';

const rect = (left: number, top: number, width: number, height: number) =>
  ({ left, top, right: left + width, bottom: top + height, width, height, x: left, y: top }) as DOMRectReadOnly;

function fakeMark(nodes: Text[], rects: DOMRectReadOnly[]): Mark {
  const range = document.createRange();
  range.setStart(nodes[0]!, 0);
  range.setEnd(nodes[nodes.length - 1]!, 1);
  range.getClientRects = () => rects as unknown as DOMRectList;
  return { explainerId: 'x', termIndex: 0, text: '', range, nodes, block: document.body, section: '', lang: 'en' };
}

describe('hit-testing', () => {
  it('indexes every text node a mark touches', () => {
    const a = document.createTextNode('a');
    const b = document.createTextNode('b');
    const first = fakeMark([a, b], []);
    const second = fakeMark([b], []);
    const index = indexMarks([first, second]);
    expect(index.get(a)).toEqual([first]);
    expect(index.get(b)).toEqual([first, second]);
  });

  it('accepts a point only inside one of the line boxes', () => {
    const boxes = [rect(10, 10, 50, 20), rect(0, 30, 30, 20)];
    expect(rectsContain(boxes, 20, 15)).toBe(true);
    expect(rectsContain(boxes, 5, 40)).toBe(true);
    expect(rectsContain(boxes, 100, 15)).toBe(false);
    expect(rectsContain(boxes, 45, 45)).toBe(false);
  });

  it('confirms the caret candidate against the mark geometry, so margins do not count', () => {
    const text = document.createTextNode('ICE agents');
    document.body.append(text);
    const mark = fakeMark([text], [rect(100, 100, 30, 18)]);
    const index = indexMarks([mark]);
    expect(markAt(index, { node: text, offset: 1 }, 110, 105)).toBe(mark);
    expect(markAt(index, { node: text, offset: 1 }, 400, 105)).toBeNull();
    expect(markAt(index, { node: document.body, offset: 0 }, 110, 105)).toBeNull();
    expect(markAt(index, null, 110, 105)).toBeNull();
    text.remove();
  });
});
