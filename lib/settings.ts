import { storage } from 'wxt/utils/storage';
import { MARK_MODES, type MarkMode } from './dom/mark-mode';

export type { MarkMode };

/** Reader preferences, synced across the reader's browsers. */
export interface Settings {
  /** Master switch: when off, pages are not scanned or marked. */
  enabled: boolean;
  /** Mark the first mention of each explainer per section, or every mention. */
  markMode: MarkMode;
  /** Dwell before a hover card opens. */
  hoverDelayMs: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enabled: true,
  markMode: 'first-per-section',
  hoverDelayMs: 350,
});

/** Sane bounds for the dwell: shorter opens cards by accident, longer feels broken. */
export const HOVER_DELAY_RANGE = { min: 100, max: 2000 } as const;

/**
 * Settings as stored, made whole: missing or invalid fields take their defaults, so a value written
 * by an older or newer version, or edited by hand, never breaks a page.
 */
export function normalizeSettings(raw: unknown): Settings {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<Record<keyof Settings, unknown>>;
  const delay = value.hoverDelayMs;
  return {
    enabled: typeof value.enabled === 'boolean' ? value.enabled : DEFAULT_SETTINGS.enabled,
    markMode: MARK_MODES.includes(value.markMode as MarkMode) ? (value.markMode as MarkMode) : DEFAULT_SETTINGS.markMode,
    hoverDelayMs:
      typeof delay === 'number' && Number.isFinite(delay)
        ? Math.min(HOVER_DELAY_RANGE.max, Math.max(HOVER_DELAY_RANGE.min, Math.round(delay)))
        : DEFAULT_SETTINGS.hoverDelayMs,
  };
}

/**
 * Version 1 of the stored shape. A future version adds `migrations: { 2: (v1) => v2 }` here; WXT
 * runs them on extension update.
 */
export const settingsItem = storage.defineItem<Settings>('sync:settings', {
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
