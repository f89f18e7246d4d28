import type { PageExplainer } from '../messages';
import type { Catalog } from './catalog';

/** explainerId → number of mentions. */
export type MentionCounts = Record<string, number>;
/** frameId → that frame's latest counts: each frame reports its own totals, so they replace, not add. */
type TabMentions = Record<string, MentionCounts>;

/** The slice of `storage.session` used here, so tests and browsers without it can pass something else. */
export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

export interface PageStateOptions {
  /** Survives an MV3 service-worker restart; without it the state lives in memory only. */
  storage?: SessionArea;
  setBadge(tabId: number, text: string): Promise<void>;
}

const STORAGE_PREFIX = 'pageMentions:';

/**
 * Mentions per tab and frame, the toolbar badge that shows how many explainers a tab mentions, and
 * the reset when the tab leaves the page. Work for one tab runs in order, so two frames reporting at
 * once cannot overwrite each other's counts through interleaved storage reads and writes.
 */
export class PageState {
  readonly #options: PageStateOptions;
  readonly #memory = new Map<number, TabMentions>();
  readonly #pending = new Map<number, Promise<unknown>>();

  constructor(options: PageStateOptions) {
    this.#options = options;
  }

  /** Replaces the counts of one frame; an empty report removes the frame. Updates the badge. */
  recordFrame(tabId: number, frameId: number, counts: MentionCounts): Promise<void> {
    return this.#serial(tabId, async () => {
      const tab = { ...(await this.#load(tabId)) };
      const cleaned = cleanCounts(counts);
      if (Object.keys(cleaned).length === 0) delete tab[String(frameId)];
      else tab[String(frameId)] = cleaned;
      await this.#save(tabId, tab);
      await this.#showBadge(tabId, badgeText(mergeFrames(tab)));
    });
  }

  /** Mentions on the tab, all frames added together. */
  counts(tabId: number): Promise<MentionCounts> {
    return this.#serial(tabId, async () => mergeFrames(await this.#load(tabId)));
  }

  /** The tab navigated to another page: forget its mentions and blank its badge. */
  resetTab(tabId: number): Promise<void> {
    return this.#serial(tabId, async () => {
      await this.#save(tabId, {});
      await this.#showBadge(tabId, '');
    });
  }

  /** The tab closed: forget it (its badge went with it). */
  forgetTab(tabId: number): Promise<void> {
    return this.#serial(tabId, async () => {
      await this.#save(tabId, {});
    });
  }

  async #load(tabId: number): Promise<TabMentions> {
    const cached = this.#memory.get(tabId);
    if (cached) return cached;
    const key = STORAGE_PREFIX + tabId;
    const stored = this.#options.storage ? (await this.#options.storage.get(key))[key] : undefined;
    const tab = isTabMentions(stored) ? stored : {};
    this.#memory.set(tabId, tab);
    return tab;
  }

  async #save(tabId: number, tab: TabMentions): Promise<void> {
    const key = STORAGE_PREFIX + tabId;
    const empty = Object.keys(tab).length === 0;
    if (empty) this.#memory.delete(tabId);
    else this.#memory.set(tabId, tab);
    if (!this.#options.storage) return;
    if (empty) await this.#options.storage.remove(key);
    else await this.#options.storage.set({ [key]: tab });
  }

  async #showBadge(tabId: number, text: string): Promise<void> {
    try {
      await this.#options.setBadge(tabId, text);
    } catch {
      // The tab closed between the report and the badge update; there is nothing left to label.
    }
  }

  #serial<T>(tabId: number, work: () => Promise<T>): Promise<T> {
    const previous = this.#pending.get(tabId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.#pending.set(tabId, settled);
    void settled.then(() => {
      if (this.#pending.get(tabId) === settled) this.#pending.delete(tabId);
    });
    return next;
  }
}

/** Distinct explainers mentioned, or '' so the badge disappears when there are none. */
export function badgeText(counts: MentionCounts): string {
  const distinct = Object.keys(counts).length;
  return distinct === 0 ? '' : String(distinct);
}

/** On-page explainers for the popup, most mentioned first; ids the catalog no longer has are dropped. */
export function pageExplainers(counts: MentionCounts, catalog: Catalog): PageExplainer[] {
  return Object.entries(counts)
    .flatMap(([id, count]) => {
      const card = catalog.card(id);
      return card ? [{ id, title: card.title, summary: card.summary, count }] : [];
    })
    .sort((a, b) => b.count - a.count || a.title.localeCompare(b.title));
}

function mergeFrames(tab: TabMentions): MentionCounts {
  const merged: MentionCounts = {};
  for (const frame of Object.values(tab)) {
    for (const [id, count] of Object.entries(frame)) merged[id] = (merged[id] ?? 0) + count;
  }
  return merged;
}

/** Reports come from content scripts in arbitrary pages: keep only positive whole counts. */
function cleanCounts(counts: MentionCounts): MentionCounts {
  const cleaned: MentionCounts = {};
  if (typeof counts !== 'object' || counts === null) return cleaned;
  for (const [id, count] of Object.entries(counts)) {
    if (typeof count === 'number' && Number.isFinite(count) && count >= 1) cleaned[id] = Math.floor(count);
  }
  return cleaned;
}

function isTabMentions(value: unknown): value is TabMentions {
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).every(
    (frame) =>
      typeof frame === 'object' && frame !== null && Object.values(frame).every((count) => typeof count === 'number'),
  );
}
