/**
 * The packed term table (what frames receive) must read back as exactly the compiled table: same
 * patterns in the same order, the same terms per pattern, every rule of every term. The matcher's own
 * tests all run through it (createMatcher packs), so these pin the format itself.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPackTerms, syntheticTerms } from '../../tests/bench/terms';
import { compileTerms, type CompiledTerms } from './compile';
import { createMatcher, matcherFrom } from './index';
import { packTerms, readPacked, type TermSource } from './packed';
import { precheckTable } from './precheck';
import type { MatchTerm } from './types';

const BUNDLED_PACK = path.resolve(import.meta.dirname, '../../public/packs/default.json');

/** Every rule the format has to carry, and the edge cases of its columns. */
const CRAFTED: MatchTerm[] = [
  { explainerId: 'ice', text: 'ICE', caseSensitive: true, lang: 'en', not: ['ICE cream', 'black ICE'], against: ['futures', 'Brent crude'], sense: { bias: -0.5, window: 12, weights: { 'w:agents': 2.5, 'p:said': 1 } } },
  { explainerId: 'ice', text: 'Immigration and Customs Enforcement', caseSensitive: false, lang: 'en' },
  { explainerId: 'ice', text: 'Servicio de Inmigración y Control de Aduanas', caseSensitive: false, lang: 'es' },
  { explainerId: 'detainer', text: 'detainer', caseSensitive: false, lang: 'en', alsoIn: ['es'], context: ['ICE', 'jail'], minContext: 2, contextWindow: 25 },
  // Same spelling as the one above, for another explainer: a pattern that spells two terms.
  { explainerId: 'hold', text: 'Detainer', caseSensitive: false },
  // Normalises to nothing: no pattern, but still a term (its index must not shift the others).
  { explainerId: 'hold', text: '\u200b', caseSensitive: false },
  { explainerId: '287g-program', text: '287(g)', caseSensitive: false, not: ['287(g) form'] },
];

function termsOf(source: TermSource) {
  return Array.from({ length: source.termCount }, (_, index) => source.term(index));
}

function expectSameTable(source: TermSource, table: CompiledTerms): void {
  expect(source.patterns).toEqual(table.patterns);
  expect(Array.from(source.boundaries, (flags) => flags.charCodeAt(0) - 48)).toEqual(table.boundaries);
  expect(source.alphabet).toEqual(table.alphabet);
  table.patterns.forEach((_, pattern) => {
    expect(source.spellTerms.slice(source.spellStart[pattern], source.spellStart[pattern + 1])).toEqual(table.spells[pattern]);
    expect(source.vetoes(pattern)).toEqual(table.vetoes[pattern]);
  });
  // hasVetoes counts veto phrases that have a pattern: one that normalises to nothing never vetoes anything.
  expect(termsOf(source)).toEqual(table.terms.map((term, index) => ({ ...term, hasVetoes: table.vetoes.some((terms) => terms.includes(index)) })));
}

describe('packed term table', () => {
  it('reads back every pattern, spelling, veto and rule of the compiled table, after a JSON round trip', () => {
    const table = compileTerms(CRAFTED);
    const packed = JSON.parse(JSON.stringify(packTerms(table))) as ReturnType<typeof packTerms>;
    const source = readPacked(packed);
    expectSameTable(source, table);
    expect(source.termCount).toBe(CRAFTED.length);
    expect(source.term(0)).toMatchObject({ explainerId: 'ice', exact: 'ICE', hasVetoes: true, langs: 1, sense: CRAFTED[0]!.sense });
    expect(source.term(3)).toMatchObject({ explainerId: 'detainer', minContext: 2, window: 25, langs: 3, hasVetoes: false });
    expect(source.term(2).langs).toBe(2);
    // The precheck travels as its ready table, built from the compiled keys; the keys stay home.
    expect(packed.keys).toBeNull();
    expect(packed.precheck).toEqual(precheckTable(table.keys));
    // Only terms with more than the common case carry rules on the wire (vetoes travel as pattern–term pairs).
    expect(packed.rules.map(([term]) => term)).toEqual([0, 3]);
  });

  it('sends each distinct sense model once, however many spellings share it', () => {
    const model = { bias: -1, window: 8, weights: { 'w:agents': 2 } };
    const other = { bias: -2, window: 8, weights: { 'w:jail': 1 } };
    const terms: MatchTerm[] = [
      { explainerId: 'ice', text: 'ICE', caseSensitive: true, context: ['agents'], sense: model },
      // Equal but not the same object, as terms read from a pack's JSON are.
      { explainerId: 'ice', text: 'I.C.E.', caseSensitive: true, context: ['agents'], sense: structuredClone(model) },
      { explainerId: 'detainer', text: 'detainer', caseSensitive: false, context: ['jail'], sense: other },
    ];
    const packed = JSON.parse(JSON.stringify(packTerms(compileTerms(terms)))) as ReturnType<typeof packTerms>;
    expect(packed.senses).toEqual([model, other]);
    const source = readPacked(packed);
    expect([0, 1, 2].map((index) => source.term(index).sense)).toEqual([model, model, other]);
  });

  it('reads back the bundled pack exactly', () => {
    const table = compileTerms(loadPackTerms(BUNDLED_PACK));
    expectSameTable(readPacked(JSON.parse(JSON.stringify(packTerms(table))) as ReturnType<typeof packTerms>), table);
  });

  it('matches as the compiled terms say, through the packed form', () => {
    // Without the sense model, so each expectation follows from the rules alone.
    const matcher = createMatcher(CRAFTED.map(({ sense: _sense, ...term }) => term));
    const found = (text: string, lang: 'en' | 'es' = 'en') => matcher.match(text, { lang }).map((m) => `${m.explainerId}:${m.text}`);
    expect(found('ICE agents said the raid was planned.')).toEqual(['ice:ICE']);
    expect(found('They ate ICE cream, not ice.')).toEqual([]);
    expect(found('A detainer from ICE reached the jail.')).toEqual(['detainer:detainer', 'ice:ICE']);
    // Without the detainer term's two context words, the other term of the same spelling still marks it.
    expect(found('The Detainer was filed.')).toEqual(['hold:Detainer']);
    expect(found('El Servicio de Inmigración y Control de Aduanas', 'es')).toEqual(['ice:Servicio de Inmigración y Control de Aduanas']);
    expect(found('El Servicio de Inmigración y Control de Aduanas', 'en')).toEqual([]);
    expect(found('a 287(g) agreement, not the 287(g) form')).toEqual(['287g-program:287(g)']);
  });

  it('sends no precheck keys when a pattern cannot be keyed, and then matches without a precheck', () => {
    const terms: MatchTerm[] = [{ explainerId: 'ice', text: '#AbolishICE', caseSensitive: false }];
    const packed = packTerms(compileTerms(terms));
    expect(packed.keys).toBeNull();
    expect(packed.precheck).toBeNull();
    expect(matcherFrom(packed).match('Protesters chanted #AbolishICE outside.').map((m) => m.text)).toEqual(['#AbolishICE']);
  });

  it('still matches through a table packed before the precheck table existed (keys only)', () => {
    const table = compileTerms(CRAFTED.map(({ sense: _sense, ...term }) => term));
    const { precheck: _precheck, ...older } = { ...packTerms(table), keys: table.keys };
    const matcher = matcherFrom(older);
    expect(matcher.match('ICE agents said the raid was planned.').map((m) => m.text)).toEqual(['ICE']);
    expect(matcher.match('Nothing to see here.')).toEqual([]);
  });

  it('refuses a malformed precheck table and still finds every mention, with no precheck', () => {
    const packed = packTerms(compileTerms(CRAFTED.map(({ sense: _sense, ...term }) => term)));
    const good = packed.precheck!;
    const broken: unknown[] = [
      'not a table',
      { bits: good.bits.slice(1), lengths: good.lengths },
      { bits: `\u0041${good.bits.slice(1)}`, lengths: good.lengths },
      { bits: good.bits, lengths: '7' },
      // All bits clear: a precheck built from it would turn every text away, so the characters are checked.
      { bits: '\u0000'.repeat(good.bits.length), lengths: good.lengths },
    ];
    for (const precheck of broken) {
      const matcher = matcherFrom({ ...packed, precheck: precheck as typeof good });
      expect(matcher.match('A detainer from ICE reached the jail.').map((m) => m.text), JSON.stringify(precheck).slice(0, 40)).toEqual(['detainer', 'ICE']);
    }
  });

  it('is an empty table when there are no terms', () => {
    const packed = packTerms(compileTerms([]));
    expect(readPacked(packed).patterns).toEqual([]);
    expect(matcherFrom(packed).match('ICE and a detainer')).toEqual([]);
  });

  it('refuses an explainer id it could not join', () => {
    expect(() => packTerms(compileTerms([{ explainerId: 'bad\nid', text: 'ICE', caseSensitive: false }]))).toThrow(/line break/);
  });

  it('is under a third of the object form\'s JSON at newsroom scale', () => {
    const table = compileTerms(syntheticTerms(5000, ['immigration']));
    expect(JSON.stringify(packTerms(table)).length).toBeLessThan(JSON.stringify(table).length / 3);
  });
});
