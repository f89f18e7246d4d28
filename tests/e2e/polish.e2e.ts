/**
 * Reader polish (issue #17) in Chromium: the full explainer page is set at the reader's default size
 * with no small print under 13 px, even though Chrome's extension-page stylesheet shrinks body text.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchExtension, type ExtensionHarness } from './harness';
import { ExplainerPage } from './pages/explainer-page';

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
});
