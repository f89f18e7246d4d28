/**
 * The built extension on a page written to break highlighters: RTL overrides, zero-width joiners,
 * stacked combining marks, a term split over many inline elements, SVG text and one 5 MB text node.
 * The content script must not throw, must finish its scan, must keep the page responsive, and must
 * still mark the terms in ordinary text.
 *
 *   npm run build && node --import tsx --test tests/pages/hostile.e2e.ts
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { HIGHLIGHT_NAME, SCAN_MEASURE } from '../../lib/dom/constants';
import { closeQuietly, DEFAULT_EXTENSION_DIR, launchContext, updateExtensionSettings, watchPage, type LaunchedContext, type PageWatch } from './browser';
import { serveFolder, type StaticServer } from '../e2e/static-server';

const EXTENSION_DIR = process.env.CE_EXTENSION_DIR ?? DEFAULT_EXTENSION_DIR;
const FIXTURES_DIR = path.join(import.meta.dirname, 'fixtures');
const SCAN_SETTLE_LIMIT_MS = 20_000;
const RESPONSE_LIMIT_MS = 2_000;

interface Mark {
  text: string;
  near: string;
}

function listMarks(name: string): Mark[] {
  return [...(CSS.highlights.get(name) ?? [])].map((range) => {
    const node = range.startContainer;
    const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
    const live = document.createRange();
    live.setStart(range.startContainer, range.startOffset);
    live.setEnd(range.endContainer, range.endOffset);
    return { text: live.toString().slice(0, 80), near: element?.closest('[id]')?.id ?? '' };
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function assertNoErrors(watch: PageWatch): void {
  const errors = watch.errors.filter((error) => error.fromExtension || error.source === 'pageerror');
  assert.deepEqual(errors, [], `errors on the page: ${JSON.stringify(errors)}`);
}

/** Polls until the scan measures stop growing for `quietMs`, asking the page for a trivial answer each time. */
async function waitForScanQuietWhileResponsive(page: Page, quietMs = 1500): Promise<{ slices: number; slowestAnswerMs: number }> {
  const deadline = Date.now() + SCAN_SETTLE_LIMIT_MS;
  let last = -1;
  let since = Date.now();
  let slowestAnswerMs = 0;
  while (Date.now() < deadline) {
    const asked = Date.now();
    const answer = await Promise.race([
      page.evaluate(() => 1),
      sleep(RESPONSE_LIMIT_MS).then(() => 'timeout' as const),
    ]);
    slowestAnswerMs = Math.max(slowestAnswerMs, Date.now() - asked);
    assert.equal(answer, 1, `the page did not answer within ${RESPONSE_LIMIT_MS} ms during the scan`);
    const count = await page.evaluate((name) => performance.getEntriesByName(name, 'measure').length, SCAN_MEASURE);
    if (count !== last) {
      last = count;
      since = Date.now();
    } else if (count > 0 && Date.now() - since >= quietMs) return { slices: count, slowestAnswerMs };
    await sleep(200);
  }
  throw new Error(`The scan did not go quiet within ${SCAN_SETTLE_LIMIT_MS} ms (${last} slices)`);
}

describe('hostile text around terms (Chromium, built extension)', () => {
  let browser: LaunchedContext;
  let server: StaticServer;
  let page: Page | undefined;

  before(async () => {
    server = await serveFolder(FIXTURES_DIR);
    browser = await launchContext({ extensionDir: EXTENSION_DIR });
    await updateExtensionSettings(browser, { markMode: 'every' });
  });

  after(async () => {
    if (page) await closeQuietly(page);
    await browser?.close();
    await server?.close();
  });

  it('never throws, finishes the scan, stays responsive and marks terms in ordinary text', async () => {
    page = await browser.context.newPage();
    const watch = watchPage(page, browser.extensionId);
    await page.goto(server.url('hostile-text.html'), { waitUntil: 'load' });
    assert.ok((await page.evaluate(() => (window as unknown as { __hugeLength: number }).__hugeLength)) > 5 * 1024 * 1024);

    const { slices, slowestAnswerMs } = await waitForScanQuietWhileResponsive(page);
    const marks = await page.evaluate(listMarks, HIGHLIGHT_NAME);
    const near = (id: string) => marks.filter((mark) => mark.near === id).map((mark) => mark.text);
    const byParagraph = Object.fromEntries(
      ['plain', 'rtl', 'rtl-inside', 'zero-width', 'combining', 'split', 'svg-text', 'huge', 'after'].map((id) => [id, near(id)]),
    );
    // What the hostile parts produced, for the report (not asserted where the design leaves it open).
    console.log(`hostile-text: ${slices} scan slices, slowest page answer ${slowestAnswerMs} ms, marks ${JSON.stringify(byParagraph)}`);

    assertNoErrors(watch);
    for (const id of ['plain', 'rtl', 'zero-width', 'split', 'after']) {
      const found = byParagraph[id]!.join(' | ');
      assert.match(found, /ICE/, `ICE not marked in #${id}: ${found}`);
      assert.match(found, /287\(g\)/, `287(g) not marked in #${id}: ${found}`);
    }
    assert.ok(byParagraph.combining!.some((text) => text.startsWith('ICE')), `ICE not marked before combining marks: ${byParagraph.combining}`);
    assert.ok(byParagraph.huge!.some((text) => text.includes('ICE')), `the mention at the end of the 5 MB node is not marked: ${byParagraph.huge}`);
  });
});
