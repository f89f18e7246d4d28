import type { Browser } from 'wxt/browser';
import type { ServingCatalog } from '../../lib/catalog/live-catalog';
import { pageExplainers, type PageState } from '../../lib/catalog/page-state';
import { PRIVILEGED_MESSAGES, SEARCH_MEASURE, type BackgroundMessage, type BackgroundResponse, type BackgroundType } from '../../lib/messages';
import type { ReaderLang } from '../../lib/reader-lang';
import type { PacksService } from './packs-service';
import type { SiteStatusService } from './site-status';

export interface RouterDeps {
  /** Resolves once the bundled pack is loaded; rejects with the load error so callers see why. */
  catalog(): Promise<ServingCatalog>;
  pageState: PageState;
  /** Categories the reader turned off; their terms are left out of the term table. */
  disabledCategories?(): Promise<readonly string[]>;
  packs?: PacksService;
  sites?: SiteStatusService;
  /** Opens the full explainer page (or its search) in a new tab. */
  openExplainer?(id: string, query?: string): Promise<void>;
  /** Opens the options page (runtime.openOptionsPage). */
  openOptions?(): Promise<void>;
  /** The extension's own origin with a trailing slash (`runtime.getURL('/')`): privileged senders' pages start with it. */
  extensionOrigin: string;
  /** This extension's id (`runtime.id`); messages from other extensions are not privileged. */
  extensionId: string;
}

type Handlers = {
  [K in BackgroundType]: (
    message: Extract<BackgroundMessage, { type: K }>,
    sender: Browser.runtime.MessageSender,
  ) => Promise<BackgroundResponse<K>>;
};

/** One of our own pages (popup, options, explainer page): same extension, and a URL inside it. */
export function isExtensionPage(sender: Browser.runtime.MessageSender, extensionId: string, extensionOrigin: string): boolean {
  return sender.id === extensionId && typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
}

function typeOf(value: unknown): string | null {
  const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  return typeof type === 'string' ? type : null;
}

function isCountRecord(value: unknown): value is Record<string, number> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A language a sender asked for: only the two the catalog knows; English otherwise. */
const langOf = (value: unknown): ReaderLang => (value === 'es' ? 'es' : 'en');

function unavailable(what: string): never {
  throw new Error(`${what} is not available in this context`);
}

const SEARCH_MEASURES_KEPT = 500;

export function createHandlers({ catalog, pageState, disabledCategories, packs, sites, openExplainer, openOptions }: Omit<RouterDeps, 'extensionOrigin' | 'extensionId'>): Handlers {
  let firstSearch = true;
  let searchMeasures = 0;
  return {
    getTermTable: async () => {
      const served = await catalog();
      return served.matcherTable(disabledCategories ? await disabledCategories() : []);
    },
    getCard: async ({ id, lang }) => (await catalog()).card(String(id), langOf(lang)),
    getExplainer: async ({ id, lang }) => (await catalog()).explainer(String(id), langOf(lang)),
    listExplainers: async ({ lang }) => (await catalog()).listExplainers(langOf(lang)),
    suggestedTopics: async () => (await catalog()).suggestedTopics(),
    search: async ({ query, limit, lang }) => {
      const asked = performance.now();
      const served = await catalog();
      const ready = performance.now();
      const results = await served.search(typeof query === 'string' ? query : '', typeof limit === 'number' ? limit : undefined, langOf(lang));
      const done = performance.now();
      if (firstSearch) {
        firstSearch = false;
        // Where a woken worker's first answer goes, for `npm run bench:search` (the worker's performance timeline).
        performance.measure('explainers:first-search-wait', { start: asked, end: ready });
        performance.measure('explainers:first-search-run', { start: ready, end: done });
      }
      // Every search's own time in the worker, messaging left out (bench:search's "background" column).
      // Only the latest are kept: a worker that lives for hours would otherwise gather them all.
      if (++searchMeasures > SEARCH_MEASURES_KEPT) {
        performance.clearMeasures(SEARCH_MEASURE);
        searchMeasures = 1;
      }
      // The query rides along so a slow search can be told apart from a cold one (bench:search names the slowest).
      performance.measure(SEARCH_MEASURE, { start: ready, end: done, detail: { query: typeof query === 'string' ? query.slice(0, 80) : '' } });
      return results;
    },
    getPageExplainers: async ({ tabId, lang }) =>
      pageExplainers(await pageState.counts(tabId), await catalog(), langOf(lang), await pageState.markedCounts(tabId)),
    pageMatches: async ({ counts, marked }, sender) => {
      const tabId = sender.tab?.id;
      // Only content scripts in a tab report mentions; anything else has no badge to update.
      if (tabId === undefined || tabId < 0 || !isCountRecord(counts)) return;
      const known = await catalog();
      const ours = (record: Record<string, number>) => Object.fromEntries(Object.entries(record).filter(([id]) => known.has(id)));
      await pageState.recordFrame(tabId, sender.frameId ?? 0, ours(counts), sender.documentId, isCountRecord(marked) ? ours(marked) : undefined);
    },
    siteStatus: async ({ paused }, sender) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined || tabId < 0 || (sender.frameId ?? 0) !== 0) return;
      await sites?.report(tabId, sender.url, paused === true);
    },
    getSiteStatus: async ({ tabId }) => (sites ?? unavailable('Site status')).status(Number(tabId)),
    pauseSite: async ({ tabId, paused }) => (sites ?? unavailable('Site status')).setPaused(Number(tabId), paused === true),
    openExplainer: async ({ id, query }) =>
      (openExplainer ?? unavailable('Opening explainers'))(str(id), typeof query === 'string' ? query : undefined),
    openOptions: async () => (openOptions ?? unavailable('Opening the options page'))(),
    getPacks: async () => (packs ?? unavailable('Packs')).getPacks(),
    subscribePack: async ({ url, pinnedKey }) =>
      (packs ?? unavailable('Packs')).subscribe(str(url), typeof pinnedKey === 'string' ? pinnedKey : undefined),
    importPack: async ({ text, fileName, pinnedKey }) =>
      (packs ?? unavailable('Packs')).importFile(str(text), str(fileName) || 'pack.json', typeof pinnedKey === 'string' ? pinnedKey : undefined),
    removePack: async ({ id }) => (packs ?? unavailable('Packs')).remove(str(id)),
    setPackEnabled: async ({ id, enabled }) => (packs ?? unavailable('Packs')).setEnabled(str(id), enabled === true),
    refreshPacks: async ({ id }) => (packs ?? unavailable('Packs')).refresh(typeof id === 'string' ? id : undefined),
  };
}

/**
 * One runtime.onMessage listener for the background's protocol. Returns a Promise for the types the
 * background answers and undefined for everything else (the tab protocol), which leaves those
 * messages to other listeners.
 */
export function createMessageRouter(deps: RouterDeps) {
  const handlers = createHandlers(deps);
  return (message: unknown, sender: Browser.runtime.MessageSender): Promise<unknown> | undefined => {
    const type = typeOf(message);
    if (type === null || !Object.hasOwn(handlers, type)) return undefined;
    const handler = handlers[type as BackgroundType] as (message: BackgroundMessage, sender: Browser.runtime.MessageSender) => Promise<unknown>;
    if (PRIVILEGED_MESSAGES.has(type) && !isExtensionPage(sender, deps.extensionId, deps.extensionOrigin)) {
      return Promise.reject(new Error(`${type} may only be sent by the extension's own pages`));
    }
    return handler(message as BackgroundMessage, sender);
  };
}
