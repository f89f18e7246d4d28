import Fuse from 'fuse.js';
import * as v from 'valibot';
import { searchIndexSchema } from './pack-schema';
import type { Explainer, SearchDoc } from './types';

type SearchIndex = v.InferOutput<typeof searchIndexSchema>;

/** Fuse keys, shared by the compiler (index), the merge (re-index) and the catalog (search) so they cannot drift. */
export const SEARCH_KEYS = [
  { name: 'title', weight: 3 },
  { name: 'terms', weight: 3 },
  { name: 'summary', weight: 1 },
  { name: 'category', weight: 0.5 },
] as const;

/** The one way an explainer becomes a search document. */
export function searchDocOf(explainer: Explainer): SearchDoc {
  return {
    id: explainer.id,
    title: explainer.title,
    terms: explainer.terms.map((term) => term.text),
    summary: explainer.summary,
    category: explainer.category,
  };
}

/**
 * Fuse's index over the documents, in the shape the pack stores. Fuse types its JSON loosely (readonly
 * keys, optional record fields), so the index is checked against the pack schema instead of cast.
 */
export function buildSearchIndex(docs: readonly SearchDoc[]): SearchIndex {
  return v.parse(searchIndexSchema, Fuse.createIndex(SEARCH_KEYS.map((key) => ({ ...key })), [...docs]).toJSON());
}
