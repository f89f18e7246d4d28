import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import english from '../public/_locales/en/messages.json';
import spanish from '../public/_locales/es/messages.json';
import { t as browserT, type MessageKey } from '../lib/i18n';
import { browserLanguage, intlLocale, type ReaderLang } from '../lib/reader-lang';

type Substitutions = string | number | (string | number)[];
export type Translate = (key: MessageKey, substitutions?: Substitutions) => string;

interface Entry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

const TABLES: Record<ReaderLang, Record<string, Entry>> = { en: english, es: spanish };

/** What `browser.i18n.getMessage` does with a message: named placeholders → their `$n` contents → the substitutions. */
function formatMessage(entry: Entry, substitutions?: Substitutions): string {
  const subs = substitutions === undefined ? [] : [substitutions].flat().map(String);
  const positional = (text: string) => text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
  return entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
    const placeholder = entry.placeholders?.[name.toLowerCase()];
    return placeholder ? positional(placeholder.content) : whole;
  });
}

/**
 * UI strings in `lang`. The browser's own messages when that is its interface language; otherwise
 * the bundled table, since `browser.i18n` only speaks the browser's language and a Spanish card on
 * an English browser must not say "Read the full explainer".
 */
export function translator(lang: ReaderLang): Translate {
  if (lang === browserLanguage()) return browserT;
  const table = TABLES[lang];
  return (key, substitutions) => {
    const entry = table[key];
    return entry ? formatMessage(entry, substitutions) : browserT(key, substitutions);
  };
}

export interface UiLang {
  lang: ReaderLang;
  /** For Intl, always explicit: an extension page's default Intl locale need not be the language shown. */
  locale: string;
  t: Translate;
}

function uiLang(lang: ReaderLang): UiLang {
  return { lang, locale: intlLocale(lang), t: translator(lang) };
}

const LangContext = createContext<UiLang | null>(null);

/** Everything inside speaks `lang`: its strings, dates and numbers. */
export function LangProvider({ lang, children }: { lang: ReaderLang; children: ComponentChildren }) {
  return <LangContext.Provider value={uiLang(lang)}>{children}</LangContext.Provider>;
}

/** The surrounding LangProvider's language, or the browser's. */
export function useLang(): UiLang {
  return useContext(LangContext) ?? uiLang(browserLanguage());
}
