import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { Catalog } from './catalog';
import { badgeText, PageState, pageExplainers } from './page-state';
import { immigrationTestPack } from '../../tests/support/test-pack';

const TAB = 7;

function newState() {
  return new PageState({
    storage: fakeBrowser.storage.session,
    setBadge: (tabId, text) => fakeBrowser.action.setBadgeText({ tabId, text }),
  });
}

const badge = (tabId = TAB) => fakeBrowser.action.getBadgeText({ tabId });

describe('PageState', () => {
  beforeEach(() => fakeBrowser.reset());

  it('adds counts across frames and badges the number of distinct explainers', async () => {
    const state = newState();
    await state.recordFrame(TAB, 0, { '287g-program': 3, ice: 2 });
    await state.recordFrame(TAB, 5, { '287g-program': 1, 'sanctuary-jurisdictions': 4 });
    expect(await state.counts(TAB)).toEqual({ '287g-program': 4, ice: 2, 'sanctuary-jurisdictions': 4 });
    expect(await badge()).toBe('3');
  });

  it('adds marked counts across frames, and lists them beside the mentions for the popup', async () => {
    const state = newState();
    await state.recordFrame(TAB, 0, { ice: 8, '287g-program': 1 }, undefined, { ice: 2, '287g-program': 1 });
    await state.recordFrame(TAB, 5, { ice: 1 }, undefined, { ice: 1 });
    expect(await state.markedCounts(TAB)).toEqual({ ice: 3, '287g-program': 1 });
    const listed = await pageExplainers(await state.counts(TAB), new Catalog(immigrationTestPack()), 'en', await state.markedCounts(TAB));
    expect(listed.find((item) => item.id === 'ice')).toMatchObject({ count: 9, marked: 3 });
  });

  it('knows no marked counts while a frame has not reported them', async () => {
    const state = newState();
    await state.recordFrame(TAB, 0, { ice: 8 }, undefined, { ice: 2 });
    await state.recordFrame(TAB, 5, { ice: 1 });
    expect(await state.markedCounts(TAB)).toBeUndefined();
  });

  it("replaces a frame's earlier report instead of adding to it", async () => {
    const state = newState();
    await state.recordFrame(TAB, 0, { ice: 2 });
    await state.recordFrame(TAB, 0, { ice: 5 });
    expect(await state.counts(TAB)).toEqual({ ice: 5 });
  });

  it('clears the badge when the only frame with mentions now reports none', async () => {
    const state = newState();
    await state.recordFrame(TAB, 0, { ice: 2 });
    await state.recordFrame(TAB, 0, {});
    expect(await state.counts(TAB)).toEqual({});
    expect(await badge()).toBe('');
  });

  it('ignores counts that are not positive numbers', async () => {
    const state = newState();
    await state.recordFrame(TAB, 0, { ice: 0, cbp: -2, x: Number.NaN, y: '3' as unknown as number, z: 2.7 });
    expect(await state.counts(TAB)).toEqual({ z: 2 });
  });

  it('keeps tabs apart', async () => {
    const state = newState();
    await state.recordFrame(1, 0, { ice: 1 });
    await state.recordFrame(2, 0, { cbp: 1, ice: 1 });
    expect(await state.counts(1)).toEqual({ ice: 1 });
    expect(await badge(1)).toBe('1');
    expect(await badge(2)).toBe('2');
  });

  it('does not lose a report when two frames report at the same moment', async () => {
    const state = newState();
    await Promise.all([
      state.recordFrame(TAB, 0, { ice: 1 }),
      state.recordFrame(TAB, 1, { cbp: 1 }),
      state.recordFrame(TAB, 2, { '287g-program': 1 }),
    ]);
    expect(await state.counts(TAB)).toEqual({ ice: 1, cbp: 1, '287g-program': 1 });
    expect(await badge()).toBe('3');
  });

  it('survives a service-worker restart through session storage', async () => {
    await newState().recordFrame(TAB, 0, { ice: 2 });
    const restarted = newState();
    expect(await restarted.counts(TAB)).toEqual({ ice: 2 });
    await restarted.recordFrame(TAB, 3, { cbp: 1 });
    expect(await restarted.counts(TAB)).toEqual({ ice: 2, cbp: 1 });
  });

  it('works in memory when there is no session storage', async () => {
    const state = new PageState({ setBadge: async () => {} });
    await state.recordFrame(TAB, 0, { ice: 2 });
    expect(await state.counts(TAB)).toEqual({ ice: 2 });
  });

  it('resets a navigated tab: counts, storage and badge', async () => {
    const state = newState();
    await state.recordFrame(TAB, 0, { ice: 2 });
    await state.resetTab(TAB);
    expect(await state.counts(TAB)).toEqual({});
    expect(await badge()).toBe('');
    expect(await newState().counts(TAB)).toEqual({});
  });

  it('forgets a closed tab without touching its badge', async () => {
    const calls: string[] = [];
    const state = new PageState({ storage: fakeBrowser.storage.session, setBadge: async (_tab, text) => void calls.push(text) });
    await state.recordFrame(TAB, 0, { ice: 2 });
    await state.forgetTab(TAB);
    expect(await newState().counts(TAB)).toEqual({});
    expect(calls).toEqual(['1']);
  });

  describe('after a navigation starts (no URL known)', () => {
    it('drops frames of the old page when the main frame reports from a new document', async () => {
      const state = newState();
      await state.recordFrame(TAB, 0, { ice: 2 }, 'doc-a');
      await state.recordFrame(TAB, 4, { cbp: 1 }, 'frame-a');
      await state.navigationStarted(TAB);
      await state.recordFrame(TAB, 7, { tps: 1 }, 'frame-b'); // an iframe of the new page, reporting first
      await state.recordFrame(TAB, 0, {}, 'doc-b');
      expect(await state.counts(TAB)).toEqual({ tps: 1 });
      expect(await badge()).toBe('1');
    });

    it('keeps every frame when the main frame reports from the same document (history API)', async () => {
      const state = newState();
      await state.recordFrame(TAB, 0, { ice: 2 }, 'doc-a');
      await state.recordFrame(TAB, 4, { cbp: 1 }, 'frame-a');
      await state.navigationStarted(TAB);
      await state.recordFrame(TAB, 0, { ice: 3 }, 'doc-a');
      expect(await state.counts(TAB)).toEqual({ ice: 3, cbp: 1 });
    });

    it('keeps the same document recognisable after it reported no mentions', async () => {
      const state = newState();
      await state.recordFrame(TAB, 0, {}, 'doc-a');
      await state.recordFrame(TAB, 4, { cbp: 1 }, 'frame-a');
      await state.navigationStarted(TAB);
      await state.recordFrame(TAB, 0, {}, 'doc-a');
      expect(await state.counts(TAB)).toEqual({ cbp: 1 });
    });

    it('treats a main-frame report without a document id as a new page', async () => {
      const state = newState();
      await state.recordFrame(TAB, 0, { ice: 2 });
      await state.recordFrame(TAB, 4, { cbp: 1 });
      await state.navigationStarted(TAB);
      await state.recordFrame(TAB, 0, { tps: 1 });
      expect(await state.counts(TAB)).toEqual({ tps: 1 });
    });

    it('leaves the tab alone while only iframes report', async () => {
      const state = newState();
      await state.recordFrame(TAB, 0, { ice: 2 }, 'doc-a');
      await state.navigationStarted(TAB);
      await state.recordFrame(TAB, 4, { cbp: 1 }, 'frame-a');
      expect(await state.counts(TAB)).toEqual({ ice: 2, cbp: 1 });
    });

    it('settles a navigation noted before a service-worker restart', async () => {
      const first = newState();
      await first.recordFrame(TAB, 0, { ice: 2 }, 'doc-a');
      await first.navigationStarted(TAB);
      await newState().recordFrame(TAB, 0, { cbp: 1 }, 'doc-b');
      expect(await newState().counts(TAB)).toEqual({ cbp: 1 });
    });
  });

  it('ignores stored state in a shape it does not know', async () => {
    await fakeBrowser.storage.session.set({ [`pageMentions:${TAB}`]: { 0: { ice: 2 } } });
    expect(await newState().counts(TAB)).toEqual({});
  });

  it('keeps working when the badge cannot be set (tab already gone)', async () => {
    const state = new PageState({ setBadge: () => Promise.reject(new Error('No tab with id: 7')) });
    await expect(state.recordFrame(TAB, 0, { ice: 1 })).resolves.toBeUndefined();
    expect(await state.counts(TAB)).toEqual({ ice: 1 });
  });
});

describe('badgeText', () => {
  it('is empty for no explainers and the distinct count otherwise', () => {
    expect(badgeText({})).toBe('');
    expect(badgeText({ a: 10, b: 1 })).toBe('2');
  });
});

describe('pageExplainers', () => {
  it('names each explainer, sorts by count, and drops ids the catalog lacks', async () => {
    const catalog = new Catalog(immigrationTestPack());
    const list = await pageExplainers({ ice: 2, '287g-program': 9, gone: 50, 'sanctuary-jurisdictions': 2 }, catalog);
    expect(list.map((item) => [item.id, item.count])).toEqual([
      ['287g-program', 9],
      ['sanctuary-jurisdictions', 2],
      ['ice', 2],
    ]);
    expect(list[0]).toMatchObject({ title: '287(g) program', summary: expect.stringContaining('ICE deputizes') });
  });
});
