import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { CATEGORIES } from './pack-format/categories';
import { CATEGORY_MESSAGES, categoryLabel, t } from './i18n';
import { englishMessage } from '../components/testing/i18n';

afterEach(() => vi.restoreAllMocks());

describe('t', () => {
  it('returns the translated message with substitutions', () => {
    vi.spyOn(browser.i18n, 'getMessage').mockImplementation(englishMessage);
    expect(t('readFullExplainer')).toBe('Read the full explainer');
    expect(t('updatedOn', 'Feb 18, 2026')).toBe('Updated Feb 18, 2026');
    expect(t('mentionsMany', 4)).toBe('4 mentions');
  });

  it('falls back to the key when the message is missing', () => {
    vi.spyOn(browser.i18n, 'getMessage').mockReturnValue('');
    expect(t('readFullExplainer')).toBe('readFullExplainer');
  });

  it('falls back to the key when the i18n API throws', () => {
    vi.spyOn(browser.i18n, 'getMessage').mockImplementation(() => {
      throw new Error('Extension context invalidated.');
    });
    expect(t('close')).toBe('close');
  });
});

describe('categoryLabel', () => {
  it('translates the fixed categories and leaves a pack\'s own category as it is', () => {
    vi.spyOn(browser.i18n, 'getMessage').mockImplementation(((name: string) => (name === 'categoryLegalProcess' ? 'Procédure' : '')));
    expect(categoryLabel('Legal process')).toBe('Procédure');
    expect(categoryLabel('Zzz custom')).toBe('Zzz custom');
    expect(categoryLabel('toString')).toBe('toString');
  });

  it('falls back to the English name when the i18n API is missing or has no message', () => {
    vi.spyOn(browser.i18n, 'getMessage').mockReturnValue('');
    expect(categoryLabel('Agencies')).toBe('Agencies');
  });

  it('has an English message equal to each fixed category name, so the English UI is unchanged', async () => {
    const { default: messages } = await import('../public/_locales/en/messages.json');
    for (const category of CATEGORIES) {
      expect((messages as Record<string, { message: string }>)[CATEGORY_MESSAGES[category]]?.message).toBe(category);
    }
  });
});

describe('messages.json', () => {
  it('defines every $PLACEHOLDER$ a message uses (Chrome refuses to load the extension otherwise)', async () => {
    const { default: messages } = await import('../public/_locales/en/messages.json');
    const problems: string[] = [];
    for (const [key, entry] of Object.entries(messages as Record<string, { message: string; placeholders?: Record<string, unknown> }>)) {
      if (!/^[A-Za-z0-9_@]+$/.test(key)) problems.push(`${key}: invalid key`);
      for (const [, name] of entry.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)) {
        if (!entry.placeholders || !(name!.toLowerCase() in entry.placeholders)) problems.push(`${key}: $${name}$ has no placeholder`);
      }
    }
    expect(problems).toEqual([]);
  });
});
