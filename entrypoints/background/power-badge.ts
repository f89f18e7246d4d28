export interface PowerBadgeDeps {
  setTabBadge(tabId: number, text: string): Promise<void>;
  /** The badge of tabs that have none of their own (tabs opened while off). */
  setDefaultBadge(text: string): Promise<void>;
  tabIds(): Promise<number[]>;
  /** What a tab's badge says while the extension is on: its paused badge or its mention count. */
  badgeWhenOn(tabId: number): Promise<string>;
  offBadge: string;
}

/**
 * The badge while the reader has switched the extension off (settings.enabled): "off" on every tab,
 * whatever the page reported before, and each tab's own badge back when it is switched on again.
 * Every other badge update passes through `text`, so a late count cannot overwrite "off".
 */
export class PowerBadge {
  readonly #deps: PowerBadgeDeps;
  #enabled = true;

  constructor(deps: PowerBadgeDeps) {
    this.#deps = deps;
  }

  /** Whether the extension is switched on, as last set. */
  get enabled(): boolean {
    return this.#enabled;
  }

  /** The text a tab's badge should show for `text` as things stand. */
  text(text: string): string {
    return this.#enabled ? text : this.#deps.offBadge;
  }

  /** Takes the new state at once (later `text` calls see it), then relabels every tab. */
  async setEnabled(enabled: boolean): Promise<void> {
    if (enabled === this.#enabled) return;
    this.#enabled = enabled;
    await this.#deps.setDefaultBadge(enabled ? '' : this.#deps.offBadge);
    for (const tabId of await this.#deps.tabIds()) {
      if (this.#enabled !== enabled) return;
      try {
        await this.#deps.setTabBadge(tabId, enabled ? await this.#deps.badgeWhenOn(tabId) : this.#deps.offBadge);
      } catch {
        // The tab closed meanwhile: its badge went with it.
      }
    }
  }
}
