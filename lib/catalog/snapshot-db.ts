import type { MatchTerm } from '../match/types';
import type { Explainer } from '../pack-format/types';
import { readEntries, readHead, readRecord, readTerms, splitSnapshot, type EntryRecord, type SearchEntry, type SearchSnapshot, type SnapshotHead } from './search-snapshot';

/**
 * Where the search snapshot and the merged explainers are kept between service-worker wakes. Every
 * read names the key (lib/catalog/live-catalog.ts `snapshotKey`) it expects: a snapshot stored for
 * other packs reads as missing, never as an answer.
 *
 * The snapshot is kept in parts (`splitSnapshot`): `read` gives the head, `records` a few entries
 * (a first search's candidates), `entries` all of them, `terms` the term table.
 */
export interface SnapshotStore {
  /** `key` may still be computed: a wake opens the database and starts reading while it checks the packs' manifest. */
  read(key: string | PromiseLike<string>): Promise<SnapshotHead | null>;
  /** The term table, or null when the store holds none for `key` (another snapshot, or damaged). */
  terms(key: string): Promise<MatchTerm[] | null>;
  /**
   * The records of the entries at `indexes` (in that order). Null when the store holds no such
   * records for `key` (another snapshot, or one missing or damaged): the head alone cannot answer.
   */
  records(key: string, indexes: readonly number[]): Promise<EntryRecord[] | null>;
  /** Every entry with its text, or null when the store holds none for `key` (another snapshot, or a part missing or damaged). */
  entries(key: string): Promise<SearchEntry[] | null>;
  /** Replaces everything stored (snapshot and explainers) in one transaction. */
  write(key: string, snapshot: SearchSnapshot, explainers: readonly Explainer[]): Promise<void>;
  explainer(key: string, id: string): Promise<Explainer | null>;
}

const DB_NAME = 'search-snapshot';
/**
 * 2: the TEXTS store (snapshot format 2). 3: the head's entries as JSON, the term table apart (format 3;
 * same stores). 4: each entry's record (`EntryRecord`) under its index in RECORDS instead of its text in TEXTS.
 */
const DB_VERSION = 4;
const META = 'meta';
const EXPLAINERS = 'explainers';
/** Each entry's record under its index, for a first search's few candidates. */
const RECORDS = 'records';
/** Format 2 and 3's texts by index: deleted when the database is upgraded. */
const OLD_TEXTS = 'texts';

/**
 * Every text in one record, for reading them all at once: one string and the lengths cross
 * structured clone faster than 5,000 strings, and far faster than a getAll over TEXTS (~0.8 s at
 * 5,000 explainers in Chromium, against ~0.1 s).
 */
interface AllTexts {
  joined: string;
  lengths: Int32Array;
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function committed(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
  });
}

function open(factory: IDBFactory): Promise<IDBDatabase> {
  const request = factory.open(DB_NAME, DB_VERSION);
  request.onupgradeneeded = () => {
    const db = request.result;
    if (db.objectStoreNames.contains(OLD_TEXTS)) db.deleteObjectStore(OLD_TEXTS);
    for (const name of [META, EXPLAINERS, RECORDS]) if (!db.objectStoreNames.contains(name)) db.createObjectStore(name);
  };
  return done(request);
}

function textsOf(value: unknown): string[] | null {
  if (typeof value !== 'object' || value === null) return null;
  const { joined, lengths } = value as Partial<AllTexts>;
  if (typeof joined !== 'string' || !(lengths instanceof Int32Array)) return null;
  const texts: string[] = [];
  let start = 0;
  for (const length of lengths) {
    if (length < 0 || start + length > joined.length) return null;
    texts.push(joined.slice(start, start + length));
    start += length;
  }
  return start === joined.length ? texts : null;
}

/**
 * The snapshot in IndexedDB: structured clone carries its typed arrays and strings as they are, where
 * storage.local would go through JSON. The key sits in its own record so checking it costs nothing.
 */
export function indexedDbSnapshots(factory: IDBFactory = indexedDB): SnapshotStore {
  let db: Promise<IDBDatabase> | null = null;
  const connection = () => (db ??= open(factory).catch((error: unknown) => {
    db = null;
    throw error;
  }));
  return {
    async read(key) {
      const transaction = (await connection()).transaction(META, 'readonly');
      const meta = transaction.objectStore(META);
      const started = performance.now();
      const [expected, storedKey, snapshot] = await Promise.all([key, done<unknown>(meta.get('key')), done<unknown>(meta.get('snapshot'))]);
      const got = performance.now();
      const head = storedKey === expected ? readHead(snapshot) : null;
      // Where a wake's read goes (IndexedDB and its structured clone, or parsing), for `npm run bench:search`.
      performance.measure('explainers:wake-read-idb', { start: started, end: got });
      performance.measure('explainers:wake-read-parse', { start: got, end: performance.now() });
      return head;
    },
    async terms(key) {
      const meta = (await connection()).transaction(META, 'readonly').objectStore(META);
      const [storedKey, terms] = await Promise.all([done<unknown>(meta.get('key')), done<unknown>(meta.get('terms'))]);
      return storedKey === key ? readTerms(terms) : null;
    },
    async records(key, indexes) {
      const transaction = (await connection()).transaction([META, RECORDS], 'readonly');
      const store = transaction.objectStore(RECORDS);
      const [stored, ...records] = await Promise.all([done<unknown>(transaction.objectStore(META).get('key')), ...indexes.map((index) => done<unknown>(store.get(index)))]);
      if (stored !== key) return null;
      const read = records.map(readRecord);
      return read.every((record) => record !== null) ? read : null;
    },
    async entries(key) {
      const meta = (await connection()).transaction(META, 'readonly').objectStore(META);
      const [stored, entries, texts] = await Promise.all(['key', 'entries', 'texts'].map((name) => done<unknown>(meta.get(name))));
      return stored === key ? readEntries(entries, textsOf(texts)) : null;
    },
    async write(key, snapshot, explainers) {
      const { head, records, entries, texts, terms } = splitSnapshot(snapshot);
      const transaction = (await connection()).transaction([META, EXPLAINERS, RECORDS], 'readwrite');
      const meta = transaction.objectStore(META);
      const store = transaction.objectStore(EXPLAINERS);
      const recordStore = transaction.objectStore(RECORDS);
      store.clear();
      recordStore.clear();
      for (const explainer of explainers) store.put(explainer, explainer.id);
      records.forEach((record, index) => recordStore.put(record, index));
      const all: AllTexts = { joined: texts.join(''), lengths: Int32Array.from(texts, (text) => text.length) };
      meta.put(all, 'texts');
      meta.put(entries, 'entries');
      meta.put(terms, 'terms');
      meta.put(head, 'snapshot');
      meta.put(key, 'key');
      await committed(transaction);
    },
    async explainer(key, id) {
      const transaction = (await connection()).transaction([META, EXPLAINERS], 'readonly');
      const [storedKey, explainer] = await Promise.all([
        done<unknown>(transaction.objectStore(META).get('key')),
        done<unknown>(transaction.objectStore(EXPLAINERS).get(id)),
      ]);
      return storedKey === key && typeof explainer === 'object' && explainer !== null ? (explainer as Explainer) : null;
    },
  };
}
