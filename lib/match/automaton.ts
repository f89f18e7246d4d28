/**
 * Aho–Corasick automaton compiled to a dense DFA over a compact alphabet: every code unit that
 * occurs in some pattern gets its own class, everything else shares class 0. One table lookup per
 * character, whatever the number of patterns.
 */

export interface Automaton {
  /** Class of each (normalised) BMP code unit. */
  classOf: Uint16Array;
  classCount: number;
  /** delta[state * classCount + class] = next state * classCount, negated-minus-one when it has output. */
  delta: Int32Array;
  /** Patterns ending at each state (own and through suffix links), CSR by state id. */
  outStart: Int32Array;
  outList: Int32Array;
  /** Length in normalised code units of each pattern. */
  patternLength: Int32Array;
  maxLength: number;
}

export function buildAutomaton(patterns: readonly string[]): Automaton {
  const classOf = new Uint16Array(65536);
  let classCount = 1;
  for (const pattern of patterns) {
    for (let i = 0; i < pattern.length; i++) {
      const unit = pattern.charCodeAt(i);
      if (classOf[unit] === 0) classOf[unit] = classCount++;
    }
  }

  // Trie as a dense table from the start (0 = no child: the root is nobody's child), sized for the
  // worst case of no shared prefixes; typed arrays keep this fast before the JIT has warmed up.
  let capacity = 1;
  for (const pattern of patterns) capacity += pattern.length;
  const trie = new Int32Array(capacity * classCount);
  const ownStart: number[] = [];
  const ownPattern: number[] = [];
  const patternLength = new Int32Array(patterns.length);
  let stateCount = 1;
  let maxLength = 0;
  patterns.forEach((pattern, id) => {
    let state = 0;
    for (let i = 0; i < pattern.length; i++) {
      const slot = state * classCount + classOf[pattern.charCodeAt(i)]!;
      let child = trie[slot]!;
      if (child === 0) {
        child = stateCount++;
        trie[slot] = child;
      }
      state = child;
    }
    ownStart.push(state);
    ownPattern.push(id);
    patternLength[id] = pattern.length;
    maxLength = Math.max(maxLength, pattern.length);
  });
  const outputs: number[][] = Array.from({ length: stateCount }, () => []);
  for (let k = 0; k < ownStart.length; k++) outputs[ownStart[k]!]!.push(ownPattern[k]!);

  const next = new Int32Array(stateCount * classCount);
  const fail = new Int32Array(stateCount);
  const queue = new Int32Array(stateCount);
  let head = 0;
  let tail = 0;
  for (let cls = 0; cls < classCount; cls++) {
    const child = trie[cls]!;
    next[cls] = child;
    if (child !== 0) queue[tail++] = child;
  }
  while (head < tail) {
    const state = queue[head++]!;
    const failState = fail[state]!;
    if (outputs[failState]!.length > 0) outputs[state]!.push(...outputs[failState]!);
    const row = state * classCount;
    const failRow = failState * classCount;
    // Native row copy: this runs before the JIT has warmed up, on every page.
    next.copyWithin(row, failRow, failRow + classCount);
    for (let cls = 0; cls < classCount; cls++) {
      const child = trie[row + cls]!;
      if (child === 0) continue;
      fail[child] = next[failRow + cls]!;
      next[row + cls] = child;
      queue[tail++] = child;
    }
  }

  const outStart = new Int32Array(stateCount + 1);
  let total = 0;
  for (let s = 0; s < stateCount; s++) {
    outStart[s] = total;
    total += outputs[s]!.length;
  }
  outStart[stateCount] = total;
  const outList = new Int32Array(total);
  for (let s = 0; s < stateCount; s++) outList.set(outputs[s]!, outStart[s]!);

  // Premultiply targets and flag states with output by encoding them as ~offset.
  const encoded = new Int32Array(stateCount);
  for (let s = 0; s < stateCount; s++) {
    const offset = s * classCount;
    encoded[s] = outStart[s + 1]! > outStart[s]! ? ~offset : offset;
  }
  const delta = new Int32Array(stateCount * classCount);
  for (let i = 0; i < delta.length; i++) delta[i] = encoded[next[i]!]!;
  return { classOf, classCount, delta, outStart, outList, patternLength, maxLength };
}
