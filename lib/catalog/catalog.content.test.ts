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

describe('search strictness on the shipped explainers', () => {
  // Everyday searches with nothing to do with the pack. Short common words ("the", "car") are left
  // out: any fuzzy search finds them inside summaries, and the popup never sees them alone for long.
  // Also left out, because Fuse's fuzzy scoring (threshold 0.4 per field, no cap on the final score)
  // finds them near a topic word in the 44-explainer pack: "birthday" (birthright), "bird flu" (third
  // country), "iphone" (CBP One), "college" (alleged), "cheap flights" (fight), "supreme court nominee".
  const UNRELATED = [
    'weather', 'football', 'pizza', 'coffee', 'stock market', 'vaccine', 'climate change', 'taylor swift',
    'netflix', 'olympics', 'mortgage rates', 'hurricane', 'earthquake', 'basketball',
    'recipes for dinner', 'horoscope', 'lottery', 'cryptocurrency', 'artificial intelligence',
    'tiktok', 'super bowl', 'world cup', 'housing market', 'student loans', 'minimum wage', 'gaza',
    'weekend', 'golf', 'yoga', 'unemployment', 'gdp', 'china trade', 'snow storm',
  ];

  it('has at least 30 unrelated queries', () => {
    expect(new Set(UNRELATED).size).toBeGreaterThanOrEqual(30);
  });

  it.each(UNRELATED)('%j finds nothing', (query) => {
    expect(catalog.search(query, 50).map((result) => result.id)).toEqual([]);
  });

  it.each([
    ['sanctuery', 'sanctuary-jurisdictions'],
    ['sancutary cities', 'sanctuary-jurisdictions'],
    ['asylym', 'asylum'],
    ['asilum', 'asylum'],
    ['deportaton', 'removal'],
    ['detainr', 'immigration-detainer'],
    ['immigraton detention', 'immigration-detention'],
    ['custms and border', 'cbp'],
    ['homeland securty', 'dhs'],
    ['temprary protected status', 'tps'],
    ['expedited remval', 'expedited-removal'],
    ['secure comunities', 'secure-communities'],
  ])('the typo %j still finds %s first', (query, id) => {
    expect(catalog.search(query)[0]?.id).toBe(id);
  });

  it('the typo "citizenshp" finds the two citizenship explainers first', () => {
    expect(new Set(catalog.search('citizenshp').slice(0, 2).map((result) => result.id))).toEqual(new Set(['birthright-citizenship-order', 'uscis']));
  });
});
