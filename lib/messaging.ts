import { browser } from 'wxt/browser';
import type { MessageType, Protocol, RequestOf, ResponseOf } from './messages';

/** Typed wrapper over runtime.sendMessage: the compiler checks the request and the answer. */
export function sendToBackground<K extends MessageType>(
  type: K,
  payload: Protocol[K]['req'],
): Promise<ResponseOf<K>> {
  const message = { type, ...payload } as RequestOf<K>;
  return browser.runtime.sendMessage(message) as Promise<ResponseOf<K>>;
}

/** Typed wrapper over tabs.sendMessage, for the requests a content script answers. */
export function sendToTab<K extends MessageType>(
  tabId: number,
  type: K,
  payload: Protocol[K]['req'],
): Promise<ResponseOf<K>> {
  const message = { type, ...payload } as RequestOf<K>;
  return browser.tabs.sendMessage(tabId, message) as Promise<ResponseOf<K>>;
}
