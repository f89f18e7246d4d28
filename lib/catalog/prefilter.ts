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
type Tier = 0 | 1 | 2;

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
const NON_ASCII = /[^ -~\t\n\r]/;

/** Lower case without diacritics, the way Fuse's ignoreDiacritics compares. */
export function foldText(text: string): string {
  // Most text is ASCII: skip Unicode normalisation for it (a third of the index build at 5,000 explainers).
  return NON_ASCII.test(text) ? text.normalize('NFKD').replace(MARKS, '').toLowerCase() : text.toLowerCase();
}

function wordsOf(text: string): string[] {
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

interface PrefilterHit {
  doc: number;
  score: number;
}

export interface PrefilterResult {
  /** Best first, at most the limit asked for. */
  hits: PrefilterHit[];
  /** The indexed words the query matched, best first (at most MATCHED_WORDS_MAX): where to look in a long text. */
  words: string[];
}

const MATCHED_WORDS_MAX = 40;

/**
 * The index in a form that crosses IndexedDB's structured clone cheaply: one string and a few typed
 * arrays instead of ~50,000 small arrays and a Map (issue #14: a wake must not rebuild the index).
 */
export interface PrefilterData {
  size: number;
  /** Indexed words, joined by "\n" (words never contain one). */
  words: string;
  /** Flat [doc, tier, …] postings of every word, word after word; word i's run starts at wordStarts[i]. */
  postings: Int32Array;
  /** One more entry than there are words. */
  wordStarts: Int32Array;
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
  /** word id → how many trigrams the finished word has (for the length penalty). */
  readonly #gramCounts: number[] = [];
  readonly size: number;
  /** Per-query scratch, one slot per document, reused so a keystroke allocates little. */
  readonly #wordBest: Float64Array;
  readonly #totals: Float64Array;

  constructor(docs: readonly (readonly PrefilterField[])[], data?: PrefilterData) {
    this.size = data ? data.size : docs.length;
    this.#wordBest = new Float64Array(this.size);
    this.#totals = new Float64Array(this.size);
    if (data) {
      this.#load(data);
      return;
    }
    // word id → the last doc that used it and the tier it had there (stamps instead of a Map per doc).
    const lastDoc: number[] = [];
    const lastTier: Tier[] = [];
    docs.forEach((fields, doc) => {
      const touched: number[] = [];
      for (const { text, tier } of fields) {
        for (const word of wordsOf(text)) {
          const id = this.#wordId(word);
          if (lastDoc[id] !== doc) {
            lastDoc[id] = doc;
            lastTier[id] = tier;
            touched.push(id);
          } else if (tier < lastTier[id]!) lastTier[id] = tier;
        }
      }
      for (const id of touched) this.#wordDocs[id]!.push(doc, lastTier[id]!);
    });
  }

  /** The index rebuilt from `toData()`: only the word table and its trigrams, no text is read again. */
  static fromData(data: PrefilterData): Prefilter {
    return new Prefilter([], data);
  }

  #load({ size, words, postings, wordStarts }: PrefilterData): void {
    const list = words === '' ? [] : words.split('\n');
    if (wordStarts.length !== list.length + 1 || wordStarts[list.length] !== postings.length) throw new Error('prefilter data does not fit together');
    list.forEach((word, id) => {
      if (this.#wordId(word) !== id) throw new Error(`prefilter word listed twice: ${word}`);
      const run = Array.from(postings.subarray(wordStarts[id], wordStarts[id + 1]));
      for (let i = 0; i < run.length; i += 2) {
        if (!(run[i]! >= 0 && run[i]! < size && run[i + 1]! >= 0 && run[i + 1]! < TIER_WEIGHT.length)) throw new Error('prefilter posting out of range');
      }
      this.#wordDocs[id] = run;
    });
  }

  toData(): PrefilterData {
    const wordStarts = new Int32Array(this.#words.length + 1);
    let total = 0;
    this.#wordDocs.forEach((run, id) => {
      wordStarts[id] = total;
      total += run.length;
    });
    wordStarts[this.#words.length] = total;
    const postings = new Int32Array(total);
    this.#wordDocs.forEach((run, id) => postings.set(run, wordStarts[id]));
    return { size: this.size, words: this.#words.join('\n'), postings, wordStarts };
  }

  #wordId(word: string): number {
    let id = this.#wordIds.get(word);
    if (id !== undefined) return id;
    id = this.#words.length;
    this.#wordIds.set(word, id);
    this.#words.push(word);
    this.#wordDocs.push([]);
    const grams = trigramsOf(word);
    this.#gramCounts.push(grams.length);
    for (const gram of grams) {
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
      if (!openEnd) similarity *= Math.min(1, (grams.length + 1) / this.#gramCounts[id]!);
      if (similarity >= WORD_SIMILARITY && similarity > (similar.get(id) ?? 0)) similar.set(id, similarity);
    }
    if (exact !== undefined) similar.set(exact, 1);
    return similar;
  }

  /**
   * Documents worth scoring for `query`, best first, at most `limit`. An empty query word list (only
   * stop words or one-letter words) gives no candidates: the caller then has nothing to score.
   */
  candidates(query: string, limit: number): PrefilterResult {
    const all = wordsOf(query);
    const words = [...new Set(all.filter((word, i) => word.length >= MIN_QUERY_WORD && (!STOP_WORDS.has(word) || all.length === 1) && all.indexOf(word) === i))];
    if (words.length === 0) return { hits: [], words: [] };
    const matched: [string, number][] = [];
    const lastWord = all.at(-1);
    const openEnd = !/[\s\p{P}]$/u.test(query);
    const best = this.#wordBest;
    const totals = this.#totals;
    totals.fill(0);
    const touched: number[] = [];
    for (const word of words) {
      best.fill(0);
      const docs: number[] = [];
      for (const [id, similarity] of this.#similarWords(word, openEnd && word === lastWord)) {
        matched.push([this.#words[id]!, similarity]);
        const postings = this.#wordDocs[id]!;
        for (let i = 0; i < postings.length; i += 2) {
          const doc = postings[i]!;
          const weighted = similarity * TIER_WEIGHT[postings[i + 1] as Tier];
          if (best[doc] === 0) docs.push(doc);
          if (weighted > best[doc]!) best[doc] = weighted;
        }
      }
      for (const doc of docs) {
        if (totals[doc] === 0) touched.push(doc);
        totals[doc] = totals[doc]! + best[doc]!;
      }
    }
    const hits: PrefilterHit[] = [];
    const needed = CANDIDATE_SCORE * words.length;
    for (const doc of touched) if (totals[doc]! >= needed) hits.push({ doc, score: totals[doc]! / words.length });
    hits.sort((a, b) => b.score - a.score || a.doc - b.doc);
    matched.sort((a, b) => b[1] - a[1] || a[0].length - b[0].length);
    return { hits: hits.slice(0, limit), words: [...new Set(matched.slice(0, MATCHED_WORDS_MAX).map(([text]) => text))] };
  }
}
