/**
 * Hover cards for many different explainers on the demo article: each marked term opens the card of
 * the explainer it stands for, with at least three facts carrying https sources, and Escape closes it.
 * Terms are hovered where the extension actually marked them (first mention per section by default).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HIGHLIGHT_NAME } from '../../lib/dom/constants';
import { launchExtension, type ExtensionHarness } from './harness';
import { ArticlePage } from './pages/article-page';

/** [explainer id, marked text, phrase of the block holding that mark]. */
const TARGETS = [
  ['287g-program', '287(g)', 'known simply as 287(g) among sheriffs'],
  ['287g-agreement', '287(g) agreements', 'active 287(g) agreements across'],
  ['dhs', 'Department of Homeland Security', 'The Department of Homeland Security put the figure'],
  ['task-force-model', 'task force model', 'street-level task force model'],
  ['immigration-detainer', 'immigration detainer', 'in the form of an immigration detainer'],
  ['virginia-2026-actions', 'Executive Directive 1', 'signed Executive Directive 1'],
  ['maryland-2026-law', 'HB 444', 'passed HB 444'],
  ['sanctuary-jurisdictions', 'sanctuary', 'declared itself a sanctuary'],
] as const;

describe('hover cards for different explainers on the demo article (Chromium)', () => {
  let harness: ExtensionHarness;
  let article: ArticlePage;

  before(async () => {
    harness = await launchExtension();
    article = await ArticlePage.open(await harness.context.newPage(), harness.server.url('demo/article.html'));
    await article.waitForHighlights(TARGETS.length);
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

  it(`marks all ${TARGETS.length} target terms, one per distinct explainer`, async () => {
    assert.equal(new Set(TARGETS.map(([id]) => id)).size, TARGETS.length);
    const missing: string[] = [];
    for (const [id, text, phrase] of TARGETS) {
      harness.explainer(id);
      if (!(await markedPoint(text, phrase))) missing.push(`${id} (${JSON.stringify(text)})`);
    }
    assert.deepEqual(missing, [], `not marked: ${missing.join(', ')}; marked: ${JSON.stringify((await article.highlighted()).map((h) => h.text))}`);
  });

  for (const [id, text, phrase] of TARGETS) {
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
});
