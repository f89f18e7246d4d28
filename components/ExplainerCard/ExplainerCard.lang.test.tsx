import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import type { CardData } from '../../lib/messages';
import { useEnglishMessages } from '../testing/i18n';
import { LangProvider } from '../lang';
import { ExplainerCard } from './ExplainerCard';

const NOW = Date.UTC(2026, 2, 10, 12);

const spanishCard: CardData = {
  id: 'immigration-detainer',
  lang: 'es',
  title: 'Orden de retención migratoria',
  summary: 'Una solicitud de ICE para que una cárcel retenga a una persona hasta 48 horas más.',
  category: 'Legal process',
  updated: '2026-02-18',
  facts: [{ text: 'ICE emitió 1412 órdenes de retención en una semana.', sources: ['https://www.ice.gov/detainers'], asOf: '2026-03-01' }],
  sources: [],
  staleAfterDays: 180,
};
const englishCard: CardData = { ...spanishCard, lang: 'en', title: 'Immigration detainer', summary: 'A request from ICE to a jail.' };

let root: HTMLElement;
function mount(node: preact.ComponentChild): HTMLElement {
  root = document.createElement('div');
  document.body.append(root);
  render(node, root);
  return root;
}
const text = (selector: string) => root.querySelector(selector)?.textContent ?? null;

beforeEach(() => {
  // An English browser: browser.i18n speaks English, so Spanish has to come from the bundled table.
  useEnglishMessages();
  vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue('en-US');
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.restoreAllMocks();
});

describe('ExplainerCard in the language the reader wants', () => {
  it('is all Spanish for a Spanish card on an English browser: its own words, category, dates and the lang attributes', () => {
    mount(
      <LangProvider lang="es">
        <ExplainerCard card={spanishCard} fullUrl="x" onClose={() => {}} now={NOW} />
      </LangProvider>,
    );
    const dialog = root.querySelector('[data-testid="explainer-card"]')!;
    expect(dialog.getAttribute('lang')).toBe('es');
    expect(root.querySelector('[data-testid="card-title"]')?.getAttribute('lang')).toBe('es');
    expect(root.querySelector('[data-testid="card-summary"]')?.getAttribute('lang')).toBe('es');
    expect(text('.ce-category')).toBe('Proceso legal');
    expect(text('[data-testid="card-updated"]')).toBe('Actualizado: 18 feb 2026');
    expect(text('[data-testid="card-fact-as-of"]')).toContain('a mar 2026');
    expect(text('[data-testid="card-full-link"]')).toContain('Leer la explicación completa');
    expect(root.querySelector('button.ce-close')?.getAttribute('aria-label')).toBe('Cerrar');
    expect(root.querySelector('[data-testid="card-translation-note"]')).toBeNull();
    const sourceLinks = [...root.querySelectorAll('a[href="https://www.ice.gov/detainers"]')];
    expect(sourceLinks.length).toBeGreaterThan(0);
    for (const link of sourceLinks) expect(link.getAttribute('aria-label')).toMatch(/\(se abre en una pestaña nueva\)$/);
  });

  it('shows the English text with a Spanish note, marked lang="en", when there is no Spanish translation', () => {
    mount(
      <LangProvider lang="es">
        <ExplainerCard card={englishCard} fullUrl="x" onClose={() => {}} now={NOW} />
      </LangProvider>,
    );
    expect(text('[data-testid="card-translation-note"]')).toBe('Todavía no disponible en español; se muestra en inglés.');
    expect(root.querySelector('[data-testid="card-translation-note"]')?.closest('[lang]')?.getAttribute('lang')).toBe('es');
    expect(root.querySelector('[data-testid="card-title"]')?.getAttribute('lang')).toBe('en');
    expect(root.querySelector('.ce-facts')?.getAttribute('lang')).toBe('en');
    expect(text('[data-testid="card-full-link"]')).toContain('Leer la explicación completa');
  });

  it('says the other way round in English when the reader wants English and only Spanish exists', () => {
    mount(
      <LangProvider lang="en">
        <ExplainerCard card={spanishCard} fullUrl="x" onClose={() => {}} now={NOW} />
      </LangProvider>,
    );
    expect(text('[data-testid="card-translation-note"]')).toBe('Not yet available in English; shown in Spanish.');
    expect(text('.ce-category')).toBe('Legal process');
    expect(text('[data-testid="card-updated"]')).toBe('Updated Feb 18, 2026');
    expect(root.querySelector('[data-testid="card-summary"]')?.getAttribute('lang')).toBe('es');
  });

  it('uses the browser\'s own messages when the wanted language is the browser\'s', () => {
    vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue('es-419');
    const getMessage = vi.spyOn(browser.i18n, 'getMessage').mockImplementation(((name: string) => (name === 'readFullExplainer' ? 'Desde el navegador' : '')) as typeof browser.i18n.getMessage);
    mount(
      <LangProvider lang="es">
        <ExplainerCard card={spanishCard} fullUrl="x" onClose={() => {}} now={NOW} />
      </LangProvider>,
    );
    expect(text('[data-testid="card-full-link"]')).toContain('Desde el navegador');
    expect(getMessage).toHaveBeenCalled();
  });
});
