import type { CardData, PageExplainer } from '../messages';
import type { ServingCatalog } from './live-catalog';
import type { ReaderLang } from '../reader-lang';

/** explainerId → number of mentions. */
export type MentionCounts = Record<string, number>;

interface FrameReport {
  counts: MentionCounts;
  /** How many of `counts` are marked; absent from content scripts that do not say. */
  marked?: MentionCounts;
  /** Chrome's id of the document that reported; absent where the browser has none (Firefox). */
  documentId?: string;
  /** Tab-local sequence number of the report, to order it against navigations. */
  seq: number;
}

interface TabMentions {
  /** frameId → that frame's latest report: each frame reports its own totals, so they replace, not add. */
  frames: Record<string, FrameReport>;
  /** Last sequence number handed out for this tab. */
  seq: number;
  /** Sequence number of the last navigation start not yet settled by a main-frame report. */
  navigationSeq?: number;
}

const emptyTab = (): TabMentions => ({ frames: {}, seq: 0 });

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
 *
 * Without the "tabs" permission Chrome does not say where a tab navigated, only that it started
 * loading, and it says so for same-document (history API) navigations too. So a navigation is only
 * noted; the main frame's next report settles it: from a new document (or where documents have no
 * id) every frame that reported before the navigation belonged to the old page and is dropped.
 */
export class PageState {
  readonly #options: PageStateOptions;
  readonly #memory = new Map<number, TabMentions>();
  readonly #pending = new Map<number, Promise<unknown>>();

  constructor(options: PageStateOptions) {
    this.#options = options;
  }

  /** Replaces the counts of one frame (and of its marked mentions, when given) and updates the badge. */
  recordFrame(tabId: number, frameId: number, counts: MentionCounts, documentId?: string, marked?: MentionCounts): Promise<void> {
    return this.#serial(tabId, async () => {
      const tab = structuredClone(await this.#load(tabId));
      const key = String(frameId);
      if (frameId === 0 && tab.navigationSeq !== undefined) {
        const sameDocument = documentId !== undefined && tab.frames[key]?.documentId === documentId;
        if (!sameDocument) {
          for (const [otherKey, report] of Object.entries(tab.frames)) {
            if (report.seq < tab.navigationSeq) delete tab.frames[otherKey];
          }
        }
        delete tab.navigationSeq;
      }
      tab.seq += 1;
      tab.frames[key] = {
        counts: cleanCounts(counts),
        seq: tab.seq,
        ...(documentId ? { documentId } : {}),
        ...(marked ? { marked: cleanCounts(marked) } : {}),
      };
      await this.#save(tabId, tab);
      await this.#showBadge(tabId, badgeText(mergeFrames(tab)));
    });
  }

  /** The tab started loading: maybe another page, maybe the same one (see the class comment). */
  navigationStarted(tabId: number): Promise<void> {
    return this.#serial(tabId, async () => {
      const tab = structuredClone(await this.#load(tabId));
      if (Object.keys(tab.frames).length === 0) return;
      tab.seq += 1;
      tab.navigationSeq = tab.seq;
      await this.#save(tabId, tab);
    });
  }

  /** Mentions on the tab, all frames added together. */
  counts(tabId: number): Promise<MentionCounts> {
    return this.#serial(tabId, async () => mergeFrames(await this.#load(tabId)));
  }

  /** Marked mentions on the tab, all frames added together; undefined when a frame did not report them. */
  markedCounts(tabId: number): Promise<MentionCounts | undefined> {
    return this.#serial(tabId, async () => {
      const frames = Object.values((await this.#load(tabId)).frames);
      if (frames.some((frame) => frame.marked === undefined)) return undefined;
      return mergeCounts(frames.map((frame) => frame.marked ?? {}));
    });
  }

  /** The tab is known to show another page: forget its mentions and blank its badge. */
  resetTab(tabId: number): Promise<void> {
    return this.#serial(tabId, async () => {
      await this.#save(tabId, emptyTab());
      await this.#showBadge(tabId, '');
    });
  }

  /** The tab closed: forget it (its badge went with it). */
  forgetTab(tabId: number): Promise<void> {
    return this.#serial(tabId, async () => {
      await this.#save(tabId, emptyTab());
    });
  }

  async #load(tabId: number): Promise<TabMentions> {
    const cached = this.#memory.get(tabId);
    if (cached) return cached;
    const key = STORAGE_PREFIX + tabId;
    const stored = this.#options.storage ? (await this.#options.storage.get(key))[key] : undefined;
    const tab = isTabMentions(stored) ? stored : emptyTab();
    this.#memory.set(tabId, tab);
    return tab;
  }

  async #save(tabId: number, tab: TabMentions): Promise<void> {
    const key = STORAGE_PREFIX + tabId;
    const empty = Object.keys(tab.frames).length === 0;
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

/**
 * On-page explainers for the popup in the reader's language, most mentioned first; ids the catalog
 * no longer has are dropped. With `marked`, each says how many of its mentions are marked (0 when none are).
 */
export async function pageExplainers(counts: MentionCounts, catalog: Pick<ServingCatalog, 'card'>, lang: ReaderLang = 'en', marked?: MentionCounts): Promise<PageExplainer[]> {
  const asked = Object.keys(counts).map((id) => catalog.card(id, lang));
  // A catalog in memory answers at once; one serving from storage answers each card later.
  const cards = asked.some((card) => card instanceof Promise) ? await Promise.all(asked.map(async (card) => card)) : (asked as (CardData | null)[]);
  return Object.entries(counts)
    .flatMap(([id, count], i) => {
      const card = cards[i];
      if (!card) return [];
      return [{ id, title: card.title, summary: card.summary, lang: card.lang, count, ...(marked ? { marked: marked[id] ?? 0 } : {}) }];
    })
    .sort((a, b) => b.count - a.count || a.title.localeCompare(b.title));
}

function mergeFrames(tab: TabMentions): MentionCounts {
  return mergeCounts(Object.values(tab.frames).map((frame) => frame.counts));
}

function mergeCounts(all: MentionCounts[]): MentionCounts {
  const merged: MentionCounts = {};
  for (const counts of all) {
    for (const [id, count] of Object.entries(counts)) merged[id] = (merged[id] ?? 0) + count;
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

/** Session storage outlives a service worker but not an extension update that changed this shape. */
function isTabMentions(value: unknown): value is TabMentions {
  if (typeof value !== 'object' || value === null) return false;
  const { frames, seq } = value as Partial<TabMentions>;
  if (typeof seq !== 'number' || typeof frames !== 'object' || frames === null) return false;
  return Object.values(frames).every(
    (report: unknown) =>
      typeof report === 'object' &&
      report !== null &&
      typeof (report as FrameReport).seq === 'number' &&
      typeof (report as FrameReport).counts === 'object' &&
      (report as FrameReport).counts !== null &&
      Object.values((report as FrameReport).counts).every((count) => typeof count === 'number') &&
      ((report as FrameReport).marked === undefined || typeof (report as FrameReport).marked === 'object'),
  );
}
