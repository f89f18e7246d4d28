/**
 * Candidate prefilter for search: a word index plus a trigram index over the words, so a query only
 * touches the explainers that share (fuzzily) a word with it. Fuse.js then scores those few
 * candidates; without this, Fuse's bitap ran over every explainer on every keystroke (0.55 s p50 at
 * 5,000 explainers, issue #14).
 *
 * Typo tolerance comes from trigram overlap: "sanctuery" shares 6 of its 9 padded trigrams with
 * "sanctuary", "deportaton" 7 of 10 with "deportation". The last query word is treated as a prefix
 * (no end padding) because the reader may still be typing it.
 */

/**
 * Where in an explainer a word was seen; lower is stronger: 0 title and term spellings, 1 summary and
 * category, 2 key facts and body text.
 */
export type Tier = 0 | 1 | 2;

const TIER_WEIGHT = [1, 0.85, 0.6] as const;

export interface PrefilterField {
  text: string;
  tier: Tier;
}

/** A query word must share at least this share of its trigrams with an indexed word to count. */
const WORD_SIMILARITY = 0.5;
/** A candidate's mean weighted word similarity must reach this. */
const CANDIDATE_SCORE = 0.45;
/** Query words shorter than this give no reliable trigrams ("of", "a") and are left to Fuse. */
const MIN_QUERY_WORD = 2;
/** Words too common to tell explainers apart; Fuse still sees them as part of the query. */
const STOP_WORDS = new Set(['and', 'the', 'for', 'of', 'in', 'on', 'to', 'a', 'an', 'or', 'with', 'by', 'at', 'is', 'y', 'el', 'la', 'de', 'los', 'las', 'en']);

const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}/gu;

/** Lower case without diacritics, the way Fuse's ignoreDiacritics compares. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

export function wordsOf(text: string): string[] {
  return foldText(text).match(WORD) ?? [];
}

/** Padded trigrams; an open end (a word still being typed) gets no end padding. */
function trigramsOf(word: string, openEnd = false): string[] {
  const padded = ` ${word}${openEnd ? '' : ' '}`;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  // A one-letter open word (" g") still needs one gram to look up.
  if (grams.size === 0) grams.add(padded);
  return [...grams];
}

export interface PrefilterHit {
  doc: number;
  score: number;
}

/**
 * Immutable index over documents numbered 0..n-1. Building costs one pass over the words; a query
 * costs the trigram postings of its words plus the documents those words occur in.
 */
export class Prefilter {
  /** word → id */
  readonly #wordIds = new Map<string, number>();
  readonly #words: string[] = [];
  /** word id → flat [doc, tier, doc, tier, …], each doc once with its strongest tier. */
  readonly #wordDocs: number[][] = [];
  /** trigram → word ids */
  readonly #gramWords = new Map<string, number[]>();
  readonly size: number;

  constructor(docs: readonly (readonly PrefilterField[])[]) {
    this.size = docs.length;
    docs.forEach((fields, doc) => {
      const seen = new Map<number, Tier>();
      for (const { text, tier } of fields) {
        for (const word of wordsOf(text)) {
          const id = this.#wordId(word);
          const previous = seen.get(id);
          if (previous === undefined || tier < previous) seen.set(id, tier);
        }
      }
      for (const [id, tier] of seen) this.#wordDocs[id]!.push(doc, tier);
    });
  }

  #wordId(word: string): number {
    let id = this.#wordIds.get(word);
    if (id !== undefined) return id;
    id = this.#words.length;
    this.#wordIds.set(word, id);
    this.#words.push(word);
    this.#wordDocs.push([]);
    for (const gram of trigramsOf(word)) {
      const list = this.#gramWords.get(gram);
      if (list) list.push(id);
      else this.#gramWords.set(gram, [id]);
    }
    return id;
  }

  /** Indexed words similar to `word` with their similarity (share of the query word's trigrams found). */
  #similarWords(word: string, openEnd: boolean): Map<number, number> {
    // A word that may be unfinished is also tried as finished: "asilum" keeps its "um " gram for "asylum".
    const similar = openEnd ? this.#similarWords(word, false) : new Map<number, number>();
    const grams = trigramsOf(word, openEnd);
    const counts = new Map<number, number>();
    for (const gram of grams) {
      for (const id of this.#gramWords.get(gram) ?? []) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const exact = this.#wordIds.get(word);
    for (const [id, count] of counts) {
      let similarity = count / grams.length;
      // Penalise indexed words much longer than a closed query word: "ice" should not pull in "justice".
      if (!openEnd) similarity *= Math.min(1, (grams.length + 1) / trigramsOf(this.#words[id]!).length);
      if (similarity >= WORD_SIMILARITY && similarity > (similar.get(id) ?? 0)) similar.set(id, similarity);
    }
    if (exact !== undefined) similar.set(exact, 1);
    return similar;
  }

  /**
   * Documents worth scoring for `query`, best first, at most `limit`. An empty query word list (only
   * stop words or one-letter words) gives no candidates: the caller then has nothing to score.
   */
  candidates(query: string, limit: number): PrefilterHit[] {
    const all = wordsOf(query);
    const words = [...new Set(all.filter((word, i) => word.length >= MIN_QUERY_WORD && (!STOP_WORDS.has(word) || all.length === 1) && all.indexOf(word) === i))];
    if (words.length === 0) return [];
    const lastWord = all.at(-1);
    const openEnd = !/[\s\p{P}]$/u.test(query);
    const totals = new Map<number, number>();
    for (const word of words) {
      const best = new Map<number, number>();
      for (const [id, similarity] of this.#similarWords(word, openEnd && word === lastWord)) {
        const postings = this.#wordDocs[id]!;
        for (let i = 0; i < postings.length; i += 2) {
          const doc = postings[i]!;
          const weighted = similarity * TIER_WEIGHT[postings[i + 1] as Tier];
          if (weighted > (best.get(doc) ?? 0)) best.set(doc, weighted);
        }
      }
      for (const [doc, score] of best) totals.set(doc, (totals.get(doc) ?? 0) + score);
    }
    const hits: PrefilterHit[] = [];
    for (const [doc, total] of totals) {
      const score = total / words.length;
      if (score >= CANDIDATE_SCORE) hits.push({ doc, score });
    }
    hits.sort((a, b) => b.score - a.score || a.doc - b.doc);
    return hits.slice(0, limit);
  }
}
