import Fuse, { type FuseResult, type IFuseOptions } from 'fuse.js';
import { CARD_FACT_LIMIT, type CardData, type ExplainerView, type MatcherTable, type SearchResult, type TermTable } from '../messages';
import { compileTerms } from '../match/compile';
import { termsOf } from './match-terms';
import { LANGS, type Explainer, type Lang, type Pack, type SearchDoc } from '../pack-format/types';
import { SEARCH_KEYS, translatedSearchDocs } from '../pack-format/search-doc';
import { searchVariants } from './query';
import { DEFAULT_STALE_AFTER_DAYS, latestCorrection, newestAsOf } from '../freshness';
import type { ReaderLang } from '../reader-lang';
import { localizeExplainer } from './localize';

/** The hover card promises 3–5 facts; authors may write up to 8, so the card takes the first five. */
const DEFAULT_SEARCH_LIMIT = 10;
const MAX_SEARCH_LIMIT = 50;

/** Loose enough for one typo in a short word ("sanctuery"), strict enough that noise does not match. */
const SEARCH_THRESHOLD = 0.4;

/**
 * Translations are searched more strictly: their documents add thousands of words that fuzzy English
 * noise would hit ("pizza" ≈ "fronteriza" at 2 errors in 5, "gaza" ≈ "raza"). A spelling may be one
 * letter in four off (not two in five). Real Spanish queries, accents or not, score under 0.05.
 */
const TRANSLATION_THRESHOLD = 0.3;

const FUSE_OPTIONS: IFuseOptions<SearchDoc> = {
  keys: SEARCH_KEYS.map((key) => ({ ...key })),
  includeMatches: true,
  includeScore: true,
  ignoreLocation: true,
  ignoreDiacritics: true,
  threshold: SEARCH_THRESHOLD,
  minMatchCharLength: 2,
};

/**
 * Searching the translations as loosely as the pack's own fields lets everyday English queries land on
 * Spanish words ("pizza" in "Fronteriza", "gaza" in "amenaza"): there, titles, term spellings and the
 * category only, one step stricter. Spanish queries still find their topics with or without accents.
 */
const TRANSLATION_FUSE_OPTIONS: IFuseOptions<SearchDoc> = {
  ...FUSE_OPTIONS,
  keys: SEARCH_KEYS.filter((key) => key.name !== 'summary').map((key) => ({ ...key })),
  threshold: TRANSLATION_THRESHOLD,
};

/** Keys whose text is worth showing as "matched": a summary fragment would not tell the reader anything. */
const MATCHED_LABEL_KEYS = new Set(['title', 'terms']);

export interface ExplainerListing {
  id: string;
  title: string;
  summary: string;
  category: string;
  lang: ReaderLang;
}

/** An explainer's text in one language, and which language that turned out to be. */
interface Localized {
  explainer: Explainer;
  lang: ReaderLang;
}

/**
 * Read-only view over one validated pack: the term table for content scripts, cards, search and the
 * full explainer views. The pack is trusted here because `validatePack` checked it at the door.
 */
export class Catalog {
  readonly #pack: Pack;
  readonly #byId: Map<string, Explainer>;
  /** One search per language: the pack's own documents, then those built from its translations. */
  readonly #searches: { lang: Lang; fuse: Fuse<SearchDoc> }[];
  readonly #termTable: TermTable;
  readonly #categories: Set<string>;
  /** Compiled tables by version: readers switch categories back and forth, and tabs ask on every load. */
  readonly #compiled = new Map<string, MatcherTable>();

  constructor(pack: Pack) {
    this.#pack = pack;
    this.#byId = new Map(pack.explainers.map((explainer) => [explainer.id, explainer]));
    this.#categories = new Set(pack.explainers.map((explainer) => explainer.category));
    const index = Fuse.parseIndex<SearchDoc>(pack.searchIndex as Parameters<typeof Fuse.parseIndex>[0]);
    // The pack's stored documents are its explainers' own fields: English unless the pack says otherwise.
    this.#searches = [{ lang: pack.explainers[0]?.lang ?? 'en', fuse: new Fuse(pack.searchDocs, FUSE_OPTIONS, index) }];
    for (const lang of LANGS) {
      const docs = translatedSearchDocs(pack.explainers, lang);
      if (docs.length > 0) this.#searches.push({ lang, fuse: new Fuse(docs, TRANSLATION_FUSE_OPTIONS) });
    }
    this.#termTable = { version: pack.sha256, terms: pack.explainers.flatMap(termsOf) };
  }

  get #staleAfterDays(): number {
    return this.#pack.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS;
  }

  get size(): number {
    return this.#byId.size;
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  /**
   * Terms for content scripts. Disabled categories are filtered here, in the background, so the
   * content script never needs to know categories; the version then names them, so a tab holding
   * the unfiltered table sees that it is stale.
   */
  termTable(disabledCategories: readonly string[] = []): TermTable {
    const disabled = new Set(disabledCategories.filter((category) => this.#categories.has(category)));
    if (disabled.size === 0) return this.#termTable;
    return {
      version: `${this.#termTable.version}-${[...disabled].sort().join('|')}`,
      terms: this.#termTable.terms.filter((term) => !disabled.has(this.#byId.get(term.explainerId)?.category ?? '')),
    };
  }

  /** The term table compiled for content scripts (normalised once here, not in every frame). */
  matcherTable(disabledCategories: readonly string[] = []): MatcherTable {
    const table = this.termTable(disabledCategories);
    let compiled = this.#compiled.get(table.version);
    if (!compiled) {
      compiled = { version: table.version, compiled: compileTerms(table.terms) };
      this.#compiled.set(table.version, compiled);
    }
    return compiled;
  }

  /** The categories the explainers use, in the order they first appear. */
  categories(): string[] {
    return [...this.#categories];
  }

  /** The explainer in `wanted`, or in its own language while it has no such translation. */
  #localized(explainer: Explainer, wanted: ReaderLang): Localized {
    const { explainer: shown, lang } = localizeExplainer(explainer, wanted);
    return { explainer: shown, lang };
  }

  /** The card in the reader's language `wanted` (or the other one, when there is no translation; `lang` says which). */
  card(id: string, wanted: ReaderLang = 'en'): CardData | null {
    const found = this.#byId.get(id);
    if (!found) return null;
    const { explainer, lang } = this.#localized(found, wanted);
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

  /**
   * Fuzzy search over titles, term spellings, summaries and categories. Each query spelling variant
   * ("287 g" → "287(g)") is searched and the best score per explainer kept. `score` is Fuse's:
   * 0 is a perfect match, 1 no match at all; results come best first.
   */
  search(query: string, limit: number = DEFAULT_SEARCH_LIMIT, wanted: ReaderLang = 'en'): SearchResult[] {
    const variants = searchVariants(query);
    if (variants.length === 0) return [];
    const cappedLimit = Math.max(1, Math.min(MAX_SEARCH_LIMIT, Math.floor(limit) || DEFAULT_SEARCH_LIMIT));

    const best = new Map<string, SearchResult>();
    for (const { lang, fuse } of this.#searches) {
      for (const variant of variants) {
        for (const result of fuse.search(variant)) {
          const candidate = this.#toSearchResult(result, variant, lang, wanted);
          const previous = best.get(candidate.id);
          if (!previous || candidate.score < previous.score) best.set(candidate.id, candidate);
        }
      }
    }
    return [...best.values()]
      .sort((a, b) => a.score - b.score || a.title.localeCompare(b.title, wanted))
      .slice(0, cappedLimit);
  }

  /** Every explainer's title and summary in `wanted` where translated, sorted as readers of that language sort. */
  listExplainers(wanted: ReaderLang = 'en'): ExplainerListing[] {
    return this.#pack.explainers
      .map((found) => {
        const { explainer, lang } = this.#localized(found, wanted);
        return { id: explainer.id, title: explainer.title, summary: explainer.summary, category: explainer.category, lang };
      })
      .sort((a, b) => a.title.localeCompare(b.title, wanted));
  }

  explainer(id: string, wanted: ReaderLang = 'en'): ExplainerView | null {
    const found = this.#byId.get(id);
    if (!found) return null;
    const { explainer, lang } = this.#localized(found, wanted);
    // A related id may point at an explainer from a pack the reader has not installed: skip it quietly.
    const related = explainer.related.flatMap((relatedId) => {
      const other = this.#byId.get(relatedId);
      if (!other) return [];
      const shown = this.#localized(other, wanted);
      return [{ id: other.id, title: shown.explainer.title, lang: shown.lang }];
    });
    return { explainer, lang, related, staleAfterDays: this.#staleAfterDays };
  }

  /**
   * `matched` is the language of the text the query matched. A match in a translation (a Spanish query
   * on Spanish words) is titled in that language; a match on the explainer's own fields in the reader's.
   */
  #toSearchResult(result: FuseResult<SearchDoc>, query: string, matched: Lang, wanted: ReaderLang): SearchResult {
    const doc = result.item;
    const found = this.#byId.get(doc.id);
    const shown = found ? this.#localized(found, matched !== (found.lang ?? 'en') ? matched : wanted) : undefined;
    return {
      id: doc.id,
      title: shown?.explainer.title ?? doc.title,
      summary: shown?.explainer.summary ?? doc.summary,
      lang: shown?.lang ?? matched,
      category: doc.category,
      matched: bestMatchedLabel(result, query),
      score: result.score ?? 1,
    };
  }
}

/**
 * Fuse reports every field that matched, not which matched best; re-score each title/term value on
 * its own so the reader sees the spelling that explains the hit ("sanctuary city" for "sanctuery").
 * When only the summary matched, the words it matched on say more than repeating the title.
 */
function bestMatchedLabel(result: FuseResult<SearchDoc>, query: string): string {
  let bestValue: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const match of result.matches ?? []) {
    if (!match.key || !MATCHED_LABEL_KEYS.has(match.key) || match.value === undefined) continue;
    const { isMatch, score } = Fuse.match(query, match.value, {
      ignoreLocation: true,
      ignoreDiacritics: true,
      threshold: SEARCH_THRESHOLD,
    });
    if (!isMatch) continue;
    const better = score < bestScore || (score === bestScore && match.value.length < (bestValue?.length ?? Infinity));
    if (better) {
      bestScore = score;
      bestValue = match.value;
    }
  }
  return bestValue ?? summaryWords(result) ?? result.item.title;
}

const SUMMARY_LABEL_MAX = 40;

/** The whole words of the summary around its longest matched stretch. */
function summaryWords(result: FuseResult<SearchDoc>): string | undefined {
  const match = result.matches?.find((candidate) => candidate.key === 'summary' && candidate.value !== undefined);
  if (!match?.value || match.indices.length === 0) return undefined;
  const text = match.value;
  let [start, end] = match.indices.reduce((longest, range) => (range[1] - range[0] > longest[1] - longest[0] ? range : longest));
  while (start > 0 && /[\p{L}\p{N}]/u.test(text[start - 1]!)) start -= 1;
  while (end < text.length - 1 && /[\p{L}\p{N}]/u.test(text[end + 1]!)) end += 1;
  const words = text.slice(start, end + 1).trim();
  return words.length >= 2 && words.length <= SUMMARY_LABEL_MAX ? words : undefined;
}
