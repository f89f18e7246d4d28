import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../lib/match/index';
import { Tally } from './eval-score';
import { EN_AMBIGUOUS, englishSet, scoreMentions, type SenseLine } from './sense-sets';

describe('scoreMentions (each occurrence of the family ambiguous spelling)', () => {
  const set = englishSet();
  const matcher = createMatcher([
    { explainerId: 'ice', text: 'ICE', caseSensitive: true },
    { explainerId: 'ice', text: 'Ice', caseSensitive: true },
    { explainerId: 'immigration-detention', text: 'ICE detention', caseSensitive: false },
    { explainerId: 'immigration-detainer', text: 'detainer', caseSensitive: false },
    { explainerId: 'immigration-detainer', text: 'immigration hold', caseSensitive: false },
  ]);
  const line = (text: string, ...spellings: string[]): SenseLine => ({
    text,
    url: 'https://example.org/',
    term: 'ICE',
    expect: spellings.map((spelling) => ({ explainer: 'ice', text: spelling })),
  });
  const score = (family: string, ...lines: SenseLine[]) => {
    const tally = new Tally();
    scoreMentions(matcher, set, lines, family, EN_AMBIGUOUS[family]!, tally);
    return tally.byTerm.get(family) ?? { tp: 0, fp: 0, fn: 0 };
  };

  it('counts a marked mention as a hit and an unmarked one as a miss', () => {
    expect(score('ice', line('ICE agents came', 'ICE'))).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(score('ice', line('I.C.E. agents came', 'I.C.E.'))).toEqual({ tp: 0, fp: 0, fn: 1 });
  });

  it('counts a mark on an occurrence that is not a mention as a false positive, and skips unmarked ones', () => {
    expect(score('ice', line('Ice on the roads'))).toEqual({ tp: 0, fp: 1, fn: 0 });
    expect(score('ice', line('ice on the roads'))).toEqual({ tp: 0, fp: 0, fn: 0 });
  });

  it('takes a longer match of another explainer over the mention as marked', () => {
    expect(score('ice', line('She is in ICE detention', 'ICE'))).toEqual({ tp: 1, fp: 0, fn: 0 });
  });

  it('finds capitalised spellings glued to a lower-case word (hashtags), not inside other words', () => {
    // A mention all the same: this small matcher does not mark it, so it is a miss, not skipped.
    expect(score('ice', line('#AbolishICE now', 'ICE'))).toEqual({ tp: 0, fp: 0, fn: 1 });
    expect(score('ice', line('SERVICE agents'))).toEqual({ tp: 0, fp: 0, fn: 0 });
  });

  it('leaves the family synonyms unscored: only the ambiguous word counts', () => {
    const detainer = (text: string, ...spellings: string[]): SenseLine => ({
      text,
      url: 'https://example.org/',
      term: 'immigration-detainer',
      expect: spellings.map((spelling) => ({ explainer: 'immigration-detainer', text: spelling })),
    });
    expect(score('immigration-detainer', detainer('An immigration hold, or detainer, was filed', 'detainer'))).toEqual({ tp: 1, fp: 0, fn: 0 });
  });
});
