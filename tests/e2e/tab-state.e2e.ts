/**
 * What the background knows about a tab: mentions merged across frames, the badge, surviving a
 * service-worker restart, reset on navigation, and the background/popup → content-script messages
 * (`navigate`, the path of the next/previous-mark keyboard commands, and `reveal`).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { SHADOW_HOST_TAG } from '../../lib/dom/constants';
import {
  badgeText,
  launchExtension,
  messageTab,
  pageExplainers,
  stopServiceWorker,
  tabIdFor,
  waitUntil,
  type ExtensionHarness,
} from './harness';
import { ArticlePage } from './pages/article-page';
import { PopupPage } from './pages/popup-page';

describe('per-tab state and tab messages (Chromium)', () => {
  let harness: ExtensionHarness;
  let tab: Page;
  let tabId: number;

  before(async () => {
    harness = await launchExtension();
    tab = await harness.context.newPage();
    const url = harness.server.url('pages/frames.html');
    await tab.goto(url, { waitUntil: 'load' });
    tabId = await tabIdFor(harness, url);
  });

  after(async () => {
    await harness?.close();
  });

  it('merges mentions from the page and its iframe, and badges the distinct count', async () => {
    const list = await waitUntil(
      () => pageExplainers(harness, tabId),
      (items) => ['virginia-2026-actions', 'maryland-2026-law'].every((id) => items.some((item) => item.id === id)),
      { what: 'explainers from both the main frame (Virginia) and the iframe (Maryland)' },
    );
    assert.equal(await badgeText(harness, tabId), String(list.length));
    for (const [index, item] of list.entries()) {
      assert.equal(item.title, harness.explainer(item.id).title);
      assert.ok(item.count >= 1);
      if (index > 0) assert.ok(item.count <= list[index - 1]!.count, 'not sorted by count');
    }
  });

  it('keeps the tab state when the MV3 service worker is stopped and restarted', async () => {
    const beforeStop = await pageExplainers(harness, tabId);
    assert.ok(beforeStop.length > 0);
    await harness.context.serviceWorkers().at(-1)!.evaluate('globalThis.__beforeRestart = true');
    await stopServiceWorker(harness);
    const afterRestart = await pageExplainers(harness, tabId);
    const restartedWorker = harness.context.serviceWorkers().at(-1)!;
    assert.equal(await restartedWorker.evaluate('globalThis.__beforeRestart'), undefined, 'the worker did not restart');
    assert.deepEqual(afterRestart, beforeStop);
    assert.equal(await badgeText(harness, tabId), String(beforeStop.length));
  });

  it('clears the list and the badge when the tab navigates to a page without topics', async () => {
    await tab.goto(harness.server.url('pages/plain.html'), { waitUntil: 'load' });
    await waitUntil(() => pageExplainers(harness, tabId), (items) => items.length === 0, { what: 'an empty list' });
    await waitUntil(() => badgeText(harness, tabId), (text) => text === '', { what: 'an empty badge' });
  });

  let article: ArticlePage;

  it('moves to the next and previous mark on `navigate` (the keyboard-command path)', async () => {
    article = await ArticlePage.open(tab, harness.server.url('demo/article.html'));
    await article.waitForHighlights(3);
    assert.equal(await messageTab(harness, tabId, { type: 'navigate', direction: 1 }), true);
    await article.card.waitFor({ state: 'visible', timeout: 10_000 });
    const first = (await article.cardTitle.innerText()).trim();

    assert.equal(await messageTab(harness, tabId, { type: 'navigate', direction: 1 }), true);
    const second = await waitUntil(() => article.cardTitle.innerText(), (title) => title.trim() !== first, {
      what: 'the card to move to the next mark',
    });
    assert.ok(harness.pack.explainers.some((explainer) => explainer.title === second.trim()), `unknown card title ${second}`);

    assert.equal(await messageTab(harness, tabId, { type: 'navigate', direction: -1 }), true);
    await waitUntil(() => article.cardTitle.innerText(), (title) => title.trim() === first, { what: 'the card to move back' });
    await article.pressEscape();
    await article.waitForCardClosed();
  });

  it('moves focus into a card opened by `navigate` and gives it back on Escape', async () => {
    const home = article.page.locator('nav.sections a', { hasText: 'Home' });
    await home.focus();
    assert.deepEqual(await article.focusState(), { active: 'a', text: 'Home', insideCard: false });
    assert.equal(await messageTab(harness, tabId, { type: 'navigate', direction: 1 }), true);
    await article.card.waitFor({ state: 'visible', timeout: 10_000 });
    await waitUntil(() => article.focusState(), (state) => state.insideCard, { what: 'focus inside the card' });
    await article.pressEscape();
    await article.waitForCardClosed();
    const state = await waitUntil(() => article.focusState(), (focus) => !focus.insideCard && focus.active !== SHADOW_HOST_TAG, {
      what: 'focus to leave the closed card',
    });
    assert.deepEqual(state, { active: 'a', text: 'Home', insideCard: false }, 'focus did not return to the link that had it');
  });

  it('opens the chosen explainer on the page when picked in the popup (`reveal`), scrolled to its first mention', async () => {
    const title = harness.explainer('sanctuary-jurisdictions').title;
    const terms = harness.explainer('sanctuary-jurisdictions').terms.map((term) => term.text);
    await waitUntil(() => pageExplainers(harness, tabId), (items) => items.some((item) => item.id === 'sanctuary-jurisdictions'), {
      what: 'the article to report its mentions',
    });
    await article.scrollTo(0);
    const viewport = await article.viewport();
    const before = await article.firstHighlightRect(terms);
    assert.ok(before, 'the first sanctuary mention is not highlighted');
    assert.ok(before.top > viewport.height, `the first mention is not below the fold at the top of the page: ${JSON.stringify(before)}`);

    const popup = await PopupPage.open(await harness.context.newPage(), harness.extensionUrl('popup.html'), tabId);
    await popup.onPageTexts();
    await popup.onPageItems.filter({ hasText: title }).first().click();
    await article.card.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal((await article.cardTitle.innerText()).trim(), title);
    const after = await waitUntil(
      () => article.firstHighlightRect(terms),
      (rect) => rect !== null && rect.top >= 0 && rect.bottom <= viewport.height,
      { what: 'the page to scroll the first mention into view' },
    );
    assert.equal(after?.text, before.text, 'a different mention is first after scrolling');
  });

  it('sent no request anywhere but 127.0.0.1 and the extension', () => {
    assert.deepEqual(harness.blockedRequests, []);
  });
});
