import type { Lang, TermSpec } from '../pack-format/types';

/** A term as the content script receives it: the rules plus which explainer it belongs to. */
export interface MatchTerm extends TermSpec {
  explainerId: string;
  /**
   * The language of the spelling: it applies in text blocks of that language. Absent: in every block
   * (term tables built before translations existed).
   */
  lang?: Lang;
  /** Other block languages it applies in: an explainer without a Spanish translation keeps its English terms in Spanish text. */
  alsoIn?: Lang[];
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
  /** The language of the text it was found in (the block's), so the card can show that language. */
  lang: Lang;
}

export interface MatchContext {
  /** Page title and headings: where context words are looked for when the block lacks them. */
  fallbackText?: string;
  /**
   * The language of the text (default English). Read only when the text holds a candidate, so a
   * caller may compute it lazily in a getter.
   */
  lang?: Lang;
}

export interface Matcher {
  /** All accepted matches in `text`, sorted by start, non-overlapping (longest wins). */
  match(text: string, ctx?: MatchContext): TextMatch[];
}
