/**
 * Every message between surfaces, as typed protocols, one per direction, so a rename breaks the build
 * rather than the extension at run time: `BackgroundProtocol` is what the background answers
 * (`runtime.sendMessage`), `TabProtocol` what a tab's content script answers (`tabs.sendMessage`).
 */
import type { Correction, Explainer, KeyFact, Source } from './pack-format/types';
import type { PackedTerms } from './match/packed';
import type { MatchTerm } from './match/types';
import type { PackProblem } from './pack-store/problem';
import type { ReaderLang } from './reader-lang';

export interface TermTable {
  /** Changes whenever the catalog changes, so content scripts can tell a stale table. */
  version: string;
  terms: MatchTerm[];
}

/** What content scripts receive: the term table compiled once in the background (lib/match/compile), packed (lib/match/packed). */
export interface MatcherTable {
  version: string;
  compiled: PackedTerms;
}

/** The hover card is a preview: at most this many key facts, then "+N more facts" to the full page. */
export const CARD_FACT_LIMIT = 3;

/** What the hover card shows: small, so the content script never holds the whole pack. */
export interface CardData {
  id: string;
  /** The language of the explainer's text; another than the one asked for when it has no translation yet. */
  lang: ReaderLang;
  title: string;
  summary: string;
  category: string;
  updated: string;
  /** The first key facts (CARD_FACT_LIMIT), each with its sources and, for a figure, the day it was true (`asOf`). */
  facts: KeyFact[];
  /** How many key facts the explainer has in all, so the card can say how many more the full page shows. */
  factCount?: number;
  sources: Source[];
  /** The newest `asOf` over all the explainer's facts (not only those on the card). */
  figuresAsOf?: string;
  /** The most recent correction; the card announces it for a while after its date. */
  latestCorrection?: Correction;
  /** Days after `asOf` that a figure counts as older (the pack's setting, or the default). */
  staleAfterDays: number;
}

export interface PageExplainer {
  id: string;
  title: string;
  /** The language of `title` and `summary`. */
  lang: ReaderLang;
  summary: string;
  /** Every mention on the page. */
  count: number;
  /** How many of them are marked (mark mode may mark only the first per section); absent when not reported. */
  marked?: number;
}

export interface SearchResult {
  id: string;
  title: string;
  /**
   * The language of `title` and `summary`: the one the query matched in when that is a translation (a
   * Spanish query on Spanish words), else the reader's. `matched` is in the language it matched in.
   */
  lang: ReaderLang;
  summary: string;
  category: string;
  /** The field text that matched best (a term spelling, or the title; the matched summary words when only the summary matched), shown beside the result. */
  matched: string;
  /** Fuse's score: 0 is a perfect match, 1 none; results arrive best first. */
  score: number;
}

export interface ExplainerView {
  /** The explainer's text in `lang`. */
  explainer: Explainer;
  /** The language of the explainer's text; another than the one asked for when it has no translation yet. */
  lang: ReaderLang;
  related: { id: string; title: string; lang: ReaderLang }[];
  /** Days after `asOf` that a figure counts as older (the pack's, or DEFAULT_STALE_AFTER_DAYS). */
  staleAfterDays: number;
}

/** One of the reader's packs as the options page lists it. */
export interface PackListing {
  /** Store record id: "bundled", "file:<pack id>" or "url:<url>". */
  id: string;
  kind: 'bundled' | 'file' | 'url';
  /** The URL, the imported file name, or "" for the bundled pack. */
  source: string;
  name: string;
  publisher?: string;
  version?: string;
  explainerCount: number;
  enabled: boolean;
  /** The bundled pack can only be turned off. */
  removable: boolean;
  pinnedKey?: string;
  lastCheck?: string;
  lastUpdate?: string;
  /** Why the last check failed; the options page words it in the reader's language. */
  lastError?: PackProblem;
}

export interface PacksView {
  packs: PackListing[];
  /** Explainer ids two packs both carry, and which one the merge rule kept. */
  conflicts: { explainerId: string; kept: string; dropped: string }[];
}

/** A failed action says why; refreshing every pack can fail for several, one problem each. */
export type PackActionResult = { ok: true } | { ok: false; errors: PackProblem[] };

/** Whether the reader paused the extension on a tab's site. `hostname` is null when the tab has no page we can read. */
export interface SiteStatus {
  hostname: string | null;
  paused: boolean;
}

/** Requests the background answers. Those in PRIVILEGED_MESSAGES only from the extension's own pages. */
export interface BackgroundProtocol {
  getTermTable: { req: Record<string, never>; res: MatcherTable };
  /** `lang`: the language the reader wants (English when absent). */
  getCard: { req: { id: string; lang?: ReaderLang }; res: CardData | null };
  /**
   * Content script → background: counts of mentions per explainer on the sender's tab (all frames
   * merged by frameId), and of those marked (the mark mode may mark only the first per section).
   */
  pageMatches: { req: { counts: Record<string, number>; marked?: Record<string, number> }; res: void };
  getPageExplainers: { req: { tabId: number; lang?: ReaderLang }; res: PageExplainer[] };
  search: { req: { query: string; limit?: number; lang?: ReaderLang }; res: SearchResult[] };
  getExplainer: { req: { id: string; lang?: ReaderLang }; res: ExplainerView | null };
  /** Every explainer, for the explainer page's index and the options page. */
  listExplainers: { req: { lang?: ReaderLang }; res: { id: string; title: string; summary: string; category: string; lang: ReaderLang }[] };
  /** Popup → background: a few topic names to offer as searches before the reader types. */
  suggestedTopics: { req: Record<string, never>; res: string[] };
  /** Content script (top frame) → background: whether its site is paused, so the badge can say so. */
  siteStatus: { req: { paused: boolean }; res: void };
  /** Popup → background: the site of a tab and whether it is paused. */
  getSiteStatus: { req: { tabId: number }; res: SiteStatus };
  /** Popup → background: pause or resume the extension on a tab's site (stored in settings.pausedSites). */
  pauseSite: { req: { tabId: number; paused: boolean }; res: SiteStatus };
  /**
   * Any surface → background: open the full explainer page in a new tab (`#id`), or its search with
   * `query` when `id` is empty. Pages may not open extension pages themselves.
   */
  openExplainer: { req: { id: string; query?: string }; res: void };
  /** Any surface (the card's menu) → background: open the options page; content scripts cannot. */
  openOptions: { req: Record<string, never>; res: void };
  /** Options page → background: the reader's packs. */
  getPacks: { req: Record<string, never>; res: PacksView };
  subscribePack: { req: { url: string; pinnedKey?: string }; res: PackActionResult };
  importPack: { req: { text: string; fileName: string; pinnedKey?: string }; res: PackActionResult };
  removePack: { req: { id: string }; res: PackActionResult };
  setPackEnabled: { req: { id: string; enabled: boolean }; res: PackActionResult };
  /** Re-download one subscription now, or every enabled one without `id`. */
  refreshPacks: { req: { id?: string }; res: PackActionResult };
}

/**
 * Requests that change packs or settings. A content script runs beside page code, so these are
 * answered only when the sender is one of the extension's own pages (popup, options).
 */
export const PRIVILEGED_MESSAGES: ReadonlySet<string> = new Set<keyof BackgroundProtocol>([
  'subscribePack',
  'importPack',
  'removePack',
  'setPackEnabled',
  'refreshPacks',
  'pauseSite',
]);

/** Requests a tab's content script answers. */
export interface TabProtocol {
  /**
   * Popup → tab: is our content script there? Content scripts leave it unanswered (undefined); only a
   * tab without one (a browser page, the web store, a viewer) makes the send fail.
   */
  ping: { req: Record<string, never>; res: void };
  /** Popup → content script of a tab: scroll to the first mention of `id` and open its card. */
  reveal: { req: { id: string }; res: boolean };
  /** Background (keyboard command) → content script: move to the next (1) or previous (-1) marked term and open its card. */
  navigate: { req: { direction: 1 | -1 }; res: boolean };
  /** Background → content scripts: the term table changed (a pack or the disabled categories); fetch it again if `version` differs. */
  termTableChanged: { req: { version: string }; res: void };
}

type MessageOf<P> = { [K in keyof P]: { type: K } & (P[K] extends { req: infer R } ? R : never) }[keyof P];

export type BackgroundType = keyof BackgroundProtocol;
export type BackgroundMessage = MessageOf<BackgroundProtocol>;
export type BackgroundResponse<K extends BackgroundType> = BackgroundProtocol[K]['res'];
export type TabType = keyof TabProtocol;
export type TabMessage = MessageOf<TabProtocol>;
export type TabResponse<K extends TabType> = TabProtocol[K]['res'];

/** The background's measure of each search: its catalog ready → its answer, messaging left out (read by bench:search). */
export const SEARCH_MEASURE = 'explainers:search-run';
