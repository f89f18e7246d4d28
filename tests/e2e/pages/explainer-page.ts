import type { Locator, Page } from 'playwright-core';

export type SectionName = 'happening' | 'stake' | 'matters' | 'facts' | 'timeline' | 'primary' | 'further' | 'related';

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
}
