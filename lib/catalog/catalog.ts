import Fuse, { type FuseResult, type IFuseOptions } from 'fuse.js';
import { CARD_FACT_LIMIT, type CardData, type ExplainerView, type MatcherTable, type SearchResult, type TermTable } from '../messages';
import { compileTerms } from '../match/compile';
import { packTerms } from '../match/packed';
import { localizeExplainer } from './localize';
import type { Explainer, Pack } from '../pack-format/types';
import { SEARCH_KEYS } from '../pack-format/search-doc';
import { foldText, Prefilter } from './prefilter';
import { searchVariants } from './query';
import { suggestedTopics } from './suggested-topics';
import { exactDocs, type ExactNames } from './exact-names';
import { buildSearchSnapshot, type SearchEntry, type SearchSnapshot } from './search-snapshot';
import type { MatchTerm } from '../match/types';
import { latestCorrection, newestAsOf } from '../freshness';
import type { ReaderLang } from '../reader-lang';

/** The hover card promises 3–5 facts; authors may write up to 8, so the card takes the first five. */
const DEFAULT_SEARCH_LIMIT = 10;
const MAX_SEARCH_LIMIT = 50;

/** Loose enough for one typo in a short word ("sanctuery"), strict enough that noise does not match. */
const SEARCH_THRESHOLD = 0.4;

/**
 * Results scoring worse than this are dropped. Fuse's own threshold applies per field, not to the
 * final score, so before this cap "inflation" or "taxes" listed explainers sharing a few letters
 * with a summary word (issue #14).
 */
const MAX_RESULT_SCORE = 0.4;
/** How many prefilter candidates Fuse scores per query: a page of results with room to re-rank. */
export const CANDIDATE_LIMIT = 24;
/**
 * Key facts and body text count less than names: a hit there scores its plain Fuse score (0 exact,
 * 0.4 the fuzziest) plus this, so under the cap only a near-exact one is listed, after name hits.
 */
const TEXT_PENALTY = 0.2;

const FUSE_BASE = {
  includeMatches: true,
  includeScore: true,
  ignoreLocation: true,
  ignoreDiacritics: true,
  threshold: SEARCH_THRESHOLD,
  minMatchCharLength: 2,
} as const;

const NAME_OPTIONS: IFuseOptions<SearchEntry> = { ...FUSE_BASE, keys: SEARCH_KEYS.map((key) => ({ ...key })) };
/** One long field: without field-length norm its score is the match's own, however long the body. */
const TEXT_OPTIONS: IFuseOptions<SearchEntry> = { ...FUSE_BASE, keys: ['text'], ignoreFieldNorm: true };

/** Keys whose text is worth showing as "matched": a summary fragment would not tell the reader anything. */
const MATCHED_LABEL_KEYS = new Set(['title', 'terms']);

/**
 * A result while ranking: the Fuse result and query it came from stay beside it, and its `matched`
 * label, which re-scores each matched spelling, is worked out only for the page of results returned.
 */
interface Ranked extends Omit<SearchResult, 'matched'> {
  source: FuseResult<SearchEntry>;
  query: string;
}

export interface ExplainerListing {
  id: string;
  title: string;
  summary: string;
  category: string;
  lang: ReaderLang;
}

/** What a SearchCatalog is made from: a search snapshot, its term table left out or not. */
type SearchCatalogData = Pick<SearchSnapshot, 'version' | 'staleAfterDays' | 'explainerCount' | 'entries' | 'prefilter' | 'exact'> & { terms?: MatchTerm[] };

function disabledIn(categories: ReadonlySet<string>, disabledCategories: readonly string[]): Set<string> {
  return new Set(disabledCategories.filter((category) => categories.has(category)));
}

/** The term table's version with `disabledCategories` off: the pack's, or that plus the used categories it leaves out. */
export function termVersionOf(version: string, categories: ReadonlySet<string>, disabledCategories: readonly string[] = []): string {
  const disabled = disabledIn(categories, disabledCategories);
  return disabled.size === 0 ? version : `${version}-${[...disabled].sort().join('|')}`;
}

/**
 * Search, listings and the term table over a search snapshot (lib/catalog/search-snapshot.ts), with
 * no explainer bodies in memory: what a woken service worker serves at once. Cards and full
 * explainer views are built here from an explainer the caller fetched (`cardOf`, `viewOf`).
 */
export class SearchCatalog {
  readonly #entries: SearchEntry[];
  readonly #prefilter: Prefilter;
  readonly #explainerCount: number;
  readonly #staleAfterDays: number;
  /** Explainer id → its own entry. */
  readonly #own = new Map<string, SearchEntry>();
  /** "lang id" → that translation's entry. */
  readonly #translated = new Map<string, SearchEntry>();
  /** Folded title and term spellings → entry indexes, for "exact hits first". */
  readonly #exact: ExactNames;
  readonly #version: string;
  readonly #terms: MatchTerm[];
  readonly #categories: Set<string>;
  /** Compiled tables by version: readers switch categories back and forth, and tabs ask on every load. */
  readonly #compiled = new Map<string, MatcherTable>();
  #suggested: string[] | null = null;

  /**
   * A snapshot without terms (a woken worker's, lib/catalog/live-catalog.ts) serves search and
   * listings; its term tables are then made from terms the caller read apart and passes in. Its
   * entries may have holes (a woken worker's first searches, over the entries read so far): search
   * then needs every entry its query's candidates and exact names point to.
   */
  constructor(snapshot: SearchCatalogData, prefilter: Prefilter = Prefilter.fromData(snapshot.prefilter)) {
    this.#entries = snapshot.entries;
    this.#prefilter = prefilter;
    this.#explainerCount = snapshot.explainerCount;
    this.#staleAfterDays = snapshot.staleAfterDays;
    this.#categories = new Set();
    this.#entries.forEach((entry, index) => {
      if (index < this.#explainerCount) {
        this.#own.set(entry.id, entry);
        this.#categories.add(entry.category);
      } else this.#translated.set(`${entry.lang} ${entry.id}`, entry);
    });
    this.#exact = snapshot.exact;
    this.#version = snapshot.version;
    this.#terms = snapshot.terms ?? [];
  }

  get size(): number {
    return this.#own.size;
  }

  has(id: string): boolean {
    return this.#own.has(id);
  }

  #disabled(disabledCategories: readonly string[]): Set<string> {
    return disabledIn(this.#categories, disabledCategories);
  }

  /** The version `termTable(disabledCategories)` has, known without the terms (a woken worker tells tabs it without reading them). */
  termVersion(disabledCategories: readonly string[] = []): string {
    return termVersionOf(this.#version, this.#categories, disabledCategories);
  }

  /**
   * Terms for content scripts. Disabled categories are filtered here, in the background, so the
   * content script never needs to know categories; the version then names them, so a tab holding
   * the unfiltered table sees that it is stale. `terms` is the snapshot's term table, for a catalog
   * made from a head without one.
   */
  // Stryker disable next-line ArrayDeclaration: equivalent — a default naming a category no explainer uses disables nothing.
  termTable(disabledCategories: readonly string[] = [], terms: MatchTerm[] = this.#terms): TermTable {
    const disabled = this.#disabled(disabledCategories);
    const version = this.termVersion(disabledCategories);
    if (disabled.size === 0) return { version, terms };
    const hidden = new Set([...this.#own.values()].filter((own) => disabled.has(own.category)).map((own) => own.id));
    return { version, terms: terms.filter((term) => !hidden.has(term.explainerId)) };
  }

  /** The term table compiled for content scripts (normalised once here, not in every frame). */
  // Stryker disable next-line ArrayDeclaration: equivalent — a default naming a category no explainer uses disables nothing.
  matcherTable(disabledCategories: readonly string[] = [], terms: MatchTerm[] = this.#terms): MatcherTable {
    const version = this.termVersion(disabledCategories);
    let compiled = this.#compiled.get(version);
    if (!compiled) {
      compiled = { version, compiled: packTerms(compileTerms(this.termTable(disabledCategories, terms).terms)) };
      this.#compiled.set(version, compiled);
    }
    return compiled;
  }

  /** The categories the explainers use, in the order they first appear. */
  categories(): string[] {
    return [...this.#categories];
  }

  /** The entry an explainer is shown from in `wanted`: its translation, or its own while it has none. */
  #shown(own: SearchEntry, wanted: ReaderLang): SearchEntry {
    return this.#translated.get(`${wanted} ${own.id}`) ?? own;
  }

  /** The card in the reader's language `wanted` (or the other one, when there is no translation; `lang` says which). */
  cardOf(found: Explainer, wanted: ReaderLang = 'en'): CardData {
    const { explainer, lang } = localizeExplainer(found, wanted);
    const card: CardData = {
      id: explainer.id,
      lang,
      title: explainer.title,
      summary: explainer.summary,
      category: explainer.category,
      updated: explainer.updated,
      facts: explainer.facts.slice(0, CARD_FACT_LIMIT),
      factCount: explainer.facts.length,
      sources: explainer.primarySources,
      staleAfterDays: this.#staleAfterDays,
    };
    const figuresAsOf = newestAsOf(explainer.facts);
    if (figuresAsOf !== undefined) card.figuresAsOf = figuresAsOf;
    const correction = latestCorrection(explainer.corrections);
    if (correction !== undefined) card.latestCorrection = correction;
    return card;
  }

  /** The full page's view: the explainer in `wanted` and its related explainers this catalog has. */
  viewOf(found: Explainer, wanted: ReaderLang = 'en'): ExplainerView {
    const { explainer, lang } = localizeExplainer(found, wanted);
    // A related id may point at an explainer from a pack the reader has not installed: skip it quietly.
    const related = explainer.related.flatMap((relatedId) => {
      const own = this.#own.get(relatedId);
      if (!own) return [];
      const shown = this.#shown(own, wanted);
      return [{ id: relatedId, title: shown.shown?.[0] ?? shown.title, lang: shown.lang }];
    });
    return { explainer, lang, related, staleAfterDays: this.#staleAfterDays };
  }

  /**
   * Fuzzy search over titles, term spellings, summaries and categories. Each query spelling variant
   * ("287 g" → "287(g)") is searched and the best score per explainer kept. `score` is Fuse's:
   * 0 is a perfect match, 1 no match at all; results come best first.
   */
  search(query: string, limit: number = DEFAULT_SEARCH_LIMIT, wanted: ReaderLang = 'en'): SearchResult[] {
    const variants = searchVariants(query);
    const cappedLimit = Math.max(1, Math.min(MAX_SEARCH_LIMIT, Math.floor(limit) || DEFAULT_SEARCH_LIMIT));

    // Fuse scores only the prefilter's candidates, so a query costs what it matches, not the pack.
    const candidates = new Set<number>();
    // Stryker disable next-line ArrayDeclaration: equivalent — a seeded word found in no passage adds no window.
    const matchedWords: string[] = [];
    for (const variant of variants) {
      const { hits, words } = this.#prefilter.candidates(variant, CANDIDATE_LIMIT);
      for (const hit of hits) candidates.add(hit.doc);
      matchedWords.push(...words);
    }
    const exact = new Set<string>();
    for (const variant of variants) for (const index of exactDocs(this.#exact, foldText(variant), this.#entries.length)) {
      candidates.add(index);
      exact.add(this.#entries[index]!.id);
    }
    const entries = [...candidates].map((index) => this.#entries[index]!);
    const names = new Fuse(entries, NAME_OPTIONS);

    const best = new Map<string, Ranked>();
    // Fuse's names-only score, to order explainers the facts and body text tie ("temprary protected status").
    const nameScores = new Map<string, number>();
    const keep = (candidate: Ranked) => {
      // An exact title or spelling ranks first whatever Fuse made of the other fields.
      if (exact.has(candidate.id)) candidate.score = 0;
      else if (candidate.score > MAX_RESULT_SCORE) return;
      const previous = best.get(candidate.id);
      if (!previous || candidate.score < previous.score) best.set(candidate.id, candidate);
    };
    for (const variant of variants) {
      for (const result of names.search(variant)) {
        const candidate = this.#toRanked(result, variant, 0, wanted);
        nameScores.set(candidate.id, Math.min(candidate.score, nameScores.get(candidate.id) ?? 1));
        keep(candidate);
      }
    }
    // A text hit scores at least TEXT_PENALTY, so it cannot beat a name hit that good: Fuse need not read
    // those explainers' passages (most of a query's cost at 5,000 explainers, issue #14). Once a whole
    // page of results scores below it, no text hit can reach the page at all.
    let settled = 0;
    for (const candidate of best.values()) if (candidate.score < TEXT_PENALTY) settled++;
    if (settled < cappedLimit) {
      // Stryker disable next-line MethodExpression,ConditionalExpression,EqualityOperator: equivalent — a settled explainer's text hit would not beat its name hit; this only saves the work.
      const unsettled = entries.filter((entry) => (best.get(entry.id)?.score ?? 1) > TEXT_PENALTY);
      // Fuse's bitap over whole bodies cost ~6 ms per candidate; it scores the passages around the words the prefilter matched instead.
      const near = wordFinder(matchedWords);
      const texts = new Fuse(
        unsettled.map((entry) => ({ ...entry, text: passages(entry.text, near, () => foldedText(entry)) })),
        TEXT_OPTIONS,
      );
      for (const variant of variants) {
        for (const result of texts.search(variant)) {
          // Body hits are ranked coarsely (steps of 0.05) so that between near-equal ones the names decide.
          const candidate = this.#toRanked(result, variant, TEXT_PENALTY, wanted);
          candidate.score = Math.min(1, Math.ceil(candidate.score * 20) / 20);
          keep(candidate);
        }
      }
    }
    const nameScore = (id: string) => nameScores.get(id) ?? 1;
    return [...best.values()]
      .sort((a, b) => a.score - b.score || nameScore(a.id) - nameScore(b.id) || a.title.localeCompare(b.title, wanted))
      .slice(0, cappedLimit)
      .map(({ source, query: matchedQuery, ...result }) => ({ ...result, matched: bestMatchedLabel(source, matchedQuery) }));
  }

  /** Every explainer's title and summary in `wanted` where translated, sorted as readers of that language sort. */
  listExplainers(wanted: ReaderLang = 'en'): ExplainerListing[] {
    return this.#listing(wanted).sort((a, b) => a.title.localeCompare(b.title, wanted));
  }

  #listing(wanted: ReaderLang): ExplainerListing[] {
    return this.#entries.slice(0, this.#explainerCount).map((own) => {
      const shown = this.#shown(own, wanted);
      const [title, summary] = shown.shown ?? [shown.title, shown.summary];
      return { id: own.id, title, summary, category: own.category, lang: shown.lang };
    });
  }

  /**
   * The popup's suggested searches (English titles, as the popup has always offered them): a few
   * strings, so opening the popup need not carry every listing (~1.1 MB at 5,000 explainers, issue #14).
   */
  suggestedTopics(): string[] {
    // Unsorted: the pick does not depend on order, and sorting 5,000 titles is most of a listing's cost.
    return (this.#suggested ??= suggestedTopics(this.#listing('en')));
  }

  /**
   * A match in a translation (a Spanish query on Spanish words) is titled in that language; a match on
   * the explainer's own fields in the language the reader wants.
   */
  #toRanked(result: FuseResult<SearchEntry>, query: string, penalty: number, wanted: ReaderLang): Ranked {
    const doc = result.item;
    // With two languages a translation's own lookup finds itself or nothing, so only a third would tell these apart.
    // Stryker disable next-line ConditionalExpression: equivalent while readers have two languages.
    const shown = this.#own.get(doc.id) === doc ? this.#shown(doc, wanted) : doc;
    const [title, summary] = shown.shown ?? [shown.title, shown.summary];
    return {
      id: doc.id,
      title,
      summary,
      lang: shown.lang,
      category: doc.category,
      score: Math.min(1, (result.score ?? 1) + penalty),
      source: result,
      query,
    };
  }
}

/**
 * Read-only view over one validated pack: the term table for content scripts, cards, search and the
 * full explainer views. The pack is trusted here because `validatePack` checked it at the door.
 */
export class Catalog extends SearchCatalog {
  readonly #byId: Map<string, Explainer>;
  /** What the catalog's search runs on, to store so a later wake need not build it again. */
  readonly snapshot: SearchSnapshot;

  constructor(pack: Pack) {
    const { snapshot, prefilter } = buildSearchSnapshot(pack);
    super(snapshot, prefilter);
    this.snapshot = { ...snapshot, suggested: this.suggestedTopics() };
    this.#byId = new Map(pack.explainers.map((explainer) => [explainer.id, explainer]));
  }

  /** The explainer as the pack has it (every language), or undefined. */
  explainerById(id: string): Explainer | undefined {
    return this.#byId.get(id);
  }

  /** The card in the reader's language `wanted` (or the other one, when there is no translation; `lang` says which). */
  card(id: string, wanted: ReaderLang = 'en'): CardData | null {
    const found = this.#byId.get(id);
    return found ? this.cardOf(found, wanted) : null;
  }

  explainer(id: string, wanted: ReaderLang = 'en'): ExplainerView | null {
    const found = this.#byId.get(id);
    return found ? this.viewOf(found, wanted) : null;
  }
}

/**
 * Fuse reports every field that matched, not which matched best; re-score each title/term value on
 * its own so the reader sees the spelling that explains the hit ("sanctuary city" for "sanctuery").
 * When only the summary matched, the words it matched on say more than repeating the title.
 */
function bestMatchedLabel(result: FuseResult<SearchEntry>, query: string): string {
  let best: { value: string; score: number } | undefined;
  // Stryker disable next-line ArrayDeclaration: unreachable — with includeMatches Fuse always lists the matches.
  for (const match of result.matches ?? []) {
    // Stryker disable next-line ConditionalExpression: unreachable — Fuse gives every match of a string field its value; the guard narrows the type.
    if (!match.key || !MATCHED_LABEL_KEYS.has(match.key) || match.value === undefined) continue;
    const { isMatch, score } = Fuse.match(query, match.value, {
      ignoreLocation: true,
      ignoreDiacritics: true,
      threshold: SEARCH_THRESHOLD,
    });
    // Stryker disable next-line ConditionalExpression: equivalent — Fuse lists only values that matched under these same options.
    if (!isMatch) continue;
    if (!best || score < best.score || (score === best.score && match.value.length < best.value.length)) best = { value: match.value, score };
  }
  return best?.value ?? summaryWords(result) ?? result.item.title;
}

const SUMMARY_LABEL_MAX = 40;

/** The whole words of the summary (or facts and body) around its longest matched stretch. */
function summaryWords(result: FuseResult<SearchEntry>): string | undefined {
  // Stryker disable next-line OptionalChaining: unreachable — with includeMatches Fuse always lists the matches.
  const match = result.matches?.find((candidate) => candidate.key === 'summary' || candidate.key === 'text');
  // Stryker disable next-line ConditionalExpression: unreachable — Fuse lists a match only with the stretches that matched.
  if (!match?.value || match.indices.length === 0) return undefined;
  const text = match.value;
  let [start, end] = match.indices.reduce((longest, range) => (range[1] - range[0] > longest[1] - longest[0] ? range : longest));
  while (isWordChar(text, start - 1)) start -= 1;
  while (isWordChar(text, end + 1)) end += 1;
  const words = text.slice(start, end + 1).trim();
  return words.length >= 2 && words.length <= SUMMARY_LABEL_MAX ? words : undefined;
}

/** A letter or digit at `index` (false past either end of `text`). */
function isWordChar(text: string, index: number): boolean {
  return /[\p{L}\p{N}]/u.test(text.charAt(index));
}

const PASSAGE_BEFORE = 40;
const PASSAGE_AFTER = 60;
const PASSAGES_MAX = 3;

/**
 * A case-insensitive finder for any of `words`, the prefilter's indexed words (letters and digits only,
 * so nothing to escape); null when there are none.
 */
function wordFinder(words: readonly string[]): RegExp | null {
  // Stryker disable next-line ConditionalExpression: unreachable — every prefilter candidate comes with words, and exact-only ones are settled.
  return words.length === 0 ? null : new RegExp([...new Set(words)].join('|'), 'giu');
}

/** Each entry's text with accents folded away, character for character (see foldInPlace), made on a search's first need. */
const foldedTexts = new WeakMap<SearchEntry, string>();

function foldedText(entry: SearchEntry): string {
  let folded = foldedTexts.get(entry);
  if (folded === undefined) foldedTexts.set(entry, (folded = foldInPlace(entry.text)));
  return folded;
}

const NON_ASCII_CHAR = /[^\0-\x7f]/g;

/**
 * `text` with each accented character replaced by its folded letter, keeping every other character and
 * the length, so an offset found in it is the same offset in `text`. The prefilter's words are folded
 * ("ninos" for "niños"), and Spanish bodies are full of accents.
 */
function foldInPlace(text: string): string {
  return text.replace(NON_ASCII_CHAR, (char) => {
    const folded = foldText(char);
    return folded.length === 1 ? folded : char;
  });
}

/**
 * Up to three windows of `text` around matched words; the start of the text when none is found. The
 * words are looked for in `text` as it is, and only when none is there (accents: "niños" for "ninos")
 * in its folded copy, which costs a pass over the text the first time.
 */
function passages(text: string, near: RegExp | null, folded: () => string): string {
  // Stryker disable next-line ConditionalExpression: unreachable — see wordFinder; a null finder only ever meets no text.
  let windows = near ? windowsAround(text, text, near) : [];
  if (near && windows.length === 0) {
    const copy = folded();
    if (copy !== text) windows = windowsAround(copy, text, near);
  }
  return windows.length > 0 ? windows.join(' … ') : text.slice(0, PASSAGE_BEFORE + PASSAGE_AFTER);
}

/** Windows of `text` around the first matches of `near` in `searched` (the text or its folded copy, of the same length). */
function windowsAround(searched: string, text: string, near: RegExp): string[] {
  const windows: string[] = [];
  near.lastIndex = 0;
  // Each search resumes where the last window ended, so windows never overlap.
  for (let match = near.exec(searched); match && windows.length < PASSAGES_MAX; match = near.exec(searched)) {
    const end = Math.min(text.length, match.index + PASSAGE_AFTER);
    windows.push(text.slice(Math.max(0, match.index - PASSAGE_BEFORE), end));
    near.lastIndex = end;
  }
  return windows;
}
