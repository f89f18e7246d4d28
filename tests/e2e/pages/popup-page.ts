import type { Locator, Page } from 'playwright-core';

/** The toolbar popup, opened as a tab with ?tab= so it reports on a chosen page. */
export class PopupPage {
  constructor(readonly page: Page) {}

  static async open(page: Page, popupUrl: string, tabId: number): Promise<PopupPage> {
    await page.goto(`${popupUrl}?tab=${tabId}`, { waitUntil: 'load' });
    return new PopupPage(page);
  }

  get onPageItems(): Locator {
    return this.page.locator('[data-testid="on-page-item"]');
  }

  /** "Context Explainers is off" with its "Turn on" button. */
  get offBanner(): Locator {
    return this.page.locator('[data-testid="off-banner"]');
  }

  get turnOnButton(): Locator {
    return this.page.locator('button[data-testid="turn-on"]');
  }

  get pauseSwitch(): Locator {
    return this.page.locator('input[data-testid="pause-site"]');
  }

  /** "Paused on <site> · Resume". */
  get pausedBanner(): Locator {
    return this.page.locator('[data-testid="paused-banner"]');
  }

  get resumeButton(): Locator {
    return this.page.locator('button[data-testid="resume-site"]');
  }

  get searchInput(): Locator {
    return this.page.locator('input[data-testid="search-input"]');
  }

  get results(): Locator {
    return this.page.locator('[data-testid="search-result"]');
  }

  get selectedResult(): Locator {
    return this.page.locator('[data-testid="search-result"][aria-selected="true"]');
  }

  /** The "On this page" heading. */
  get onPageHeading(): Locator {
    return this.page.locator('section.on-page h2');
  }

  /** The popup document's lang attribute (the language it speaks). */
  documentLanguage(): Promise<string> {
    return this.page.evaluate(() => document.documentElement.lang);
  }

  /** Titles listed under "On this page", each with the lang attribute it is marked with. */
  async onPageTitles(): Promise<{ title: string; lang: string }[]> {
    await this.onPageItems.first().waitFor({ state: 'visible', timeout: 10_000 });
    return this.onPageItems.evaluateAll((items) =>
      items.map((item) => ({
        title: item.querySelector('.on-page-title')?.textContent?.trim() ?? '',
        lang: item.querySelector('.on-page-title')?.closest('[lang]')?.getAttribute('lang') ?? '',
      })),
    );
  }

  async onPageTexts(): Promise<string[]> {
    await this.onPageItems.first().waitFor({ state: 'visible', timeout: 10_000 });
    return this.onPageItems.allInnerTexts();
  }

  /** Types a query and waits until the first result reflects it (results update as you type). */
  async search(query: string, firstResultIncludes: string, timeout = 10_000): Promise<string[]> {
    await this.searchInput.fill(query);
    await this.page.waitForFunction(
      (expected) => document.querySelector('[data-testid="search-result"]')?.textContent?.includes(expected) ?? false,
      firstResultIncludes,
      { timeout },
    );
    return this.results.allInnerTexts();
  }

  /** Text of the selected search result, or '' when none is selected (does not wait). */
  async selectedText(): Promise<string> {
    return (await this.selectedResult.count()) > 0 ? this.selectedResult.first().innerText() : '';
  }

  async matchedLabels(): Promise<string[]> {
    return this.results.locator('[data-testid="search-result-matched"]').allInnerTexts();
  }

  async press(key: string): Promise<void> {
    await this.searchInput.press(key);
  }
}
