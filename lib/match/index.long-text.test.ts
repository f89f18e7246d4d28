import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMatcher } from './index';
import type { SenseModel } from './sense';
import type { MatchTerm, TextMatch } from './types';

// Texts longer than 8192 characters are split into words only around each candidate; a reader must
// not be able to tell: a block's matches are the same whether it stands alone or inside a long text.
const PAD = 'lorem ipsum dolor '.repeat(480);

const texts = (matches: TextMatch[]) => matches.map((m) => m.text);
const spans = (matches: TextMatch[], shift = 0) => matches.map((m) => [m.termIndex, m.start - shift, m.end - shift, m.text]);

function contextTerm(window: number, minContext = 1): MatchTerm {
  return { explainerId: 'ice', text: 'ICE', caseSensitive: true, context: ['deport', 'agents'], contextWindow: window, minContext };
}

function senseTerm(modelWindow: number, termWindow: number): MatchTerm {
  const sense: SenseModel = { bias: -1, window: modelWindow, weights: { 'w:deport': 2, 'l2:agents': 2, 'r2:agents': 2, cue1: 2 } };
  return { explainerId: 'ice', text: 'Ice', caseSensitive: true, context: ['raid'], contextWindow: termWindow, sense };
}

/** The block's matches alone, inside a long text after padding, and before it. */
function inLongTexts(terms: MatchTerm[], block: string) {
  const matcher = createMatcher(terms);
  const after = `${PAD}${block}`;
  const before = `${block} ${PAD}`;
  expect(after.length).toBeGreaterThan(8192);
  return {
    alone: spans(matcher.match(block)),
    after: spans(matcher.match(after), PAD.length),
    before: spans(matcher.match(before)),
  };
}

describe('createMatcher: long texts', () => {
  it('takes no context cue from a word that only contains it, however long the word', () => {
    // The word ends 112 characters before ICE (one word of window): a cut there would start at "deport".
    const word = `un${'z'.repeat(50)}deport${'z'.repeat(105)}`;
    const found = inLongTexts([contextTerm(1)], `${word} ICE`);
    expect(found.alone).toEqual([]);
    expect(found.after).toEqual([]);
  });

  it('finds a context cue within the window however long the words between', () => {
    const long = 'y'.repeat(300);
    const found = inLongTexts([contextTerm(2)], `deport ${long} ICE ${long} agents`);
    expect(found.alone).toEqual([[0, 308, 311, 'ICE']]);
    expect(found.after).toEqual(found.alone);
    expect(found.before).toEqual(found.alone);
    // Three words away is outside a window of two, in a long text as in a short one.
    expect(inLongTexts([contextTerm(2)], `deport ${long} ${long} ICE`).after).toEqual([]);
  });

  it('reads the word right before a candidate with a window of one', () => {
    const found = inLongTexts([contextTerm(1)], 'they deport ICE');
    expect(found.after).toEqual([[0, 12, 15, 'ICE']]);
    expect(found.before).toEqual([[0, 12, 15, 'ICE']]);
  });

  it('keeps a word cut at the far side out of the window too', () => {
    // The next word starts 109 characters after ICE: a cut 112 characters on would leave "dep", no cue.
    const found = inLongTexts([contextTerm(1)], `ICE${' '.repeat(108)}deport`);
    expect(found.alone).toEqual([[0, 0, 3, 'ICE']]);
    expect(found.before).toEqual(found.alone);
  });

  it('scores a sense candidate from the words of the model window, not the shorter context window', () => {
    const long = 'y'.repeat(120);
    const found = inLongTexts([senseTerm(4, 1)], `deport ${long} ${long} ${long} Ice came`);
    expect(found.alone).toEqual([[0, 370, 373, 'Ice']]);
    expect(found.after).toEqual(found.alone);
  });

  it('reads two words either side for a sense model whose window is smaller', () => {
    const long = 'y'.repeat(150);
    const found = inLongTexts([senseTerm(0, 0)], `agents ${long} Ice ${long} came`);
    expect(found.alone).toEqual([[0, 158, 161, 'Ice']]);
    expect(found.after).toEqual(found.alone);
    expect(inLongTexts([senseTerm(0, 0)], `came ${long} Ice ${long} agents`).before).toEqual([[0, 156, 159, 'Ice']]);
  });

  it('finds the same matches in a block whether it stands alone or in a long text (property)', () => {
    const word = fc.oneof(
      fc.constantFrom('deport', 'agents', 'raid', 'the', 'ICE', 'Ice', 'came', 'un\u00addeported', '𝐀𝐁', '😀'),
      fc.tuple(fc.constantFrom('un', 'deport', 'agent', '𝐀'), fc.integer({ min: 30, max: 260 }), fc.constantFrom('deport', 'agents', 'raid', '', '𝐀'))
        .map(([head, n, tail]) => `${head}${'z'.repeat(n)}${tail}`),
    );
    const block = fc.array(fc.tuple(word, fc.constantFrom(' ', ', ', '. ', ' '.repeat(100))), { minLength: 1, maxLength: 24 }).map((parts) => parts.flat().join(''));
    fc.assert(
      fc.property(block, fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 0, max: 5 }), (text, window, min, modelWindow) => {
        const found = inLongTexts([contextTerm(window, min), senseTerm(modelWindow, window)], text);
        expect(found.after).toEqual(found.alone);
        expect(found.before).toEqual(found.alone);
      }),
      { numRuns: 100 },
    );
  });
});

describe('createMatcher: headings in long and short blocks', () => {
  // A sense model that keeps a candidate only in a title-case block (a heading).
  const heading: MatchTerm = {
    explainerId: 'ice',
    text: 'Ice',
    caseSensitive: true,
    contextWindow: 0,
    sense: { bias: -1, window: 0, weights: { 'b:title': 2 } },
  };
  const title = 'Ice Raids Hit Big Towns Across The Whole Wide Country Today As Agents Move In On Farms And Plants'.repeat(2);
  const tail = (length: number) => ` ${'and then the rest of it runs on in lower case '.repeat(200)}`.slice(0, length);

  it('judges a block of up to 8192 characters as a heading by all of its words', () => {
    const matcher = createMatcher([heading]);
    expect(texts(matcher.match(title))).toEqual(['Ice']);
    expect(matcher.match(`${title}${tail(400)}`)).toEqual([]);
    const longest = `${title}${tail(8192 - title.length)}`;
    expect(longest.length).toBe(8192);
    expect(matcher.match(longest)).toEqual([]);
  });

  it('judges a longer block by the words around the candidate', () => {
    const matcher = createMatcher([heading]);
    expect(texts(matcher.match(`${title}${tail(8400)}`))).toEqual(['Ice']);
  });
});
