/**
 * Aho–Corasick automaton over a compact alphabet (every code unit that occurs in some pattern gets
 * its own class, everything else shares class 0), with one table lookup per character whatever
 * the number of patterns.
 *
 * The DFA is resolved lazily: building it inserts the patterns into the trie and nothing more,
 * and a transition (with the failure links it needs) is computed the first time the text takes it.
 * Content scripts build the automaton in every frame, cold; eager construction cost 13 ms there
 * for the real pack (3,592 states × 46 classes), while a page takes a few hundred transitions.
 */

/**
 * Encoding of `delta`, chosen so the hot loop needs one load and, almost always, one sign test:
 * - even and ≥ 0: resolved, the next state's offset (state × classCount), the state has no output;
 * - negative: resolved, `~offset`, the next state has output (report it);
 * - odd and > 0: not resolved yet (1, or `child × classCount + 1` for a trie edge).
 * `classCount` is kept even, so offsets are even and their complements odd-negative.
 */
const UNRESOLVED = 1;

export class Automaton {
  /** Class of each (normalised) BMP code unit. */
  readonly classOf: Uint16Array;
  readonly classCount: number;
  readonly delta: Int32Array;
  /** Length in normalised code units of each pattern. */
  readonly patternLength: Int32Array;
  readonly maxLength: number;
  private readonly parent: Int32Array;
  private readonly classIn: Uint16Array;
  /** Pattern ending exactly at each state, or -1 (patterns are distinct). */
  private readonly own: Int32Array;
  /** Failure link of each state, -1 until computed. */
  private readonly fail: Int32Array;
  /** 0 unknown, 1 no pattern ends here (own or through failure links), 2 some does. */
  private readonly outputFlag: Int8Array;
  /** Index into `outputLists` of each state's list, -1 until first asked (typed, so lookups stay cheap on big tables). */
  private readonly outputIndex: Int32Array;
  private readonly outputLists: Int32Array[] = [];

  constructor(patterns: readonly string[]) {
    const classOf = new Uint16Array(65536);
    let classCount = 1;
    for (const pattern of patterns) {
      for (let i = 0; i < pattern.length; i++) {
        const unit = pattern.charCodeAt(i);
        if (classOf[unit] === 0) classOf[unit] = classCount++;
      }
    }
    classCount += classCount & 1;
    this.classOf = classOf;
    this.classCount = classCount;

    const stateCount = trieSize(patterns);
    const delta = new Int32Array(stateCount * classCount).fill(UNRESOLVED);
    const parent = new Int32Array(stateCount);
    const classIn = new Uint16Array(stateCount);
    const own = new Int32Array(stateCount).fill(-1);
    const patternLength = new Int32Array(patterns.length);
    let states = 1;
    let maxLength = 0;
    for (let id = 0; id < patterns.length; id++) {
      const pattern = patterns[id]!;
      let state = 0;
      for (let i = 0; i < pattern.length; i++) {
        const cls = classOf[pattern.charCodeAt(i)]!;
        const slot = state * classCount + cls;
        const edge = delta[slot]!;
        let child: number;
        if (edge === UNRESOLVED) {
          child = states++;
          delta[slot] = child * classCount + 1;
          parent[child] = state;
          classIn[child] = cls;
        } else {
          child = (edge - 1) / classCount;
        }
        state = child;
      }
      own[state] = id;
      patternLength[id] = pattern.length;
      if (pattern.length > maxLength) maxLength = pattern.length;
    }
    this.delta = delta;
    this.parent = parent;
    this.classIn = classIn;
    this.own = own;
    this.fail = new Int32Array(stateCount).fill(-1);
    this.fail[0] = 0;
    this.outputFlag = new Int8Array(stateCount);
    this.outputIndex = new Int32Array(stateCount).fill(-1);
    this.patternLength = patternLength;
    this.maxLength = maxLength;
  }

  /** Resolves `delta[offset + cls]` (offset = state × classCount) and returns its encoded value. */
  resolve(offset: number, cls: number): number {
    this.target(offset / this.classCount, cls);
    return this.delta[offset + cls]!;
  }

  /** Patterns ending at the state with this offset (its own, then through failure links). */
  outputs(offset: number): Int32Array {
    const state = offset / this.classCount;
    const index = this.outputIndex[state]!;
    if (index >= 0) return this.outputLists[index]!;
    const found: number[] = [];
    for (let s = state; s !== 0; s = this.failOf(s)) {
      const id = this.own[s]!;
      if (id >= 0) found.push(id);
    }
    const list = Int32Array.from(found);
    this.outputIndex[state] = this.outputLists.length;
    this.outputLists.push(list);
    return list;
  }

  /** Next state (index) from `state` on class `cls`, resolving and recording the transition. */
  private target(state: number, cls: number): number {
    const slot = state * this.classCount + cls;
    const edge = this.delta[slot]!;
    if (!(edge > 0 && (edge & 1) === 1)) return (edge < 0 ? ~edge : edge) / this.classCount;
    const next = edge !== UNRESOLVED ? (edge - 1) / this.classCount : state === 0 ? 0 : this.target(this.failOf(state), cls);
    const offset = next * this.classCount;
    this.delta[slot] = this.hasOutput(next) ? ~offset : offset;
    return next;
  }

  private failOf(state: number): number {
    let link = this.fail[state]!;
    if (link < 0) {
      const up = this.parent[state]!;
      link = up === 0 ? 0 : this.target(this.failOf(up), this.classIn[state]!);
      this.fail[state] = link;
    }
    return link;
  }

  private hasOutput(state: number): boolean {
    if (state === 0) return false;
    let flag = this.outputFlag[state]!;
    if (flag === 0) {
      flag = this.own[state]! >= 0 || this.hasOutput(this.failOf(state)) ? 2 : 1;
      this.outputFlag[state] = flag;
    }
    return flag === 2;
  }
}

/** Number of trie states: the root plus, in sorted order, each pattern's units past its common prefix with the one before. */
function trieSize(patterns: readonly string[]): number {
  const sorted = [...patterns].sort();
  let size = 1;
  let previous = '';
  for (const pattern of sorted) {
    let common = 0;
    const limit = Math.min(previous.length, pattern.length);
    while (common < limit && previous.charCodeAt(common) === pattern.charCodeAt(common)) common++;
    size += pattern.length - common;
    previous = pattern;
  }
  return size;
}
