import { foldText } from './prefilter';
import { binarySearch, fitsRuns, startsOf } from './sorted-runs';

/**
 * Folded title and term spellings → the entries that have them, for "exact hits first". Built with the
 * search snapshot and stored in its head: folding every name into a Map was 14–54 ms of a woken
 * worker's catalog at 5,000 explainers (issue #14); a stored table is searched as it is.
 */
export interface ExactNames {
  /** Distinct folded names in sorting order, concatenated; name i is names[nameStarts[i]..nameStarts[i+1]]. */
  names: string;
  nameStarts: Int32Array;
  /** Name i's entry indexes, ascending: docs[docStarts[i]..docStarts[i+1]]. */
  docs: Int32Array;
  docStarts: Int32Array;
}

export function buildExactNames(entries: readonly { title: string; terms: readonly string[] }[]): ExactNames {
  const byName = new Map<string, number[]>();
  entries.forEach((entry, index) => {
    for (const name of new Set([entry.title, ...entry.terms].map(foldText))) {
      const list = byName.get(name);
      if (list) list.push(index);
      else byName.set(name, [index]);
    }
  });
  const names = [...byName.keys()].sort();
  return {
    names: names.join(''),
    nameStarts: startsOf(names.map((name) => name.length)),
    docs: Int32Array.from(names.flatMap((name) => byName.get(name)!)),
    docStarts: startsOf(names.map((name) => byName.get(name)!.length)),
  };
}

/** A stored table's shape (storage can hand back anything); its entry indexes are checked where they are read. */
export function isExactNames(value: unknown): value is ExactNames {
  if (typeof value !== 'object' || value === null) return false;
  const { names, nameStarts, docs, docStarts } = value as Partial<ExactNames>;
  if (typeof names !== 'string' || !(nameStarts instanceof Int32Array) || !(docs instanceof Int32Array) || !(docStarts instanceof Int32Array)) return false;
  const count = nameStarts.length - 1;
  return fitsRuns(nameStarts, count, names.length) && fitsRuns(docStarts, count, docs.length);
}

/** The entries (indexes below `entryCount`) whose folded title or a term spelling is `folded`. */
export function exactDocs(table: ExactNames, folded: string, entryCount: number): number[] {
  const { names, nameStarts, docs, docStarts } = table;
  const found = binarySearch(nameStarts.length - 1, (i) => names.slice(nameStarts[i], nameStarts[i + 1]), folded);
  if (found < 0) return [];
  return [...docs.subarray(docStarts[found], docStarts[found + 1])].filter((doc) => doc >= 0 && doc < entryCount);
}
