import type { SessionArea } from '../../lib/catalog/page-state';
import type { SiteStatus } from '../../lib/messages';

/** A page's site as settings.pausedSites stores it: the lower-case hostname, or null for non-web pages. */
export function siteOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.hostname.toLowerCase() : null;
  } catch {
    return null;
  }
}

export interface SiteStatusDeps {
  /** Survives an MV3 service-worker restart; the popup may ask long after the page reported. */
  storage?: SessionArea;
  pausedSites(): Promise<readonly string[]>;
  setPaused(hostname: string, paused: boolean): Promise<void>;
  setBadge(tabId: number, text: string): Promise<void>;
  /** Badge text for a paused tab. */
  pausedBadge: string;
}

const STORAGE_PREFIX = 'tabSite:';

/**
 * Which site each tab shows and the badge of paused tabs. Without the "tabs" permission the
 * background cannot read a tab's URL, so each page's top frame reports itself (`siteStatus`) and
 * the sender URL Chrome attaches to that message names the site.
 */
export class SiteStatusService {
  readonly #deps: SiteStatusDeps;
  readonly #memory = new Map<number, string>();

  constructor(deps: SiteStatusDeps) {
    this.#deps = deps;
  }

  async #hostname(tabId: number): Promise<string | null> {
    const known = this.#memory.get(tabId);
    if (known !== undefined) return known;
    const stored = (await this.#deps.storage?.get(`${STORAGE_PREFIX}${tabId}`))?.[`${STORAGE_PREFIX}${tabId}`];
    return typeof stored === 'string' ? stored : null;
  }

  /** A top frame reported its page; a paused site's tab shows the paused badge. */
  async report(tabId: number, url: string | undefined, paused: boolean): Promise<void> {
    const hostname = siteOf(url);
    if (hostname === null) return;
    this.#memory.set(tabId, hostname);
    await this.#deps.storage?.set({ [`${STORAGE_PREFIX}${tabId}`]: hostname });
    // When not paused, the page's mention counts set the badge as usual.
    if (paused) await this.#deps.setBadge(tabId, this.#deps.pausedBadge);
  }

  async status(tabId: number): Promise<SiteStatus> {
    const hostname = await this.#hostname(tabId);
    if (hostname === null) return { hostname: null, paused: false };
    return { hostname, paused: (await this.#deps.pausedSites()).includes(hostname) };
  }

  async setPaused(tabId: number, paused: boolean): Promise<SiteStatus> {
    const hostname = await this.#hostname(tabId);
    if (hostname === null) return { hostname: null, paused: false };
    await this.#deps.setPaused(hostname, paused);
    if (paused) await this.#deps.setBadge(tabId, this.#deps.pausedBadge);
    return { hostname, paused };
  }

  async forget(tabId: number): Promise<void> {
    this.#memory.delete(tabId);
    await this.#deps.storage?.remove(`${STORAGE_PREFIX}${tabId}`);
  }
}
