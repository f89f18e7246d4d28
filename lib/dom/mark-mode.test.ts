import fc from 'fast-check';
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

  it('keeps the mark already shown when another one is found at the same place', () => {
    const shown = new ShownMarks<FakeMark>('first-per-section', byPosition);
    const found = mark('ice', 's', 4);
    const twin = mark('ice', 's', 4);
    shown.update([found], []);
    expect(shown.update([twin], [])).toEqual({ shown: [], hidden: [] });
    // The twins are equal field for field: only identity tells which one is drawn.
    const drawn = [...shown.values()];
    expect(drawn).toHaveLength(1);
    expect(drawn[0]).toBe(found);
  });

  it('promotes the earliest found of tied next mentions', () => {
    const shown = new ShownMarks<FakeMark>('first-per-section', byPosition);
    const first = mark('ice', 's', 1);
    const a = mark('ice', 's', 6);
    const b = mark('ice', 's', 6);
    shown.update([first, a, b], []);
    const change = shown.update([], [first]);
    expect(change).toEqual({ shown: [a], hidden: [first] });
    // a and b are equal field for field: only identity tells which one was promoted.
    expect(change.shown[0]).toBe(a);
    expect([...shown.values()][0]).toBe(a);
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

/** What should be shown for a set of present marks, decided from scratch. */
function expectedShown(present: readonly FakeMark[], mode: 'every' | 'first-per-section'): FakeMark[] {
  if (mode === 'every') return sorted(present);
  const firsts = new Map<string, FakeMark>();
  for (const candidate of sorted(present)) {
    const key = `${candidate.section}/${candidate.explainerId}`;
    if (!firsts.has(key)) firsts.set(key, candidate);
  }
  return sorted(firsts.values());
}

describe('ShownMarks against a from-scratch model', () => {
  // Few explainers and sections, so groups collide often; distinct positions, as in a document.
  const pool = Array.from({ length: 12 }, (_, i) => mark(['ice', '287g'][i % 2]!, ['s1', 's2'][Math.floor(i / 2) % 2]!, (i * 7) % 12));
  const step = fc.oneof(
    fc.record({ kind: fc.constant('update' as const), added: fc.subarray(pool), removed: fc.subarray(pool) }),
    fc.record({ kind: fc.constant('mode' as const), mode: fc.constantFrom('every' as const, 'first-per-section' as const) }),
  );

  it('shows exactly what the model says after any sequence of updates and mode switches, and reports the net change', () => {
    fc.assert(
      fc.property(fc.constantFrom('every' as const, 'first-per-section' as const), fc.array(step, { maxLength: 25 }), (initial, steps) => {
        const shown = new ShownMarks<FakeMark>(initial, byPosition);
        let mode = initial;
        const present = new Set<FakeMark>();
        const drawn = new Set<FakeMark>();
        for (const next of steps) {
          let change;
          if (next.kind === 'mode') {
            mode = next.mode;
            change = shown.setMode(next.mode);
          } else {
            // Marks both removed and added in one update end up present (removals are applied first).
            const added = next.added;
            const removed = next.removed.filter((candidate) => present.has(candidate) || added.includes(candidate));
            change = shown.update(added, removed);
            for (const candidate of removed) present.delete(candidate);
            for (const candidate of added) present.add(candidate);
          }
          for (const candidate of change.hidden) expect(drawn.delete(candidate), 'hidden only what was drawn').toBe(true);
          for (const candidate of change.shown) {
            expect(drawn.has(candidate), 'shown only what was not drawn').toBe(false);
            drawn.add(candidate);
          }
          const expected = expectedShown([...present], mode);
          expect(sorted(shown.values())).toEqual(expected);
          expect(sorted(drawn)).toEqual(expected);
          expect(shown.size).toBe(expected.length);
          for (const candidate of pool) expect(shown.has(candidate)).toBe(expected.includes(candidate));
        }
      }),
      { numRuns: 300 },
    );
  });
});
