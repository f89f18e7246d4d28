import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Automaton } from './automaton';

/** Every (pattern, end) pair found by walking the automaton over `text`. */
function automatonHits(patterns: string[], text: string): string[] {
  const auto = new Automaton(patterns);
  const hits: string[] = [];
  let state = 0;
  for (let i = 0; i < text.length; i++) {
    const cls = auto.classOf[text.charCodeAt(i)]!;
    let next = auto.delta[state + cls]!;
    if (next > 0 && (next & 1) === 1) next = auto.resolve(state, cls);
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
    const auto = new Automaton(['abc', 'abd', 'b']);
    // root, a, ab, abc, abd, b
    expect(auto.delta.length).toBe(6 * auto.classCount);
    expect(auto.classCount % 2).toBe(0);
  });

  it('resolves each transition once and then answers from the table', () => {
    const auto = new Automaton(['ab']);
    const a = auto.classOf['a'.charCodeAt(0)]!;
    expect(auto.delta[a]! & 1).toBe(1);
    const first = auto.resolve(0, a);
    expect(auto.delta[a]).toBe(first);
    expect(first % 2).toBe(0);
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
