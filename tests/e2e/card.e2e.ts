/**
 * The hover card in a real browser: hover intent timing (dwell before opening, grace before
 * closing, travelling into the card), placement inside the viewport at its edges, reduced motion,
 * and the scan's performance measures. Steps share one browser and run in order.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { CLOSE_GRACE_MS } from '../../lib/dom/hover-intent';
import { DEFAULT_SETTINGS } from '../../lib/settings-core';
import { launchExtension, waitUntil, type ExtensionHarness } from './harness';
import { ArticlePage, type Box } from './pages/article-page';

const HOVER_PHRASE = 'known simply as 287(g) among sheriffs';
const HOVER_TERM = '287(g)';
/** Left of the demo article's centred 1040px column at the harness's 1280px width: no text, no card. */
const BLANK = { x: 40, y: 450 } as const;
const OPEN_DELAY_MS = DEFAULT_SETTINGS.hoverDelayMs;
/** Timers never fire early, but the pointer event's timestamp and the page clock may differ by a frame. */
const TIMER_SLACK_MS = 20;
/**
 * How late a card may open: a frame for the pointer, the card's render, and a busy 2-core machine.
 * Far below double the dwell, so a delay applied twice (or in the wrong unit) fails.
 */
const LATE_SLACK_MS = 250;
/** How long a card must survive once the pointer rests where it should keep it open. */
const STAY_OPEN_MS = 800;

/** Terms pinned to viewport corners in tests/fixtures/pages/edges.html. */
const CORNERS = [
  { where: 'bottom-right', phrase: 'call themselves sanctuary jurisdictions', term: 'sanctuary jurisdictions' },
  { where: 'bottom-left', phrase: 'every immigration detainer', term: 'immigration detainer' },
  { where: 'top-right', phrase: 'renewed their 287(g)', term: '287(g)' },
] as const;

const centre = (box: Box) => ({ x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 });
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('hover card in a real browser (Chromium)', () => {
  let harness: ExtensionHarness;
  let article: ArticlePage;

  before(async () => {
    harness = await launchExtension();
    article = await ArticlePage.open(await harness.context.newPage(), harness.server.url('demo/article.html'));
    await article.waitForHighlights(3);
  });

  after(async () => {
    await harness?.close();
  });

  /** Where the card stops moving (its entrance animation shifts it a few pixels). */
  const settledCardBox = async (page: ArticlePage): Promise<Box> => {
    let previous: Box | null = null;
    const box = await waitUntil(
      async () => {
        const seen = previous;
        previous = await page.cardBox();
        return { seen, now: previous };
      },
      ({ seen, now }) => now !== null && seen !== null && JSON.stringify(seen) === JSON.stringify(now),
      { what: 'the card to stop moving', timeout: 5_000 },
    );
    return box.now!;
  };

  it('records explainers:scan measures in the page performance timeline', async () => {
    const durations = await article.scanMeasures();
    assert.ok(durations.length >= 1, 'no explainers:scan measure');
    // Each slice is bounded by its budget, so a measure of a second or more means the measure is
    // wrong (or a slice ran away); all zero would mean nothing was timed.
    for (const duration of durations) {
      assert.ok(Number.isFinite(duration) && duration >= 0 && duration < 1000, `scan measure with duration ${duration}`);
    }
    assert.ok(durations.reduce((sum, duration) => sum + duration, 0) > 0, `scan measures all zero: ${JSON.stringify(durations)}`);
  });

  it(`opens the card only after the pointer dwells ${OPEN_DELAY_MS} ms on a mark`, async () => {
    // A first open mounts the shadow host and loads the card module, so the timed open below has
    // no loading time to hide an early open.
    await article.hoverTerm(HOVER_PHRASE, HOVER_TERM);
    await article.page.mouse.move(BLANK.x, BLANK.y);
    await article.waitForCardClosed(5_000);

    const { x, y } = await article.termPoint(HOVER_PHRASE, HOVER_TERM);
    const term = await article.termRect(HOVER_PHRASE, HOVER_TERM);
    assert.ok(term, 'the hover term is not on the page');
    await article.watchOpening(term);
    await article.page.mouse.move(x, y);
    await sleep(100);
    const early = await article.openTiming();
    assert.notEqual(early.arrived, null, 'the page saw no pointermove onto the term');
    assert.ok(
      early.opened === null || early.opened - early.arrived! >= OPEN_DELAY_MS - TIMER_SLACK_MS,
      `card opened ${early.opened! - early.arrived!} ms after the pointer arrived`,
    );

    const opened = await waitUntil(() => article.openTiming(), (timing) => timing.opened !== null, {
      what: 'the card to open',
      timeout: 5_000,
    });
    await article.card.waitFor({ state: 'visible', timeout: 5_000 });
    const dwell = opened.opened! - opened.arrived!;
    assert.ok(dwell >= OPEN_DELAY_MS - TIMER_SLACK_MS, `card opened after only ${dwell.toFixed(0)} ms`);
    assert.ok(dwell <= OPEN_DELAY_MS + LATE_SLACK_MS, `card opened ${dwell.toFixed(0)} ms after the pointer arrived, over ${OPEN_DELAY_MS} + ${LATE_SLACK_MS} ms`);
  });

  it('closes the card once the pointer has left for blank space', async () => {
    assert.ok(await article.isCardOpen(), 'the previous step left no open card');
    await article.page.mouse.move(BLANK.x, BLANK.y, { steps: 3 });
    const left = Date.now();
    await waitUntil(() => article.isCardOpen(), (open) => !open, { what: 'the card to close', timeout: 5_000 });
    assert.ok(Date.now() - left >= CLOSE_GRACE_MS - TIMER_SLACK_MS - 100, 'closed with no grace period');
  });

  it(`keeps the card open for ${STAY_OPEN_MS} ms once the pointer travels from the term into it`, async () => {
    await article.hoverTerm(HOVER_PHRASE, HOVER_TERM);
    const term = await article.termRect(HOVER_PHRASE, HOVER_TERM);
    const card = await settledCardBox(article);
    const from = centre(term!);
    const inside = {
      x: Math.min(Math.max(from.x, card.left + 12), card.right - 12),
      y: card.top >= term!.bottom ? card.top + 12 : card.bottom - 12,
    };
    await article.page.mouse.move(inside.x, inside.y, { steps: 6 });
    await sleep(STAY_OPEN_MS);
    assert.ok(await article.isCardOpen(), `card closed with the pointer inside it at ${JSON.stringify(inside)}`);
    const under = await article.page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.tagName.toLowerCase() ?? '', inside);
    assert.equal(under, await article.host.evaluate((host) => host.tagName.toLowerCase()), 'the pointer is not over the card');
    await article.pressEscape();
    await article.waitForCardClosed();
  });

  it('shows the card without animation or transitions when the reader prefers reduced motion', async () => {
    await article.page.mouse.move(BLANK.x, BLANK.y);
    await article.page.emulateMedia({ reducedMotion: 'reduce' });
    try {
      await article.hoverTerm(HOVER_PHRASE, HOVER_TERM);
      const motion = await article.cardMotion();
      assert.equal(motion.cardAnimationName, 'none');
      assert.equal(motion.longestSeconds, 0, `card motion: ${JSON.stringify(motion)}`);
      await article.page.mouse.move(BLANK.x, BLANK.y);
      await article.waitForCardClosed(5_000);
    } finally {
      await article.page.emulateMedia({ reducedMotion: 'no-preference' });
    }
    await article.hoverTerm(HOVER_PHRASE, HOVER_TERM);
    const motion = await article.cardMotion();
    assert.notEqual(motion.cardAnimationName, 'none', 'the card has no entrance animation');
    assert.ok(motion.cardAnimationSeconds > 0, `card motion: ${JSON.stringify(motion)}`);
    await article.page.mouse.move(BLANK.x, BLANK.y);
    await article.waitForCardClosed(5_000);
  });

  describe('at the viewport edges', () => {
    let corners: ArticlePage;

    before(async () => {
      corners = await ArticlePage.open(await harness.context.newPage(), harness.server.url('pages/edges.html'));
      await corners.waitForHighlights(CORNERS.length);
    });

    for (const { where, phrase, term } of CORNERS) {
      it(`keeps the card for a mark at the ${where} inside the viewport, clear of the mark`, async () => {
        await corners.hoverTerm(phrase, term);
        const box = await settledCardBox(corners);
        const viewport = await corners.viewport();
        const mark = await corners.termRect(phrase, term);
        const inView = box.left >= 0 && box.top >= 0 && box.right <= viewport.width && box.bottom <= viewport.height;
        assert.ok(inView, `card ${JSON.stringify(box)} leaves the ${viewport.width}×${viewport.height} viewport`);
        assert.ok(!overlaps(box, mark!), `card ${JSON.stringify(box)} covers the mark ${JSON.stringify(mark)}`);
        // The pointer still rests on the mark: the card must not close by itself (it used to when
        // it grew on loading and briefly covered the pointer before being placed above again).
        await sleep(STAY_OPEN_MS);
        assert.ok(await corners.isCardOpen(), 'the card closed with the pointer resting on its mark');
        await corners.page.mouse.move(640, 300);
        await corners.waitForCardClosed(5_000);
      });
    }
  });
});
