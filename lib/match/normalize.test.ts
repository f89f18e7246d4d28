import { describe, expect, it } from 'vitest';
import { KIND_WORD, kindOf, LETTER_BLOCKS, normalize, normalizeTerm, regexKind, ruleKind } from './normalize';

describe('normalize', () => {
  it('reads every spelling of a code-like term the same way', () => {
    const spellings = ['287(g)', '287 (g)', '287g', '287-g', '287(G)', '287\u2011g', '287\u2013g', '287\u00a0(g)'];
    for (const spelling of spellings) expect(normalizeTerm(spelling), spelling).toBe('287g');
    expect(normalizeTerm('Section 287(g)')).toBe('section 287g');
    expect(normalizeTerm('§ 287(g)')).toBe('§ 287g');
  });

  it('keeps a second parenthesised group so "287(g)(1)" still contains the code', () => {
    expect(normalizeTerm('287(g)(1)')).toBe('287g(1)');
    expect(normalizeTerm('212(d)(5)')).toBe('212d(5)');
  });

  it('does not glue ordinary words or prose parentheses to numbers', () => {
    expect(normalizeTerm('in 2019 (ICE data)')).toBe('in 2019 (ice data)');
    expect(normalizeTerm('ICE-led raids')).toBe('ice-led raids');
    expect(normalizeTerm('In 2019. Then ICE')).toBe('in 2019. then ice');
    expect(normalizeTerm('COVID-19 and H-1B')).toBe('covid19 and h1b');
  });

  it('maps quotes, dashes and every kind of space, collapsing runs', () => {
    expect(normalize('ICE\u2019s \u201craid\u201d \u2014 a\u00a0b\u2009c\u202fd\u3000e \t\n f').text).toBe(`ice's "raid" - a b c d e f`);
  });

  it('drops zero-width characters and soft hyphens', () => {
    expect(normalize('de\u00adtain\u200ber\ufeff').text).toBe('detainer');
  });

  it('keeps case when asked', () => {
    expect(normalize('ICE Ice ice', false).text).toBe('ICE Ice ice');
    expect(normalize('ICE\u2019s', false).text).toBe("ICE's");
  });

  it('maps every normalised unit back to the original range it came from', () => {
    const text = '😀 Sec\u0301tion\u00a0287 (G)\u200b\u2019s «ICE» \u05e2\u05d1\u05e8\u05d9\u05ea 𝐀𝐁';
    const { text: out, starts, ends } = normalize(text);
    expect(starts.length).toBe(out.length);
    for (let i = 0; i < out.length; i++) {
      expect(starts[i]!).toBeGreaterThanOrEqual(i === 0 ? 0 : starts[i - 1]!);
      expect(ends[i]!).toBeGreaterThan(starts[i]!);
      const piece = text.slice(starts[i], ends[i]);
      // The unit is the normalised form of its source slice (a surrogate half maps to its pair).
      expect(normalize(piece).text.includes(out[i]!) || /[\ud800-\udfff]/.test(out[i]!)).toBe(true);
    }
    const g = out.indexOf('287g');
    expect(text.slice(starts[g], ends[g + 3])).toBe('287 (G)');
  });

  it('never throws on lone surrogates and odd code points', () => {
    expect(() => normalize('\ud800 \udfff a\ud83d')).not.toThrow();
    expect(normalize('\ud800x').text).toBe('\ud800x');
  });
});

describe('kinds by rule in Latin and General Punctuation', () => {
  it('give every unit of both ranges the kind its Unicode properties give', () => {
    const differ: string[] = [];
    for (const [first, last] of [[0, 0x24f], [0x2000, 0x206f]] as const) {
      for (let unit = first; unit <= last; unit++) {
        if (ruleKind(unit) !== regexKind(String.fromCharCode(unit))) differ.push(`U+${unit.toString(16)}`);
      }
    }
    expect(differ).toEqual([]);
  });

  it('fold as before: capitals and accents in Latin, no-break and thin spaces to a space', () => {
    expect(normalize('ÉCOLE Ñandú\u00a0x\u2009y ½').text).toBe('ecole ñandu x y ½');
  });
});

describe('letter blocks filled at once', () => {
  it('hold only uncased letters, so filling a block gives what classifying each character would', () => {
    const notUncasedLetters: string[] = [];
    for (const [first, last] of LETTER_BLOCKS) {
      for (let unit = first; unit <= last; unit++) {
        const ch = String.fromCharCode(unit);
        if (!(/[\p{L}\p{M}]/u.test(ch) && !/\p{N}/u.test(ch) && ch.toLowerCase() === ch)) notUncasedLetters.push(`U+${unit.toString(16)}`);
      }
    }
    expect(notUncasedLetters).toEqual([]);
  });

  it('classify every character of a block as a word character once one of them is met', () => {
    expect(kindOf(0x79fb)).toBe(KIND_WORD);
    expect(kindOf(0x4e00)).toBe(KIND_WORD);
    expect(kindOf(0x9fff)).toBe(KIND_WORD);
    expect(normalize('移民 ICE').text).toBe('移民 ice');
  });
});
