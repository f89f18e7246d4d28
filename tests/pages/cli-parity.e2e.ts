/**
 * One walker: `npm run detect page.html` lists exactly what the built extension marks on that page in
 * Chromium. For the fixture pages (tests/fixtures, the Spanish article included, and the hand-made
 * page-breaking pages of tests/pages/fixtures: code, forms, editors, shadow DOM…) and 20 corpus pages
 * (sorted names, an even stride; read in place from ../shared/corpus/pages or CE_CORPUS_DIR), the
 * CLI's matches are compared with the extension's highlights, per explainer, as multisets of matched
 * text. Any difference fails with both sides' surroundings.
 *
 * The extension's highlight ranges carry no explainer id, so each range's explainer is read back by
 * hiding explainers a bit at a time (settings' hiddenExplainers, as the card menu's "hide topic"):
 * with the explainers present numbered 1..k, round b hides those whose number has bit b set, and a
 * range's number is the set of rounds it vanished in.
 *
 * The bundled pack's topics appear on 3 of the 130 corpus pages, which would leave the walker nearly
 * untested there; both sides therefore also carry a probe pack of everyday words ("said", "people",
 * "New York", a context-ruled "court"…), imported into the extension as a reader would import a pack
 * file, so each page gives the walkers many mentions to disagree on.
 *
 * What both sides see, on purpose:
 * - page scripts are off on both: the CLI parses the file and runs nothing, so the pages are served
 *   with `Content-Security-Policy: script-src 'none'` (content scripts are exempt from a page's CSP);
 * - the page's characters: the CLI reads the `<meta charset>` (tools/detect/page.ts htmlCharset),
 *   and the server sends that same charset in Content-Type;
 * - mark mode "every": the CLI lists mentions, not the first per section;
 * - only the top document: the CLI does not load frames, and each frame's highlights live in its own
 *   document, so ranges are read from the top document only.
 *
 *   npm run build && node --import tsx --test tests/pages/cli-parity.e2e.ts
 *   (EXTENSION_DIR=/path/to/chrome-mv3 to test another build)
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { HIGHLIGHT_NAME, ON_DARK_SUFFIX, SCAN_MEASURE } from '../../lib/dom/constants';
import { createMatcher } from '../../lib/match/index';
import type { Matcher } from '../../lib/match/types';
import { decodeHtml, detectPage, htmlCharset } from '../../tools/detect/page';
import { termsOf } from '../../lib/catalog/match-terms';
import { listenLocal } from '../support/listen-local';
import { loadTerms } from '../../tools/detect/terms';
import { buildPack } from '../support/pack-fixtures';
import { askBackground, EXTENSION_DIR, FIXTURES_DIR, launchExtension, pageExplainers, REPO_ROOT, tabIdFor, updateSettings, waitUntil, type ExtensionHarness } from '../e2e/harness';

const CORPUS_DIR = process.env.CE_CORPUS_DIR ?? path.resolve(REPO_ROOT, '../shared/corpus/pages');
const PAGE_FIXTURES_DIR = path.join(REPO_ROOT, 'tests/pages/fixtures');
const CORPUS_PAGES = 20;
/** A page without mentions, loaded between two compared pages so no counts outlive their page. */
const BLANK_PATH = '/blank.html';
/** Scan measures and highlights unchanged this long: the scan is over. */
const QUIET_MS = 1000;

/** Words common on news pages, plain and context-ruled, case-sensitive and not, one or several words long. */
const PROBE_PACK = buildPack('walker-probe', [
  { id: 'probe-said', terms: [{ text: 'said' }, { text: 'says' }] },
  { id: 'probe-people', terms: [{ text: 'people' }] },
  { id: 'probe-government', terms: [{ text: 'government' }, { text: 'president' }] },
  { id: 'probe-new-york', terms: [{ text: 'New York', caseSensitive: true }] },
  { id: 'probe-court', terms: [{ text: 'court', context: ['judge', 'law', 'ruling', 'justice', 'legal'] }] },
  { id: 'probe-world', terms: [{ text: 'world' }, { text: 'news' }] },
  { id: 'probe-time', terms: [{ text: 'time' }, { text: 'year' }, { text: 'years' }, { text: 'first' }] },
]);

/** Every .html under `dir`, relative to it. */
function fixturePages(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      if (entry.isDirectory()) return fixturePages(path.join(dir, entry.name), `${prefix}${entry.name}/`);
      return entry.name.endsWith('.html') ? [`${prefix}${entry.name}`] : [];
    });
}

/** `count` corpus pages: names sorted, every (n / count)-th. */
function corpusPages(count: number): string[] {
  const names = readdirSync(CORPUS_DIR)
    .filter((name) => name.endsWith('.html'))
    .sort();
  if (names.length < count) throw new Error(`${CORPUS_DIR}: ${names.length} pages, ${count} wanted (set CE_CORPUS_DIR)`);
  return Array.from({ length: count }, (_, i) => names[Math.floor((i * names.length) / count)]!);
}

/** /fixtures/…, /page-fixtures/… and /corpus/… with page scripts off and the charset the CLI reads; nothing else. */
async function servePages(): Promise<{ origin: string; close(): Promise<void> }> {
  const roots: Record<string, string> = { fixtures: FIXTURES_DIR, 'page-fixtures': PAGE_FIXTURES_DIR, corpus: CORPUS_DIR };
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (pathname === BLANK_PATH) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end('<!doctype html><title>-</title><p>-</p>');
      return;
    }
    const [, mount = '', ...rest] = pathname.split('/');
    const root = roots[mount];
    const file = root ? path.resolve(root, rest.join('/')) : '';
    if (!root || !file.startsWith(root + path.sep) || !file.endsWith('.html') || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const bytes = readFileSync(file);
    response.writeHead(200, {
      'content-type': `text/html; charset=${htmlCharset(bytes)}`,
      'content-security-policy': "script-src 'none'",
      'cache-control': 'no-store',
    });
    response.end(bytes);
  });
  const { origin, close } = await listenLocal(server);
  return { origin, close };
}

interface Found {
  explainer: string;
  text: string;
  /** A few words either side, for the failure message. */
  context: string;
}

function around(text: string, start: number, end: number): string {
  return `…${text.slice(Math.max(0, start - 40), start)}[${text.slice(start, end)}]${text.slice(end, end + 40)}…`.replace(/\s+/g, ' ');
}

async function cliFinds(file: string, matcher: Matcher): Promise<Found[]> {
  const { matches } = await detectPage(decodeHtml(readFileSync(file)), matcher);
  return matches.map((m) => ({ explainer: m.explainer, text: m.text, context: around(m.block, m.start, m.end) }));
}

declare global {
  interface Window {
    __ceParityRanges?: StaticRange[];
  }
}

/** Page world: the top document's highlight ranges (both tones), remembered for the rounds, with their text. */
function readBaseRanges(names: string[]): { text: string; context: string }[] {
  const ranges = names.flatMap((name) => [...(CSS.highlights.get(name) ?? [])]) as StaticRange[];
  window.__ceParityRanges = ranges;
  return ranges.map((range) => {
    const live = document.createRange();
    live.setStart(range.startContainer, range.startOffset);
    live.setEnd(range.endContainer, range.endOffset);
    const before = range.startContainer.textContent?.slice(Math.max(0, range.startOffset - 40), range.startOffset) ?? '';
    const after = range.endContainer.textContent?.slice(range.endOffset, range.endOffset + 40) ?? '';
    return { text: live.toString(), context: `…${before}[${live.toString()}]${after}…`.replace(/\s+/g, ' ') };
  });
}

/** Page world: which remembered ranges are drawn now, and how many drawn ranges are new. */
function readShownRanges(names: string[]): { shown: boolean[]; unknown: number } {
  const base = window.__ceParityRanges ?? [];
  const same = (a: AbstractRange, b: AbstractRange) =>
    a.startContainer === b.startContainer && a.startOffset === b.startOffset && a.endContainer === b.endContainer && a.endOffset === b.endOffset;
  const now = names.flatMap((name) => [...(CSS.highlights.get(name) ?? [])]);
  return { shown: base.map((range) => now.some((drawn) => same(drawn, range))), unknown: now.filter((drawn) => !base.some((range) => same(drawn, range))).length };
}

const RANGE_NAMES = [HIGHLIGHT_NAME, `${HIGHLIGHT_NAME}${ON_DARK_SUFFIX}`];

/** Waits for the scan to end: scan measures and highlights unchanged for QUIET_MS. */
async function waitForScan(page: Page): Promise<void> {
  const read = () =>
    page.evaluate(
      ({ measure, names }) =>
        `${performance.getEntriesByName(measure, 'measure').length}/${names.reduce((sum, name) => sum + (CSS.highlights.get(name)?.size ?? 0), 0)}`,
      { measure: SCAN_MEASURE, names: RANGE_NAMES },
    );
  let last = await read();
  let since = Date.now();
  await waitUntil(
    async () => {
      const now = await read();
      if (now !== last) {
        last = now;
        since = Date.now();
      }
      return now;
    },
    (now) => !now.startsWith('0/') && Date.now() - since >= QUIET_MS,
    { timeout: 60_000, interval: 200, what: 'the scan to finish (measures/highlights)' },
  );
}

/** What the extension marked in the top document, each range's explainer read back by hiding explainers. */
async function extensionFinds(harness: ExtensionHarness, page: Page, tabId: number, url: string): Promise<Found[]> {
  await updateSettings(harness, { hiddenExplainers: [] });
  // The background keeps the last page's counts until the next page's first report: clear them
  // with a page that reports none, so the counts read below are this page's own.
  await page.goto(new URL(BLANK_PATH, url).href, { waitUntil: 'load' });
  await waitUntil(() => pageExplainers(harness, tabId), (list) => list.length === 0, { timeout: 15_000, what: 'the blank page to clear the counts' });
  await page.goto(url, { waitUntil: 'load' });
  assert.equal(page.url(), url, `${url} navigated away by itself`);
  await waitForScan(page);
  const base = await page.evaluate(readBaseRanges, RANGE_NAMES);
  if (base.length === 0) return [];
  // The counts reach the background after a debounce: wait until they cover every drawn range.
  const listed = await waitUntil(
    () => pageExplainers(harness, tabId),
    (list) => list.reduce((sum, item) => sum + item.count, 0) >= base.length,
    { timeout: 15_000, what: `the page's counts (${base.length} ranges drawn)` },
  );
  const present = listed
    .filter((item) => item.count > 0)
    .map((item) => item.id)
    .sort();
  const codes = base.map(() => 0);
  for (let bit = 1; bit <= present.length; bit <<= 1) {
    const hidden = present.filter((_, index) => (index + 1) & bit);
    await updateSettings(harness, { hiddenExplainers: hidden });
    // Hidden topics are not counted either: once none is listed, every frame has applied the setting.
    await waitUntil(
      () => pageExplainers(harness, tabId),
      (list) => !list.some((item) => hidden.includes(item.id) && item.count > 0),
      { timeout: 15_000, what: `hiding ${hidden.join(', ')}` },
    );
    const { shown, unknown } = await page.evaluate(readShownRanges, RANGE_NAMES);
    assert.equal(unknown, 0, `${url}: hiding explainers drew ranges that were not there before`);
    shown.forEach((drawn, index) => {
      if (!drawn) codes[index]! |= bit;
    });
  }
  await updateSettings(harness, { hiddenExplainers: [] });
  return base.map((range, index) => {
    const explainer = present[codes[index]! - 1];
    assert.ok(explainer, `${url}: the range ${range.context} belongs to no explainer the page's counts list`);
    return { explainer, ...range };
  });
}

/** Per explainer, the texts only one side found (multisets), as readable lines; empty when they agree. */
function differences(cli: Found[], browser: Found[]): string[] {
  const byExplainer = new Map<string, { cli: Found[]; browser: Found[] }>();
  const entry = (id: string) => byExplainer.get(id) ?? byExplainer.set(id, { cli: [], browser: [] }).get(id)!;
  for (const found of cli) entry(found.explainer).cli.push(found);
  for (const found of browser) entry(found.explainer).browser.push(found);
  const lines: string[] = [];
  for (const [id, sides] of [...byExplainer].sort(([a], [b]) => a.localeCompare(b))) {
    const left = [...sides.browser];
    const onlyCli: Found[] = [];
    for (const found of sides.cli) {
      const at = left.findIndex((other) => other.text === found.text);
      if (at === -1) onlyCli.push(found);
      else left.splice(at, 1);
    }
    for (const found of onlyCli) lines.push(`  ${id}: only the CLI     ${JSON.stringify(found.text)}  ${found.context}`);
    for (const found of left) lines.push(`  ${id}: only the browser ${JSON.stringify(found.text)}  ${found.context}`);
  }
  return lines;
}

describe('detect CLI and extension mark the same mentions', { concurrency: 1 }, () => {
  let harness: ExtensionHarness;
  let server: Awaited<ReturnType<typeof servePages>>;
  let page: Page;
  let matcher: Matcher;
  let tabId: number;

  before(async () => {
    server = await servePages();
    harness = await launchExtension();
    // The CLI reads the very pack the extension under test ships.
    const { terms } = await loadTerms({ pack: path.join(EXTENSION_DIR, 'packs/default.json') });
    matcher = createMatcher([...terms, ...PROBE_PACK.explainers.flatMap(termsOf)]);
    const imported = await askBackground(harness, { type: 'importPack', text: JSON.stringify(PROBE_PACK), fileName: 'walker-probe.json' });
    assert.deepEqual(imported, { ok: true }, 'the probe pack was not imported');
    await updateSettings(harness, { markMode: 'every', hiddenExplainers: [] });
    page = await harness.context.newPage();
    // Without the "tabs" permission tab URLs are hidden, so tabIdFor takes the active tab: ask while
    // this one is (the popup-like page askBackground opens later becomes the active tab). A tab keeps its id across loads.
    await page.goto(`${server.origin}/fixtures/${fixturePages(FIXTURES_DIR)[0]}`);
    tabId = await tabIdFor(harness, page.url());
  });

  after(async () => {
    await harness?.close();
    await server?.close();
  });

  const pages = [
    ...fixturePages(FIXTURES_DIR).map((name) => ({ url: `/fixtures/${name}`, file: path.join(FIXTURES_DIR, name) })),
    ...fixturePages(PAGE_FIXTURES_DIR).map((name) => ({ url: `/page-fixtures/${name}`, file: path.join(PAGE_FIXTURES_DIR, name) })),
    ...corpusPages(CORPUS_PAGES).map((name) => ({ url: `/corpus/${name}`, file: path.join(CORPUS_DIR, name) })),
  ];
  /** Marks compared per page, so the run cannot pass on pages where neither side finds anything. */
  const compared = new Map<string, number>();
  for (const { url, file } of pages) {
    it(url, async () => {
      const cli = await cliFinds(file, matcher);
      const browser = await extensionFinds(harness, page, tabId, `${server.origin}${url}`);
      const diff = differences(cli, browser);
      assert.ok(diff.length === 0, `${url}: the CLI found ${cli.length}, the extension marked ${browser.length}\n${diff.join('\n')}`);
      compared.set(url, browser.length);
    });
  }

  it('compared marks on the fixtures and on corpus pages, not only empty pages', () => {
    const total = (prefix: string) => [...compared].filter(([url]) => url.startsWith(prefix)).reduce((sum, [, count]) => sum + count, 0);
    assert.ok(total('/fixtures/es/') > 0, 'the Spanish article had no marks to compare');
    assert.ok(total('/fixtures/') > 20, `only ${total('/fixtures/')} marks compared on the fixture pages`);
    assert.ok(total('/corpus/') > 0, 'no marks compared on the corpus pages');
    console.log(`marks compared: ${total('/fixtures/') + total('/page-fixtures/')} on fixture pages, ${total('/corpus/')} on ${CORPUS_PAGES} corpus pages`);
    console.log([...compared].map(([url, count]) => `  ${url}: ${count}`).join('\n'));
  });
});
