import { describe, expect, it } from 'vitest';
import { Catalog } from './catalog';
import { immigrationTestPack, testExplainer, testPack } from '../../tests/support/test-pack';

// Small packs built for one behaviour each: what a reader sees in search (order, labels, which explainers
// match) and what a tab gets as its term table when categories are turned off.

const fact = (text: string) => ({ text, sources: ['https://example.org/'] });
const ids = (results: { id: string }[]) => results.map((result) => result.id);

describe('term tables with categories turned off', () => {
  // Category names chosen so that joining them without a separator would collide ("A" + "B" = "AB").
  const catalog = () =>
    new Catalog(
      testPack(
        [
          testExplainer({ id: 'a', title: 'Asylum', category: 'A' }),
          testExplainer({ id: 'b', title: 'Border wall', category: 'B' }),
          testExplainer({ id: 'ab', title: 'Airport screening', category: 'AB' }),
        ],
        'pack-sha',
      ),
    );
  const explainersOf = (table: { terms: { explainerId: string }[] }) => [...new Set(table.terms.map((term) => term.explainerId))].sort();

  it('gives each set of turned-off categories its own version, whatever order the reader turned them off in', () => {
    const shared = catalog();
    const aAndB = shared.termTable(['A', 'B']);
    expect(explainersOf(aAndB)).toEqual(['ab']);
    expect(explainersOf(shared.termTable(['AB']))).toEqual(['a', 'b']);
    expect(aAndB.version).not.toBe(shared.termTable(['AB']).version);
    expect(aAndB.version).not.toBe(shared.termTable(['A']).version);
    expect(shared.termTable(['B', 'A']).version).toBe(aAndB.version);
    expect(aAndB.version).toContain('pack-sha');
  });

  it('compiles the table a tab asks for, not one cached for other categories', () => {
    const shared = catalog();
    const textsOf = (table: ReturnType<Catalog['matcherTable']>) => table.compiled.patterns.split('\n').sort();
    expect(textsOf(shared.matcherTable(['AB']))).toEqual(['asylum', 'border wall']);
    expect(textsOf(shared.matcherTable(['A', 'B']))).toEqual(['airport screening']);
    expect(textsOf(shared.matcherTable(['B', 'A']))).toEqual(['airport screening']);
    expect(textsOf(shared.matcherTable())).toEqual(['airport screening', 'asylum', 'border wall']);
  });

  it('hands every tab asking for the same categories the one compiled table', () => {
    const shared = catalog();
    expect(shared.matcherTable(['A'])).toBe(shared.matcherTable(['A']));
    expect(shared.matcherTable()).toBe(shared.matcherTable([]));
  });
});

describe('exact titles and spellings', () => {
  it('puts an explainer whose spelling is exactly the query first, ahead of a title that merely contains it', () => {
    const catalog = new Catalog(
      testPack([
        testExplainer({ id: 'parole-programs', title: 'Alpha parole programs', summary: 'Parole, parole and parole again.' }),
        testExplainer({ id: 'humanitarian-parole', title: 'Zeta', terms: [{ text: 'parole', caseSensitive: false }], summary: 'Entry without a visa.' }),
      ]),
    );
    const results = catalog.search('parole');
    expect(ids(results)).toEqual(['humanitarian-parole', 'parole-programs']);
    expect(results[0]).toMatchObject({ matched: 'parole', score: 0 });
    expect(results[1]!.score).toBeGreaterThan(0);
  });

  it('ranks every explainer sharing an exact spelling first', () => {
    const catalog = new Catalog(
      testPack([
        testExplainer({ id: 'ice-agency', title: 'Zulu agency', terms: [{ text: 'ICE', caseSensitive: true }] }),
        testExplainer({ id: 'ice-raids', title: 'Yankee raids', terms: [{ text: 'ICE', caseSensitive: true }] }),
        testExplainer({ id: 'police', title: 'Police ice rink', summary: 'Ice, ice, ice.' }),
      ]),
    );
    const results = catalog.search('ICE');
    expect(new Set(ids(results).slice(0, 2))).toEqual(new Set(['ice-agency', 'ice-raids']));
    expect(results.slice(0, 2).map((result) => result.score)).toEqual([0, 0]);
  });

  it('finds an exact title even among many explainers that share its words', () => {
    const crowd = Array.from({ length: 40 }, (_, i) =>
      testExplainer({ id: `border-${i}`, title: `Border wall funding ${i}`, summary: 'Border wall funding, border wall money, border wall.' }),
    );
    const target = testExplainer({ id: 'wall', title: 'Wall', summary: 'A short one.' });
    const catalog = new Catalog(testPack([...crowd, target]));
    expect(catalog.search('Wall')[0]?.id).toBe('wall');
  });
});

describe('ordering of results', () => {
  it('keeps, per explainer, the best of the typed and the rewritten spelling', () => {
    const catalog = new Catalog(immigrationTestPack());
    const [typed] = catalog.search('287 g');
    const [canonical] = catalog.search('287(g)');
    expect(typed?.id).toBe('287g-program');
    expect(typed?.score).toBe(canonical?.score);
    const agreements = new Catalog(
      testPack([testExplainer({ id: 'agreements', title: 'Local agreements', terms: [{ text: 'Section 287(g) agreements', caseSensitive: false }] })]),
    );
    expect(agreements.search('287 g agreements')).toEqual(agreements.search('287(g) agreements'));
  });

  it('shows the spelling the reader typed when it and its rewrite match equally well', () => {
    const catalog = new Catalog(
      testPack([
        testExplainer({
          id: '287g',
          title: '287(g) program',
          terms: [
            { text: '287(g)', caseSensitive: false },
            { text: '287 g', caseSensitive: false },
          ],
        }),
      ]),
    );
    expect(catalog.search('287 g')[0]).toMatchObject({ id: '287g', matched: '287 g', score: 0 });
  });

  it('still lists a body hit at the loosest score search accepts', () => {
    const catalog = new Catalog(testPack([testExplainer({ id: 'trade', title: 'Zulu', summary: 'Fruit.', facts: [fact('The tomato trade.')] })]));
    expect(catalog.search('tomatoess trade')[0]).toMatchObject({ id: 'trade', score: 0.4 });
  });

  it('lists a near-exact body hit before a loose name hit, best score first', () => {
    const catalog = new Catalog(
      testPack([
        testExplainer({ id: 'tomatoes', title: 'Tomatoes', summary: 'Fruit.' }),
        testExplainer({ id: 'quotas', title: 'Import quotas', summary: 'Caps on tomato imports.' }),
        testExplainer({ id: 'tomahawk', title: 'Tomahawk missiles', summary: 'Weapons.' }),
      ]),
    );
    const results = catalog.search('tomato');
    expect(results[0]?.id).toBe('tomatoes');
    for (let i = 1; i < results.length; i += 1) expect(results[i]!.score).toBeGreaterThanOrEqual(results[i - 1]!.score);
  });

  it('labels an explainer by its closest match: an exact word in the body over a loose match of the name', () => {
    const catalog = new Catalog(
      testPack([testExplainer({ id: 'tomatillo', title: 'Tomatillo quotas', summary: 'Fruit.', facts: [fact('The tomato trade.')] })]),
    );
    expect(catalog.search('tomato')[0]).toMatchObject({ id: 'tomatillo', matched: 'tomato' });
  });

  it('orders explainers with equal scores by title, as the reader’s language sorts', () => {
    const catalog = new Catalog(
      testPack([
        testExplainer({ id: 'b', title: 'Beta quotas', summary: 'Caps on tomato imports.' }),
        testExplainer({ id: 'c', title: 'Charlie quotas', summary: 'Caps on tomato imports.' }),
        testExplainer({ id: 'a', title: 'Alpha quotas', summary: 'Caps on tomato imports.' }),
      ]),
    );
    const results = catalog.search('tomato imports');
    expect(results.map((result) => result.score)).toEqual([results[0]!.score, results[0]!.score, results[0]!.score]);
    expect(ids(results)).toEqual(['a', 'b', 'c']);
  });

  it('between equal body hits, lists first the explainer whose name came closer', () => {
    const catalog = new Catalog(
      testPack([
        testExplainer({ id: 'a', title: 'Alpha quotas', category: 'Trade', summary: 'Caps on tomato imports.' }),
        testExplainer({ id: 'z', title: 'Zulu quotas', category: 'Tomatoes importing', summary: 'Caps on tomato imports.' }),
      ]),
    );
    const results = catalog.search('tomato imports');
    expect(results[0]?.score).toBe(results[1]?.score);
    expect(ids(results)).toEqual(['z', 'a']);
  });

  it('gives as a short page of results the head of the longer page, when names fill it and when body hits do', () => {
    // Six explainers named for tomatoes fill a page of four before any body hit could; a page of ten
    // must also read the bodies, where two more mention tomatoes.
    const named = ['Tomato tariffs', 'Tomato quotas', 'Tomato imports', 'Tomato farms', 'Tomato labor', 'Tomato prices'].map((title, i) =>
      testExplainer({ id: `named-${i}`, title, summary: 'Fruit.' }),
    );
    const inBody = [0, 1].map((i) => testExplainer({ id: `body-${i}`, title: `Zulu ${i}`, summary: 'Trade.', facts: [fact(`The tomato trade, part ${i}.`)] }));
    const catalog = new Catalog(testPack([...inBody, ...named]));
    const long = catalog.search('tomato', 10);
    expect(ids(long).filter((id) => id.startsWith('body-'))).toHaveLength(2);
    for (const limit of [1, 4, 6, 7]) expect(catalog.search('tomato', limit)).toEqual(long.slice(0, limit));
  });
});

describe('the label that says what matched', () => {
  it('shows the shortest equally good spelling, and the first authored among equal lengths', () => {
    const catalog = new Catalog(
      testPack([
        testExplainer({
          id: 'sanctuary',
          title: 'Sanctuary jurisdictions',
          terms: [
            { text: 'sanctuary town', caseSensitive: false },
            { text: 'sanctuary city', caseSensitive: false },
          ],
        }),
      ]),
    );
    expect(catalog.search('sanctuary')[0]?.matched).toBe('sanctuary town');
  });

  it('shows the title when the title matches best, even if a longer term also contains the words', () => {
    const catalog = new Catalog(
      testPack([
        testExplainer({
          id: 'tps',
          title: 'Temporary Protected Status',
          terms: [{ text: 'Temporary Protected Status designation', caseSensitive: false }],
        }),
      ]),
    );
    expect(catalog.search('protected status')[0]?.matched).toBe('Temporary Protected Status');
  });

  it('labels a summary match with the summary words, and a match on the category alone with the title', () => {
    const catalog = new Catalog(
      testPack([
        testExplainer({ id: 'imports', title: 'Yak', summary: 'Tomato imports' }),
        testExplainer({ id: 'process', title: 'Zebra', category: 'Legal process', summary: 'Stripes.' }),
      ]),
    );
    expect(catalog.search('tomato imports')[0]).toMatchObject({ id: 'imports', matched: 'Tomato imports' });
    expect(catalog.search('legal process')[0]).toMatchObject({ id: 'process', matched: 'Zebra' });
  });

  it('shows an accented spelling that matches exactly once accents are ignored', () => {
    const catalog = new Catalog(
      testPack([
        testExplainer({
          id: 'mexico',
          title: 'Border towns',
          terms: [
            { text: 'Mexico City', caseSensitive: false },
            { text: 'México', caseSensitive: false },
          ],
        }),
      ]),
    );
    expect(catalog.search('mexico')[0]?.matched).toBe('México');
  });

  it('shows a spelling that matched far into a long term', () => {
    const long = 'U.S.-Department-of-Homeland-Security-Office-for-Immigration-Detention Ombudsman';
    const catalog = new Catalog(
      testPack([testExplainer({ id: 'oido', title: 'OIDO', terms: [{ text: 'OIDO', caseSensitive: true }, { text: long, caseSensitive: false }] })]),
    );
    expect(catalog.search('ombudsman')[0]?.matched).toBe(long);
  });

  it('labels a body hit with the whole words around the match', () => {
    const catalog = new Catalog(
      testPack([testExplainer({ id: 'quota', title: 'Quota', summary: 'Caps on visas for skilled workers, renewed yearly by Congress.' })]),
    );
    expect(catalog.search('kille')[0]?.matched).toBe('skilled');
    expect(catalog.search('aps on')[0]?.matched).toBe('Caps on');
    expect(catalog.search('workers renewed')[0]?.matched).toBe('renewed');
    expect(catalog.search('skilled workers renewed')[0]?.matched).toBe('skilled workers');
  });

  it('labels with the first of two equally long matched words, the one read first', () => {
    const catalog = new Catalog(
      testPack([testExplainer({ id: 'quota', title: 'Quota', summary: 'Caps on visas for skilled workers, renewed yearly by Congress.' })]),
    );
    expect(catalog.search('skilled-workers')[0]?.matched).toBe('skilled');
  });

  it('labels a body hit with a two-letter word', () => {
    const catalog = new Catalog(testPack([testExplainer({ id: 'schengen', title: 'Schengen', summary: 'Open borders in the EU and beyond.' })]));
    expect(catalog.search('EU')[0]?.matched).toBe('EU');
  });

  it('labels with body words up to 40 characters, and with the title when the words run longer', () => {
    const forty = 'internationalstudentexchangevisitorsxxx';
    expect(forty.length + 1).toBe(40);
    const catalog = (word: string) => new Catalog(testPack([testExplainer({ id: 'v', title: 'Visas', summary: `A stretch: ${word} ok.` })]));
    expect(catalog(`${forty}y`).search(`${forty}y`)[0]?.matched).toBe(`${forty}y`);
    expect(catalog(`${forty}yz`).search(`${forty}yz`)[0]?.matched).toBe('Visas');
  });
});

describe('search over long bodies', () => {
  const filler = 'Officials said the agency would publish its numbers later in the year, after the review. ';

  it('finds words deep in the key facts, not only at their start', () => {
    const catalog = new Catalog(
      testPack([testExplainer({ id: 'harbor', title: 'Harbor', summary: 'Ships at sea.', facts: [fact(`${filler.repeat(3)}The lighthouse keeper retired.`)] })]),
    );
    const [first] = catalog.search('lighthouse keeper');
    expect(first?.id).toBe('harbor');
    expect(first?.matched).toBe('lighthouse keeper');
  });

  it('finds a phrase beside the second and third mention of a word, but reads no further than three', () => {
    const mention = (n: number, tail: string) => `${filler}Mention ${n}: the keeper ${tail}. `;
    const body = (where: number) => [1, 2, 3, 4].map((n) => mention(n, n === where ? 'retired early' : 'stood by')).join('');
    const catalog = new Catalog(
      testPack([2, 3, 4].map((where) => testExplainer({ id: `at-${where}`, title: `Harbor ${where}`, summary: 'Ships.', facts: [fact(body(where))] }))),
    );
    expect(ids(catalog.search('keeper retired early')).sort()).toEqual(['at-2', 'at-3']);
  });

  it('places accented words deep in a body, typed with or without their accents, and shows them as written', () => {
    const catalog = new Catalog(
      testPack([
        testExplainer({ id: 'short', title: 'Harbor', summary: 'Ships.', facts: [fact('A short fact about the política')] }),
        testExplainer({ id: 'long', title: 'Wharf', summary: 'Boats.', facts: [fact(`${filler}${filler}Also about the política de los niños`)] }),
        testExplainer({ id: 'none', title: 'Pier', summary: 'Rafts.', facts: [fact(`${filler}${filler}Nothing about it here`)] }),
      ]),
    );
    for (const query of ['politica', 'política']) expect(ids(catalog.search(query)).sort()).toEqual(['long', 'short']);
    expect(catalog.search('politica').find((result) => result.id === 'long')?.matched).toBe('política');
    for (const query of ['ninos', 'niños']) expect(ids(catalog.search(query))).toEqual(['long']);
  });
});
