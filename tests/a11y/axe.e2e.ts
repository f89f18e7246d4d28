/**
 * axe-core audits of every surface of the built Chromium extension, in light and dark colour schemes:
 * the popup (with a page's explainers listed and with search results), the full explainer page and
 * its index, the options page (a build without one fails), and the hover card inside its shadow root on the
 * demo article (audited alone: the article's own markup is not ours). Any violation fails, printed
 * with rule, impact, element and axe's summary of how to fix it; so does any check axe could not
 * decide ("incomplete") unless INCOMPLETE_REVIEWED says why it is fine.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { SHADOW_HOST_TAG } from '../../lib/dom/constants';
import { badgeText, EXTENSION_DIR, launchExtension, tabIdFor, updateSettings, waitUntil, type ExtensionHarness } from '../e2e/harness';
import { ArticlePage } from '../e2e/pages/article-page';
import { formatViolations, recheckInView, runAxe, svgTextContrast, unreviewedIncomplete, type IncompleteAllowance } from './axe';

const SCHEMES = ['light', 'dark'] as const;
type Scheme = (typeof SCHEMES)[number];

/**
 * The options page the build declares. Read when the audit runs (the harness has waited for the
 * build by then), and a missing manifest or page fails rather than leaving the page unaudited.
 */
function declaredOptionsPage(): string {
  const manifestFile = path.join(EXTENSION_DIR, 'manifest.json');
  assert.ok(existsSync(manifestFile), `${manifestFile} is missing: build the extension first`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { options_ui?: { page?: string }; options_page?: string };
  const page = manifest.options_ui?.page ?? manifest.options_page;
  assert.ok(page, 'the manifest declares no options page');
  return page;
}

/** Undecided axe checks that were reviewed by hand, each with why it is fine. Keep it short. */
const INCOMPLETE_REVIEWED: readonly IncompleteAllowance[] = [
  {
    rule: 'color-contrast',
    element: /^<span aria-hidden="true">\s*[←→]\s*<\/span>$/,
    reason: 'a decorative arrow inside a link, hidden from assistive technology; it has the link colour, and the link text beside it is contrast-checked',
  },
  {
    rule: 'color-contrast',
    element: /^<text /,
    reason: 'SVG chart labels: axe cannot find the background behind SVG text; svgTextContrast checks each label against the page background instead',
  },
];
/** WCAG AA for normal-size text. */
const MIN_TEXT_CONTRAST = 4.5;
/** What the options page shows once loaded: its settings, category switches, shortcuts and the built-in pack row. */
const OPTIONS_READY = [
  '[data-testid="setting-enabled"]',
  'input[data-testid="setting-category"]',
  '[data-testid="shortcut"]',
  '[data-testid="pack-row"] [data-testid="pack-name"]',
] as const;
/** The placeholder the options page shows while settings or packs load (_locales/en: pageLoading). */
function loadingText(): string {
  const messages = JSON.parse(readFileSync(path.join(EXTENSION_DIR, '_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;
  return messages.pageLoading!.message;
}

const HOVER_PHRASE = 'known simply as 287(g) among sheriffs';
const HOVER_TERM = '287(g)';

async function assertNoViolations(page: Page, where: string, scheme: Scheme, include?: string): Promise<void> {
  const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
  assert.equal(dark, scheme === 'dark', `${where} is not in the ${scheme} colour scheme`);
  const { violations, incomplete, passedRules } = await runAxe(page, include);
  assert.equal(violations.length, 0, `\n${formatViolations(where, violations)}`);
  const rechecked = await recheckInView(page, incomplete);
  assert.equal(rechecked.violations.length, 0, `once scrolled into view:\n${formatViolations(where, rechecked.violations)}`);
  assert.deepEqual(rechecked.unchecked, [], `${where}: axe checked no contrast even with these scrolled into view`);
  const unreviewed = unreviewedIncomplete(rechecked.still, INCOMPLETE_REVIEWED);
  assert.equal(unreviewed.length, 0, `axe could not decide these; check by hand and fix, or add to INCOMPLETE_REVIEWED with the reason:\n${formatViolations(where, unreviewed)}`);
  // An audit that found no text to check would pass vacuously (e.g. a selector that missed the card).
  assert.ok(passedRules.includes('color-contrast'), `${where}: axe checked no text contrast; passed rules: ${passedRules.join(', ')}`);
}

/**
 * Waits for the page's UI to settle, so axe sees what a reader sees rather than a loading state: every
 * selector given must match a visible element (pages that load several parts separately list one each).
 */
async function settle(page: Page, ready: string | readonly string[]): Promise<void> {
  for (const selector of typeof ready === 'string' ? [ready] : ready) {
    await page.locator(selector).first().waitFor({ state: 'visible', timeout: 10_000 });
  }
  // Let colour transitions finish before colour-contrast reads computed styles.
  await page.waitForTimeout(300);
}

describe('accessibility (axe-core, Chromium)', () => {
  let harness: ExtensionHarness;
  let article: ArticlePage;
  let tabId: number;

  before(async () => {
    harness = await launchExtension();
    const articleUrl = harness.server.url('demo/article.html');
    article = await ArticlePage.open(await harness.context.newPage(), articleUrl);
    await article.waitForHighlights(1);
    tabId = await tabIdFor(harness, articleUrl);
    // Highlights are drawn before the debounced mention counts reach the background; the popup reads
    // those counts once when it opens, so wait for them (the badge) before auditing its list.
    await waitUntil(() => badgeText(harness, tabId), (text) => text !== '', { timeout: 15_000, what: 'the badge count' });
  });

  after(async () => {
    await harness?.close();
  });

  for (const scheme of SCHEMES) {
    describe(`${scheme} colour scheme`, () => {
      async function openExtensionPage(pathname: string, ready: string | readonly string[]): Promise<Page> {
        const page = await harness.context.newPage();
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(harness.extensionUrl(pathname), { waitUntil: 'load' });
        await settle(page, ready);
        return page;
      }

      it('popup with the explainers on this page', async () => {
        const page = await openExtensionPage(`popup.html?tab=${tabId}`, '[data-testid="on-page-item"]');
        await assertNoViolations(page, `popup (${scheme})`, scheme);
        await page.close();
      });

      it('popup with search results and one selected', async () => {
        const page = await openExtensionPage(`popup.html?tab=${tabId}`, 'input[data-testid="search-input"]');
        await page.locator('input[data-testid="search-input"]').fill('sanctuery');
        await page.locator('[data-testid="search-result"]').first().waitFor({ state: 'visible', timeout: 5_000 });
        await page.locator('input[data-testid="search-input"]').press('ArrowDown');
        await page.waitForTimeout(200);
        await assertNoViolations(page, `popup search (${scheme})`, scheme);
        await page.close();
      });

      it('popup while switched off ("Turn on") and on a paused site ("Resume")', async () => {
        try {
          await updateSettings(harness, { enabled: false });
          const off = await openExtensionPage(`popup.html?tab=${tabId}`, '[data-testid="off-banner"]');
          await assertNoViolations(off, `popup off (${scheme})`, scheme);
          await off.close();
          await updateSettings(harness, { enabled: true, pausedSites: [new URL(article.page.url()).hostname] });
          const paused = await openExtensionPage(`popup.html?tab=${tabId}`, '[data-testid="paused-banner"]');
          await assertNoViolations(paused, `popup paused (${scheme})`, scheme);
          await paused.close();
        } finally {
          await updateSettings(harness, { enabled: true, pausedSites: [] });
          await article.waitForHighlights(1);
        }
      });

      it('popup on a page extensions cannot read, with its topic suggestions, at 320 px', async () => {
        const browserPage = await harness.context.newPage();
        await browserPage.goto('chrome://version/');
        const browserTab = await tabIdFor(harness, 'chrome://version/');
        const page = await harness.context.newPage();
        await page.setViewportSize({ width: 320, height: 600 });
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(harness.extensionUrl(`popup.html?tab=${browserTab}`), { waitUntil: 'load' });
        await settle(page, ['[data-testid="unreadable-page"]', '[data-testid="suggestion"]', '[data-testid="shortcut-hint"]']);
        await assertNoViolations(page, `popup unreadable (${scheme})`, scheme);
        await page.close();
        await browserPage.close();
      });

      it('full explainer page (287g-program, with timeline and chart)', async () => {
        const page = await openExtensionPage('explainer.html#287g-program', '[data-testid="explainer-title"]');
        await assertNoViolations(page, `explainer.html#287g-program (${scheme})`, scheme);
        const labels = await svgTextContrast(page);
        assert.ok(labels.length > 0, 'the 287(g) page drew no chart labels');
        const poor = labels.filter((label) => label.ratio === null || label.ratio < MIN_TEXT_CONTRAST);
        assert.deepEqual(poor, [], `chart labels under ${MIN_TEXT_CONTRAST}:1 (or colours not read as sRGB)`);
        // Again with every chart's "Show the numbers" table open, and a numbered note jumped to (:target style).
        for (const toggle of await page.locator('button[data-testid="chart-toggle"]').all()) await toggle.click();
        await page.locator('[data-testid="series-table"]').first().waitFor({ state: 'visible' });
        await page.locator('a[data-testid="note-ref"]').first().click();
        await page.waitForTimeout(300);
        await assertNoViolations(page, `explainer.html#287g-program with tables open (${scheme})`, scheme);
        await page.close();
      });

      it('explainer index', async () => {
        const page = await openExtensionPage('explainer.html', 'main a[href*="#"], main li');
        await assertNoViolations(page, `explainer.html index (${scheme})`, scheme);
        await page.close();
      });

      it('options page', async () => {
        const options = declaredOptionsPage();
        // Settings, categories, shortcuts and the packs list each load separately; audit them all loaded.
        const page = await openExtensionPage(options, OPTIONS_READY);
        assert.equal(await page.getByText(loadingText(), { exact: true }).count(), 0, `${options} still shows a loading message`);
        await assertNoViolations(page, `${options} (${scheme})`, scheme);
        await page.close();
      });

      it('options page switched off (dependent settings greyed out) with "Advanced" open', async () => {
        const options = declaredOptionsPage();
        try {
          await updateSettings(harness, { enabled: false });
          const page = await openExtensionPage(options, [...OPTIONS_READY, '[data-testid="off-note"]']);
          await page.locator('details[data-testid="advanced"] > summary').click();
          await page.locator('[data-testid="pack-url"]').waitFor({ state: 'visible' });
          await assertNoViolations(page, `${options} off, advanced open (${scheme})`, scheme);
          await page.close();
        } finally {
          await updateSettings(harness, { enabled: true });
          await article.waitForHighlights(1);
        }
      });

      it('hover card in its shadow root on the demo article', async () => {
        await article.page.emulateMedia({ colorScheme: scheme });
        await article.pressEscape();
        await article.waitForCardClosed().catch(() => undefined);
        await article.hoverTerm(HOVER_PHRASE, HOVER_TERM);
        await article.cardTitle.waitFor({ state: 'visible' });
        // Audit the loaded card, not its pulsing loading state (axe cannot judge contrast mid-animation).
        await article.cardFacts.first().waitFor({ state: 'visible', timeout: 10_000 });
        await article.page.waitForTimeout(300);
        await assertNoViolations(article.page, `hover card (${scheme})`, scheme, SHADOW_HOST_TAG);
      });
    });
  }
});
