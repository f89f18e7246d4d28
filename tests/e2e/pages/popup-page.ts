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

  /** "This page can't be read by extensions". */
  get unreadableBanner(): Locator {
    return this.page.locator('[data-testid="unreadable-page"]');
  }

  /** "No explainer topics were found on this page." */
  get emptyMessage(): Locator {
    return this.page.locator('[data-testid="on-page-empty"]');
  }

  get suggestions(): Locator {
    return this.page.locator('button[data-testid="suggestion"]');
  }

  get onPageCounts(): Locator {
    return this.page.locator('[data-testid="on-page-count"]');
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

  /** Whether the page scrolls sideways (it must not, down to 320 px). */
  horizontalOverflow(): Promise<number> {
    return this.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  }

  /**
   * Tabs through every focusable control, from the top, until focus comes back around, and for each
   * reports where its focus ring is drawn (outline box) against every box that clips it: each
   * ancestor that scrolls or hides overflow, and the viewport. Controls with no ring are reported too.
   */
  async focusRings(maxStops = 60): Promise<FocusRing[]> {
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const rings: FocusRing[] = [];
    const seen = new Set<string>();
    for (let stop = 0; stop < maxStops; stop++) {
      await this.page.keyboard.press('Tab');
      const ring = await this.page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element || element === document.body) return null;
        const index = [...document.querySelectorAll('*')].indexOf(element);
        const style = getComputedStyle(element);
        const width = style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth);
        const grow = width === 0 ? 0 : width + parseFloat(style.outlineOffset);
        const rect = element.getBoundingClientRect();
        const ring = { left: rect.left - grow, top: rect.top - grow, right: rect.right + grow, bottom: rect.bottom + grow };
        const clips: { what: string; left: number; top: number; right: number; bottom: number }[] = [
          { what: 'viewport', left: 0, top: 0, right: document.documentElement.clientWidth, bottom: document.documentElement.clientHeight },
        ];
        for (let parent = element.parentElement; parent && parent !== document.body && parent !== document.documentElement; parent = parent.parentElement) {
          const parentStyle = getComputedStyle(parent);
          if (parentStyle.overflowX === 'visible' && parentStyle.overflowY === 'visible') continue;
          const box = parent.getBoundingClientRect();
          clips.push({
            what: `${parent.localName}.${[...parent.classList].join('.')}`,
            left: box.left + parent.clientLeft,
            top: box.top + parent.clientTop,
            right: box.left + parent.clientLeft + parent.clientWidth,
            bottom: box.top + parent.clientTop + parent.clientHeight,
          });
        }
        const name = `${element.localName}${element.dataset.testid ? `[${element.dataset.testid}]` : ''} "${(element.textContent ?? '').trim().slice(0, 30)}"`;
        return { key: `${index}`, name, hasRing: width > 0 || style.boxShadow !== 'none', ring, clips };
      });
      if (!ring || seen.has(ring.key)) break;
      seen.add(ring.key);
      rings.push(ring);
    }
    return rings;
  }
}

export interface FocusRing {
  key: string;
  name: string;
  hasRing: boolean;
  ring: { left: number; top: number; right: number; bottom: number };
  clips: { what: string; left: number; top: number; right: number; bottom: number }[];
}
