import { storage } from 'wxt/utils/storage';
import { DEFAULT_SETTINGS, normalizeSettings, SETTINGS_AREA, SETTINGS_KEY, type Settings } from './settings-core';

export * from './settings-core';

/**
 * Version 1 of the stored shape. A future version adds `migrations: { 2: (v1) => v2 }` here; WXT
 * runs them on extension update.
 */
export const settingsItem = storage.defineItem<Settings>(`${SETTINGS_AREA}:${SETTINGS_KEY}`, {
  version: 1,
  fallback: { ...DEFAULT_SETTINGS },
});

export async function loadSettings(): Promise<Settings> {
  return normalizeSettings(await settingsItem.getValue());
}

/** Merges a partial change into the stored settings. */
export async function updateSettings(change: Partial<Settings>): Promise<Settings> {
  const next = normalizeSettings({ ...(await loadSettings()), ...change });
  await settingsItem.setValue(next);
  return next;
}

/** Calls `onChange` with whole, valid settings on every change; returns the unwatch function. */
export function watchSettings(onChange: (settings: Settings) => void): () => void {
  return settingsItem.watch((value) => onChange(normalizeSettings(value)));
}

