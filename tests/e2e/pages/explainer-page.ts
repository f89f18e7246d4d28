import type { Locator, Page } from 'playwright-core';
import type { Box } from './article-page';

export type SectionName = 'happening' | 'stake' | 'matters' | 'facts' | 'timeline' | 'primary' | 'further' | 'related' | 'corrections' | 'notes';

/** The full explainer page (explainer.html#<id>). */
export class ExplainerPage {
  constructor(readonly page: Page) {}

  get title(): Locator {
    return this.page.locator('[data-testid="explainer-title"]');
  }

  get updated(): Locator {
    return this.page.locator('[data-testid="updated"]');
  }

  get chart(): Locator {
    return this.page.locator('figure[data-testid="series-chart"]');
  }

  section(name: SectionName): Locator {
    return this.page.locator(`section[data-section="${name}"]`);
  }

  async waitForTitle(timeout = 10_000): Promise<string> {
    await this.title.waitFor({ state: 'visible', timeout });
    return (await this.title.innerText()).trim();
  }

  /** Text of every section, keyed by name; missing sections are absent from the result. */
  async sectionTexts(names: readonly SectionName[]): Promise<Partial<Record<SectionName, string>>> {
    const texts: Partial<Record<SectionName, string>> = {};
    for (const name of names) {
      const section = this.section(name);
      if ((await section.count()) > 0) texts[name] = (await section.first().innerText()).trim();
    }
    return texts;
  }

  /** Every link on the page that leaves the extension, with its attributes. */
  async externalLinks(): Promise<{ href: string; rel: string; target: string }[]> {
    return this.page.locator('a[href^="http"]').evaluateAll((links) =>
      links.map((link) => ({
        href: link.getAttribute('href') ?? '',
        rel: link.getAttribute('rel') ?? '',
        target: link.getAttribute('target') ?? '',
      })),
    );
  }

  /** Computed font size (px) of the first paragraph of a section's body text. */
  async paragraphFontSize(name: SectionName): Promise<number> {
    return this.section(name)
      .locator('p')
      .first()
      .evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
  }

  /**
   * Every element (SVG text included) holding visible text of its own, with its computed font size,
   * smallest first: what the reader actually has to read.
   */
  async textSizes(): Promise<{ size: number; tag: string; className: string; text: string }[]> {
    return this.page.evaluate(() => {
      const found: { size: number; tag: string; className: string; text: string }[] = [];
      for (const element of document.body.querySelectorAll('*')) {
        const own = [...element.childNodes]
          .filter((node) => node.nodeType === Node.TEXT_NODE)
          .map((node) => node.textContent ?? '')
          .join('')
          .trim();
        if (!own) continue;
        const rects = element.getClientRects();
        if (rects.length === 0 || [...rects].every((rect) => rect.width === 0 || rect.height === 0)) continue;
        const style = getComputedStyle(element);
        if (style.visibility === 'hidden') continue;
        // Screen-reader-only text is clipped to 1 px; its size is no one's reading size.
        if (style.clipPath === 'inset(50%)') continue;
        const className = element.getAttribute('class') ?? '';
        found.push({ size: parseFloat(style.fontSize), tag: element.tagName.toLowerCase(), className, text: own.slice(0, 40) });
      }
      return found.sort((a, b) => a.size - b.size);
    });
  }

  get reviewed(): Locator {
    return this.page.locator('[data-testid="reviewed"]');
  }

  get tocLinks(): Locator {
    return this.page.locator('nav[data-testid="toc"] a[data-testid="toc-link"]');
  }

  /** Every text label of every chart, with its box and the chart's, in CSS px, and its rendered font size. */
  async chartLabels(): Promise<{ chart: number; text: string; kind: string; box: Box; svg: Box; renderedSize: number }[]> {
    return this.page.locator('figure[data-testid="series-chart"] svg').evaluateAll((svgs) =>
      svgs.flatMap((svg, chart) => {
        const toBox = (rect: DOMRect) => ({ left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom });
        const frame = svg.getBoundingClientRect();
        // What one viewBox unit is on screen: text is drawn at its font size times this.
        const scale = frame.width / (svg as SVGSVGElement).viewBox.baseVal.width;
        return [...svg.querySelectorAll('text')].map((text) => ({
          chart,
          text: text.textContent ?? '',
          kind: text.getAttribute('data-chart-label') ?? '',
          box: toBox(text.getBoundingClientRect()),
          svg: toBox(frame),
          renderedSize: parseFloat(getComputedStyle(text).fontSize) * scale,
        }));
      }),
    );
  }

  /** How far the document is wider than the viewport (0 when it does not scroll sideways). */
  async horizontalOverflow(): Promise<number> {
    return this.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  }

  /** Where an element is, relative to the viewport. */
  async box(locator: Locator): Promise<Box> {
    return locator.evaluate((element) => {
      const rect = element.getBoundingClientRect();
      return { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom };
    });
  }
}

