/**
 * Settings without the WXT storage wrapper: shape, defaults, normalisation and plain
 * `storage.sync` reads. The content script imports this module (it runs on every page, and the
 * wrapper would be a fifth of its size); everything else imports `lib/settings.ts`, which adds the
 * versioned `storage.defineItem` on the same key.
 */
import { browser } from 'wxt/browser';

/** How many mentions get a visible mark. */
export type MarkMode = 'first-per-section' | 'every';

const MARK_MODES: readonly MarkMode[] = ['first-per-section', 'every'];


/** Where the settings live: `storage.sync`, key `settings` (WXT's "sync:settings"). */
export const SETTINGS_AREA = 'sync';
export const SETTINGS_KEY = 'settings';

/** How marks look: dotted underline, a light tint, or invisible (cards still open). */
export type HighlightStyle = 'underline' | 'tint' | 'none';
const HIGHLIGHT_STYLES: readonly HighlightStyle[] = ['underline', 'tint', 'none'];

/** What opens a card: resting the pointer on a mark, or clicking it. */
type OpenOn = 'hover' | 'click';
const OPEN_ON: readonly OpenOn[] = ['hover', 'click'];

/**
 * Which language explainers are shown in: `auto` follows the text (the mark's block language on a
 * card; the browser's interface language in the popup and on the explainer page).
 */
export type ExplainerLanguage = 'auto' | 'en' | 'es';
const EXPLAINER_LANGUAGES: readonly ExplainerLanguage[] = ['auto', 'en', 'es'];

/** Reader preferences, synced across the reader's browsers. */
export interface Settings {
  /** Master switch: when off, pages are not scanned or marked. */
  enabled: boolean;
  /** Mark the first mention of each explainer per section, or every mention. */
  markMode: MarkMode;
  highlightStyle: HighlightStyle;
  openOn: OpenOn;
  /** Dwell before a hover card opens. */
  hoverDelayMs: number;
  /** Explainer categories the reader does not want marked (the background leaves them out of the term table). */
  disabledCategories: string[];
  /** Lower-case hostnames where the reader paused the extension. */
  pausedSites: string[];
  /** Explainer ids the reader chose not to see marked ("Don't mark this topic" in the card). */
  hiddenExplainers: string[];
  explainerLanguage: ExplainerLanguage;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
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

/** Sane bounds for the dwell: shorter opens cards by accident, longer feels broken. */
export const HOVER_DELAY_RANGE = { min: 100, max: 2000 } as const;

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/** Unique non-empty strings, in stored order. */
function stringList(value: unknown, clean: (text: string) => string): string[] {
  if (!Array.isArray(value)) return [];
  const items = value.filter((item): item is string => typeof item === 'string').map((item) => clean(item.trim()));
  return [...new Set(items.filter(Boolean))];
}

/**
 * Settings as stored, made whole: missing or invalid fields take their defaults, so a value written
 * by an older or newer version, or edited by hand, never breaks a page.
 */
export function normalizeSettings(raw: unknown): Settings {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<Record<keyof Settings, unknown>>;
  const delay = value.hoverDelayMs;
  return {
    enabled: typeof value.enabled === 'boolean' ? value.enabled : DEFAULT_SETTINGS.enabled,
    markMode: oneOf(value.markMode, MARK_MODES, DEFAULT_SETTINGS.markMode),
    highlightStyle: oneOf(value.highlightStyle, HIGHLIGHT_STYLES, DEFAULT_SETTINGS.highlightStyle),
    openOn: oneOf(value.openOn, OPEN_ON, DEFAULT_SETTINGS.openOn),
    disabledCategories: stringList(value.disabledCategories, (text) => text),
    pausedSites: stringList(value.pausedSites, (text) => text.toLowerCase()),
    hiddenExplainers: stringList(value.hiddenExplainers, (text) => text),
    explainerLanguage: oneOf(value.explainerLanguage, EXPLAINER_LANGUAGES, DEFAULT_SETTINGS.explainerLanguage),
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

/**
 * Changes the stored settings from the content script, which has no WXT storage wrapper: reads,
 * applies `change` to the whole settings and writes them back under the same key (the wrapper's
 * version marker is left as it is, and the shape stays valid for it).
 */
export async function changeStoredSettings(change: (settings: Settings) => Partial<Settings>): Promise<void> {
  const current = await readSettings();
  await browser.storage.sync.set({ [SETTINGS_KEY]: normalizeSettings({ ...current, ...change(current) }) });
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
