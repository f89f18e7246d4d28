import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alphabetOf, Automaton } from './automaton';

/** Every (pattern, end) pair found by walking the automaton over `text`. */
function automatonHits(patterns: string[], text: string, auto = new Automaton(patterns)): string[] {
  const hits: string[] = [];
  let state = auto.rootOffset;
  for (let i = 0; i < text.length; i++) {
    const cls = auto.classOf[text.charCodeAt(i)]!;
    let next = auto.delta[state + cls]!;
    if (next === 0) next = auto.resolve(state, cls);
    state = next < 0 ? ~next : next;
    if (next < 0) for (const id of auto.outputs(state)) hits.push(`${patterns[id]}@${i + 1}`);
    else if (auto.outputs(state).length > 0) hits.push(`unflagged output@${i + 1}`);
  }
  return hits.sort();
}

/** Every (pattern, end) pair, by looking up each substring of each pattern length: slow to run by hand, plainly right. */
function naiveHits(patterns: string[], text: string): string[] {
  const wanted = new Set(patterns);
  const lengths = [...new Set(patterns.map((pattern) => pattern.length))];
  const hits: string[] = [];
  for (let end = 1; end <= text.length; end++) {
    for (const length of lengths) {
      if (length <= end && wanted.has(text.slice(end - length, end))) hits.push(`${text.slice(end - length, end)}@${end}`);
    }
  }
  return hits.sort();
}

describe('Automaton (lazily resolved Aho–Corasick)', () => {
  it('finds overlapping and nested patterns, reached through failure links', () => {
    const patterns = ['he', 'she', 'his', 'hers', 'ice', 'ice agents', 'black ice'];
    const text = 'ushers saw black ice agents; his shehers';
    expect(automatonHits(patterns, text)).toEqual(naiveHits(patterns, text));
  });

  it('creates states only as the text reaches them, and keeps the class count even (offsets even, complements odd)', () => {
    const patterns = ['abd', 'b', 'abc'];
    const auto = new Automaton(patterns);
    expect(auto.stateCount).toBe(1);
    expect(auto.classCount % 2).toBe(0);
    expect(automatonHits(patterns, 'x', auto)).toEqual([]);
    expect(auto.stateCount).toBe(1);
    expect(automatonHits(patterns, 'abc abd b', auto)).toEqual(naiveHits(patterns, 'abc abd b'));
    // root, a, ab, abc, abd, b
    expect(auto.stateCount).toBe(6);
  });

  it('grows its table past its first size and keeps every answer', () => {
    const words = Array.from({ length: 200 }, (_, n) => `w${n.toString(36)}x`);
    const auto = new Automaton(words);
    const before = auto.delta;
    expect(automatonHits(words, words.join(' '), auto)).toEqual(naiveHits(words, words.join(' ')));
    expect(auto.delta).not.toBe(before);
    expect(auto.delta.length).toBeGreaterThanOrEqual((auto.stateCount + 1) * auto.classCount);
  });

  it('takes a shipped alphabet in place of reading every pattern', () => {
    const patterns = ['ice', 'black ice'];
    const auto = new Automaton(patterns, alphabetOf(patterns));
    expect(automatonHits(patterns, 'black ice', auto)).toEqual(naiveHits(patterns, 'black ice'));
    expect(alphabetOf(['ab', 'ba', 'c'])).toEqual([97, 98, 99]);
  });

  it('resolves each transition once and then answers from the table', () => {
    const auto = new Automaton(['ab']);
    const a = auto.classOf['a'.charCodeAt(0)]!;
    const root = auto.rootOffset;
    expect(auto.delta[root + a]).toBe(0);
    const first = auto.resolve(root, a);
    expect(auto.delta[root + a]).toBe(first);
    expect(first).toBeGreaterThan(0);
    expect(first % 2).toBe(0);
    const b = auto.classOf['b'.charCodeAt(0)]!;
    // "ab" ends there: the target is stored complemented.
    expect(auto.resolve(first, b)).toBeLessThan(0);
  });

  it('builds the same automaton whatever order the patterns come in', () => {
    const patterns = ['ice', 'black ice', 'i', 'ic', 'ice agents'];
    const text = 'black ice agents on thin ice';
    expect(automatonHits([...patterns].reverse(), text)).toEqual(naiveHits(patterns, text));
    expect(automatonHits([...patterns].sort(), text)).toEqual(naiveHits(patterns, text));
  });

  it('agrees with a naive search on random patterns and texts', () => {
    const alphabet = fc.constantFrom('a', 'b', 'c', ' ', 'é', '\u0000');
    const word = fc.array(alphabet, { minLength: 1, maxLength: 5 }).map((units) => units.join(''));
    // The text also holds units no pattern has (class 0).
    const textUnit = fc.oneof(alphabet, fc.constantFrom('x', 'ß'));
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 12 }), fc.array(textUnit, { maxLength: 60 }), (patterns, units) => {
        const text = units.join('');
        expect(automatonHits(patterns, text)).toEqual(naiveHits(patterns, text));
      }),
    );
  });

  it('agrees with a naive search on pattern sets big enough to grow the table many times', () => {
    const alphabet = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
    const word = fc.array(alphabet, { minLength: 1, maxLength: 9 }).map((units) => units.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 80, maxLength: 400 }), fc.array(alphabet, { minLength: 200, maxLength: 1000 }), (patterns, units) => {
        const text = units.join('');
        expect(automatonHits(patterns, text)).toEqual(naiveHits(patterns, text));
      }),
      { numRuns: 30 },
    );
  });

  it('keeps what it resolved when finding an output adds states and replaces the table (newsroom-sized pack)', () => {
    let seed = 14;
    const next = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    const invented = () => Array.from({ length: 3 + Math.floor(next() * 8) }, () => String.fromCharCode(97 + Math.floor(next() * 26))).join('');
    const patterns = [...new Set(Array.from({ length: 6000 }, () => (next() < 0.3 ? `${invented()} ${invented()}` : invented())))];
    const text = Array.from({ length: 3000 }, () => (next() < 0.2 ? patterns[Math.floor(next() * patterns.length)]! : invented())).join(' ');
    expect(automatonHits(patterns, text)).toEqual(naiveHits(patterns, text));
  });

  it('creates each trie state at most once, however often the text and the failure links reach it', () => {
    const alphabet = fc.constantFrom('a', 'b', 'c');
    const word = fc.array(alphabet, { minLength: 1, maxLength: 6 }).map((units) => units.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 20 }), fc.array(alphabet, { maxLength: 80 }), (patterns, units) => {
        const prefixes = new Set(patterns.flatMap((pattern) => Array.from(pattern, (_, i) => pattern.slice(0, i + 1))));
        const auto = new Automaton(patterns);
        const text = units.join('');
        automatonHits(patterns, text, auto);
        automatonHits(patterns, patterns.join(''), auto);
        // The root plus one state per distinct prefix of a pattern, and no more.
        expect(auto.stateCount).toBeLessThanOrEqual(1 + prefixes.size);
      }),
      { numRuns: 100 },
    );
  });

  it('never lets a character outside every pattern take a trie edge, not even one for U+0000', () => {
    const patterns = ['a\u0000b', 'ab'];
    expect(automatonHits(patterns, 'axb a\u0000b ab')).toEqual(naiveHits(patterns, 'axb a\u0000b ab'));
    expect(automatonHits(patterns, 'axb')).toEqual([]);
  });

  it('handles an empty pattern list', () => {
    expect(automatonHits([], 'anything')).toEqual([]);
  });
});
