import { describe, expect, it } from 'vitest';
import { compileTerms, NEEDS_END_BOUNDARY, NEEDS_START_BOUNDARY } from './compile';
import { createMatcher } from './index';
import { normalizeTerm } from './normalize';
import { precheckFromKeys } from './precheck';
import type { MatchTerm } from './types';

const term = (text: string, rest: Partial<MatchTerm> = {}): MatchTerm => ({ explainerId: text.toLowerCase().replace(/[^a-z0-9]+/g, '-'), text, caseSensitive: false, ...rest });
const found = (terms: MatchTerm[], text: string) => createMatcher(terms).match(text).map((m) => `${m.explainerId}:${m.text}`);

describe('compileTerms', () => {
  it('lists patterns in code-unit order, each with its own boundaries, spelling terms and vetoed terms', () => {
    const terms = [term('§ 1357'), term('ICE', { not: ['black ice', 'Ice Age'] }), term('Border Patrol'), term('asylum', { not: ['asylum seeker?'] }), term('ice')];
    const table = compileTerms(terms);
    expect(table.patterns).toEqual([...table.patterns].sort());
    expect(table.patterns).toHaveLength(7);
    table.patterns.forEach((pattern, id) => {
      const word = (unit: string | undefined) => unit !== undefined && /[\p{L}\p{N}]/u.test(unit);
      expect(table.boundaries[id], pattern).toBe((word(pattern[0]) ? NEEDS_START_BOUNDARY : 0) | (word(pattern.at(-1)) ? NEEDS_END_BOUNDARY : 0));
      const spelling = terms.flatMap((t, index) => (normalizeTerm(t.text) === pattern ? [index] : []));
      const vetoing = terms.flatMap((t, index) => ((t.not ?? []).some((veto) => normalizeTerm(veto) === pattern) ? [index] : []));
      expect(table.spells[id], pattern).toEqual(spelling);
      expect(table.vetoes[id], pattern).toEqual(vetoing);
    });
  });

  it('lets through the precheck only text that could hold a spelling, not a veto phrase', () => {
    const table = compileTerms([term('ICE', { not: ['black ice'] })]);
    const check = precheckFromKeys(table.keys);
    expect(check.mayMatch('black ice on the roads')).toBe(true);
    // "black icy" starts like the veto phrase "black ice", but holds no word starting like "ice".
    expect(check.mayMatch('black icy roads')).toBe(false);
  });

  it('drops a context cue that normalises to nothing: it is neither found beside every word nor a rule of its own', () => {
    const withCue = [term('ICE', { context: ['—', 'agents'] })];
    expect(found(withCue, 'ICE raid downtown')).toEqual([]);
    expect(found(withCue, 'ICE agents downtown')).toEqual(['ice:ICE']);
    expect(found([term('ICE', { context: ['—'] })], 'ICE')).toEqual(['ice:ICE']);
  });

  it('drops a counter-evidence cue that normalises to nothing: the sense model does not see it beside every word', () => {
    const features: string[][] = [];
    const sense = { bias: 1, window: 5, weights: { anti1: -4 } };
    const matcher = createMatcher([term('ICE', { against: ['…', 'hockey'], sense })], (_term, _start, _end, seen) => features.push([...seen]));
    expect(matcher.match('ICE raid downtown').map((m) => m.text)).toEqual(['ICE']);
    expect(matcher.match('ICE hockey tonight')).toEqual([]);
    expect(features.map((list) => list.includes('anti1'))).toEqual([false, true]);
  });

  it('ignores a veto phrase that normalises to nothing, and keeps the term and its other vetoes working', () => {
    const terms = [term('ICE', { not: [' ', '\u200b', 'black ice'] })];
    expect(found(terms, 'ICE agents')).toEqual(['ice:ICE']);
    expect(found(terms, 'black ice')).toEqual([]);
  });
});
