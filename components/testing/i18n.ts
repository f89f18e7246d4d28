import { vi } from 'vitest';
import { browser } from 'wxt/browser';
import messages from '../../public/_locales/en/messages.json';

interface Entry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

/** getMessage as the browser implements it for our English messages: named placeholders map to $1..$9. */
export function englishMessage(name: string, substitutions?: string | string[]): string {
  const entry = (messages as Record<string, Entry>)[name];
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : [substitutions].flat();
  const positional = (text: string) => text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
  return entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
    const placeholder = entry.placeholders?.[name.toLowerCase()];
    return placeholder ? positional(placeholder.content) : whole;
  });
}

/** Makes `t()` return real English strings in component tests (fakeBrowser's i18n throws). */
export function useEnglishMessages(): void {
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation(englishMessage as typeof browser.i18n.getMessage);
}
