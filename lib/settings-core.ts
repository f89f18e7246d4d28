/**
 * Settings without the WXT storage wrapper: shape, defaults, normalisation and plain
 * `storage.sync` reads. The content script imports this module (it runs on every page, and the
 * wrapper would be a fifth of its size); everything else imports `lib/settings.ts`, which adds the
 * versioned `storage.defineItem` on the same key.
 */
import { browser } from 'wxt/browser';
import { MARK_MODES, type MarkMode } from './dom/mark-mode';

export type { MarkMode };

/** Where the settings live: `storage.sync`, key `settings` (WXT's "sync:settings"). */
export const SETTINGS_AREA = 'sync';
export const SETTINGS_KEY = 'settings';

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

/** Reads the stored settings straight from `storage.sync`, made whole. */
export async function readSettings(): Promise<Settings> {
  const stored = await browser.storage.sync.get(SETTINGS_KEY);
  return normalizeSettings(stored[SETTINGS_KEY]);
}

/** Content-script counterpart of `watchSettings`. */
export function onSettingsChanged(onChange: (settings: Settings) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const change = changes[SETTINGS_KEY];
    if (area === SETTINGS_AREA && change) onChange(normalizeSettings(change.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
