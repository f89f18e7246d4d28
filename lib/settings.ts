import { storage } from 'wxt/utils/storage';
import { DEFAULT_SETTINGS, normalizeSettings, SETTINGS_AREA, SETTINGS_KEY, type Settings } from './settings-core';

export * from './settings-core';

/** Version of the stored shape; bump it and add a step to SETTINGS_MIGRATIONS when the shape changes. */
export const SETTINGS_VERSION = 3;

/**
 * Steps WXT runs, in order, on a value stored by an older version (when any extension context
 * defines the item, i.e. at the first background start after an update).
 * - 2: version 1 had `enabled`, `markMode`, `hoverDelayMs`; version 2 keeps them and adds
 *   `highlightStyle`, `openOn`, `disabledCategories` and `pausedSites` with their defaults.
 * - 3: adds `explainerLanguage` as `auto` (match the page), which shows English on English pages
 *   exactly as version 2 did.
 */
export const SETTINGS_MIGRATIONS: Record<number, (old: unknown) => unknown> = {
  2: (v1) => normalizeSettings(v1),
  3: (v2) => normalizeSettings(v2),
};

export const settingsItem = storage.defineItem<Settings>(`${SETTINGS_AREA}:${SETTINGS_KEY}`, {
  version: SETTINGS_VERSION,
  fallback: { ...DEFAULT_SETTINGS },
  migrations: SETTINGS_MIGRATIONS,
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

