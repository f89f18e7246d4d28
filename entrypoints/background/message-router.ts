import type { Browser } from 'wxt/browser';
import type { Catalog } from '../../lib/catalog/catalog';
import { pageExplainers, type PageState } from '../../lib/catalog/page-state';
import type { Message, MessageType, ResponseOf } from '../../lib/messages';
import type { PacksService } from './packs-service';
import type { SiteStatusService } from './site-status';

export interface RouterDeps {
  /** Resolves once the bundled pack is loaded; rejects with the load error so callers see why. */
  catalog(): Promise<Catalog>;
  pageState: PageState;
  /** Categories the reader turned off; their terms are left out of the term table. */
  disabledCategories?(): Promise<readonly string[]>;
  packs?: PacksService;
  sites?: SiteStatusService;
  /** Opens the full explainer page (or its search) in a new tab. */
  openExplainer?(id: string, query?: string): Promise<void>;
}

type Handlers = {
  [K in MessageType]?: (
    message: Extract<Message, { type: K }>,
    sender: Browser.runtime.MessageSender,
  ) => Promise<ResponseOf<K>>;
};

/** Types the content script answers; background must stay silent so the right listener replies. */
const NOT_OURS: ReadonlySet<string> = new Set<MessageType>(['reveal', 'navigate', 'termTableChanged']);

/**
 * Types only our own pages (options, popup) may send: a content script runs beside page code, so
 * a message carrying a web page's URL must not change packs or settings.
 */
const EXTENSION_PAGES_ONLY: ReadonlySet<string> = new Set<MessageType>([
  'subscribePack',
  'importPack',
  'removePack',
  'setPackEnabled',
  'refreshPacks',
  'pauseSite',
]);

function fromWebPage(sender: Browser.runtime.MessageSender): boolean {
  return typeof sender.url === 'string' && /^https?:/i.test(sender.url);
}

function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function isCountRecord(value: unknown): value is Record<string, number> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

function unavailable(what: string): never {
  throw new Error(`${what} is not available in this context`);
}

export function createHandlers({ catalog, pageState, disabledCategories, packs, sites, openExplainer }: RouterDeps): Handlers {
  return {
    getTermTable: async () => (await catalog()).matcherTable(disabledCategories ? await disabledCategories() : []),
    getCard: async ({ id }) => (await catalog()).card(String(id)),
    getExplainer: async ({ id }) => (await catalog()).explainer(String(id)),
    listExplainers: async () => (await catalog()).listExplainers(),
    search: async ({ query, limit }) =>
      (await catalog()).search(typeof query === 'string' ? query : '', typeof limit === 'number' ? limit : undefined),
    getPageExplainers: async ({ tabId }) => pageExplainers(await pageState.counts(tabId), await catalog()),
    pageMatches: async ({ counts }, sender) => {
      const tabId = sender.tab?.id;
      // Only content scripts in a tab report mentions; anything else has no badge to update.
      if (tabId === undefined || tabId < 0 || !isCountRecord(counts)) return;
      const known = await catalog();
      const ours = Object.fromEntries(Object.entries(counts).filter(([id]) => known.has(id)));
      await pageState.recordFrame(tabId, sender.frameId ?? 0, ours, sender.documentId);
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
 * One runtime.onMessage listener for the whole protocol. Returns a Promise for the types background
 * answers and undefined for everything else, which leaves those messages to other listeners.
 */
export function createMessageRouter(deps: RouterDeps) {
  const handlers = createHandlers(deps);
  return (message: unknown, sender: Browser.runtime.MessageSender): Promise<unknown> | undefined => {
    if (!isMessage(message) || NOT_OURS.has(message.type)) return undefined;
    if (EXTENSION_PAGES_ONLY.has(message.type) && fromWebPage(sender)) {
      return Promise.reject(new Error(`${message.type} may only be sent by the extension's own pages`));
    }
    const handler = handlers[message.type] as
      | ((message: Message, sender: Browser.runtime.MessageSender) => Promise<unknown>)
      | undefined;
    return handler?.(message, sender);
  };
}
