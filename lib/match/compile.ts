/**
 * The term table compiled to plain data: every spelling and veto normalised, context cues split,
 * precheck keys hashed. Compiling runs the normaliser over every term, veto and cue (tens of
 * milliseconds cold for the real pack), so the background does it once per table and content scripts
 * receive the result; `matcherFrom` (./index) only has to index it. JSON-safe: it crosses
 * `runtime.sendMessage`.
 */
import { alphabetOf } from './automaton';
import { contextCue } from './context';
import { isWordKind, kindAt, normalizeTerm } from './normalize';
import { precheckKeys } from './precheck';
import type { SenseModel } from './sense';
import type { MatchTerm } from './types';
import type { Lang } from '../pack-format/types';

/** Words either side searched for context cues, unless a term says otherwise. */
export const DEFAULT_WINDOW = 40;

/** One bit per block language; a term's `langs` holds the bits of the blocks it applies in. */
export const LANG_BITS: Readonly<Record<Lang, number>> = { en: 1, es: 2 };
const ALL_LANGS = LANG_BITS.en | LANG_BITS.es;

/** Pattern flags: the pattern starts (ends) with a letter or digit, so the text must have a word boundary there. */
export const NEEDS_START_BOUNDARY = 1;
export const NEEDS_END_BOUNDARY = 2;

export interface CompiledTerm {
  explainerId: string;
  /** Normalised spelling without case folding, compared with the found text when case matters; else null. */
  exact: string | null;
  /** Context cues, each split into normalised words. */
  cues: string[][];
  /** Counter-evidence cues, split alike (read only by a sense model). */
  against: string[][];
  /** Distinct cues needed (0: no context rule). */
  minContext: number;
  /** Words either side searched for cues. */
  window: number;
  hasVetoes: boolean;
  /** LANG_BITS of the block languages the term applies in. */
  langs: number;
  /** Learned weights that decide the term's sense in place of the context rule; null: no model. */
  sense: SenseModel | null;
}

export interface CompiledTerms {
  /** Distinct normalised, case-folded patterns (spellings and veto phrases), in code-unit order. */
  patterns: string[];
  /** Per pattern, NEEDS_START_BOUNDARY | NEEDS_END_BOUNDARY. */
  boundaries: number[];
  /** Per pattern, the indexes of the terms it spells. */
  spells: number[][];
  /** Per pattern, the indexes of the terms it vetoes. */
  vetoes: number[][];
  /** In the order of the MatchTerm[] compiled (a match's `termIndex` points here). */
  terms: CompiledTerm[];
  /** precheckKeys(spellings). */
  keys: number[] | null;
  /** Every code unit of the patterns (alphabetOf), so a frame's automaton need not read them all; absent in older tables. */
  alphabet?: number[];
}

export function compileTerms(terms: readonly MatchTerm[]): CompiledTerms {
  const table: CompiledTerms = { patterns: [], boundaries: [], spells: [], vetoes: [], terms: [], keys: null };
  const ids = new Map<string, number>();
  const patternOf = (text: string): number | null => {
    const key = normalizeTerm(text);
    if (key.length === 0) return null;
    let id = ids.get(key);
    if (id === undefined) {
      id = table.patterns.length;
      ids.set(key, id);
      table.patterns.push(key);
      table.boundaries.push(
        (isWordKind(kindAt(key, 0)) ? NEEDS_START_BOUNDARY : 0) | (isWordKind(kindAt(key, key.length - 1)) ? NEEDS_END_BOUNDARY : 0),
      );
      table.spells.push([]);
      table.vetoes.push([]);
    }
    return id;
  };

  terms.forEach((term, index) => {
    const cues = (term.context ?? []).map(contextCue).filter((cue) => cue.length > 0);
    table.terms.push({
      explainerId: term.explainerId,
      exact: term.caseSensitive ? normalizeTerm(term.text.normalize('NFC'), false) : null,
      cues,
      against: (term.against ?? []).map(contextCue).filter((cue) => cue.length > 0),
      minContext: cues.length === 0 ? 0 : Math.max(1, term.minContext ?? 1),
      window: Math.max(0, term.contextWindow ?? DEFAULT_WINDOW),
      // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator: never read — packTerms drops it and readPacked sets it from the veto lists.
      hasVetoes: (term.not?.length ?? 0) > 0,
      // Stryker disable next-line ArrayDeclaration: equivalent — LANG_BITS of anything but a language is undefined, and `bits | undefined` is bits.
      langs: term.lang === undefined ? ALL_LANGS : (term.alsoIn ?? []).reduce((bits, lang) => bits | LANG_BITS[lang], LANG_BITS[term.lang]),
      sense: term.sense ?? null,
    });
    const spelling = patternOf(term.text);
    if (spelling !== null) table.spells[spelling]!.push(index);
    for (const veto of term.not ?? []) {
      const id = patternOf(veto);
      if (id !== null) table.vetoes[id]!.push(index);
    }
  });
  sortPatterns(table, ids);
  table.alphabet = alphabetOf(table.patterns);
  // Veto phrases matter only where a spelling matched, so only spellings need to pass the precheck.
  table.keys = precheckKeys(table.patterns.filter((_, id) => table.spells[id]!.length > 0));
  return table;
}

/** Patterns in code-unit order (with their per-pattern lists), so a frame lays out the trie without sorting. */
function sortPatterns(table: CompiledTerms, ids: ReadonlyMap<string, number>): void {
  // The default sort compares UTF-16 code units, the order the automaton reads; the patterns are distinct.
  const order = [...table.patterns].sort().map((pattern) => ids.get(pattern)!);
  const { patterns, boundaries, spells, vetoes } = table;
  table.patterns = order.map((id) => patterns[id]!);
  table.boundaries = order.map((id) => boundaries[id]!);
  table.spells = order.map((id) => spells[id]!);
  table.vetoes = order.map((id) => vetoes[id]!);
}
