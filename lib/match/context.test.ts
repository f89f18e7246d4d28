import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectCues, contextCue, wordIndexAfter, wordIndexFrom, wordList } from './context';
import { builtEachTest } from '../../tests/support/built-each-test';

/** Words by a plain reading: runs of letters, digits and marks, case-folded; offsets into the text. */
function plainWords(text: string, from: number, to: number): { words: string[]; starts: number[]; ends: number[] } {
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (const m of text.slice(from, to).matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    words.push(m[0].toLowerCase());
    starts.push(from + m.index);
    ends.push(from + m.index + m[0].length);
  }
  return { words, starts, ends };
}

describe('wordList', () => {
  it('lists the words of the whole text, case-folded, with their offsets', () => {
    expect(wordList('ICE agents, (detained) 48h.')).toEqual({
      words: ['ice', 'agents', 'detained', '48h'],
      starts: [0, 4, 13, 23],
      ends: [3, 10, 21, 26],
    });
  });

  it('reads only the slice asked for, with offsets into the whole text', () => {
    const text = 'held by ICE agents until Friday';
    expect(wordList(text, 8, 18)).toEqual({ words: ['ice', 'agents'], starts: [8, 12], ends: [11, 18] });
    expect(wordList(text, 0, 7)).toEqual({ words: ['held', 'by'], starts: [0, 5], ends: [4, 7] });
  });

  it('ends the last word at the end of the text', () => {
    expect(wordList('asylum').ends).toEqual([6]);
    expect(wordList('the asylum')).toEqual({ words: ['the', 'asylum'], starts: [0, 4], ends: [3, 10] });
  });

  // Apostrophes, dots, hyphens and brackets between word characters (as in 287(g)) have rules of their own (normalize.test.ts).
  it('agrees with a plain reading of letters and digits on text of letters, digits, spaces and plain punctuation, any slice', () => {
    const ascii = fc.string({ unit: fc.constantFrom(...'aZ9 ,;\n'.split('')), maxLength: 40 });
    fc.assert(
      fc.property(ascii, fc.nat(), fc.nat(), (text, a, b) => {
        const from = text.length === 0 ? 0 : a % (text.length + 1);
        const to = from + (text.length - from === 0 ? 0 : b % (text.length - from + 1));
        expect(wordList(text, from, to)).toEqual(plainWords(text, from, to));
      }),
      { numRuns: 200 },
    );
  });
});

describe('contextCue', () => {
  it('splits a cue into normalised words, with no empty parts from punctuation at either end', () => {
    expect(contextCue('Immigration  officers')).toEqual(['immigration', 'officers']);
    expect(contextCue('(ICE)')).toEqual(['ice']);
    expect(contextCue("-detainer's-")).toEqual(['detainer', 's']);
  });
});

describe('collectCues', () => {
  const list = builtEachTest(() => wordList('federal immigration officers said the detainer was lifted by immigration officials'));
  const cues = builtEachTest(() => [contextCue('immigration officers'), contextCue('detain'), contextCue('immigration off')]);

  it('adds each distinct word run some cue prefixes, joined by spaces', () => {
    const found = new Set<string>();
    collectCues(list(), 0, list().words.length, cues(), found, 10);
    expect([...found]).toEqual(['immigration officers', 'detainer', 'immigration officials']);
  });

  it('stops once it has found as many as needed', () => {
    const found = new Set<string>();
    collectCues(list(), 0, list().words.length, cues(), found, 1);
    expect([...found]).toEqual(['immigration officers']);
    const two = new Set<string>();
    collectCues(list(), 0, list().words.length, cues(), two, 2);
    expect([...two]).toEqual(['immigration officers', 'detainer']);
  });

  it('looks only inside [from, to): a cue that starts inside but runs past the end is not found', () => {
    const found = new Set<string>();
    // words: federal(0) immigration(1) officers(2) said(3) the(4) detainer(5) …
    collectCues(list(), 1, 2, [contextCue('immigration officers')], found, 10);
    expect([...found]).toEqual([]);
    collectCues(list(), 1, 3, [contextCue('immigration officers')], found, 10);
    expect([...found]).toEqual(['immigration officers']);
    const after = new Set<string>();
    collectCues(list(), 6, 20, [contextCue('detain')], after, 10);
    expect([...after]).toEqual([]);
  });

  it('takes a window that starts before the first word', () => {
    const found = new Set<string>();
    collectCues(list(), -5, 2, [contextCue('immigration')], found, 10);
    expect([...found]).toEqual(['immigration']);
  });
});

describe('word index searches', () => {
  // words: ice(0-3) agents(4-10) held(11-15) him(16-19)
  const list = builtEachTest(() => wordList('ICE agents held him'));

  it('wordIndexAfter finds the first word ending after an offset', () => {
    expect([0, 2, 3, 4, 10, 11, 19, 30].map((offset) => wordIndexAfter(list(), offset))).toEqual([0, 0, 1, 1, 2, 2, 4, 4]);
  });

  it('wordIndexFrom finds the first word starting at or after an offset', () => {
    expect([0, 1, 4, 5, 11, 12, 16, 17, 30].map((offset) => wordIndexFrom(list(), offset))).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4]);
  });

  it('both agree with a linear scan on random word lists', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'bb', 'ccc', ' ', '  ', '.'), { maxLength: 30 }), fc.integer({ min: -2, max: 80 }), (parts, offset) => {
        const words = wordList(parts.join(''));
        const after = words.ends.findIndex((end) => end > offset);
        const from = words.starts.findIndex((start) => start >= offset);
        expect(wordIndexAfter(words, offset)).toBe(after === -1 ? words.ends.length : after);
        expect(wordIndexFrom(words, offset)).toBe(from === -1 ? words.starts.length : from);
      }),
      { numRuns: 200 },
    );
  });
});
