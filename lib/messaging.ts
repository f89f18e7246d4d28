import { browser } from 'wxt/browser';
import type { BackgroundProtocol, BackgroundResponse, BackgroundType, TabProtocol, TabResponse, TabType } from './messages';

/** Typed wrapper over runtime.sendMessage: the compiler checks the request and the answer. */
export function sendToBackground<K extends BackgroundType>(type: K, payload: BackgroundProtocol[K]['req']): Promise<BackgroundResponse<K>> {
  return browser.runtime.sendMessage<unknown, BackgroundResponse<K>>({ type, ...payload });
}

/** Typed wrapper over tabs.sendMessage, for the requests a content script answers. */
export function sendToTab<K extends TabType>(tabId: number, type: K, payload: TabProtocol[K]['req']): Promise<TabResponse<K>> {
  return browser.tabs.sendMessage<unknown, TabResponse<K>>(tabId, { type, ...payload });
}
