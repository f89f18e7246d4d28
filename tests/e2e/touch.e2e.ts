/**
 * The card on a phone, in Chromium emulating one (touch input, mobile viewport, 390×844): a tap
 * opens the card as a sheet inside the viewport, clear of the term and with 44 px targets; a tap
 * outside closes it, and so does Esc; a term inside a link shows the card on the first tap and
 * follows the link on the second; a scroll gesture over terms opens nothing and is never held up;
 * axe finds nothing wrong with the sheet. Steps share one browser and run in order.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { SHADOW_HOST_TAG } from '../../lib/dom/constants';
import { SHEET_MAX_FRACTION } from '../../lib/dom/sheet';
import { formatViolations, runAxe } from '../a11y/axe';
import { badgeText, launchExtension, tabIdFor, waitUntil, type ExtensionHarness } from './harness';
import { PopupPage } from './pages/popup-page';
import type { Box } from './pages/article-page';
import { TouchArticlePage } from './pages/touch-page';

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };
/** WCAG 2.5.5 (AAA) and the platform guidelines' minimum touch target. */
const MIN_TARGET_PX = 44;

const PLAIN = { phrase: 'The county signed a 287(g) agreement', term: '287(g) agreement' } as const;
/** Far enough down the page to be scrolled low on the screen. */
const LOW = { phrase: 'Critics of the 287(g) programme', term: '287(g)' } as const;
const LINKED = { phrase: 'sanctuary jurisdictions explained', term: 'sanctuary jurisdictions' } as const;
/** How long a wrongly opened card would take to show (the card module is loaded by then). */
const SETTLE_MS = 600;

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('touch: tap to open, bottom sheet (Chromium, phone emulation)', () => {
  let harness: ExtensionHarness;
  let article: TouchArticlePage;
  let pageUrl: string;

  before(async () => {
    harness = await launchExtension({ device: PHONE });
    pageUrl = harness.server.url('pages/touch.html');
    article = await TouchArticlePage.open(await harness.context.newPage(), pageUrl);
    await article.waitForHighlights(3);
    await article.recordTouches();
  });

  after(async () => {
    await article?.close();
    await harness?.close();
  });

  it('emulates a phone: 390 px wide, with touch input', async () => {
    const env = await article.page.evaluate(() => ({ width: window.innerWidth, touch: navigator.maxTouchPoints }));
    assert.equal(env.width, PHONE.viewport.width);
    assert.ok(env.touch > 0, `maxTouchPoints ${env.touch}`);
  });

  it('opens the card as a sheet inside the viewport when a term is tapped', async () => {
    const term = await article.tapTerm(PLAIN.phrase, PLAIN.term);
    await article.cardFacts.first().waitFor({ state: 'visible', timeout: 10_000 });
    await sleep(300); // the sheet's entrance animation
    const layout = await article.cardLayout();
    assert.ok(layout.sheet, 'the card is not laid out as a sheet at 390 px');
    const box = (await article.cardBox())!;
    const viewport = await article.viewport();
    assert.ok(box.left >= 0 && box.top >= 0 && box.right <= viewport.width + 0.5 && box.bottom <= viewport.height + 0.5, `sheet ${JSON.stringify(box)} leaves the ${viewport.width}×${viewport.height} viewport`);
    assert.ok(box.right - box.left >= viewport.width - 1, `sheet ${box.right - box.left} px wide in a ${viewport.width} px viewport`);
    assert.ok(box.bottom - box.top <= viewport.height * SHEET_MAX_FRACTION + 1, `sheet ${box.bottom - box.top} px high, over 60% of ${viewport.height}`);
    assert.ok(!overlaps(box, term), `sheet ${JSON.stringify(box)} covers the tapped term ${JSON.stringify(term)}`);
    const touches = await article.touches();
    assert.ok(touches.touchstarts >= 1, 'the page saw no touchstart: the tap was not a touch');
    assert.equal(touches.touchstartsPrevented, 0, 'a touchstart had its default prevented');
  });

  it(`gives every button and link in the sheet a ${MIN_TARGET_PX}×${MIN_TARGET_PX} px target`, async () => {
    const targets = await article.tapTargets();
    assert.ok(targets.length >= 3, `only ${targets.length} targets in the card: ${JSON.stringify(targets)}`);
    const small = targets.filter((target) => target.width < MIN_TARGET_PX - 0.5 || target.height < MIN_TARGET_PX - 0.5);
    assert.deepEqual(small, [], 'targets under 44×44 px');
  });

  it('scrolls the sheet body (not the page) and keeps its close button in view', async () => {
    const body = await article.card.locator('.ce-body').evaluate((element) => ({
      overflowY: getComputedStyle(element).overflowY,
    }));
    assert.ok(['auto', 'scroll'].includes(body.overflowY), `sheet body overflow-y is ${body.overflowY}`);
    await article.card.getByRole('button').first().waitFor({ state: 'visible' });
  });

  it('has no axe violations in the sheet', async () => {
    const { violations, passedRules } = await runAxe(article.page, SHADOW_HOST_TAG);
    assert.equal(violations.length, 0, `\n${formatViolations('sheet', violations)}`);
    assert.ok(passedRules.includes('color-contrast'), `axe checked no text contrast: ${passedRules.join(', ')}`);
  });

  it('closes the card when the reader taps outside it', async () => {
    assert.ok(await article.isCardOpen(), 'the previous step left no open card');
    const blank = await article.page.locator('#blank').boundingBox();
    assert.ok(blank, 'no blank band on the fixture page');
    const card = (await article.cardBox())!;
    const y = blank.y + blank.height / 2;
    assert.ok(y < card.top || y > card.bottom, 'the blank band is under the sheet');
    await article.tapAt(blank.x + blank.width / 2, y);
    await article.waitForCardClosed(3_000);
  });

  it('puts the sheet at the top when the tapped term is low on the screen, still clear of it', async () => {
    assert.ok(!(await article.isCardOpen()), 'a card is open before the tap');
    // Bring the term to about 85% of the viewport height.
    const viewport = await article.viewport();
    const { top } = (await article.termRect(LOW.phrase, LOW.term))!;
    const y = (await article.scrollY()) + top - viewport.height * 0.85;
    await article.scrollTo(Math.max(0, y));
    const term = (await article.termRect(LOW.phrase, LOW.term))!;
    assert.ok(term.top > viewport.height * 0.6, `the term is at ${term.top} px, not low on the screen (page too short?)`);
    await article.tapAt((term.left + term.right) / 2, (term.top + term.bottom) / 2);
    await article.cardFacts.first().waitFor({ state: 'visible', timeout: 10_000 });
    await sleep(300);
    assert.deepEqual(await article.cardLayout(), { sheet: true, side: 'top' });
    const box = (await article.cardBox())!;
    assert.ok(box.top >= 0 && box.bottom <= viewport.height, `sheet ${JSON.stringify(box)} leaves the viewport`);
    assert.ok(!overlaps(box, term), `sheet ${JSON.stringify(box)} covers the tapped term ${JSON.stringify(term)}`);
    await article.pressEscape();
    await article.waitForCardClosed(3_000);
    await article.scrollTo(0);
  });

  it('closes a tapped card with Esc', async () => {
    await article.tapTerm(PLAIN.phrase, PLAIN.term);
    await article.card.waitFor({ state: 'visible', timeout: 5_000 });
    await article.pressEscape();
    await article.waitForCardClosed(3_000);
  });

  it('opens the card on the first tap on a term inside a link, and follows the link on the second', async () => {
    const before = await article.touches();
    await article.tapTerm(LINKED.phrase, LINKED.term);
    await article.cardTitle.waitFor({ state: 'visible', timeout: 10_000 });
    await sleep(SETTLE_MS);
    assert.equal(article.page.url(), pageUrl, 'the first tap followed the link');
    assert.equal((await article.touches()).clicks, before.clicks + 1, 'the first tap made no click for the page');
    const openLink = await article.cardOpenLink.getAttribute('href');
    assert.equal(openLink, harness.server.url('pages/plain.html'), 'the card offers no "Open link" to the link\'s target');
    assert.equal(await article.cardOpenLink.getAttribute('rel'), 'noopener noreferrer');

    const { x, y } = await article.termPoint(LINKED.phrase, LINKED.term);
    const navigated = article.page.waitForURL(harness.server.url('pages/plain.html'), { timeout: 10_000 });
    await article.tapAt(x, y);
    await navigated;
    await article.page.goBack({ waitUntil: 'load' });
    await article.waitForHighlights(3);
    await article.recordTouches();
  });

  it('opens nothing when a scroll gesture starts on a term', async () => {
    assert.ok(!(await article.isCardOpen()), 'a card is open before the swipe');
    await article.scrollTo(0);
    const term = await article.termRect(PLAIN.phrase, PLAIN.term);
    assert.ok(term, 'the plain term is not on the page');
    const y0 = await article.scrollY();
    await article.swipeUp((term.left + term.right) / 2, (term.top + term.bottom) / 2, 300);
    const y1 = await waitUntil(() => article.scrollY(), (y) => y > y0 + 100, { what: 'the page to scroll', timeout: 5_000 });
    // A second swipe from a term lower down, over more terms.
    const next = await article.page.evaluate(() => {
      const paragraph = [...document.querySelectorAll('p')].find((p) => p.getBoundingClientRect().top > 300 && /287\(g\)/.test(p.textContent ?? ''));
      const rect = paragraph?.getBoundingClientRect();
      return rect ? { x: rect.left + 40, y: rect.top + 10 } : null;
    });
    if (next) await article.swipeUp(next.x, next.y, 250);
    await sleep(SETTLE_MS);
    assert.ok(!(await article.isCardOpen()), 'a card opened from a scroll gesture');
    assert.ok((await article.scrollY()) >= y1, 'the page did not scroll');
    const touches = await article.touches();
    assert.ok(touches.touchstarts >= 1, 'the swipe made no touchstart');
    assert.equal(touches.touchstartsPrevented, 0, 'a touchstart had its default prevented');
  });

  it(`gives every control in the popup a ${MIN_TARGET_PX}×${MIN_TARGET_PX} px target and fits it in the phone's width`, async () => {
    const tabId = await tabIdFor(harness, pageUrl);
    // The popup reads the page's counts once; wait until the background has them (the badge).
    await waitUntil(() => badgeText(harness, tabId), (text) => text !== '', { timeout: 15_000, what: 'the badge count' });
    const popup = await PopupPage.open(await harness.context.newPage(), harness.extensionUrl('popup.html'), tabId);
    try {
      await popup.onPageTexts();
      await popup.search('sanctuery', 'anctuary');
      const measured = await popup.page.evaluate(() => {
        const targets = document.querySelectorAll('button, a[href], input:not([type="checkbox"]), [role="option"], label:has(> input[type="checkbox"])');
        return {
          touch: document.documentElement.hasAttribute('data-touch'),
          overflow: document.documentElement.scrollWidth > window.innerWidth,
          targets: [...targets].map((element) => {
            const { width, height } = element.getBoundingClientRect();
            return { what: `${element.tagName.toLowerCase()} "${element.textContent?.trim().slice(0, 30) ?? ''}"`, width, height };
          }),
        };
      });
      assert.ok(measured.touch, 'the popup did not see a touch screen');
      assert.ok(!measured.overflow, 'the popup is wider than the phone');
      assert.ok(measured.targets.length >= 4, `only ${measured.targets.length} controls: ${JSON.stringify(measured.targets)}`);
      const small = measured.targets.filter((target) => target.width < MIN_TARGET_PX - 0.5 || target.height < MIN_TARGET_PX - 0.5);
      assert.deepEqual(small, [], 'popup controls under 44×44 px');
    } finally {
      await popup.page.close();
    }
  });
});
