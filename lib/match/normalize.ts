/**
 * Text normalisation shared by term compilation, matching and tests, so a term and the page text
 * are always folded by the same code. The walk never allocates per character and reports, for
 * every normalised code unit, the original UTF-16 range it came from.
 *
 * Rules: case folding (optional); all whitespace (NBSP, thin, narrow, ideographic...) becomes one
 * space and runs collapse; curly quotes become straight; hyphen/dash variants become "-";
 * zero-width characters and soft hyphens vanish; and inside code-like tokens the separators
 * vanish, so "287(g)", "287 (g)", "287-g" and "287g" all read "287g": "-" or "." between letters
 * and digits, and a short parenthesised group "(g)" glued or spaced after a word with a digit.
 * Folding also drops accents from Latin letters (á→a, é→e, ü→u, ç→c; "ñ" stays "ñ", it is another
 * letter in Spanish), and the combining accents of decomposed text vanish like zero-width characters,
 * so "deportación", "deportacion" and "DEPORTACIÓN" are one spelling; offsets stay those of the
 * original characters. « » read as quotes; ¿ ¡ are punctuation like any other.
 */

const KIND_OTHER = 0;
export const KIND_WORD = 1;
export const KIND_DIGIT = 2;
const KIND_SPACE = 3;
export const KIND_IGNORE = 4;

/** Not yet classified: the tables fill in lazily, so a page pays only for the characters it uses. */
const KIND_UNKNOWN = 255;

let cachedTables: { kinds: Uint8Array; folds: Uint16Array } | undefined;

const IGNORED = '\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff';
const DASHES = '\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d';
const SINGLE_QUOTES = '\u2018\u2019\u201a\u201b\u2032\u02bc\uff07';
const DOUBLE_QUOTES = '\u201c\u201d\u201e\u201f\u2033\uff02\u00ab\u00bb';
/** Combining grave, acute, circumflex and diaeresis: the accents of decomposed Spanish text. */
const COMBINING_ACCENTS = '\u0300\u0301\u0302\u0308';
const BMP_DIGIT = /\p{N}/u;
const BMP_WORD = /[\p{L}\p{M}]/u;
const BMP_SPACE = /\s/u;

/**
 * The special characters up front (their kinds and folds are choices, not Unicode properties);
 * everything else, ASCII included, on first sight (see classify).
 */
function buildTables(): void {
  const kinds = new Uint8Array(65536).fill(KIND_UNKNOWN);
  const folds = new Uint16Array(65536);
  const mapped = (chars: string, kind: number, fold: number | null) => {
    for (const ch of chars) {
      const c = ch.charCodeAt(0);
      kinds[c] = kind;
      folds[c] = fold ?? c;
    }
  };
  mapped(IGNORED, KIND_IGNORE, null);
  mapped(COMBINING_ACCENTS, KIND_IGNORE, null);
  mapped(DASHES, KIND_OTHER, 45);
  mapped(SINGLE_QUOTES, KIND_OTHER, 39);
  mapped(DOUBLE_QUOTES, KIND_OTHER, 34);
  cachedTables = { kinds, folds };
}

/**
 * Blocks made only of uncased letters (CJK Unified Ideographs and Extension A, Hangul syllables):
 * a Chinese or Korean page meets thousands of distinct ones, and filling the whole block at the
 * first saves a regex test per character. The unit test checks each block against the regexes.
 */
// Stryker disable next-line ArrayDeclaration: equivalent — without the blocks each ideograph is classified on first sight, to the same kind and fold.
export const LETTER_BLOCKS: readonly (readonly [number, number])[] = [
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xac00, 0xd7a3],
];

/** Classifies a BMP code unit not seen before and records its kind and folded form. */
function classify(c: number): number {
  const { kinds, folds } = tables();
  // Stryker disable next-line BlockStatement: equivalent — a letter block not filled at once is classified one character at a time, to the same kinds and folds.
  for (const [first, last] of LETTER_BLOCKS) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent — as above.
    if (c < first || c > last) continue;
    // Stryker disable next-line ArithmeticOperator: equivalent — as above, for the block's last units left unfilled.
    kinds.fill(KIND_WORD, first, last + 1);
    for (let unit = first; unit <= last; unit++) folds[unit] = unit;
    return KIND_WORD;
  }
  const ch = String.fromCharCode(c);
  const kind = c < 0x250 || (c >= 0x2000 && c < 0x2070) ? ruleKind(c) : regexKind(ch);
  let fold = kind === KIND_SPACE ? 32 : c;
  if (kind === KIND_WORD || kind === KIND_DIGIT) {
    const lower = ch.toLowerCase();
    // "İ" lower-cases to "i" plus a combining dot; the "i" is what readers match.
    // Stryker disable next-line ConditionalExpression: equivalent — U+0130 is the only BMP letter whose lower case is longer than one unit (checked).
    fold = lower.length === 1 || c === 0x130 ? lower.charCodeAt(0) : c;
    fold = withoutAccent(fold);
  }
  kinds[c] = kind;
  folds[c] = fold;
  return kind;
}

/** Kind of a BMP unit by its Unicode properties. */
export function regexKind(ch: string): number {
  if (BMP_DIGIT.test(ch)) return KIND_DIGIT;
  if (BMP_WORD.test(ch)) return KIND_WORD;
  return BMP_SPACE.test(ch) ? KIND_SPACE : KIND_OTHER;
}

/**
 * The same kinds, by rule, for Latin (U+0000-U+024F) and General Punctuation (U+2000-U+206F): most
 * pages use nothing else, and then the regexes never compile (a cold cost of every frame). The unit
 * test compares every unit of both ranges with regexKind.
 */
export function ruleKind(c: number): number {
  if (c >= 0x2000) return c <= 0x200a || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f ? KIND_SPACE : KIND_OTHER;
  if (c <= 0x20) return c === 0x20 || (c >= 9 && c <= 13) ? KIND_SPACE : KIND_OTHER;
  if (c < 0x80) {
    if (c >= 0x30 && c <= 0x39) return KIND_DIGIT;
    const lower = c | 0x20;
    return lower >= 0x61 && lower <= 0x7a ? KIND_WORD : KIND_OTHER;
  }
  if (c >= 0xc0) return c === 0xd7 || c === 0xf7 ? KIND_OTHER : KIND_WORD;
  if (c === 0xa0) return KIND_SPACE;
  if (c === 0xb2 || c === 0xb3 || c === 0xb9 || (c >= 0xbc && c <= 0xbe)) return KIND_DIGIT;
  return c === 0xaa || c === 0xb5 || c === 0xba ? KIND_WORD : KIND_OTHER;
}

/** A Latin letter with accents as its base letter ("á" → "a"), except "ñ"; other units unchanged. */
function withoutAccent(unit: number): number {
  // Stryker disable next-line EqualityOperator,ConditionalExpression: `unit <= 0xc0` is equivalent — no letter folds to U+00C0 ("À" folds to "à"); and `unit < 0xc0` made false — ASCII has no decomposition, so NFD gives it back.
  if (unit < 0xc0 || unit === 0xf1) return unit;
  const base = String.fromCharCode(unit).normalize('NFD');
  const first = base.charCodeAt(0);
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: equivalent — over every BMP letter and digit, only units that decompose start with a-z after U+00C0 (checked).
  return base.length > 1 && first >= 97 && first <= 122 ? first : unit;
}

/** Kind of a BMP code unit (surrogates are KIND_OTHER; the walk decodes pairs itself). */
export function kindOf(c: number): number {
  const kind = tables().kinds[c]!;
  return kind === KIND_UNKNOWN ? classify(c) : kind;
}

/**
 * Forgets the filled tables, so the next use builds them again. The tables live as long as the module,
 * so a test that checks how they are built must start from none.
 */
// Stryker disable next-line BlockStatement: equivalent — a test seam; tables not built again are the same tables.
export function resetTables(): void {
  cachedTables = undefined;
}

/** Kind and fold tables, filled lazily: call `kindOf` for a code unit before reading its fold. */
export function tables(): { kinds: Uint8Array; folds: Uint16Array } {
  if (!cachedTables) buildTables();
  return cachedTables!;
}

// Stryker disable next-line Regex: the anchors are equivalent — the text tested is one code point.
const ASTRAL_DIGIT = /^\p{N}$/u;
// Stryker disable next-line Regex: the anchors are equivalent — the text tested is one code point.
const ASTRAL_WORD = /^[\p{L}\p{M}]$/u;

function astralKind(cp: number): number {
  // Emoji and pictographs (no letters or digits there) and the CJK extension planes are common
  // enough on real pages to skip the regexes.
  // Stryker disable next-line ConditionalExpression: equivalent — no letter or digit lies in U+1F10D–U+1FBEF (checked over the range); this only skips two regex tests.
  // Stryker disable next-line EqualityOperator: `cp > 0x1f10d` is equivalent — U+1F10D is no letter or digit.
  if (cp >= 0x1f10d && cp < 0x1fbf0) return KIND_OTHER;
  const ch = String.fromCodePoint(cp);
  if (ASTRAL_DIGIT.test(ch)) return KIND_DIGIT;
  if (ASTRAL_WORD.test(ch)) return KIND_WORD;
  return KIND_OTHER;
}

/** Kind of the code point starting at `index` (KIND_OTHER past either end). */
export function kindAt(text: string, index: number): number {
  if (index < 0 || index >= text.length) return KIND_OTHER;
  const c = text.charCodeAt(index);
  // Past either end charCodeAt is NaN, which is no surrogate: no bounds to check.
  // Stryker disable next-line EqualityOperator: `c < 0xdbff` is equivalent — plane 16 (high surrogate DBFF) is private use, no letter or digit.
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(index + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return astralKind(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const h = text.charCodeAt(index - 1);
    // Stryker disable next-line EqualityOperator: `h < 0xdbff` is equivalent — plane 16 is private use, no letter or digit.
    if (h >= 0xd800 && h <= 0xdbff) return astralKind(((h - 0xd800) << 10) + (c - 0xdc00) + 0x10000);
  }
  return kindOf(c);
}

export function isWordKind(kind: number): boolean {
  return kind === KIND_WORD || kind === KIND_DIGIT;
}

/** Receives each normalised code unit with the original range it came from (tests, term folding). */
export interface NormalizedSink {
  put(unit: number, start: number, end: number, isWord: boolean): void;
}

/**
 * Automaton state driven inline by the walk (no call per character). `delta` holds premultiplied
 * targets, negative (~target) when the target state has output; `report` is called for those.
 * Zero entries are transitions not computed yet: `resolve` computes one and may replace `delta`
 * with a larger table (see automaton.ts).
 */
export interface ScanState {
  classOf: Uint16Array;
  delta: Int32Array;
  state: number;
  /** Number of units emitted so far; unit k's original start is ringStart[k & mask]. */
  count: number;
  ringStart: Int32Array;
  ringWord: Uint8Array;
  mask: number;
  /** Computes the transition from the state at `offset` on class `cls` and returns its encoded target. */
  resolve(offset: number, cls: number): number;
  /** Records hits at unit `count` ending at original offset `end`; true if some wait for `settle`. */
  report(stateOffset: number, end: number): boolean;
  /** Decides hits that wait for the next unit to know whether a word ends there. */
  settle(nextIsWord: boolean): void;
}

/**
 * If a parenthesised group starts at `open` ("(" then 1–3 letters/digits then ")") right after a
 * word holding a digit, as in "287(g)" or "1357 (g)", the index of its ")"; else -1.
 */
function codeGroupClose(text: string, open: number, digitBefore: boolean): number {
  if (!digitBefore) return -1;
  let j = open + 1;
  // Stryker disable next-line MethodExpression: equivalent — reading further only finds a longer group, which the size check refuses.
  const limit = Math.min(text.length, j + 4);
  // Stryker disable next-line EqualityOperator: equivalent — a group one unit longer is refused by the size check all the same.
  while (j < limit) {
    const k = kindOf(text.charCodeAt(j));
    if (k !== KIND_WORD && k !== KIND_DIGIT) break;
    j++;
  }
  const size = j - open - 1;
  return size >= 1 && size <= 3 && text.charCodeAt(j) === 41 ? j : -1;
}

/** Emits one unit of an astral character; true if hits now wait for the next unit to be settled. */
function emitSlow(scan: ScanState | null, sink: NormalizedSink | null, unit: number, start: number, end: number, isWord: boolean): boolean {
  sink?.put(unit, start, end, isWord);
  // Stryker disable next-line BooleanLiteral: equivalent — without a scan the walk does not read the answer.
  if (scan === null) return false;
  scan.settle(isWord);
  const k = ++scan.count & scan.mask;
  scan.ringStart[k] = start;
  scan.ringWord[k] = isWord ? 1 : 0;
  const cls = scan.classOf[unit]!;
  let next = scan.delta[scan.state + cls]!;
  // Stryker disable next-line ConditionalExpression: equivalent — resolving a transition already in the table finds it again (a memo).
  if (next === 0) next = scan.resolve(scan.state, cls);
  // Stryker disable next-line EqualityOperator: equivalent — a resolved transition is never 0 (automaton offsets start at one row).
  scan.state = next < 0 ? ~next : next;
  // A spelling that ends in an astral letter needs a word boundary after it, as any other does.
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent — reporting a state without output (or 0, which no state is) adds no hit, and the hits waiting were settled above.
  return next < 0 && scan.report(scan.state, end);
}

const NO_RING = new Int32Array(1);
const NO_WORDS = new Uint8Array(1);

/**
 * Walks `text` in normalised form, driving `scan` (matching) and/or `sink` (recording) once per
 * normalised code unit. `fold` lower-cases letters; without it only spaces, quotes and dashes are
 * mapped (the case-sensitive check compares these forms).
 */
export function walkNormalized(text: string, fold: boolean, scan: ScanState | null, sink: NormalizedSink | null): void {
  const { kinds, folds } = tables();
  const n = text.length;
  const classOf = scan?.classOf ?? folds;
  let delta = scan?.delta ?? NO_RING;
  const ringStart = scan?.ringStart ?? NO_RING;
  const ringWord = scan?.ringWord ?? NO_WORDS;
  const mask = scan?.mask ?? 0;
  let state = scan?.state ?? 0;
  // Stryker disable next-line LogicalOperator: equivalent — the matcher resets its scanner's count to 0 before each walk.
  let count = scan?.count ?? 0;
  // Stryker disable next-line BooleanLiteral: equivalent — settling an empty list of waiting hits does nothing.
  let pending = false;
  let lastWord = false;
  let lastSpace = false;
  // Stryker disable next-line BooleanLiteral: equivalent — the flag is read only after a word unit, and a text's first word unit resets it.
  let wordHasDigit = false;
  let closeToDrop = -1;
  let closeAt = -1;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    let kind: number;
    let unit: number;
    // Stryker disable next-line EqualityOperator: `c >= 0xdfff` is equivalent: a lone DFFF is no letter or digit either way.
    if (c < 0xd800 || c > 0xdfff) {
      kind = kinds[c]!;
      if (kind === KIND_UNKNOWN) kind = classify(c);
      unit = fold || (kind !== KIND_WORD && kind !== KIND_DIGIT) ? folds[c]! : c;
    } else {
      // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: equivalent — past the end charCodeAt is NaN, which pairs with nothing, as 0 does.
      const d = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      // Stryker disable next-line EqualityOperator: `c < 0xdbff` is equivalent: plane 16 (high surrogate DBFF) is private use, no letter or digit.
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        // Astral characters pass through unfolded as their two code units.
        kind = astralKind(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
        const isWord = kind !== KIND_OTHER;
        if (isWord && !lastWord) wordHasDigit = false;
        if (kind === KIND_DIGIT) wordHasDigit = true;
        // Hits waiting for this unit are settled by emitSlow, which knows whether it is a word.
        if (scan !== null) {
          scan.state = state;
          scan.count = count;
        }
        emitSlow(scan, sink, c, i, i + 2, isWord);
        const waiting = emitSlow(scan, sink, d, i, i + 2, isWord);
        if (scan !== null) {
          state = scan.state;
          count = scan.count;
          delta = scan.delta;
          pending = waiting;
        }
        lastWord = isWord;
        lastSpace = false;
        i += 2;
        continue;
      }
      kind = KIND_OTHER;
      unit = c;
    }
    if (kind === KIND_IGNORE) {
      i++;
      continue;
    }
    if (i === closeToDrop) {
      // The code ends here: a following "(1)" or "(ICE)" is prose, not more code.
      lastWord = false;
      // Stryker disable next-line BooleanLiteral: equivalent — with lastWord false, the next word's first unit resets the flag before it is read.
      wordHasDigit = false;
      i++;
      continue;
    }
    if (kind === KIND_SPACE) {
      if (lastSpace) {
        i++;
        continue;
      }
      if (lastWord && text.charCodeAt(i + 1) === 40) {
        const close = codeGroupClose(text, i + 1, wordHasDigit);
        // Stryker disable next-line EqualityOperator: equivalent — a group's ")" is never at offset 0.
        if (close >= 0) {
          closeAt = close;
          // Stryker disable next-line UnaryOperator: equivalent — closeToDrop is compared with later offsets only, and 1 is never later than a group's ")".
          closeToDrop = isWordKind(kindAt(text, close + 1)) ? -1 : close;
          i += 2;
          continue;
        }
      }
      unit = 32;
    } else if (unit === 40) {
      if (lastWord) {
        const close = codeGroupClose(text, i, wordHasDigit);
        // Stryker disable next-line EqualityOperator: equivalent — a group's ")" is never at offset 0.
        if (close >= 0) {
          closeAt = close;
          // Stryker disable next-line UnaryOperator: equivalent — closeToDrop is compared with later offsets only, and 1 is never later than a group's ")".
          closeToDrop = isWordKind(kindAt(text, close + 1)) ? -1 : close;
          i++;
          continue;
        }
      }
    } else if ((unit === 45 || unit === 46) && lastWord) {
      // kindAt, not kindOf: an astral digit after the separator glues as a BMP one does.
      const next = kindAt(text, i + 1);
      if (next === KIND_DIGIT || (next === KIND_WORD && wordHasDigit)) {
        i++;
        continue;
      }
    }
    const isWord = kind === KIND_WORD || kind === KIND_DIGIT;
    // Stryker disable next-line ConditionalExpression: equivalent — a digit flag reset at a non-word unit is reset again at the next word's first unit before it is read.
    if (isWord) {
      if (!lastWord) wordHasDigit = false;
      if (kind === KIND_DIGIT) wordHasDigit = true;
    }
    // The last unit of a code group also covers its ")" so a match on "287(g)" spans the whole code.
    const end = closeAt === i + 1 ? i + 2 : i + 1;
    if (sink !== null) sink.put(unit, i, end, isWord);
    if (scan !== null) {
      // Stryker disable next-line ConditionalExpression: equivalent — settling an empty list of waiting hits does nothing.
      if (pending) {
        scan.settle(isWord);
        // Stryker disable next-line BooleanLiteral: equivalent — the next unit would settle an empty list of waiting hits.
        pending = false;
      }
      const k = ++count & mask;
      ringStart[k] = i;
      ringWord[k] = isWord ? 1 : 0;
      const cls = classOf[unit]!;
      let next = delta[state + cls]!;
      // Stryker disable next-line ConditionalExpression: equivalent — resolving a transition already in the table finds it again (a memo).
      if (next === 0) {
        next = scan.resolve(state, cls);
        // Resolving may have given the table more rows (a new array).
        delta = scan.delta;
      }
      state = next;
      // Stryker disable next-line EqualityOperator: equivalent — no state sits at offset 0 (automaton offsets start at one row).
      if (state < 0) {
        state = ~state;
        scan.count = count;
        pending = scan.report(state, end);
        // Reporting follows failure links, which may add states (a new, larger table).
        delta = scan.delta;
      }
    }
    lastWord = isWord;
    lastSpace = unit === 32;
    i++;
  }
  if (scan !== null) {
    scan.state = state;
    scan.count = count;
    // Stryker disable next-line ConditionalExpression: equivalent — settling an empty list of waiting hits does nothing.
    if (pending) scan.settle(false);
  }
}

export interface Normalized {
  text: string;
  /** Original start offset of each normalised code unit. */
  starts: Int32Array;
  /** Original end offset (exclusive) of each normalised code unit. */
  ends: Int32Array;
}

class Recorder implements NormalizedSink {
  readonly units: Uint16Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  count = 0;
  // Normalisation never lengthens text: every unit comes from at least one original unit.
  constructor(capacity: number) {
    this.units = new Uint16Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }
  put(unit: number, start: number, end: number): void {
    const k = this.count++;
    this.units[k] = unit;
    this.starts[k] = start;
    this.ends[k] = end;
  }
}

/** The normalised text with its offset map back to `text`. */
export function normalize(text: string, fold = true): Normalized {
  const recorder = new Recorder(text.length);
  walkNormalized(text, fold, null, recorder);
  const n = recorder.count;
  let out = '';
  // Stryker disable next-line BlockStatement,ConditionalExpression,EqualityOperator: equivalent — one more turn appends the empty chunk past the end.
  for (let i = 0; i < n; i += 8192) {
    out += String.fromCharCode.apply(null, recorder.units.subarray(i, Math.min(n, i + 8192)) as unknown as number[]);
  }
  return { text: out, starts: recorder.starts.slice(0, n), ends: recorder.ends.slice(0, n) };
}

/** Normalised form trimmed of edge spaces: how a term or phrase is compared. */
export function normalizeTerm(text: string, fold = true): string {
  return normalize(text, fold).text.trim();
}
