/**
 * The toolbar popup and button in Chromium (issue #17): the popup says when a page cannot be read at
 * all instead of "no topics found"; the button's tooltip counts the topics on the tab and says when
 * the extension is off; and at 320 px the popup is built around search: no sideways scrolling, the
 * search box first, its results replacing the list while typing, the list scrolling inside the
 * popup, and every focus ring fully visible inside whatever clips it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { badgeText, launchExtension, liveServiceWorker, pageExplainers, tabIdFor, updateSettings, waitUntil, type ExtensionHarness } from './harness';
import { ArticlePage } from './pages/article-page';
import { PopupPage } from './pages/popup-page';

declare const chrome: { action: { getTitle(details: { tabId: number }): Promise<string> } };

async function toolbarTitle(harness: ExtensionHarness, tabId: number): Promise<string> {
  const worker = await liveServiceWorker(harness);
  return worker.evaluate((id: number) => chrome.action.getTitle({ tabId: id }), tabId);
}

/** The narrowest popup the issue asks for, and short enough that the article's list must scroll. */
const NARROW = { width: 320, height: 420 };

describe('toolbar popup and button', () => {
  let harness: ExtensionHarness;
  let articleUrl: string;
  let tabId: number;

  before(async () => {
    harness = await launchExtension();
    articleUrl = harness.server.url('demo/article.html');
    const article = await ArticlePage.open(await harness.context.newPage(), articleUrl);
    await article.waitForHighlights(3);
    tabId = await tabIdFor(harness, articleUrl);
    await waitUntil(() => badgeText(harness, tabId), (text) => /^[1-9]\d*$/.test(text), { what: 'the badge to count the topics' });
  });

  after(async () => {
    await harness?.close();
  });

  const openPopup = async (viewport?: { width: number; height: number }) => {
    const page = await harness.context.newPage();
    if (viewport) await page.setViewportSize(viewport);
    return PopupPage.open(page, harness.extensionUrl('popup.html'), tabId);
  };

  it('says a browser page cannot be read by extensions, not that it has no topics', async () => {
    const browserPage = await harness.context.newPage();
    await browserPage.goto('chrome://version/');
    const browserTab = await tabIdFor(harness, 'chrome://version/');
    const popup = await PopupPage.open(await harness.context.newPage(), harness.extensionUrl('popup.html'), browserTab);
    await popup.unreadableBanner.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await popup.unreadableBanner.innerText(), /can't be read by extensions/);
    assert.equal(await popup.emptyMessage.count(), 0, 'the popup says "no topics found" on a browser page');
    assert.equal(await popup.pauseSwitch.count(), 0, 'there is no site to pause on a browser page');
    // Its suggestions lead somewhere: each runs a search for its topic.
    const topic = await popup.suggestions.first().innerText();
    await popup.suggestions.first().click();
    await popup.page.waitForFunction((expected) => document.querySelector('[data-testid="search-result"]')?.textContent?.includes(expected) ?? false, topic, {
      timeout: 10_000,
    });
    assert.equal(await popup.searchInput.inputValue(), topic);
    await popup.page.close();
    await browserPage.close();
  });

  it('still lists the topics of a readable page (the unreadable state needs the page to be unreadable)', async () => {
    const popup = await openPopup();
    const texts = await popup.onPageTexts();
    assert.ok(texts.length > 0);
    assert.equal(await popup.unreadableBanner.count(), 0);
    await popup.page.close();
  });

  it('names the topic count in the toolbar tooltip, and says when switched off', async () => {
    const topics = (await pageExplainers(harness, tabId)).length;
    assert.ok(topics > 1, `the article should mention several topics, found ${topics}`);
    assert.equal(await badgeText(harness, tabId), String(topics));
    await waitUntil(() => toolbarTitle(harness, tabId), (title) => title === `${topics} topics explained on this page`, {
      what: `the tooltip to say ${topics} topics`,
    });
    await updateSettings(harness, { enabled: false });
    await waitUntil(() => toolbarTitle(harness, tabId), (title) => title === 'Context Explainers is off', { what: 'the tooltip to say off' });
    await updateSettings(harness, { enabled: true });
    await waitUntil(() => toolbarTitle(harness, tabId), (title) => title === `${topics} topics explained on this page`, {
      what: 'the tooltip to count again',
    });
  });

  it('counts what is marked: "N marked · M mentions" where fewer mentions are marked than found', async () => {
    const listed = await pageExplainers(harness, tabId);
    const fewerMarked = listed.filter((item) => item.marked !== undefined && item.marked < item.count);
    assert.ok(fewerMarked.length > 0, `the demo article marks only the first mention per section; got ${JSON.stringify(listed)}`);
    const popup = await openPopup();
    await popup.onPageTexts();
    const counts = await popup.onPageCounts.allInnerTexts();
    for (const item of fewerMarked) {
      const expected = `${item.marked} marked · ${item.count} mentions`;
      assert.ok(counts.includes(expected), `"${expected}" missing from ${JSON.stringify(counts)}`);
    }
    await popup.page.close();
  });

  describe(`at ${NARROW.width}×${NARROW.height}`, () => {
    let popup: PopupPage;

    before(async () => {
      popup = await openPopup(NARROW);
      await popup.onPageTexts();
    });

    after(async () => {
      await popup.page.close();
    });

    it('does not scroll sideways, and the whole popup fits the window with the list scrolling inside it', async () => {
      assert.equal(await popup.horizontalOverflow(), 0, 'the popup scrolls sideways');
      const sizes = await popup.page.evaluate(() => {
        const list = document.querySelector('.on-page-list')!;
        return {
          page: document.documentElement.scrollHeight - document.documentElement.clientHeight,
          list: list.scrollHeight - list.clientHeight,
          bodyWidth: document.body.getBoundingClientRect().width,
        };
      });
      assert.equal(sizes.bodyWidth, NARROW.width);
      assert.ok(sizes.page <= 0, `the page itself scrolls by ${sizes.page} px instead of the list`);
      assert.ok(sizes.list > 0, 'the list should need to scroll in a 420 px window (the test would prove nothing)');
    });

    it('puts the search box first, above the list', async () => {
      const boxes = await popup.page.evaluate(() => {
        const focusables = [...document.querySelectorAll<HTMLElement>('input, button, a[href], select, textarea')];
        const input = document.querySelector('[data-testid="search-input"]')!.getBoundingClientRect();
        const list = document.querySelector('[data-testid="on-page-item"]')!.getBoundingClientRect();
        return { firstControl: focusables[0]?.dataset.testid, inputTop: input.top, inputBottom: input.bottom, listTop: list.top };
      });
      assert.equal(boxes.firstControl, 'search-input');
      assert.ok(boxes.inputBottom <= boxes.listTop, `search (bottom ${boxes.inputBottom}) is not above the list (top ${boxes.listTop})`);
      assert.ok(boxes.inputTop < 80, `search starts ${boxes.inputTop} px down`);
    });

    it('replaces the list with the results while typing, and brings it back when cleared', async () => {
      const results = await popup.search('detainer', 'etainer');
      assert.ok(results.length > 0);
      assert.equal(await popup.onPageItems.count(), 0, 'the list stays under the results');
      assert.equal(await popup.horizontalOverflow(), 0);
      await popup.press('Escape');
      await popup.onPageItems.first().waitFor({ state: 'visible', timeout: 5_000 });
      assert.equal(await popup.results.count(), 0);
    });

    it('draws every focus ring fully inside the visible area', async () => {
      const rings = await popup.focusRings();
      assert.ok(rings.length >= 5, `only ${rings.length} focusable controls reached with Tab`);
      assert.ok(rings.some((ring) => ring.name.includes('on-page-item')), 'Tab never reached the list');
      for (const ring of rings) {
        assert.ok(ring.hasRing, `${ring.name} shows no focus ring`);
        for (const clip of ring.clips) {
          const inside =
            ring.ring.left >= clip.left - 0.5 && ring.ring.top >= clip.top - 0.5 && ring.ring.right <= clip.right + 0.5 && ring.ring.bottom <= clip.bottom + 0.5;
          assert.ok(inside, `${ring.name}: ring ${JSON.stringify(ring.ring)} is cut off by ${clip.what} ${JSON.stringify(clip)}`);
        }
      }
    });
  });
});
