// Every locale under public/_locales carries every English key with the same placeholders: Chrome
// falls back to English key by key, so a gap would show one English string in a Spanish popup, and a
// placeholder mismatch would drop or garble a number, a date or a name.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORY_MESSAGES } from './i18n';

interface Entry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
type Messages = Record<string, Entry>;

const LOCALES_DIR = join(import.meta.dirname, '..', 'public', '_locales');
const read = (locale: string): Messages => JSON.parse(readFileSync(join(LOCALES_DIR, locale, 'messages.json'), 'utf8')) as Messages;
const english = read('en');
const others = readdirSync(LOCALES_DIR).filter((locale) => locale !== 'en');

/** Placeholder name → content, and the $NAME$ references the message text makes. */
function shape(entry: Entry): { placeholders: Record<string, string>; used: string[] } {
  const placeholders = Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([name, value]) => [name.toLowerCase(), value.content]));
  const used = [...entry.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((match) => match[1]!.toLowerCase()).sort();
  return { placeholders, used };
}

/** What is wrong with `locale` against English: missing or extra keys, empty messages, placeholders that differ. */
function localeProblems(locale: Messages): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(english)) {
    const entry = locale[key];
    if (!entry) {
      problems.push(`${key}: missing`);
      continue;
    }
    if (typeof entry.message !== 'string' || entry.message.trim() === '') problems.push(`${key}: empty message`);
    const want = shape(english[key]!);
    const got = shape(entry);
    if (JSON.stringify(got.placeholders) !== JSON.stringify(want.placeholders)) {
      problems.push(`${key}: placeholders ${JSON.stringify(got.placeholders)} differ from English ${JSON.stringify(want.placeholders)}`);
    }
    if (JSON.stringify([...new Set(got.used)]) !== JSON.stringify([...new Set(want.used)])) {
      problems.push(`${key}: uses ${got.used.join(',') || 'no placeholders'}, English uses ${want.used.join(',') || 'none'}`);
    }
  }
  for (const key of Object.keys(locale)) if (!(key in english)) problems.push(`${key}: not in English (a typo, or a stale key)`);
  return problems;
}

describe('locales', () => {
  it('has a Spanish locale', () => {
    expect(others).toContain('es');
  });

  it.each(others)('%s has every English key, nothing else, and the same placeholders', (locale) => {
    expect(localeProblems(read(locale))).toEqual([]);
  });

  it('the check itself catches a missing key, an extra key and a placeholder mismatch', () => {
    const spanish = read('es');
    const { close: _dropped, ...withoutClose } = spanish;
    expect(localeProblems(withoutClose)).toEqual(['close: missing']);
    expect(localeProblems({ ...spanish, clsoe: { message: 'Cerrar' } })).toEqual(['clsoe: not in English (a typo, or a stale key)']);
    const wrongPlaceholder = { ...spanish, mentionsMany: { message: '$NUM$ menciones', placeholders: { num: { content: '$1' } } } };
    expect(localeProblems(wrongPlaceholder)).toHaveLength(2);
    const droppedUse = { ...spanish, updatedOn: { message: 'Actualizado', placeholders: spanish.updatedOn!.placeholders } };
    expect(localeProblems(droppedUse)).toEqual(['updatedOn: uses no placeholders, English uses date']);
  });

  it.each(['en', ...others])('%s names its own language in uiLanguage (how the extension knows which messages the browser serves)', (locale) => {
    expect(read(locale).uiLanguage?.message).toBe(locale);
  });

  it('translates the fixed category names into Spanish', () => {
    const spanish = read('es');
    for (const key of Object.values(CATEGORY_MESSAGES)) expect(spanish[key]?.message).not.toBe(english[key]?.message);
  });
});
