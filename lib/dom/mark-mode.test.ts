import { describe, expect, it } from 'vitest';
import { selectShownMarks } from './mark-mode';

interface FakeMark {
  explainerId: string;
  section: string;
  position: number;
}
const byPosition = (a: FakeMark, b: FakeMark) => a.position - b.position;
const mark = (explainerId: string, section: string, position: number): FakeMark => ({ explainerId, section, position });

describe('selectShownMarks', () => {
  const marks = [
    mark('ice', 's1', 5),
    mark('ice', 's1', 2),
    mark('287g', 's1', 3),
    mark('ice', 's2', 9),
    mark('ice', 's2', 7),
    mark('287g', 's1', 8),
  ];

  it('shows every mention in "every" mode', () => {
    expect(selectShownMarks(marks, 'every', byPosition).size).toBe(marks.length);
  });

  it('shows the first mention of each explainer in each section, whatever order they were found in', () => {
    const shown = [...selectShownMarks(marks, 'first-per-section', byPosition)].sort(byPosition);
    expect(shown).toEqual([mark('ice', 's1', 2), mark('287g', 's1', 3), mark('ice', 's2', 7)]);
  });

  it('keeps explainers apart when they share a section', () => {
    const shown = selectShownMarks([mark('a', 's', 1), mark('b', 's', 2)], 'first-per-section', byPosition);
    expect(shown.size).toBe(2);
  });
});
