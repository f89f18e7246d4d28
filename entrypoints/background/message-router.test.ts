import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { Browser } from 'wxt/browser';
import { Catalog } from '../../lib/catalog/catalog';
import { PageState } from '../../lib/catalog/page-state';
import { suggestedTopics } from '../../lib/catalog/suggested-topics';
import { immigrationTestPack } from '../../tests/support/test-pack';
import { matcherFrom } from '../../lib/match';
import { readPacked } from '../../lib/match/packed';
import { SEARCH_MEASURE, type BackgroundMessage, type MatcherTable } from '../../lib/messages';
import { createMessageRouter, isExtensionPage } from './message-router';

const OWN = { extensionId: 'our-id', extensionOrigin: 'chrome-extension://our-id/' };
const fromOptionsPage: Browser.runtime.MessageSender = { id: 'our-id', url: 'chrome-extension://our-id/options.html' };

const TAB = 12;
const fromTab = (tabId = TAB, frameId = 0): Browser.runtime.MessageSender => ({ tab: { id: tabId } as Browser.tabs.Tab, frameId });

function setup(catalog: () => Promise<Catalog> = async () => new Catalog(immigrationTestPack())) {
  const pageState = new PageState({
    storage: fakeBrowser.storage.session,
    setBadge: (tabId, text) => fakeBrowser.action.setBadgeText({ tabId, text }),
  });
  const router = createMessageRouter({ ...OWN, catalog, pageState });
  const ask = (message: BackgroundMessage, sender: Browser.runtime.MessageSender = {}) => router(message, sender);
  return { router, ask, pageState };
}

describe('background message router', () => {
  beforeEach(() => fakeBrowser.reset());

  it('answers getTermTable with every term of the pack, compiled for matching', async () => {
    const table = (await setup().ask({ type: 'getTermTable' } as BackgroundMessage)) as MatcherTable;
    expect(table.version).toBe('test-sha');
    expect(readPacked(table.compiled).termCount).toBe(13);
    expect(matcherFrom(table.compiled).match('ICE immigration agents and a 287(g) deal').map((found) => found.explainerId)).toEqual(['ice', '287g-program']);
  });

  it('answers getCard, and null for an unknown id', async () => {
    const { ask } = setup();
    expect(await ask({ type: 'getCard', id: '287g-program' })).toMatchObject({ title: '287(g) program' });
    expect(await ask({ type: 'getCard', id: 'missing' })).toBeNull();
  });

  it('answers search with typo-tolerant results and honours the limit', async () => {
    const { ask } = setup();
    const results = (await ask({ type: 'search', query: 'sanctuery' })) as { id: string }[];
    expect(results[0]?.id).toBe('sanctuary-jurisdictions');
    expect(await ask({ type: 'search', query: 'immigration', limit: 2 })).toHaveLength(2);
  });

  it('times each search in the worker, keeping only the latest measures', async () => {
    performance.clearMeasures(SEARCH_MEASURE);
    const { ask } = setup();
    await ask({ type: 'search', query: 'ice' });
    await ask({ type: 'search', query: 'asylum' });
    expect(performance.getEntriesByName(SEARCH_MEASURE)).toHaveLength(2);
    for (let i = 0; i < 520; i++) await ask({ type: 'search', query: 'ice' });
    const kept = performance.getEntriesByName(SEARCH_MEASURE);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThanOrEqual(500);
    performance.clearMeasures(SEARCH_MEASURE);
  });

  it('answers getExplainer and listExplainers', async () => {
    const { ask } = setup();
    expect(await ask({ type: 'getExplainer', id: 'ice' })).toMatchObject({ explainer: { id: 'ice' }, related: [] });
    expect(((await ask({ type: 'listExplainers' } as BackgroundMessage)) as unknown[]).length).toBe(4);
  });

  it('answers suggestedTopics with the titles the full listing suggests', async () => {
    const { ask } = setup();
    const topics = (await ask({ type: 'suggestedTopics' } as BackgroundMessage)) as string[];
    expect(topics).toEqual(suggestedTopics(new Catalog(immigrationTestPack()).listExplainers()));
    expect(topics).toContain('287(g) program');
  });

  it('records pageMatches from a tab, badges it, and lists them for the popup, sorted by count', async () => {
    const { ask } = setup();
    await ask({ type: 'pageMatches', counts: { ice: 2, '287g-program': 5 } }, fromTab(TAB, 0));
    await ask({ type: 'pageMatches', counts: { 'sanctuary-jurisdictions': 1, ice: 4 } }, fromTab(TAB, 3));
    expect(await fakeBrowser.action.getBadgeText({ tabId: TAB })).toBe('3');
    const onPage = (await ask({ type: 'getPageExplainers', tabId: TAB })) as { id: string; count: number; title: string }[];
    expect(onPage.map(({ id, count }) => [id, count])).toEqual([
      ['ice', 6],
      ['287g-program', 5],
      ['sanctuary-jurisdictions', 1],
    ]);
    expect(onPage[1]?.title).toBe('287(g) program');
  });

  it("hands the sender's document id on, so a new page in the tab replaces the old one", async () => {
    const { ask, pageState } = setup();
    await ask({ type: 'pageMatches', counts: { ice: 1 } }, { ...fromTab(TAB, 0), documentId: 'doc-a' });
    await ask({ type: 'pageMatches', counts: { '287g-program': 1 } }, { ...fromTab(TAB, 2), documentId: 'frame-a' });
    await pageState.navigationStarted(TAB);
    await ask({ type: 'pageMatches', counts: { ice: 4 } }, { ...fromTab(TAB, 0), documentId: 'doc-a' });
    expect(await pageState.counts(TAB)).toEqual({ ice: 4, '287g-program': 1 });
    await pageState.navigationStarted(TAB);
    await ask({ type: 'pageMatches', counts: { ice: 1 } }, { ...fromTab(TAB, 0), documentId: 'doc-b' });
    expect(await pageState.counts(TAB)).toEqual({ ice: 1 });
  });

  it('ignores explainer ids the catalog does not know when badging', async () => {
    const { ask } = setup();
    await ask({ type: 'pageMatches', counts: { ice: 1, invented: 3 } }, fromTab());
    expect(await fakeBrowser.action.getBadgeText({ tabId: TAB })).toBe('1');
  });

  it('ignores pageMatches that do not come from a tab', async () => {
    const { ask, pageState } = setup();
    await ask({ type: 'pageMatches', counts: { ice: 1 } }, {});
    expect(await pageState.counts(TAB)).toEqual({});
  });

  it('stays silent for messages the content script answers and for unknown or malformed messages', () => {
    const { router } = setup();
    expect(router({ type: 'reveal', id: 'ice' }, {})).toBeUndefined();
    expect(router({ type: 'navigate', direction: 1 }, {})).toBeUndefined();
    expect(router({ type: 'somethingElse' }, {})).toBeUndefined();
    expect(router('getCard', {})).toBeUndefined();
    expect(router(null, {})).toBeUndefined();
  });

  it('works through runtime.onMessage as the popup would call it', async () => {
    // fakeBrowser is typed with the polyfill's listener signature; the router matches it at run time.
    fakeBrowser.runtime.onMessage.addListener(setup().router as never);
    const card = await fakeBrowser.runtime.sendMessage({ type: 'getCard', id: 'ice' });
    expect(card).toMatchObject({ id: 'ice', title: 'U.S. Immigration and Customs Enforcement (ICE)' });
  });

  it('rejects requests with the pack load error when the pack failed to load', async () => {
    const broken = Promise.reject(new Error('Could not load pack packs/default.json: HTTP 404'));
    broken.catch(() => undefined);
    const { ask } = setup(() => broken);
    await expect(ask({ type: 'getTermTable' } as BackgroundMessage)).rejects.toThrow('HTTP 404');
  });

  it('leaves out the terms of disabled categories and names them in the version', async () => {
    const pageState = new PageState({ storage: fakeBrowser.storage.session, setBadge: async () => undefined });
    const router = createMessageRouter({
      ...OWN,
      catalog: async () => new Catalog(immigrationTestPack()),
      pageState,
      disabledCategories: async () => ['Agencies'],
    });
    const table = (await router({ type: 'getTermTable' }, {})) as MatcherTable;
    const explainers = table.compiled.explainers.split('\n');
    expect(explainers).not.toContain('ice');
    expect(explainers).toContain('287g-program');
    expect(table.version).toBe('test-sha-Agencies');
  });

  it('opens the full explainer page for openExplainer', async () => {
    const opened: [string, string | undefined][] = [];
    const router = createMessageRouter({
      ...OWN,
      catalog: async () => new Catalog(immigrationTestPack()),
      pageState: new PageState({ setBadge: async () => undefined }),
      openExplainer: async (id, query) => {
        opened.push([id, query]);
      },
    });
    await router({ type: 'openExplainer', id: 'ice' }, fromTab());
    await router({ type: 'openExplainer', id: '', query: '287g' }, {});
    expect(opened).toEqual([
      ['ice', undefined],
      ['', '287g'],
    ]);
  });

  it('opens the options page for openOptions, also when a content script (the card menu) asks', async () => {
    let opened = 0;
    const router = createMessageRouter({
      ...OWN,
      catalog: async () => new Catalog(immigrationTestPack()),
      pageState: new PageState({ setBadge: async () => undefined }),
      openOptions: async () => {
        opened++;
      },
    });
    await router({ type: 'openOptions' }, fromTab());
    expect(opened).toBe(1);
  });

  it('refuses pack and pause changes sent from a web page, and stays silent for termTableChanged', async () => {
    const { router } = setup();
    const fromPage = { ...fromTab(), url: 'https://evil.example/' };
    await expect(router({ type: 'subscribePack', url: 'https://evil.example/p.json' }, fromPage)).rejects.toThrow(/only be sent by the extension/);
    await expect(router({ type: 'pauseSite', tabId: TAB, paused: true }, fromPage)).rejects.toThrow(/only be sent by the extension/);
    expect(router({ type: 'termTableChanged', version: 'x' }, {})).toBeUndefined();
  });

  it('answers privileged messages only from pages of this extension, judged on the sender', async () => {
    const { router } = setup();
    const refused = /only be sent by the extension/;
    // A content script (no URL of ours), another extension's page, and a page dressed up with our path.
    await expect(router({ type: 'removePack', id: 'x' }, fromTab())).rejects.toThrow(refused);
    await expect(router({ type: 'removePack', id: 'x' }, { id: 'other', url: 'chrome-extension://other/options.html' })).rejects.toThrow(refused);
    await expect(router({ type: 'removePack', id: 'x' }, { id: 'our-id', url: 'https://evil.example/chrome-extension://our-id/' })).rejects.toThrow(refused);
    // Our options page gets past the check (and then fails only because this router has no pack service).
    await expect(router({ type: 'removePack', id: 'x' }, fromOptionsPage)).rejects.toThrow(/Packs is not available/);
    // Unprivileged requests are answered from anywhere.
    await expect(router({ type: 'search', query: 'ice' }, fromTab())).resolves.toBeInstanceOf(Array);
  });

  it('tells our own pages from everything else', () => {
    expect(isExtensionPage(fromOptionsPage, OWN.extensionId, OWN.extensionOrigin)).toBe(true);
    expect(isExtensionPage({ id: 'our-id' }, OWN.extensionId, OWN.extensionOrigin)).toBe(false);
    expect(isExtensionPage({ id: 'our-id', url: 'https://example.com/' }, OWN.extensionId, OWN.extensionOrigin)).toBe(false);
  });
});

