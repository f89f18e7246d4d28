/**
 * Every message between surfaces, as one typed protocol, so a rename breaks the build rather than the
 * extension at run time. Background answers all requests except `reveal`, which the content script
 * of a tab answers (sent with `browser.tabs.sendMessage`).
 */
import type { Block, Explainer, KeyFact, Source } from './pack/types';
import type { MatchTerm } from './match/types';

export interface TermTable {
  /** Changes whenever the catalog changes, so content scripts can tell a stale table. */
  version: string;
  terms: MatchTerm[];
}

/** What the hover card shows: small, so the content script never holds the whole pack. */
export interface CardData {
  id: string;
  title: string;
  summary: string;
  category: string;
  updated: string;
  /** 3–5 key facts, each with its sources. */
  facts: KeyFact[];
  sources: Source[];
}

export interface PageExplainer {
  id: string;
  title: string;
  summary: string;
  count: number;
}

export interface SearchResult {
  id: string;
  title: string;
  summary: string;
  category: string;
  /** The field text that matched best (a term spelling, or the title; the matched summary words when only the summary matched), shown beside the result. */
  matched: string;
  /** Fuse's score: 0 is a perfect match, 1 none; results arrive best first. */
  score: number;
}

export interface ExplainerView {
  explainer: Explainer;
  related: { id: string; title: string }[];
}

export interface Protocol {
  getTermTable: { req: Record<string, never>; res: TermTable };
  getCard: { req: { id: string }; res: CardData | null };
  /** Content script → background: counts of mentions per explainer on the sender's tab (all frames merged by frameId). */
  pageMatches: { req: { counts: Record<string, number> }; res: void };
  getPageExplainers: { req: { tabId: number }; res: PageExplainer[] };
  search: { req: { query: string; limit?: number }; res: SearchResult[] };
  getExplainer: { req: { id: string }; res: ExplainerView | null };
  /** Every explainer, for the explainer page's index and the options page. */
  listExplainers: { req: Record<string, never>; res: { id: string; title: string; summary: string; category: string }[] };
  /** Popup → content script of a tab: scroll to the first mention of `id` and open its card. */
  reveal: { req: { id: string }; res: boolean };
  /** Background (keyboard command) → content script: move to the next (1) or previous (-1) marked term and open its card. */
  navigate: { req: { direction: 1 | -1 }; res: boolean };
}

export type MessageType = keyof Protocol;
export type Message = { [K in MessageType]: { type: K } & Protocol[K]['req'] }[MessageType];
export type RequestOf<K extends MessageType> = { type: K } & Protocol[K]['req'];
export type ResponseOf<K extends MessageType> = Protocol[K]['res'];

export type { Block, Explainer, KeyFact, Source };
