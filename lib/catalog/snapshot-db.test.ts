import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { immigrationTestPack } from '../../tests/support/test-pack';
import { buildSearchSnapshot, splitSnapshot, type SearchSnapshot } from './search-snapshot';
import { indexedDbSnapshots } from './snapshot-db';

const pack = immigrationTestPack();
const snapshot: SearchSnapshot = { ...buildSearchSnapshot(pack).snapshot, suggested: ['ICE'] };
const parts = splitSnapshot(snapshot);

function request<T>(made: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    made.onsuccess = () => resolve(made.result);
    made.onerror = () => reject(made.error ?? new Error('IndexedDB request failed'));
  });
}

/** Opens the database as an older or a foreign build would, running `upgrade` when it creates that version. */
async function openRaw(factory: IDBFactory, version: number, upgrade: (db: IDBDatabase) => void = () => undefined): Promise<IDBDatabase> {
  const opening = factory.open('search-snapshot', version);
  opening.onupgradeneeded = () => upgrade(opening.result);
  return request(opening);
}

async function put(db: IDBDatabase, store: string, value: unknown, key: IDBValidKey): Promise<void> {
  const transaction = db.transaction(store, 'readwrite');
  transaction.objectStore(store).put(value, key);
  await new Promise<void>((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
  });
}

describe('indexedDbSnapshots (IndexedDB in memory: fake-indexeddb)', () => {
  it('gives back each part it stored, in the order asked, and nothing for another key', async () => {
    const store = indexedDbSnapshots(new IDBFactory());
    await store.write('key-1', snapshot, pack.explainers);
    const head = await store.read(Promise.resolve('key-1'));
    expect(head).toMatchObject({ version: snapshot.version, explainerCount: pack.explainers.length, suggested: ['ICE'] });
    expect(await store.records('key-1', [2, 0])).toEqual([parts.records[2], parts.records[0]]);
    const entries = await store.entries('key-1');
    expect(entries?.map((entry) => [entry.id, entry.text])).toEqual(snapshot.entries.map((entry) => [entry.id, entry.text]));
    expect(await store.terms('key-1')).toEqual(snapshot.terms);
    expect(await store.explainer('key-1', 'ice')).toMatchObject({ id: 'ice' });
    for (const read of [store.read('key-2'), store.records('key-2', [0]), store.entries('key-2'), store.terms('key-2'), store.explainer('key-2', 'ice')]) {
      expect(await read).toBeNull();
    }
  });

  it('replaces everything on the next write: no record or explainer of the last snapshot is left', async () => {
    const store = indexedDbSnapshots(new IDBFactory());
    await store.write('key-1', snapshot, pack.explainers);
    const smaller: SearchSnapshot = { ...snapshot, entries: snapshot.entries.slice(0, 1), explainerCount: 1 };
    await store.write('key-2', smaller, pack.explainers.slice(0, 1));
    expect(await store.records('key-2', [1])).toBeNull();
    expect(await store.explainer('key-2', pack.explainers[1]!.id)).toBeNull();
    expect(await store.records('key-2', [0])).toEqual([splitSnapshot(smaller).records[0]]);
  });

  it('upgrades a version 3 database: its texts store goes, its format-3 snapshot reads as missing, and a new write serves', async () => {
    const factory = new IDBFactory();
    const old = await openRaw(factory, 3, (db) => {
      for (const name of ['meta', 'explainers', 'texts']) db.createObjectStore(name);
    });
    await put(old, 'meta', 'key-1', 'key');
    await put(old, 'meta', { ...parts.head, format: 3, entries: '[]' }, 'snapshot');
    await put(old, 'texts', 'an old text', 0);
    old.close();

    const store = indexedDbSnapshots(factory);
    expect(await store.read('key-1')).toBeNull();
    expect(await store.records('key-1', [0])).toBeNull();
    await store.write('key-1', snapshot, pack.explainers);
    expect(await store.read('key-1')).toMatchObject({ version: snapshot.version });

    const upgraded = await openRaw(factory, 4);
    expect([...upgraded.objectStoreNames].sort()).toEqual(['explainers', 'meta', 'records']);
    upgraded.close();
  });

  it('reads a damaged part as missing, so the caller rebuilds from the packs', async () => {
    const factory = new IDBFactory();
    const store = indexedDbSnapshots(factory);
    await store.write('key-1', snapshot, pack.explainers);
    const db = await openRaw(factory, 4);
    await put(db, 'records', { entry: 'not a record' }, 1);
    await put(db, 'meta', { joined: 'short', lengths: new Int32Array([99]) }, 'texts');
    db.close();
    expect(await store.records('key-1', [0])).toEqual([parts.records[0]]);
    expect(await store.records('key-1', [0, 1])).toBeNull();
    expect(await store.entries('key-1')).toBeNull();
    expect(await store.read('key-1')).not.toBeNull();
  });
});
