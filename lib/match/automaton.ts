/**
 * Aho–Corasick automaton over a compact alphabet (every code unit that occurs in some pattern gets
 * its own class, everything else shares class 0), with one table lookup per character whatever
 * the number of patterns.
 *
 * Content scripts build it in every frame, cold, so building does as little as it can: the trie is
 * laid out in one pass over the sorted patterns (typed arrays, no maps), and the DFA table has a row
 * only for the states the text has reached. A transition (with the failure links it needs) is
 * computed the first time the text takes it. A full states × classes table, even unfilled, cost
 * 13–30 ms cold for the real pack (5,823 states × 46 classes) and 36 MB for 15,000 terms, while a
 * page reaches a few hundred states.
 */

/**
 * Encoding of `delta`, chosen so the hot loop needs one load and, almost always, one sign test:
 * - 0: not resolved yet (call `resolve`);
 * - positive: resolved, the next state's row offset (row × classCount), the state has no output;
 * - negative: resolved, `~offset`, the next state has output (report it).
 * Row 0 is never used, so every offset is positive; `classCount` is kept even, so offsets are even
 * and their complements odd.
 */
const INITIAL_ROWS = 64;

export class Automaton {
  /** Class of each (normalised) BMP code unit. */
  readonly classOf: Uint16Array;
  readonly classCount: number;
  /** Resolved transitions by row offset; replaced by a larger copy when rows run out (re-read it after `resolve`). */
  delta: Int32Array;
  /** Row offset of the root: where a walk starts. */
  readonly rootOffset: number;
  /** Length in normalised code units of each pattern. */
  readonly patternLength: Int32Array;
  readonly maxLength: number;
  /** Trie, by state (the root is 0). */
  private readonly parent: Int32Array;
  private readonly classIn: Uint16Array;
  /** First child and next sibling of each state; 0 = none (the root is nobody's child). */
  private readonly firstChild: Int32Array;
  private readonly nextSibling: Int32Array;
  /** 1 + the pattern ending exactly at each state, 0 for none (patterns are distinct). */
  private readonly own: Int32Array;
  /** 1 + the failure link of each state, 0 until computed. */
  private readonly fail: Int32Array;
  /** 0 unknown, 1 no pattern ends here (own or through failure links), 2 some does. */
  private readonly outputFlag: Int8Array;
  /** 1 + index into `outputLists` of each state's list, 0 until first asked. */
  private readonly outputIndex: Int32Array;
  private readonly outputLists: Int32Array[] = [];
  /** Row offset of each state, 0 for a state without a row yet. */
  private readonly rowOf: Int32Array;
  /** State of each row. */
  private stateOfRow: Int32Array;
  private rows = 1;

  constructor(patterns: readonly string[]) {
    const classOf = new Uint16Array(65536);
    let classCount = 1;
    let units = 0;
    for (const pattern of patterns) {
      units += pattern.length;
      for (let i = 0; i < pattern.length; i++) {
        const unit = pattern.charCodeAt(i);
        if (classOf[unit] === 0) classOf[unit] = classCount++;
      }
    }
    classCount += classCount & 1;
    this.classOf = classOf;
    this.classCount = classCount;

    // At most one state per pattern unit, plus the root: zeroed arrays cost next to nothing past what is used.
    const capacity = units + 1;
    const parent = new Int32Array(capacity);
    const classIn = new Uint16Array(capacity);
    const firstChild = new Int32Array(capacity);
    const nextSibling = new Int32Array(capacity);
    const own = new Int32Array(capacity);
    const patternLength = new Int32Array(patterns.length);
    // Sorted patterns share each prefix with the one before: the trie is laid out without lookups.
    const order = sortedOrder(patterns);
    const path = new Int32Array(longest(patterns) + 1);
    let states = 1;
    let previous = '';
    let maxLength = 0;
    for (let k = 0; k < order.length; k++) {
      const id = order[k]!;
      const pattern = patterns[id]!;
      let common = 0;
      const limit = Math.min(previous.length, pattern.length);
      while (common < limit && previous.charCodeAt(common) === pattern.charCodeAt(common)) common++;
      for (let depth = common; depth < pattern.length; depth++) {
        const up = path[depth]!;
        const state = states++;
        parent[state] = up;
        classIn[state] = classOf[pattern.charCodeAt(depth)]!;
        nextSibling[state] = firstChild[up]!;
        firstChild[up] = state;
        path[depth + 1] = state;
      }
      own[path[pattern.length]!] = id + 1;
      patternLength[id] = pattern.length;
      if (pattern.length > maxLength) maxLength = pattern.length;
      previous = pattern;
    }
    this.parent = parent;
    this.classIn = classIn;
    this.firstChild = firstChild;
    this.nextSibling = nextSibling;
    this.own = own;
    this.fail = new Int32Array(states);
    this.outputFlag = new Int8Array(states);
    this.outputIndex = new Int32Array(states);
    this.rowOf = new Int32Array(states);
    this.patternLength = patternLength;
    this.maxLength = maxLength;
    const rows = Math.min(INITIAL_ROWS, states + 1);
    this.delta = new Int32Array(rows * classCount);
    this.stateOfRow = new Int32Array(rows);
    this.rootOffset = this.rowFor(0);
  }

  /** Number of trie states (the root included). */
  get stateCount(): number {
    return this.rowOf.length;
  }

  /** Resolves `delta[offset + cls]` (offset: a row offset) and returns its encoded value; may replace `delta`. */
  resolve(offset: number, cls: number): number {
    const next = this.target(this.stateOfRow[offset / this.classCount]!, cls);
    const row = this.rowFor(next);
    const encoded = this.hasOutput(next) ? ~row : row;
    this.delta[offset + cls] = encoded;
    return encoded;
  }

  /** Patterns ending at the state with this row offset (its own, then through failure links). */
  outputs(offset: number): Int32Array {
    const state = this.stateOfRow[offset / this.classCount]!;
    const index = this.outputIndex[state]!;
    if (index > 0) return this.outputLists[index - 1]!;
    const found: number[] = [];
    for (let s = state; s !== 0; s = this.failOf(s)) {
      const id = this.own[s]! - 1;
      if (id >= 0) found.push(id);
    }
    const list = Int32Array.from(found);
    this.outputLists.push(list);
    this.outputIndex[state] = this.outputLists.length;
    return list;
  }

  /** The row of `state`, added (zeroed: nothing resolved) on first need. */
  private rowFor(state: number): number {
    const known = this.rowOf[state]!;
    if (known !== 0) return known;
    const row = this.rows++;
    if (row >= this.stateOfRow.length) {
      const size = this.stateOfRow.length * 2;
      const delta = new Int32Array(size * this.classCount);
      delta.set(this.delta);
      this.delta = delta;
      const states = new Int32Array(size);
      states.set(this.stateOfRow);
      this.stateOfRow = states;
    }
    this.stateOfRow[row] = state;
    const offset = row * this.classCount;
    this.rowOf[state] = offset;
    return offset;
  }

  /** The trie child of `state` on `cls`, or -1. */
  private child(state: number, cls: number): number {
    for (let c = this.firstChild[state]!; c !== 0; c = this.nextSibling[c]!) if (this.classIn[c] === cls) return c;
    return -1;
  }

  /** Next state (index) from `state` on class `cls`: the trie edge, else the failure link's. Memoised in rows. */
  private target(state: number, cls: number): number {
    const row = this.rowOf[state]!;
    if (row !== 0) {
      const known = this.delta[row + cls]!;
      if (known !== 0) return this.stateOfRow[(known < 0 ? ~known : known) / this.classCount]!;
    }
    const child = this.child(state, cls);
    return child >= 0 ? child : state === 0 ? 0 : this.target(this.failOf(state), cls);
  }

  private failOf(state: number): number {
    let link = this.fail[state]! - 1;
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
    if (flag === 0) {
      flag = this.own[state]! > 0 || this.hasOutput(this.failOf(state)) ? 2 : 1;
      this.outputFlag[state] = flag;
    }
    return flag === 2;
  }
}

function longest(patterns: readonly string[]): number {
  let max = 0;
  for (const pattern of patterns) if (pattern.length > max) max = pattern.length;
  return max;
}

/** Pattern ids in code-unit order; compiled tables arrive sorted, so usually just a check. */
function sortedOrder(patterns: readonly string[]): Int32Array {
  const order = new Int32Array(patterns.length);
  let sorted = true;
  for (let id = 0; id < patterns.length; id++) {
    order[id] = id;
    if (id > 0 && patterns[id - 1]! > patterns[id]!) sorted = false;
  }
  if (!sorted) order.sort((a, b) => (patterns[a]! < patterns[b]! ? -1 : patterns[a]! > patterns[b]! ? 1 : 0));
  return order;
}
