import type { MatchTerm } from '../match/types';
import { LANGS, type Explainer, type Lang, type Pack, type SearchDoc } from '../pack-format/types';
import { searchDocOf } from '../pack-format/search-doc';
import { DEFAULT_STALE_AFTER_DAYS } from '../freshness';
import { localizeExplainer } from './localize';
import { termsOf } from './match-terms';
import { Prefilter, type PrefilterData, type PrefilterField } from './prefilter';
import { bodyText } from './search-text';
import { SEARCH_KEYS } from '../pack-format/search-doc';

/**
 * What Fuse scores: a search document in one language (the explainer's own, or a translation) plus
 * its summary, key facts and body as one text. `shown` holds the explainer's own title and summary
 * where the pack's search document words them otherwise (results and listings show the explainer's).
 */
export type SearchEntry = SearchDoc & { lang: Lang; text: string; shown?: [title: string, summary: string] };

/**
 * Bumped whenever the snapshot's shape or meaning changes, so an old stored one is never read as new.
 * 2: stored in two parts, the entries' texts apart from the rest (`splitTexts`); one number per prefilter posting.
 */
export const SNAPSHOT_FORMAT = 2;

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
    },
    prefilter,
  };
}

const isString = (value: unknown): value is string => typeof value === 'string';

/**
 * A stored snapshot checked for shape before it is trusted: storage can hand back anything (a
 * half-written or older value). Contents are the extension's own, written from validated packs.
 */
export function isSearchSnapshot(value: unknown): value is SearchSnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const snapshot = value as Partial<Record<keyof SearchSnapshot, unknown>>;
  const { entries, prefilter, explainerCount } = snapshot;
  if (snapshot.format !== SNAPSHOT_FORMAT || !isString(snapshot.version) || typeof snapshot.staleAfterDays !== 'number') return false;
  if (!Array.isArray(entries) || !Array.isArray(snapshot.terms) || typeof explainerCount !== 'number' || explainerCount > entries.length) return false;
  const data = prefilter as Partial<PrefilterData> | null;
  if (typeof data !== 'object' || data === null || data.size !== entries.length || !isString(data.words)) return false;
  const typed = [data.postings, data.wordStarts, data.gramWords, data.gramStarts].every((array) => array instanceof Int32Array);
  if (!typed || !(data.gramCounts instanceof Uint8Array) || !isString(data.grams)) return false;
  return entries.every((entry: unknown) => {
    const e = entry as Partial<SearchEntry> | null;
    return (
      typeof e === 'object' && e !== null && isString(e.id) && isString(e.title) && isString(e.summary) && isString(e.category) &&
      isString(e.text) && (LANGS as readonly unknown[]).includes(e.lang) && Array.isArray(e.terms) && e.terms.every(isString)
    );
  });
}

/**
 * The snapshot as it is stored: `head` is everything but the entries' texts (each entry's `text` is
 * ''), `texts` those texts by entry index. A woken worker reads only the head to answer its first
 * search, fetching just the candidates' texts, and reads the 5.7 M characters of text (at 5,000
 * explainers) after it (issue #14: reading the whole snapshot was most of a wake).
 */
export function splitTexts(snapshot: SearchSnapshot): { head: SearchSnapshot; texts: string[] } {
  return {
    head: { ...snapshot, entries: snapshot.entries.map((entry) => ({ ...entry, text: '' })) },
    texts: snapshot.entries.map((entry) => entry.text),
  };
}
