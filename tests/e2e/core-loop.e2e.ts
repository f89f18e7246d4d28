/**
 * The whole reader loop on the demo article with the built extension in Chromium: highlights without
 * touching the page, hover card, Escape, badge, popup list and search, full explainer page, and no
 * network traffic. Steps share one browser and run in order; a later step relies on earlier state.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { SHADOW_HOST_TAG } from '../../lib/dom/constants';
import { badgeText, launchExtension, tabIdFor, updateSettings, waitUntil, type ExtensionHarness } from './harness';
import { mutationRecorderScript } from './mutation-recorder';
import { ArticlePage, type HighlightedText } from './pages/article-page';
import { ExplainerPage, type SectionName } from './pages/explainer-page';
import { PopupPage } from './pages/popup-page';

/**
 * By default only the first mention of each explainer per section is marked; the demo article's
 * main story has about a dozen distinct topics, so fewer than this means detection is broken.
 */
const MIN_HIGHLIGHTS = 8;
const EXCLUDED_AREAS = [
  ['textarea', 'textarea'],
  ['code', 'code, pre'],
  ['contenteditable', '[contenteditable]'],
  ['frozen water', '#weather'],
] as const;
const HOVER_PHRASE = 'known simply as 287(g) among sheriffs';
const HOVER_TERM = '287(g)';

describe('core loop on the demo article (Chromium)', () => {
  let harness: ExtensionHarness;
  let article: ArticlePage;
  let articleUrl: string;
  let tabId: number;
  let popup: PopupPage;
  let highlights: HighlightedText[] = [];

  before(async () => {
    harness = await launchExtension({ initScripts: [mutationRecorderScript(SHADOW_HOST_TAG)] });
    articleUrl = harness.server.url('demo/article.html');
    article = await ArticlePage.open(await harness.context.newPage(), articleUrl);
    tabId = await tabIdFor(harness, articleUrl);
  });

  after(async () => {
    await harness?.close();
  });

  it(`highlights at least ${MIN_HIGHLIGHTS} mentions, including 287(g), Executive Directive 1 and HB 444`, async () => {
    highlights = await article.waitForHighlights(MIN_HIGHLIGHTS);
    const texts = highlights.map((highlight) => highlight.text);
    assert.ok(texts.length >= MIN_HIGHLIGHTS, `only ${texts.length} highlights: ${JSON.stringify(texts)}`);
    for (const expected of ['287(g)', 'Executive Directive 1', 'HB 444']) {
      assert.ok(
        texts.some((text) => text.includes(expected)),
        `no highlight contains ${JSON.stringify(expected)}; highlighted: ${JSON.stringify(texts)}`,
      );
    }
  });

  async function assertNothingMarkedInExcludedAreas(): Promise<void> {
    for (const [what, selector] of EXCLUDED_AREAS) {
      const inside = await article.highlightsInside(selector);
      assert.deepEqual(inside, [], `${what} has highlighted text: ${JSON.stringify(inside)}`);
    }
    const frozenWater = highlights.filter((highlight) => highlight.text.toLowerCase() === 'ice' && highlight.text !== 'ICE');
    assert.deepEqual(frozenWater, [], 'ice in the frozen-water sense was highlighted');
  }

  it('does not mark text in a textarea, code, an editable region, or "black ice" on the roads', async () => {
    await assertNothingMarkedInExcludedAreas();
  });

  it('marks every mention when the reader asks for it, still none in those places', async () => {
    const firstMentions = highlights.length;
    await updateSettings(harness, { markMode: 'every' });
    // The story repeats several topics (ICE, detainers, deportation), so more marks must appear.
    highlights = await article.waitForHighlights(firstMentions + 1);
    const iceMarks = highlights.filter((highlight) => highlight.text === 'ICE').length;
    assert.ok(iceMarks >= 3, `only ${iceMarks} marks of "ICE" in every-mention mode`);
    await assertNothingMarkedInExcludedAreas();
  });

  it('opens the 287(g) card on hover with its title, at least three facts and safe https source links', async () => {
    const expected = harness.explainer('287g-program');
    await article.hoverTerm(HOVER_PHRASE, HOVER_TERM);
    assert.equal((await article.cardTitle.innerText()).trim(), expected.title);

    const facts = await article.cardFacts.allInnerTexts();
    // A preview: at most three facts (the link under them counts the rest).
    assert.ok(facts.length >= 1 && facts.length <= 3, `card shows ${facts.length} facts`);
    assert.equal(facts.length, Math.min(3, expected.facts.length));
    assert.ok(facts[0]?.includes(expected.facts[0]!.text.slice(0, 40)), `first fact: ${facts[0]}`);

    const links = await article.sourceLinks();
    assert.ok(links.length >= 1, 'card has no source links');
    for (const link of links) {
      assert.match(link.href, /^https:\/\//, `source link ${link.href} is not https`);
      assert.ok(link.rel.split(/\s+/).includes('noopener'), `source link ${link.href} has rel="${link.rel}"`);
      assert.equal(link.target, '_blank');
    }
    const fullLink = await article.cardFullLink.getAttribute('href');
    assert.equal(fullLink, harness.extensionUrl('explainer.html#287g-program'));
  });

  it('closes the card on Escape', async () => {
    // Without a card open before Escape, "closed after" would prove nothing.
    assert.ok(await article.isCardOpen(), 'the previous step left no open card to close');
    await article.pressEscape();
    await article.waitForCardClosed();
  });

  it('badges the tab with the number of distinct explainers found', async () => {
    const badge = await waitUntil(() => badgeText(harness, tabId), (text) => /^\d+$/.test(text), { what: 'a numeric badge' });
    assert.ok(Number(badge) >= 3, `badge is ${badge}`);
  });

  it('lists the 287(g) program under "On this page" in the popup, with a count, matching the badge', async () => {
    popup = await PopupPage.open(await harness.context.newPage(), harness.extensionUrl('popup.html'), tabId);
    const items = await popup.onPageTexts();
    const title = harness.explainer('287g-program').title;
    const item = items.find((text) => text.includes(title));
    assert.ok(item, `"${title}" not among ${JSON.stringify(items)}`);
    assert.match(item.replace(title, ''), /\b[1-9]\d*\b/, `no count in ${JSON.stringify(item)}`);
    assert.equal(await badgeText(harness, tabId), String(items.length), 'badge and popup disagree on how many explainers');
    // Counts cover every mention, and in every-mention mode each mention is one highlight.
    const total = items.reduce((sum, text) => sum + Number(/(\d+)\D*$/.exec(text)?.[1] ?? Number.NaN), 0);
    assert.equal(total, highlights.length, `popup counts ${JSON.stringify(items)} do not add up to ${highlights.length} highlights`);
  });

  it('finds sanctuary jurisdictions first for the misspelt "sanctuery", showing the matched term', async () => {
    const title = harness.explainer('sanctuary-jurisdictions').title;
    const results = await popup.search('sanctuery', title);
    assert.ok(results[0]?.includes(title), `first result: ${results[0]}`);
    const [matched] = await popup.matchedLabels();
    assert.match(matched ?? '', /sanctuary/i);
  });

  let explainerTab: Page;

  it('finds the 287(g) program for "287 g" and opens it with ArrowDown/Enter in a new tab', async () => {
    const title = harness.explainer('287g-program').title;
    const results = await popup.search('287 g', title);
    assert.ok(results[0]?.includes(title), `first result: ${results[0]}`);

    await popup.press('ArrowDown');
    // ArrowDown selects the first result, or the second if the first starts selected; either way come back to it.
    if (!(await popup.selectedText()).includes(title)) await popup.press('ArrowUp');
    assert.ok((await popup.selectedText()).includes(title), `selected: ${JSON.stringify(await popup.selectedText())}`);

    const opened = harness.context.waitForEvent('page', { timeout: 5_000 });
    await popup.press('Enter');
    explainerTab = await opened;
    await explainerTab.waitForLoadState('load');
    assert.equal(explainerTab.url(), harness.extensionUrl('explainer.html#287g-program'));
  });

  it('renders every section of the full 287(g) explainer', async () => {
    const expected = harness.explainer('287g-program');
    const page = new ExplainerPage(explainerTab);
    assert.equal(await page.waitForTitle(), expected.title);

    const wanted: SectionName[] = ['happening', 'stake', 'matters', 'facts', 'timeline', 'primary'];
    if (expected.furtherReading.length > 0) wanted.push('further');
    const relatedInPack = expected.related.filter((id) => harness.pack.explainers.some((explainer) => explainer.id === id));
    if (relatedInPack.length > 0) wanted.push('related');
    const texts = await page.sectionTexts(wanted);
    for (const name of wanted) assert.ok((texts[name]?.length ?? 0) > 20, `section "${name}" is missing or empty: ${JSON.stringify(texts[name])}`);

    assert.ok(texts.facts?.includes(expected.facts.at(-1)!.text.slice(0, 40)), 'the last key fact is not on the page');
    assert.ok(texts.primary?.includes(expected.primarySources[0]!.title.slice(0, 30)), 'the first primary source is not listed');
    assert.ok((await page.updated.innerText()).length > 0, 'no updated date');
    if (expected.series?.length) assert.ok((await page.chart.count()) >= 1, 'the agreement-count series has no chart');

    for (const link of await page.externalLinks()) {
      assert.match(link.href, /^https:\/\//, `link ${link.href} is not https`);
      assert.ok(link.rel.includes('noopener'), `link ${link.href} has rel="${link.rel}"`);
    }
  });

  it('never changed the article DOM outside its one shadow host', async () => {
    const log = await article.mutationLog();
    assert.deepEqual(log, [], `page DOM was changed:\n${log.slice(0, 20).join('\n')}`);
    assert.ok(await article.markupUnchanged(), 'page markup differs from what the parser produced');
    assert.ok((await article.host.count()) <= 1, 'more than one shadow host');
  });

  it('sent no request anywhere but 127.0.0.1 and the extension', () => {
    assert.deepEqual(harness.blockedRequests, []);
  });
});
