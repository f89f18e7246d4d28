import type { Browser } from 'wxt/browser';
import type { Catalog } from '@/lib/catalog/catalog';
import { pageExplainers, type PageState } from '@/lib/catalog/page-state';
import type { Message, MessageType, ResponseOf } from '@/lib/messages';

export interface RouterDeps {
  /** Resolves once the bundled pack is loaded; rejects with the load error so callers see why. */
  catalog(): Promise<Catalog>;
  pageState: PageState;
}

type Handlers = {
  [K in MessageType]?: (
    message: Extract<Message, { type: K }>,
    sender: Browser.runtime.MessageSender,
  ) => Promise<ResponseOf<K>>;
};

/** Types the content script answers; background must stay silent so the right listener replies. */
const NOT_OURS: ReadonlySet<string> = new Set<MessageType>(['reveal', 'navigate']);

function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function isCountRecord(value: unknown): value is Record<string, number> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function createHandlers({ catalog, pageState }: RouterDeps): Handlers {
  return {
    getTermTable: async () => (await catalog()).termTable(),
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
    const handler = handlers[message.type] as
      | ((message: Message, sender: Browser.runtime.MessageSender) => Promise<unknown>)
      | undefined;
    return handler?.(message, sender);
  };
}
