/**
 * A native first look at a text before any JavaScript walks it: one case-insensitive RegExp that
 * finds the longest word of some term spelling, written any way normalisation would accept. Most text on a
 * page matches no term, and V8's regexp engine rejects it at native speed, where the precheck and
 * automaton walk it a code unit at a time (slowest in the cold code of a freshly loaded page).
 *
 * It is a necessary condition, never a sufficient one. Why a spelling's words show in the
 * original text, modulo ASCII case, as its ASCII letters and digits in order:
 * - normalisation keeps letters and digits and their order, and folds case; only two non-ASCII
 *   characters fold to ASCII (U+0130 → i, U+212A → k), so a text holding one always passes;
 * - ignorable characters (soft hyphen, zero-width, bidi controls) vanish anywhere: a text holding
 *   one always passes;
 * - inside a word, separators vanish only once a digit has been seen or before a digit ("I-589",
 *   "287 (g)", "2.87g"): at most two characters (a space and "("), so from the unit before the first
 *   digit on, `[^a-z0-9]{0,2}` may stand between units;
 * - a word of a pattern starts at a word boundary (the pattern's start needs one, and elsewhere a
 *   separator precedes it), where the text has no ASCII letter or digit before the word; likewise
 *   after a word that ends at a separator or the pattern's end.
 * The prefilter may pass text the matcher then rejects; it never rejects text the matcher accepts
 * (property-tested in prefilter.test.ts against the matcher without it).
 */
import { IGNORED_CHARACTERS, isWordKind, kindAt } from './normalize';

/** Non-ASCII characters whose lower case is ASCII (checked over the whole BMP in the test). */
export const FOLDS_TO_ASCII = '\u0130\u212a';

const isAsciiLetterOrDigit = (unit: number) => (unit >= 48 && unit <= 57) || (unit >= 97 && unit <= 122);
const isAsciiDigit = (unit: number) => unit >= 48 && unit <= 57;

/**
 * The RegExp source (flag `i`) that a text must match for any of `patterns` to match in it, or null
 * when some pattern has no word that starts with an ASCII letter or digit (then every text goes on
 * to the precheck). `patterns` are normalised and case-folded (lib/match/compile); pass only term
 * spellings: a veto phrase matters only where a spelling matched.
 */
export function prefilterSource(patterns: readonly string[]): string | null {
  const wordsOf = patterns.map(anchorWords);
  if (wordsOf.some((words) => words.length === 0)) return null;
  // A spelling whose words include one already needed for another spelling ("ICE agents" beside
  // "ICE") adds nothing; otherwise its longest word, which is the least likely to be in any text.
  const anchors = new Set<string>();
  for (const words of wordsOf) if (words.length === 1) anchors.add(words[0]!.source);
  for (const words of wordsOf) {
    if (words.some((word) => anchors.has(word.source))) continue;
    anchors.add(words.reduce((best, word) => (word.length > best.length ? word : best)).source);
  }
  if (anchors.size === 0) return null;
  const hazards = `[${escapeClass(IGNORED_CHARACTERS + FOLDS_TO_ASCII)}]`;
  return `(?<![a-z0-9])(?:${[...anchors].sort().join('|')})|${hazards}`;
}

interface AnchorWord {
  /** RegExp source, without the leading boundary the caller adds. */
  source: string;
  /** ASCII letters and digits in it. */
  length: number;
}

/** Each word of the pattern that starts with an ASCII letter or digit, as RegExp source (its ASCII prefix, if a non-ASCII letter follows). */
function anchorWords(pattern: string): AnchorWord[] {
  const words: AnchorWord[] = [];
  for (let start = 0; start < pattern.length; ) {
    if (!isWordKind(kindAt(pattern, start)) || (start > 0 && isWordKind(kindAt(pattern, start - 1)))) {
      start++;
      continue;
    }
    let source = '';
    let digitSeen = false;
    let i = start;
    for (; i < pattern.length; i++) {
      const unit = pattern.charCodeAt(i);
      if (!isAsciiLetterOrDigit(unit)) break;
      const digit = isAsciiDigit(unit);
      if (i > start && (digitSeen || digit)) source += '[^a-z0-9]{0,2}';
      source += String.fromCharCode(unit);
      digitSeen ||= digit;
    }
    const length = i - start;
    if (length > 0) {
      // The word ends here (not at a non-ASCII letter): nothing alphanumeric may follow it.
      if (i === pattern.length || !isWordKind(kindAt(pattern, i))) source += '(?![a-z0-9])';
      words.push({ source, length });
    }
    start = i + 1;
  }
  return words;
}

function escapeClass(chars: string): string {
  let out = '';
  for (const ch of chars) out += `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  return out;
}

export interface Prefilter {
  /** false only when no pattern can match in `text`. */
  mayMatch(text: string): boolean;
}

export function prefilterFrom(source: string | null): Prefilter {
  if (source === null) return { mayMatch: () => true };
  const expression = new RegExp(source, 'i');
  return { mayMatch: (text) => expression.test(text) };
}
