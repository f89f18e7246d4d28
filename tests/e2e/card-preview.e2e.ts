/**
 * The hover card as a preview that fits the page it sits on (issue #17, card side), in Chromium:
 * at most three facts and "+N more facts · Read the full explainer" one Tab after Close; the fade
 * where the body goes on; the arrow on the hovered line of a wrapped mark; the theme of the page
 * (not the OS) with a visible border on dark pages; em sizes that follow the browser's default font
 * size; marks at 3:1 or more on a cream and a dark page; the error state's Try again; the header
 * menu ("Don't mark this topic" everywhere, undone from Options; pause; settings), Esc closing the
 * menu before the card; and the card inside a 640×450 window.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { HIGHLIGHT_NAME, ON_DARK_SUFFIX, SHADOW_HOST_TAG } from '../../lib/dom/constants';
import { contrastRatio, parseColor, type Rgb } from '../../lib/dom/page-colors';
import { launchExtension, liveServiceWorker, updateSettings, waitUntil, type ExtensionHarness } from './harness';
import { ArticlePage, type Box } from './pages/article-page';

/** In tests/fixtures/pages/cream.html and dark.html. */
const G287 = { phrase: 'renewed their 287(g)', term: '287(g)' } as const;
const WRAP_FIRST = { phrase: 'themselves sanctuary', term: 'sanctuary' } as const;
const WRAP_SECOND = { phrase: 'jurisdictions, officials', term: 'jurisdictions' } as const;
const DETAINER = { phrase: 'every immigration detainer', term: 'immigration detainer' } as const;
const CREAM = '#f7f3e9';
const DARK = '#121212';
const SHORT_VIEWPORT = { width: 640, height: 450 };
/** A default font size well above Chromium's 16 px (what a reader with low vision might choose). */
const LARGE_DEFAULT_PX = 24;

const hex = (value: string): Rgb => parseColor(value)!;
const rgb = (value: string): Rgb => {
  const parsed = parseColor(value);
  assert.ok(parsed, `not a colour: ${value}`);
  return parsed;
};
/** A computed colour as drawn over `background` (a translucent line shows the page through it). */
const drawnOver = (value: string, background: Rgb): Rgb => {
  const color = parseColor(value);
  assert.ok(color, `not a colour: ${value}`);
  const blend = (top: number, bottom: number) => top * color.a + bottom * (1 - color.a);
  return { r: blend(color.r, background.r), g: blend(color.g, background.g), b: blend(color.b, background.b) };
};
const inside = (inner: Box, outer: Box) =>
  inner.left >= outer.left - 0.5 && inner.top >= outer.top - 0.5 && inner.right <= outer.right + 0.5 && inner.bottom <= outer.bottom + 0.5;

/** What is focused inside our shadow root: its data-testid, or its tag and text. */
function shadowFocus(page: Page): Promise<string> {
  return page.evaluate((tag) => {
    const active = document.querySelector(tag)?.shadowRoot?.activeElement;
    if (!active) return '';
    return active.getAttribute('data-testid') ?? `${active.tagName.toLowerCase()}:${(active.textContent ?? '').trim().slice(0, 30)}`;
  }, SHADOW_HOST_TAG);
}

/** Highlighted texts under every tone of a highlight name. */
function markedTexts(page: Page, base = HIGHLIGHT_NAME): Promise<string[]> {
  return page.evaluate(
    ({ names }) =>
      names.flatMap((name) =>
        [...(CSS.highlights.get(name) ?? [])].map((range) => {
          const live = document.createRange();
          live.setStart(range.startContainer, range.startOffset);
          live.setEnd(range.endContainer, range.endOffset);
          return live.toString();
        }),
      ),
    { names: [base, `${base}${ON_DARK_SUFFIX}`] },
  );
}

async function settledCard(article: ArticlePage): Promise<Box> {
  await article.cardFullLink.waitFor({ state: 'visible', timeout: 10_000 });
  let previous = '';
  const box = await waitUntil(
    async () => {
      const now = await article.cardBox();
      const same = JSON.stringify(now) === previous;
      previous = JSON.stringify(now);
      return same ? now : null;
    },
    (value) => value !== null,
    { what: 'the card to stop moving', timeout: 5_000, interval: 100 },
  );
  return box!;
}

async function arrowBox(article: ArticlePage): Promise<(Box & { side: string; visible: boolean }) | null> {
  return article.page.evaluate((tag) => {
    const caret = document.querySelector(tag)?.shadowRoot?.querySelector<HTMLElement>('[data-testid="card-arrow"]');
    if (!caret) return null;
    const rect = caret.getBoundingClientRect();
    const style = getComputedStyle(caret);
    return {
      left: rect.left,
      top: rect.top,
      right: rect.right,
      bottom: rect.bottom,
      side: caret.dataset.side ?? '',
      visible: style.display !== 'none' && style.visibility !== 'hidden' && rect.width > 0,
    };
  }, SHADOW_HOST_TAG);
}

/**
 * Rows of a screenshot of `phrase` (no card open) with mark-blue pixels and with text pixels (dark
 * text on a light page, light text on a dark one), decoded in a scratch page's canvas.
 */
async function inkRows(harness: ExtensionHarness, article: ArticlePage, phrase: string, darkPage: boolean): Promise<{ blue: number; text: number }[]> {
  const box = (await article.termRect(phrase, phrase))!;
  const clip = { x: Math.floor(box.left), y: Math.floor(box.top), width: Math.ceil(box.right - box.left), height: Math.ceil(box.bottom - box.top + 12) };
  const png = await article.page.screenshot({ clip });
  const scratch = await harness.context.newPage();
  try {
    await scratch.goto(harness.server.url('pages/plain.html'));
    return await scratch.evaluate(
      async ({ data, darkPage }) => {
        const image = new Image();
        image.src = `data:image/png;base64,${data}`;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const context = canvas.getContext('2d')!;
        context.drawImage(image, 0, 0);
        const pixels = context.getImageData(0, 0, image.width, image.height).data;
        const rows: { blue: number; text: number }[] = [];
        for (let y = 0; y < image.height; y++) {
          const row = { blue: 0, text: 0 };
          for (let x = 0; x < image.width; x++) {
            const at = (y * image.width + x) * 4;
            const [r, g, b] = [pixels[at]!, pixels[at + 1]!, pixels[at + 2]!];
            if (b - r > 60 && b > 120) row.blue++;
            else if (darkPage ? r > 150 && g > 150 && b > 150 : r < 110 && g < 110 && b < 110) row.text++;
          }
          rows.push(row);
        }
        return rows;
      },
      { data: png.toString('base64'), darkPage },
    );
  } finally {
    await scratch.close();
  }
}

/** The underline's first row is below the last row of the mark's own glyphs, descenders included. */
function assertUnderlineBelowText(rows: { blue: number; text: number }[], where: string): void {
  const firstBlue = rows.findIndex((row) => row.blue > 0);
  assert.ok(firstBlue > 0, `${where}: no underline pixels in ${JSON.stringify(rows)}`);
  const textAbove = rows.slice(0, firstBlue).map((row, index) => (row.text > 0 ? index : -1)).filter((index) => index >= 0);
  assert.ok(textAbove.length > 0, `${where}: no text above the underline`);
  assert.equal(rows[firstBlue]!.text, 0, `${where}: the underline row crosses glyphs`);
  assert.ok(Math.max(...textAbove) < firstBlue, `${where}: glyphs reach row ${Math.max(...textAbove)}, underline starts at ${firstBlue}`);
}

async function closeCard(article: ArticlePage): Promise<void> {
  await article.page.mouse.move(5, 5);
  await article.pressEscape();
  await article.waitForCardClosed(5_000);
}

/** The explainer id the open card shows, from its full-explainer link (explainer.html#id). */
async function openExplainerId(article: ArticlePage): Promise<string> {
  const href = await article.cardFullLink.getAttribute('href');
  return decodeURIComponent(new URL(href ?? '').hash.slice(1));
}

describe('the hover card as a preview that fits the page', () => {
  let harness: ExtensionHarness;
  let cream: ArticlePage;

  before(async () => {
    harness = await launchExtension();
    cream = await ArticlePage.open(await harness.context.newPage(), harness.server.url('pages/cream.html'));
    await cream.waitForHighlights(3);
  });

  after(async () => {
    await harness?.close();
  });

  it('shows at most 3 facts and "+N more facts · Read the full explainer", one Tab after Close', async () => {
    await cream.hoverTerm(G287.phrase, G287.term);
    await settledCard(cream);
    const id = await openExplainerId(cream);
    const total = harness.explainer(id).facts.length;
    assert.ok(total > 3, `${id} has only ${total} facts: this page does not test "+N more"`);
    assert.equal(await cream.cardFacts.count(), 3);
    const label = await cream.cardFullLink.evaluate((link) => {
      const shown = link.cloneNode(true) as HTMLElement;
      shown.querySelectorAll('.ce-visually-hidden').forEach((hidden) => hidden.remove());
      return (shown.textContent ?? '').trim();
    });
    assert.equal(label, `+${total - 3} more facts · Read the full explainer →`);
    // The link's name also says it opens a new tab (visually hidden text).
    const name = await cream.cardFullLink.evaluate((link) => link.textContent ?? '');
    assert.match(name, /\(opens in a new tab\)$/);
    const sourceName = await cream.cardSources.first().getAttribute('aria-label');
    assert.match(sourceName ?? '', /^\S.* \(opens in a new tab\)$/);

    await cream.card.locator('button.ce-close').focus();
    assert.equal(await shadowFocus(cream.page), 'button:', 'the close button did not take focus');
    await cream.page.keyboard.press('Tab');
    assert.equal(await shadowFocus(cream.page), 'card-full-link', 'Tab after Close does not reach the full-explainer link');
    // Drawn below the facts all the same.
    const link = (await cream.cardFullLink.boundingBox())!;
    const body = (await cream.card.locator('.ce-body').boundingBox())!;
    assert.ok(link.y >= body.y + body.height - 0.5, `the full-explainer link (y ${link.y}) is not drawn under the facts (bottom ${body.y + body.height})`);
    await closeCard(cream);
  });

  it('points its arrow at the hovered line of a mark wrapped over two lines', async () => {
    for (const part of [WRAP_SECOND, WRAP_FIRST]) {
      await cream.hoverTerm(part.phrase, part.term);
      const card = await settledCard(cream);
      const line = (await cream.termRect(part.phrase, part.term))!;
      const caret = await arrowBox(cream);
      assert.ok(caret?.visible, `no arrow: ${JSON.stringify(caret)}`);
      const centre = (caret.left + caret.right) / 2;
      assert.ok(centre >= line.left && centre <= line.right, `arrow centre ${centre} outside "${part.term}" ${line.left}–${line.right}`);
      assert.equal(caret.side, 'bottom');
      assert.ok(card.top >= line.bottom, `card top ${card.top} above the hovered line's bottom ${line.bottom}`);
      assert.ok(caret.top < card.top && caret.top >= line.bottom - 1, `arrow ${JSON.stringify(caret)} not between "${part.term}" and the card`);
      await closeCard(cream);
    }
  });

  it('takes the light theme from a cream page even when the OS is dark', async () => {
    await cream.page.emulateMedia({ colorScheme: 'dark' });
    try {
      await cream.hoverTerm(G287.phrase, G287.term);
      await settledCard(cream);
      const look = await cream.card.evaluate((card) => ({ theme: card.getAttribute('data-theme'), background: getComputedStyle(card).backgroundColor }));
      assert.equal(look.theme, 'light');
      assert.ok(contrastRatio(rgb(look.background), hex('#000000')) > 15, `card background ${look.background} is not light`);
      await closeCard(cream);
    } finally {
      await cream.page.emulateMedia({ colorScheme: 'light' });
    }
  });

  it('draws marks at 3:1 or more against a cream page, clear of descenders', async () => {
    const marks = await markedTexts(cream.page);
    assert.ok(marks.length >= 3, `marks: ${JSON.stringify(marks)}`);
    const style = await cream.page.evaluate((name) => {
      const s = getComputedStyle(document.querySelector('p')!, `::highlight(${name})`);
      return { color: s.textDecorationColor, offset: parseFloat(s.textUnderlineOffset), fontSize: parseFloat(getComputedStyle(document.querySelector('p')!).fontSize) };
    }, HIGHLIGHT_NAME);
    const ratio = contrastRatio(drawnOver(style.color, hex(CREAM)), hex(CREAM));
    assert.ok(ratio >= 3, `underline ${style.color} on ${CREAM} is ${ratio.toFixed(2)}:1`);
    // Descenders reach about 0.2em below the baseline in text fonts; the underline sits lower.
    assert.ok(style.offset >= 0.22 * style.fontSize, `underline offset ${style.offset}px at ${style.fontSize}px text`);

    // Pixels: "287(g) agreements" has descenders (g), and the dotted line is drawn below them.
    await cream.page.mouse.move(5, 5);
    assertUnderlineBelowText(await inkRows(harness, cream, '287(g) agreements', false), 'cream page');

    await updateSettings(harness, { highlightStyle: 'tint' });
    try {
      await waitUntil(() => markedTexts(cream.page, `${HIGHLIGHT_NAME}-tint`), (texts) => texts.length === marks.length, { what: 'the tint marks' });
      const tint = await cream.page.evaluate((name) => {
        const s = getComputedStyle(document.querySelector('p')!, `::highlight(${name})`);
        return { color: s.textDecorationColor, line: s.textDecorationLine };
      }, `${HIGHLIGHT_NAME}-tint`);
      assert.equal(tint.line, 'underline', 'the tint style has no line to carry its contrast');
      const tintRatio = contrastRatio(drawnOver(tint.color, hex(CREAM)), hex(CREAM));
      assert.ok(tintRatio >= 3, `tint line ${tint.color} on ${CREAM} is ${tintRatio.toFixed(2)}:1`);
    } finally {
      await updateSettings(harness, { highlightStyle: 'underline' });
    }
  });

  describe('on a dark page', () => {
    let dark: ArticlePage;

    before(async () => {
      dark = await ArticlePage.open(await harness.context.newPage(), harness.server.url('pages/dark.html'));
      await dark.page.waitForFunction((name) => (CSS.highlights.get(name)?.size ?? 0) >= 3, `${HIGHLIGHT_NAME}${ON_DARK_SUFFIX}`);
    });

    after(async () => {
      await dark.page.close();
    });

    it('draws the marks in the pale tone, at 3:1 or more', async () => {
      assert.deepEqual(await dark.highlighted(), [], 'marks on a dark page drawn in the light-page tone');
      const color = await dark.page.evaluate(
        (name) => getComputedStyle(document.querySelector('p')!, `::highlight(${name})`).textDecorationColor,
        `${HIGHLIGHT_NAME}${ON_DARK_SUFFIX}`,
      );
      const ratio = contrastRatio(drawnOver(color, hex(DARK)), hex(DARK));
      assert.ok(ratio >= 3, `underline ${color} on ${DARK} is ${ratio.toFixed(2)}:1`);
      assertUnderlineBelowText(await inkRows(harness, dark, '287(g) agreements', true), 'dark page');
    });

    it('shows a dark card with a border that stands out from the page, even when the OS is light', async () => {
      await dark.page.emulateMedia({ colorScheme: 'light' });
      await dark.hoverTerm(G287.phrase, G287.term);
      await settledCard(dark);
      const look = await dark.card.evaluate((card) => {
        const style = getComputedStyle(card);
        return { theme: card.getAttribute('data-theme'), background: style.backgroundColor, border: style.borderTopColor, width: parseFloat(style.borderTopWidth) };
      });
      assert.equal(look.theme, 'dark');
      assert.ok(contrastRatio(rgb(look.background), hex('#ffffff')) > 12, `card background ${look.background} is not dark`);
      assert.ok(look.width >= 1, `border ${look.width}px`);
      const borderRatio = contrastRatio(drawnOver(look.border, hex(DARK)), hex(DARK));
      assert.ok(borderRatio >= 3, `border ${look.border} on ${DARK} is ${borderRatio.toFixed(2)}:1`);
      await closeCard(dark);
    });
  });

  it('grows its text with the browser\'s default font size', async () => {
    await cream.hoverTerm(G287.phrase, G287.term);
    await settledCard(cream);
    const measure = (article: ArticlePage) =>
      article.card.evaluate((card) => ({
        title: parseFloat(getComputedStyle(card.querySelector('.ce-title')!).fontSize),
        summary: parseFloat(getComputedStyle(card.querySelector('.ce-summary')!).fontSize),
        width: card.getBoundingClientRect().width,
      }));
    const normal = await measure(cream);
    await closeCard(cream);

    const page = await harness.context.newPage();
    const cdp = await harness.context.newCDPSession(page);
    // The same setting as chrome://settings/fonts "Font size".
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: LARGE_DEFAULT_PX } });
    const large = await ArticlePage.open(page, harness.server.url('pages/cream.html'));
    await large.waitForHighlights(3);
    assert.equal(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize)), LARGE_DEFAULT_PX, 'the default font size setting did not apply');
    await large.hoverTerm(G287.phrase, G287.term);
    await settledCard(large);
    const bigger = await measure(large);
    const expected = LARGE_DEFAULT_PX / 16;
    for (const key of ['title', 'summary'] as const) {
      const ratio = bigger[key] / normal[key];
      assert.ok(Math.abs(ratio - expected) < 0.05, `${key} ${normal[key]} → ${bigger[key]} px (×${ratio.toFixed(2)}, expected ×${expected})`);
    }
    assert.ok(bigger.width > normal.width, `card ${normal.width} → ${bigger.width} px wide`);
    await page.close();
  });

  describe(`in a ${SHORT_VIEWPORT.width}×${SHORT_VIEWPORT.height} window`, () => {
    let short: ArticlePage;

    before(async () => {
      const page = await harness.context.newPage();
      await page.setViewportSize(SHORT_VIEWPORT);
      short = await ArticlePage.open(page, harness.server.url('pages/cream.html'));
      await short.waitForHighlights(3);
    });

    after(async () => {
      await short.page.close();
    });

    it('stays inside the viewport at most 60% of its height, and fades where the body goes on', async () => {
      for (const spot of [G287, WRAP_SECOND, DETAINER]) {
        await short.hoverTerm(spot.phrase, spot.term);
        const box = await settledCard(short);
        const viewport: Box = { left: 0, top: 0, right: SHORT_VIEWPORT.width, bottom: SHORT_VIEWPORT.height };
        assert.ok(inside(box, viewport), `card ${JSON.stringify(box)} leaves the viewport (${spot.term})`);
        assert.ok(box.bottom - box.top <= SHORT_VIEWPORT.height * 0.6, `card ${box.bottom - box.top} px tall (${spot.term})`);
        await closeCard(short);
      }
      await short.hoverTerm(G287.phrase, G287.term);
      await settledCard(short);
      const fade = short.card.locator('[data-testid="card-fade"]');
      const layout = await short.cardFit();
      assert.ok(layout.bodyOverflows, 'the body fits: this window does not test the fade');
      await fade.waitFor({ state: 'visible', timeout: 3_000 });
      await short.card.locator('.ce-body').evaluate((body) => body.scrollTo({ top: body.scrollHeight, behavior: 'instant' }));
      await fade.waitFor({ state: 'hidden', timeout: 3_000 });
      await closeCard(short);
    });
  });

  it('hides its arrow when it is a bottom sheet', async () => {
    const page = await harness.context.newPage();
    await page.setViewportSize({ width: 390, height: 700 });
    const narrow = await ArticlePage.open(page, harness.server.url('pages/cream.html'));
    await narrow.waitForHighlights(3);
    await narrow.hoverTerm(G287.phrase, G287.term);
    const box = await settledCard(narrow);
    assert.ok(box.right - box.left >= 389, `the card is ${box.right - box.left} px wide, not a sheet across the 390 px screen`);
    const caret = await arrowBox(narrow);
    assert.ok(caret && !caret.visible, `arrow shown on a sheet: ${JSON.stringify(caret)}`);
    await page.close();
  });

  it('says when the explainer cannot be loaded, and "Try again" loads it', async () => {
    const worker = await liveServiceWorker(harness);
    // A listener added after the background's answers getCard first (synchronously), with no card:
    // what the content script gets when the catalog failed to load or lost the explainer.
    await worker.evaluate(() => {
      const scope = globalThis as unknown as { __failCards?: boolean; __failListener?: boolean };
      scope.__failCards = true;
      if (scope.__failListener) return;
      scope.__failListener = true;
      (globalThis as unknown as { chrome: { runtime: { onMessage: { addListener(listener: (message: { type?: string }, sender: unknown, respond: (value: unknown) => void) => boolean | undefined): void } } } }).chrome.runtime.onMessage.addListener(
        (message, _sender, respond) => {
          if (message?.type !== 'getCard' || !scope.__failCards) return undefined;
          respond(null);
          return false;
        },
      );
    });
    try {
      await cream.hoverTerm(DETAINER.phrase, DETAINER.term);
      const retry = cream.card.locator('[data-testid="card-retry"]');
      await retry.waitFor({ state: 'visible', timeout: 10_000 });
      assert.equal((await cream.card.getAttribute('data-state')), 'error');
      assert.equal((await cream.card.locator('[role="alert"]').innerText()).trim(), 'This explainer could not be loaded.');
      const open = cream.card.locator('[data-testid="card-error-full-link"]');
      assert.match((await open.innerText()).trim(), /^Open full explainer/);
      await worker.evaluate(() => ((globalThis as unknown as { __failCards?: boolean }).__failCards = false));
      await retry.click();
      await cream.cardTitle.waitFor({ state: 'visible', timeout: 10_000 });
      assert.equal(await cream.card.getAttribute('data-state'), 'ready');
      await closeCard(cream);
    } finally {
      await worker.evaluate(() => ((globalThis as unknown as { __failCards?: boolean }).__failCards = false)).catch(() => undefined);
    }
  });

  describe('its menu', () => {
    it('works from the keyboard, and Esc closes the menu before the card', async () => {
      await cream.hoverTerm(G287.phrase, G287.term);
      await settledCard(cream);
      const button = cream.card.locator('[data-testid="card-menu-button"]');
      await button.focus();
      await cream.page.keyboard.press('Enter');
      await cream.card.locator('[data-testid="card-menu"]').waitFor({ state: 'visible', timeout: 3_000 });
      assert.equal(await button.getAttribute('aria-expanded'), 'true');
      assert.equal(await shadowFocus(cream.page), 'card-menu-hide-topic');
      await cream.page.keyboard.press('ArrowDown');
      assert.equal(await shadowFocus(cream.page), 'card-menu-pause-site');
      await cream.page.keyboard.press('End');
      assert.equal(await shadowFocus(cream.page), 'card-menu-settings');
      await cream.page.keyboard.press('Escape');
      await cream.card.locator('[data-testid="card-menu"]').waitFor({ state: 'detached', timeout: 3_000 });
      assert.ok(await cream.isCardOpen(), 'the first Esc closed the card, not just its menu');
      assert.equal(await shadowFocus(cream.page), 'card-menu-button');
      await cream.page.keyboard.press('Escape');
      await cream.waitForCardClosed(3_000);
    });

    it('"Don\'t mark this topic" removes its marks on every tab, and Options shows it again', async () => {
      const other = await ArticlePage.open(await harness.context.newPage(), harness.server.url('pages/dark.html'));
      await other.page.waitForFunction((name) => (CSS.highlights.get(name)?.size ?? 0) >= 3, `${HIGHLIGHT_NAME}${ON_DARK_SUFFIX}`);
      const marked = (await markedTexts(cream.page)).map((text) => text.toLowerCase());

      await cream.hoverTerm(G287.phrase, G287.term);
      await settledCard(cream);
      const id = await openExplainerId(cream);
      const term = (await markedTexts(cream.page)).find((text) => text.toLowerCase().startsWith('287(g)'));
      assert.ok(term, `no 287(g) mark among ${JSON.stringify(marked)}`);
      await cream.card.locator('[data-testid="card-menu-button"]').click();
      await cream.card.locator('[data-testid="card-menu-hide-topic"]').click();
      await cream.waitForCardClosed(3_000);

      for (const tab of [cream, other]) {
        await waitUntil(() => markedTexts(tab.page), (texts) => !texts.includes(term) && texts.length === marked.length - 1, {
          what: `"${term}" to lose its mark`,
        });
      }

      const options = await harness.context.newPage();
      await options.goto(harness.extensionUrl('options.html'));
      const row = options.locator(`[data-testid="hidden-topic"][data-explainer-id="${id}"]`);
      await row.waitFor({ state: 'visible', timeout: 10_000 });
      assert.match(await row.innerText(), new RegExp(harness.explainer(id).title.replace(/[()]/g, '\\$&')));
      await row.locator('[data-testid="show-topic-again"]').click();
      for (const tab of [cream, other]) {
        await waitUntil(() => markedTexts(tab.page), (texts) => texts.includes(term), { what: `"${term}" to be marked again` });
      }
      await options.locator('[data-testid="hidden-topics"]').waitFor({ state: 'detached', timeout: 5_000 });
      await options.close();
      await other.page.close();
    });

    it('"Settings" opens the options page', async () => {
      await cream.hoverTerm(DETAINER.phrase, DETAINER.term);
      await settledCard(cream);
      await cream.card.locator('[data-testid="card-menu-button"]').click();
      const opened = harness.context.waitForEvent('page', { timeout: 10_000 });
      await cream.card.locator('[data-testid="card-menu-settings"]').click();
      const page = await opened;
      await page.waitForLoadState();
      assert.equal(new URL(page.url()).pathname, '/options.html');
      await page.close();
    });

    it('"Pause on this site" stops marking the site', async () => {
      await cream.hoverTerm(DETAINER.phrase, DETAINER.term);
      await settledCard(cream);
      await cream.card.locator('[data-testid="card-menu-button"]').click();
      await cream.card.locator('[data-testid="card-menu-pause-site"]').click();
      try {
        await waitUntil(() => markedTexts(cream.page), (texts) => texts.length === 0, { what: 'the marks to go' });
        await cream.waitForCardClosed(3_000);
      } finally {
        await updateSettings(harness, { pausedSites: [] });
      }
      await cream.waitForHighlights(3);
    });
  });
});
