import type { Explainer } from '../pack-format/types';
import { isSearchSnapshot, type SearchSnapshot } from './search-snapshot';

/**
 * Where the search snapshot and the merged explainers are kept between service-worker wakes. Every
 * read names the key (lib/catalog/live-catalog.ts `snapshotKey`) it expects: a snapshot stored for
 * other packs reads as missing, never as an answer.
 */
export interface SnapshotStore {
  read(key: string): Promise<SearchSnapshot | null>;
  /** Replaces everything stored (snapshot and explainers) in one transaction. */
  write(key: string, snapshot: SearchSnapshot, explainers: readonly Explainer[]): Promise<void>;
  explainer(key: string, id: string): Promise<Explainer | null>;
}

const DB_NAME = 'search-snapshot';
const META = 'meta';
const EXPLAINERS = 'explainers';

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
  const request = factory.open(DB_NAME, 1);
  request.onupgradeneeded = () => {
    request.result.createObjectStore(META);
    request.result.createObjectStore(EXPLAINERS);
  };
  return done(request);
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
      const [storedKey, snapshot] = await Promise.all([done<unknown>(meta.get('key')), done<unknown>(meta.get('snapshot'))]);
      return storedKey === key && isSearchSnapshot(snapshot) ? snapshot : null;
    },
    async write(key, snapshot, explainers) {
      const transaction = (await connection()).transaction([META, EXPLAINERS], 'readwrite');
      const meta = transaction.objectStore(META);
      const store = transaction.objectStore(EXPLAINERS);
      store.clear();
      for (const explainer of explainers) store.put(explainer, explainer.id);
      meta.put(snapshot, 'snapshot');
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
