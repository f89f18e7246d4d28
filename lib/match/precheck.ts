/**
 * A cheap necessary condition for a match: from some word start, the letters and digits of the
 * text (whatever lies between them) begin with the "key" of some pattern.
 *
 * A key is the first letters and digits of the pattern's normalised form (at most MAX_KEY), ignoring
 * what lies between them. Normalisation never drops, adds or reorders letters and digits; it only
 * folds case and rewrites or drops the characters between them ("287 (g)", "I-589", "U.S."), so a
 * pattern's key appears this way wherever the pattern matches. Zero-width characters are skipped
 * as the walk skips them. The check may say yes wrongly (hash collisions, text between key units),
 * never no wrongly.
 *
 * A key that holds all of its pattern's letters and digits ("ice", "dhs", "sb54") is "whole": the
 * pattern can only match where the text's next letter-or-not after the key is not a letter or digit
 * (a word boundary, or the pattern's own punctuation), since normalisation never turns a letter into
 * anything else. Whole keys are probed only there, so "ice" no longer lets "iceberg" or "iced" through.
 * On most pages no block then passes, and the automaton is never built.
 */
import * as normalize from './normalize';

// Local copies: some module loaders turn imported bindings into getters inside the hot loop.
const KIND_DIGIT = normalize.KIND_DIGIT;
const KIND_IGNORE = normalize.KIND_IGNORE;
const KIND_WORD = normalize.KIND_WORD;
const kindOf = normalize.kindOf;
const tables = normalize.tables;

const MAX_KEY = 6;
/** Added to the length of a whole key (see above): a length of its own, so its own slots and probes. */
const WHOLE = 16;

export interface Precheck {
  /** false only when no pattern can match in `text`. */
  mayMatch(text: string): boolean;
}

const ALWAYS: Precheck = { mayMatch: () => true };

/**
 * Keys keep 30 bits of their hash, so every key is a small integer: JSON.parse, which gives each term
 * table to a frame, reads those without allocating (30,000 full 32-bit hashes took it ~4× as long).
 */
const KEY_BITS = 0x3fffffff;

/** Also written out in `mayMatch`'s loop (cold code pays for every call): change both together. */
function slot(hash: number, length: number, mask: number): number {
  // Stryker disable next-line ArithmeticOperator: equivalent in effect — mixing in the length only parts keys of equal hash and different length, a rare collision that can only say yes wrongly.
  return (Math.imul((hash & KEY_BITS) ^ (length * 0x2c1b3c6d), 0x9e3779b1) >>> 12) & mask;
}

/** A second, independent bit per key: a text word start is probed up to MAX_KEY times per unit. */
function slot2(hash: number, length: number, mask: number): number {
  // Stryker disable next-line ArithmeticOperator: equivalent in effect — as in `slot`.
  return (Math.imul((hash & KEY_BITS) ^ (length * 0x5bd1e995), 0x85ebca6b) >>> 7) & mask;
}

/**
 * Bits per key: sparse enough that two bits rarely both collide (2^16 bits, 8 KB, for the real
 * pack), capped so that the table stays in cache for packs of thousands of terms.
 */
const BITS_PER_KEY = 128;
const MAX_BITS = 1 << 19;

/**
 * The key of every pattern as flat `[hash, length, …]` pairs, or null when some pattern cannot be
 * keyed (it does not start with a letter or digit) and every text must go to the automaton.
 * Plain numbers, so the background can compute them once and send them with the term table.
 */
export function precheckKeys(patterns: readonly string[]): number[] | null {
  const keys: number[] = [];
  for (const pattern of patterns) {
    let hash = 0;
    let length = 0;
    let at = 0;
    // Stryker disable next-line EqualityOperator: equivalent — the unit past the end is NaN, no letter or digit, so one more turn adds nothing to the key.
    for (; at < pattern.length && length < MAX_KEY; at++) {
      const unit = pattern.charCodeAt(at);
      // Surrogates are KIND_OTHER, here and in `mayMatch`: an astral character is skipped like punctuation on both sides.
      const kind = kindOf(unit);
      if (kind !== KIND_WORD && kind !== KIND_DIGIT) {
        if (length === 0) break;
        continue;
      }
      hash = (Math.imul(hash, 31) + unit) | 0;
      length++;
    }
    if (length === 0) return null;
    keys.push(hash & KEY_BITS, isWhole(pattern, at) ? length + WHOLE : length);
  }
  return keys;
}

/** No letter or digit of `pattern` lies at or after `from`: its key holds them all. */
function isWhole(pattern: string, from: number): boolean {
  for (let i = from; i < pattern.length; i++) {
    const kind = kindOf(pattern.charCodeAt(i));
    if (kind === KIND_WORD || kind === KIND_DIGIT) return false;
  }
  return true;
}

export function buildPrecheck(patterns: readonly string[]): Precheck {
  return precheckFromKeys(precheckKeys(patterns));
}

export function precheckFromKeys(keys: readonly number[] | null): Precheck {
  return precheckFrom(precheckTable(keys));
}

/**
 * The precheck's bit table as one string, 8 bits per character from U+0100 (JSON carries those
 * unescaped, 2 bytes of UTF-8 each), and a bit per key length present. The background builds it once
 * per term table: setting two bits per key cost each frame a cold loop over every key (2-7 ms for the
 * real pack), while a frame reads a string as it comes.
 */
export interface PrecheckTable {
  bits: string;
  lengths: number;
}

const BYTE_BASE = 0x100;
const MIN_BITS = 1 << 12;

/** The table for `keys` (precheckKeys); null when there are none to check, so every text goes to the automaton. */
export function precheckTable(keys: readonly number[] | null): PrecheckTable | null {
  if (keys === null) return null;
  // Stryker disable next-line ArithmeticOperator: counting the keys four times over only makes the table larger (memory, not answers).
  const keyCount = keys.length / 2;
  // Stryker disable next-line MethodExpression: the cap only bounds memory; a table grown past it turns away as much text or more.
  const wanted = Math.min(keyCount * BITS_PER_KEY, MAX_BITS);
  let size = MIN_BITS;
  // Stryker disable next-line EqualityOperator: `<=` only doubles a table already of the wanted size (memory, not answers); `>=` fails 'at newsroom size'.
  while (size < wanted) size <<= 1;
  const bytes = new Uint16Array(size >>> 3).fill(BYTE_BASE);
  const mask = size - 1;
  let lengths = 0;
  // Stryker disable next-line EqualityOperator: equivalent — one more turn adds a key of length 0, and no text key is that short.
  for (let k = 0; k < keys.length; k += 2) {
    const hash = keys[k]!;
    const length = keys[k + 1]!;
    const index = slot(hash, length, mask);
    bytes[index >>> 3]! |= 1 << (index & 7);
    const second = slot2(hash, length, mask);
    bytes[second >>> 3]! |= 1 << (second & 7);
    lengths |= 1 << length;
  }
  let bits = '';
  for (let i = 0; i < bytes.length; i += 4096) bits += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return { bits, lengths };
}

const TABLE_CHARS = /^[\u0100-\u01ff]*$/;

/**
 * A table as a message delivered it, checked before it is trusted: a string of table characters whose
 * length is a power of two no smaller than the smallest table, and an integer for the lengths. Anything
 * else is refused with the reason, and the caller builds the table from the keys instead.
 */
export function checkPrecheckTable(value: unknown): PrecheckTable | Error {
  if (typeof value !== 'object' || value === null) return new Error('precheck table: not an object');
  const { bits, lengths } = value as Partial<PrecheckTable>;
  if (typeof bits !== 'string' || bits.length < MIN_BITS >>> 3 || (bits.length & (bits.length - 1)) !== 0) {
    return new Error('precheck table: the bits are not a string of a power-of-two length');
  }
  if (!TABLE_CHARS.test(bits)) return new Error('precheck table: the bits hold a character outside U+0100-U+01FF');
  if (typeof lengths !== 'number' || (lengths | 0) !== lengths) return new Error('precheck table: the lengths are not a 32-bit integer');
  return { bits, lengths };
}

export function precheckFrom(table: PrecheckTable | null): Precheck {
  if (table === null) return ALWAYS;
  const { bits, lengths } = table;
  const mask = bits.length * 8 - 1;
  const { kinds, folds } = tables();

  // One running key per recent word start: a key spans at most MAX_KEY units, so at most
  // MAX_KEY of them are open at once.
  const openHash = new Int32Array(MAX_KEY);
  const openLength = new Int32Array(MAX_KEY);

  /** The key's second bit (its first was found set in the loop, where the test is inlined for cold code). */
  const second = (hash: number, length: number): boolean => {
    const index = slot2(hash, length, mask);
    return ((bits.charCodeAt(index >>> 3) >>> (index & 7)) & 1) === 1;
  };
  /** Whether the first unit after `at` that the walk does not skip is no letter or digit (or the text ends). */
  const endsWord = (text: string, at: number): boolean => {
    for (let i = at + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let kind = kinds[c]!;
      if (kind === 255) kind = kindOf(c);
      if (kind !== KIND_IGNORE) return kind !== KIND_WORD && kind !== KIND_DIGIT;
    }
    return true;
  };

  return {
    mayMatch(text: string): boolean {
      let inWord = false;
      let open = 0;
      // Stryker disable next-line EqualityOperator: equivalent — the unit past the end is NaN, of no kind, and ends the walk as a separator would.
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        let kind = kinds[c]!;
        // Stryker disable next-line ConditionalExpression: `true` only asks kindOf for a kind the table already holds; `false` fails 'reads a capital it meets for the first time'.
        if (kind === 255) kind = kindOf(c);
        if (kind === KIND_WORD || kind === KIND_DIGIT) {
          if (!inWord) {
            inWord = true;
            // Lowest free slot: one is always free, since every key closes after MAX_KEY units.
            const free = ~open & (open + 1);
            const j = 31 - Math.clz32(free);
            openHash[j] = 0;
            openLength[j] = 0;
            open |= free;
          }
          const unit = folds[c]!;
          for (let rest = open; rest !== 0; rest &= rest - 1) {
            const j = 31 - Math.clz32(rest & -rest);
            const hash = (Math.imul(openHash[j]!, 31) + unit) | 0;
            const length = openLength[j]! + 1;
            // Keys that are not whole are MAX_KEY units long (shorter ones came from tables packed before whole keys).
            // Stryker disable next-line ConditionalExpression: only skips probes at lengths no key has; probing them too can only add rare wrong yeses.
            if ((lengths >>> length) & 1) {
              const index = (Math.imul((hash & KEY_BITS) ^ (length * 0x2c1b3c6d), 0x9e3779b1) >>> 12) & mask;
              if ((bits.charCodeAt(index >>> 3) >>> (index & 7)) & 1 && second(hash, length)) return true;
            }
            // Stryker disable next-line ConditionalExpression: as above.
            if ((lengths >>> (length + WHOLE)) & 1) {
              const index = (Math.imul((hash & KEY_BITS) ^ ((length + WHOLE) * 0x2c1b3c6d), 0x9e3779b1) >>> 12) & mask;
              if ((bits.charCodeAt(index >>> 3) >>> (index & 7)) & 1 && second(hash, length + WHOLE) && endsWord(text, i)) return true;
            }
            if (length >= MAX_KEY) {
              open &= ~(1 << j);
              openLength[j] = 0;
            } else {
              openHash[j] = hash;
              openLength[j] = length;
            }
          }
        } else if (kind !== KIND_IGNORE) {
          inWord = false;
        }
      }
      return false;
    },
  };
}
