import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFolder } from '../../tools/pack/compiler';
import { Catalog } from './catalog';

// The shipped explainers with their Spanish editions, compiled as `npm run pack:default` does.
const pack = JSON.parse(
  JSON.stringify(compileFolder(path.resolve(__dirname, '../../content/explainers'), { id: 'default', name: 'Default', publisher: 'Tests' })),
) as ReturnType<typeof compileFolder>;
const catalog = new Catalog(pack);
const spanishTitle = (id: string) => pack.explainers.find((explainer) => explainer.id === id)?.translations?.es?.title;

describe('Spanish search over the shipped explainers', () => {
  it.each([
    ['ciudades santuario', 'sanctuary-jurisdictions'],
    ['orden de retencion', 'immigration-detainer'],
    ['orden de retención', 'immigration-detainer'],
    ['tepesiano', 'tps'],
    ['estatus de proteccion temporal', 'tps'],
    ['patrulla fronteriza', 'cbp'],
    ['deportacion acelerada', 'expedited-removal'],
  ])('%j finds %s first, titled in Spanish even for an English reader', (query, id) => {
    const [first] = catalog.search(query, 10, 'en');
    expect(first?.id).toBe(id);
    expect(first?.lang).toBe('es');
    expect(first?.title).toBe(spanishTitle(id));
  });

  it('titles an English match in Spanish for a Spanish reader, and in English for an English one', () => {
    expect(catalog.search('sanctuary jurisdictions', 10, 'es')[0]).toMatchObject({ id: 'sanctuary-jurisdictions', lang: 'es', title: spanishTitle('sanctuary-jurisdictions') });
    expect(catalog.search('sanctuary jurisdictions', 10, 'en')[0]).toMatchObject({ id: 'sanctuary-jurisdictions', lang: 'en' });
  });

  it('has a Spanish edition of every shipped explainer', () => {
    expect(pack.explainers.filter((explainer) => !explainer.translations?.es).map((explainer) => explainer.id)).toEqual([]);
  });
});
