import type { MatchTerm } from '../match/types';
import { LANGS, type Explainer, type Lang, type Pack, type SearchDoc } from '../pack-format/types';
import { searchDocOf } from '../pack-format/search-doc';
import { DEFAULT_STALE_AFTER_DAYS } from '../freshness';
import { localizeExplainer } from './localize';
import { termsOf } from './match-terms';
import { Prefilter, type PrefilterData, type PrefilterField } from './prefilter';
import { bodyText } from './search-text';
import { SEARCH_KEYS } from '../pack-format/search-doc';
import { buildExactNames, isExactNames, type ExactNames } from './exact-names';

/**
 * What Fuse scores: a search document in one language (the explainer's own, or a translation) plus
 * its summary, key facts and body as one text. `shown` holds the explainer's own title and summary
 * where the pack's search document words them otherwise (results and listings show the explainer's).
 */
export type SearchEntry = SearchDoc & { lang: Lang; text: string; shown?: [title: string, summary: string] };

/**
 * Bumped whenever the snapshot's shape or meaning changes, so an old stored one is never read as new.
 * 2: stored in two parts, the entries' texts apart from the rest; one number per prefilter posting.
 * 3: stored in three parts (`splitSnapshot`): the head's entries as one JSON string, the term table apart.
 * 4: the prefilter's words and trigrams sorted (found by binary search), its postings as varint deltas;
 *    the exact names table in the head.
 */
export const SNAPSHOT_FORMAT = 4;

/**
 * Everything search, listings and the term table need, without the explainers themselves: built once
 * when the packs change and stored, so a woken service worker answers from it instead of parsing,
 * merging and indexing every pack again (issue #14). Plain data and typed arrays only (structured clone).
 */
export interface SearchSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  /** The merged pack's sha256: the term table's version. */
  version: string;
  staleAfterDays: number;
  /** Entries 0..explainerCount-1 are the explainers' own, in pack order; translations follow. */
  explainerCount: number;
  entries: SearchEntry[];
  terms: MatchTerm[];
  prefilter: PrefilterData;
  exact: ExactNames;
}

function searchText(explainer: Explainer): string {
  return [explainer.summary, ...explainer.facts.map((fact) => fact.text), bodyText(explainer)].join('\n');
}

function entryOf(doc: SearchDoc, explainer: Explainer, lang: Lang): SearchEntry {
  const entry: SearchEntry = { ...doc, lang, text: searchText(explainer) };
  if (doc.title !== explainer.title || doc.summary !== explainer.summary) entry.shown = [explainer.title, explainer.summary];
  return entry;
}

/** The entry's fields for the prefilter: names strongest, then summary-weight keys, then facts and body. */
function prefilterFields(entry: SearchEntry): PrefilterField[] {
  const fields: PrefilterField[] = [];
  for (const { name, weight } of SEARCH_KEYS) {
    const value: unknown = entry[name];
    const tier = weight >= 3 ? 0 : 1;
    if (typeof value === 'string') fields.push({ text: value, tier });
    else if (Array.isArray(value)) for (const text of value) if (typeof text === 'string') fields.push({ text, tier });
  }
  fields.push({ text: entry.text, tier: 2 });
  return fields;
}

/** Builds the snapshot of one (validated or merged) pack. */
export function buildSearchSnapshot(pack: Pack): { snapshot: SearchSnapshot; prefilter: Prefilter } {
  const docs = new Map(pack.searchDocs.map((doc) => [doc.id, doc]));
  // The pack's stored documents are its explainers' own fields; translations get entries of their own.
  const entries = pack.explainers.map((explainer) => entryOf(docs.get(explainer.id) ?? searchDocOf(explainer), explainer, explainer.lang ?? 'en'));
  for (const lang of LANGS) {
    for (const explainer of pack.explainers) {
      if (!explainer.translations?.[lang] || (explainer.lang ?? 'en') === lang) continue;
      const localized = localizeExplainer(explainer, lang).explainer;
      entries.push(entryOf(searchDocOf(localized), localized, lang));
    }
  }
  const prefilter = new Prefilter(entries.map(prefilterFields));
  return {
    snapshot: {
      format: SNAPSHOT_FORMAT,
      version: pack.sha256,
      staleAfterDays: pack.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS,
      explainerCount: pack.explainers.length,
      entries,
      terms: pack.explainers.flatMap(termsOf),
      prefilter: prefilter.toData(),
      exact: buildExactNames(entries),
    },
    prefilter,
  };
}

const isString = (value: unknown): value is string => typeof value === 'string';

/** What search and listings need at a wake: the snapshot without its term table (read apart, when a tab asks). */
export type SnapshotHead = Omit<SearchSnapshot, 'terms'>;

/**
 * The head as it is stored. Its entries are one JSON string: V8's structured clone rebuilds 5,000
 * entry objects several times slower than JSON.parse does (~10–60 ms against ~8 ms in Node, issue #14),
 * and a string crosses IndexedDB as one copy. Texts are '' in it (`splitSnapshot`).
 */
interface StoredHead extends Omit<SnapshotHead, 'entries'> {
  entries: string;
}

function isEntry(entry: unknown): entry is SearchEntry {
  const e = entry as Partial<SearchEntry> | null;
  return (
    typeof e === 'object' && e !== null && isString(e.id) && isString(e.title) && isString(e.summary) && isString(e.category) &&
    isString(e.text) && (LANGS as readonly unknown[]).includes(e.lang) && Array.isArray(e.terms) && e.terms.every(isString)
  );
}

function parsed(json: unknown): unknown {
  if (!isString(json)) return null;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return null;
  }
}

/**
 * A stored head checked for shape before it is trusted, its entries parsed: storage can hand back
 * anything (a half-written or older value). Contents are the extension's own, written from validated packs.
 */
export function readHead(value: unknown): SnapshotHead | null {
  if (typeof value !== 'object' || value === null) return null;
  const head = value as Partial<Record<keyof StoredHead, unknown>>;
  const { prefilter, explainerCount, exact } = head;
  if (head.format !== SNAPSHOT_FORMAT || !isString(head.version) || typeof head.staleAfterDays !== 'number' || typeof explainerCount !== 'number') return null;
  const data = prefilter as Partial<PrefilterData> | null;
  if (typeof data !== 'object' || data === null || !isString(data.words)) return null;
  const typed = [data.wordStarts, data.postingStarts, data.gramWords, data.gramStarts].every((array) => array instanceof Int32Array);
  if (!typed || !(data.postings instanceof Uint8Array) || !(data.gramCounts instanceof Uint8Array) || !isString(data.grams)) return null;
  if (!isExactNames(exact)) return null;
  const entries = parsed(head.entries);
  if (!Array.isArray(entries) || data.size !== entries.length || explainerCount > entries.length || !entries.every(isEntry)) return null;
  return { format: SNAPSHOT_FORMAT, version: head.version, staleAfterDays: head.staleAfterDays, explainerCount, entries, prefilter: data as PrefilterData, exact };
}

/** The stored term table (`splitSnapshot`), or null when it is missing or damaged. */
export function readTerms(value: unknown): MatchTerm[] | null {
  const terms = parsed(value);
  if (!Array.isArray(terms)) return null;
  const fits = terms.every((term: unknown) => {
    const t = term as Partial<MatchTerm> | null;
    return typeof t === 'object' && t !== null && isString(t.explainerId) && isString(t.text);
  });
  return fits ? (terms as MatchTerm[]) : null;
}

/**
 * The snapshot as it is stored, in three parts. `head` is what a woken worker reads to answer a
 * search: everything but the entries' texts (each entry's `text` is '') and the term table. `texts`
 * are the texts by entry index: a first search fetches just its candidates', and the 5.7 M characters
 * (at 5,000 explainers) are read after it. `terms` is the term table as JSON (~1 MB of objects at
 * 5,000 explainers), read when a tab first asks for it. Issue #14: reading the whole snapshot was
 * most of a wake.
 */
export function splitSnapshot(snapshot: SearchSnapshot): { head: StoredHead; terms: string; texts: string[] } {
  const { terms, entries, ...rest } = snapshot;
  return {
    head: { ...rest, entries: JSON.stringify(entries.map((entry) => ({ ...entry, text: '' }))) },
    terms: JSON.stringify(terms),
    texts: entries.map((entry) => entry.text),
  };
}
