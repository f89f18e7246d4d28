import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMatcher } from './index';
import type { MatchTerm } from './types';
import { isWordKind, KIND_DIGIT, KIND_IGNORE, KIND_WORD, kindAt, kindOf, normalize, normalizeTerm, resetTables, walkNormalized } from './normalize';

/*
 * The character tables, checked against the rules stated in normalize.ts and written here a second way
 * (Unicode properties and NFD, one character at a time), over every BMP code unit. Each test builds
 * the tables afresh, so a wrong table entry cannot hide behind tables another test already filled.
 */
beforeEach(resetTables);

/** Characters the walk drops as if absent (format controls, joiners, fillers, the BOM). */
const IGNORABLE = new Set([
  0xad, 0x34f, 0x61c, 0x115f, 0x1160, 0x17b4, 0x17b5, 0x180e, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2060,
  0x2061, 0x2062, 0x2063, 0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0xfeff,
  // The combining grave, acute, circumflex and diaeresis of decomposed Spanish text.
  0x300, 0x301, 0x302, 0x308,
]);
const DASH = new Set([0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xfe58, 0xfe63, 0xff0d]);
const SINGLE_QUOTE = new Set([0x2018, 0x2019, 0x201a, 0x201b, 0x2032, 0x2bc, 0xff07]);
const DOUBLE_QUOTE = new Set([0x201c, 0x201d, 0x201e, 0x201f, 0x2033, 0xff02, 0xab, 0xbb]);

type Expected = { kind: 'ignore' | 'word' | 'digit' | 'space' | 'other'; folded: string; kept: string };

/** What the stated rules say one BMP character becomes, folded and with case kept. */
function expected(unit: number): Expected {
  const ch = String.fromCharCode(unit);
  if (IGNORABLE.has(unit)) return { kind: 'ignore', folded: '', kept: '' };
  if (unit >= 0xd800 && unit <= 0xdfff) return { kind: 'other', folded: ch, kept: ch };
  if (DASH.has(unit)) return { kind: 'other', folded: '-', kept: '-' };
  if (SINGLE_QUOTE.has(unit)) return { kind: 'other', folded: "'", kept: "'" };
  if (DOUBLE_QUOTE.has(unit)) return { kind: 'other', folded: '"', kept: '"' };
  const digit = /\p{N}/u.test(ch);
  if (digit || /[\p{L}\p{M}]/u.test(ch)) {
    const lower = unit === 0x130 ? 'i' : ch.toLowerCase();
    let folded = lower.length === 1 ? lower : ch;
    const decomposed = folded.normalize('NFD');
    if (folded !== '\u00f1' && decomposed.length > 1 && /^[a-z]$/.test(decomposed[0]!)) folded = decomposed[0]!;
    return { kind: digit ? 'digit' : 'word', folded, kept: ch };
  }
  if (/\s/u.test(ch)) return { kind: 'space', folded: ' ', kept: ' ' };
  return { kind: 'other', folded: ch, kept: ch };
}

function kindName(kind: number, unit: number): Expected['kind'] {
  if (kind === KIND_IGNORE) return 'ignore';
  if (kind === KIND_WORD) return 'word';
  if (kind === KIND_DIGIT) return 'digit';
  // Space and other differ only in what the walk does with them: a lone space reads " ".
  return normalize(String.fromCharCode(unit)).text === ' ' ? 'space' : 'other';
}

/** Each unit's kind and forms as the walk gives them, one fresh table per sweep order. */
function sweep(units: Iterable<number>): string[] {
  const wrong: string[] = [];
  for (const unit of units) {
    const want = expected(unit);
    const ch = String.fromCharCode(unit);
    const got = { kind: kindName(kindOf(unit), unit), folded: normalize(ch).text, kept: normalize(ch, false).text };
    if (got.kind !== want.kind || got.folded !== want.folded || got.kept !== want.kept) {
      wrong.push(`U+${unit.toString(16).padStart(4, '0')}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
    }
  }
  return wrong;
}

/** Whether the walk marks each normalised unit of `text` as part of a word. */
function wordFlags(text: string): boolean[] {
  const flags: boolean[] = [];
  walkNormalized(text, true, null, { put: (_unit, _start, _end, isWord) => flags.push(isWord) });
  return flags;
}

function* range(first: number, last: number): Generator<number> {
  for (let unit = first; unit <= last; unit++) yield unit;
}

describe('character tables', () => {
  it('classify and fold all of ASCII as the rules say', () => {
    expect(sweep(range(0, 0x7f))).toEqual([]);
  });

  it('classify and fold every BMP character as the rules say, met in order', () => {
    expect(sweep(range(0x80, 0xffff))).toEqual([]);
  });

  it('give the same answers when characters are met in another order (letter blocks first)', () => {
    // A page of Chinese meets the ideograph blocks before anything else; the blocks must not spill.
    const order = [...range(0x4e00, 0x4e10), 0x33ff, 0x3400, 0x4dbf, 0x4dc0, 0x9fff, 0xa000, 0xabff, 0xac00, 0xd7a3, 0xd7a4, ...range(0x80, 0x3ff)];
    expect(sweep(order)).toEqual([]);
  });

  it('fold accented Latin letters to their base letter for matching, but keep ñ, and keep them when case is kept', () => {
    expect(normalize('ÁÉÍÓÚÜÇÀÂ áéíóúüçàâ Ññ').text).toBe('aeiouucaa aeiouucaa ññ');
    expect(normalize('Deportación', false).text).toBe('Deportación');
    // Not Latin: Greek and Cyrillic letters with accents keep them.
    expect(normalize('ά й').text).toBe('ά й');
  });
});

describe('astral characters', () => {
  it('read mathematical letters as letters and mathematical digits as digits', () => {
    expect(kindAt('𝐀', 0)).toBe(KIND_WORD);
    expect(kindAt('𝐀', 1)).toBe(KIND_WORD);
    expect(kindAt('𝟎', 0)).toBe(KIND_DIGIT);
    expect(kindAt('x𝟎', 2)).toBe(KIND_DIGIT);
  });

  it('read emoji and pictographs as neither, and the digits at either edge of that range as digits', () => {
    expect(isWordKind(kindAt('😀', 0))).toBe(false);
    expect(isWordKind(kindAt('\u{1f10d}', 0))).toBe(false);
    expect(isWordKind(kindAt('\u{1fbef}', 0))).toBe(false);
    // U+1F10C DINGBAT NEGATIVE CIRCLED SANS-SERIF DIGIT ZERO and U+1FBF0 SEGMENTED DIGIT ZERO.
    expect(kindAt('\u{1f10c}', 0)).toBe(KIND_DIGIT);
    expect(kindAt('\u{1fbf0}', 0)).toBe(KIND_DIGIT);
    // CJK Extension B ideographs are letters.
    expect(kindAt('\u{20000}', 0)).toBe(KIND_WORD);
  });

  it('read a lone surrogate, and anything past either end, as neither', () => {
    expect(isWordKind(kindAt('\ud835', 0))).toBe(false);
    expect(isWordKind(kindAt('\udc00', 0))).toBe(false);
    expect(isWordKind(kindAt('a\udc00', 1))).toBe(false);
    expect(isWordKind(kindAt('\ud835a', 0))).toBe(false);
    expect(isWordKind(kindAt('ab', -1))).toBe(false);
    expect(isWordKind(kindAt('ab', 2))).toBe(false);
    expect(kindAt('ab', 2)).toBe(kindAt('.', 0));
    expect(kindAt('ab', -1)).toBe(kindAt('.', 0));
    // A high surrogate before a letter is no pair (read as one, D840 and "a" would make a digit, U+12461).
    expect(kindAt('\ud840a', 0)).toBe(kindAt('.', 0));
    expect(kindAt('ab', 1)).toBe(KIND_WORD);
  });

  it('pass through unfolded, each half mapped to the whole character, with words marked as words', () => {
    const text = 'A𝐀😀';
    const units: [number, number, number, boolean][] = [];
    walkNormalized(text, true, null, { put: (unit, start, end, isWord) => units.push([unit, start, end, isWord]) });
    expect(units).toEqual([
      [0x61, 0, 1, true],
      [0xd835, 1, 3, true],
      [0xdc00, 1, 3, true],
      [0xd83d, 3, 5, false],
      [0xde00, 3, 5, false],
    ]);
  });

  it('end a code: a digit in an astral word counts for gluing "-" and "(g)" after it', () => {
    expect(normalizeTerm('𝟐𝟖𝟕(g)')).toBe('𝟐𝟖𝟕g');
    expect(normalizeTerm('𝐀(g)')).toBe('𝐀(g)');
    expect(normalizeTerm('𝟐-a')).toBe('𝟐a');
  });
});

describe('code groups', () => {
  it('glue a parenthesised group of one to three letters or digits after a word holding a digit', () => {
    expect(normalizeTerm('212(a)')).toBe('212a');
    expect(normalizeTerm('212(ab)')).toBe('212ab');
    expect(normalizeTerm('212(ab1)')).toBe('212ab1');
    expect(normalizeTerm('212 (ab1)')).toBe('212ab1');
  });

  it('leave longer, empty, unclosed or punctuated groups, and groups after a word without digits, as prose', () => {
    expect(normalizeTerm('212(abcd)')).toBe('212(abcd)');
    expect(normalizeTerm('212 (abcd)')).toBe('212 (abcd)');
    expect(normalizeTerm('212()')).toBe('212()');
    expect(normalizeTerm('212(ab')).toBe('212(ab');
    expect(normalizeTerm('212(a-b)')).toBe('212(a-b)');
    expect(normalizeTerm('section(g)')).toBe('section(g)');
    expect(normalizeTerm('section (g)')).toBe('section (g)');
    expect(normalizeTerm('2019, (g)')).toBe('2019, (g)');
  });

  it('read a space run before the group as one space, and a group after a space run as prose', () => {
    expect(normalizeTerm('212  (a)')).toBe('212 (a)');
    expect(normalize('a  \t b').text).toBe('a b');
  });

  it('map the code back to the whole original span, closing parenthesis included', () => {
    const text = 'per 212(ab) now';
    const { text: out, starts, ends } = normalize(text);
    const at = out.indexOf('212ab');
    expect(text.slice(starts[at], ends[at + 4])).toBe('212(ab)');
    expect(out.slice(at + 5)).toBe(' now');
  });

  it('keep the ")" of a group a word follows, so the code still ends there, and a following group separate', () => {
    // "under 287(g)The sheriff": the code is "287g", not "287gthe".
    expect(normalizeTerm('212(a)b')).toBe('212a)b');
    expect(normalizeTerm('212(a) b')).toBe('212a b');
    expect(normalizeTerm('212(a)(b)')).toBe('212a(b)');
    expect(normalizeTerm('212(a) (b)')).toBe('212a (b)');
  });
});

describe('separators inside codes', () => {
  it('drop "-" and "." between a word and a digit, or between letters once the word holds a digit', () => {
    expect(normalizeTerm('H-1B')).toBe('h1b');
    expect(normalizeTerm('H.1')).toBe('h1');
    expect(normalizeTerm('I-94 I.94')).toBe('i94 i94');
    expect(normalizeTerm('1-B')).toBe('1b');
    expect(normalizeTerm('a1-b a1.b')).toBe('a1b a1b');
  });

  it('keep them between letters, before a space or other punctuation, and at the end of the text', () => {
    expect(normalizeTerm('ICE-led E.U.')).toBe('ice-led e.u.');
    expect(normalizeTerm('2019- 2020 2019.')).toBe('2019- 2020 2019.');
    expect(normalizeTerm('1--2')).toBe('1--2');
    expect(normalize('a1-').text).toBe('a1-');
    expect(normalize('-1').text).toBe('-1');
  });

  it('glue after a code group that ends the code, only what a word would glue', () => {
    // After "287(g)" the code is over: a "-1" that follows is not glued to it.
    expect(normalizeTerm('287(g)-1')).toBe('287g-1');
    expect(normalizeTerm('a1b(g)')).toBe('a1bg');
    // A ")" alone after a space is no group.
    expect(normalizeTerm('212 ab)')).toBe('212 ab)');
  });

  it('count the digits of the current word only: a digit in an earlier word does not glue letters', () => {
    expect(normalizeTerm('2019 ICE-led')).toBe('2019 ice-led');
    expect(normalizeTerm('a1 b-c')).toBe('a1 b-c');
  });
});

describe('normalize', () => {
  it('keeps case when asked but still maps spaces, quotes and dashes', () => {
    expect(normalize('ICÉ\u2019s\u00a0\u2013 DHS', false).text).toBe("ICÉ's - DHS");
  });

  it('returns long texts whole, past the chunk it builds strings in', () => {
    const text = `${'Deportación '.repeat(3000)}ICE`;
    const { text: out, starts, ends } = normalize(text);
    expect(out).toBe(`${'deportacion '.repeat(3000)}ice`);
    expect(starts.length).toBe(out.length);
    expect(ends[out.length - 1]).toBe(text.length);
    expect(text.slice(starts[out.length - 3], ends[out.length - 1])).toBe('ICE');
  });

  it('gives empty text and offsets for text of nothing but ignorable characters', () => {
    const { text, starts, ends } = normalize('\u200b\u00ad\ufeff');
    expect(text).toBe('');
    expect(starts.length).toBe(0);
    expect(ends.length).toBe(0);
  });

  it('trims terms of their edge spaces only', () => {
    expect(normalizeTerm('\u00a0 Sanctuary  city \u3000')).toBe('sanctuary city');
  });
});

describe('surrogate pairs at their edges', () => {
  it('read U+10000 (high surrogate D800) and U+1D7FF (low surrogate DFFF) from either half', () => {
    // U+10000 LINEAR B SYLLABLE B008 A is a letter; U+1D7FF MATHEMATICAL MONOSPACE DIGIT NINE a digit.
    expect(kindAt('\ud800\udc00', 0)).toBe(KIND_WORD);
    expect(kindAt('\ud800\udc00', 1)).toBe(KIND_WORD);
    expect(kindAt('\ud835\udfff', 0)).toBe(KIND_DIGIT);
    expect(kindAt('\ud835\udfff', 1)).toBe(KIND_DIGIT);
    // A low surrogate after a letter is no pair: the letter is a letter.
    expect(kindAt('a\udc00', 0)).toBe(KIND_WORD);
  });

  it('read astral symbols outside the emoji range as neither letter nor digit', () => {
    // U+1D100 MUSICAL SYMBOL SINGLE BARLINE, U+10100 AEGEAN WORD SEPARATOR LINE.
    expect(isWordKind(kindAt('\u{1d100}', 0))).toBe(false);
    expect(isWordKind(kindAt('\u{10100}', 0))).toBe(false);
  });

  it('mark the halves of U+10000 and U+1D7FF as word units in the walk', () => {
    expect(wordFlags('\ud800\udc00 \ud835\udfff')).toEqual([true, true, false, true, true]);
  });

  it('start a new word at an astral letter after a space, and keep an astral letter in a word holding a digit', () => {
    expect(normalizeTerm('1 𝐀(g)')).toBe('1 𝐀(g)');
    expect(normalizeTerm('1𝐀(g)')).toBe('1𝐀g');
    expect(normalizeTerm('𝐀1(g)')).toBe('𝐀1g');
  });
});

describe('the walk driving a matcher through astral characters', () => {
  const term = (explainerId: string, text: string): MatchTerm => ({ explainerId, text, caseSensitive: false });
  const terms = [term('ice', 'ICE'), term('g', '287(g)'), term('s', 'sanctuary city'), term('h', 'H-1B')];
  /** Each astral piece and a BMP stand-in of the same kind and length: matching must not tell them apart. */
  const astral: [string, string][] = [
    ['𝐀', 'xx'],
    ['\u{20000}', 'xx'],
    ['𝟐', '22'],
    ['\ud835\udfff', '99'],
    ['\ud800\udc00', 'xx'],
    ['😀', '!!'],
    ['\u{1d100}', '!!'],
  ];
  const pieces = fc.constantFrom('ICE', 'ice', '287(g)', '287 (g)', '(g)', 'sanctuary city', 'H-1B', '-', ' ', '  ', 'a', '1', '.', ...astral.map(([piece]) => piece));
  const texts = fc.array(pieces, { maxLength: 16 }).map((parts) => parts.join(''));

  it('finds the same spans as in the text with each astral character replaced by two BMP ones of its kind', () => {
    fc.assert(
      fc.property(texts, (text) => {
        let plain = text;
        for (const [piece, standIn] of astral) plain = plain.replaceAll(piece, standIn);
        const spans = (found: ReturnType<ReturnType<typeof createMatcher>['match']>) => found.map((m) => [m.explainerId, m.start, m.end]);
        expect(spans(createMatcher(terms).match(text))).toEqual(spans(createMatcher(terms).match(plain)));
      }),
      { numRuns: 300 },
    );
  });

  it('finds spellings that hold or end in astral characters, with a word boundary after an astral letter', () => {
    const matcher = createMatcher([term('e', 'go 😀'), term('a', 'a𝐀'), term('d', '𝟐𝟎𝟐𝟔')]);
    const found = (text: string) => matcher.match(text).map((m) => m.text);
    expect(found('we go 😀 now')).toEqual(['go 😀']);
    expect(found('we go 😀x now')).toEqual(['go 😀']);
    expect(found('an a𝐀 b')).toEqual(['a𝐀']);
    expect(found('an a𝐀b')).toEqual([]);
    expect(found('an a𝐀𝐀')).toEqual([]);
    expect(found('in 𝟐𝟎𝟐𝟔, and 😀𝟐𝟎𝟐𝟔😀')).toEqual(['𝟐𝟎𝟐𝟔', '𝟐𝟎𝟐𝟔']);
  });
});

describe('surrogates out of order', () => {
  it('read two low surrogates, or a high one before a non-surrogate, as two characters of no kind', () => {
    const other = kindAt('.', 0);
    expect(kindAt('\udc00\udc00', 0)).toBe(other);
    expect(kindAt('\udc00\udc00', 1)).toBe(other);
    // Read as pairs, D840 E000 would be the CJK ideograph U+20400, and D840 "a" the digit U+12461.
    expect(kindAt('\ud840\ue000', 0)).toBe(other);
    expect(kindAt('\ud840\ue000', 1)).toBe(kindOf(0xe000));
    expect(kindAt('\ud840a', 1)).toBe(KIND_WORD);
    expect(wordFlags('\udc00\udc00\ud840\ue000')).toEqual([false, false, false, false]);
    expect(normalize('\udc00\udc00').text).toBe('\udc00\udc00');
  });
});
