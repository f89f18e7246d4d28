import { describe, expect, it } from 'vitest';
import { META, TODAY, explainerData, source } from '../../tests/fixtures/pack/sources';
import { spanishData, spanishSource } from '../../tests/support/es-sources';
import { compileSources } from '../../tools/pack/compiler';
import { computePackHash } from './hash';
import type { Pack } from './types';
import { validatePack } from './validate';

/** A bilingual pack as the extension receives it: alpha translated, beta English only. */
function bilingualPack(): Pack {
  const pack = compileSources(
    [source(explainerData('alpha')), source(explainerData('beta')), spanishSource(spanishData('alpha'))],
    META,
    { today: TODAY },
  );
  return JSON.parse(JSON.stringify(pack)) as Pack;
}

async function resign(pack: Pack): Promise<Pack> {
  pack.sha256 = await computePackHash(pack);
  return pack;
}

async function errorsOf(pack: unknown): Promise<string[]> {
  const result = await validatePack(pack);
  return result.ok ? [] : result.errors;
}

describe('validatePack with translations', () => {
  it('accepts a bilingual pack and keeps the translation', async () => {
    const result = await validatePack(bilingualPack());
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.pack.explainers[0]?.translations?.es?.title).toBe('Título de alpha');
  });

  it('still covers a translation with the hash', async () => {
    const pack = bilingualPack();
    pack.explainers[0]!.translations!.es!.summary = 'Editado a escondidas.';
    expect((await errorsOf(pack)).some((e) => e.startsWith('sha256:'))).toBe(true);
  });

  it('applies the URL rule inside a translation, naming its path', async () => {
    const pack = bilingualPack();
    pack.explainers[0]!.translations!.es!.facts[1]!.sources = ['javascript:alert(1)'];
    pack.explainers[0]!.translations!.es!.primarySources[0]!.url = 'http://example.gov/';
    const errors = await errorsOf(await resign(pack));
    expect(errors.some((e) => e.startsWith('explainers[0].translations.es.facts[1].sources[0]: javascript: URLs are not allowed')), errors.join('\n')).toBe(true);
    expect(errors.some((e) => e.startsWith('explainers[0].translations.es.primarySources[0].url: http URL'))).toBe(true);
  });

  it('applies the shape and limits inside a translation', async () => {
    const pack = bilingualPack();
    const es = pack.explainers[0]!.translations!.es!;
    es.summary = 'x'.repeat(161);
    es.terms = [];
    es.facts = es.facts.slice(0, 2);
    const errors = await errorsOf(await resign(pack));
    expect(errors.some((e) => e.startsWith('explainers[0].translations.es.summary: at most 160'))).toBe(true);
    expect(errors.some((e) => e.startsWith('explainers[0].translations.es.terms:'))).toBe(true);
    expect(errors.some((e) => e.startsWith('explainers[0].translations.es.facts: 4 to 8'))).toBe(true);
  });

  it('refuses a translation filed under another language, or in the explainer\'s own language', async () => {
    const pack = bilingualPack();
    pack.explainers[0]!.translations!.es!.lang = 'en';
    const mislabelled = await errorsOf(await resign(pack));
    expect(mislabelled).toContain('explainers[0].translations.es.lang: "en" under the key "es"');

    const own = bilingualPack();
    own.explainers[0]!.lang = 'es';
    expect((await errorsOf(await resign(own))).some((e) => e.startsWith('explainers[0].translations.es: the explainer itself is in "es"'))).toBe(true);
  });

  it('reads an explainer without a language as English, so an English translation of it is refused', async () => {
    const pack = bilingualPack();
    const explainer = pack.explainers[0]!;
    delete explainer.lang;
    explainer.translations = { en: { ...explainer.translations!.es!, lang: 'en' } };
    expect((await errorsOf(await resign(pack))).some((e) => e.startsWith('explainers[0].translations.en: the explainer itself is in "en"'))).toBe(true);
  });

  it('refuses an unknown language', async () => {
    const pack = bilingualPack() as unknown as { explainers: { lang?: string }[] };
    pack.explainers[1]!.lang = 'fr';
    expect((await errorsOf(await resign(pack as unknown as Pack))).some((e) => e.startsWith('explainers[1].lang: expected a language'))).toBe(true);
  });
});
