import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { PageState } from '../../lib/catalog/page-state';
import { createTabRemovedListener, createTabUpdatedListener } from './tab-lifecycle';

const TAB = 3;

async function setup() {
  const pageState = new PageState({
    storage: fakeBrowser.storage.session,
    setBadge: (tabId, text) => fakeBrowser.action.setBadgeText({ tabId, text }),
  });
  fakeBrowser.tabs.onUpdated.addListener(createTabUpdatedListener(pageState) as never);
  fakeBrowser.tabs.onRemoved.addListener(createTabRemovedListener(pageState));
  await pageState.recordFrame(TAB, 0, { ice: 2, cbp: 1 });
  return pageState;
}

describe('tab lifecycle', () => {
  beforeEach(() => fakeBrowser.reset());

  it('clears mentions and badge when the tab starts loading another URL', async () => {
    const pageState = await setup();
    await fakeBrowser.tabs.onUpdated.trigger(TAB, { status: 'loading', url: 'https://example.org/next' }, {} as never);
    expect(await pageState.counts(TAB)).toEqual({});
    expect(await fakeBrowser.action.getBadgeText({ tabId: TAB })).toBe('');
  });

  it('without a URL, notes the load and lets the next main-frame report decide', async () => {
    const pageState = await setup();
    await fakeBrowser.tabs.onUpdated.trigger(TAB, { status: 'loading' }, {} as never);
    expect(await pageState.counts(TAB)).toEqual({ ice: 2, cbp: 1 });
    await pageState.recordFrame(TAB, 0, {}, 'another-document');
    expect(await pageState.counts(TAB)).toEqual({});
    expect(await fakeBrowser.action.getBadgeText({ tabId: TAB })).toBe('');
  });

  it('keeps mentions for updates that are not a navigation', async () => {
    const pageState = await setup();
    await fakeBrowser.tabs.onUpdated.trigger(TAB, { status: 'complete' }, {} as never);
    await fakeBrowser.tabs.onUpdated.trigger(TAB, { title: 'New title' }, {} as never);
    expect(await pageState.counts(TAB)).toEqual({ ice: 2, cbp: 1 });
    expect(await fakeBrowser.action.getBadgeText({ tabId: TAB })).toBe('2');
  });

  it('leaves other tabs alone', async () => {
    const pageState = await setup();
    await fakeBrowser.tabs.onUpdated.trigger(99, { status: 'loading', url: 'https://example.org/' }, {} as never);
    expect(await pageState.counts(TAB)).toEqual({ ice: 2, cbp: 1 });
  });

  it('forgets a tab when it closes', async () => {
    const pageState = await setup();
    await fakeBrowser.tabs.onRemoved.trigger(TAB, { windowId: 1, isWindowClosing: false });
    expect(await pageState.counts(TAB)).toEqual({});
  });
});
