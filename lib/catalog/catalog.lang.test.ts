import { describe, expect, it } from 'vitest';
import { Catalog } from './catalog';
import { pageExplainers } from './page-state';
import { testExplainer, testPack } from '../../tests/support/test-pack';
import type { Explainer } from '../pack-format/types';

/** Two explainers, one with a Spanish translation and one still English only. */
function bilingualCatalog(): Catalog {
  const detainer = testExplainer({
    id: 'immigration-detainer',
    title: 'Immigration detainer',
    summary: 'A request from ICE to a jail.',
    related: ['ice'],
    facts: [{ text: 'ICE issued many detainers.', sources: ['https://www.ice.gov/detainers'] }],
  });
  const translated: Explainer = {
    ...detainer,
    translations: {
      es: {
        lang: 'es',
        title: 'Orden de retención migratoria',
        summary: 'Una solicitud de ICE a una cárcel.',
        updated: '2026-02-20',
        terms: [{ text: 'orden de retención', caseSensitive: false }],
        facts: [{ text: 'ICE emitió muchas órdenes de retención.', sources: ['https://www.ice.gov/detainers'] }],
        timeline: [],
        primarySources: [],
        furtherReading: [],
        sections: { happening: [], stake: [], matters: [] },
      },
    },
  };
  const ice = testExplainer({ id: 'ice', title: 'ICE', summary: 'The agency.', category: 'Agencies' });
  return new Catalog(testPack([translated, ice]));
}

describe('Catalog in the reader\'s language', () => {
  it('gives the Spanish card when asked for Spanish, and says so', () => {
    const card = bilingualCatalog().card('immigration-detainer', 'es');
    expect(card).toMatchObject({ lang: 'es', title: 'Orden de retención migratoria', updated: '2026-02-20', category: 'Federal programs' });
    expect(card?.facts.map((fact) => fact.text)).toEqual(['ICE emitió muchas órdenes de retención.']);
  });

  it('gives English, marked English, when there is no Spanish translation, and English when asked for it', () => {
    const catalog = bilingualCatalog();
    expect(catalog.card('ice', 'es')).toMatchObject({ lang: 'en', title: 'ICE' });
    expect(catalog.card('immigration-detainer', 'en')).toMatchObject({ lang: 'en', title: 'Immigration detainer' });
    expect(catalog.card('immigration-detainer')).toMatchObject({ lang: 'en' });
  });

  it('localizes the full view and the titles of related explainers one by one', () => {
    const view = bilingualCatalog().explainer('immigration-detainer', 'es');
    expect(view?.lang).toBe('es');
    expect(view?.explainer.title).toBe('Orden de retención migratoria');
    expect(view?.related).toEqual([{ id: 'ice', title: 'ICE', lang: 'en' }]);
  });

  it('lists explainers in Spanish where translated, and the popup\'s page list too', async () => {
    const catalog = bilingualCatalog();
    expect(catalog.listExplainers('es').map(({ id, title, lang }) => [id, title, lang])).toEqual([
      ['ice', 'ICE', 'en'],
      ['immigration-detainer', 'Orden de retención migratoria', 'es'],
    ]);
    expect((await pageExplainers({ 'immigration-detainer': 2, ice: 1 }, catalog, 'es')).map(({ title, lang }) => [title, lang])).toEqual([
      ['Orden de retención migratoria', 'es'],
      ['ICE', 'en'],
    ]);
    expect((await pageExplainers({ 'immigration-detainer': 2 }, catalog, 'en'))[0]).toMatchObject({ title: 'Immigration detainer', lang: 'en' });
  });

  it('titles search results in the reader\'s language', () => {
    const catalog = bilingualCatalog();
    expect(catalog.search('detainer', 5, 'es')[0]).toMatchObject({ id: 'immigration-detainer', title: 'Orden de retención migratoria', lang: 'es' });
    expect(catalog.search('detainer', 5, 'en')[0]).toMatchObject({ id: 'immigration-detainer', title: 'Immigration detainer', lang: 'en' });
  });
});
