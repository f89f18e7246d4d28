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
 * The language the browser serves the extension's messages in: Spanish under a Spanish browser,
 * English under any other (the default locale). Read from the messages themselves (`uiLanguage` is
 * each file's own code): Chromium may serve Spanish messages while getUILanguage() still says en-US.
 */
export function browserLanguage(): ReaderLang {
  const tags: (() => string | undefined)[] = [
    // Typed by WXT from the messages at `wxt prepare`; the plain signature keeps this independent of that step.
    () => (browser.i18n.getMessage as (name: string) => string)('uiLanguage'),
    () => browser.i18n.getUILanguage(),
    () => globalThis.navigator?.language,
  ];
  for (const tag of tags) {
    try {
      const lang = readerLangOf(tag());
      if (lang) return lang;
    } catch {
      // No i18n API (unit tests, an invalidated context): try the next source.
    }
  }
  return 'en';
}

/**
 * The Intl locale for text in `lang`: the browser's own tag when it is that language (so a reader in
 * Mexico keeps es-MX grouping and dates), else the bare language.
 */
export function intlLocale(lang: ReaderLang): string {
  const own = globalThis.navigator?.language;
  return readerLangOf(own) === lang && own ? own : lang;
}

/**
 * Which language to show an explainer in: the reader's choice, or with `auto` the language of what
 * they are reading (the mark's block on a card, the browser's interface in the popup and on the
 * explainer page); English when that is unknown or neither language.
 */
export function wantedLanguage(setting: ExplainerLanguage, context: ReaderLang | undefined): ReaderLang {
  return setting === 'auto' ? (context ?? 'en') : setting;
}
