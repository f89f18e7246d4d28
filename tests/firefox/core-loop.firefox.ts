/**
 * The reader loop in real Firefox ESR with the built Firefox (MV2) extension: marks on the demo
 * article, the 287(g) hover card in our shadow host, Escape, the popup's list and fuzzy search, the
 * full explainer page, an untouched page DOM, and no connection anywhere but 127.0.0.1. Steps share
 * one browser and run in order.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { SHADOW_HOST_TAG } from '../../lib/dom/constants';
import { mutationRecorderScript } from '../e2e/mutation-recorder';
import { readCard, readMarks, termPoint } from './article-page';
import { launchFirefoxExtension, openExtensionPage, waitUntil, type FirefoxHarness } from './harness';

/** Same floor as the Chromium e2e: the demo story has about a dozen distinct topics. */
const MIN_MARKS = 8;
const HOVER_PHRASE = 'known simply as 287(g) among sheriffs';
const HOVER_TERM = '287(g)';

describe('core loop on the demo article (Firefox ESR)', () => {
  let harness: FirefoxHarness;
  let article: Page;
  let articleUrl: string;

  before(async () => {
    harness = await launchFirefoxExtension();
    articleUrl = harness.server.url('demo/article.html');
    article = await harness.browser.newPage();
    await article.evaluateOnNewDocument(mutationRecorderScript(SHADOW_HOST_TAG));
    await article.goto(articleUrl, { waitUntil: 'load' });
  });

  after(async () => {
    await harness?.close();
  });

  it(`marks at least ${MIN_MARKS} mentions, including 287(g), Executive Directive 1 and HB 444`, async () => {
    const marks = await waitUntil(() => readMarks(article), (read) => read.texts.length >= MIN_MARKS, {
      timeout: 20_000,
      what: `${MIN_MARKS} marks`,
    });
    // Firefox 140+ (the manifest's minimum) has the Custom Highlight API, the only way marks are drawn.
    assert.equal(marks.api, 'highlights');
    for (const expected of ['287(g)', 'Executive Directive 1', 'HB 444']) {
      assert.ok(marks.texts.some((text) => text.includes(expected)), `no mark contains ${JSON.stringify(expected)}: ${JSON.stringify(marks.texts)}`);
    }
  });

  it('opens the 287(g) card on hover in our shadow host, with its title, at most 3 facts and safe https sources', async () => {
    const expected = harness.explainer('287g-program');
    await article.mouse.move(5, 5);
    const { x, y } = await termPoint(article, HOVER_PHRASE, HOVER_TERM);
    await article.mouse.move(x - 2, y, { steps: 2 });
    await article.mouse.move(x, y, { steps: 2 });
    const card = await waitUntil(() => readCard(article), (read) => Boolean(read?.visible && read.title), { timeout: 8_000, what: 'the hover card' });
    assert.ok(card);
    assert.equal(card.title, expected.title);
    assert.equal(card.facts.length, Math.min(3, expected.facts.length));
    assert.ok(card.facts.length >= 1 && card.facts.length <= 3, `card shows ${card.facts.length} facts`);
    assert.ok(card.facts[0]?.includes(expected.facts[0]!.text.slice(0, 40)), `first fact: ${card.facts[0]}`);
    assert.ok(card.sources.length >= 1, 'card has no source links');
    for (const link of card.sources) {
      assert.match(link.href, /^https:\/\//, `source link ${link.href} is not https`);
      assert.ok(link.rel.split(/\s+/).includes('noopener'), `source link ${link.href} has rel="${link.rel}"`);
      assert.equal(link.target, '_blank');
    }
    assert.equal(card.fullLink, harness.extensionUrl('explainer.html#287g-program'));
  });

  it('closes the card on Escape', async () => {
    // Without a card open before Escape, "closed after" would prove nothing.
    assert.ok((await readCard(article))?.visible, 'the previous step left no open card to close');
    await article.keyboard.press('Escape');
    await waitUntil(() => readCard(article), (read) => !read?.visible, { timeout: 3_000, what: 'the card to close' });
  });

  let popup: Page;

  it('lists the 287(g) program under "On this page" in the popup, with a count', async () => {
    popup = await harness.browser.newPage();
    await openExtensionPage(popup, harness.extensionUrl('popup.html'));
    // The popup is opened as a tab, so tell it which tab to report on (see surfaces: ?tab=). Without the
    // "tabs" permission Firefox hides tab URLs from the extension, so take the tab opened just before
    // this one; the list below only shows the article's topics if that guess was right.
    const tabId = await waitUntil(
      () =>
        popup
          .evaluate(async () => {
            type Tab = { id?: number };
            const api = (globalThis as unknown as { browser?: { tabs: { query(q: object): Promise<Tab[]>; getCurrent(): Promise<Tab> } } }).browser;
            if (!api) return null;
            const current = await api.tabs.getCurrent();
            const others = (await api.tabs.query({})).map((tab) => tab.id ?? -1).filter((id) => id >= 0 && id !== current.id && id < (current.id ?? 0));
            return others.length > 0 ? Math.max(...others) : null;
          })
          .catch(() => null),
      (id) => typeof id === 'number',
      { what: "the article's tab id" },
    );
    await openExtensionPage(popup, harness.extensionUrl(`popup.html?tab=${tabId}`));
    const title = harness.explainer('287g-program').title;
    const items = await waitUntil(
      () => popup.$$eval('[data-testid="on-page-item"]', (nodes) => nodes.map((node) => (node as HTMLElement).innerText)).catch(() => [] as string[]),
      (texts) => texts.some((text) => text.includes(title)),
      { what: `"${title}" under On this page` },
    );
    const item = items.find((text) => text.includes(title))!;
    assert.match(item.replace(title, ''), /\b[1-9]\d*\b/, `no count in ${JSON.stringify(item)}`);
  });

  it('finds sanctuary jurisdictions first for the misspelt "sanctuery", showing the matched term', async () => {
    const title = harness.explainer('sanctuary-jurisdictions').title;
    await popup.click('input[data-testid="search-input"]');
    await popup.keyboard.type('sanctuery');
    const results = await waitUntil(
      () => popup.$$eval('[data-testid="search-result"]', (nodes) => nodes.map((node) => (node as HTMLElement).innerText)),
      (texts) => texts[0]?.includes(title) ?? false,
      { timeout: 5_000, what: `"${title}" as the first search result` },
    );
    assert.ok(results[0]?.includes(title));
    const matched = await popup.$eval('[data-testid="search-result"] [data-testid="search-result-matched"]', (node) => node.textContent ?? '');
    assert.match(matched, /sanctuary/i);
  });

  it("opens the card's full explainer page for 287(g) with its sections", async () => {
    const expected = harness.explainer('287g-program');
    const page = await harness.browser.newPage();
    await openExtensionPage(page, harness.extensionUrl('explainer.html#287g-program'));
    const shown = await waitUntil(
      () =>
        page
          .evaluate(() => ({
            title: document.querySelector('[data-testid="explainer-title"]')?.textContent?.trim() ?? '',
            sections: [...document.querySelectorAll('section[data-section]')].map((section) => section.getAttribute('data-section')),
          }))
          .catch(() => ({ title: '', sections: [] as (string | null)[] })),
      (read) => read.title === expected.title,
      { what: `"${expected.title}" as the explainer page title` },
    );
    for (const section of ['happening', 'stake', 'matters', 'facts']) {
      assert.ok(shown.sections.includes(section), `no "${section}" section among ${JSON.stringify(shown.sections)}`);
    }
    await page.close();
  });

  it('never changed the article DOM outside its one shadow host', async () => {
    const log = await article.evaluate(() => (window as unknown as { __pageMutations?: string[] }).__pageMutations ?? null);
    assert.ok(log, 'the mutation recorder did not run in the article');
    assert.deepEqual(log, [], `page DOM was changed:\n${log.slice(0, 20).join('\n')}`);
    const unchanged = await article.evaluate(() => {
      const recorder = window as unknown as { __pageSnapshot?: string; __pageSnapshotNow?: () => string };
      return recorder.__pageSnapshotNow?.() === recorder.__pageSnapshot;
    });
    assert.ok(unchanged, 'page markup differs from what the parser produced');
    assert.ok((await article.evaluate((tag) => document.querySelectorAll(tag).length, SHADOW_HOST_TAG)) <= 1, 'more than one shadow host');
  });

  it('made no connection anywhere but 127.0.0.1', async () => {
    // The fence must see what a page asks for, or its silence would prove nothing.
    const probe = 'fence-check.invalid';
    await article.evaluate((url) => fetch(url).catch(() => undefined), `https://${probe}/`);
    const seen = await waitUntil(() => Promise.resolve(harness.blockedRequests()), (log) => log.some((entry) => entry.includes(probe)), {
      timeout: 5_000,
      what: 'the fence to record a probe request',
    });
    assert.deepEqual(seen.filter((entry) => !entry.includes(probe)), []);
  });
});
