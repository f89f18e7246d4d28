/**
 * The pure-text detection engine: one automaton pass over normalised text finds every spelling and
 * veto phrase at once; the per-term rules (case, vetoes, context words) then run only on the few
 * candidates, and overlaps resolve to the longest match.
 */
import { Automaton } from './automaton';
import { compileTerms, LANG_BITS, NEEDS_END_BOUNDARY, NEEDS_START_BOUNDARY, type CompiledTerm } from './compile';
import { collectCues, wordIndexAfter, wordIndexFrom, wordList, type WordList } from './context';
import { checkPrecheckTable, precheckFrom, precheckFromKeys, type Precheck } from './precheck';
import { normalizeTerm, walkNormalized, type ScanState } from './normalize';
import { packTerms, readPacked, type PackedTerms, type TermSource } from './packed';
import { senseFeatures, senseScore } from './sense';
import type { MatchContext, MatchTerm, Matcher, TextMatch } from './types';

export type { MatchTerm, Matcher } from './types';
export type { PackedTerms } from './packed';
export { normalizeTerm } from './normalize';

/** Texts up to this length are split into words once; longer ones only around each candidate. */
const WHOLE_TEXT_WORDS = 8192;
/** Characters read either side of a candidate per word of context window in long texts. */
const CHARS_PER_WORD = 48;

/** Automaton state for `walkNormalized`; collects boundary-checked hits. */
class Scanner implements ScanState {
  private readonly auto: Automaton;
  readonly classOf: Uint16Array;
  private readonly length: Int32Array;
  /** Per pattern, '0' + its NEEDS_* flags (TermSource.boundaries), read where a pattern is found. */
  private readonly boundaries: string;
  readonly ringStart: Int32Array;
  readonly ringWord: Uint8Array;
  readonly mask: number;
  state = 0;
  count = 0;
  // Stryker disable next-line ArrayDeclaration: equivalent — reset() empties it before every walk.
  private readonly pending: number[] = [];
  /** Flat triples: pattern, start, end. */
  // Stryker disable next-line ArrayDeclaration: equivalent — reset() empties it before every walk.
  readonly hits: number[] = [];

  constructor(auto: Automaton, boundaries: string) {
    this.auto = auto;
    this.classOf = auto.classOf;
    this.state = auto.rootOffset;
    this.length = auto.patternLength;
    this.boundaries = boundaries;
    let size = 8;
    // Stryker disable next-line EqualityOperator: equivalent — a ring one size larger only costs memory.
    while (size < auto.maxLength + 2) size <<= 1;
    this.ringStart = new Int32Array(size);
    this.ringWord = new Uint8Array(size);
    this.mask = size - 1;
  }

  /** The automaton's table: rows are added as the text reaches new states, so always read it here. */
  get delta(): Int32Array {
    return this.auto.delta;
  }

  resolve(offset: number, cls: number): number {
    return this.auto.resolve(offset, cls);
  }

  reset(): void {
    this.state = this.auto.rootOffset;
    this.count = 0;
    this.pending.length = 0;
    this.hits.length = 0;
    // Slot 0 stands for "before the text": the first unit is written at slot 1.
    this.ringWord[0] = 0;
  }

  settle(nextIsWord: boolean): void {
    if (!nextIsWord) for (const value of this.pending) this.hits.push(value);
    this.pending.length = 0;
  }

  report(stateOffset: number, end: number): boolean {
    const outputs = this.auto.outputs(stateOffset);
    for (let o = 0; o < outputs.length; o++) {
      const pattern = outputs[o]!;
      const first = this.count - this.length[pattern]! + 1;
      // '0' (48) holds neither flag bit, so the code of '0' + flags reads as the flags.
      const flags = this.boundaries.charCodeAt(pattern);
      if ((flags & NEEDS_START_BOUNDARY) !== 0 && this.ringWord[(first - 1) & this.mask] === 1) continue;
      if ((flags & NEEDS_END_BOUNDARY) !== 0) {
        this.pending.push(pattern, this.ringStart[first & this.mask]!, end);
      } else {
        this.hits.push(pattern, this.ringStart[first & this.mask]!, end);
      }
    }
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent — settling an empty list does nothing.
    return this.pending.length > 0;
  }
}

interface Candidate {
  term: number;
  start: number;
  end: number;
}

function byPreference(a: Candidate, b: Candidate): number {
  return b.end - b.start - (a.end - a.start) || a.start - b.start || a.term - b.term;
}

/** Sees every candidate a sense model scores, with its features (tools/sense trains on these). */
export type SenseObserver = (term: number, start: number, end: number, features: readonly string[], score: number) => void;

export function createMatcher(terms: readonly MatchTerm[], observe?: SenseObserver): Matcher {
  return matcherFrom(packTerms(compileTerms(terms)), observe);
}

/**
 * A matcher over a compiled, packed table. Cheap to call: the table is read and the automaton built
 * on the first text that passes the precheck, so a frame whose text never could match does neither.
 */
export function matcherFrom(table: PackedTerms, observe?: SenseObserver): Matcher {
  const precheck = shippedPrecheck(table) ?? precheckFromKeys(table.keys);
  // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent — with no patterns there are no precheck keys, so the precheck lets no text through; this skips its scan.
  const empty = table.patterns === '';
  let read: TermSource | null = null;
  let scanner: Scanner | null = null;
  let fallbackSource: string | undefined;
  let fallbackWords: WordList | undefined;

  const fallbackList = (ctx?: MatchContext): WordList | undefined => {
    const source = ctx?.fallbackText;
    if (!source) return undefined;
    // Stryker disable next-line ConditionalExpression: equivalent — only a cache; splitting the same text again gives the same words.
    if (source !== fallbackSource) {
      fallbackSource = source;
      fallbackWords = wordList(source);
    }
    return fallbackWords;
  };
  let pageSource: string | undefined;
  let pageExplainers = new Set<string>();

  const matcher: Matcher = {
    match(text: string, ctx?: MatchContext): TextMatch[] {
      // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent — as above, an empty table's precheck says no.
      if (empty || !precheck.mayMatch(text)) return [];
      const source = (read ??= readPacked(table));
      scanner ??= new Scanner(new Automaton(source.patterns, source.alphabet), source.boundaries);
      const { spellStart, spellTerms } = source;
      scanner.reset();
      walkNormalized(text, true, scanner, null);
      const hits = scanner.hits;
      if (hits.length === 0) return [];

      let words: WordList | undefined;
      // Asked once, and only now that the text holds a candidate: callers may detect it lazily.
      const lang = ctx?.lang ?? 'en';
      const langBit = LANG_BITS[lang];
      const candidates: Candidate[] = [];
      const scored: Candidate[] = [];
      // Stryker disable next-line EqualityOperator: equivalent — one more turn reads no pattern, whose spellings are none.
      for (let h = 0; h < hits.length; h += 3) {
        const pattern = hits[h]!;
        const start = hits[h + 1]!;
        const hitEnd = hits[h + 2]!;
        const end = pastAccents(text, hitEnd);
        for (let s = spellStart[pattern]!; s < spellStart[pattern + 1]!; s++) {
          const index = spellTerms[s]!;
          const term = source.term(index);
          if ((term.langs & langBit) === 0) continue;
          // Composed first, so a decomposed "ICÉ" differs from "ICE" as the composed one does.
          if (term.exact !== null && normalizeTerm(text.slice(start, end).normalize('NFC'), false) !== term.exact) continue;
          if (term.hasVetoes && isVetoed(hits, source, index, start, hitEnd)) continue;
          if (term.sense !== null) {
            // Decided below, once the block's unambiguous matches are known.
            scored.push({ term: index, start, end });
            continue;
          }
          // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent — with no cues any words pass; this only skips splitting them.
          if (term.minContext > 0) {
            // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent — both give the whole text's words within the window (index.long-text.test.ts); splitting all of a long text is only slower.
            const near = text.length <= WHOLE_TEXT_WORDS ? (words ??= wordList(text)) : wordsAround(text, start, end, term.window);
            if (!hasContext(term, near, start, end, fallbackList(ctx))) continue;
          }
          candidates.push({ term: index, start, end });
        }
      }
      // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent — with nothing to score the block only does work.
      if (scored.length > 0) {
        const settled = new Set<string>();
        for (const c of candidates) {
          const term = source.term(c.term);
          if (term.minContext === 0) settled.add(term.explainerId);
        }
        const page = ctx?.fallbackText;
        // Stryker disable next-line ConditionalExpression: equivalent — only a cache; matching the same page again gives the same explainers.
        if (page !== undefined && page !== pageSource) {
          pageSource = page;
          // The title and headings as a text of their own (no fallback, so no recursion).
          pageExplainers = new Set(matcher.match(page, { lang }).map((m) => m.explainerId));
        }
        const onPage = page === undefined ? undefined : pageExplainers;
        const pageWords = fallbackList(ctx);
        for (const c of scored) {
          const term = source.term(c.term);
          const model = term.sense!;
          // At least two words either side: the l2 and r2 features read them.
          const near = text.length <= WHOLE_TEXT_WORDS ? (words ??= wordList(text)) : wordsAround(text, c.start, c.end, Math.max(model.window, term.window, 2));
          const features = senseFeatures({
            text,
            words: near,
            start: c.start,
            end: c.end,
            window: model.window,
            cues: countCues(term.cues, term.window, near, c.start, c.end),
            against: countCues(term.against, term.window, near, c.start, c.end),
            cuesOnPage: pageWords === undefined ? 0 : countCues(term.cues, pageWords.words.length, pageWords, 0, 0),
            againstOnPage: pageWords === undefined ? 0 : countCues(term.against, pageWords.words.length, pageWords, 0, 0),
            sameInBlock: settled.has(term.explainerId),
            sameOnPage: onPage?.has(term.explainerId) === true,
            othersInBlock: settled.size - (settled.has(term.explainerId) ? 1 : 0),
            othersOnPage: onPage !== undefined && onPage.size > (onPage.has(term.explainerId) ? 1 : 0),
          });
          const score = senseScore(model, features, pageWords);
          observe?.(c.term, c.start, c.end, features, score);
          if (score > 0) candidates.push(c);
        }
      }
      // Stryker disable next-line ConditionalExpression: equivalent — sorting and choosing from no candidates gives [] too.
      if (candidates.length === 0) return [];
      candidates.sort(byPreference);
      const chosen: Candidate[] = [];
      for (const candidate of candidates) {
        if (chosen.every((c) => candidate.end <= c.start || candidate.start >= c.end)) chosen.push(candidate);
      }
      chosen.sort((a, b) => a.start - b.start);
      return chosen.map((c) => ({
        explainerId: source.term(c.term).explainerId,
        termIndex: c.term,
        start: c.start,
        end: c.end,
        text: text.slice(c.start, c.end),
        lang,
      }));
    },
  };
  return matcher;
}

/** The precheck the background built for the table, when it sent one that holds up (see checkPrecheckTable). */
function shippedPrecheck(table: PackedTerms): Precheck | null {
  if (!table.precheck) return null;
  const checked = checkPrecheckTable(table.precheck);
  return checked instanceof Error ? null : precheckFrom(checked);
}

/**
 * Words near a candidate in a long text: a slice holding more than `window` words either side (or
 * reaching the text's end), widened until it does, so that the words within the window are the
 * whole text's; the words a cut splits (or a cut surrogate pair ends) lie beyond them.
 */
function wordsAround(text: string, start: number, end: number, window: number): WordList {
  // Stryker disable next-line ArithmeticOperator: equivalent — a first guess narrower but positive is widened until it holds the window.
  for (let span = window * CHARS_PER_WORD + 64; ; span *= 2) {
    const from = Math.max(0, start - span);
    const to = Math.min(text.length, end + span);
    const near = wordList(text, from, to);
    if ((from === 0 || wordIndexAfter(near, start) > window) && (to === text.length || near.words.length - wordIndexFrom(near, end) > window)) {
      return near;
    }
  }
}

/** A match ending on a decomposed letter keeps the combining accents the walk skips (0300–0302, 0308). */
function pastAccents(text: string, end: number): number {
  let at = end;
  while (at < text.length) {
    const unit = text.charCodeAt(at);
    if (unit < 0x300 || (unit > 0x302 && unit !== 0x308)) break;
    at++;
  }
  return at;
}

function isVetoed(hits: readonly number[], source: TermSource, term: number, start: number, end: number): boolean {
  // Stryker disable next-line EqualityOperator: equivalent — one more turn reads an undefined start, which compares false.
  for (let h = 0; h < hits.length; h += 3) {
    if (hits[h + 1]! <= start && end <= hits[h + 2]! && source.vetoes(hits[h]!).includes(term)) return true;
  }
  return false;
}

/** Distinct cues within `window` words either side of [start, end), counted up to two (`cue1`/`cue2`, `anti1`/`anti2`). */
function countCues(cues: readonly (readonly string[])[], window: number, words: WordList, start: number, end: number): number {
  // Stryker disable next-line ConditionalExpression: equivalent — no cues find nothing; this only skips the searches.
  if (cues.length === 0) return 0;
  const found = new Set<string>();
  const before = wordIndexAfter(words, start);
  collectCues(words, before - window, before, cues, found, 2);
  const after = wordIndexFrom(words, end);
  collectCues(words, after, after + window, cues, found, 2);
  return found.size;
}

function hasContext(term: CompiledTerm, words: WordList, start: number, end: number, fallback?: WordList): boolean {
  const found = new Set<string>();
  const before = wordIndexAfter(words, start);
  // Each call stops once minContext cues are found, so the later ones cost nothing then.
  collectCues(words, before - term.window, before, term.cues, found, term.minContext);
  const after = wordIndexFrom(words, end);
  collectCues(words, after, after + term.window, term.cues, found, term.minContext);
  if (fallback) collectCues(fallback, 0, fallback.words.length, term.cues, found, term.minContext);
  return found.size >= term.minContext;
}
