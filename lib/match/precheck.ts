/**
 * A cheap necessary condition for a match: some word in the text starts with the "key" of some
 * pattern. Most text nodes fail it and skip the full normalising walk.
 *
 * A key is a prefix of the pattern's normalised form that normalisation can never split or join:
 * its first digit alone, or else its leading letters (at most 4). Separators are only dropped next
 * to digits ("287-g", "H-1B"), so a run of letters at a word start reads the same raw and
 * normalised; zero-width characters are skipped like the walk skips them. The check may say yes
 * wrongly (hash collisions, compacted codes), never no wrongly.
 */
import * as normalize from './normalize';

// Local copies: some module loaders turn imported bindings into getters inside the hot loop.
const KIND_DIGIT = normalize.KIND_DIGIT;
const KIND_IGNORE = normalize.KIND_IGNORE;
const KIND_WORD = normalize.KIND_WORD;
const kindOf = normalize.kindOf;
const tables = normalize.tables;

const MAX_KEY = 4;

export interface Precheck {
  /** false only when no pattern can match in `text`. */
  mayMatch(text: string): boolean;
}

const ALWAYS: Precheck = { mayMatch: () => true };

function slot(hash: number, length: number, mask: number): number {
  return (Math.imul(hash ^ (length * 0x2c1b3c6d), 0x9e3779b1) >>> 12) & mask;
}

export function buildPrecheck(patterns: readonly string[]): Precheck {
  const keys: { hash: number; length: number }[] = [];
  for (const pattern of patterns) {
    let hash = 0;
    let length = 0;
    for (let i = 0; i < pattern.length && length < MAX_KEY; i++) {
      const unit = pattern.charCodeAt(i);
      const kind = kindOf(unit);
      if (kind === KIND_DIGIT && length === 0) {
        hash = unit;
        length = 1;
        break;
      }
      if (kind !== KIND_WORD || (unit >= 0xd800 && unit <= 0xdfff)) break;
      hash = (Math.imul(hash, 31) + unit) | 0;
      length++;
    }
    // A pattern that does not start with a letter or digit cannot be keyed: check everything.
    if (length === 0) return ALWAYS;
    keys.push({ hash, length });
  }
  let size = 1 << 12;
  while (size < keys.length * 32 && size < 1 << 21) size <<= 1;
  const bits = new Uint32Array(size >>> 5);
  const mask = size - 1;
  let lengths = 0;
  for (const { hash, length } of keys) {
    const index = slot(hash, length, mask);
    bits[index >>> 5]! |= 1 << (index & 31);
    lengths |= 1 << length;
  }
  const { kinds, folds } = tables();

  return {
    mayMatch(text: string): boolean {
      let inWord = false;
      let active = false;
      let hash = 0;
      let length = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        let kind = kinds[c]!;
        if (kind === 255) kind = kindOf(c);
        if (kind === KIND_WORD || kind === KIND_DIGIT) {
          if (!inWord) {
            inWord = true;
            active = true;
            hash = kind === KIND_DIGIT ? folds[c]! : 0;
            length = 0;
          }
          if (!active) continue;
          if (kind === KIND_DIGIT) {
            active = false;
            if (length > 0) continue;
            length = 1;
          } else {
            hash = (Math.imul(hash, 31) + folds[c]!) | 0;
            length++;
            if (length >= MAX_KEY) active = false;
          }
          if ((lengths >>> length) & 1) {
            const index = slot(hash, length, mask);
            if ((bits[index >>> 5]! >>> (index & 31)) & 1) return true;
          }
        } else if (kind !== KIND_IGNORE) {
          inWord = false;
        }
      }
      return false;
    },
  };
}
