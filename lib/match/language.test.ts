import { describe, expect, it } from 'vitest';
import { detectLanguage, langOfTag } from './language';

describe('detectLanguage', () => {
  it.each([
    'El Servicio de Inmigración y Control de Aduanas (ICE, por sus siglas en inglés) detuvo a 50 personas.',
    'Las ciudades santuario limitan la cooperación con las autoridades migratorias.',
    'Según el gobierno, la orden de retención migratoria no es una orden judicial.',
  ])('says Spanish for %s', (text) => expect(detectLanguage(text)).toBe('es'));

  it.each([
    'Immigration and Customs Enforcement (ICE) said it had arrested 50 people in the raid.',
    'Sanctuary cities limit how far their local police can help federal immigration agents.',
    'The detainer asks the jail to hold a person for up to 48 hours after their release.',
  ])('says English for %s', (text) => expect(detectLanguage(text)).toBe('en'));

  it('says nothing for text too short or too mixed to tell', () => {
    expect(detectLanguage('ICE')).toBeNull();
    expect(detectLanguage('Ciudades santuario.')).toBeNull();
    expect(detectLanguage('Deportación acelerada')).toBeNull();
    expect(detectLanguage('')).toBeNull();
    expect(detectLanguage('the el of de and y')).toBeNull();
    // A headline with one function word: the page decides.
    expect(detectLanguage('Sanctuary cities limit how far local police help federal immigration agents')).toBeNull();
  });

  it('decides on the first words of a long text', () => {
    const spanishStart = `${'La ley de la ciudad y el estado. '.repeat(10)}${'The law of the state and the city. '.repeat(200)}`;
    expect(detectLanguage(spanishStart)).toBe('es');
  });
});

describe('detectLanguage: where it draws its lines', () => {
  const filler = (n: number) => Array.from({ length: n }, () => 'xyz').join(' ');

  it('decides on three telltale words, and not on two', () => {
    expect(detectLanguage('Ciudad el santuario la migra los')).toBe('es');
    expect(detectLanguage('Ciudad el santuario la migra')).toBeNull();
    expect(detectLanguage('City the sanctuary of agents and')).toBe('en');
    expect(detectLanguage('City the sanctuary of agents')).toBeNull();
  });

  it('needs one language to have at least twice the other\'s telltale words', () => {
    expect(detectLanguage('el la los las the of')).toBe('es');
    expect(detectLanguage('el la los the of')).toBeNull();
    expect(detectLanguage('the of and to el la')).toBe('en');
    expect(detectLanguage('the of and el la')).toBeNull();
  });

  it('reads the first sixty words and no more', () => {
    expect(detectLanguage(`${filler(57)} el la los`)).toBe('es');
    expect(detectLanguage(`${filler(58)} el la los`)).toBeNull();
  });

  it('reads words in any case, with their accents, split at anything not a letter', () => {
    expect(detectLanguage('EL Gobierno LA Ley LOS Jueces')).toBe('es');
    expect(detectLanguage('Más también según')).toBe('es');
    expect(detectLanguage('Mas tambien segun')).toBeNull();
    expect(detectLanguage('el1la2los')).toBe('es');
    expect(detectLanguage('the-of-and')).toBe('en');
  });
});

describe('langOfTag', () => {
  it.each([
    ['es  ', 'es'],
    ['\ten', 'en'],
    ['es-', 'es'],
  ])('%j → %s', (tag, lang) => expect(langOfTag(tag)).toBe(lang));

  it.each(['es x', 'xes', 'e', 'en.US'])('%j → null', (tag) => expect(langOfTag(tag)).toBeNull());

  it.each([
    ['es', 'es'],
    ['es-MX', 'es'],
    ['ES-419', 'es'],
    ['es_US', 'es'],
    ['en', 'en'],
    ['en-US', 'en'],
    [' en-gb ', 'en'],
  ])('%s → %s', (tag, lang) => expect(langOfTag(tag)).toBe(lang));

  it.each(['', 'fr', 'pt-BR', 'est', 'eng', 'english', null, undefined])('%s → null', (tag) => expect(langOfTag(tag)).toBeNull());
});
