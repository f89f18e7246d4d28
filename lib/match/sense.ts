/**
 * The scored sense model for ambiguous terms: a candidate is kept when a logistic score over its
 * evidence is positive. The evidence is the same kind for every term (no term-specific code): the
 * words around it, the words right next to it, how it and its block are cased, the hand-listed
 * context cues and counter-evidence cues found near it, whether an unambiguous spelling of the same explainer sits in the block
 * or in the page's title and headings, how many other topics are named plainly in the block or the page, and the title and headings' own words at half weight. Which
 * evidence counts, and how much, is data: weights learned from labelled sentences
 * (tools/sense/train.ts) and compiled into the pack beside the term.
 */
import type { WordList } from './context';

/** A term's learned weights: the score is `bias` plus the weights of the features present. */
export interface SenseModel {
  bias: number;
  /** Words either side of the candidate whose `w:` features count. */
  window: number;
  weights: Readonly<Record<string, number>>;
}

/** Words longer than this are cut to it, so "detained", "detainee" and "detainers" share evidence. */
const STEM = 6;
/** Title and heading words weigh half: they speak for the whole page, not this sentence. */
const PAGE_FACTOR = 0.5;

export function stem(word: string): string {
  return word.slice(0, STEM);
}

/** Where a candidate sits and what surrounds it, as the matcher sees it. */
export interface SenseInput {
  /** The block's original text. */
  text: string;
  words: WordList;
  start: number;
  end: number;
  window: number;
  /** Distinct hand-listed context cues found near the candidate. */
  cues: number;
  /** Distinct hand-listed counter-evidence cues found near the candidate. */
  against: number;
  /** Context cues found in the page's title and headings. */
  cuesOnPage: number;
  /** Counter-evidence cues found in the page's title and headings. */
  againstOnPage: number;
  /** An unambiguous spelling of the same explainer is matched in the same block. */
  sameInBlock: boolean;
  /** The page's title or headings match the same explainer. */
  sameOnPage: boolean;
  /** How many other explainers have an unambiguous spelling matched in the same block. */
  othersInBlock: number;
  /** Whether the page's title or headings match another explainer. */
  othersOnPage: boolean;
}

/** The candidate's features (each name at most once). */
export function senseFeatures(input: SenseInput): string[] {
  const { text, words, start, end, window } = input;
  const out = new Set<string>();
  let first = 0;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent — past the end the offset reads undefined, which compares false and stops the loop all the same.
  while (first < words.ends.length && words.ends[first]! <= start) first++;
  let after = first;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent — as above.
  while (after < words.starts.length && words.starts[after]! < end) after++;
  for (let i = Math.max(0, first - window); i < Math.min(words.words.length, after + window); i++) {
    if (i < first || i >= after) out.add(`w:${stem(words.words[i]!)}`);
  }
  const near = (index: number, name: string) => {
    if (index >= 0 && index < words.words.length) out.add(`${name}:${stem(words.words[index]!)}`);
    else out.add(`${name}:`);
  };
  near(first - 1, 'l1');
  near(first - 2, 'l2');
  near(after, 'r1');
  near(after + 1, 'r2');
  const found = text.slice(start, end);
  // The spelling itself, so terms sharing a model ("sanctuary", "sanctuary city") keep their own odds.
  out.add(`k:${words.words.slice(first, after).join(' ')}`);
  out.add(`s:${caseShape(found)}`);
  const before = text.charAt(start - 1);
  if (before === '#') out.add('hash');
  if (before === '(' && text.charAt(end) === ')') out.add('paren');
  if (isShouting(text)) out.add('b:caps');
  else if (isTitleCase(words, text)) out.add('b:title');
  if (input.cues >= 1) out.add('cue1');
  if (input.cues >= 2) out.add('cue2');
  if (input.against >= 1) out.add('anti1');
  if (input.against >= 2) out.add('anti2');
  if (input.cuesOnPage >= 1) out.add('pcue');
  if (input.againstOnPage >= 1) out.add('panti');
  if (input.sameInBlock) out.add('same');
  if (input.sameOnPage) out.add('page');
  // Other topics of the pack named plainly nearby: the same evidence for every ambiguous term.
  if (input.othersInBlock >= 1) out.add('topic1');
  if (input.othersInBlock >= 2) out.add('topic2');
  if (input.othersOnPage) out.add('ptopic');
  return [...out];
}

/** "upper", "title", "lower" or "mixed", by the letters of the found text. */
export function caseShape(found: string): string {
  const letters = found.replace(/[^\p{L}]/gu, '');
  if (letters === '') return 'mixed';
  if (letters === letters.toUpperCase() && letters !== letters.toLowerCase()) return 'upper';
  if (letters === letters.toLowerCase()) return 'lower';
  // Not all lower-case, so when the rest is, the first letter is the capital.
  const rest = letters.slice(1);
  return rest === rest.toLowerCase() ? 'title' : 'mixed';
}

/** An all-caps block (a headline): at least four letters and none lower-case. */
function isShouting(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 4 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/** A title-case block (a heading): three or more words of letters, at least 80% capitalised. */
function isTitleCase(words: WordList, text: string): boolean {
  let lettered = 0;
  let capital = 0;
  for (let i = 0; i < words.starts.length; i++) {
    const first = text.charAt(words.starts[i]!);
    if (first.toLowerCase() === first.toUpperCase()) continue;
    lettered++;
    if (first === first.toUpperCase()) capital++;
  }
  return lettered >= 3 && capital >= 0.8 * lettered;
}

/** The model's score for a candidate: positive keeps it. */
export function senseScore(model: SenseModel, features: readonly string[], pageWords?: WordList): number {
  let score = model.bias;
  for (const feature of features) score += model.weights[feature] ?? 0;
  if (pageWords) {
    const seen = new Set<string>();
    for (const word of pageWords.words) {
      const name = `w:${stem(word)}`;
      if (seen.has(name)) continue;
      seen.add(name);
      score += PAGE_FACTOR * (model.weights[name] ?? 0);
    }
  }
  return score;
}
