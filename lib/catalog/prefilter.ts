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

import { binarySearch, fitsRuns, startsOf } from './sorted-runs';

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
  hits: readonly PrefilterHit[];
  /** The indexed words the query matched, best first (at most MATCHED_WORDS_MAX): where to look in a long text. */
  words: readonly string[];
}

const MATCHED_WORDS_MAX = 40;
/**
 * The most indexed words one query word stands for. A short prefix ("ka") matches hundreds of words
 * and, through them, nearly every explainer, all at the same score: their postings were most of such a
 * query's cost (15 ms of a cold Node process's first "ka" at 5,000 explainers, 1.3 ms with the cap),
 * for candidates no better than those of its nearest completions, and a cost that grew with the pack.
 */
const SIMILAR_WORDS_MAX = 40;
/** How many recent queries' candidates are kept. */
const RECENT_MAX = 4;

/**
 * The index in a form that crosses IndexedDB's structured clone cheaply and loads without building
 * anything: two strings and a few typed arrays, looked up by binary search (issue #14: rebuilding the
 * trigram table took a quarter second per wake at 5,000 explainers; then Maps over the words and
 * trigrams and a pass checking every posting were 20–60 ms of a wake).
 */
export interface PrefilterData {
  size: number;
  /** Indexed words in sorting order (UTF-16 code units), concatenated; word i is words[wordStarts[i]..wordStarts[i+1]]. */
  words: string;
  wordStarts: Int32Array;
  /**
   * Every word's postings (doc × 4 + tier, ascending), word after word, each as its difference from
   * the one before (the first from 0) in LEB128 varint bytes; word i's run is
   * postings[postingStarts[i]..postingStarts[i+1]]. A third of the bytes of one Int32 per posting
   * (2.25 MB → 0.7 MB at 5,000 explainers), which a woken worker reads from IndexedDB.
   */
  postings: Uint8Array;
  postingStarts: Int32Array;
  /** Distinct trigrams in sorting order, concatenated (each is 3 code units); gram i's word ids are gramWords[gramStarts[i]..gramStarts[i+1]]. */
  grams: string;
  gramWords: Int32Array;
  gramStarts: Int32Array;
  /** Word id → how many trigrams the finished word has. */
  gramCounts: Uint8Array;
}

/** Indexed trigrams are always this long: a finished word is padded at both ends. */
const GRAM = 3;

/**
 * Immutable index over documents numbered 0..n-1. Building costs one pass over the words; a query
 * costs the trigram postings of its words plus the documents those words occur in.
 *
 * Stored data is checked at load only for its shape (cheap); a posting or trigram word out of range
 * is skipped where a query meets it and marks the index `damaged`, and `verify()` checks every one
 * (a woken worker runs it after its first answer, not before).
 */
export class Prefilter {
  readonly #data: PrefilterData;
  readonly #wordCount: number;
  readonly #gramCount: number;
  readonly size: number;
  #damaged = false;
  /** Per-query scratch, one slot per document, reused so a keystroke allocates little. */
  readonly #wordBest: Float64Array;
  readonly #totals: Float64Array;
  /** The last few queries' results (a search asks for each spelling variant). */
  readonly #recent = new Map<string, PrefilterResult>();
  /** One word's decoded postings (each document at most once). */
  readonly #decoded: Int32Array;

  constructor(docs: readonly (readonly PrefilterField[])[], data?: PrefilterData) {
    this.#data = data ?? build(docs);
    this.size = this.#data.size;
    this.#wordCount = this.#data.wordStarts.length - 1;
    this.#gramCount = this.#data.grams.length / GRAM;
    this.#wordBest = new Float64Array(this.size);
    this.#totals = new Float64Array(this.size);
    this.#decoded = new Int32Array(this.size);
  }

  /** The index as `toData()` left it: nothing is tokenised or re-indexed. Throws on parts that do not fit together. */
  static fromData(data: PrefilterData): Prefilter {
    const words = data.wordStarts.length - 1;
    const fits =
      Number.isInteger(data.size) &&
      data.size >= 0 &&
      words >= 0 &&
      fitsRuns(data.wordStarts, words, data.words.length) &&
      fitsRuns(data.postingStarts, words, data.postings.length) &&
      data.gramCounts.length === words &&
      data.grams.length % GRAM === 0 &&
      fitsRuns(data.gramStarts, data.grams.length / GRAM, data.gramWords.length);
    if (!fits) throw new Error('prefilter data does not fit together');
    return new Prefilter([], data);
  }

  toData(): PrefilterData {
    return this.#data;
  }

  /** True once a query met a posting or trigram word out of range: the stored data is damaged. */
  get damaged(): boolean {
    return this.#damaged;
  }

  /** Checks every posting and trigram word (what `fromData` leaves to the queries); false when one is out of range. */
  verify(): boolean {
    for (let id = 0; id < this.#wordCount; id++) this.#decode(id);
    const { gramWords } = this.#data;
    for (const id of gramWords) if (!(id >= 0 && id < this.#wordCount)) this.#damaged = true;
    return !this.#damaged;
  }

  #word(id: number): string {
    const { words, wordStarts } = this.#data;
    return words.slice(wordStarts[id], wordStarts[id + 1]);
  }

  #gram(index: number): string {
    return this.#data.grams.slice(index * GRAM, index * GRAM + GRAM);
  }

  /**
   * Decodes word `id`'s postings (doc × 4 + tier, in document order) into the scratch array and
   * returns how many there are; stops at the first one out of range (damaged data).
   */
  #decode(id: number): number {
    const { postings, postingStarts } = this.#data;
    const out = this.#decoded;
    const limit = this.size * TIERS;
    let count = 0;
    let posting = 0;
    let value = 0;
    let shift = 0;
    for (let i = postingStarts[id]!, end = postingStarts[id + 1]!; i < end; i++) {
      const byte = postings[i]!;
      value |= (byte & 0x7f) << shift;
      if (byte & 0x80) {
        shift += 7;
        // Postings stay below size × 4 (< 2³¹): a fifth continuation byte is damage.
        if (shift > 28) break;
        continue;
      }
      posting += value;
      value = 0;
      shift = 0;
      if (posting < 0 || posting >= limit || posting % TIERS >= TIER_WEIGHT.length || count >= out.length) {
        this.#damaged = true;
        return count;
      }
      out[count++] = posting;
    }
    // A run ending inside a number was cut short.
    if (shift !== 0) this.#damaged = true;
    return count;
  }

  /** Indexed words similar to `word` with their similarity (share of the query word's trigrams found). */
  #similarWords(word: string, openEnd: boolean): Map<number, number> {
    // A word that may be unfinished is also tried as finished: "asilum" keeps its "um " gram for "asylum".
    const similar = openEnd ? this.#similarWords(word, false) : new Map<number, number>();
    const grams = trigramsOf(word, openEnd);
    const counts = new Map<number, number>();
    const { gramWords, gramStarts, gramCounts } = this.#data;
    for (const gram of grams) {
      const index = binarySearch(this.#gramCount, (i) => this.#gram(i), gram);
      if (index < 0) continue;
      for (let i = gramStarts[index]!, end = gramStarts[index + 1]!; i < end; i++) {
        const id = gramWords[i]!;
        if (!(id >= 0 && id < this.#wordCount)) {
          this.#damaged = true;
          continue;
        }
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
    }
    const found = binarySearch(this.#wordCount, (i) => this.#word(i), word);
    const exact = found < 0 ? undefined : found;
    for (const [id, count] of counts) {
      let similarity = count / grams.length;
      // Penalise indexed words much longer than a closed query word: "ice" should not pull in "justice".
      if (!openEnd) similarity *= Math.min(1, (grams.length + 1) / gramCounts[id]!);
      if (similarity >= WORD_SIMILARITY && similarity > (similar.get(id) ?? 0)) similar.set(id, similarity);
    }
    if (exact !== undefined) similar.set(exact, 1);
    if (similar.size <= SIMILAR_WORDS_MAX) return similar;
    // The word itself first, then the most similar, then the shortest (the nearest completions of a
    // word still being typed), then the first indexed.
    const rank = (id: number) => (id === exact ? 0 : 1);
    const kept = [...similar].sort(([a, x], [b, y]) => rank(a) - rank(b) || y - x || gramCounts[a]! - gramCounts[b]! || a - b);
    return new Map(kept.slice(0, SIMILAR_WORDS_MAX));
  }

  /**
   * Documents worth scoring for `query`, best first, at most `limit`. An empty query word list (only
   * stop words or one-letter words) gives no candidates: the caller then has nothing to score.
   */
  candidates(query: string, limit: number): PrefilterResult {
    // A woken worker asks twice per search (which entries to read, then the search itself): answer the second from the first.
    const key = `${limit} ${query}`;
    const recent = this.#recent.get(key);
    if (recent) return recent;
    const result = this.#candidates(query, limit);
    if (this.#recent.size >= RECENT_MAX) this.#recent.clear();
    this.#recent.set(key, result);
    return result;
  }

  #candidates(query: string, limit: number): PrefilterResult {
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
        matched.push([this.#word(id), similarity]);
        const decoded = this.#decoded;
        for (let i = 0, count = this.#decode(id); i < count; i++) {
          const posting = decoded[i]!;
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

/** Appends `value` (a non-negative integer) as LEB128: 7 bits a byte, the high bit set on all but the last. */
function pushVarint(bytes: number[], value: number): void {
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
}

/** Tokenises the documents and lays the index out as `PrefilterData`. */
function build(docs: readonly (readonly PrefilterField[])[]): PrefilterData {
  const wordIds = new Map<string, number>();
  const wordDocs: number[][] = [];
  const wordId = (word: string): number => {
    let id = wordIds.get(word);
    if (id !== undefined) return id;
    id = wordDocs.length;
    wordIds.set(word, id);
    wordDocs.push([]);
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
  // Sorted, so a woken worker finds a word by binary search instead of building a Map of them all.
  const words = [...wordIds.keys()].sort();
  const postings: number[] = [];
  const postingLengths: number[] = [];
  const gramLists = new Map<string, number[]>();
  const gramCounts = new Uint8Array(words.length);
  words.forEach((word, id) => {
    const before = postings.length;
    let previous = 0;
    // Each doc was pushed once, in document order: the runs ascend.
    for (const posting of wordDocs[wordIds.get(word)!]!) {
      pushVarint(postings, posting - previous);
      previous = posting;
    }
    postingLengths.push(postings.length - before);
    const grams = trigramsOf(word);
    gramCounts[id] = Math.min(255, grams.length);
    for (const gram of grams) {
      const list = gramLists.get(gram);
      if (list) list.push(id);
      else gramLists.set(gram, [id]);
    }
  });
  const grams = [...gramLists.keys()].sort();
  const gramWords = grams.flatMap((gram) => gramLists.get(gram)!);
  return {
    size: docs.length,
    words: words.join(''),
    wordStarts: startsOf(words.map((word) => word.length)),
    postings: Uint8Array.from(postings),
    postingStarts: startsOf(postingLengths),
    grams: grams.join(''),
    gramWords: Int32Array.from(gramWords),
    gramStarts: startsOf(grams.map((gram) => gramLists.get(gram)!.length)),
    gramCounts,
  };
}
