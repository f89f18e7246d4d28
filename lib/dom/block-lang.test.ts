import { afterEach, describe, expect, it } from 'vitest';
import { createMatcher } from '../match/index';
import type { MatchTerm } from '../match/types';
import { createBlockLanguage } from './block-lang';
import { liveRange } from './marks';
import { PageScanner } from './scanner';

const TERMS: MatchTerm[] = [
  { explainerId: 'sanctuary-jurisdictions', text: 'sanctuary city', caseSensitive: false, lang: 'en' },
  { explainerId: 'sanctuary-jurisdictions', text: 'ciudades santuario', caseSensitive: false, lang: 'es' },
  { explainerId: 'immigration-detainer', text: 'detainer', caseSensitive: false, lang: 'en' },
  { explainerId: 'immigration-detainer', text: 'orden de retención', caseSensitive: false, lang: 'es' },
  // No Spanish translation: English spelling in both languages.
  { explainerId: 'daca', text: 'DACA', caseSensitive: true, lang: 'en', alsoIn: ['es'] },
];

async function scanMarks(): Promise<[string, string, string][]> {
  const controller = new AbortController();
  let idle!: () => void;
  const done = new Promise<void>((resolve) => (idle = resolve));
  const scanner = new PageScanner(document, {
    matcher: createMatcher(TERMS),
    signal: controller.signal,
    fallbackText: () => [document.title, ...Array.from(document.querySelectorAll('h1'), (h) => h.textContent ?? '')].join('\n'),
    onMarksChanged: () => {},
    onIdle: () => idle(),
  });
  scanner.scanDocument();
  await done;
  controller.abort();
  return [...scanner.marks()]
    .sort((a, b) => (a.nodes[0]!.compareDocumentPosition(b.nodes[0]!) & 4 ? -1 : 1))
    .map((mark) => [mark.explainerId, liveRange(mark).toString(), mark.lang]);
}

describe('per-block language on a mixed page', () => {
  afterEach(() => {
    document.documentElement.removeAttribute('lang');
    document.title = '';
    document.body.innerHTML = '';
  });

  it('applies Spanish terms in Spanish blocks and English terms in English ones; each mark says its language', async () => {
    document.documentElement.setAttribute('lang', 'es-MX');
    document.body.innerHTML = `
      <p>Las ciudades santuario rechazan la orden de retención; DACA sigue vigente.</p>
      <blockquote lang="en"><p>Every sanctuary city ignores the detainer, and DACA too.</p></blockquote>
      <p>Un sanctuary city citado en inglés y una ORDEN DE RETENCION sin acento.</p>
      <div lang="fr"><p>Les ciudades santuario et la orden de retención, selon la loi de la ville et de la région.</p></div>
      <p lang="en">The detainer and las ciudades santuario.</p>`;
    expect(await scanMarks()).toEqual([
      ['sanctuary-jurisdictions', 'ciudades santuario', 'es'],
      ['immigration-detainer', 'orden de retención', 'es'],
      ['daca', 'DACA', 'es'],
      ['sanctuary-jurisdictions', 'sanctuary city', 'en'],
      ['immigration-detainer', 'detainer', 'en'],
      ['daca', 'DACA', 'en'],
      // English words in a Spanish block are not matched by the English terms of a translated explainer.
      ['immigration-detainer', 'ORDEN DE RETENCION', 'es'],
      // lang="fr" names neither language: the block's words decide (Spanish-looking here: "la", "de").
      ['sanctuary-jurisdictions', 'ciudades santuario', 'es'],
      ['immigration-detainer', 'orden de retención', 'es'],
      ['immigration-detainer', 'detainer', 'en'],
    ]);
  });

  it('without any lang attribute, detects each block, and asks the page for blocks too short to tell', async () => {
    document.title = 'Las noticias de la semana en la frontera';
    document.body.innerHTML = `
      <p>El alcalde dijo que las ciudades santuario no van a cambiar su política con el gobierno.</p>
      <p>The mayor said that every sanctuary city will keep its policy on the detainer for now.</p>
      <p>Ciudades santuario.</p>`;
    expect(await scanMarks()).toEqual([
      ['sanctuary-jurisdictions', 'ciudades santuario', 'es'],
      ['sanctuary-jurisdictions', 'sanctuary city', 'en'],
      ['immigration-detainer', 'detainer', 'en'],
      ['sanctuary-jurisdictions', 'Ciudades santuario', 'es'],
    ]);
  });

  it('reads a shadow root\'s host lang', () => {
    document.body.innerHTML = '<div lang="es"><span id="host"></span></div>';
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>The sanctuary city.</p>';
    const language = createBlockLanguage(() => '');
    expect(language.of(shadow.querySelector('p')!, 'The sanctuary city.')).toBe('es');
  });

  it('falls back to English when neither the block nor the page can tell', () => {
    document.body.innerHTML = '<p>ICE</p>';
    expect(createBlockLanguage(() => 'Noticias').of(document.querySelector('p')!, 'ICE')).toBe('en');
    expect(createBlockLanguage(() => 'Noticias de la frontera y el muro').of(document.querySelector('p')!, 'ICE')).toBe('es');
  });
});
