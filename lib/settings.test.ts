import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  changeStoredSettings,
  DEFAULT_SETTINGS,
  HOVER_DELAY_RANGE,
  loadSettings,
  normalizeSettings,
  onSettingsChanged,
  readSettings,
  settingsItem,
  updateSettings,
  watchSettings,
} from './settings';

describe('settings', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('defaults to enabled, first mention per section, underline, hover with a 350 ms dwell, explainers in the page\'s language', async () => {
    expect(await loadSettings()).toEqual({
      enabled: true,
      markMode: 'first-per-section',
      highlightStyle: 'underline',
      openOn: 'hover',
      hoverDelayMs: 350,
      disabledCategories: [],
      pausedSites: [],
      hiddenExplainers: [],
      explainerLanguage: 'auto',
    });
  });

  it('keeps the topics the reader chose not to mark, and the content script can add one without the storage wrapper', async () => {
    expect(normalizeSettings({ hiddenExplainers: ['ice', '', 'ice', 7] }).hiddenExplainers).toEqual(['ice']);
    await updateSettings({ markMode: 'every' });
    await changeStoredSettings((current) => ({ hiddenExplainers: [...current.hiddenExplainers, '287g-program'] }));
    expect(await loadSettings()).toEqual({ ...DEFAULT_SETTINGS, markMode: 'every', hiddenExplainers: ['287g-program'] });
  });

  it('keeps only unique non-empty strings in the lists, hostnames in lower case', () => {
    const settings = normalizeSettings({
      disabledCategories: ['Agencies', '', 'Agencies', 3],
      pausedSites: ['Example.ORG', ' news.example ', null],
      highlightStyle: 'tint',
      openOn: 'click',
    });
    expect(settings.disabledCategories).toEqual(['Agencies']);
    expect(settings.pausedSites).toEqual(['example.org', 'news.example']);
    expect(settings.highlightStyle).toBe('tint');
    expect(settings.openOn).toBe('click');
    expect(normalizeSettings({ highlightStyle: 'blink', openOn: 'never' })).toMatchObject({ highlightStyle: 'underline', openOn: 'hover' });
  });

  it('is stored whole under sync:settings', async () => {
    await updateSettings({ markMode: 'every' });
    const stored = await fakeBrowser.storage.sync.get('settings');
    expect(stored.settings).toEqual({ ...DEFAULT_SETTINGS, markMode: 'every' });
    expect(await loadSettings()).toEqual({ ...DEFAULT_SETTINGS, markMode: 'every' });
  });

  it('fills fields missing from an older stored shape', async () => {
    await fakeBrowser.storage.sync.set({ settings: { enabled: false } });
    expect(await loadSettings()).toEqual({ ...DEFAULT_SETTINGS, enabled: false });
  });

  it('replaces invalid values with defaults and clamps the dwell', () => {
    expect(normalizeSettings({ enabled: 'yes', markMode: 'sometimes', hoverDelayMs: Number.NaN })).toEqual(
      DEFAULT_SETTINGS,
    );
    expect(normalizeSettings({ hoverDelayMs: 5 }).hoverDelayMs).toBe(HOVER_DELAY_RANGE.min);
    expect(normalizeSettings({ hoverDelayMs: 99999 }).hoverDelayMs).toBe(HOVER_DELAY_RANGE.max);
    expect(normalizeSettings(null)).toEqual(DEFAULT_SETTINGS);
  });

  it('reads the same stored value without the storage wrapper (content script path)', async () => {
    expect(await readSettings()).toEqual(DEFAULT_SETTINGS);
    await updateSettings({ markMode: 'every', hoverDelayMs: 500 });
    expect(await readSettings()).toEqual({ ...DEFAULT_SETTINGS, markMode: 'every', hoverDelayMs: 500 });
    const seen = vi.fn();
    const stop = onSettingsChanged(seen);
    await updateSettings({ enabled: false });
    await vi.waitFor(() =>
      expect(seen).toHaveBeenCalledWith({ ...DEFAULT_SETTINGS, enabled: false, markMode: 'every', hoverDelayMs: 500 }),
    );
    stop();
    await fakeBrowser.storage.local.set({ settings: { enabled: true } });
    await updateSettings({ hoverDelayMs: 900 });
    expect(seen).toHaveBeenCalledTimes(1);
  });

  it('reports changes as whole settings', async () => {
    const seen = vi.fn();
    const unwatch = watchSettings(seen);
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, hoverDelayMs: 600 });
    await vi.waitFor(() => expect(seen).toHaveBeenCalledWith({ ...DEFAULT_SETTINGS, hoverDelayMs: 600 }));
    unwatch();
    await updateSettings({ enabled: false });
    expect(seen).toHaveBeenCalledTimes(1);
  });
});
