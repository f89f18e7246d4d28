/**
 * Content scripts send with the browser's own API, not webextension-polyfill (wxt.config.ts), while the
 * background answers through the polyfill. In Chromium the polyfill answers a rejected handler with a
 * marker object, which sendToBackground must turn back into an error.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { sendToBackground } from './messaging';

describe('sendToBackground', () => {
  beforeEach(() => fakeBrowser.reset());

  it('resolves with the background\'s answer, including an empty one', async () => {
    const seen: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      seen.push(message);
      const type = (message as { type: string }).type;
      return Promise.resolve(type === 'getCard' ? { id: 'ice', title: 'ICE' } : undefined);
    });
    await expect(sendToBackground('getCard', { id: 'ice', lang: 'en' })).resolves.toEqual({ id: 'ice', title: 'ICE' });
    await expect(sendToBackground('siteStatus', { paused: true })).resolves.toBeUndefined();
    expect(seen).toEqual([
      { type: 'getCard', id: 'ice', lang: 'en' },
      { type: 'siteStatus', paused: true },
    ]);
  });

  it('rejects with the handler\'s message when the polyfill wraps a rejection', async () => {
    fakeBrowser.runtime.onMessage.addListener(() =>
      Promise.resolve({ __mozWebExtensionPolyfillReject__: true, message: 'The catalog is not loaded yet' }),
    );
    await expect(sendToBackground('getTermTable', {})).rejects.toThrow('The catalog is not loaded yet');
  });

  it('passes an ordinary error from the browser on as a rejection', async () => {
    fakeBrowser.runtime.onMessage.addListener(() => Promise.reject(new Error('Receiving end does not exist.')));
    await expect(sendToBackground('getTermTable', {})).rejects.toThrow('Receiving end does not exist.');
  });

  it('treats an answer that merely has a similar shape as an answer', async () => {
    const answer = { __mozWebExtensionPolyfillReject__: false, message: 'not an error' };
    fakeBrowser.runtime.onMessage.addListener(() => Promise.resolve(answer));
    await expect(sendToBackground('getTermTable', {})).resolves.toEqual(answer);
  });
});
