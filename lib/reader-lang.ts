import { browser } from 'wxt/browser';
import type { Lang } from './pack-format/types';
import type { ExplainerLanguage } from './settings-core';

/** The languages explainers and the interface come in (the pack's languages). */
export type ReaderLang = Lang;

/** `es`, `es-419`, `ES_mx` → 'es'; `en-GB` → 'en'; anything else (or nothing) → undefined. */
export function readerLangOf(tag: string | null | undefined): ReaderLang | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'es' || primary === 'en' ? primary : undefined;
}

/**
 * The language the interface's messages come in: Spanish under a Spanish browser, English under any
 * other (English is the default locale, so Chrome and Firefox fall back to it).
 */
export function browserLanguage(): ReaderLang {
  let tag: string | undefined;
  try {
    tag = browser.i18n.getUILanguage();
  } catch {
    // No i18n API (unit tests): the page's own idea of the language is the next best.
  }
  return readerLangOf(tag ?? globalThis.navigator?.language) ?? 'en';
}

/**
 * Which language to show an explainer in: the reader's choice, or with `auto` the language of what
 * they are reading (the mark's block on a card, the browser's interface in the popup and on the
 * explainer page); English when that is unknown or neither language.
 */
export function wantedLanguage(setting: ExplainerLanguage, context: ReaderLang | undefined): ReaderLang {
  return setting === 'auto' ? (context ?? 'en') : setting;
}
