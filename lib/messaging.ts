import { browser } from 'wxt/browser';
import type { BackgroundProtocol, BackgroundResponse, BackgroundType, TabProtocol, TabResponse, TabType } from './messages';

/**
 * How webextension-polyfill, in the background, answers with a rejected handler in Chromium. The polyfill
 * on the sending side turns it back into an error; content scripts use Chromium's own API (wxt.config.ts),
 * so sendToBackground does it for them.
 */
interface PolyfillRejection {
  __mozWebExtensionPolyfillReject__: true;
  message?: unknown;
}

const isPolyfillRejection = (reply: unknown): reply is PolyfillRejection =>
  typeof reply === 'object' && reply !== null && (reply as PolyfillRejection).__mozWebExtensionPolyfillReject__ === true;

/** Typed wrapper over runtime.sendMessage: the compiler checks the request and the answer. */
export async function sendToBackground<K extends BackgroundType>(type: K, payload: BackgroundProtocol[K]['req']): Promise<BackgroundResponse<K>> {
  const reply = await browser.runtime.sendMessage<unknown, BackgroundResponse<K>>({ type, ...payload });
  if (isPolyfillRejection(reply)) throw new Error(String(reply.message));
  return reply;
}

/** Typed wrapper over tabs.sendMessage, for the requests a content script answers. */
export function sendToTab<K extends TabType>(tabId: number, type: K, payload: TabProtocol[K]['req']): Promise<TabResponse<K>> {
  return browser.tabs.sendMessage<unknown, TabResponse<K>>(tabId, { type, ...payload });
}
