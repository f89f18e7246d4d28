import { describe, expect, it } from 'vitest';
import { ShownMarks } from './mark-mode';

interface FakeMark {
  explainerId: string;
  section: string;
  position: number;
}
const byPosition = (a: FakeMark, b: FakeMark) => a.position - b.position;
const mark = (explainerId: string, section: string, position: number): FakeMark => ({ explainerId, section, position });
const sorted = (marks: Iterable<FakeMark>) => [...marks].sort(byPosition);

describe('ShownMarks', () => {
  const marks = [
    mark('ice', 's1', 5),
    mark('ice', 's1', 2),
    mark('287g', 's1', 3),
    mark('ice', 's2', 9),
    mark('ice', 's2', 7),
    mark('287g', 's1', 8),
  ];

  it('shows every mention in "every" mode', () => {
    const shown = new ShownMarks<FakeMark>('every', byPosition);
    shown.update(marks, []);
    expect(shown.size).toBe(marks.length);
  });

  it('shows the first mention of each explainer in each section, whatever order they arrive in', () => {
    const shown = new ShownMarks<FakeMark>('first-per-section', byPosition);
    shown.update(marks.slice(0, 3), []);
    shown.update(marks.slice(3), []);
    expect(sorted(shown.values())).toEqual([marks[1], marks[2], marks[4]]);
  });

  it('reports a later first mention replacing an earlier-found one as shown/hidden', () => {
    const shown = new ShownMarks<FakeMark>('first-per-section', byPosition);
    const late = mark('ice', 's', 10);
    const early = mark('ice', 's', 1);
    expect(shown.update([late], [])).toEqual({ shown: [late], hidden: [] });
    expect(shown.update([early], [])).toEqual({ shown: [early], hidden: [late] });
  });

  it('promotes the next mention when the shown one is removed', () => {
    const shown = new ShownMarks<FakeMark>('first-per-section', byPosition);
    shown.update(marks, []);
    const change = shown.update([], [marks[1]!]);
    expect(change).toEqual({ shown: [marks[0]], hidden: [marks[1]] });
    expect(sorted(shown.values())).toEqual([marks[2], marks[0], marks[4]]);
  });

  it('reports nothing for a mark removed and added back in one update', () => {
    const shown = new ShownMarks<FakeMark>('first-per-section', byPosition);
    shown.update(marks, []);
    expect(shown.update([marks[1]!], [marks[1]!])).toEqual({ shown: [], hidden: [] });
    expect(shown.has(marks[1]!)).toBe(true);
  });

  it('switches modes both ways', () => {
    const shown = new ShownMarks<FakeMark>('first-per-section', byPosition);
    shown.update(marks, []);
    const toEvery = shown.setMode('every');
    expect(sorted(toEvery.shown)).toEqual([marks[0], marks[5], marks[3]]);
    expect(shown.size).toBe(6);
    const back = shown.setMode('first-per-section');
    expect(sorted(back.hidden)).toEqual([marks[0], marks[5], marks[3]]);
    expect(shown.size).toBe(3);
  });
});
