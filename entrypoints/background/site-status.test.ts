import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { SiteStatusService, siteOf } from './site-status';

function setup() {
  let paused: string[] = [];
  const service = new SiteStatusService({
    storage: fakeBrowser.storage.session,
    setBadge: (tabId, text) => fakeBrowser.action.setBadgeText({ tabId, text }),
    pausedBadge: 'off',
    pausedSites: async () => paused,
    setPaused: async (hostname, on) => {
      paused = on ? [...paused.filter((site) => site !== hostname), hostname] : paused.filter((site) => site !== hostname);
    },
  });
  return { service, paused: () => paused };
}

describe('site status', () => {
  beforeEach(() => fakeBrowser.reset());

  it('names a web page by its lower-case hostname and nothing else', () => {
    expect(siteOf('https://News.Example.org:8080/a?b#c')).toBe('news.example.org');
    expect(siteOf('chrome://extensions/')).toBeNull();
    expect(siteOf(undefined)).toBeNull();
  });

  it('knows nothing about a tab that never reported', async () => {
    const { service } = setup();
    expect(await service.status(5)).toEqual({ hostname: null, paused: false });
    expect(await service.setPaused(5, true)).toEqual({ hostname: null, paused: false });
  });

  it('pauses and resumes the site of a tab, with the paused badge', async () => {
    const { service, paused } = setup();
    await service.report(5, 'https://example.org/story', false);
    expect(await service.status(5)).toEqual({ hostname: 'example.org', paused: false });
    expect(await service.setPaused(5, true)).toEqual({ hostname: 'example.org', paused: true });
    expect(paused()).toEqual(['example.org']);
    expect(await fakeBrowser.action.getBadgeText({ tabId: 5 })).toBe('off');
    await service.setPaused(5, false);
    expect(await service.status(5)).toEqual({ hostname: 'example.org', paused: false });
  });

  it('shows the paused badge when a paused page reports, and remembers tabs across a service-worker restart', async () => {
    const { service } = setup();
    await service.report(9, 'https://example.org/', true);
    expect(await fakeBrowser.action.getBadgeText({ tabId: 9 })).toBe('off');
    const restarted = setup().service;
    expect((await restarted.status(9)).hostname).toBe('example.org');
    await restarted.forget(9);
    expect((await setup().service.status(9)).hostname).toBeNull();
  });
});
