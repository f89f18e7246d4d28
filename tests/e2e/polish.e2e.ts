/**
 * Reader polish (issue #17) in Chromium: the full explainer page is set at the reader's default size
 * with no small print under 13 px, even though Chrome's extension-page stylesheet shrinks body text;
 * in a short window (as at 200% zoom) the hover card stays inside the viewport at every corner; and
 * switched off or paused on a site, the badge and the popup say so instead of listing explainers.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { badgeText, launchExtension, pageExplainers, tabIdFor, updateSettings, waitUntil, type ExtensionHarness } from './harness';
import { ArticlePage, type Box } from './pages/article-page';
import { ExplainerPage } from './pages/explainer-page';
import { PopupPage } from './pages/popup-page';

/** A short, wide-enough-for-a-card window: 1280×900 at 200% zoom is about this. */
const SHORT_VIEWPORT = { width: 640, height: 450 };
/** The limit on the card's share of the viewport height. */
const MAX_HEIGHT_FRACTION = 0.6;

/** Terms pinned to the viewport corners in tests/fixtures/pages/edges.html. */
const CORNERS = [
  { where: 'top-left', phrase: 'Department of Homeland Security figures', term: 'Department of Homeland Security' },
  { where: 'top-right', phrase: 'renewed their 287(g)', term: '287(g)' },
  { where: 'bottom-right', phrase: 'call themselves sanctuary jurisdictions', term: 'sanctuary jurisdictions' },
  { where: 'bottom-left', phrase: 'every immigration detainer', term: 'immigration detainer' },
] as const;

const inside = (inner: Box, outer: Box) =>
  inner.left >= outer.left - 0.5 && inner.top >= outer.top - 0.5 && inner.right <= outer.right + 0.5 && inner.bottom <= outer.bottom + 0.5;
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Has facts with sources and dates, a timeline and a chart: every kind of small print the page has. */
const EXPLAINER_ID = '287g-program';

describe('reader polish', () => {
  let harness: ExtensionHarness;

  before(async () => {
    harness = await launchExtension();
  });

  after(async () => {
    await harness?.close();
  });

  describe('the full explainer page', () => {
    let view: ExplainerPage;

    before(async () => {
      const page = await harness.context.newPage();
      await page.goto(harness.extensionUrl(`explainer.html#${EXPLAINER_ID}`));
      view = new ExplainerPage(page);
      await view.waitForTitle();
    });

    it('sets body text at the reader default size (17 px at a 16 px medium), not shrunk to 75%', async () => {
      const size = await view.paragraphFontSize('happening');
      assert.ok(size >= 16, `body paragraphs are ${size} px`);
    });

    it('has no text under 13 px anywhere, source links, dates and chart labels included', async () => {
      const sizes = await view.textSizes();
      assert.ok(sizes.length > 50, `only ${sizes.length} text elements found`);
      assert.ok(sizes.some((entry) => entry.className.includes('as-of') || entry.tag === 'time'), 'no dates were measured');
      assert.ok(sizes.some((entry) => entry.tag === 'text'), 'no chart text was measured');
      const small = sizes.filter((entry) => entry.size < 13);
      assert.deepEqual(small, [], `text under 13 px: ${JSON.stringify(small.slice(0, 5))}`);
    });

    it('keeps a fact date on one line', async () => {
      const wraps = await view.page.locator('.as-of time').evaluateAll((times) =>
        times.map((time) => getComputedStyle(time).whiteSpace),
      );
      assert.ok(wraps.length > 0, 'no fact dates on the page');
      assert.ok(wraps.every((value) => value === 'nowrap'), `white-space: ${wraps.join(', ')}`);
    });
  });

  describe(`the hover card in a ${SHORT_VIEWPORT.width}×${SHORT_VIEWPORT.height} window`, () => {
    let corners: ArticlePage;

    before(async () => {
      const page = await harness.context.newPage();
      await page.setViewportSize(SHORT_VIEWPORT);
      corners = await ArticlePage.open(page, harness.server.url('pages/edges.html'));
      await corners.waitForHighlights(CORNERS.length);
    });

    /** Where the card stops moving (its entrance animation shifts it a few pixels) once loaded. */
    const settledCardBox = async (): Promise<Box> => {
      let previous: Box | null = null;
      const settled = await waitUntil(
        async () => {
          const seen = previous;
          previous = (await corners.cardFullLink.count()) > 0 ? await corners.cardBox() : null;
          return { seen, now: previous };
        },
        ({ seen, now }) => now !== null && seen !== null && JSON.stringify(seen) === JSON.stringify(now),
        { what: 'the loaded card to stop moving', timeout: 5_000 },
      );
      assert.ok(settled.now);
      return settled.now;
    };

    for (const { where, phrase, term } of CORNERS) {
      it(`fits the card for the mark at the ${where} inside the viewport, at most 60% of its height`, async () => {
        await corners.hoverTerm(phrase, term);
        const box = await settledCardBox();
        const viewport: Box = { left: 0, top: 0, right: SHORT_VIEWPORT.width, bottom: SHORT_VIEWPORT.height };
        assert.ok(inside(box, viewport), `card ${JSON.stringify(box)} leaves the viewport`);
        const height = box.bottom - box.top;
        assert.ok(height <= SHORT_VIEWPORT.height * MAX_HEIGHT_FRACTION, `card is ${height} px tall`);
        const mark = await corners.termRect(phrase, term);
        assert.ok(mark && !overlaps(box, mark), `card ${JSON.stringify(box)} covers the mark ${JSON.stringify(mark)}`);

        // Only the middle scrolls: the title and the way to the full explainer stay in sight.
        const layout = await corners.cardFit();
        assert.ok(layout.head && inside(layout.head, box), `header ${JSON.stringify(layout.head)} is cut off`);
        assert.ok(layout.fullLink && inside(layout.fullLink, box), `full-explainer link ${JSON.stringify(layout.fullLink)} is cut off`);
        assert.ok(layout.bodyScrolls, 'the card body does not scroll');
        await corners.pressEscape();
        await corners.waitForCardClosed(5_000);
      });
    }

    it('lets the body scroll when a card is cut down to fit', async () => {
      await corners.hoverTerm('every immigration detainer', 'immigration detainer');
      await settledCardBox();
      const layout = await corners.cardFit();
      assert.ok(layout.bodyOverflows, 'the card was not cut down at all: this window does not test fitting');
      await corners.pressEscape();
      await corners.waitForCardClosed(5_000);
    });
  });

  describe('switched off, and paused on a site', () => {
    let articleUrl: string;
    let tabId: number;

    before(async () => {
      articleUrl = harness.server.url('demo/article.html');
      const article = await ArticlePage.open(await harness.context.newPage(), articleUrl);
      await article.waitForHighlights(3);
      tabId = await tabIdFor(harness, articleUrl);
      await waitUntil(() => badgeText(harness, tabId), (text) => /^[1-9]\d*$/.test(text), { what: 'the badge to count the mentions' });
    });

    const openPopup = async () => PopupPage.open(await harness.context.newPage(), harness.extensionUrl('popup.html'), tabId);

    it('says "off" on the badge and offers "Turn on" instead of the list; turning on brings both back', async () => {
      const counted = await badgeText(harness, tabId);
      await updateSettings(harness, { enabled: false });
      await waitUntil(() => badgeText(harness, tabId), (text) => text === 'off', { what: 'the badge to say off' });
      // The background still holds the page's mentions: only the popup's choice keeps them unlisted.
      assert.ok((await pageExplainers(harness, tabId)).length > 0, 'the background forgot the mentions');

      const popup = await openPopup();
      await popup.offBanner.waitFor({ state: 'visible', timeout: 10_000 });
      assert.equal(await popup.onPageItems.count(), 0, 'the popup lists explainers while off');
      assert.equal(await popup.pauseSwitch.count(), 0, 'the popup offers to pause while off');

      await popup.turnOnButton.click();
      await popup.onPageItems.first().waitFor({ state: 'visible', timeout: 10_000 });
      assert.equal(await popup.offBanner.count(), 0);
      await waitUntil(() => badgeText(harness, tabId), (text) => text === counted, { what: `the badge to count ${counted} again` });
      await popup.page.close();
    });

    it('says "Paused on <site> · Resume" and hides the list when paused; Resume lists again', async () => {
      const counted = await badgeText(harness, tabId);
      const popup = await openPopup();
      await popup.onPageItems.first().waitFor({ state: 'visible', timeout: 10_000 });
      await popup.pauseSwitch.click();
      await popup.pausedBanner.waitFor({ state: 'visible', timeout: 10_000 });
      assert.equal((await popup.pausedBanner.innerText()).trim(), `Paused on ${new URL(articleUrl).hostname} · Resume`);
      assert.equal(await popup.onPageItems.count(), 0, 'the popup lists explainers while paused');
      await waitUntil(() => badgeText(harness, tabId), (text) => text === 'off', { what: 'the badge to say off' });

      // Opened afresh, the popup still knows the site is paused.
      const again = await openPopup();
      await again.pausedBanner.waitFor({ state: 'visible', timeout: 10_000 });
      assert.equal(await again.onPageItems.count(), 0, 'a new popup lists explainers while paused');
      await again.page.close();

      await popup.resumeButton.click();
      await popup.onPageItems.first().waitFor({ state: 'visible', timeout: 10_000 });
      assert.equal(await popup.pausedBanner.count(), 0);
      await waitUntil(() => badgeText(harness, tabId), (text) => text === counted, { what: `the badge to count ${counted} again` });
      await popup.page.close();
    });
  });
});
