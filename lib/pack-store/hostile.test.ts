// Hostile packs at the one door (acceptPackText): markup, bad URLs, huge or deep input, wrong types
// and broken UTF-8 are refused with a clear error or, when accepted, render as inert text in every
// view that shows pack text: the hover card, the explainer page, the popup (on this page, search
// results) and the options pack list. Publisher and term context/not are never rendered; they are
// checked as accepted plain strings. Ids and dates cannot hold markup: the door names the field.
import Fuse from 'fuse.js';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ExplainerCard } from '../../components/ExplainerCard/ExplainerCard';
import { ExplainerPage } from '../../components/ExplainerPage/ExplainerPage';
import { PacksSection, type PackActions } from '../../components/Options/PacksSection';
import { PopupApp } from '../../components/Popup/PopupApp';
import { englishProblem, problemMatching, useEnglishMessages } from '../../components/testing/i18n';
import { createPacksService } from '../../entrypoints/background/packs-service';
import { Catalog } from '../catalog/catalog';
import { LiveCatalog } from '../catalog/live-catalog';
import { pageExplainers } from '../catalog/page-state';
import { createMatcher } from '../match';
import { validatePack } from '../pack-format/validate';
import { type Pack } from '../pack-format/types';
import { SEARCH_KEYS } from '../pack-format/search-doc';
import { buildPack, rehash } from '../../tests/support/pack-fixtures';
import { acceptPackText } from './accept';
import { fetchPack } from './fetch-pack';
import { importPackFile, loadPacksState } from './store';

const HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">"><svg onload="window.__pwned=1">';
const MARKUP = HOSTILE;
/** Stands in for the markup in the harmless twin pack. */
const TWIN = 'plain words';
const base = buildPack('hostile', [{ id: 'alpha' }]);

type Json = Record<string, any>;
const clone = (pack: Pack) => structuredClone(pack) as unknown as Json;

/** Every place an inline `text`/`code` value sits in a rich-text tree, and every link. */
function walkInlines(node: unknown, visit: (inline: Json) => void): void {
  if (Array.isArray(node)) node.forEach((child) => walkInlines(child, visit));
  else if (node && typeof node === 'object') {
    const record = node as Json;
    if (record.t === 'text' || record.t === 'code' || record.t === 'link') visit(record);
    for (const value of Object.values(record)) if (typeof value === 'object') walkInlines(value, visit);
  }
}

/** Search docs and index as the compiler derives them, so a re-publisher's edits reach search too. */
function reindex(pack: Json): void {
  pack.searchDocs = pack.explainers.map((e: Json) => ({ id: e.id, title: e.title, terms: e.terms.map((term: Json) => term.text), summary: e.summary, category: e.category }));
  pack.searchIndex = Fuse.createIndex([...SEARCH_KEYS], pack.searchDocs).toJSON();
}

/**
 * Markup in every free-text field the pack schema has (ids and dates cannot hold it: see below).
 * `markupPack(TWIN)` is its harmless twin, rendered first to learn which elements the view itself makes.
 */
async function markupPack(MARKUP = HOSTILE): Promise<Pack> {
  const pack = clone(buildPack('hostile', [{ id: 'alpha' }, { id: 'beta' }]));
  const [explainer, other] = pack.explainers;
  explainer.title = `Title ${MARKUP}`;
  explainer.summary = `Summary ${MARKUP}`;
  explainer.category = `Category ${MARKUP}`;
  explainer.terms = [
    { text: `Zorblax ${MARKUP}`, caseSensitive: false },
    { text: 'second spelling', caseSensitive: false, context: [`Context ${MARKUP}`], not: [`Not ${MARKUP}`] },
  ];
  explainer.related = ['beta'];
  explainer.facts.forEach((fact: Json, i: number) => (fact.text = `Fact ${i} ${MARKUP}`));
  explainer.facts[0].sources = ['https://www.ice.gov/287g'];
  explainer.timeline = [{ date: '2026-01', text: `Timeline ${MARKUP}`, sources: ['https://www.ice.gov/287g'] }];
  explainer.primarySources = [{ title: `Primary ${MARKUP}`, url: 'https://www.ice.gov/287g', publisher: `PrimaryPub ${MARKUP}` }];
  explainer.furtherReading = [{ title: `Further ${MARKUP}`, url: 'https://www.ice.gov/287g', publisher: `FurtherPub ${MARKUP}` }];
  explainer.sections.happening = [
    { t: 'p', c: [{ t: 'text', v: `Happening ${MARKUP}` }, { t: 'code', v: MARKUP }] },
    { t: 'p', c: [{ t: 'link', href: 'https://www.ice.gov/', c: [{ t: 'text', v: `Link ${MARKUP}` }] }] },
  ];
  walkInlines(explainer.sections.stake, (inline) => inline.t === 'text' && (inline.v = `Stake ${MARKUP}`));
  explainer.series = [{ title: `Series ${MARKUP}`, unit: MARKUP, note: MARKUP, points: [{ date: '2025', value: 1, label: MARKUP, source: 'https://www.ice.gov/287g' }, { date: '2026', value: 2, source: 'https://www.ice.gov/287g' }] }];
  other.title = `Related ${MARKUP}`;
  pack.name = `Name ${MARKUP}`;
  pack.publisher = `Publisher ${MARKUP}`;
  pack.version = `Version ${MARKUP}`;
  reindex(pack);
  return rehash(pack as unknown as Pack);
}

let root: HTMLElement;
beforeEach(() => {
  useEnglishMessages();
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

/** How many elements of each tag a view made. */
function tagCounts(container: HTMLElement): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const element of container.querySelectorAll('*')) counts[element.localName] = (counts[element.localName] ?? 0) + 1;
  return counts;
}

/**
 * Nothing the markup asked for exists: the view made exactly the elements it makes for the harmless
 * twin pack (so no script, img, svg or anything else came from a text field), no element has an
 * event-handler attribute, every link is safe and no script ran.
 */
function expectInert(container: HTMLElement, twin: Record<string, number>): void {
  expect(container.querySelector('script, iframe, object, embed')).toBeNull();
  expect(JSON.stringify(tagCounts(container), Object.keys(twin).sort())).toBe(JSON.stringify(twin, Object.keys(twin).sort()));
  expect(Object.keys(tagCounts(container)).sort()).toEqual(Object.keys(twin).sort());
  for (const element of container.querySelectorAll('*')) {
    expect([...element.attributes].map((attribute) => attribute.name).filter((name) => name.startsWith('on')), element.localName).toEqual([]);
  }
  for (const link of container.querySelectorAll('a[href]')) {
    const href = link.getAttribute('href')!;
    expect(href.startsWith('https://') || href.startsWith('chrome-extension://') || href.startsWith('#') || href.startsWith('/explainer.html')).toBe(true);
  }
  expect((globalThis as { __pwned?: number }).__pwned).toBeUndefined();
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Each `<label> <markup>` shows as literal text: in the text content, and escaped in the serialised DOM. */
function expectLiteral(container: HTMLElement, labels: readonly string[]): void {
  for (const label of labels) {
    expect(container.textContent, label).toContain(`${label} ${MARKUP}`);
    expect(container.innerHTML, label).toContain(escapeText(`${label} ${MARKUP}`));
  }
}

const flush = () => act(async () => {});

describe('markup in every text field', () => {
  async function acceptedCatalog(markup = MARKUP): Promise<Catalog> {
    const result = await acceptPackText(JSON.stringify(await markupPack(markup)));
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) throw new Error(englishProblem(result.error));
    return new Catalog(result.pack);
  }

  /** Renders a view of the harmless twin pack, then of the hostile one; returns the twin's element counts. */
  async function twinThenHostile(show: (catalog: Catalog) => Promise<void>): Promise<Record<string, number>> {
    await show(await acceptedCatalog(TWIN));
    const twin = tagCounts(root);
    act(() => render(null, root));
    await show(await acceptedCatalog());
    return twin;
  }

  it('is accepted as plain text and renders inert, literally, in the card', async () => {
    const twin = await twinThenHostile(async (catalog) => {
      render(h(ExplainerCard, { card: catalog.card('alpha')!, fullUrl: 'chrome-extension://abc/explainer.html#alpha', onClose: () => {} }), root);
    });
    expectInert(root, twin);
    // The card previews the first three facts; the full page (below) shows Fact 3 too.
    expectLiteral(root, ['Title', 'Summary', 'Fact 0', 'Fact 2']);
    // The primary source a fact cites is named in its link's tooltip: an attribute value, never markup.
    expect(root.querySelector('[data-testid="card-source"]')!.getAttribute('title')).toBe(`Primary ${MARKUP} — PrimaryPub ${MARKUP}`);
  });

  it('renders inert, literally, on the full explainer page', async () => {
    const twin = await twinThenHostile(async (catalog) => {
      render(h(ExplainerPage, { view: catalog.explainer('alpha')! }), root);
    });
    expect(twin.svg).toBeGreaterThan(0); // the series chart: the one svg the page draws itself
    expectInert(root, twin);
    expectLiteral(root, ['Title', 'Summary', 'Category', 'Fact 0', 'Fact 3', 'Timeline', 'Primary', 'PrimaryPub', 'Further', 'FurtherPub', 'Happening', 'Link', 'Stake', 'Series', 'Related']);
  });

  it('renders inert, literally, in the popup: on this page and search results', async () => {
    // Typing replaces the page's list with the results, so each is rendered and checked on its own.
    const show = async (catalog: Catalog, query: string) => {
      const actions = {
        getPageExplainers: () => pageExplainers({ alpha: 2, beta: 1 }, catalog),
        search: async (text: string) => catalog.search(text),
        reveal: () => {},
        openExplainer: () => {},
      };
      act(() => render(h(PopupApp, { actions, debounceMs: 0 }), root));
      await flush();
      expect(root.querySelectorAll('[data-testid="on-page-item"]')).toHaveLength(2);
      if (query === '') return;
      const input = root.querySelector<HTMLInputElement>('[data-testid="search-input"]')!;
      act(() => {
        input.value = query;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await flush();
    };
    const listTwin = await twinThenHostile((catalog) => show(catalog, ''));
    expectInert(root, listTwin);
    expectLiteral(root.querySelector('[data-testid="on-page-item"]')!, ['Title', 'Summary']);
    expect(root.querySelectorAll('[data-testid="on-page-item"]')[1]!.textContent).toContain(`Related ${MARKUP}`);
    act(() => render(null, root));

    const searchTwin = await twinThenHostile((catalog) => show(catalog, 'Zorblax'));
    expectInert(root, searchTwin);
    const results = root.querySelectorAll<HTMLElement>('[data-testid="search-result"]');
    expect(results.length).toBeGreaterThan(0);
    expectLiteral(results[0]!, ['Title', 'Category', 'Zorblax']);
    expect(results[0]!.querySelector('[data-testid="search-result-matched"]')!.textContent).toBe(`Zorblax ${MARKUP}`);
  });

  it('renders inert, literally, in the options pack list, including a conflict with another pack', async () => {
    const refuse = async () => ({ ok: false as const, errors: [] });
    const actions: PackActions = { subscribe: refuse, importFile: refuse, remove: refuse, setEnabled: refuse, refresh: refuse };
    const show = async (markup: string) => {
      fakeBrowser.reset();
      const live = new LiveCatalog({ loadBundled: async () => buildPack('default', [{ id: 'alpha' }]), loadState: loadPacksState });
      const service = createPacksService({ live });
      expect(await importPackFile(JSON.stringify(await markupPack(markup)), `File ${markup}.json`)).toMatchObject({ ok: true });
      await live.rebuild();
      const view = await service.getPacks();
      expect(view.conflicts).toHaveLength(1);
      // The listing carries the publisher as a plain string (the list does not show it today).
      expect(view.packs.find((pack) => pack.kind === 'file')?.publisher).toBe(`Publisher ${markup}`);
      render(h(PacksSection, { view, actions, onChanged: () => {}, formatTime: (iso: string) => iso }), root);
    };
    await show(TWIN);
    const twin = tagCounts(root);
    act(() => render(null, root));
    await show(MARKUP);
    expectInert(root, twin);
    expectLiteral(root, ['Name', 'Version', 'File']);
    expect(root.querySelector('[data-testid="pack-conflicts"]')!.textContent).toContain(`Name ${MARKUP}`);
  });

  it('keeps markup in term rules (text, context, not) as plain strings the matcher compares, never markup', async () => {
    const catalog = await acceptedCatalog();
    const matcher = createMatcher(catalog.termTable().terms);
    expect(matcher.match(`A page quoting Zorblax ${MARKUP} as text.`).map((m) => m.explainerId)).toContain('alpha');
    expect(matcher.match(`The second spelling near Context ${MARKUP} here.`).map((m) => m.explainerId)).toContain('alpha');
    expect(matcher.match('The second spelling with no context word.').map((m) => m.explainerId)).not.toContain('alpha');
  });
});

describe('markup in fields that cannot hold text', () => {
  const fields: [string, (pack: Json) => void, RegExp][] = [
    ['id', (p) => (p.id = `x${MARKUP}`), /expected lowercase/],
    ['explainers[0].id', (p) => (p.explainers[0].id = `x${MARKUP}`), /expected lowercase/],
    ['explainers[0].related[0]', (p) => (p.explainers[0].related = [`beta"><img src=x onerror=alert(1)>`]), /expected lowercase/],
    ['explainers[0].updated', (p) => (p.explainers[0].updated = `2026-01-01${MARKUP}`), /expected YYYY-MM-DD/],
    ['explainers[0].facts[0].asOf', (p) => (p.explainers[0].facts[0].asOf = `<img src=x onerror=alert(1)>`), /expected YYYY-MM-DD/],
    ['explainers[0].timeline[0].date', (p) => (p.explainers[0].timeline = [{ date: `<svg onload=alert(1)>`, text: 'T' }]), /expected YYYY\[-MM\[-DD\]\]/],
    ['updated', (p) => (p.updated = `<script>alert(1)</script>`), /expected YYYY-MM-DD/],
  ];

  for (const [field, place, reason] of fields) {
    it(`refuses markup in ${field} with an error naming the field`, async () => {
      const pack = clone(base);
      place(pack);
      const result = await acceptPackText(JSON.stringify(await rehash(pack as unknown as Pack)));
      expect(result).toMatchObject({ ok: false, stage: 'schema' });
      if (result.ok) return;
      const text = englishProblem(result.error);
      const line = text.split('\n').find((entry) => entry.includes(`${field}: `));
      expect(line, text).toBeDefined();
      expect(line).toMatch(reason);
    });
  }
});

describe('unsafe URLs in every URL field', () => {
  const fields: [string, (explainer: Json, url: string) => void][] = [
    ['facts[0].sources[0]', (e, url) => (e.facts[0].sources[0] = url)],
    ['primarySources[0].url', (e, url) => (e.primarySources = [{ title: 'P', url }])],
    ['furtherReading[0].url', (e, url) => (e.furtherReading = [{ title: 'F', url }])],
    ['timeline[0].sources[0]', (e, url) => (e.timeline = [{ date: '2026', text: 'T', sources: [url] }])],
    ['series[0].points[0].source', (e, url) => (e.series = [{ title: 'S', unit: 'u', points: [{ date: '2026', value: 1, source: url }] }])],
    ['sections.happening[0]', (e, url) => (e.sections.happening = [{ t: 'p', c: [{ t: 'link', href: url, c: [{ t: 'text', v: 'x' }] }] }])],
  ];
  const urls = ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', '/relative/path', '//evil.example/x', 'http://evil.example/'];

  for (const [field, place] of fields) {
    it(`refuses each unsafe URL in ${field}, naming the field`, async () => {
      for (const url of urls) {
        const pack = clone(base);
        place(pack.explainers[0], url);
        const result = await acceptPackText(JSON.stringify(await rehash(pack as unknown as Pack)));
        expect(result, url).toMatchObject({ ok: false, stage: 'schema' });
        if (!result.ok) expect(englishProblem(result.error), url).toContain(`explainers[0].${field}`);
      }
    });
  }
});

describe('size and shape limits', () => {
  it('refuses a text just over 50 MB by its size before parsing it', async () => {
    const huge = `{"x":"${'a'.repeat(50 * 1024 * 1024)}"`; // also not valid JSON: only the size check may answer
    const result = await acceptPackText(huge);
    expect(result).toMatchObject({ ok: false, stage: 'size' });
    if (!result.ok) expect(englishProblem(result.error)).toMatch(/^size limit: the pack is 52428807 bytes, more than the 52428800-byte limit$/);
  });

  it('accepts 100,000 terms (no term limit is designed) and the catalog and matcher still build', async () => {
    const pack = clone(base);
    pack.explainers[0].terms = Array.from({ length: 100_000 }, (_, i) => ({ text: `hostile term ${i}`, caseSensitive: false }));
    const validation = await validatePack(await rehash(pack as unknown as Pack));
    expect(validation.ok).toBe(true);
    if (!validation.ok) return;
    const catalog = new Catalog(validation.pack);
    const matcher = createMatcher(catalog.termTable().terms);
    const found = matcher.match('We saw hostile term 99999 today.');
    expect(found.map((m) => m.explainerId)).toContain('alpha');
  });

  it('refuses 100,000 nested arrays with a clear error instead of overflowing the stack', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const result = await acceptPackText(deep);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(englishProblem(result.error)).toMatch(/^(not valid JSON|not a valid pack)/);
  });

  it('refuses 100,000 nested quote blocks in a section with a clear error', async () => {
    const pack = clone(base);
    let quote: Json = { t: 'p', c: [{ t: 'text', v: 'bottom' }] };
    for (let i = 0; i < 100_000; i++) quote = { t: 'quote', c: [quote] };
    pack.explainers[0].sections.happening = [quote];
    const result = await acceptPackText(deepStringify(pack), { maxBytes: 50 * 1024 * 1024 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(englishProblem(result.error)).toMatch(/^not a valid pack: explainers\[0\]\.sections\.happening\[0\][.c[\]0]+: nested more than 64 levels deep$/);
  });

  it('names each field with the wrong type', async () => {
    const pack = clone(base);
    pack.explainers[0].title = 42;
    pack.explainers[0].terms = 'ICE';
    pack.explainers[0].facts[1].sources = { url: 'https://www.ice.gov' };
    pack.updated = null;
    const validation = await validatePack(pack);
    expect(validation.ok).toBe(false);
    if (validation.ok) return;
    const joined = validation.errors.join('\n');
    for (const path of ['updated', 'explainers[0].title', 'explainers[0].terms', 'explainers[0].facts[1].sources']) {
      expect(joined).toMatch(new RegExp(`^${path.replace(/[[\].]/g, '\\$&')}: `, 'm'));
    }
  });
});

/** JSON.stringify recurses too; build deep text iteratively so the test measures the door, not itself. */
function deepStringify(pack: Json): string {
  const marker = '"__DEEP__"';
  let bottom = 0;
  let node = pack.explainers[0].sections.happening[0];
  while (node.t === 'quote') {
    bottom++;
    node = node.c[0];
  }
  pack.explainers[0].sections.happening = [marker.slice(1, -1)];
  const outer = JSON.stringify(pack);
  const inner = `${'{"t":"quote","c":['.repeat(bottom)}${JSON.stringify(node)}${']}'.repeat(bottom)}`;
  return outer.replace(marker, inner);
}

describe('invalid UTF-8', () => {
  const goodText = JSON.stringify(base);
  const withBadBytes = (bad: number[]) => {
    const encoded = new TextEncoder().encode(goodText.replace('"Pack hostile"', '"Pack XX"'));
    const at = new TextDecoder().decode(encoded).indexOf('XX');
    const bytes = new Uint8Array([...encoded.slice(0, at), ...bad, ...encoded.slice(at + 2)]);
    return bytes;
  };

  it('as a file read with file.text(): bytes become U+FFFD, the hash no longer matches, the door says so', async () => {
    for (const bad of [[0xc3, 0x28], [0xff, 0xff]]) {
      const text = await new Blob([withBadBytes(bad)]).text();
      expect(text).toContain('\uFFFD');
      const result = await acceptPackText(text);
      expect(result).toMatchObject({ ok: false, stage: 'hash' });
      if (!result.ok) expect(englishProblem(result.error)).toMatch(/^hash mismatch: .* \(altered or corrupted\)$/);
    }
  });

  it('as a download: refused as not valid UTF-8', async () => {
    const bytes = withBadBytes([0xc3, 0x28]);
    const result = await fetchPack('https://packs.example/p.json', { fetchImpl: async () => new Response(bytes) });
    expect(result).toEqual({ status: 'error', kind: 'encoding', error: problemMatching('download: the pack is not valid UTF-8 text') });
  });
});

describe('the store after hostile imports', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps the previous good pack and records a clear error for each refusal', async () => {
    const good = await importPackFile(JSON.stringify(base), 'good.json');
    expect(good.ok).toBe(true);
    const badUrl = clone(base);
    badUrl.explainers[0].primarySources = [{ title: 'P', url: 'javascript:alert(1)' }];
    const attempts = [
      JSON.stringify(await rehash(badUrl as unknown as Pack)),
      JSON.stringify({ ...base, name: 7 }),
      `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
      JSON.stringify(base).slice(0, -10),
    ];
    for (const text of attempts) {
      const result = await importPackFile(text, 'bad.json');
      expect(result.ok).toBe(false);
      if (!result.ok) expect(englishProblem(result.error)).toMatch(/^bad\.json: (not a valid pack|not valid JSON)/);
      const record = (await loadPacksState()).records.find((r) => r.id === 'file:hostile');
      expect(record?.pack).toEqual(base);
    }
  });
});
