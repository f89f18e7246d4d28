import { describe, expect, it } from 'vitest';
import { createMatcher } from './index';
import { normalizeTerm } from './normalize';
import type { MatchTerm } from './types';

const es = (explainerId: string, text: string, rules: Partial<MatchTerm> = {}): MatchTerm => ({ explainerId, text, caseSensitive: false, lang: 'es', ...rules });
const en = (explainerId: string, text: string, rules: Partial<MatchTerm> = {}): MatchTerm => ({ explainerId, text, caseSensitive: false, lang: 'en', ...rules });

/** Each match as [explainer, original text, lang], after checking its offsets cut exactly that text. */
function found(terms: MatchTerm[], text: string, lang?: 'en' | 'es', fallbackText?: string): [string, string, string][] {
  return createMatcher(terms)
    .match(text, { lang, fallbackText })
    .map((m) => {
      expect(text.slice(m.start, m.end)).toBe(m.text);
      return [m.explainerId, m.text, m.lang];
    });
}

describe('accent folding for matching', () => {
  it('folds á é í ó ú ü for matching and keeps the original characters in the match', () => {
    const text = 'La DEPORTACIÓN, la deportacion y la deportación; también la Deportacíon.';
    expect(found([es('removal', 'deportación')], text, 'es')).toEqual([
      ['removal', 'DEPORTACIÓN', 'es'],
      ['removal', 'deportacion', 'es'],
      ['removal', 'deportación', 'es'],
      ['removal', 'Deportacíon', 'es'],
    ]);
    expect(found([es('x', 'pingüino')], 'Un PINGUINO y un pingüino.', 'es').map((m) => m[1])).toEqual(['PINGUINO', 'pingüino']);
  });

  it('keeps ñ a letter of its own', () => {
    expect(normalizeTerm('Peña')).toBe('peña');
    expect(normalizeTerm('PEÑA')).toBe('peña');
    expect(found([es('x', 'año fiscal')], 'El ano fiscal y el AÑO FISCAL.', 'es').map((m) => m[1])).toEqual(['AÑO FISCAL']);
  });

  it('reads decomposed accents (NFD) as the letter and keeps them inside the mark', () => {
    const text = 'La deportacio\u0301n acelerada y la ORDEN DE RETENCIO\u0301N.';
    const matches = found([es('expedited-removal', 'deportación acelerada'), es('immigration-detainer', 'orden de retención')], text, 'es');
    expect(matches).toEqual([
      ['expedited-removal', 'deportacio\u0301n acelerada', 'es'],
      ['immigration-detainer', 'ORDEN DE RETENCIO\u0301N', 'es'],
    ]);
  });

  it('treats ¿ ¡ « » as punctuation around a term', () => {
    const terms = [es('tps', 'TPS', { caseSensitive: true }), es('ice', 'la migra'), es('sanctuary-jurisdictions', 'ciudades santuario')];
    expect(found(terms, '¿Qué es el TPS? ¡Llegó la migra! Las «ciudades santuario» resisten.', 'es')).toEqual([
      ['tps', 'TPS', 'es'],
      ['ice', 'la migra', 'es'],
      ['sanctuary-jurisdictions', 'ciudades santuario', 'es'],
    ]);
    expect(found(terms, '¿TPS?', 'es')).toEqual([['tps', 'TPS', 'es']]);
    expect(found(terms, 'TPSx', 'es')).toEqual([]);
  });

  it('folds accents in context and veto words too, per term', () => {
    const terms = [
      es('ice', 'ICE', { caseSensitive: true, context: ['inmigración', 'deportación', 'migratorio'], minContext: 1, not: ['ICE Costa Rica'] }),
      es('sanctuary-jurisdictions', 'santuario', { context: ['ciudad', 'jurisdicción', 'migratoria'], not: ['santuario de vida silvestre'] }),
    ];
    expect(found(terms, 'Agentes de ICE hicieron operativos de inmigracion.', 'es')).toEqual([['ice', 'ICE', 'es']]);
    expect(found(terms, 'El ICE subió la tarifa eléctrica.', 'es')).toEqual([]);
    expect(found(terms, 'La política migratoria del santuario local.', 'es')).toEqual([['sanctuary-jurisdictions', 'santuario', 'es']]);
    expect(found(terms, 'Un santuario de vida silvestre con política migratoria de aves.', 'es')).toEqual([]);
  });
});

describe('terms by block language', () => {
  const terms: MatchTerm[] = [
    en('tps', 'Temporary Protected Status'),
    es('tps', 'Estatus de Protección Temporal'),
    es('tps', 'tepesiano'),
    // DACA has no Spanish translation: its English term applies in Spanish blocks as well.
    en('daca', 'DACA', { alsoIn: ['es'] }),
    // A table built before translations: no lang, applies everywhere.
    { explainerId: 'asylum', text: 'asylum', caseSensitive: false },
  ];
  const spanish = 'El Estatus de Protección Temporal protege a cada tepesiano; DACA también, y asylum.';
  const english = 'Temporary Protected Status covers a tepesiano; DACA too, and asylum.';

  it('uses Spanish terms in Spanish text, with untranslated explainers keeping their English terms', () => {
    expect(found(terms, spanish, 'es')).toEqual([
      ['tps', 'Estatus de Protección Temporal', 'es'],
      ['tps', 'tepesiano', 'es'],
      ['daca', 'DACA', 'es'],
      ['asylum', 'asylum', 'es'],
    ]);
    // English terms of a translated explainer stay out of Spanish text.
    expect(found(terms, 'Temporary Protected Status', 'es')).toEqual([]);
  });

  it('uses English terms in English text, and English is the default', () => {
    const expected = [
      ['tps', 'Temporary Protected Status', 'en'],
      ['daca', 'DACA', 'en'],
      ['asylum', 'asylum', 'en'],
    ];
    expect(found(terms, english, 'en')).toEqual(expected);
    expect(found(terms, english)).toEqual(expected);
  });

  it('asks for the language only when the text holds a candidate', () => {
    let asked = 0;
    const matcher = createMatcher(terms);
    const ctx = {
      get lang() {
        asked++;
        return 'es' as const;
      },
    };
    expect(matcher.match('Nothing to see here.', ctx)).toEqual([]);
    expect(asked).toBe(0);
    expect(matcher.match('Un tepesiano.', ctx).map((m) => m.text)).toEqual(['tepesiano']);
    expect(asked).toBe(1);
  });
});
