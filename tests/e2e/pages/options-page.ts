import type { Locator, Page } from 'playwright-core';

/** The slice of the extension API these helpers call in the options page. */
declare const chrome: {
  permissions: {
    request(permissions: { origins?: string[] }): Promise<boolean>;
    getAll(): Promise<{ origins?: string[]; permissions?: string[] }>;
    contains(permissions: { origins?: string[] }): Promise<boolean>;
  };
};

/** The options page (options.html): reader settings and publisher packs. */
export class OptionsPage {
  constructor(readonly page: Page) {}

  static async open(page: Page, optionsUrl: string): Promise<OptionsPage> {
    await page.goto(optionsUrl, { waitUntil: 'load' });
    const options = new OptionsPage(page);
    await options.setting('enabled').waitFor({ state: 'visible', timeout: 10_000 });
    return options;
  }

  setting(name: 'enabled' | 'mark-mode' | 'highlight-style' | 'open-on' | 'hover-delay' | 'explainer-language'): Locator {
    return this.page.locator(`[data-testid="setting-${name}"]`);
  }

  /** The hover delay's value as the page shows it beside the slider ("900 ms"). */
  get hoverDelayValue(): Locator {
    return this.page.locator('[data-testid="hover-delay-value"]');
  }

  /** "Marking is off…": shown while the master switch is off. */
  get offNote(): Locator {
    return this.page.locator('[data-testid="off-note"]');
  }

  /** The settings that only apply while marking is on (a fieldset, disabled while off). */
  get dependentSettings(): Locator {
    return this.page.locator('[data-testid="dependent-settings"]');
  }

  /**
   * Sets the hover delay through its slider as a reader would leave it (input while dragging, change
   * on release), and checks the slider took the value rather than snapping it to another.
   */
  async setHoverDelay(ms: number): Promise<void> {
    const slider = this.setting('hover-delay');
    await slider.fill(String(ms));
    const value = await slider.inputValue();
    if (Number(value) !== ms) throw new Error(`the hover delay slider holds ${value}, not ${ms}`);
  }

  /** Opens the "Advanced" disclosure that holds subscribing, importing and publisher keys. */
  async openAdvanced(): Promise<void> {
    const advanced = this.page.locator('details[data-testid="advanced"]');
    if (!(await advanced.evaluate((element) => (element as HTMLDetailsElement).open))) await advanced.locator('summary').click();
  }

  category(name: string): Locator {
    return this.page.locator(`input[data-testid="setting-category"][value="${name}"]`);
  }

  get pausedSites(): Locator {
    return this.page.locator('[data-testid="paused-site"]');
  }

  get shortcuts(): Locator {
    return this.page.locator('[data-testid="shortcut"]');
  }

  pack(id: string): Locator {
    return this.page.locator(`[data-testid="pack-row"][data-pack-id="${id}"]`);
  }

  get packRows(): Locator {
    return this.page.locator('[data-testid="pack-row"]');
  }

  get status(): Locator {
    return this.page.locator('[data-testid="pack-status"]');
  }

  /**
   * Starts recording the origins the page asks host access for (chrome.permissions.request still
   * runs: a headless run has nobody to answer the prompt).
   */
  async recordPermissionRequests(): Promise<void> {
    await this.page.evaluate(() => {
      const requested: string[][] = [];
      const original = chrome.permissions.request.bind(chrome.permissions);
      chrome.permissions.request = (permissions) => {
        requested.push([...(permissions.origins ?? [])]);
        return original(permissions);
      };
      (globalThis as unknown as { __requestedOrigins: string[][] }).__requestedOrigins = requested;
    });
  }

  permissionRequests(): Promise<string[][]> {
    return this.page.evaluate(() => (globalThis as unknown as { __requestedOrigins?: string[][] }).__requestedOrigins ?? []);
  }

  /** What chrome.permissions.getAll() reports (origins include the content script's matches). */
  grantedPermissions(): Promise<{ origins: string[]; permissions: string[] }> {
    return this.page.evaluate(async () => {
      const all = await chrome.permissions.getAll();
      return { origins: [...(all.origins ?? [])].sort(), permissions: [...(all.permissions ?? [])].sort() };
    });
  }

  hasHostAccess(pattern: string): Promise<boolean> {
    return this.page.evaluate((origin) => chrome.permissions.contains({ origins: [origin] }), pattern);
  }

  /** Subscribes and waits for the action to finish; returns the status line it left. */
  async subscribe(url: string, publisherKey?: string, timeout?: number): Promise<string> {
    await this.openAdvanced();
    await this.page.locator('[data-testid="pack-url"]').fill(url);
    await this.page.locator('[data-testid="pack-key"]').fill(publisherKey ?? '');
    const before = await this.actionCount();
    await this.page.locator('[data-testid="pack-subscribe"]').click();
    return this.settledStatus(before, timeout);
  }

  /** "Check now" on one subscription; returns the status line it left. */
  async refresh(id: string, timeout?: number): Promise<string> {
    const before = await this.actionCount();
    await this.pack(id).locator('[data-testid="pack-refresh"]').click();
    return this.settledStatus(before, timeout);
  }

  async actionCount(): Promise<number> {
    return Number(await this.status.getAttribute('data-action'));
  }

  /** Waits for the result of the first action after `before` actions; returns its status line. */
  async settledStatus(before: number, timeout = 30_000): Promise<string> {
    await this.page.waitForFunction(
      (count) => {
        const status = document.querySelector('[data-testid="pack-status"]');
        const state = status?.getAttribute('data-state');
        return Number(status?.getAttribute('data-action')) > count && (state === 'ok' || state === 'error');
      },
      before,
      { timeout },
    );
    return this.status.innerText();
  }

  /** Text of one pack's field (version, source, count, last-check, error), '' when absent. */
  async packField(id: string, field: 'version' | 'source' | 'count' | 'last-check' | 'error' | 'name'): Promise<string> {
    const locator = this.pack(id).locator(`[data-testid="pack-${field}"]`);
    return (await locator.count()) > 0 ? locator.innerText() : '';
  }
}
