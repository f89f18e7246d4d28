import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFolder } from '../pack/compiler';
import { compileTerms } from './compile';
import { readEvalLines } from './eval-score';
import { matcherFrom } from './index';
import { IGNORED_CHARACTERS, normalize } from './normalize';
import { FOLDS_TO_ASCII, prefilterFrom, prefilterSource } from './prefilter';
import type { MatchTerm } from './types';

const pack = compileFolder(join(__dirname, '..', '..', 'content', 'explainers'), { id: 'default', name: 'Default', publisher: 'test' });
const realTerms: MatchTerm[] = pack.explainers.flatMap((explainer) => explainer.terms.map((term) => ({ ...term, explainerId: explainer.id })));

describe('prefilterSource', () => {
  it('knows every non-ASCII character that normalises to an ASCII letter or digit', () => {
    const foldsToAscii: string[] = [];
    for (let c = 128; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const folded = normalize(String.fromCharCode(c)).text;
      if (/^[a-z0-9]$/.test(folded)) foldsToAscii.push(String.fromCharCode(c));
    }
    expect(foldsToAscii.join('')).toBe(FOLDS_TO_ASCII);
  });

  it('rejects everyday text and passes every spelling normalisation accepts', () => {
    const filter = prefilterFrom(prefilterSource(['ice', 'sanctuary city', '287g', 'i589', 'u.s. border patrol']));
    expect(filter.mayMatch('The police noticed the price of advice; 1287 goods; _')).toBe(false);
    expect(filter.mayMatch('icebergs and juices')).toBe(false);
    for (const text of ['ICE', '(Ice)', 'a 287 (g) deal', '2.87g', '2-8-7g', 'Form I-589', 'i‑589', 'U.S. Border', 'sanctuary', 'I\u200bCE', '\u0130ce', 'x_ice']) {
      expect(filter.mayMatch(text), text).toBe(true);
    }
  });

  it('reuses a word another spelling already needs, else takes the longest word', () => {
    const source = prefilterSource(['ice', 'ice agents', 'department of homeland security'])!;
    expect(source).toContain('ice(?![a-z0-9])');
    expect(source).not.toContain('agents');
    expect(source).toContain('department(?![a-z0-9])');
    expect(source).not.toContain('homeland');
  });

  it('gives up (passes everything) when a spelling has no word starting with an ASCII letter or digit', () => {
    expect(prefilterSource(['ice', '§ 1357'])).not.toBeNull();
    expect(prefilterSource(['ice', '§§'])).toBeNull();
    expect(prefilterSource(['ice', 'ärger'])).toBeNull();
    expect(prefilterFrom(null).mayMatch('anything')).toBe(true);
  });
});

describe('prefilter against the matcher (real pack)', () => {
  const compiled = compileTerms(realTerms);
  const withoutPrefilter = matcherFrom({ ...compiled, prefilter: null });
  const filter = prefilterFrom(compiled.prefilter);
  const spellings = [...new Set(realTerms.map((term) => term.text))];
  const SEPARATOR_VARIANTS: Record<string, string[]> = {
    ' ': [' ', '  ', '\u00a0', '\u2009', '\n'],
    '-': ['-', '\u2010', '\u2013', '', ' '],
    '(': ['(', ' (', '\u00a0('],
    '.': ['.', ''],
  };

  it('never rejects a text the matcher finds something in', () => {
    const spelled = fc
      .tuple(fc.constantFrom(...spellings), fc.array(fc.nat(), { minLength: 64, maxLength: 64 }))
      .map(([spelling, dice]) => {
        let out = '';
        let k = 0;
        for (const ch of spelling) {
          const roll = dice[k++ % dice.length]!;
          const variants = SEPARATOR_VARIANTS[ch];
          let piece = variants ? variants[roll % variants.length]! : roll % 3 === 0 ? ch.toUpperCase() : roll % 3 === 1 ? ch.toLowerCase() : ch;
          if (roll % 17 === 0) piece += IGNORED_CHARACTERS[roll % IGNORED_CHARACTERS.length];
          out += piece;
        }
        return out;
      });
    const around = fc.constantFrom('', ' ', 'the ', 'x', '9', '_', '-', '(', '"', 'immigration ', ' agents', '.', 'é', '\u200b');
    let matched = 0;
    fc.assert(
      fc.property(around, spelled, around, around, (before, term, after, context) => {
        const text = `${context}${before}${term}${after} immigration enforcement ${context}`;
        if (withoutPrefilter.match(text).length === 0) return;
        matched++;
        expect(filter.mayMatch(text), JSON.stringify(text)).toBe(true);
      }),
      { numRuns: 3000 },
    );
    // The generator must mostly produce real mentions, or the property says little.
    expect(matched).toBeGreaterThan(1000);
  });

  it('lets through the real-sentence evaluation set wherever the matcher finds a mention', () => {
    let found = 0;
    for (const { text } of [...readEvalLines('sentences.jsonl'), ...readEvalLines('fresh.jsonl')]) {
      if (withoutPrefilter.match(text).length === 0) continue;
      found++;
      expect(filter.mayMatch(text), text).toBe(true);
    }
    expect(found).toBeGreaterThan(50);
  });
});
