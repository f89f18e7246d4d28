import { setTimeout as sleep } from 'node:timers/promises';
import type { CDPSession, Page } from 'playwright-core';
import { SHADOW_HOST_TAG } from '../../../lib/dom/constants';
import { ArticlePage, type Box } from './article-page';

/** Something to tap in the card, with its size. */
export interface TapTarget {
  what: string;
  width: number;
  height: number;
}

/** What the page saw of the reader's touches, recorded by `recordTouches` at the window (bubble phase). */
export interface TouchRecord {
  touchstarts: number;
  /** touchstart events whose default someone prevented (ours must never). */
  touchstartsPrevented: number;
  clicks: number;
}

/** An article read on a touch screen: taps and swipes through the DevTools protocol's touch input. */
export class TouchArticlePage extends ArticlePage {
  private cdp: CDPSession | null = null;

  static override async open(page: Page, url: string): Promise<TouchArticlePage> {
    await page.goto(url, { waitUntil: 'load' });
    return new TouchArticlePage(page);
  }

  /** Taps the middle of `term` inside `phrase` (scrolled into view first). */
  async tapTerm(phrase: string, term: string): Promise<Box> {
    const { x, y } = await this.termPoint(phrase, term);
    await this.page.touchscreen.tap(x, y);
    return (await this.termRect(phrase, term))!;
  }

  tapAt(x: number, y: number): Promise<void> {
    return this.page.touchscreen.tap(x, y);
  }

  /**
   * A finger drag of `distance` px upwards starting at (x, y), in 60 Hz steps, which the browser turns
   * into a scroll (and a pointercancel for the page), like a reader flicking through the article.
   * (Input.synthesizeScrollGesture does not scroll a headless page; raw touch events do.)
   */
  async swipeUp(x: number, y: number, distance: number, steps = 8): Promise<void> {
    this.cdp ??= await this.page.context().newCDPSession(this.page);
    await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
    for (let step = 1; step <= steps; step++) {
      await sleep(16);
      await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y - (distance * step) / steps }] });
    }
    await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  }

  scrollY(): Promise<number> {
    return this.page.evaluate(() => window.scrollY);
  }

  /** Starts counting touchstarts (and prevented ones) and clicks as the page sees them. */
  recordTouches(): Promise<void> {
    return this.page.evaluate(() => {
      const record = { touchstarts: 0, touchstartsPrevented: 0, clicks: 0 };
      (window as unknown as { __touches: typeof record }).__touches = record;
      window.addEventListener('touchstart', (event) => {
        record.touchstarts++;
        if (event.defaultPrevented) record.touchstartsPrevented++;
      });
      window.addEventListener('click', () => record.clicks++);
    });
  }

  touches(): Promise<TouchRecord> {
    return this.page.evaluate(() => (window as unknown as { __touches: TouchRecord }).__touches);
  }

  /** How the card is laid out: as a sheet (and on which side) or as a popover. */
  cardLayout(): Promise<{ sheet: boolean; side: string | null }> {
    return this.page.evaluate((hostTag) => {
      // The card renders into a view element inside the floating one (which also holds its arrow).
      const floating = document.querySelector(hostTag)?.shadowRoot?.querySelector('[data-testid="explainer-card"]')?.parentElement?.parentElement;
      return { sheet: floating?.classList.contains('ce-sheet') ?? false, side: floating?.getAttribute('data-side') ?? null };
    }, SHADOW_HOST_TAG);
  }

  /** Every button and link in the card with its rendered size. */
  tapTargets(): Promise<TapTarget[]> {
    return this.card.evaluate((card) =>
      [...card.querySelectorAll('a[href], button, [role="button"], input, select, textarea')].map((element) => {
        const { width, height } = element.getBoundingClientRect();
        const label = element.getAttribute('aria-label') ?? element.textContent?.trim().slice(0, 30) ?? '';
        return { what: `${element.tagName.toLowerCase()} "${label}"`, width, height };
      }),
    );
  }

  get cardOpenLink() {
    return this.card.locator('a[data-testid="card-open-link"]');
  }

  async close(): Promise<void> {
    await this.cdp?.detach().catch(() => undefined);
    this.cdp = null;
  }
}
