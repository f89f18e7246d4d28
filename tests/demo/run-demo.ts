/**
 * `npm run demo`: the built extension on the demo article. Saves screenshots of the page with its
 * marks, the hover card, the popup (with a search) and the full explainer page to .output/demo/, and
 * prints what the extension detected. With a DISPLAY the browser is headed and stays open until Ctrl+C.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PageExplainer } from '../../lib/messages';
import { SHADOW_HOST_TAG } from '../../lib/dom/constants';
import { launchExtension, REPO_ROOT, tabIdFor, waitUntil, badgeText } from '../e2e/harness';
import { ArticlePage } from '../e2e/pages/article-page';
import { ExplainerPage } from '../e2e/pages/explainer-page';
import { PopupPage } from '../e2e/pages/popup-page';

const OUT_DIR = path.join(REPO_ROOT, '.output/demo');
const HOVER_PHRASE = 'known simply as 287(g) among sheriffs';
const SEARCH_QUERY = 'sanctuery';

declare const chrome: { runtime: { sendMessage(message: object): Promise<unknown> } };

async function main(): Promise<void> {
  const headed = Boolean(process.env.DISPLAY);
  mkdirSync(OUT_DIR, { recursive: true });
  const harness = await launchExtension({ headless: !headed });
  const shot = (name: string) => path.join(OUT_DIR, name);
  try {
    const articleUrl = harness.server.url('demo/article.html');
    console.log(`Demo article: ${articleUrl}`);
    console.log(`Extension id: ${harness.extensionId}`);
    const article = await ArticlePage.open(await harness.context.newPage(), articleUrl);
    const marks = await article.waitForHighlights(1);
    await article.page.screenshot({ path: shot('article.png') });

    await article.hoverTerm(HOVER_PHRASE, '287(g)');
    await article.page.waitForTimeout(300); // let the card finish its entrance transition
    await article.page.screenshot({ path: shot('hover-card.png') });
    await article.card.screenshot({ path: shot('hover-card-closeup.png') });
    const cardTitle = (await article.cardTitle.innerText()).trim();
    await article.pressEscape();

    const tabId = await tabIdFor(harness, articleUrl);
    const badge = await waitUntil(() => badgeText(harness, tabId), (text) => text !== '', { what: 'the badge' }).catch(() => '');

    const popupTab = await harness.context.newPage();
    // The popup's own width (it adapts from 320 px) and a browser popup's greatest height.
    await popupTab.setViewportSize({ width: 360, height: 600 });
    const popup = await PopupPage.open(popupTab, harness.extensionUrl('popup.html'), tabId);
    const onPage = (await popupTab.evaluate(
      (id) => chrome.runtime.sendMessage({ type: 'getPageExplainers', tabId: id }),
      tabId,
    )) as PageExplainer[];
    await popup.onPageTexts().catch(() => []);
    // The popup itself, as tall as its content, as the browser would size it.
    await popupTab.locator('main').screenshot({ path: shot('popup.png') });
    const results = await popup.search(SEARCH_QUERY, '').catch(() => [] as string[]);
    await popupTab.locator('main').screenshot({ path: shot('popup-search.png') });

    const explainerTab = await harness.context.newPage();
    await explainerTab.goto(harness.extensionUrl('explainer.html#287g-program'));
    const explainer = new ExplainerPage(explainerTab);
    await explainer.waitForTitle();
    await explainerTab.screenshot({ path: shot('explainer.png'), fullPage: true });

    console.log(`\nMarked on the page: ${marks.length} highlight range(s); badge "${badge}"`);
    console.log('Detected explainers (getPageExplainers):');
    for (const item of onPage) console.log(`  ${String(item.count).padStart(3)} × ${item.title}  [${item.id}]`);
    console.log(`\nHover card on "287(g)": ${cardTitle}`);
    console.log(`Search "${SEARCH_QUERY}": ${results.slice(0, 3).map((text) => text.replace(/\s+/g, ' ')).join(' | ')}`);
    console.log(`\nScreenshots in ${path.relative(process.cwd(), OUT_DIR)}/: article.png hover-card.png hover-card-closeup.png popup.png popup-search.png explainer.png`);
    console.log(`(${SHADOW_HOST_TAG} is the only element the extension adds to a page.)`);

    if (headed) {
      console.log('\nBrowser left open; press Ctrl+C to quit.');
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    }
  } finally {
    await harness.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
