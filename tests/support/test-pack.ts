import { buildSearchIndex, searchDocOf } from '../../lib/pack-format/search-doc';
import { PACK_FORMAT, type Explainer, type Pack } from '../../lib/pack-format/types';

/** A minimal explainer for tests; fields not given get plausible defaults. */
export function testExplainer(fields: Partial<Explainer> & Pick<Explainer, 'id' | 'title'>): Explainer {
  return {
    summary: `About ${fields.title}.`,
    category: 'Federal programs',
    updated: '2026-02-18',
    terms: [{ text: fields.title, caseSensitive: false }],
    related: [],
    facts: [],
    timeline: [],
    primarySources: [],
    furtherReading: [],
    sections: { happening: [], stake: [], matters: [] },
    ...fields,
  };
}

/** Builds a pack the way the compiler does (search docs + prebuilt Fuse index) without reading Markdown. */
export function testPack(explainers: Explainer[], sha256 = 'test-sha'): Pack {
  const searchDocs = explainers.map(searchDocOf);
  return {
    format: PACK_FORMAT,
    id: 'test',
    name: 'Test pack',
    publisher: 'Tests',
    version: '1',
    updated: '2026-02-18',
    explainers,
    searchDocs,
    searchIndex: buildSearchIndex(searchDocs),
    sha256,
  };
}

const fact = (text: string) => ({ text, sources: ['https://www.ice.gov/287g'] });

/** Four explainers shaped like the real content: enough overlap in wording to make ranking matter. */
export function immigrationTestPack(): Pack {
  return testPack([
    testExplainer({
      id: '287g-program',
      title: '287(g) program',
      summary: 'A federal program under which ICE deputizes state and local officers for some immigration duties.',
      terms: [
        { text: '287(g)', caseSensitive: false },
        { text: '287(g) program', caseSensitive: false },
        { text: 'Section 287(g)', caseSensitive: false },
        { text: 'Delegation of Immigration Authority', caseSensitive: false },
      ],
      related: ['ice', 'sanctuary-jurisdictions', 'not-in-this-pack'],
      facts: ['one', 'two', 'three', 'four', 'five', 'six', 'seven'].map((word) => fact(`Fact ${word}.`)),
      primarySources: [{ title: 'Delegation of Immigration Authority', url: 'https://www.ice.gov/287g', publisher: 'ICE' }],
    }),
    testExplainer({
      id: 'sanctuary-jurisdictions',
      title: 'Sanctuary jurisdictions',
      summary: 'Places that limit how far local officials help federal immigration enforcement; the term has no legal definition.',
      category: 'State & local policy',
      terms: [
        { text: 'sanctuary city', caseSensitive: false },
        { text: 'sanctuary cities', caseSensitive: false },
        { text: 'sanctuary jurisdiction', caseSensitive: false },
        { text: 'sanctuary policy', caseSensitive: false },
      ],
      related: ['immigration-detainer'],
    }),
    testExplainer({
      id: 'immigration-detainer',
      title: 'Immigration detainer',
      summary: 'A request from ICE that a jail hold someone up to 48 hours past release; sanctuary places often decline them.',
      category: 'Legal process',
      terms: [
        { text: 'detainer', caseSensitive: false },
        { text: 'ICE hold', caseSensitive: false },
        { text: 'I-247A', caseSensitive: false },
      ],
    }),
    testExplainer({
      id: 'ice',
      title: 'U.S. Immigration and Customs Enforcement (ICE)',
      summary: 'The DHS agency that enforces immigration law inside the United States.',
      category: 'Agencies',
      terms: [
        { text: 'ICE', caseSensitive: true, context: ['immigration', 'deportation', 'detainer'], minContext: 1, not: ['Vanilla Ice'] },
        { text: 'Immigration and Customs Enforcement', caseSensitive: false },
      ],
    }),
  ]);
}
