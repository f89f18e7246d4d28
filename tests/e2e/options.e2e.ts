/**
 * Reader controls end to end in Chromium: settings changed on the options page reach a tab that is
 * already open (highlight style, every mention, categories, on/off, the hover delay), "Pause on this site" from the
 * popup holds across a reload, and "Read the full explainer" opens the extension page from a web
 * page. Steps share one browser and run in order.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { EXPLAIN_MENU_ID } from '../../entrypoints/background/launchers';
import { HIGHLIGHT_NAME } from '../../lib/dom/constants';
import { DEFAULT_SETTINGS } from '../../lib/settings-core';
import { askBackground, badgeText, launchExtension, liveServiceWorker, tabIdFor, waitUntil, type ExtensionHarness } from './harness';
import { ArticlePage } from './pages/article-page';
import { OptionsPage } from './pages/options-page';
import { PopupPage } from './pages/popup-page';

const TINT_NAME = `${HIGHLIGHT_NAME}-tint`;
const HOVER_PHRASE = 'known simply as 287(g) among sheriffs';
const HOVER_TERM = '287(g)';
/** Not the default, and inside the allowed range: a value saved in the wrong unit is clamped far from it. */
const CUSTOM_DELAY_MS = 900;
/** Timers never fire early, but the pointer event's timestamp and the page clock may differ by a frame. */
const TIMER_SLACK_MS = 20;
/** A frame for the pointer, the card's render, and a busy 2-core machine. */
const LATE_SLACK_MS = 250;

/** How many ranges each of our highlight names holds on the page (absent names are left out). */
function highlightSizes(page: Page): Promise<Record<string, number>> {
  return page.evaluate((names) => {
    const sizes: Record<string, number> = {};
    for (const name of names) {
      const highlight = CSS.highlights.get(name);
      if (highlight && highlight.size > 0) sizes[name] = highlight.size;
    }
    return sizes;
  }, [HIGHLIGHT_NAME, TINT_NAME]);
}

describe('reader controls (Chromium)', () => {
  let harness: ExtensionHarness;
  let article: ArticlePage;
  let options: OptionsPage;
  let articleUrl: string;
  let tabId: number;
  let firstMentions = 0;

  before(async () => {
    harness = await launchExtension();
    articleUrl = harness.server.url('demo/article.html');
    article = await ArticlePage.open(await harness.context.newPage(), articleUrl);
    tabId = await tabIdFor(harness, articleUrl);
    options = await OptionsPage.open(await harness.context.newPage(), harness.extensionUrl('options.html'));
  });

  after(async () => {
    await harness?.close();
  });

  it('marks the article with the default underline highlight', async () => {
    firstMentions = (await article.waitForHighlights(8)).length;
    assert.deepEqual(Object.keys(await highlightSizes(article.page)), [HIGHLIGHT_NAME]);
  });

  it('switches the open tab to the tint style, then to no visible style, without a reload', async () => {
    await options.setting('highlight-style').selectOption('tint');
    const tinted = await waitUntil(() => highlightSizes(article.page), (sizes) => sizes[TINT_NAME] === firstMentions && !sizes[HIGHLIGHT_NAME], {
      what: 'the tint highlight',
    });
    assert.deepEqual(Object.keys(tinted), [TINT_NAME]);
    await options.setting('highlight-style').selectOption('none');
    await waitUntil(() => highlightSizes(article.page), (sizes) => Object.keys(sizes).length === 0, { what: 'no visible highlight' });
    // Unstyled marks still open their card on hover.
    await article.page.bringToFront();
    await article.hoverTerm(HOVER_PHRASE, HOVER_TERM);
    await article.pressEscape();
    await article.waitForCardClosed();
    await options.setting('highlight-style').selectOption('underline');
    await waitUntil(() => highlightSizes(article.page), (sizes) => sizes[HIGHLIGHT_NAME] === firstMentions, { what: 'the underline back' });
  });

  it('marks every mention when asked, and the first per section again after', async () => {
    await options.setting('mark-mode').selectOption('every');
    await waitUntil(() => highlightSizes(article.page), (sizes) => (sizes[HIGHLIGHT_NAME] ?? 0) > firstMentions, { what: 'more marks' });
    await options.setting('mark-mode').selectOption('first-per-section');
    await waitUntil(() => highlightSizes(article.page), (sizes) => sizes[HIGHLIGHT_NAME] === firstMentions, { what: 'first mentions only' });
  });

  it('stops marking a category that is turned off, and marks it again when turned on', async () => {
    const agencyIds = new Set(harness.pack.explainers.filter((explainer) => explainer.category === 'Agencies').map((explainer) => explainer.id));
    assert.ok(agencyIds.has('ice'));
    const before = await article.highlighted();
    assert.ok(before.some((range) => range.text === 'ICE'), 'ICE is marked to begin with');
    await options.category('Agencies').uncheck();
    const after = await waitUntil(() => article.highlighted(), (list) => list.length > 0 && !list.some((range) => range.text === 'ICE'), {
      what: 'ICE unmarked',
    });
    assert.ok(after.length < before.length);
    await options.category('Agencies').check();
    await waitUntil(() => article.highlighted(), (list) => list.some((range) => range.text === 'ICE'), { what: 'ICE marked again' });
  });

  it('clears every mark when switched off and marks again when switched on; while off, the settings that depend on it are greyed out and say why', async () => {
    assert.equal(await options.offNote.count(), 0, 'the off note shows while on');
    assert.equal(await options.setting('mark-mode').isDisabled(), false);
    await options.setting('enabled').uncheck();
    await waitUntil(() => highlightSizes(article.page), (sizes) => Object.keys(sizes).length === 0, { what: 'no marks' });
    await options.offNote.waitFor({ state: 'visible' });
    for (const name of ['mark-mode', 'highlight-style', 'open-on', 'hover-delay'] as const) {
      assert.equal(await options.setting(name).isDisabled(), true, `${name} stays usable while off`);
    }
    assert.equal(await options.category('Agencies').isDisabled(), true, 'categories stay usable while off');
    const described = await options.dependentSettings.evaluate((group) => document.getElementById(group.getAttribute('aria-describedby') ?? '')?.textContent ?? '');
    assert.equal(described, await options.offNote.innerText(), 'the greyed group is not described by the note');
    const opacity = await options.setting('mark-mode').evaluate((select) => Number(getComputedStyle(select.closest('.field')!).opacity));
    assert.ok(opacity < 1, `the disabled settings look the same as enabled ones (opacity ${opacity})`);
    assert.equal(await options.setting('enabled').isDisabled(), false, 'the master switch itself must stay usable');
    await options.setting('enabled').check();
    await article.waitForHighlights(firstMentions);
    assert.equal(await options.setting('mark-mode').isDisabled(), false);
    assert.equal(await options.offNote.count(), 0);
  });

  it(`waits the hover delay set on the options page (${CUSTOM_DELAY_MS} ms), no less and not much more`, async () => {
    await options.page.bringToFront();
    await options.setHoverDelay(CUSTOM_DELAY_MS);
    assert.equal(await options.hoverDelayValue.innerText(), `${CUSTOM_DELAY_MS} ms`);
    await waitUntil(() => storedSetting(harness, 'hoverDelayMs'), (value) => value === CUSTOM_DELAY_MS, { what: `hoverDelayMs saved as ${CUSTOM_DELAY_MS}` });

    await article.page.bringToFront();
    // A first open mounts the card host again (switching off removed it) and loads the card, so the
    // timed open below has no loading time in it.
    await article.hoverTerm(HOVER_PHRASE, HOVER_TERM);
    await article.pressEscape();
    await article.page.mouse.move(5, 5);
    await article.waitForCardClosed();
    const term = await article.termRect(HOVER_PHRASE, HOVER_TERM);
    assert.ok(term, 'the hover term is not on the page');
    const { x, y } = await article.termPoint(HOVER_PHRASE, HOVER_TERM);
    await article.watchOpening(term);
    await article.page.mouse.move(x, y);
    const opened = await waitUntil(() => article.openTiming(), (timing) => timing.opened !== null, { what: 'the card to open', timeout: 10_000 });
    assert.notEqual(opened.arrived, null, 'the page saw no pointermove onto the term');
    const dwell = opened.opened! - opened.arrived!;
    assert.ok(
      dwell >= CUSTOM_DELAY_MS - TIMER_SLACK_MS && dwell <= CUSTOM_DELAY_MS + LATE_SLACK_MS,
      `card opened ${dwell.toFixed(0)} ms after the pointer arrived, for a ${CUSTOM_DELAY_MS} ms delay`,
    );
    await article.pressEscape();
    await article.waitForCardClosed();

    await options.page.bringToFront();
    await options.setHoverDelay(DEFAULT_SETTINGS.hoverDelayMs);
    await waitUntil(() => storedSetting(harness, 'hoverDelayMs'), (value) => value === DEFAULT_SETTINGS.hoverDelayMs, { what: 'the default delay back' });
  });

  it('opens the card on click instead of hover when asked', async () => {
    await options.setting('open-on').selectOption('click');
    await waitUntil(
      () => storedOpenOn(harness),
      (value) => value === 'click',
      { what: 'openOn saved' },
    );
    await article.page.bringToFront();
    const { x, y } = await article.termPoint(HOVER_PHRASE, HOVER_TERM);
    await article.page.mouse.move(x, y, { steps: 2 });
    await article.page.waitForTimeout(1_000);
    assert.equal(await article.card.count(), 0, 'no card on hover in click mode');
    await article.page.mouse.click(x, y);
    await article.card.waitFor({ state: 'visible', timeout: 10_000 });
    await article.pressEscape();
    await article.waitForCardClosed();
    await options.setting('open-on').selectOption('hover');
  });

  it('opens the full explainer page from the card in a new tab (a web page may not link there itself)', async () => {
    await article.page.bringToFront();
    await waitUntil(
      () => storedOpenOn(harness),
      (value) => value === 'hover',
      { what: 'openOn saved' },
    );
    await article.hoverTerm(HOVER_PHRASE, HOVER_TERM);
    const opened = harness.context.waitForEvent('page', { timeout: 10_000 });
    await article.cardFullLink.click();
    const page = await opened;
    await page.waitForLoadState('load');
    assert.equal(page.url(), harness.extensionUrl('explainer.html#287g-program'));
    await page.locator('[data-testid="explainer-title"]').waitFor({ state: 'visible', timeout: 10_000 });
    await page.close();
  });

  it('pauses the site from the popup: marks go, the badge says so, and both hold across a reload', async () => {
    const popup = await PopupPage.open(await harness.context.newPage(), harness.extensionUrl('popup.html'), tabId);
    const toggle = popup.pauseSwitch;
    await toggle.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await toggle.isChecked(), false);
    await toggle.click();
    await popup.pausedBanner.waitFor({ state: 'visible', timeout: 10_000 });
    await waitUntil(() => highlightSizes(article.page), (sizes) => Object.keys(sizes).length === 0, { what: 'marks cleared on pause' });
    await waitUntil(() => badgeText(harness, tabId), (text) => text === 'off', { what: 'the paused badge' });

    await article.page.reload({ waitUntil: 'load' });
    await waitUntil(() => badgeText(harness, tabId), (text) => text === 'off', { what: 'the paused badge after reload' });
    await article.page.waitForTimeout(1_500);
    assert.deepEqual(await highlightSizes(article.page), {}, 'no marks after reload');

    await options.page.reload({ waitUntil: 'load' });
    await options.pausedSites.first().waitFor({ state: 'visible', timeout: 10_000 });
    assert.deepEqual(await options.pausedSites.allInnerTexts().then((texts) => texts.map((text) => text.split(/\s/)[0])), ['127.0.0.1']);

    await popup.page.reload({ waitUntil: 'load' });
    await popup.pausedBanner.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await toggle.count(), 0, 'the pause switch is offered on a paused site');
    await popup.resumeButton.click();
    await toggle.waitFor({ state: 'visible', timeout: 10_000 });
    await article.waitForHighlights(firstMentions);
    await waitUntil(() => badgeText(harness, tabId), (text) => text !== 'off' && text !== '', { what: 'the count badge back' });
    await popup.page.close();
  });

  it('opens the explainer search with a query, as the context menu, omnibox and shortcut do', async () => {
    // askBackground sends from an extension page it opens on first use; open it before watching for new tabs.
    await askBackground(harness, { type: 'listExplainers' } as Parameters<typeof askBackground>[1]);
    const opened = harness.context.waitForEvent('page', { timeout: 10_000 });
    await askBackground(harness, { type: 'openExplainer', id: '', query: 'sanctuery' });
    const page = await opened;
    await page.waitForLoadState('load');
    assert.equal(page.url(), harness.extensionUrl('explainer.html?q=sanctuery'));
    const input = page.locator('input[data-testid="search-input"]');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await input.inputValue(), 'sanctuery');
    await page.locator('[data-testid="search-result"]').first().waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await page.locator('[data-testid="search-result"]').first().innerText(), /Sanctuary/i);
    await page.close();
  });

  it('registers the context menu item, the omnibox keyword and the search shortcut in the browser', async () => {
    const worker = await liveServiceWorker(harness);
    const registered = await worker.evaluate(async (menuId) => {
      // Chrome has no contextMenus.getAll; update() of an id that was never created rejects.
      const menu = await chrome.contextMenus.update(menuId, {}).then(
        () => 'present',
        (error: Error) => error.message,
      );
      const missing = await chrome.contextMenus.update('no-such-item', {}).then(
        () => 'present',
        (error: Error) => error.message,
      );
      const commands = (await chrome.commands.getAll()).map((command) => `${command.name}=${command.shortcut}`);
      return { menu, missing, commands, omnibox: chrome.runtime.getManifest().omnibox?.keyword };
    }, EXPLAIN_MENU_ID);
    assert.equal(registered.menu, 'present');
    assert.notEqual(registered.missing, 'present', 'the probe must be able to tell a missing item');
    assert.equal(registered.omnibox, 'ex');
    for (const expected of ['open-search=Alt+Shift+E', 'next-mark=Alt+Shift+J', 'prev-mark=Alt+Shift+K']) {
      assert.ok(registered.commands.includes(expected), `${expected} in ${JSON.stringify(registered.commands)}`);
    }
  });

  it('lists the keyboard shortcuts, and its button opens the browser\'s shortcut settings', async () => {
    const texts = await options.shortcuts.allInnerTexts();
    assert.ok(texts.some((text) => text.includes('Alt+Shift+J')), JSON.stringify(texts));
    assert.ok(texts.some((text) => text.includes('Search explainers')), JSON.stringify(texts));
    await options.page.bringToFront();
    const opened = harness.context.waitForEvent('page', { timeout: 10_000 });
    await options.page.locator('button[data-testid="open-shortcut-settings"]').click();
    const page = await opened;
    await waitUntil(async () => page.url(), (url) => url.startsWith('chrome://extensions/shortcuts'), { what: 'the shortcut settings to open' });
    await page.close();
  });
});

declare const chrome: {
  storage: { sync: { get(key: string): Promise<Record<string, unknown>> } };
  contextMenus: { update(id: string, properties: object): Promise<void> };
  commands: { getAll(): Promise<{ name?: string; shortcut?: string }[]> };
  runtime: { getManifest(): { omnibox?: { keyword?: string } } };
};

async function storedSetting(harness: ExtensionHarness, key: string): Promise<unknown> {
  const worker = await liveServiceWorker(harness);
  return worker.evaluate(async (name) => ((await chrome.storage.sync.get('settings')).settings as Record<string, unknown> | undefined)?.[name], key);
}

async function storedOpenOn(harness: ExtensionHarness): Promise<string | undefined> {
  const worker = await liveServiceWorker(harness);
  return worker.evaluate(async () => ((await chrome.storage.sync.get('settings')).settings as { openOn?: string } | undefined)?.openOn);
}
