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

  // Trie with sparse children while building.
  const children: Map<number, number>[] = [new Map()];
  const own: number[][] = [[]];
  const patternLength = new Int32Array(patterns.length);
  let maxLength = 0;
  patterns.forEach((pattern, id) => {
    let state = 0;
    for (let i = 0; i < pattern.length; i++) {
      const cls = classOf[pattern.charCodeAt(i)]!;
      let next = children[state]!.get(cls);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        own.push([]);
        children[state]!.set(cls, next);
      }
      state = next;
    }
    own[state]!.push(id);
    patternLength[id] = pattern.length;
    maxLength = Math.max(maxLength, pattern.length);
  });

  const stateCount = children.length;
  const next = new Int32Array(stateCount * classCount);
  const fail = new Int32Array(stateCount);
  const outputs: number[][] = own.map((list) => list.slice());
  const queue = new Int32Array(stateCount);
  let head = 0;
  let tail = 0;
  for (const [cls, child] of children[0]!) {
    next[cls] = child;
    queue[tail++] = child;
  }
  while (head < tail) {
    const state = queue[head++]!;
    const failState = fail[state]!;
    if (outputs[failState]!.length > 0) outputs[state]!.push(...outputs[failState]!);
    const row = state * classCount;
    const failRow = failState * classCount;
    for (let cls = 0; cls < classCount; cls++) next[row + cls] = next[failRow + cls]!;
    for (const [cls, child] of children[state]!) {
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
  const delta = new Int32Array(stateCount * classCount);
  for (let i = 0; i < delta.length; i++) {
    const target = next[i]!;
    const offset = target * classCount;
    delta[i] = outputs[target]!.length > 0 ? ~offset : offset;
  }
  return { classOf, classCount, delta, outStart, outList, patternLength, maxLength };
}
