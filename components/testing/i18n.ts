import { vi } from 'vitest';
import { browser } from 'wxt/browser';
import messages from '../../public/_locales/en/messages.json';
import { isPackProblem, renderPackProblem, type PackProblem } from '../../lib/pack-store/problem';

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
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation(englishMessage);
}

/** A pack problem in English, as the options page shows it with the English messages. */
export function englishProblem(problem: PackProblem): string {
  return renderPackProblem(problem, englishMessage);
}

/**
 * Matches a PackProblem whose English text is `expected` (or matches it), for `toEqual` /
 * `toMatchObject`: `{ ok: false, error: problemMatching(/hash mismatch/) }`.
 */
export function problemMatching(expected: string | RegExp) {
  return {
    asymmetricMatch(actual: unknown): boolean {
      if (!isPackProblem(actual)) return false;
      const text = englishProblem(actual);
      return typeof expected === 'string' ? text === expected : expected.test(text);
    },
    toString: () => `PackProblem reading ${String(expected)}`,
    toAsymmetricMatcher: () => `PackProblem reading ${String(expected)}`,
  };
}
