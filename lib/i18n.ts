import { browser } from 'wxt/browser';
import type messages from '../public/_locales/en/messages.json';

/** Every UI string key; English in public/_locales/en/messages.json is the source of truth. */
export type MessageKey = keyof typeof messages;

/**
 * The UI string for `key` in the reader's language. Falls back to the key itself, so a missing
 * translation shows up as an obvious identifier instead of an empty button.
 */
export function t(key: MessageKey, substitutions?: string | number | (string | number)[]): string {
  const subs = substitutions === undefined ? undefined : [substitutions].flat().map(String);
  try {
    const message = (browser.i18n.getMessage as (name: string, subs?: string[]) => string)(key, subs);
    if (message) return message;
  } catch {
    // No i18n API (unit tests, or a page where the extension context was invalidated).
  }
  return key;
}
