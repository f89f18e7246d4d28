import { describe, expect, it } from 'vitest';
import { META, TODAY, explainerData, source } from '../../tests/fixtures/pack/sources';
import { spanishData, spanishSource } from '../../tests/support/es-sources';
import { compileSources } from '../../tools/pack/compiler';
import { createMatcher } from '../match/index';
import { readPacked } from '../match/packed';
import { Catalog } from './catalog';

/** Three topics as the real pack has them; DACA has no Spanish translation. */
const pack = compileSources(
  [
    source(explainerData('sanctuary-jurisdictions', { title: 'Sanctuary jurisdictions', summary: 'Places that limit help to federal immigration enforcement.', terms: [{ text: 'sanctuary city' }, { text: 'sanctuary jurisdiction' }] })),
    source(explainerData('immigration-detainer', { title: 'Immigration detainer', category: 'Legal process', summary: 'A request that a jail hold someone for ICE.', terms: [{ text: 'detainer' }, { text: 'immigration hold' }] })),
    source(explainerData('tps', { title: 'Temporary Protected Status', category: 'Immigration status', summary: 'Protection from removal for people from designated countries.', terms: [{ text: 'Temporary Protected Status' }, { text: 'TPS', caseSensitive: true }] })),
    source(explainerData('cbp', { title: 'Customs and Border Protection', summary: 'The border agency, including the Border Patrol.', terms: [{ text: 'Border Patrol' }] })),
    spanishSource(spanishData('cbp', { title: 'Oficina de Aduanas y Protección Fronteriza', summary: 'La agencia de la frontera, con la Patrulla Fronteriza; obliga a la raza de controles.', terms: [{ text: 'Patrulla Fronteriza' }] })),
    source(explainerData('daca', { title: 'DACA', category: 'Immigration status', summary: 'Deferred action for people brought to the US as children.', terms: [{ text: 'DACA', caseSensitive: true }] })),
    spanishSource(spanishData('sanctuary-jurisdictions', { title: 'Jurisdicciones santuario', summary: 'Lugares que limitan la ayuda a la aplicación federal de las leyes migratorias.', terms: [{ text: 'ciudades santuario' }, { text: 'ciudad santuario' }, { text: 'jurisdicción santuario' }] })),
    spanishSource(spanishData('immigration-detainer', { title: 'Orden de retención migratoria', category: 'Legal process', summary: 'Una solicitud para que una cárcel retenga a alguien para ICE.', terms: [{ text: 'orden de retención migratoria' }, { text: 'orden de retención' }] })),
    spanishSource(spanishData('tps', { title: 'Estatus de Protección Temporal', category: 'Immigration status', summary: 'Protección contra la deportación para personas de países designados.', terms: [{ text: 'Estatus de Protección Temporal' }, { text: 'tepesiano' }, { text: 'tepesianos' }] })),
  ],
  META,
  { today: TODAY },
);
const catalog = new Catalog(pack);

describe('Spanish search', () => {
  it.each([
    ['ciudades santuario', 'sanctuary-jurisdictions', 'ciudades santuario'],
    ['orden de retencion', 'immigration-detainer', 'orden de retención'],
    ['orden de retención', 'immigration-detainer', 'orden de retención'],
    ['tepesiano', 'tps', 'tepesiano'],
    ['TEPESIANOS', 'tps', 'tepesianos'],
    ['estatus de proteccion temporal', 'tps', 'Estatus de Protección Temporal'],
  ])('"%s" finds %s first, in Spanish', (query, id, matched) => {
    const [first] = catalog.search(query);
    expect(first).toMatchObject({ id, lang: 'es', matched });
  });

  it('shows a Spanish match with the Spanish title and summary', () => {
    const [first] = catalog.search('jurisdicciones santuario');
    expect(first).toMatchObject({ id: 'sanctuary-jurisdictions', title: 'Jurisdicciones santuario', lang: 'es' });
    expect(first?.summary).toMatch(/^Lugares/);
  });

  it('keeps English queries in English, one result per explainer', () => {
    const results = catalog.search('sanctuary city');
    expect(results[0]).toMatchObject({ id: 'sanctuary-jurisdictions', title: 'Sanctuary jurisdictions', lang: 'en' });
    expect(new Set(results.map((result) => result.id)).size).toBe(results.length);
    expect(catalog.search('DACA')[0]).toMatchObject({ id: 'daca', lang: 'en' });
  });

  it('finds nothing for noise in either language, though Fuse alone scores "pizza" near "Fronteriza"', () => {
    expect(catalog.search('zzqx')).toEqual([]);
    expect(catalog.search('pelota')).toEqual([]);
    expect(catalog.search('pizza', 50)).toEqual([]);
    expect(catalog.search('gaza', 50)).toEqual([]);
    expect(catalog.search('patrula fronteriza')[0]).toMatchObject({ id: 'cbp', lang: 'es', matched: 'Patrulla Fronteriza' });
  });
});

describe('term table with translations', () => {
  it('tags every term with the language it applies in; untranslated explainers keep theirs in Spanish text', () => {
    const terms = catalog.termTable().terms;
    expect(terms.filter((term) => term.explainerId === 'tps').map((term) => [term.text, term.lang, term.alsoIn])).toEqual([
      ['Temporary Protected Status', 'en', undefined],
      ['TPS', 'en', undefined],
      ['Estatus de Protección Temporal', 'es', undefined],
      ['tepesiano', 'es', undefined],
      ['tepesianos', 'es', undefined],
    ]);
    expect(terms.filter((term) => term.explainerId === 'daca').map((term) => [term.text, term.lang, term.alsoIn])).toEqual([['DACA', 'en', ['es']]]);
  });

  it('compiles a matcher table that matches per language', () => {
    const matcher = createMatcher(catalog.termTable().terms);
    const spanish = matcher.match('Un tepesiano con DACA y una orden de retencion; Temporary Protected Status.', { lang: 'es' });
    expect(spanish.map((m) => [m.explainerId, m.text])).toEqual([
      ['tps', 'tepesiano'],
      ['daca', 'DACA'],
      ['immigration-detainer', 'orden de retencion'],
    ]);
    const english = matcher.match('Un tepesiano con DACA y una orden de retencion; Temporary Protected Status.', { lang: 'en' });
    expect(english.map((m) => m.explainerId)).toEqual(['daca', 'tps']);
    const table = readPacked(catalog.matcherTable().compiled);
    expect(Array.from({ length: table.termCount }, (_, index) => table.term(index).langs)).toContain(3);
  });
});
