/**
 * Lookups over stored tables laid out as strings and typed arrays (the search snapshot's prefilter and
 * exact names): a woken worker searches them as they come out of IndexedDB instead of building Maps.
 */

/** The index of `wanted` in a sorted list of `count` strings read through `at`, or -1. */
export function binarySearch(count: number, at: (index: number) => string, wanted: string): number {
  let low = 0;
  let high = count - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = at(middle);
    if (found === wanted) return middle;
    if (found < wanted) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** Whether run starts fit a part `length` long cut in `runs` runs: from 0 to `length`, never going back. */
export function fitsRuns(starts: Int32Array, runs: number, length: number): boolean {
  if (runs < 0 || starts.length !== runs + 1 || starts[0] !== 0 || starts[runs] !== length) return false;
  for (let i = 0; i < runs; i++) if (starts[i]! > starts[i + 1]!) return false;
  return true;
}

/** Run starts for runs of these lengths (one more start than runs: the end). */
export function startsOf(lengths: readonly number[]): Int32Array {
  const starts = new Int32Array(lengths.length + 1);
  lengths.forEach((length, i) => (starts[i + 1] = starts[i]! + length));
  return starts;
}
