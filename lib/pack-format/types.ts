/**
 * The compiled pack: what `tools/pack/compiler.ts` emits from `content/explainers/*.md` and what the
 * background catalog loads. Everything a browser surface renders comes from these shapes, and all
 * text in them is plain text (rendered escaped by Preact); nothing here is ever HTML.
 */

/** Inline Markdown, reduced to what an explainer needs. Links are `https:` (or allow-listed `http:`). */
export type Inline =
  | { t: 'text'; v: string }
  | { t: 'em' | 'strong'; c: Inline[] }
  | { t: 'code'; v: string }
  | { t: 'link'; href: string; c: Inline[] };

export type Block =
  | { t: 'p'; c: Inline[] }
  | { t: 'ul' | 'ol'; items: Inline[][] }
  | { t: 'h3'; c: Inline[] }
  | { t: 'quote'; c: Block[] };

/**
 * One spelling of a topic and the rules that decide whether an occurrence counts.
 * Semantics are implemented in `lib/match`.
 */
export interface TermSpec {
  /** The spelling as authored, e.g. "287(g)", "ICE", "sanctuary city". */
  text: string;
  /** true for acronyms like ICE, TPS; default false (case-insensitive). */
  caseSensitive: boolean;
  /** Words of which at least `minContext` must appear near the match (same block / window), else in the page title and headings. */
  context?: string[];
  /** How many distinct context words are needed (default 1). Title-case "Ice" uses a higher number. */
  minContext?: number;
  /** Window in words either side of the match to look for context words (default 40). */
  contextWindow?: number;
  /** Phrases that veto a match when the match sits inside one of them, e.g. "ICE vehicle", "Vanilla Ice". */
  not?: string[];
}

export interface Source {
  title: string;
  url: string;
  publisher?: string;
}

export interface KeyFact {
  text: string;
  /** At least one URL; each must also be reachable from the explainer's source lists or be a full URL. */
  sources: string[];
  /** ISO date (YYYY-MM-DD) a figure in the fact is "as of". */
  asOf?: string;
}

export interface TimelineEntry {
  /** ISO date, or YYYY-MM / YYYY when only that is known. */
  date: string;
  text: string;
  sources?: string[];
}

export interface SeriesPoint {
  date: string;
  value: number;
  label?: string;
  source: string;
}

/** A small numeric series drawn as an accessible chart on the full explainer page. */
export interface Series {
  title: string;
  unit: string;
  points: SeriesPoint[];
  note?: string;
}

export interface ExplainerSections {
  happening: Block[];
  stake: Block[];
  matters: Block[];
  /** Optional prose under "Key facts & context", above the fact list. */
  context?: Block[];
}

export interface Explainer {
  id: string;
  title: string;
  /** One line for the card, at most 160 characters. */
  summary: string;
  category: string;
  /** ISO date (YYYY-MM-DD). */
  updated: string;
  terms: TermSpec[];
  related: string[];
  facts: KeyFact[];
  timeline: TimelineEntry[];
  primarySources: Source[];
  furtherReading: Source[];
  sections: ExplainerSections;
  series?: Series[];
}

/** Document shape indexed by Fuse (`Fuse.createIndex`) at pack time. */
export interface SearchDoc {
  id: string;
  title: string;
  terms: string[];
  summary: string;
  category: string;
}

export const PACK_FORMAT = 1;

export interface Pack {
  format: typeof PACK_FORMAT;
  id: string;
  name: string;
  publisher: string;
  version: string;
  updated: string;
  explainers: Explainer[];
  /** Search documents in the same order as the index's records. */
  searchDocs: SearchDoc[];
  /** `Fuse.createIndex(SEARCH_KEYS, searchDocs).toJSON()` */
  searchIndex: { keys: unknown; records: unknown };
  /** Hex SHA-256 of the canonical JSON of the pack without this field and without `signature`. */
  sha256: string;
  /** Optional publisher signature; see lib/pack-store/README.md. Not covered by `sha256` (it signs it). */
  signature?: PackSignature;
}

/**
 * Ed25519 signature over the ASCII bytes of the pack's `sha256` hex string (64 characters). Since
 * that hash covers the canonical JSON of everything else, the signature covers the whole pack.
 */
export interface PackSignature {
  alg: 'Ed25519';
  /** Base64 (standard alphabet, padded) of the 32-byte raw public key. */
  publicKey: string;
  /** Base64 of the 64-byte signature. */
  value: string;
}

/** Fuse keys, shared by the compiler (index) and the catalog (search) so they cannot drift. */
export const SEARCH_KEYS = [
  { name: 'title', weight: 3 },
  { name: 'terms', weight: 3 },
  { name: 'summary', weight: 1 },
  { name: 'category', weight: 0.5 },
] as const;
