import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createMatcher } from './index';
import { normalizeTerm } from './normalize';
import { buildPrecheck, checkPrecheckTable, precheckFrom, precheckKeys, precheckTable } from './precheck';

const precheckFor = (terms: string[]) => buildPrecheck(terms.map((term) => normalizeTerm(term)));

describe('buildPrecheck', () => {
  it('rejects text in which no word starts like a term', () => {
    const check = precheckFor(['ICE', 'sanctuary city', '287(g)']);
    expect(check.mayMatch('The quick brown fox; notice the price of twice 1287')).toBe(false);
    expect(check.mayMatch('')).toBe(false);
  });

  it('never rejects text that can match, whatever the spelling', () => {
    const check = precheckFor(['ICE', 'sanctuary city', '287(g)', 'H-1B', 'COVID-19', 'café']);
    for (const text of ['ICE', '(ice)', 'x ICE-berg', 'Sanctuary City', '287 (g)', '§287g', 'H1B', 'H-1B', 'covid19', 'CAFÉ', 'I\u200bCE', '\u00adsanctuary city']) {
      expect(check.mayMatch(text), text).toBe(true);
    }
  });

  it('lets a whole key through only where its word ends, as the matcher needs', () => {
    const terms = ['ICE', 'SB 54', 'U.S.', 'h.r. 1'];
    const check = precheckFor(terms);
    const matcher = createMatcher(terms.map((text, i) => ({ explainerId: `e${i}`, text, caseSensitive: false })));
    for (const text of ['x ICE', 'ICE, then', "ICE's", 'ICE\u00ad', 'ICE\u00ad agents', 'SB 54.', 'the U.S. and', 'H.R. 1 passed']) {
      expect(matcher.match(text).length, text).toBeGreaterThan(0);
      expect(check.mayMatch(text), text).toBe(true);
    }
    for (const text of ['iceberg', 'ICEd tea', 'ICE\u00adberg', 'ic\u200beberg', 'SB 540', 'USA', 'h.r. 12']) {
      expect(matcher.match(text), text).toEqual([]);
      expect(check.mayMatch(text), text).toBe(false);
    }
  });

  it('checks everything when a term starts with punctuation', () => {
    expect(precheckFor(['§ 1357', 'ICE']).mayMatch('nothing here')).toBe(true);
  });
});

describe('buildPrecheck word starts', () => {
  it('finds a key after a run of one-letter words, each of which opened a key of its own', () => {
    const check = precheckFor(['ICE']);
    expect(check.mayMatch('a b c d e f ICE')).toBe(true);
    expect(check.mayMatch('a b c d e f g h i j k ICE agents')).toBe(true);
  });

  it('reads a soft hyphen or zero-width space inside a word as part of it, not as a new word start', () => {
    const check = precheckFor(['ICE']);
    const matcher = createMatcher([{ explainerId: 'ice', text: 'ICE', caseSensitive: false }]);
    for (const text of ['pr\u00adice', 'pr\u200bice', 'no\u00adtice']) {
      expect(matcher.match(text), text).toEqual([]);
      expect(check.mayMatch(text), text).toBe(false);
    }
    expect(check.mayMatch('\u00adice')).toBe(true);
  });

  it('reads a capital it meets for the first time as a letter (Armenian, cased, met nowhere else in this file)', () => {
    // The spelling is written in small letters, so only the text brings the capital Ժ.
    const check = precheckFor(['ժամ']);
    expect(check.mayMatch('Ժամ')).toBe(true);
  });

  it('keys a spelling past an astral letter in it, and still lets every text that holds it through', () => {
    const terms = ['ab\u{10330}cd', 'x\u{1F600}yz'];
    const matcher = createMatcher(terms.map((text, i) => ({ explainerId: `e${i}`, text, caseSensitive: false })));
    const check = precheckFor(terms);
    for (const text of ['AB\u{10330}CD', 'x\u{1F600}yz', 'an ab\u{10330}cd here']) {
      expect(matcher.match(text).length, text).toBeGreaterThan(0);
      expect(check.mayMatch(text), text).toBe(true);
    }
    expect(check.mayMatch('ab cd')).toBe(true);
    expect(check.mayMatch('ab ce, x yq')).toBe(false);
  });
});

describe('buildPrecheck keys across separators', () => {
  it('accepts every spelling normalisation folds into a key', () => {
    const terms = ['287(g) agreement', 'I-589', 'U.S. Border Patrol', 'S. 5', 'EO 14159', 's-comm', '8 U.S.C. 1357(g)'];
    const check = precheckFor(terms);
    const matcher = createMatcher(terms.map((text, i) => ({ explainerId: `e${i}`, text, caseSensitive: false })));
    for (const text of ['a 287 (g) agreement', '2.87g agreement', '2-8-7g Agreement', 'I589 form', 'i‑589', 'U.S.  Border patrol', 'S. 5', 'eo  14159', 'S‐Comm', '8  u.s.c. 1357 (g)']) {
      expect(matcher.match(text).length, text).toBeGreaterThan(0);
      expect(check.mayMatch(text), text).toBe(true);
    }
  });

  it('rejects words that only share a first letter or digit with a key', () => {
    const check = precheckFor(['I-589', 'U.S. Border Patrol', '287(g)', 'SB 54']);
    expect(check.mayMatch('It is used by us in 2024, unless 29 items sb')).toBe(false);
  });

  it('never rejects a text the matcher matches (random spellings)', () => {
    const terms = ['ICE', '287(g)', 'I-589', 'U.S. Border Patrol', 'SB 54', 's-comm', 'H-1B', 'asylum', 'Departamento de Seguridad', 'İstanbul'];
    const matcher = createMatcher(terms.map((text, i) => ({ explainerId: `e${i}`, text, caseSensitive: false })));
    const check = precheckFor(terms);
    const pieces = ['ice', 'ICE', '287', '(g)', ' (g)', 'g', '-', '.', ' ', '  ', 'i', '589', 'u.s.', 'border', 'patrol', 'sb', '54', 's', 'comm', 'h', '1b', '\u2011', '\u200b', 'asy', 'lum', 'İ', 'stanbul', 'x', '2', '8', '7'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        if (matcher.match(text).length > 0) expect(check.mayMatch(text), text).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('buildPrecheck at newsroom size', () => {
  it('still turns away most text that holds no spelling when the pack has 15,000 of them', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    const word = (letters: string) => Array.from({ length: 5 + Math.floor(next() * 5) }, () => letters[Math.floor(next() * letters.length)]).join('');
    // Spellings from the first half of the alphabet, page words from the second: no page word can start like a key.
    const check = precheckFor(Array.from({ length: 15_000 }, () => word('abcdefghijklm')));
    const sentences = Array.from({ length: 200 }, () => Array.from({ length: 12 }, () => word('nopqrstuvwxyz')).join(' '));
    const passed = sentences.filter((sentence) => check.mayMatch(sentence)).length;
    // 20 of 200 pass today (about 1 in 120 words); a filter that did not grow with the keys passes nearly all.
    expect(passed).toBeLessThan(40);
  });
});

describe('precheck table (built by the background, read by frames)', () => {
  const terms = ['ICE', 'sanctuary city', '287(g)', 'U.S. Border Patrol', 'SB 54', 'café'].map((term) => normalizeTerm(term));

  it('answers as the precheck built from the keys, after a JSON round trip', () => {
    const keys = precheckKeys(terms);
    const table = precheckTable(keys)!;
    const read = checkPrecheckTable(JSON.parse(JSON.stringify(table)));
    expect(read).toEqual(table);
    const shipped = precheckFrom(read as typeof table);
    const local = buildPrecheck(terms);
    fc.assert(
      fc.property(fc.array(fc.constantFrom('ice', 'ICE', ' ', '.', 'sanctuary', 'city', '287', '(g)', 'sb', '54', 'x', 'café', '\u00ad'), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(shipped.mayMatch(text)).toBe(local.mayMatch(text));
      }),
    );
    expect(shipped.mayMatch('the ICE office')).toBe(true);
    expect(shipped.mayMatch('the price of iced tea')).toBe(false);
  });

  it('is one character per 8 bits, each in U+0100-U+01FF, so JSON carries it unescaped', () => {
    const { bits } = precheckTable(precheckKeys(terms))!;
    expect(JSON.stringify(bits).length).toBe(bits.length + 2);
    expect([...bits].every((ch) => ch.charCodeAt(0) >= 0x100 && ch.charCodeAt(0) <= 0x1ff)).toBe(true);
  });

  it('has no table when some term cannot be keyed', () => {
    expect(precheckTable(null)).toBeNull();
    expect(precheckFrom(null).mayMatch('anything')).toBe(true);
  });

  it('refuses a malformed table with the reason', () => {
    const table = precheckTable(precheckKeys(terms))!;
    expect(checkPrecheckTable(null)).toEqual(new Error('precheck table: not an object'));
    expect(checkPrecheckTable({ bits: table.bits.slice(0, 100), lengths: table.lengths })).toBeInstanceOf(Error);
    expect(checkPrecheckTable({ bits: 'A'.repeat(table.bits.length), lengths: table.lengths })).toEqual(
      new Error('precheck table: the bits hold a character outside U+0100-U+01FF'),
    );
    expect(checkPrecheckTable({ bits: table.bits, lengths: 1.5 })).toEqual(new Error('precheck table: the lengths are not a 32-bit integer'));
    expect(checkPrecheckTable({ ...table })).toEqual(table);
  });
});
