/**
 * The compiled term table as it crosses `runtime.sendMessage` to every frame: columns, not one object
 * per term. At 15,000 terms the object form was 2.6 MB of JSON and its parse the largest fixed cost of
 * a frame's first scan (issue #14). Packed, a frame parses a few long strings and number arrays, and a
 * term's object is built only when the page's text spells it. Chromium's messaging is JSON, so the
 * columns are strings and plain number arrays (typed arrays would arrive as objects).
 */
import { DEFAULT_WINDOW, type CompiledTerm, type CompiledTerms } from './compile';
import { precheckTable, type PrecheckTable } from './precheck';
import type { SenseModel } from './sense';

/** Joins patterns and explainer ids: patterns fold every whitespace to a space, ids are [a-z0-9-]. */
const SEPARATOR = '\n';

/** Small numbers (flags, language bits) as one character each: '0' + value. */
const digits = (values: readonly number[]): string => values.map((value) => String.fromCharCode(48 + value)).join('');

/**
 * What a term has beyond the common case (any case, no context rule, no sense model, the default
 * window). Its sense model is named by its index in `PackedTerms.senses`.
 */
type TermRules = Partial<Pick<CompiledTerm, 'exact' | 'cues' | 'against' | 'minContext' | 'window'>> & { sense?: number };

export interface PackedTerms {
  /** CompiledTerms.patterns (code-unit order), joined by SEPARATOR. */
  patterns: string;
  /** Per pattern, its boundary flags as one character ('0' + flags). */
  boundaries: string;
  /** Distinct explainer ids, joined by SEPARATOR. */
  explainers: string;
  /** Per term, the index of its explainer id. */
  explainerOf: number[];
  /**
   * The terms pattern p spells are spellTerms[spellStart[p]] up to spellTerms[spellStart[p + 1]], in
   * term order. Shipped ready-made: a loop over every term costs a cold frame far more than parsing.
   */
  spellStart: number[];
  spellTerms: number[];
  /** Per term, its LANG_BITS as one character ('0' + bits). */
  langs: string;
  /** Flat pairs: a veto pattern, a term it vetoes. */
  vetoes: number[];
  /** The terms with more than the common case, and what they have. */
  rules: [term: number, rules: TermRules][];
  /**
   * Each distinct sense model once: an explainer's spellings share one ("ICE", "Ice", "I.C.E."), and
   * sent with every term they were two thirds of the default table (268 KB of its 382).
   */
  senses: SenseModel[];
  /**
   * precheckKeys, in tables packed before `precheck` existed (small integers, which JSON.parse reads
   * without allocating); packTerms now sends null here and the table below.
   */
  keys: number[] | null;
  /**
   * precheckTable(keys), built once here so a frame need not (null: no precheck). A malformed one is
   * refused, and the frame then lets every text through to the automaton: slower, never wrong.
   */
  precheck?: PrecheckTable | null;
  alphabet: number[];
}

const NO_TERMS: readonly number[] = [];

function joined(parts: readonly string[], what: string): string {
  for (const part of parts) if (part.includes(SEPARATOR)) throw new Error(`A ${what} holds a line break: ${JSON.stringify(part)}`);
  return parts.join(SEPARATOR);
}

/** The background packs a table once per version; frames read it with `readPacked`. */
export function packTerms(table: CompiledTerms): PackedTerms {
  const explainerIds = new Map<string, number>();
  const spellStart = [0];
  for (const terms of table.spells) spellStart.push(spellStart[spellStart.length - 1]! + terms.length);
  const vetoes: number[] = [];
  table.vetoes.forEach((terms, pattern) => {
    for (const term of terms) vetoes.push(pattern, term);
  });
  const rules: [number, TermRules][] = [];
  const senses: SenseModel[] = [];
  const senseIndex = new Map<string, number>();
  table.terms.forEach(({ exact, cues, against, minContext, window, sense }, index) => {
    const own: TermRules = {};
    if (exact !== null) own.exact = exact;
    if (cues.length > 0) own.cues = cues;
    if (against.length > 0) own.against = against;
    if (minContext !== 0) own.minContext = minContext;
    if (window !== DEFAULT_WINDOW) own.window = window;
    if (sense !== null) {
      const key = JSON.stringify(sense);
      let at = senseIndex.get(key);
      if (at === undefined) senseIndex.set(key, (at = senses.push(sense) - 1));
      own.sense = at;
    }
    if (Object.keys(own).length > 0) rules.push([index, own]);
  });
  return {
    patterns: joined(table.patterns, 'pattern'),
    boundaries: digits(table.boundaries),
    explainerOf: table.terms.map(({ explainerId }) => {
      let id = explainerIds.get(explainerId);
      if (id === undefined) explainerIds.set(explainerId, (id = explainerIds.size));
      return id;
    }),
    explainers: joined([...explainerIds.keys()], 'explainer id'),
    spellStart,
    spellTerms: table.spells.flat(),
    langs: digits(table.terms.map(({ langs }) => langs)),
    vetoes,
    rules,
    senses,
    keys: null,
    precheck: precheckTable(table.keys),
    alphabet: table.alphabet ?? [],
  };
}

/** A packed table as the matcher reads it. */
export interface TermSource {
  readonly termCount: number;
  readonly patterns: readonly string[];
  /** Per pattern, NEEDS_START_BOUNDARY | NEEDS_END_BOUNDARY as one character ('0' + flags). */
  readonly boundaries: string;
  readonly alphabet: readonly number[];
  /** As in PackedTerms. */
  readonly spellStart: readonly number[];
  readonly spellTerms: readonly number[];
  /** The terms a pattern vetoes. */
  vetoes(pattern: number): readonly number[];
  /** A term's rules, built on first use and kept. */
  term(index: number): CompiledTerm;
}

const split = (text: string): string[] => (text === '' ? [] : text.split(SEPARATOR));

export function readPacked(packed: PackedTerms): TermSource {
  const patterns = split(packed.patterns);
  // Split on first use: a page mentions few explainers, and a pack may have thousands.
  let explainers: string[] | null = null;
  const { explainerOf, langs } = packed;

  const vetoes = new Map<number, number[]>();
  const vetoed = new Set<number>();
  for (let v = 0; v < packed.vetoes.length; v += 2) {
    const pattern = packed.vetoes[v]!;
    const term = packed.vetoes[v + 1]!;
    let list = vetoes.get(pattern);
    if (!list) vetoes.set(pattern, (list = []));
    list.push(term);
    vetoed.add(term);
  }
  const rules = new Map(packed.rules);
  const built = new Map<number, CompiledTerm>();

  return {
    termCount: explainerOf.length,
    patterns,
    boundaries: packed.boundaries,
    alphabet: packed.alphabet,
    spellStart: packed.spellStart,
    spellTerms: packed.spellTerms,
    vetoes: (pattern) => vetoes.get(pattern) ?? NO_TERMS,
    term(index) {
      let term = built.get(index);
      if (!term) {
        const own = rules.get(index) ?? {};
        term = {
          explainerId: (explainers ??= split(packed.explainers))[explainerOf[index]!] ?? '',
          exact: own.exact ?? null,
          cues: own.cues ?? [],
          against: own.against ?? [],
          minContext: own.minContext ?? 0,
          window: own.window ?? DEFAULT_WINDOW,
          hasVetoes: vetoed.has(index),
          langs: langs.charCodeAt(index) - 48,
          sense: own.sense === undefined ? null : (packed.senses?.[own.sense] ?? null),
        };
        built.set(index, term);
      }
      return term;
    },
  };
}
