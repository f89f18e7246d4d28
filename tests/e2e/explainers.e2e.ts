/**
 * Hover cards for many different explainers on two realistic pages of different kinds: each marked
 * term opens the card of the explainer it stands for, with at least three facts carrying https
 * sources, and Escape closes it. Terms are hovered where the extension actually marked them (first
 * mention per section by default).
 *
 * Pages (served from tests/fixtures):
 * - demo/article.html: a news article on 287(g) agreements and two states pulling back.
 * - demo/explainer-qa.html: a local paper's reader Q&A ("Your questions answered") on immigration
 *   status and enforcement, hovering explainers the article does not cover, and checking that
 *   near-miss phrases (a Hispanic-Serving Institution, snow removal, black ice) carry no mark.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HIGHLIGHT_NAME } from '../../lib/dom/constants';
import { launchExtension, type ExtensionHarness } from './harness';
import { ArticlePage } from './pages/article-page';

/** [explainer id, marked text, phrase of the block holding that mark]. */
type Target = readonly [id: string, text: string, phrase: string];

const ARTICLE_TARGETS = [
  ['287g-program', '287(g)', 'known simply as 287(g) among sheriffs'],
  ['287g-agreement', '287(g) agreements', 'active 287(g) agreements across'],
  ['dhs', 'Department of Homeland Security', 'The Department of Homeland Security put the figure'],
  ['task-force-model', 'task force model', 'street-level task force model'],
  ['immigration-detainer', 'immigration detainer', 'in the form of an immigration detainer'],
  ['virginia-2026-actions', 'Executive Directive 1', 'signed Executive Directive 1'],
  ['maryland-2026-law', 'HB 444', 'passed HB 444'],
  ['sanctuary-jurisdictions', 'sanctuary', 'declared itself a sanctuary'],
] as const satisfies readonly Target[];

const QA_TARGETS = [
  ['tps', 'Temporary Protected Status', 'have lived here for years under Temporary Protected Status'],
  ['daca', 'DACA', 'If you have DACA, short for'],
  ['uscis', 'USCIS', 'Renewals go to USCIS'],
  ['asylum', 'asylum', 'She may be able to apply for asylum'],
  ['cbp', 'CBP', 'At the border it is CBP'],
  ['ice-ero', 'Enforcement and Removal Operations', 'Its Enforcement and Removal Operations arm'],
  ['ice-hsi', 'HSI', 'criminal investigators in HSI'],
  ['secure-communities', 'Secure Communities', 'traces back to Secure Communities'],
  ['laken-riley-act', 'Laken Riley Act', 'Under the Laken Riley Act'],
  ['immigration-detention', 'Immigration detention', 'Immigration detention is civil'],
  ['expedited-removal', 'expedited removal', 'Under expedited removal'],
  ['iirira', 'IIRIRA', 'created the process in IIRIRA'],
  ['ina', 'Immigration and Nationality Act', 'amended the Immigration and Nationality Act'],
  ['eo-14159', 'Executive Order 14159', 'Executive Order 14159, signed Jan. 20'],
  ['illinois-trust-act', 'TRUST Act', 'The TRUST Act, signed in August 2017'],
  ['california-sb54', 'SB 54', 'Its SB 54, the California Values Act'],
  ['texas-sb4', 'Texas SB 4', 'Texas SB 4, signed in December 2023'],
] as const satisfies readonly Target[];

/** A mark in the same "Around Millbrook" list as the near misses, proving that list was scanned. */
const AROUND_MILLBROOK_MARK = ['DACA', 'including help with DACA renewals'] as const;

/** Phrases that look like a term but must carry no mark, each with a nearby mark proving its area was scanned. */
const QA_NEAR_MISSES = [
  // HSI has a context word in the same sentence ("immigration"); only the explainer's veto keeps it unmarked.
  { phrase: 'Hispanic-Serving Institution (HSI)', scanned: AROUND_MILLBROOK_MARK },
  // "removal" finds context words in the page title and headings; only the veto keeps it unmarked.
  { phrase: 'snow removal', scanned: AROUND_MILLBROOK_MARK },
  // Lower-case "ice" is no spelling of the ICE explainer's terms, and "black ice" is vetoed besides.
  { phrase: 'black ice', scanned: AROUND_MILLBROOK_MARK },
] as const;

interface PageCase {
  name: string;
  fixture: string;
  targets: readonly Target[];
  nearMisses?: readonly { phrase: string; scanned: readonly [text: string, phrase: string] | null }[];
  /** Explainer ids another page already hovers, which this one must not repeat. */
  notCovering?: readonly Target[];
}

const PAGES: readonly PageCase[] = [
  { name: 'the demo article', fixture: 'demo/article.html', targets: ARTICLE_TARGETS },
  {
    name: 'the reader Q&A page',
    fixture: 'demo/explainer-qa.html',
    targets: QA_TARGETS,
    nearMisses: QA_NEAR_MISSES,
    notCovering: ARTICLE_TARGETS,
  },
];

for (const { name, fixture, targets, nearMisses, notCovering } of PAGES) {
  describe(`hover cards for different explainers on ${name} (Chromium)`, () => {
    let harness: ExtensionHarness;
    let article: ArticlePage;

    before(async () => {
      harness = await launchExtension();
      article = await ArticlePage.open(await harness.context.newPage(), harness.server.url(fixture));
      await article.waitForHighlights(targets.length);
    });

    after(async () => {
      await harness?.close();
    });

    /** Viewport centre of the highlighted range reading `text` inside a text node containing `phrase`, or null if not marked. */
    async function markedPoint(text: string, phrase: string): Promise<{ x: number; y: number } | null> {
      return article.page.evaluate(
        ({ name, text, phrase }) => {
          const highlight = CSS.highlights.get(name);
          for (const range of highlight ?? []) {
            const live = document.createRange();
            live.setStart(range.startContainer, range.startOffset);
            live.setEnd(range.endContainer, range.endOffset);
            if (live.toString() !== text) continue;
            // A mark may span inline elements (<em>task force</em> model), so look at its whole block.
            const block = range.startContainer.parentElement?.closest('p, li, h1, h2, h3, blockquote, figcaption, td');
            if (!block || !(block.textContent ?? '').replace(/\s+/g, ' ').includes(phrase)) continue;
            block.scrollIntoView({ block: 'center' });
            const rect = live.getBoundingClientRect();
            return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
          }
          return null;
        },
        { name: HIGHLIGHT_NAME, text, phrase },
      );
    }

    it(`marks all ${targets.length} target terms, one per distinct explainer`, async () => {
      assert.equal(new Set(targets.map(([id]) => id)).size, targets.length);
      if (notCovering) {
        const covered = new Set(notCovering.map(([id]) => id));
        assert.deepEqual(targets.map(([id]) => id).filter((id) => covered.has(id)), [], 'explainers already hovered on another page');
      }
      const missing: string[] = [];
      for (const [id, text, phrase] of targets) {
        harness.explainer(id);
        if (!(await markedPoint(text, phrase))) missing.push(`${id} (${JSON.stringify(text)})`);
      }
      assert.deepEqual(missing, [], `not marked: ${missing.join(', ')}; marked: ${JSON.stringify((await article.highlighted()).map((h) => h.text))}`);
    });

    for (const [id, text, phrase] of targets) {
      it(`hovering "${text}" opens the ${id} card with ≥ 3 facts sourced over https, and Escape closes it`, async () => {
        const expected = harness.explainer(id);
        await article.page.mouse.move(5, 5);
        const point = await markedPoint(text, phrase);
        assert.ok(point, `"${text}" is not marked near "${phrase}"`);
        await article.page.mouse.move(point.x - 2, point.y, { steps: 2 });
        await article.page.mouse.move(point.x, point.y, { steps: 2 });
        await article.cardTitle.waitFor({ state: 'visible', timeout: 10_000 });
        assert.equal((await article.cardTitle.innerText()).trim(), expected.title, `card for "${text}"`);

        const facts = article.cardFacts;
        const factCount = await facts.count();
        assert.ok(factCount >= 3, `${id}: card shows ${factCount} facts`);
        for (let index = 0; index < factCount; index++) {
          const hrefs = await facts
            .nth(index)
            .locator('a[data-testid="card-source"]')
            .evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
          assert.ok(
            hrefs.some((href) => href.startsWith('https://')),
            `${id}: fact ${index} has no https source (${JSON.stringify(hrefs)})`,
          );
        }

        await article.pressEscape();
        await article.waitForCardClosed();
        assert.equal(await article.card.isVisible(), false, `${id}: card still visible after Escape`);
      });
    }

    for (const { phrase, scanned } of nearMisses ?? []) {
      it(`leaves the near miss "${phrase}" unmarked`, async () => {
        if (scanned) {
          const [text, near] = scanned;
          assert.ok(await markedPoint(text, near), `"${text}" near "${near}" is not marked, so the block may not have been scanned`);
        }
        const overlapping = await article.highlightsOverlapping(phrase);
        assert.ok(overlapping, `"${phrase}" is not on the page`);
        assert.deepEqual(overlapping, [], `"${phrase}" carries marks`);
      });
    }
  });
}
