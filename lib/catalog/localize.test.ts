import { describe, expect, it } from 'vitest';
import { META, TODAY, explainerData, source } from '../../tests/fixtures/pack/sources';
import { spanishData, spanishSource } from '../../tests/support/es-sources';
import { compileSources } from '../../tools/pack/compiler';
import { localizeExplainer } from './localize';

const pack = compileSources(
  [
    source(explainerData('alpha', { related: ['beta'], corrections: [{ date: '2026-01-10', text: 'Fixed a count.' }] })),
    source(explainerData('beta')),
    spanishSource(spanishData('alpha', { related: ['beta'] })),
  ],
  META,
  { today: TODAY },
);
const [alpha, beta] = pack.explainers;
if (!alpha || !beta) throw new Error('fixture pack changed');

describe('localizeExplainer', () => {
  it('swaps every readable field to the translation and keeps the shared ones', () => {
    const { explainer, lang, missing } = localizeExplainer(alpha, 'es');
    expect({ lang, missing }).toEqual({ lang: 'es', missing: false });
    expect(explainer).toMatchObject({ id: 'alpha', category: 'Agencies', related: ['beta'], lang: 'es', title: 'Título de alpha' });
    expect(explainer.summary).toBe('Resumen de alpha.');
    expect(explainer.facts[0]?.text).toBe('Dato uno sobre alpha.');
    expect(explainer.terms).toEqual([{ text: 'término alpha', caseSensitive: false }]);
    expect(explainer.sections.happening).toEqual(alpha.translations?.es?.sections.happening);
    // An English correction describes the English text; the translation has none.
    expect(explainer.corrections).toBeUndefined();
    expect(explainer.translations).toBeUndefined();
  });

  it('returns the explainer itself in its own language', () => {
    expect(localizeExplainer(alpha, 'en')).toEqual({ explainer: alpha, lang: 'en', missing: false });
  });

  it('shows the other language and says so when the wanted one is missing', () => {
    expect(localizeExplainer(beta, 'es')).toEqual({ explainer: beta, lang: 'en', missing: true });
  });

  it('does not change the pack', () => {
    const before = JSON.stringify(alpha);
    localizeExplainer(alpha, 'es');
    expect(JSON.stringify(alpha)).toBe(before);
  });
});
