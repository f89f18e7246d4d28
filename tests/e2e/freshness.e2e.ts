/**
 * Freshness as a reader sees it, in Chromium: figure dates on the hover card and the full page, the
 * "older figure" marker once a figure passes the pack's staleAfterDays on the reader's clock, and a
 * correction ("Corrected <date>" on the card for 30 days, listed on the full page).
 *
 * The reader's clock is moved, not the data: the full page uses Playwright's page clock; the card is
 * drawn by the content script in its isolated world, which page scripts cannot reach, so its Date is
 * shifted there through the DevTools protocol.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CDPSession, Page } from 'playwright-core';
import { formatDate, formatMonth } from '../../components/format';
import { DEFAULT_STALE_AFTER_DAYS } from '../../lib/freshness';
import { CARD_FACT_LIMIT } from '../../lib/messages';
import type { Explainer } from '../../lib/pack-format/types';
import { launchExtension, type ExtensionHarness } from './harness';
import { ArticlePage } from './pages/article-page';
import { ExplainerPage } from './pages/explainer-page';
import { waitUntil } from './wait-until';

const EXPLAINER_ID = '287g-program';
const HOVER = { phrase: 'known simply as 287(g) among sheriffs', term: '287(g)' } as const;
/** A card whose first facts (those the card shows) include dated figures; 287(g) program's first three have none. */
const FIGURES_ID = 'dhs';
const FIGURES_HOVER = { phrase: 'Department of Homeland Security put the figure at 135', term: 'Department of Homeland Security' } as const;
const DAY_MS = 86_400_000;
const LOCALE = 'en-US';

const noon = (isoDay: string) => Date.parse(`${isoDay}T12:00:00Z`);

interface RuntimeContext {
  id: number;
  origin: string;
  auxData?: { type?: string; frameId?: string };
}

/**
 * Shifts `Date` in the extension's isolated world of the page's main frame to `time` (ms). The first
 * call installs a Date subclass reading a shared offset; later calls only move the offset.
 */
async function setContentScriptClock(cdp: CDPSession, extensionId: string, time: number): Promise<void> {
  const contexts: RuntimeContext[] = [];
  const onCreated = (event: { context: RuntimeContext }) => contexts.push(event.context);
  cdp.on('Runtime.executionContextCreated', onCreated);
  await cdp.send('Runtime.enable');
  const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
  cdp.off('Runtime.executionContextCreated', onCreated);
  await cdp.send('Runtime.disable');
  const world = contexts.find(
    (context) => context.origin === `chrome-extension://${extensionId}` && context.auxData?.type === 'isolated' && context.auxData.frameId === frameTree.frame.id,
  );
  assert.ok(world, 'no content-script world in the main frame');
  const script = `(() => {
    const target = ${time};
    if (!globalThis.__clockShift) {
      const RealDate = Date;
      const shift = { offset: 0 };
      class ShiftedDate extends RealDate {
        constructor(...args) {
          if (args.length === 0) super(RealDate.now() + shift.offset);
          else super(...args);
        }
        static now() {
          return RealDate.now() + shift.offset;
        }
      }
      globalThis.Date = ShiftedDate;
      globalThis.__clockShift = { shift, RealDate };
    }
    globalThis.__clockShift.shift.offset = target - globalThis.__clockShift.RealDate.now();
    return new Date().toISOString();
  })()`;
  const result = (await cdp.send('Runtime.evaluate', { expression: script, contextId: world.id, returnByValue: true })) as { result: { value?: string } };
  assert.equal(result.result.value?.slice(0, 10), new Date(time).toISOString().slice(0, 10));
}

describe('freshness of figures and corrections (Chromium)', () => {
  let harness: ExtensionHarness;
  let explainer: Explainer;
  let staleAfterDays: number;

  before(async () => {
    harness = await launchExtension();
    explainer = harness.explainer(EXPLAINER_ID);
    staleAfterDays = harness.pack.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS;
  });

  after(async () => {
    await harness?.close();
  });

  describe('hover card', () => {
    let article: ArticlePage;
    let cdp: CDPSession;

    before(async () => {
      const page = await harness.context.newPage();
      article = await ArticlePage.open(page, harness.server.url('demo/article.html'));
      await article.waitForHighlights(3);
      cdp = await harness.context.newCDPSession(page);
    });

    /** Opens the card with the content script's clock at `time`. */
    async function openCardAt(time: number, shown: Explainer = explainer, hover: { phrase: string; term: string } = HOVER): Promise<void> {
      if (await article.isCardOpen()) {
        await article.pressEscape();
        await article.waitForCardClosed();
      }
      await setContentScriptClock(cdp, harness.extensionId, time);
      await article.hoverTerm(hover.phrase, hover.term);
      await waitUntil(() => article.cardTitle.innerText(), (title) => title.trim() === shown.title, { what: `the ${shown.id} card`, timeout: 5_000 });
    }

    const figures = () => harness.explainer(FIGURES_ID);
    const openFiguresCardAt = (time: number) => openCardAt(time, figures(), FIGURES_HOVER);
    const cardFacts = () => figures().facts.slice(0, CARD_FACT_LIMIT);
    /** The newest dated fact on the card: the one that turns stale last. */
    const newestOnCard = () => {
      const dated = cardFacts()
        .map((fact, index) => ({ fact, index }))
        .filter((entry): entry is { fact: typeof entry.fact & { asOf: string }; index: number } => entry.fact.asOf !== undefined);
      assert.ok(dated.length > 0, `${FIGURES_ID} has no dated fact among the ${CARD_FACT_LIMIT} the card shows`);
      return dated.reduce((newest, entry) => (entry.fact.asOf > newest.fact.asOf ? entry : newest));
    };

    it('shows each figure\'s date and the newest figure date beside the review date', async () => {
      const { fact } = newestOnCard();
      await openFiguresCardAt(noon(fact.asOf) + DAY_MS);
      const texts = await article.cardFacts.allInnerTexts();
      assert.equal(texts.length, cardFacts().length);
      cardFacts().forEach((cardFact, index) => {
        if (cardFact.asOf) assert.match(texts[index]!, new RegExp(`as of ${formatMonth(cardFact.asOf, LOCALE)}`), `fact ${index}`);
        else assert.doesNotMatch(texts[index]!, /as of/, `fact ${index}`);
      });
      // The header's date covers every figure of the explainer, not only those on the card.
      const newest = figures().facts.map((f) => f.asOf).filter((d): d is string => d !== undefined).sort().at(-1)!;
      assert.equal((await article.card.locator('[data-testid="card-figures-as-of"]').innerText()).trim(), `Figures as of ${formatMonth(newest, LOCALE)}`);
      assert.equal((await article.card.locator('[data-testid="card-updated"]').innerText()).trim(), `Updated ${formatDate(figures().updated, LOCALE)}`);
    });

    it(`marks a figure as older only once the reader's clock passes ${DEFAULT_STALE_AFTER_DAYS} days after it`, async () => {
      const { fact, index } = newestOnCard();
      const marker = () => article.cardFacts.nth(index).locator('[data-testid="card-fact-as-of-stale"]');

      await openFiguresCardAt(noon(fact.asOf) + (staleAfterDays - 1) * DAY_MS);
      assert.equal(await marker().count(), 0, 'marked before the threshold');

      await openFiguresCardAt(noon(fact.asOf) + (staleAfterDays + 1) * DAY_MS);
      assert.equal((await marker().innerText()).trim(), 'older figure');
      assert.match(await article.cardFacts.nth(index).innerText(), new RegExp(`as of ${formatMonth(fact.asOf, LOCALE)} · older figure`));
    });

    it('says "Corrected <date>" for 30 days after a correction, then stops', async () => {
      const correction = [...(explainer.corrections ?? [])].sort((a, b) => (a.date < b.date ? 1 : -1))[0];
      assert.ok(correction, `${EXPLAINER_ID} has no correction`);
      const notice = article.card.locator('[data-testid="card-corrected"]');

      await openCardAt(noon(correction.date) + 3 * DAY_MS);
      assert.equal((await notice.innerText()).trim(), `Corrected ${formatDate(correction.date, LOCALE)}`);

      await openCardAt(noon(correction.date) + 31 * DAY_MS);
      assert.equal(await notice.count(), 0, 'still announced after 30 days');
    });
  });

  describe('full page', () => {
    async function openPageAt(time: number): Promise<{ page: Page; view: ExplainerPage }> {
      const page = await harness.context.newPage();
      await page.clock.setFixedTime(time);
      await page.goto(harness.extensionUrl(`explainer.html#${EXPLAINER_ID}`));
      const view = new ExplainerPage(page);
      await view.waitForTitle();
      return { page, view };
    }

    it('dates every figure, marks the older ones on the reader\'s clock, and lists the corrections', async () => {
      const dated = explainer.facts.filter((fact): fact is typeof fact & { asOf: string } => fact.asOf !== undefined);
      const newest = dated.map((fact) => fact.asOf).sort().at(-1)!;
      const now = noon(newest) + (staleAfterDays - 1) * DAY_MS;
      const { page, view } = await openPageAt(now);
      assert.equal(await page.evaluate(() => new Date().toISOString().slice(0, 10)), new Date(now).toISOString().slice(0, 10));

      const items = await view.section('facts').locator('[data-testid="fact"]').allInnerTexts();
      assert.equal(items.length, explainer.facts.length);
      let stale = 0;
      explainer.facts.forEach((fact, index) => {
        if (!fact.asOf) {
          assert.doesNotMatch(items[index]!, /as of/, `fact ${index}`);
          return;
        }
        assert.match(items[index]!, new RegExp(`as of ${formatMonth(fact.asOf, LOCALE)}`), `fact ${index}`);
        const old = now - noon(fact.asOf) > staleAfterDays * DAY_MS;
        if (old) stale += 1;
        assert.equal(/older figure/.test(items[index]!), old, `fact ${index} (as of ${fact.asOf}) marker`);
      });
      assert.ok(stale > 0 && stale < dated.length, `expected some but not all figures to be older, got ${stale} of ${dated.length}`);
      assert.equal((await page.locator('[data-testid="figures-as-of"]').innerText()).trim(), `Figures as of ${formatMonth(newest, LOCALE)}`);

      const corrections = await page.locator('section[data-section="corrections"] [data-testid="correction"]').allInnerTexts();
      assert.deepEqual(
        corrections.map((text) => text.trim()),
        [...(explainer.corrections ?? [])].sort((a, b) => (a.date < b.date ? 1 : -1)).map((c) => `${formatDate(c.date, LOCALE)}: ${c.text}`),
      );
      await page.close();
    });
  });
});
