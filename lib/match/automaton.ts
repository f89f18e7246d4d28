/**
 * Aho–Corasick automaton over a compact alphabet (every code unit that occurs in some pattern gets
 * its own class, everything else shares class 0), with one table lookup per character whatever
 * the number of patterns.
 *
 * Content scripts build it in every frame, cold, so building does next to nothing: the sorted
 * pattern list already is the trie (a trie node is the range of patterns sharing its prefix, and a
 * child is found by binary search at the next position), and a state and its DFA row exist only
 * once the text reaches it. A transition (with the failure links it needs) is computed the first
 * time the text takes it. Laying out the whole trie cost time in proportion to the pack (150,000
 * units at 15,000 terms), and a full states × classes table 13–30 ms cold for the real pack, while
 * a page reaches a few hundred states.
 */

/**
 * Encoding of `delta`, chosen so the hot loop needs one load and, almost always, one sign test:
 * - 0: not resolved yet (call `resolve`);
 * - positive: resolved, the next state's row offset ((state + 1) × classCount), the state has no output;
 * - negative: resolved, `~offset`, the next state has output (report it).
 * Row 0 is never used, so every offset is positive; `classCount` is kept even, so offsets are even
 * and their complements odd.
 */
const INITIAL_STATES = 64;

export class Automaton {
  /** Class of each (normalised) BMP code unit. */
  readonly classOf: Uint16Array;
  readonly classCount: number;
  /** Resolved transitions by row offset; replaced by a larger copy as states are added (re-read it after `resolve`). */
  delta: Int32Array;
  /** Row offset of the root: where a walk starts. */
  readonly rootOffset: number;
  /** Length in normalised code units of each pattern. */
  readonly patternLength: Int32Array;
  readonly maxLength: number;
  /** Patterns in code-unit order, and the id of each. */
  private readonly sorted: readonly string[];
  private readonly ids: Int32Array;
  /** Code unit of each class. */
  private readonly unitOf: Uint16Array;
  /** States so far. A state is the range [lo, hi) of sorted patterns sharing its first `depth` units. */
  private count = 0;
  private lo = new Int32Array(INITIAL_STATES);
  private hi = new Int32Array(INITIAL_STATES);
  private depth = new Int32Array(INITIAL_STATES);
  private parent = new Int32Array(INITIAL_STATES);
  private classIn = new Uint16Array(INITIAL_STATES);
  /** 1 + the failure link of each state, 0 until computed. */
  private fail = new Int32Array(INITIAL_STATES);
  /** 0 unknown, 1 no pattern ends here (own or through failure links), 2 some does. */
  private outputFlag = new Int8Array(INITIAL_STATES);
  /** 1 + index into `outputLists` of each state's list, 0 until first asked. */
  private outputIndex = new Int32Array(INITIAL_STATES);
  // Stryker disable next-line ArrayDeclaration: equivalent — a filler first entry only shifts every stored index by one.
  private readonly outputLists: Int32Array[] = [];

  /**
   * `alphabet`: every code unit of the patterns (compileTerms ships it, so a frame need not read every
   * pattern); computed when absent. A unit missing from it would make its patterns unreachable.
   */
  constructor(patterns: readonly string[], alphabet: readonly number[] = alphabetOf(patterns)) {
    const classOf = new Uint16Array(65536);
    let classCount = 1;
    // Stryker disable next-line ConditionalExpression: equivalent — a unit listed twice would only leave a spare class that no text unit maps to.
    for (const unit of alphabet) if (classOf[unit] === 0) classOf[unit] = classCount++;
    const unitOf = new Uint16Array(classCount);
    for (const unit of alphabet) unitOf[classOf[unit]!] = unit;
    classCount += classCount & 1;
    this.classOf = classOf;
    this.classCount = classCount;
    this.unitOf = unitOf;

    const patternLength = new Int32Array(patterns.length);
    let maxLength = 0;
    // `inOrder` only spares the sort when compileTerms already sorted: the mutants below that sort more often are equivalent.
    // Stryker disable next-line BooleanLiteral: equivalent — always sorting gives the same order.
    let inOrder = true;
    for (let id = 0; id < patterns.length; id++) {
      const length = patterns[id]!.length;
      patternLength[id] = length;
      // Stryker disable next-line EqualityOperator: equivalent — an equal length leaves the maximum as it is.
      if (length > maxLength) maxLength = length;
      // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: equivalent — these only sort patterns already in order (comparing with undefined at id 0 is false).
      if (id > 0 && patterns[id - 1]! > patterns[id]!) inOrder = false;
    }
    this.patternLength = patternLength;
    this.maxLength = maxLength;
    const ids = new Int32Array(patterns.length);
    // Stryker disable next-line EqualityOperator: equivalent — a typed array ignores a write past its end.
    for (let id = 0; id < ids.length; id++) ids[id] = id;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent — `true` sorts sorted patterns; the comparator's other mutants differ only on equal patterns or on `a < b`, which V8's typed-array merge sort never asks.
    if (!inOrder) ids.sort((a, b) => (patterns[a]! < patterns[b]! ? -1 : patterns[a]! > patterns[b]! ? 1 : 0));
    this.ids = ids;
    this.sorted = inOrder ? patterns : Array.from(ids, (id) => patterns[id]!);

    // Stryker disable next-line ArithmeticOperator: equivalent — the first size only decides when addState first grows the table.
    this.delta = new Int32Array((INITIAL_STATES + 1) * classCount);
    this.rootOffset = this.addState(0, patterns.length, 0, 0, 0);
  }

  /** Trie states created so far (the root included): the ones the text has reached, and their failure links. */
  get stateCount(): number {
    return this.count;
  }

  /** Resolves `delta[offset + cls]` (offset: a row offset) and returns its encoded value; may replace `delta`. */
  resolve(offset: number, cls: number): number {
    this.target(offset / this.classCount - 1, cls);
    return this.delta[offset + cls]!;
  }

  /** Patterns ending at the state with this row offset (its own, then through failure links). */
  outputs(offset: number): Int32Array {
    const state = offset / this.classCount - 1;
    const index = this.outputIndex[state]!;
    // Stryker disable next-line ConditionalExpression: equivalent — a memo: the list is found again the same.
    if (index > 0) return this.outputLists[index - 1]!;
    const found: number[] = [];
    for (let s = state; s !== 0; s = this.failOf(s)) {
      const id = this.own(s);
      if (id >= 0) found.push(id);
    }
    const list = Int32Array.from(found);
    this.outputLists.push(list);
    this.outputIndex[state] = this.outputLists.length;
    return list;
  }

  private offsetOf(state: number): number {
    return (state + 1) * this.classCount;
  }

  /** The pattern spelled exactly by `state` (never the root), or -1: in its range, it sorts first. */
  private own(state: number): number {
    const first = this.lo[state]!;
    return this.sorted[first]!.length === this.depth[state]! ? this.ids[first]! : -1;
  }

  private addState(lo: number, hi: number, depth: number, parent: number, cls: number): number {
    const state = this.count++;
    if (state >= this.lo.length) this.grow();
    this.lo[state] = lo;
    this.hi[state] = hi;
    this.depth[state] = depth;
    this.parent[state] = parent;
    this.classIn[state] = cls;
    const end = (state + 2) * this.classCount;
    // Stryker disable next-line EqualityOperator: equivalent — growing one row early changes no answer.
    if (end > this.delta.length) {
      // Stryker disable next-line MethodExpression,ArithmeticOperator: equivalent — growing by just the row needed only copies more often.
      const delta = new Int32Array(Math.max(end, this.delta.length * 2));
      delta.set(this.delta);
      this.delta = delta;
    }
    return this.offsetOf(state);
  }

  private grow(): void {
    const size = this.lo.length * 2;
    const larger = <T extends Int32Array | Uint16Array | Int8Array>(array: T, make: (n: number) => T): T => {
      const copy = make(size);
      copy.set(array);
      return copy;
    };
    this.lo = larger(this.lo, (n) => new Int32Array(n));
    this.hi = larger(this.hi, (n) => new Int32Array(n));
    this.depth = larger(this.depth, (n) => new Int32Array(n));
    this.parent = larger(this.parent, (n) => new Int32Array(n));
    this.classIn = larger(this.classIn, (n) => new Uint16Array(n));
    this.fail = larger(this.fail, (n) => new Int32Array(n));
    this.outputFlag = larger(this.outputFlag, (n) => new Int8Array(n));
    this.outputIndex = larger(this.outputIndex, (n) => new Int32Array(n));
  }

  /** The trie child of `state` on `cls` (created on first need), or -1: the patterns of its range with that unit next. */
  private child(state: number, cls: number): number {
    if (cls === 0) return -1;
    const unit = this.unitOf[cls]!;
    const sorted = this.sorted;
    const depth = this.depth[state]!;
    const hi = this.hi[state]!;
    let a = this.lo[state]!;
    let b = hi;
    // The pattern that ends at this depth (if any) sorts first: it reads as below every unit.
    while (a < b) {
      const mid = (a + b) >>> 1;
      const pattern = sorted[mid]!;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent — past its end charCodeAt is NaN, which fails `>= unit` too; the check keeps the loop on integers.
      if (pattern.length > depth && pattern.charCodeAt(depth) >= unit) b = mid;
      else a = mid + 1;
    }
    const start = a;
    if (start >= hi || sorted[start]!.charCodeAt(depth) !== unit) return -1;
    b = hi;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (sorted[mid]!.charCodeAt(depth) > unit) b = mid;
      else a = mid + 1;
    }
    return this.addState(start, a, depth + 1, state, cls) / this.classCount - 1;
  }

  /** Next state from `state` on class `cls`: the trie edge, else the failure link's. Memoised in the state's row. */
  private target(state: number, cls: number): number {
    const slot = this.offsetOf(state) + cls;
    const known = this.delta[slot]!;
    // Stryker disable next-line EqualityOperator: `known <= 0` is equivalent (known is not 0 here); `known === 0` fails every walk.
    if (known !== 0) return (known < 0 ? ~known : known) / this.classCount - 1;
    const child = this.child(state, cls);
    // Stryker disable next-line EqualityOperator: equivalent — a child is never the root, state 0.
    const next = child >= 0 ? child : state === 0 ? 0 : this.target(this.failOf(state), cls);
    // Computed before `this.delta` is read: finding the output may add states and replace the table.
    const encoded = this.hasOutput(next) ? ~this.offsetOf(next) : this.offsetOf(next);
    this.delta[slot] = encoded;
    return next;
  }

  private failOf(state: number): number {
    let link = this.fail[state]! - 1;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent — a memo: the link is found again the same, through resolved transitions.
    if (link < 0) {
      const up = this.parent[state]!;
      link = up === 0 ? 0 : this.target(this.failOf(up), this.classIn[state]!);
      this.fail[state] = link + 1;
    }
    return link;
  }

  private hasOutput(state: number): boolean {
    if (state === 0) return false;
    let flag = this.outputFlag[state]!;
    // Stryker disable next-line ConditionalExpression: equivalent — a memo: the flag is found again the same.
    if (flag === 0) {
      flag = this.own(state) >= 0 || this.hasOutput(this.failOf(state)) ? 2 : 1;
      this.outputFlag[state] = flag;
    }
    return flag === 2;
  }
}

/** Every code unit of the patterns, once each, in order of first use (numbers: lone surrogates would not survive messaging as text). */
export function alphabetOf(patterns: readonly string[]): number[] {
  const seen = new Uint8Array(65536);
  const units: number[] = [];
  for (const pattern of patterns) {
    // Stryker disable next-line EqualityOperator: equivalent — the unit past the end is NaN, and seen[NaN] is not 0.
    for (let i = 0; i < pattern.length; i++) {
      const unit = pattern.charCodeAt(i);
      if (seen[unit] === 0) {
        seen[unit] = 1;
        units.push(unit);
      }
    }
  }
  return units;
}
