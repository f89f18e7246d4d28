import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFolder } from '../../tools/pack/compiler';
import { Catalog } from './catalog';

// The shipped explainers, compiled the way `npm run pack:default` does, so search is checked on real data.
const catalog = new Catalog(
  JSON.parse(JSON.stringify(compileFolder(path.resolve(__dirname, '../../content/explainers'), { id: 'default', name: 'Default', publisher: 'Tests' }))),
);

describe('search over the shipped explainers', () => {
  it.each([
    ['sanctuery', 'sanctuary-jurisdictions'],
    ['287 g', '287g-program'],
    ['287g', '287g-program'],
    ['Section 287(g)', '287g-program'],
    ['detainer', 'immigration-detainer'],
  ])('%j finds %s first', (query, id) => {
    expect(catalog.search(query)[0]?.id).toBe(id);
  });

  it('shows a term spelling, not just the title, when a spelling matched', () => {
    const [first] = catalog.search('sanctuery');
    expect(first?.matched.toLowerCase()).toMatch(/^sanctuary/);
  });

  it('gives every explainer a card with at most five facts and its primary sources', () => {
    for (const { id } of catalog.listExplainers()) {
      const card = catalog.card(id);
      expect(card?.facts.length).toBeGreaterThan(0);
      expect(card?.facts.length).toBeLessThanOrEqual(5);
      for (const source of card?.sources ?? []) expect(source.url).toMatch(/^https?:\/\//);
    }
  });
});
