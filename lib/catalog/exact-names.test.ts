import { describe, expect, it } from 'vitest';
import { buildExactNames, exactDocs, isExactNames } from './exact-names';

const entries = [
  { title: 'ICE', terms: ['Immigration and Customs Enforcement', 'ICE'] },
  { title: 'Café policy', terms: ['ice'] },
  { title: 'Asylum', terms: [] },
];

describe('exact names', () => {
  const table = buildExactNames(entries);

  it('finds every entry with a folded title or term spelling, once each', () => {
    expect(exactDocs(table, 'ice', entries.length)).toEqual([0, 1]);
    expect(exactDocs(table, 'cafe policy', entries.length)).toEqual([1]);
    expect(exactDocs(table, 'immigration and customs enforcement', entries.length)).toEqual([0]);
    expect(exactDocs(table, 'asylum', entries.length)).toEqual([2]);
  });

  it('finds nothing for a name no entry has, or a part of one', () => {
    expect(exactDocs(table, 'asylu', entries.length)).toEqual([]);
    expect(exactDocs(table, 'zzz', entries.length)).toEqual([]);
    expect(exactDocs(table, '', entries.length)).toEqual([]);
  });

  it('survives structured clone and checks the shape of what storage hands back', () => {
    const stored: unknown = structuredClone(table);
    expect(isExactNames(stored)).toBe(true);
    expect(isExactNames(null)).toBe(false);
    expect(isExactNames({ ...table, docs: [...table.docs] })).toBe(false);
    expect(isExactNames({ ...table, nameStarts: table.nameStarts.slice(1) })).toBe(false);
    expect(isExactNames({ ...table, docStarts: table.docStarts.map((start) => start * 2) })).toBe(false);
  });

  it('skips entry indexes past the entries (a damaged table)', () => {
    expect(exactDocs({ ...table, docs: table.docs.map(() => 99) }, 'ice', entries.length)).toEqual([]);
  });
});
