import type { TermSpec } from '../pack-format/types';

/** A term as the content script receives it: the rules plus which explainer it belongs to. */
export interface MatchTerm extends TermSpec {
  explainerId: string;
}

export interface TextMatch {
  explainerId: string;
  /** Index into the MatchTerm[] the matcher was built from. */
  termIndex: number;
  /** UTF-16 offsets into the ORIGINAL text passed to `match`. */
  start: number;
  end: number;
  /** The original text between start and end. */
  text: string;
}

export interface MatchContext {
  /** Page title and headings: where context words are looked for when the block lacks them. */
  fallbackText?: string;
}

export interface Matcher {
  /** All accepted matches in `text`, sorted by start, non-overlapping (longest wins). */
  match(text: string, ctx?: MatchContext): TextMatch[];
}
