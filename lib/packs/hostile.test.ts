// Hostile packs at the one door (acceptPackText): markup, bad URLs, huge or deep input, wrong types
// and broken UTF-8 are refused with a clear error or, when accepted, render as inert text.
import { h, render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ExplainerCard } from '../../components/ExplainerCard/ExplainerCard';
import { ExplainerPage } from '../../components/ExplainerPage/ExplainerPage';
import { englishProblem, problemMatching, useEnglishMessages } from '../../components/testing/i18n';
import { Catalog } from '../catalog/catalog';
import { createMatcher } from '../match';
import { validatePack } from '../pack/validate';
import type { Pack } from '../pack/types';
import { buildPack, rehash } from '../../tests/packs/fixtures';
import { acceptPackText } from './accept';
import { fetchPack } from './fetch-pack';
import { importPackFile, loadPacksState } from './store';

const MARKUP = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">';
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

async function markupPack(): Promise<Pack> {
  const pack = clone(base);
  const explainer = pack.explainers[0];
  explainer.title = `Title ${MARKUP}`;
  explainer.summary = `Summary ${MARKUP}`.slice(0, 160);
  explainer.category = `Category ${MARKUP}`;
  explainer.facts.forEach((fact: Json, i: number) => (fact.text = `Fact ${i} ${MARKUP}`));
  explainer.timeline = [{ date: '2026-01', text: `Timeline ${MARKUP}`, sources: ['https://www.ice.gov/287g'] }];
  explainer.primarySources = [{ title: `Primary ${MARKUP}`, url: 'https://www.ice.gov/287g', publisher: `Pub ${MARKUP}` }];
  explainer.furtherReading = [{ title: `Further ${MARKUP}`, url: 'https://www.ice.gov/287g', publisher: `Pub ${MARKUP}` }];
  explainer.sections.happening = [
    { t: 'p', c: [{ t: 'text', v: `Happening ${MARKUP}` }, { t: 'code', v: MARKUP }] },
    { t: 'p', c: [{ t: 'link', href: 'https://www.ice.gov/', c: [{ t: 'text', v: `Link ${MARKUP}` }] }] },
  ];
  walkInlines(explainer.sections.stake, (inline) => inline.t === 'text' && (inline.v = `Stake ${MARKUP}`));
  explainer.series = [{ title: `Series ${MARKUP}`, unit: MARKUP, note: MARKUP, points: [{ date: '2025', value: 1, label: MARKUP, source: 'https://www.ice.gov/287g' }, { date: '2026', value: 2, source: 'https://www.ice.gov/287g' }] }];
  pack.name = `Name ${MARKUP}`;
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

function expectInert(container: HTMLElement): void {
  expect(container.querySelector('script, img, iframe, object, embed')).toBeNull();
  expect(container.querySelectorAll('[onerror]').length).toBe(0);
  for (const link of container.querySelectorAll('a[href]')) {
    const href = link.getAttribute('href')!;
    expect(href.startsWith('https://') || href.startsWith('chrome-extension://') || href.startsWith('#') || href.startsWith('explainer.html')).toBe(true);
  }
  expect((globalThis as { __pwned?: number }).__pwned).toBeUndefined();
}

describe('markup in every text field', () => {
  it('is accepted as plain text and renders inert, literally, in the card and the full page', async () => {
    const result = await acceptPackText(JSON.stringify(await markupPack()));
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    const catalog = new Catalog(result.pack);
    const card = catalog.card('alpha')!;
    render(h(ExplainerCard, { card, fullUrl: 'chrome-extension://abc/explainer.html#alpha', onClose: () => {} }), root);
    expectInert(root);
    expect(root.textContent).toContain(`Title ${MARKUP}`);
    expect(root.textContent).toContain(`Fact 0 ${MARKUP}`);

    render(null, root);
    render(h(ExplainerPage, { view: catalog.explainer('alpha')! }), root);
    expectInert(root);
    for (const literal of [`Title ${MARKUP}`, `Timeline ${MARKUP}`, `Primary ${MARKUP}`, `Further ${MARKUP}`, `Happening ${MARKUP}`, `Link ${MARKUP}`, `Fact 3 ${MARKUP}`]) {
      expect(root.textContent).toContain(literal);
    }
  });
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
  it('refuses a 50 MB text by its size before parsing it', async () => {
    const huge = `{"x":"${'a'.repeat(50 * 1024 * 1024)}"`; // also not valid JSON: only the size check may answer
    const result = await acceptPackText(huge);
    expect(result).toMatchObject({ ok: false, stage: 'size' });
    if (!result.ok) expect(englishProblem(result.error)).toMatch(/^size limit: the pack is 52428807 bytes, more than the 5242880-byte limit$/);
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
