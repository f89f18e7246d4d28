import { describe, expect, it } from 'vitest';
import { CARD_FACT_LIMIT } from '../messages';
import { Catalog } from './catalog';
import { immigrationTestPack, testExplainer, testPack } from '../../tests/support/test-pack';

const catalog = () => new Catalog(immigrationTestPack());

describe('Catalog.termTable', () => {
  it('filters out disabled categories, and ignores categories no explainer uses', () => {
    const full = catalog().termTable();
    const filtered = catalog().termTable(['Agencies', 'Not a category']);
    expect(filtered.terms.length).toBeGreaterThan(0);
    expect(filtered.terms.length).toBeLessThan(full.terms.length);
    expect(filtered.terms.every((term) => catalog().card(term.explainerId)?.category !== 'Agencies')).toBe(true);
    expect(filtered.version).not.toBe(full.version);
    expect(catalog().termTable(['Not a category'])).toEqual(full);
    expect(catalog().categories()).toContain('Agencies');
  });

  it('versions the table with the pack hash', () => {
    expect(new Catalog(testPack([testExplainer({ id: 'a', title: 'A' })], 'abc123')).termTable().version).toBe('abc123');
  });

  it('lists every term of every explainer with its explainer id and rules intact', () => {
    const { terms } = catalog().termTable();
    expect(terms).toHaveLength(4 + 4 + 3 + 2);
    expect(terms.filter((term) => term.explainerId === '287g-program').map((term) => term.text)).toEqual([
      '287(g)',
      '287(g) program',
      'Section 287(g)',
      'Delegation of Immigration Authority',
    ]);
    const ice = terms.find((term) => term.text === 'ICE');
    expect(ice).toMatchObject({ explainerId: 'ice', caseSensitive: true, minContext: 1, not: ['Vanilla Ice'] });
    expect(ice?.context).toContain('deportation');
  });
});

describe('Catalog.card', () => {
  it('returns null for an unknown id', () => {
    expect(catalog().card('nope')).toBeNull();
  });

  it('caps facts at three, keeping the authored order, says how many there are in all, and uses the primary sources', () => {
    const card = catalog().card('287g-program');
    expect(card?.facts.map((fact) => fact.text)).toEqual(['Fact one.', 'Fact two.', 'Fact three.']);
    expect(card?.facts).toHaveLength(CARD_FACT_LIMIT);
    expect(card?.factCount).toBeGreaterThan(CARD_FACT_LIMIT);
    expect(card?.sources).toEqual([{ title: 'Delegation of Immigration Authority', url: 'https://www.ice.gov/287g', publisher: 'ICE' }]);
    expect(card).toMatchObject({ id: '287g-program', title: '287(g) program', category: 'Federal programs', updated: '2026-02-18' });
  });

  it('keeps all facts when there are fewer than five', () => {
    const pack = testPack([
      testExplainer({ id: 'x', title: 'X', facts: [{ text: 'Only.', sources: ['https://example.org/'] }] }),
    ]);
    expect(new Catalog(pack).card('x')?.facts).toHaveLength(1);
  });

  it('carries what the card needs for freshness: newest asOf over all facts, latest correction, staleAfterDays', () => {
    const facts = ['2025-06-01', undefined, '2025-01-01', '2025-02-01', '2025-03-01', '2026-01-15'].map((asOf, i) => ({
      text: `Fact ${['a', 'b', 'c', 'd', 'e', 'f'][i]}.`,
      sources: ['https://www.ice.gov/'],
      ...(asOf ? { asOf } : {}),
    }));
    const corrections = [
      { date: '2026-02-01', text: 'Later fix.' },
      { date: '2025-12-01', text: 'Earlier fix.' },
    ];
    const explainer = testExplainer({ id: 'x', title: 'X', facts, corrections });
    const card = new Catalog({ ...testPack([explainer]), staleAfterDays: 90 }).card('x');
    // The sixth fact is not on the card, but its date is still the newest figure of the explainer.
    expect(card).toMatchObject({ figuresAsOf: '2026-01-15', latestCorrection: corrections[0], staleAfterDays: 90 });
    const plain = new Catalog(testPack([testExplainer({ id: 'y', title: 'Y', facts: [{ text: 'Only.', sources: ['https://example.org/'] }] })])).card('y');
    expect(plain?.staleAfterDays).toBe(180);
    expect(plain).not.toHaveProperty('figuresAsOf');
    expect(plain).not.toHaveProperty('latestCorrection');
    expect(new Catalog({ ...testPack([explainer]), staleAfterDays: 90 }).explainer('x')?.staleAfterDays).toBe(90);
  });
});

describe('Catalog.search', () => {
  it('finds sanctuary jurisdictions despite a typo and names the term that matched', () => {
    const [first] = catalog().search('sanctuery');
    expect(first?.id).toBe('sanctuary-jurisdictions');
    expect(first?.matched.toLowerCase()).toContain('sanctuary');
  });

  it.each(['287 g', '287g', '287-g', '287(g)'])('finds the 287(g) program for %j', (query) => {
    const [first] = catalog().search(query);
    expect(first?.id).toBe('287g-program');
    expect(first?.matched).toContain('287(g)');
  });

  it('matches by the title when a term is not the better label', () => {
    const [first] = catalog().search('Customs Enforcement');
    expect(first?.id).toBe('ice');
    expect(first?.matched).toMatch(/Customs Enforcement/);
  });

  it('returns results best first with scores between 0 and 1', () => {
    const results = catalog().search('immigration');
    expect(results.length).toBeGreaterThan(1);
    for (const [index, result] of results.entries()) {
      expect(result.score).toBeGreaterThanOrEqual(0);
      expect(result.score).toBeLessThanOrEqual(1);
      if (index > 0) expect(result.score).toBeGreaterThanOrEqual(results[index - 1]!.score);
    }
  });

  it('labels a match found only in the summary with the summary words that matched', () => {
    const detainer = catalog()
      .search('sanctuery')
      .find((result) => result.id === 'immigration-detainer');
    expect(detainer?.matched).toBe('sanctuary');
  });

  it('returns each explainer at most once', () => {
    const ids = catalog().search('287 g').map((result) => result.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('honours the limit', () => {
    expect(catalog().search('immigration', 1)).toHaveLength(1);
  });

  it('returns nothing for a blank query or gibberish', () => {
    expect(catalog().search('   ')).toEqual([]);
    expect(catalog().search('zqxjvwk')).toEqual([]);
  });
});

describe('Catalog.listExplainers', () => {
  it('lists every explainer with the fields an index needs, sorted by title', () => {
    const list = catalog().listExplainers();
    expect(list.map((item) => item.id)).toEqual(['287g-program', 'immigration-detainer', 'sanctuary-jurisdictions', 'ice']);
    expect(Object.keys(list[0]!).sort()).toEqual(['category', 'id', 'lang', 'summary', 'title']);
  });
});

describe('Catalog.explainer', () => {
  it('returns null for an unknown id', () => {
    expect(catalog().explainer('nope')).toBeNull();
  });

  it('returns the whole explainer with titles of the related explainers that exist', () => {
    const view = catalog().explainer('287g-program');
    expect(view?.explainer.id).toBe('287g-program');
    expect(view?.explainer.facts).toHaveLength(7);
    expect(view?.related).toEqual([
      { id: 'ice', title: 'U.S. Immigration and Customs Enforcement (ICE)', lang: 'en' },
      { id: 'sanctuary-jurisdictions', title: 'Sanctuary jurisdictions', lang: 'en' },
    ]);
  });
});
