import { describe, expect, it } from 'vitest';
import { Catalog } from './catalog';
import type { Explainer } from '../pack-format/types';
import { testExplainer, testPack } from '../../tests/support/test-pack';

/** A Spanish publisher's explainer with an English translation: which one a reader sees depends on the language asked for. */
function spanishOwnExplainer(): Explainer {
  const { id: _id, category: _category, related: _related, ...english } = testExplainer({ id: 'asilo', title: 'Asylum', summary: 'Protection for refugees.' });
  return {
    ...testExplainer({ id: 'asilo', title: 'Asilo', summary: 'Protección para refugiados.' }),
    lang: 'es',
    translations: { en: { lang: 'en', ...english } },
  };
}

describe('the language shown when none is asked for', () => {
  const catalog = () => new Catalog(testPack([spanishOwnExplainer()]));

  it('shows cards and full pages in English', () => {
    const shared = catalog();
    expect(shared.card('asilo')).toMatchObject({ title: 'Asylum', lang: 'en' });
    expect(shared.explainer('asilo')).toMatchObject({ lang: 'en', explainer: { title: 'Asylum' } });
    const found = shared.explainerById('asilo');
    if (!found) throw new Error('fixture lost its explainer');
    expect(shared.cardOf(found)).toMatchObject({ title: 'Asylum', lang: 'en' });
    expect(shared.viewOf(found)).toMatchObject({ lang: 'en', explainer: { title: 'Asylum' } });
  });

  it('still shows the Spanish original to a Spanish reader', () => {
    expect(catalog().card('asilo', 'es')).toMatchObject({ title: 'Asilo', lang: 'es' });
  });
});
