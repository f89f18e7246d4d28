import { describe, expect, it, vi } from 'vitest';
import { packOriginPattern, subscribeWithOriginAccess } from './pack-origin';

describe('packOriginPattern', () => {
  it('covers the host of an https pack without path or port', () => {
    expect(packOriginPattern('https://news.example.org:8443/packs/one.json?x=1')).toBe('https://news.example.org/*');
  });
  it('keeps plain http for the local test server', () => {
    expect(packOriginPattern('http://127.0.0.1:41234/pack.json')).toBe('http://127.0.0.1/*');
  });
  it('refuses what cannot be a pack origin', () => {
    expect(packOriginPattern('file:///tmp/pack.json')).toBeNull();
    expect(packOriginPattern('not a url')).toBeNull();
  });
});

describe('subscribeWithOriginAccess', () => {
  const URL = 'https://news.example.org:8443/packs/one.json';

  function setup(answer: () => Promise<boolean>) {
    const order: string[] = [];
    const request = vi.fn((_: { origins: string[] }) => (order.push('request'), answer()));
    const send = vi.fn(async (_url: string, _key?: string) => (order.push('subscribe'), { ok: true as const }));
    return { order, request, send, subscribe: subscribeWithOriginAccess({ request }, send) };
  }

  it("asks for the pack origin's host pattern before subscribing, while the click is still a user gesture", async () => {
    const { order, request, send, subscribe } = setup(async () => true);
    const pending = subscribe(URL, 'KEY');
    // Synchronously, in the click: a permission request after an await is refused as not user-initiated.
    expect(request).toHaveBeenCalledWith({ origins: ['https://news.example.org/*'] });
    expect(await pending).toEqual({ ok: true });
    expect(send).toHaveBeenCalledWith(URL, 'KEY');
    expect(order).toEqual(['request', 'subscribe']);
  });

  it('still subscribes when the reader refuses, or the browser cannot ask (CORS serves the download then)', async () => {
    for (const answer of [async () => false, () => Promise.reject(new Error('no user gesture'))]) {
      const { send, subscribe } = setup(answer);
      expect(await subscribe(URL)).toEqual({ ok: true });
      expect(send).toHaveBeenCalledWith(URL, undefined);
    }
  });

  it('asks nothing for a URL that has no origin to grant and leaves the refusal to the background', async () => {
    const { request, send, subscribe } = setup(async () => true);
    await subscribe('file:///tmp/pack.json');
    expect(request).not.toHaveBeenCalled();
    expect(send).toHaveBeenCalledWith('file:///tmp/pack.json', undefined);
  });
});
