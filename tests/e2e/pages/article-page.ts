import type { Locator, Page } from 'playwright-core';
import { HIGHLIGHT_NAME, SHADOW_HOST_TAG } from '../../../lib/dom/constants';
import { markupUnchanged, readMutationLog } from '../mutation-recorder';

export interface HighlightedText {
  text: string;
  /** CSS-ish path of the element holding the range start, for failure messages. */
  where: string;
}

/** A web page as a reader sees it with the extension running: highlights, hover card, keyboard. */
export class ArticlePage {
  constructor(readonly page: Page) {}

  static async open(page: Page, url: string): Promise<ArticlePage> {
    await page.goto(url, { waitUntil: 'load' });
    return new ArticlePage(page);
  }

  /** Ranges in our highlight, read through the page's shared registry. */
  highlighted(): Promise<HighlightedText[]> {
    return this.page.evaluate((name) => {
      const highlight = CSS.highlights.get(name);
      if (!highlight) return [];
      const describe = (node: Node | null): string => {
        const parts: string[] = [];
        for (let element = node instanceof Element ? node : node?.parentElement ?? null; element; element = element.parentElement) {
          parts.unshift(element.tagName.toLowerCase() + (element.id ? `#${element.id}` : ''));
        }
        return parts.join(' > ');
      };
      return [...highlight].map((range) => {
        // Highlights may hold StaticRanges, which have no toString.
        const live = document.createRange();
        live.setStart(range.startContainer, range.startOffset);
        live.setEnd(range.endContainer, range.endOffset);
        return { text: live.toString(), where: describe(range.startContainer) };
      });
    }, HIGHLIGHT_NAME);
  }

  async waitForHighlights(minimum: number, timeout = 15_000): Promise<HighlightedText[]> {
    await this.page.waitForFunction(
      ({ name, minimum }) => (CSS.highlights.get(name)?.size ?? 0) >= minimum,
      { name: HIGHLIGHT_NAME, minimum },
      { timeout },
    );
    return this.highlighted();
  }

  /** Highlighted ranges that start or end inside any element matching `selector`. */
  highlightsInside(selector: string): Promise<string[]> {
    return this.page.evaluate(
      ({ name, selector }) => {
        const highlight = CSS.highlights.get(name);
        if (!highlight) return [];
        const inside = (node: Node) => {
          const element = node instanceof Element ? node : node.parentElement;
          return Boolean(element?.closest(selector));
        };
        return [...highlight]
          .filter((range) => inside(range.startContainer) || inside(range.endContainer))
          .map((range) => `${range.startContainer.textContent?.slice(range.startOffset, range.startOffset + 30)}`);
      },
      { name: HIGHLIGHT_NAME, selector },
    );
  }

  /**
   * Viewport centre of `term` where it occurs inside the first text node containing `phrase`
   * (scrolled into view first), found with a Range so the page is never touched.
   */
  async termPoint(phrase: string, term: string): Promise<{ x: number; y: number }> {
    const point = await this.page.evaluate(
      ({ phrase, term }) => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? '';
          const at = text.indexOf(phrase);
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
      { phrase, term },
    );
    if (!point) throw new Error(`"${phrase}" is not on the page`);
    return point;
  }

  /** Moves the pointer onto `term` (inside `phrase`) and waits for the hover card. */
  async hoverTerm(phrase: string, term: string): Promise<void> {
    await this.page.mouse.move(5, 5);
    const { x, y } = await this.termPoint(phrase, term);
    await this.page.mouse.move(x - 2, y, { steps: 2 });
    await this.page.mouse.move(x, y, { steps: 2 });
    await this.card.waitFor({ state: 'visible', timeout: 10_000 });
  }

  /** Our shadow host; Playwright locators pierce open shadow roots. */
  get host(): Locator {
    return this.page.locator(SHADOW_HOST_TAG);
  }

  get card(): Locator {
    return this.page.locator('[data-testid="explainer-card"]');
  }

  get cardTitle(): Locator {
    return this.card.locator('[data-testid="card-title"]');
  }

  get cardFacts(): Locator {
    return this.card.locator('li[data-testid="card-fact"]');
  }

  get cardSources(): Locator {
    return this.card.locator('a[data-testid="card-source"]');
  }

  get cardFullLink(): Locator {
    return this.card.locator('a[data-testid="card-full-link"]');
  }

  async sourceLinks(): Promise<{ href: string; rel: string; target: string }[]> {
    return this.cardSources.evaluateAll((links) =>
      links.map((link) => ({
        href: (link as HTMLAnchorElement).href,
        rel: link.getAttribute('rel') ?? '',
        target: link.getAttribute('target') ?? '',
      })),
    );
  }

  async pressEscape(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }

  async waitForCardClosed(timeout = 3_000): Promise<void> {
    await this.card.waitFor({ state: 'hidden', timeout });
  }

  mutationLog(): Promise<string[]> {
    return readMutationLog(this.page);
  }

  markupUnchanged(): Promise<boolean> {
    return markupUnchanged(this.page);
  }
}
