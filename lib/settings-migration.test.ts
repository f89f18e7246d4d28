import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_SETTINGS, loadSettings, readSettings, SETTINGS_MIGRATIONS, SETTINGS_VERSION, settingsItem } from './settings';

const V1 = { enabled: false, markMode: 'every', hoverDelayMs: 500 };

async function stored(): Promise<{ value: unknown; meta: unknown }> {
  const items = await fakeBrowser.storage.sync.get(['settings', 'settings$']);
  return { value: items.settings, meta: items['settings$'] };
}

describe('settings storage migrations', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is at version 3 with one step per version after 1', () => {
    expect(SETTINGS_VERSION).toBe(3);
    expect(Object.keys(SETTINGS_MIGRATIONS).map(Number)).toEqual([2, 3]);
  });

  it('migrates a version 1 value: keeps its keys, adds the new ones with defaults, records version 3', async () => {
    await fakeBrowser.storage.sync.set({ settings: V1, settings$: { v: 1 } });
    await settingsItem.migrate();
    expect(await stored()).toEqual({
      value: { ...V1, highlightStyle: 'underline', openOn: 'hover', disabledCategories: [], pausedSites: [], explainerLanguage: 'auto', hiddenExplainers: [] },
      meta: { v: 3 },
    });
    expect(await loadSettings()).toEqual({ ...DEFAULT_SETTINGS, ...V1 });
  });

  it('treats a value without version metadata as version 1 (written before versioning)', async () => {
    await fakeBrowser.storage.sync.set({ settings: { markMode: 'every' } });
    await settingsItem.migrate();
    expect(await stored()).toEqual({ value: { ...DEFAULT_SETTINGS, markMode: 'every' }, meta: { v: 3 } });
  });

  it('replaces invalid version 1 values with defaults while migrating', async () => {
    await fakeBrowser.storage.sync.set({ settings: { enabled: 'yes', hoverDelayMs: 5 }, settings$: { v: 1 } });
    await settingsItem.migrate();
    expect((await stored()).value).toEqual({ ...DEFAULT_SETTINGS, hoverDelayMs: 100 });
  });

  it('migrates a version 2 value: keeps every key and adds explainerLanguage "auto" and no hidden topics', async () => {
    const v2 = { enabled: true, markMode: 'every', highlightStyle: 'tint', openOn: 'click', hoverDelayMs: 700, disabledCategories: ['Agencies'], pausedSites: ['example.org'] };
    await fakeBrowser.storage.sync.set({ settings: v2, settings$: { v: 2 } });
    await settingsItem.migrate();
    expect(await stored()).toEqual({ value: { ...v2, explainerLanguage: 'auto', hiddenExplainers: [] }, meta: { v: 3 } });
  });

  it('leaves a version 3 value alone, its explainer language included', async () => {
    const v3 = { ...DEFAULT_SETTINGS, pausedSites: ['example.org'], explainerLanguage: 'es' };
    await fakeBrowser.storage.sync.set({ settings: v3, settings$: { v: 3 } });
    await settingsItem.migrate();
    expect(await stored()).toEqual({ value: v3, meta: { v: 3 } });
  });

  it('replaces an unknown explainer language with "auto" when reading', async () => {
    await fakeBrowser.storage.sync.set({ settings: { ...DEFAULT_SETTINGS, explainerLanguage: 'fr' }, settings$: { v: 3 } });
    expect((await loadSettings()).explainerLanguage).toBe('auto');
  });

  it('writes nothing on a fresh install, and reads defaults', async () => {
    await settingsItem.migrate();
    expect((await stored()).value).toBeUndefined();
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    expect(await readSettings()).toEqual(DEFAULT_SETTINGS);
  });
});
