/**
 * One Spanish case in Firefox ESR: the Spanish article is marked from the pack's Spanish terms and
 * the sanctuary card opens in Spanish (its title from the pack's translation, `lang="es"`), then Esc
 * closes it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { HIGHLIGHT_NAME, SHADOW_HOST_TAG } from '../../lib/dom/constants';
import { launchFirefoxExtension, waitUntil, type FirefoxHarness } from './harness';

const PHRASE = 'Ciudades santuario como Chicago';
const TERM = 'Ciudades santuario';

function markTexts(page: Page): Promise<string[]> {
  return page.evaluate((name) => {
    const highlight = typeof CSS !== 'undefined' && 'highlights' in CSS ? CSS.highlights.get(name) : undefined;
    return [...(highlight ?? [])].map((range) => {
      const live = document.createRange();
      live.setStart(range.startContainer, range.startOffset);
      live.setEnd(range.endContainer, range.endOffset);
      return live.toString();
    });
  }, HIGHLIGHT_NAME);
}

function readCard(page: Page): Promise<{ visible: boolean; title: string; lang: string | null } | null> {
  return page.evaluate((hostTag) => {
    const card = document.querySelector(hostTag)?.shadowRoot?.querySelector<HTMLElement>('[data-testid="explainer-card"]');
    if (!card) return null;
    const rect = card.getBoundingClientRect();
    return {
      visible: rect.width > 0 && rect.height > 0,
      title: card.querySelector('[data-testid="card-title"]')?.textContent?.trim() ?? '',
      lang: card.getAttribute('lang'),
    };
  }, SHADOW_HOST_TAG);
}

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
    const marks = await waitUntil(
      () => markTexts(article),
      (texts) => texts.some((text) => text === TERM),
      { timeout: 20_000, what: `a mark on "${TERM}"` },
    );
    assert.ok(!marks.some((text) => text.toLowerCase() === 'santuario'), `"santuario" alone was marked: ${JSON.stringify(marks)}`);

    const point = await article.evaluate(
      (phrase, term) => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = (node.textContent ?? '').indexOf(phrase);
          if (at < 0) continue;
          const start = at + phrase.indexOf(term);
          const range = document.createRange();
          range.setStart(node, start);
          range.setEnd(node, start + term.length);
          node.parentElement?.scrollIntoView({ block: 'center' });
          const rect = range.getBoundingClientRect();
          return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
        }
        return null;
      },
      PHRASE,
      TERM,
    );
    assert.ok(point, `"${PHRASE}" is not on the page`);
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
