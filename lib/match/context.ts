import * as normalization from './normalize';

// Local copies: some module loaders turn imported bindings into getters, which shows in long texts.
const isWordKind = normalization.isWordKind;
const kindAt = normalization.kindAt;
const normalize = normalization.normalize;
const normalizeTerm = normalization.normalizeTerm;

/** Words of a text in normalised, case-folded form, with their original offsets. */
export interface WordList {
  words: string[];
  starts: number[];
  ends: number[];
}

/** Words of `text.slice(from, to)`, with offsets into `text`. */
export function wordList(text: string, from = 0, to = text.length): WordList {
  // Stryker disable next-line ConditionalExpression: equivalent — slicing the whole text gives the same words; this only skips a copy.
  const norm = normalize(from === 0 && to === text.length ? text : text.slice(from, to));
  const t = norm.text;
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  // Stryker disable next-line EqualityOperator: equivalent — kindAt past the end is not a word kind, so one more step only steps.
  while (i < t.length) {
    if (!isWordKind(kindAt(t, i))) {
      i++;
      continue;
    }
    const begin = i;
    while (isWordKind(kindAt(t, i))) i++;
    words.push(t.slice(begin, i));
    starts.push(norm.starts[begin]! + from);
    ends.push(norm.ends[i - 1]! + from);
  }
  return { words, starts, ends };
}

/** A context cue split into normalised words; each must prefix the text word at its position. */
export function contextCue(entry: string): string[] {
  return normalizeTerm(entry)
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter((part) => part.length > 0);
}

function cueAt(list: WordList, index: number, cue: readonly string[], to: number): boolean {
  if (index + cue.length > to) return false;
  for (let j = 0; j < cue.length; j++) {
    if (!list.words[index + j]!.startsWith(cue[j]!)) return false;
  }
  return true;
}

/**
 * Adds to `found` the distinct text words (or word runs) in `list.words[from, to)` that some cue
 * prefixes; stops early once `needed` are found.
 */
export function collectCues(
  list: WordList,
  from: number,
  to: number,
  cues: readonly (readonly string[])[],
  found: Set<string>,
  needed: number,
): void {
  const limit = Math.min(to, list.words.length);
  // Stryker disable next-line EqualityOperator: equivalent — no cue (one word or more) fits at the limit itself, so one more turn finds nothing.
  for (let i = Math.max(0, from); i < limit && found.size < needed; i++) {
    for (const cue of cues) {
      if (cueAt(list, i, cue, limit)) {
        found.add(list.words.slice(i, i + cue.length).join(' '));
        break;
      }
    }
  }
}

/** Index of the first word whose end is after `offset` (binary search). */
export function wordIndexAfter(list: WordList, offset: number): number {
  let lo = 0;
  let hi = list.ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list.ends[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first word starting at or after `offset`. */
export function wordIndexFrom(list: WordList, offset: number): number {
  let lo = 0;
  let hi = list.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list.starts[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
