import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Automaton } from './automaton';

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
    else expect(auto.outputs(state)).toHaveLength(0);
  }
  return hits.sort();
}

function naiveHits(patterns: string[], text: string): string[] {
  const hits: string[] = [];
  for (const pattern of patterns) {
    for (let at = text.indexOf(pattern); at !== -1; at = text.indexOf(pattern, at + 1)) hits.push(`${pattern}@${at + pattern.length}`);
  }
  return hits.sort();
}

describe('Automaton (lazily resolved Aho–Corasick)', () => {
  it('finds overlapping and nested patterns, reached through failure links', () => {
    const patterns = ['he', 'she', 'his', 'hers', 'ice', 'ice agents', 'black ice'];
    const text = 'ushers saw black ice agents; his shehers';
    expect(automatonHits(patterns, text)).toEqual(naiveHits(patterns, text));
  });

  it('sizes the trie exactly and keeps the class count even (offsets even, complements odd)', () => {
    const auto = new Automaton(['abd', 'b', 'abc']);
    // root, a, ab, abc, abd, b
    expect(auto.stateCount).toBe(6);
    expect(auto.classCount % 2).toBe(0);
  });

  it('gives rows only to the states the text reaches, growing the table past its first size', () => {
    const words = Array.from({ length: 200 }, (_, n) => `w${n.toString(36)}x`);
    const auto = new Automaton(words);
    const before = auto.delta;
    expect(before.length).toBeLessThan(auto.stateCount * auto.classCount);
    expect(automatonHits(words, words.join(' '), auto)).toEqual(naiveHits(words, words.join(' ')));
    // The walk reached every state, so the table grew and was replaced.
    expect(auto.delta).not.toBe(before);
    expect(auto.delta.length).toBeGreaterThanOrEqual(auto.stateCount * auto.classCount);
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
    const alphabet = fc.constantFrom('a', 'b', 'c', ' ', 'é');
    const word = fc.array(alphabet, { minLength: 1, maxLength: 5 }).map((units) => units.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 12 }), fc.array(alphabet, { maxLength: 60 }), (patterns, units) => {
        const text = units.join('');
        expect(automatonHits(patterns, text)).toEqual(naiveHits(patterns, text));
      }),
    );
  });

  it('handles an empty pattern list', () => {
    expect(automatonHits([], 'anything')).toEqual([]);
  });
});
