import type { Locator, Page } from 'playwright-core';
import { HIGHLIGHT_NAME, SCAN_MEASURE, SHADOW_HOST_TAG } from '../../../lib/dom/constants';
import { markupUnchanged, readMutationLog } from '../mutation-recorder';

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Where keyboard focus is: the page's active element, and whether it sits inside our card. */
export interface FocusState {
  /** Lower-case tag name (plus #id) of document.activeElement, or '' when nothing is focused. */
  active: string;
  /** Its text, trimmed, at most 40 characters. */
  text: string;
  /** document.activeElement is our shadow host and its shadowRoot.activeElement is inside the card. */
  insideCard: boolean;
}

/** Computed motion of the card and everything in it. */
export interface CardMotion {
  /** Longest animation-duration / transition-duration (seconds) of the card itself. */
  cardAnimationName: string;
  cardAnimationSeconds: number;
  /** Longest animation or transition duration over the card and all its descendants, in seconds. */
  longestSeconds: number;
}

/** Timestamps (page clock, ms) of the pointer first reaching a box and of the card next appearing. */
export interface OpenTiming {
  arrived: number | null;
  opened: number | null;
  now: number;
}

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
   * Texts of highlighted ranges that overlap any occurrence of `phrase` (which must sit inside one
   * text node), or null when the phrase is not on the page at all.
   */
  highlightsOverlapping(phrase: string): Promise<string[] | null> {
    return this.page.evaluate(
      ({ name, phrase }) => {
        const ranges = [...(CSS.highlights.get(name) ?? [])].map((abstract) => {
          const range = document.createRange();
          range.setStart(abstract.startContainer, abstract.startOffset);
          range.setEnd(abstract.endContainer, abstract.endOffset);
          return range;
        });
        let found = false;
        const overlapping: string[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? '';
          for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
            found = true;
            const occurrence = document.createRange();
            occurrence.setStart(node, at);
            occurrence.setEnd(node, at + phrase.length);
            for (const range of ranges) {
              // Overlap: the mark starts before the phrase ends and ends after the phrase starts.
              // (END_TO_START compares this range's start with the other's end; START_TO_END the reverse.)
              const startsBefore = range.compareBoundaryPoints(Range.END_TO_START, occurrence) < 0;
              const endsAfter = range.compareBoundaryPoints(Range.START_TO_END, occurrence) > 0;
              if (startsBefore && endsAfter) overlapping.push(range.toString());
            }
          }
        }
        return found ? overlapping : null;
      },
      { name: HIGHLIGHT_NAME, phrase },
    );
  }

  /**
   * Viewport centre of `term` where it occurs inside the first text node containing `phrase`
   * (scrolled into view first), found with a Range so the page is never touched.
   */
  async termPoint(phrase: string, term: string): Promise<{ x: number; y: number }> {
    const box = await this.termRect(phrase, term, { scroll: true });
    if (!box) throw new Error(`"${phrase}" is not on the page`);
    return { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 };
  }

  /**
   * Viewport rectangle of `term` inside the first text node containing `phrase` (null when the
   * phrase is not on the page); it scrolls that text into view only when asked.
   */
  termRect(phrase: string, term: string, { scroll = false } = {}): Promise<Box | null> {
    return this.page.evaluate(
      ({ phrase, term, scroll }) => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? '';
          const at = text.indexOf(phrase);
          if (at < 0) continue;
          const start = at + phrase.indexOf(term);
          const range = document.createRange();
          range.setStart(node, start);
          range.setEnd(node, start + term.length);
          if (scroll) node.parentElement?.scrollIntoView({ block: 'center' });
          const { left, top, right, bottom } = range.getBoundingClientRect();
          return { left, top, right, bottom };
        }
        return null;
      },
      { phrase, term, scroll },
    );
  }

  /**
   * Viewport rectangle of the first highlighted range in document order whose text is one of
   * `texts` (case-insensitive), without scrolling; null when none is highlighted.
   */
  firstHighlightRect(texts: readonly string[]): Promise<(Box & { text: string }) | null> {
    return this.page.evaluate(
      ({ name, texts }) => {
        const wanted = new Set(texts.map((text) => text.toLowerCase()));
        const ranges = [...(CSS.highlights.get(name) ?? [])].map((abstract) => {
          const range = document.createRange();
          range.setStart(abstract.startContainer, abstract.startOffset);
          range.setEnd(abstract.endContainer, abstract.endOffset);
          return range;
        });
        ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
        const first = ranges.find((range) => wanted.has(range.toString().toLowerCase()));
        if (!first) return null;
        const { left, top, right, bottom } = first.getBoundingClientRect();
        return { text: first.toString(), left, top, right, bottom };
      },
      { name: HIGHLIGHT_NAME, texts: [...texts] },
    );
  }

  /** The layout viewport, without scrollbars. */
  viewport(): Promise<{ width: number; height: number }> {
    return this.page.evaluate(() => ({ width: document.documentElement.clientWidth, height: document.documentElement.clientHeight }));
  }

  scrollTo(y: number): Promise<void> {
    return this.page.evaluate((top) => window.scrollTo({ top, behavior: 'instant' }), y);
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

  get cardSummary(): Locator {
    return this.card.locator('[data-testid="card-summary"]');
  }

  /** "Not yet available in …; shown in …", when the card's text is not in the language the reader wants. */
  get cardTranslationNote(): Locator {
    return this.card.locator('[data-testid="card-translation-note"]');
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

  async isCardOpen(): Promise<boolean> {
    return (await this.card.count()) > 0 && this.card.isVisible();
  }

  /** The card's box in viewport coordinates, or null when it is not shown. */
  async cardBox(): Promise<Box | null> {
    if ((await this.card.count()) === 0) return null;
    const box = await this.card.boundingBox();
    return box && { left: box.x, top: box.y, right: box.x + box.width, bottom: box.y + box.height };
  }

  /**
   * The open card's fixed parts as boxes (header, "Read the full explainer" link) and whether its
   * body is the part that scrolls when the content does not fit.
   */
  cardFit(): Promise<{ head: Box | null; fullLink: Box | null; bodyOverflows: boolean; bodyScrolls: boolean }> {
    return this.card.evaluate((card) => {
      const box = (element: Element | null) => {
        if (!element) return null;
        const rect = element.getBoundingClientRect();
        return { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom };
      };
      const body = card.querySelector('.ce-body');
      return {
        head: box(card.querySelector('.ce-head')),
        fullLink: box(card.querySelector('[data-testid="card-full-link"]')),
        bodyOverflows: body ? body.scrollHeight > body.clientHeight + 1 : false,
        bodyScrolls: body ? ['auto', 'scroll'].includes(getComputedStyle(body).overflowY) : false,
      };
    });
  }

  focusState(): Promise<FocusState> {
    return this.page.evaluate((hostTag) => {
      const active = document.activeElement;
      const describe = (element: Element | null) => (element ? element.tagName.toLowerCase() + (element.id ? `#${element.id}` : '') : '');
      const isHost = active?.tagName.toLowerCase() === hostTag;
      const inner = isHost ? active.shadowRoot?.activeElement ?? null : null;
      return {
        active: describe(active),
        text: (active?.textContent ?? '').trim().slice(0, 40),
        insideCard: Boolean(inner?.closest('[data-testid="explainer-card"]')),
      };
    }, SHADOW_HOST_TAG);
  }

  /** Durations of `explainers:scan` measures in the page's performance timeline. */
  scanMeasures(): Promise<number[]> {
    return this.page.evaluate((name) => performance.getEntriesByName(name, 'measure').map((entry) => entry.duration), SCAN_MEASURE);
  }

  cardMotion(): Promise<CardMotion> {
    return this.card.evaluate((card) => {
      const seconds = (list: string) => Math.max(0, ...list.split(',').map((part) => (part.trim().endsWith('ms') ? parseFloat(part) / 1000 : parseFloat(part)) || 0));
      const own = getComputedStyle(card);
      let longest = 0;
      for (const element of [card, ...card.querySelectorAll('*')]) {
        for (const pseudo of [null, '::before', '::after']) {
          const style = getComputedStyle(element, pseudo);
          const animated = style.animationName.split(',').some((name) => name.trim() !== 'none');
          if (animated) longest = Math.max(longest, seconds(style.animationDuration));
          longest = Math.max(longest, seconds(style.transitionDuration));
        }
      }
      return { cardAnimationName: own.animationName, cardAnimationSeconds: seconds(own.animationDuration), longestSeconds: longest };
    });
  }

  /**
   * Starts recording, on the page's clock, when the pointer first moves inside `box` and when the
   * card next appears in our shadow root (needs the host mounted: open a card once first).
   */
  async watchOpening(box: Box): Promise<void> {
    await this.page.evaluate(
      ({ box, hostTag }) => {
        const root = document.querySelector(hostTag)?.shadowRoot;
        if (!root) throw new Error('the card host is not mounted yet');
        const probe: { arrived: number | null; opened: number | null; stop(): void } = { arrived: null, opened: null, stop() {} };
        const onMove = (event: PointerEvent) => {
          const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
          if (inside && probe.arrived === null) probe.arrived = event.timeStamp;
        };
        const observer = new MutationObserver(() => {
          if (probe.opened === null && root.querySelector('[data-testid="explainer-card"]')) probe.opened = performance.now();
        });
        observer.observe(root, { subtree: true, childList: true, attributes: true });
        document.addEventListener('pointermove', onMove, true);
        probe.stop = () => {
          observer.disconnect();
          document.removeEventListener('pointermove', onMove, true);
        };
        (window as unknown as { __openProbe?: typeof probe }).__openProbe?.stop();
        (window as unknown as { __openProbe?: typeof probe }).__openProbe = probe;
      },
      { box, hostTag: SHADOW_HOST_TAG },
    );
  }

  openTiming(): Promise<OpenTiming> {
    return this.page.evaluate(() => {
      const probe = (window as unknown as { __openProbe?: { arrived: number | null; opened: number | null } }).__openProbe;
      return { arrived: probe?.arrived ?? null, opened: probe?.opened ?? null, now: performance.now() };
    });
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
