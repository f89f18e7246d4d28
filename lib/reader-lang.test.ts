import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { browserLanguage, intlLocale, readerLangOf, wantedLanguage } from './reader-lang';

afterEach(() => vi.restoreAllMocks());

describe('readerLangOf', () => {
  it('takes the primary subtag of a language tag, in any case and with either separator', () => {
    expect(readerLangOf('es')).toBe('es');
    expect(readerLangOf('es-419')).toBe('es');
    expect(readerLangOf('ES_mx')).toBe('es');
    expect(readerLangOf(' en-GB ')).toBe('en');
  });

  it('knows no other language, and nothing', () => {
    expect(readerLangOf('fr-CA')).toBeUndefined();
    expect(readerLangOf('eso')).toBeUndefined();
    expect(readerLangOf('')).toBeUndefined();
    expect(readerLangOf(null)).toBeUndefined();
  });
});

describe('browserLanguage', () => {
  it('is Spanish under a Spanish browser and English under any other', () => {
    const ui = vi.spyOn(browser.i18n, 'getUILanguage');
    ui.mockReturnValue('es-419');
    expect(browserLanguage()).toBe('es');
    ui.mockReturnValue('fr');
    expect(browserLanguage()).toBe('en');
    ui.mockReturnValue('en-US');
    expect(browserLanguage()).toBe('en');
  });
});

describe('browserLanguage from the messages', () => {
  it('believes the messages the browser serves over getUILanguage (Chromium can serve Spanish while saying en-US)', () => {
    vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue('en-US');
    vi.spyOn(browser.i18n, 'getMessage').mockImplementation(((name: string) => (name === 'uiLanguage' ? 'es' : '')) as typeof browser.i18n.getMessage);
    expect(browserLanguage()).toBe('es');
  });
});

describe('intlLocale', () => {
  it("keeps the browser's regional tag for its own language and uses the bare language otherwise", () => {
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('es-MX');
    expect(intlLocale('es')).toBe('es-MX');
    expect(intlLocale('en')).toBe('en');
  });
});

describe('wantedLanguage', () => {
  it('follows the context with auto, English when the context is unknown', () => {
    expect(wantedLanguage('auto', 'es')).toBe('es');
    expect(wantedLanguage('auto', 'en')).toBe('en');
    expect(wantedLanguage('auto', undefined)).toBe('en');
  });

  it("keeps the reader's explicit choice whatever the context", () => {
    expect(wantedLanguage('en', 'es')).toBe('en');
    expect(wantedLanguage('es', 'en')).toBe('es');
    expect(wantedLanguage('es', undefined)).toBe('es');
  });
});
