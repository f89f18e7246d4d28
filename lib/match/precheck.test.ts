import { describe, expect, it } from 'vitest';
import { normalizeTerm } from './normalize';
import { buildPrecheck } from './precheck';

const precheckFor = (terms: string[]) => buildPrecheck(terms.map((term) => normalizeTerm(term)));

describe('buildPrecheck', () => {
  it('rejects text in which no word starts like a term', () => {
    const check = precheckFor(['ICE', 'sanctuary city', '287(g)']);
    expect(check.mayMatch('The quick brown fox; notice the price of twice 1287')).toBe(false);
    expect(check.mayMatch('')).toBe(false);
  });

  it('never rejects text that can match, whatever the spelling', () => {
    const check = precheckFor(['ICE', 'sanctuary city', '287(g)', 'H-1B', 'COVID-19', 'café']);
    for (const text of ['ICE', '(ice)', 'x ICEberg', 'Sanctuary', '287 (g)', '§287g', 'H1B', 'H-1B', 'covid19', 'CAFÉ', 'I\u200bCE', '\u00adsanctuary']) {
      expect(check.mayMatch(text), text).toBe(true);
    }
  });

  it('checks everything when a term starts with punctuation', () => {
    expect(precheckFor(['§ 1357', 'ICE']).mayMatch('nothing here')).toBe(true);
  });
});
