/**
 * One Spanish case in Firefox ESR: the Spanish article is marked from the pack's Spanish terms and
 * the sanctuary card opens in Spanish (its title from the pack's translation, `lang="es"`), then Esc
 * closes it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { readCard, readMarks, termPoint } from './article-page';
import { launchFirefoxExtension, waitUntil, type FirefoxHarness } from './harness';

const PHRASE = 'Ciudades santuario como Chicago';
const TERM = 'Ciudades santuario';

describe('Spanish article (Firefox ESR)', () => {
  let harness: FirefoxHarness;
  let article: Page;

  before(async () => {
    harness = await launchFirefoxExtension();
    article = await harness.browser.newPage();
    await article.goto(harness.server.url('es/articulo.html'), { waitUntil: 'load' });
  });

  after(async () => {
    await harness?.close();
  });

  it('marks "ciudades santuario" and opens its card in Spanish; Esc closes it', async () => {
    const { texts: marks } = await waitUntil(
      () => readMarks(article),
      (read) => read.texts.some((text) => text === TERM),
      { timeout: 20_000, what: `a mark on "${TERM}"` },
    );
    assert.ok(!marks.some((text) => text.toLowerCase() === 'santuario'), `"santuario" alone was marked: ${JSON.stringify(marks)}`);

    const point = await termPoint(article, PHRASE, TERM);
    await article.mouse.move(5, 5);
    await article.mouse.move(point.x - 2, point.y, { steps: 2 });
    await article.mouse.move(point.x, point.y, { steps: 2 });
    const card = await waitUntil(() => readCard(article), (read) => Boolean(read?.visible && read.title), { timeout: 8_000, what: 'the hover card' });
    const spanish = harness.explainer('sanctuary-jurisdictions').translations?.es?.title;
    assert.ok(spanish, 'the bundled pack has no Spanish sanctuary explainer');
    assert.equal(card?.title, spanish);
    assert.equal(card?.lang, 'es');

    await article.keyboard.press('Escape');
    await waitUntil(() => readCard(article), (read) => !read?.visible, { timeout: 3_000, what: 'the card to close' });
  });
});
