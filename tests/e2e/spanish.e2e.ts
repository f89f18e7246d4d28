/**
 * Spanish end to end in Chromium: a Spanish article (`<html lang="es">`) is marked from the pack's
 * Spanish terms, its card speaks Spanish whatever the browser's language, and under a Spanish browser
 * (`--lang=es`) the popup, the search, the explainer page and the options page do too. Expected
 * titles and strings come from the built pack and the messages files, never typed in here.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchExtension, REPO_ROOT, tabIdFor, updateSettings, waitUntil, type ExtensionHarness } from './harness';
import { ArticlePage } from './pages/article-page';
import { ExplainerPage } from './pages/explainer-page';
import { OptionsPage } from './pages/options-page';
import { PopupPage } from './pages/popup-page';

type Messages = Record<string, { message: string }>;
const messages = (locale: string): Messages =>
  JSON.parse(readFileSync(path.join(REPO_ROOT, 'public/_locales', locale, 'messages.json'), 'utf8')) as Messages;
const ES = messages('es');
const EN = messages('en');

const ARTICLE = 'es/articulo.html';
/** Topics the article names, each in the words Spanish outlets use. */
const NAMED = ['ice', 'immigration-detainer', 'sanctuary-jurisdictions', 'tps'] as const;
/** At the start of its paragraph, so the term never wraps across two lines under the pointer. */
const SANCTUARY_PHRASE = 'Ciudades santuario como Chicago';
const SANCTUARY_TERM = 'Ciudades santuario';

function spanishTitle(harness: ExtensionHarness, id: string): string {
  const title = harness.explainer(id).translations?.es?.title;
  assert.ok(title, `the bundled pack has no Spanish title for ${id}`);
  return title;
}

describe('Spanish article in an English browser (Chromium)', () => {
  let harness: ExtensionHarness;
  let article: ArticlePage;

  before(async () => {
    harness = await launchExtension();
    article = await ArticlePage.open(await harness.context.newPage(), harness.server.url(ARTICLE));
  });

  after(async () => {
    await harness?.close();
  });

  it('marks ICE, 287(g), the detainer, ciudades santuario and TPS, and neither the church sanctuary nor a criminal warrant', async () => {
    const highlights = await article.waitForHighlights(5);
    const texts = highlights.map((highlight) => highlight.text.toLowerCase());
    for (const expected of ['ice', '287(g)', 'orden de retención', 'ciudades santuario']) {
      assert.ok(texts.some((text) => text.includes(expected)), `no highlight contains "${expected}": ${JSON.stringify(texts)}`);
    }
    // TPS's section shows one mark: the heading's "TPS" when the sense model takes it, else the full name below it.
    assert.ok(
      texts.some((text) => text === 'tps' || text.includes('protección temporal')),
      `no highlight for TPS: ${JSON.stringify(texts)}`,
    );
    assert.deepEqual(await article.highlightsInside('#church'), [], '"santuario" of a church was marked');
    assert.deepEqual(await article.highlightsInside('#warrant'), [], 'an ordinary "orden de detención" was marked');
  });

  it('opens the card in Spanish on a Spanish page, though the browser speaks English', async () => {
    await article.hoverTerm(SANCTUARY_PHRASE, SANCTUARY_TERM);
    assert.equal((await article.cardTitle.innerText()).trim(), spanishTitle(harness, 'sanctuary-jurisdictions'));
    assert.equal(await article.card.getAttribute('lang'), 'es');
    assert.equal(await article.cardTitle.getAttribute('lang'), 'es');
    assert.equal((await article.cardSummary.innerText()).trim(), harness.explainer('sanctuary-jurisdictions').translations?.es?.summary);
    assert.match(await article.cardFullLink.innerText(), new RegExp(ES.readFullExplainer!.message));
    assert.equal(await article.cardTranslationNote.count(), 0, 'a translated explainer carries a "not yet available" note');
  });

  it('closes the card on Escape', async () => {
    assert.ok(await article.isCardOpen(), 'the previous step left no open card to close');
    await article.pressEscape();
    await article.waitForCardClosed();
  });

  it('shows the English card on the same page once the reader chooses English, without a reload', async () => {
    await updateSettings(harness, { explainerLanguage: 'en' });
    const english = harness.explainer('sanctuary-jurisdictions').title;
    // The tab hears of the change through storage events; until then a hover still shows Spanish.
    await waitUntil(
      async () => {
        await article.hoverTerm(SANCTUARY_PHRASE, SANCTUARY_TERM);
        const title = (await article.cardTitle.innerText()).trim();
        if (title !== english) {
          await article.pressEscape();
          await article.waitForCardClosed();
        }
        return title;
      },
      (title) => title === english,
      { what: `the card titled "${english}"` },
    );
    assert.equal(await article.card.getAttribute('lang'), 'en');
    assert.match(await article.cardFullLink.innerText(), new RegExp(EN.readFullExplainer!.message));
    await article.pressEscape();
    await article.waitForCardClosed();
    await updateSettings(harness, { explainerLanguage: 'auto' });
  });
});

describe('Spanish browser (Chromium --lang=es)', () => {
  let harness: ExtensionHarness;
  let tabId: number;
  let popup: PopupPage;

  before(async () => {
    harness = await launchExtension({ uiLanguage: 'es' });
    const url = harness.server.url(ARTICLE);
    const article = await ArticlePage.open(await harness.context.newPage(), url);
    await article.waitForHighlights(5);
    tabId = await tabIdFor(harness, url);
  });

  after(async () => {
    await harness?.close();
  });

  it("lists the page's explainers in Spanish under a Spanish heading, each title marked lang=es", async () => {
    popup = await PopupPage.open(await harness.context.newPage(), harness.extensionUrl('popup.html'), tabId);
    const listed = await popup.onPageTitles();
    const titles = listed.map((item) => item.title);
    for (const id of NAMED) {
      assert.ok(titles.includes(spanishTitle(harness, id)), `${id}: "${spanishTitle(harness, id)}" not among ${JSON.stringify(titles)}`);
      assert.ok(!titles.includes(harness.explainer(id).title), `${id} listed under its English title`);
    }
    assert.deepEqual(
      listed.filter((item) => item.lang !== 'es'),
      [],
      'titles not marked as Spanish',
    );
    // textContent: the heading is upper-cased by CSS, which innerText would report.
    assert.equal((await popup.onPageHeading.textContent())?.trim(), ES.onThisPage!.message);
    assert.equal(await popup.documentLanguage(), 'es');
  });

  for (const [query, id] of [
    ['ciudades santuario', 'sanctuary-jurisdictions'],
    ['orden de retencion', 'immigration-detainer'],
    ['tepesiano', 'tps'],
  ] as const) {
    it(`finds ${id} first for the Spanish search "${query}", titled in Spanish`, async () => {
      const title = spanishTitle(harness, id);
      const results = await popup.search(query, title);
      assert.ok(results[0]?.startsWith(title), `first result for "${query}": ${JSON.stringify(results[0])}`);
    });
  }

  it('shows the full explainer page in Spanish: title, section headings, date in Spanish', async () => {
    const page = new ExplainerPage(await harness.context.newPage());
    await page.page.goto(harness.extensionUrl('explainer.html#tps'));
    assert.equal(await page.waitForTitle(), spanishTitle(harness, 'tps'));
    assert.equal(await page.page.evaluate(() => document.documentElement.lang), 'es');
    const heading = await page.section('happening').locator('h2').innerText();
    assert.equal(heading.trim(), ES.sectionHappening!.message);
    const happening = await page.section('happening').innerText();
    assert.ok(!happening.includes(EN.sectionHappening!.message), 'English section heading on the Spanish page');
    // "Actualizado: 5 dic 2026": the Spanish label and a Spanish month, formatted by Intl in Spanish.
    const updated = (await page.updated.innerText()).trim();
    const prefix = ES.updatedOn!.message.replace('$DATE$', '');
    assert.ok(updated.startsWith(prefix), `updated line: ${updated}`);
    const spanishMonths = Array.from({ length: 12 }, (_, month) =>
      new Intl.DateTimeFormat('es', { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, month, 15))).replace('.', ''),
    );
    assert.ok(spanishMonths.some((month) => updated.toLowerCase().includes(month)), `no Spanish month in "${updated}"`);
  });

  it('shows the options page in Spanish, with the explainer language set to match the page', async () => {
    const options = await OptionsPage.open(await harness.context.newPage(), harness.extensionUrl('options.html'));
    assert.equal(await options.page.evaluate(() => document.documentElement.lang), 'es');
    assert.equal((await options.page.locator('#settings-heading').innerText()).trim(), ES.optionsSettingsHeading!.message);
    assert.equal(await options.setting('explainer-language').inputValue(), 'auto');
    const choices = await options.setting('explainer-language').locator('option').allInnerTexts();
    assert.deepEqual(choices, [ES.optionsLanguageAuto!.message, ES.optionsLanguageEnglish!.message, ES.optionsLanguageSpanish!.message]);
    assert.ok(await options.category('Agencies').isVisible());
    const categories = await options.page.locator('label.field--check:has(input[data-testid="setting-category"])').allInnerTexts();
    assert.ok(categories.map((text) => text.trim()).includes(ES.categoryAgencies!.message), `categories: ${JSON.stringify(categories)}`);
  });
});
