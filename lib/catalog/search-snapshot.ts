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
 *    the exact names table and suggested topics in the head, the entries apart from it (one record each,
 *    and all as JSON).
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
  /** The popup's suggested searches (SearchCatalog.suggestedTopics), so a woken worker offers them without reading every entry. */
  suggested: string[];
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
export function buildSearchSnapshot(pack: Pack): { snapshot: Omit<SearchSnapshot, 'suggested'>; prefilter: Prefilter } {
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

/**
 * What a woken worker reads to answer its first search: the prefilter and exact names (which entries
 * a query may score) and what the small sync questions need (ids, categories), without the entries
 * themselves. A first search reads just its candidates' entries (`EntryRecord`); every entry
 * (`readEntries`) is read after it. Issue #14: the entries were 1.5 MB of a 2.4 MB head at 5,000
 * explainers, and IndexedDB's read grows with the bytes.
 */
export interface SnapshotHead extends Pick<SearchSnapshot, 'format' | 'version' | 'staleAfterDays' | 'explainerCount' | 'prefilter' | 'exact' | 'suggested'> {
  /** Explainers' own entries and translations: the prefilter's documents. */
  entryCount: number;
  /** The explainers' ids in pack order. */
  ids: string[];
  /** The categories the explainers use, in the order they first appear. */
  categories: string[];
}

/**
 * One entry stored on its own, for a first search's candidates: with its text, and (an explainer's own
 * entry) its translations' entries by index without their texts, which results are titled from.
 */
export interface EntryRecord {
  entry: SearchEntry;
  translations: [index: number, entry: SearchEntry][];
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
 * A stored head checked for shape before it is trusted: storage can hand back anything (a half-written
 * or older value). Contents are the extension's own, written from validated packs.
 */
export function readHead(value: unknown): SnapshotHead | null {
  if (typeof value !== 'object' || value === null) return null;
  const head = value as Partial<Record<keyof SnapshotHead, unknown>>;
  const { prefilter, explainerCount, entryCount, exact, ids, categories, suggested } = head;
  if (head.format !== SNAPSHOT_FORMAT || !isString(head.version) || typeof head.staleAfterDays !== 'number') return null;
  if (typeof explainerCount !== 'number' || typeof entryCount !== 'number' || explainerCount > entryCount) return null;
  if (!Array.isArray(ids) || ids.length !== explainerCount || !ids.every(isString) || !Array.isArray(categories) || !categories.every(isString)) return null;
  if (!Array.isArray(suggested) || !suggested.every(isString)) return null;
  const data = prefilter as Partial<PrefilterData> | null;
  if (typeof data !== 'object' || data === null || !isString(data.words) || data.size !== entryCount) return null;
  const typed = [data.wordStarts, data.postingStarts, data.gramWords, data.gramStarts].every((array) => array instanceof Int32Array);
  if (!typed || !(data.postings instanceof Uint8Array) || !(data.gramCounts instanceof Uint8Array) || !isString(data.grams)) return null;
  if (!isExactNames(exact)) return null;
  return { format: SNAPSHOT_FORMAT, version: head.version, staleAfterDays: head.staleAfterDays, explainerCount, entryCount, ids, categories, suggested, prefilter: data as PrefilterData, exact };
}

/** A stored entry record (`EntryRecord`), or null when it is missing or damaged. */
export function readRecord(value: unknown): EntryRecord | null {
  if (typeof value !== 'object' || value === null) return null;
  const { entry, translations } = value as Partial<EntryRecord>;
  if (!isEntry(entry) || !Array.isArray(translations)) return null;
  const fits = translations.every((pair: unknown) => Array.isArray(pair) && pair.length === 2 && Number.isInteger(pair[0]) && isEntry(pair[1]));
  return fits ? { entry, translations } : null;
}

/** Every entry, from their stored JSON (texts '') and their texts by index; null when either is damaged or they differ in number. */
export function readEntries(json: unknown, texts: readonly string[] | null): SearchEntry[] | null {
  const entries = parsed(json);
  if (!Array.isArray(entries) || texts === null || texts.length !== entries.length || !entries.every(isEntry)) return null;
  entries.forEach((entry, index) => (entry.text = texts[index]!));
  return entries;
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
 * The snapshot as it is stored, in parts. `head` is what a woken worker reads to answer a search
 * (`SnapshotHead`); `records` each entry with its text, for a first search's few candidates;
 * `entries` every entry as one JSON string with texts '' (V8's structured clone rebuilds 5,000 entry
 * objects several times slower than JSON.parse does, issue #14) and `texts` their texts by index,
 * both read after the first search (the 5.7 M characters of texts at 5,000 explainers); `terms` the
 * term table as JSON (~1 MB at 5,000 explainers), read when a tab first asks for it.
 */
export function splitSnapshot(snapshot: SearchSnapshot): { head: SnapshotHead; records: EntryRecord[]; entries: string; texts: string[]; terms: string } {
  const { terms, entries, explainerCount, ...rest } = snapshot;
  const own = entries.slice(0, explainerCount);
  const translations = new Map<string, [number, SearchEntry][]>();
  entries.forEach((entry, index) => {
    if (index < explainerCount) return;
    const list = translations.get(entry.id) ?? [];
    list.push([index, { ...entry, text: '' }]);
    translations.set(entry.id, list);
  });
  return {
    head: { ...rest, explainerCount, entryCount: entries.length, ids: own.map((entry) => entry.id), categories: [...new Set(own.map((entry) => entry.category))] },
    records: entries.map((entry, index) => ({ entry, translations: index < explainerCount ? (translations.get(entry.id) ?? []) : [] })),
    entries: JSON.stringify(entries.map((entry) => ({ ...entry, text: '' }))),
    texts: entries.map((entry) => entry.text),
    terms: JSON.stringify(terms),
  };
}
