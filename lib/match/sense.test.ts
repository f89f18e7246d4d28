import { describe, expect, it } from 'vitest';
import { wordList } from './context';
import { createMatcher, type SenseObserver } from './index';
import { caseShape, senseFeatures, senseScore, stem, type SenseInput, type SenseModel } from './sense';
import type { MatchTerm } from './types';
import { builtEachTest } from '../../tests/support/built-each-test';

function input(text: string, found: string, rest: Partial<SenseInput> = {}): SenseInput {
  const start = text.indexOf(found);
  return {
    text,
    words: wordList(text),
    start,
    end: start + found.length,
    window: 3,
    cues: 0,
    against: 0,
    cuesOnPage: 0,
    againstOnPage: 0,
    sameInBlock: false,
    sameOnPage: false,
    othersInBlock: 0,
    othersOnPage: false,
    ...rest,
  };
}

const model = (weights: Record<string, number>, bias = -1, window = 3): SenseModel => ({ bias, window, weights });

describe('stem', () => {
  it('cuts words longer than six letters to six, keeps shorter ones whole', () => {
    expect(stem('detained')).toBe('detain');
    expect(stem('detain')).toBe('detain');
    expect(stem('agents')).toBe('agents');
    expect(stem('ice')).toBe('ice');
  });
});

describe('caseShape', () => {
  it('tells upper, title, lower and mixed apart by letters only', () => {
    expect(caseShape('ICE')).toBe('upper');
    expect(caseShape('I.C.E.')).toBe('upper');
    expect(caseShape('Ice')).toBe('title');
    expect(caseShape('ice')).toBe('lower');
    expect(caseShape('iCE')).toBe('mixed');
    expect(caseShape('IcE')).toBe('mixed');
    expect(caseShape('287')).toBe('mixed');
    expect(caseShape('ÉTAT')).toBe('upper');
    expect(caseShape('Inmigración')).toBe('title');
  });

  it('calls letters without case lower, never upper', () => {
    expect(caseShape('移民')).toBe('lower');
  });
});

describe('senseFeatures', () => {
  it('names the words in the window either side, stemmed, and not the candidate itself', () => {
    const features = senseFeatures(input('far away words then ICE detained seven people yesterday', 'ICE', { window: 2 }));
    expect(features).toEqual(expect.arrayContaining(['w:words', 'w:then', 'w:detain', 'w:seven']));
    expect(features).not.toContain('w:far');
    expect(features).not.toContain('w:people');
    expect(features).not.toContain('w:ice');
  });

  it('names the second word to the left as l2 and the second to the right as r2', () => {
    const features = senseFeatures(input('agents said ICE raided homes', 'ICE'));
    expect(features).toEqual(expect.arrayContaining(['l1:said', 'l2:agents', 'r1:raided', 'r2:homes']));
  });

  it('takes words that touch the candidate with no gap as neighbours, not as part of it', () => {
    // Offsets as a block's own word list may give them: "pre" ends where the candidate starts, "post" starts where it ends.
    const words = { words: ['pre', 'ice', 'post'], starts: [0, 3, 6], ends: [3, 6, 10] };
    const features = senseFeatures({ ...input('preICEpost', 'ICE'), words });
    expect(features).toEqual(expect.arrayContaining(['k:ice', 'l1:pre', 'r1:post']));
  });

  it('calls a block of four or more capitals, and no lower-case letter, a headline', () => {
    expect(senseFeatures(input('ICE', 'ICE'))).not.toContain('b:caps');
    expect(senseFeatures(input('移民与海关执法局', '移民'))).not.toContain('b:caps');
    expect(senseFeatures(input('ICE A', 'ICE'))).toContain('b:caps');
    expect(senseFeatures(input('ICE RAIDS IN TEXAS', 'ICE'))).toContain('b:caps');
  });

  it('calls a block of three or more words, four in five capitalised, a heading', () => {
    expect(senseFeatures(input('Ice Agents Arrive', 'Ice'))).toContain('b:title');
    expect(senseFeatures(input('Ice Agents', 'Ice'))).not.toContain('b:title');
    expect(senseFeatures(input('Ice Agents Arrive in the Valley', 'Ice'))).not.toContain('b:title');
  });

  it('names the two words either side as l1, l2, r1, r2, and empty ones at the edges', () => {
    const features = senseFeatures(input('Abolish ICE now', 'ICE'));
    expect(features).toEqual(expect.arrayContaining(['l1:abolis', 'l2:', 'r1:now', 'r2:']));
    expect(senseFeatures(input("ICE's agents", 'ICE'))).toContain('r1:s');
  });

  it('names the spelling and its case shape', () => {
    expect(senseFeatures(input('the sanctuary city rule', 'sanctuary city'))).toEqual(expect.arrayContaining(['k:sanctuary city', 's:lower']));
    expect(senseFeatures(input('by Ice today', 'Ice'))).toContain('s:title');
  });

  it('marks a hashtag and a parenthesised acronym, and only those', () => {
    expect(senseFeatures(input('join #ICE now', 'ICE'))).toContain('hash');
    expect(senseFeatures(input('join ICE now', 'ICE'))).not.toContain('hash');
    expect(senseFeatures(input('Customs Enforcement (ICE) said', 'ICE'))).toContain('paren');
    expect(senseFeatures(input('Customs Enforcement (ICE said', 'ICE'))).not.toContain('paren');
    expect(senseFeatures(input('Customs Enforcement ICE) said', 'ICE'))).not.toContain('paren');
  });

  it('marks all-caps and title-case blocks, and neither in ordinary text', () => {
    expect(senseFeatures(input('BLACK ICE WARNING TONIGHT', 'ICE'))).toContain('b:caps');
    const title = senseFeatures(input('Black Ice Warning For Drivers', 'Ice'));
    expect(title).toContain('b:title');
    expect(title).not.toContain('b:caps');
    const plain = senseFeatures(input('a warning about ICE for drivers', 'ICE'));
    expect(plain).not.toContain('b:caps');
    expect(plain).not.toContain('b:title');
    // Too short to call: under four letters or three words.
    expect(senseFeatures(input('ICE', 'ICE'))).not.toContain('b:caps');
    expect(senseFeatures(input('The Ice', 'Ice'))).not.toContain('b:title');
    // Four capitalised words of five is enough (80%), three of four is not.
    expect(senseFeatures(input('What Ice Agents did', 'Ice'))).not.toContain('b:title');
    expect(senseFeatures(input('What Ice Agents Did today', 'Ice'))).toContain('b:title');
    // Words without letters do not count either way.
    expect(senseFeatures(input('What Ice Agents 2026 did', 'Ice'))).not.toContain('b:title');
  });

  it('turns cue counts and page evidence into features', () => {
    const none = senseFeatures(input('x ICE y', 'ICE'));
    for (const name of ['cue1', 'cue2', 'anti1', 'anti2', 'pcue', 'panti', 'same', 'page']) expect(none).not.toContain(name);
    expect(senseFeatures(input('x ICE y', 'ICE', { cues: 1, against: 1 }))).toEqual(expect.arrayContaining(['cue1', 'anti1']));
    const two = senseFeatures(input('x ICE y', 'ICE', { cues: 2, against: 2, cuesOnPage: 1, againstOnPage: 1, sameInBlock: true, sameOnPage: true }));
    expect(two).toEqual(expect.arrayContaining(['cue1', 'cue2', 'anti1', 'anti2', 'pcue', 'panti', 'same', 'page']));
    expect(senseFeatures(input('x ICE y', 'ICE', { cues: 1 }))).not.toContain('cue2');
    expect(senseFeatures(input('x ICE y', 'ICE', { against: 1 }))).not.toContain('anti2');
  });

  it('counts other topics named plainly in the block, and on the page', () => {
    const names = (rest: Partial<SenseInput>) => senseFeatures(input('x ICE y', 'ICE', rest)).filter((f) => f.includes('topic'));
    expect(names({})).toEqual([]);
    expect(names({ othersInBlock: 1 })).toEqual(['topic1']);
    expect(names({ othersInBlock: 2 })).toEqual(['topic1', 'topic2']);
    expect(names({ othersInBlock: 5, othersOnPage: true })).toEqual(['topic1', 'topic2', 'ptopic']);
    expect(names({ othersOnPage: true })).toEqual(['ptopic']);
  });
});

describe('senseScore', () => {
  it('adds the weights of the features present to the bias', () => {
    expect(senseScore(model({ a: 2, b: -0.5 }), ['a', 'b', 'c'])).toBeCloseTo(0.5);
    expect(senseScore(model({}), [])).toBe(-1);
  });

  it('counts title and heading words once each, at half weight', () => {
    const page = wordList('Agents agents detained');
    expect(senseScore(model({ 'w:agents': 2, 'w:detain': 1 }), [], page)).toBeCloseTo(-1 + 1 + 0.5);
  });
});

describe('matcher with a sense model', () => {
  const ice: SenseModel = model({ 'r1:agents': 3, 'w:electr': -3, same: 2, page: 2, cue1: 2, anti1: -3, pcue: 2, panti: -2 }, -1, 5);
  const terms: MatchTerm[] = [
    { explainerId: 'ice', text: 'ICE', caseSensitive: true, context: ['deport'], against: ['Costa Rica'], sense: ice },
    { explainerId: 'ice', text: 'Immigration and Customs Enforcement', caseSensitive: false },
    { explainerId: 'other', text: 'Brent', caseSensitive: false },
  ];
  const matcher = builtEachTest(() => createMatcher(terms));
  const found = (text: string, fallbackText?: string) => matcher().match(text, fallbackText === undefined ? {} : { fallbackText }).map((m) => m.text);

  it('keeps a candidate the model scores above zero and drops one below', () => {
    expect(found('ICE agents came')).toEqual(['ICE']);
    expect(found('ICE came')).toEqual([]);
    expect(found('ICE raised electricity prices')).toEqual([]);
  });

  it('reads the hand-listed context and counter-evidence cues as features', () => {
    expect(found('ICE will deport him')).toEqual(['ICE']);
    expect(found('ICE agents in Costa Rica')).toEqual([]);
  });

  it('lets an unambiguous spelling of the same explainer in the block settle it', () => {
    expect(found('Immigration and Customs Enforcement (ICE) said')).toEqual(['Immigration and Customs Enforcement', 'ICE']);
    // Another explainer's match does not.
    expect(found('Brent (ICE) said')).toEqual(['Brent']);
  });

  it('reads the page: its explainers, its counter-evidence and its words', () => {
    expect(found('ICE came', 'Immigration and Customs Enforcement news')).toEqual(['ICE']);
    expect(found('ICE came', 'Brent news')).toEqual([]);
    expect(found('ICE will deport him', 'Costa Rica news')).toEqual([]);
    expect(found('ICE came', 'electricity electricity')).toEqual([]);
    expect(found('ICE came', 'Where they deport people')).toEqual(['ICE']);
  });

  it('tells the model how many other explainers the block and the page name plainly, not counting its own', () => {
    const topics = (text: string, fallbackText?: string) => {
      const seen: string[][] = [];
      const observed = createMatcher(
        [...terms, { explainerId: 'third', text: 'deportation', caseSensitive: false }],
        (_term, _start, _end, features) => seen.push(features.filter((f) => f.includes('topic'))),
      );
      observed.match(text, fallbackText === undefined ? {} : { fallbackText });
      return seen;
    };
    expect(topics('ICE came')).toEqual([[]]);
    // The same explainer's own plain spelling is `same`, not another topic.
    expect(topics('Immigration and Customs Enforcement (ICE) came')).toEqual([[]]);
    expect(topics('Brent and ICE came')).toEqual([['topic1']]);
    expect(topics('Brent, deportation and ICE came')).toEqual([['topic1', 'topic2']]);
    expect(topics('Brent, Immigration and Customs Enforcement and ICE came')).toEqual([['topic1']]);
    expect(topics('ICE came', 'Immigration and Customs Enforcement')).toEqual([[]]);
    expect(topics('ICE came', 'Brent news')).toEqual([['ptopic']]);
    expect(topics('ICE came', 'Brent and Immigration and Customs Enforcement')).toEqual([['ptopic']]);
  });

  it('still applies vetoes and case before the model', () => {
    const vetoed = createMatcher([{ ...terms[0]!, not: ['ICE agents union'] }]);
    expect(vetoed.match('ICE agents union').map((m) => m.text)).toEqual([]);
    expect(found('Ice agents came')).toEqual([]);
  });

  it('shows the observer every scored candidate with its features and score', () => {
    const seen: Parameters<SenseObserver>[] = [];
    const observed = createMatcher(terms, (...args) => seen.push(args));
    observed.match('ICE came and ICE agents left');
    expect(seen.map(([term, start, end]) => [term, start, end])).toEqual([
      [0, 0, 3],
      [0, 13, 16],
    ]);
    expect(seen[0]![4]).toBeLessThan(0);
    expect(seen[1]![4]).toBeGreaterThan(0);
    expect(seen[1]![3]).toContain('r1:agents');
  });

  it('scores candidates in texts too long to split whole, from the words around each', () => {
    const long = `${'filler words here. '.repeat(600)}ICE agents came`;
    expect(long.length).toBeGreaterThan(8192);
    expect(matcher().match(long).map((m) => m.text)).toEqual(['ICE']);
  });
});
