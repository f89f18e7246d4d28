import { describe, expect, it } from 'vitest';
import { escapeRegExp, floorRegexes, frequentWords, syntheticTerms } from './terms';

const compile = (terms: Parameters<typeof floorRegexes>[0]) => floorRegexes(terms).map(({ source, flags }) => new RegExp(source, flags));
const hits = (regexes: RegExp[], text: string) => regexes.flatMap((regex) => [...text.matchAll(regex)].map((m) => m[0]));

describe('floorRegexes', () => {
  it('keeps case-sensitive terms out of the case-insensitive regex', () => {
    const regexes = compile([
      { text: 'ICE', caseSensitive: true },
      { text: 'detainer', caseSensitive: false },
    ]);
    expect(regexes.map((r) => r.flags)).toEqual(['giu', 'gu']);
    expect(hits(regexes, 'ice and ICE, a Detainer')).toEqual(['Detainer', 'ICE']);
  });

  it('escapes regex syntax in spellings and holds word boundaries for non-ASCII letters', () => {
    const regexes = compile([{ text: '287(g)', caseSensitive: false }]);
    expect(hits(regexes, 'Section 287(g) and 287g and é287(g)')).toEqual(['287(g)']);
  });

  it('prefers the longest spelling at a position', () => {
    const regexes = compile([
      { text: '287(g)', caseSensitive: false },
      { text: '287(g) agreement', caseSensitive: false },
    ]);
    expect(hits(regexes, 'a 287(g) agreement')).toEqual(['287(g) agreement']);
  });

  it('omits a case mode that has no terms', () => {
    expect(floorRegexes([{ text: 'asylum', caseSensitive: false }])).toHaveLength(1);
  });
});

describe('escapeRegExp', () => {
  it('makes every special character literal', () => {
    const special = 'a.b*c+d?e^f$g{h}i(j)k|l[m]n\\o';
    expect(new RegExp(`^${escapeRegExp(special)}$`).test(special)).toBe(true);
  });
});

describe('syntheticTerms', () => {
  it('gives exactly `count` distinct terms, the real words first, the same every time', () => {
    const terms = syntheticTerms(1000, ['people', 'government']);
    expect(terms).toHaveLength(1000);
    expect(new Set(terms.map((t) => t.text.toLowerCase())).size).toBe(1000);
    expect(terms.slice(0, 2).map((t) => t.text)).toEqual(['people', 'government']);
    expect(syntheticTerms(1000, ['people', 'government'])).toEqual(terms);
  });

  it('labels the real words apart from the invented ones', () => {
    expect(syntheticTerms(100, ['people']).filter((t) => t.explainerId.startsWith('real-'))).toHaveLength(1);
  });
});

describe('frequentWords', () => {
  it('counts case-insensitively and ignores short words', () => {
    expect(frequentWords('Senate senate SENATE bill bills houses Houses', 5)).toEqual(['senate', 'houses']);
  });
});
