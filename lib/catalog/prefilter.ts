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
/** A posting is doc × TIERS + tier. */
const TIERS = 4;

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
 * The index in a form that crosses IndexedDB's structured clone cheaply and loads without rebuilding:
 * two strings and a few typed arrays instead of ~50,000 small arrays and Maps (issue #14: rebuilding
 * the trigram table from the words alone took a quarter second per wake at 5,000 explainers).
 */
export interface PrefilterData {
  size: number;
  /** Indexed words, joined by "\n" (words never contain one). */
  words: string;
  /**
   * Every word's postings, word after word, one number each: doc × 4 + tier (half the bytes of a
   * [doc, tier] pair, which a woken worker reads from IndexedDB); word i's run is wordStarts[i]..wordStarts[i+1].
   */
  postings: Int32Array;
  wordStarts: Int32Array;
  /** Distinct trigrams joined by "\n"; gram i's word ids are gramWords[gramStarts[i]..gramStarts[i+1]]. */
  grams: string;
  gramWords: Int32Array;
  gramStarts: Int32Array;
  /** Word id → how many trigrams the finished word has. */
  gramCounts: Uint8Array;
}

/**
 * Immutable index over documents numbered 0..n-1. Building costs one pass over the words; a query
 * costs the trigram postings of its words plus the documents those words occur in.
 */
export class Prefilter {
  /** word → id */
  readonly #wordIds = new Map<string, number>();
  readonly #words: string[] = [];
  /** word id's postings (doc × 4 + tier) from #postings[#wordStarts[id]] to #postings[#wordStarts[id + 1]], each doc once with its strongest tier. */
  #postings: Int32Array = new Int32Array(0);
  #wordStarts: Int32Array = new Int32Array(1);
  /** trigram → its index; gram i's word ids run from #gramWords[#gramStarts[i]] to #gramWords[#gramStarts[i + 1]]. */
  readonly #gramIndex = new Map<string, number>();
  #gramWords: Int32Array = new Int32Array(0);
  #gramStarts: Int32Array = new Int32Array(1);
  /** word id → how many trigrams the finished word has (for the length penalty). */
  #gramCounts: Uint8Array = new Uint8Array(0);
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
    const wordDocs: number[][] = [];
    const gramLists = new Map<string, number[]>();
    const gramCounts: number[] = [];
    const wordId = (word: string): number => {
      let id = this.#wordIds.get(word);
      if (id !== undefined) return id;
      id = this.#words.length;
      this.#wordIds.set(word, id);
      this.#words.push(word);
      wordDocs.push([]);
      const grams = trigramsOf(word);
      gramCounts.push(Math.min(255, grams.length));
      for (const gram of grams) {
        const list = gramLists.get(gram);
        if (list) list.push(id);
        else gramLists.set(gram, [id]);
      }
      return id;
    };
    // word id → the last doc that used it and the tier it had there (stamps instead of a Map per doc).
    const lastDoc: number[] = [];
    const lastTier: Tier[] = [];
    docs.forEach((fields, doc) => {
      const touched: number[] = [];
      for (const { text, tier } of fields) {
        for (const word of wordsOf(text)) {
          const id = wordId(word);
          if (lastDoc[id] !== doc) {
            lastDoc[id] = doc;
            lastTier[id] = tier;
            touched.push(id);
          } else if (tier < lastTier[id]!) lastTier[id] = tier;
        }
      }
      for (const id of touched) wordDocs[id]!.push(doc * TIERS + lastTier[id]!);
    });
    [this.#postings, this.#wordStarts] = flatten(wordDocs);
    const grams = [...gramLists.keys()];
    grams.forEach((gram, index) => this.#gramIndex.set(gram, index));
    [this.#gramWords, this.#gramStarts] = flatten([...gramLists.values()]);
    this.#gramCounts = Uint8Array.from(gramCounts);
  }

  /** The index as `toData()` left it: nothing is tokenised or re-indexed. Throws on parts that do not fit together. */
  static fromData(data: PrefilterData): Prefilter {
    return new Prefilter([], data);
  }

  #load(data: PrefilterData): void {
    const words = data.words === '' ? [] : data.words.split('\n');
    const grams = data.grams === '' ? [] : data.grams.split('\n');
    const fits =
      data.wordStarts.length === words.length + 1 &&
      data.wordStarts[words.length] === data.postings.length &&
      data.gramCounts.length === words.length &&
      data.gramStarts.length === grams.length + 1 &&
      data.gramStarts[grams.length] === data.gramWords.length;
    if (!fits) throw new Error('prefilter data does not fit together');
    const limit = data.size * TIERS;
    for (const posting of data.postings) {
      if (!(posting >= 0 && posting < limit && posting % TIERS < TIER_WEIGHT.length)) throw new Error('prefilter posting out of range');
    }
    for (const id of data.gramWords) if (!(id >= 0 && id < words.length)) throw new Error('prefilter trigram word out of range');
    words.forEach((word, id) => this.#wordIds.set(word, id));
    grams.forEach((gram, index) => this.#gramIndex.set(gram, index));
    if (this.#wordIds.size !== words.length || this.#gramIndex.size !== grams.length) throw new Error('prefilter data lists a word or trigram twice');
    this.#words.push(...words);
    this.#postings = data.postings;
    this.#wordStarts = data.wordStarts;
    this.#gramWords = data.gramWords;
    this.#gramStarts = data.gramStarts;
    this.#gramCounts = data.gramCounts;
  }

  toData(): PrefilterData {
    return {
      size: this.size,
      words: this.#words.join('\n'),
      postings: this.#postings,
      wordStarts: this.#wordStarts,
      grams: [...this.#gramIndex.keys()].join('\n'),
      gramWords: this.#gramWords,
      gramStarts: this.#gramStarts,
      gramCounts: this.#gramCounts,
    };
  }

  /** Indexed words similar to `word` with their similarity (share of the query word's trigrams found). */
  #similarWords(word: string, openEnd: boolean): Map<number, number> {
    // A word that may be unfinished is also tried as finished: "asilum" keeps its "um " gram for "asylum".
    const similar = openEnd ? this.#similarWords(word, false) : new Map<number, number>();
    const grams = trigramsOf(word, openEnd);
    const counts = new Map<number, number>();
    for (const gram of grams) {
      const index = this.#gramIndex.get(gram);
      if (index === undefined) continue;
      for (let i = this.#gramStarts[index]!, end = this.#gramStarts[index + 1]!; i < end; i++) {
        const id = this.#gramWords[i]!;
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
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
        const postings = this.#postings;
        for (let i = this.#wordStarts[id]!, end = this.#wordStarts[id + 1]!; i < end; i++) {
          const posting = postings[i]!;
          const doc = (posting / TIERS) | 0;
          const weighted = similarity * TIER_WEIGHT[(posting % TIERS) as Tier];
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

/** Lists as one typed array plus where each starts (one more start than lists: the end). */
function flatten(lists: readonly (readonly number[])[]): [Int32Array, Int32Array] {
  const starts = new Int32Array(lists.length + 1);
  let total = 0;
  lists.forEach((list, i) => {
    starts[i] = total;
    total += list.length;
  });
  starts[lists.length] = total;
  const flat = new Int32Array(total);
  lists.forEach((list, i) => flat.set(list, starts[i]));
  return [flat, starts];
}
