import { describe, expect, it, vi } from 'vitest';
import { buildPack } from '../../tests/support/pack-fixtures';
import { META, TODAY, explainerData, source } from '../../tests/fixtures/pack/sources';
import { spanishData, spanishSource } from '../../tests/support/es-sources';
import { compileSources } from '../../tools/pack/compiler';
import type { Explainer, Pack } from '../pack-format/types';
import { manifestOf, type PackRecord, type PacksState } from '../pack-store/store';
import { Catalog } from './catalog';
import { LiveCatalog, snapshotKey } from './live-catalog';
import { suggestedTopics } from './suggested-topics';
import type { MatchTerm } from '../match/types';
import { readEntries, readHead, readRecord, readTerms, splitSnapshot, SNAPSHOT_FORMAT, type EntryRecord, type SearchEntry, type SnapshotHead } from './search-snapshot';
import type { SnapshotStore } from './snapshot-db';

const bundled = buildPack('default', [
  { id: 'ice', terms: [{ text: 'ICE', caseSensitive: true }] },
  { id: 'sanctuary-city', title: 'Sanctuary city', terms: [{ text: 'sanctuary city' }] },
]);
const publisher = buildPack('zorblax', [
  { id: 'zorblax-accord', title: 'Zorblax Accord', terms: [{ text: 'Zorblax Accord' }] },
  { id: 'deportation', title: 'Deportation', terms: [{ text: 'deportation' }] },
]);
const republished = buildPack('zorblax', [{ id: 'quibbleton-treaty', title: 'Quibbleton Treaty', terms: [{ text: 'Quibbleton Treaty' }] }], '2');

const bundledRecord: PackRecord = { id: 'bundled', source: { kind: 'bundled' }, enabled: true };
const urlRecord = (pack: Pack): PackRecord => ({ id: 'url:https://example.org/pack.json', source: { kind: 'url', url: 'https://example.org/pack.json' }, enabled: true, pack });

/**
 * IndexedDB's behaviour in memory: values cross by structured clone, reads name the key they expect,
 * and the snapshot is kept in the same parts as lib/catalog/snapshot-db.ts keeps it: the head, the
 * term table, each entry's record on its own, and all entries as JSON with their texts apart.
 */
class MemorySnapshots implements SnapshotStore {
  key: string | null = null;
  snapshot: unknown = null;
  /** The stored term table (JSON). */
  storedTerms: unknown = null;
  termReads = 0;
  /** Entry index → its record (the store read for a first search's candidates). */
  storedRecords: unknown = null;
  /** Every entry as JSON, texts '' (read after the first search, with allTexts). */
  allEntries: unknown = null;
  allTexts: unknown = null;
  /** What each read of entries asked for: entry indexes, or 'all'. */
  entryReads: (number[] | 'all')[] = [];
  explainers = new Map<string, Explainer>();
  writes = 0;

  async read(key: string | PromiseLike<string>): Promise<SnapshotHead | null> {
    return this.key === (await key) ? readHead(structuredClone(this.snapshot)) : null;
  }

  async terms(key: string): Promise<MatchTerm[] | null> {
    this.termReads += 1;
    return this.key === key ? readTerms(structuredClone(this.storedTerms)) : null;
  }

  async records(key: string, indexes: readonly number[]): Promise<EntryRecord[] | null> {
    this.entryReads.push([...indexes]);
    const stored: unknown = structuredClone(this.storedRecords);
    if (this.key !== key || !Array.isArray(stored)) return null;
    const records = indexes.map((index) => readRecord(stored[index]));
    return records.every((record) => record !== null) ? (records as EntryRecord[]) : null;
  }

  async entries(key: string): Promise<SearchEntry[] | null> {
    this.entryReads.push('all');
    const texts: unknown = structuredClone(this.allTexts);
    if (this.key !== key || !Array.isArray(texts) || !texts.every((text) => typeof text === 'string')) return null;
    return readEntries(this.allEntries, texts);
  }

  async write(key: string, snapshot: Parameters<SnapshotStore['write']>[1], explainers: readonly Explainer[]): Promise<void> {
    this.writes += 1;
    this.key = key;
    const { head, records, entries, texts, terms } = splitSnapshot(snapshot);
    this.snapshot = structuredClone(head);
    this.storedTerms = terms;
    this.storedRecords = structuredClone(records);
    this.allEntries = entries;
    this.allTexts = [...texts];
    this.explainers = new Map(explainers.map((explainer) => [explainer.id, structuredClone(explainer)]));
  }

  async explainer(key: string, id: string): Promise<Explainer | null> {
    return this.key === key ? (this.explainers.get(id) ?? null) : null;
  }
}

/** One service-worker life: its own LiveCatalog over shared storage, with the parse paths spied on. */
function wake(storage: { state: PacksState; snapshots: MemorySnapshots; digest?: string }) {
  const loadState = vi.fn(async () => structuredClone(storage.state));
  const loadBundled = vi.fn(async () => structuredClone(bundled));
  const errors: unknown[] = [];
  const live = new LiveCatalog({
    loadBundled,
    loadState,
    snapshots: { store: storage.snapshots, loadManifest: async () => manifestOf(storage.state), bundledDigest: async () => storage.digest ?? 'digest-1' },
    onError: (error) => errors.push(error),
  });
  return { live, loadState, loadBundled, errors };
}

const titles = async (live: LiveCatalog, query: string) => (await (await live.catalog()).search(query)).map((result) => result.title);
/** Lets a read the catalog started in the background (every entry, a rebuild) finish: it takes a few tasks. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

describe('LiveCatalog with a stored search snapshot', () => {
  it('answers a woken worker from the snapshot without reading, parsing or validating a pack', async () => {
    const storage = { state: { records: [bundledRecord, urlRecord(publisher)] }, snapshots: new MemorySnapshots() };
    const first = wake(storage);
    await first.live.current();
    expect(storage.snapshots.writes).toBe(1);

    const woken = wake(storage);
    expect(await titles(woken.live, 'deportaton')).toEqual(['Deportation']);
    expect(await titles(woken.live, 'sanctuery')).toEqual(['Sanctuary city']);
    const served = await woken.live.catalog();
    expect(served).not.toBeInstanceOf(Catalog);
    // The term table is not read at the wake, only when a tab asks for it.
    expect(storage.snapshots.termReads).toBe(0);
    const built = await first.live.catalog();
    const off = [built.categories()[0]!];
    expect(served.termVersion()).toBe(built.termVersion());
    expect(served.termVersion(off)).toBe(built.termVersion(off));
    expect(served.termVersion(off)).not.toBe(served.termVersion());
    expect(await served.termTable()).toEqual(await built.termTable());
    expect((await served.termTable(off)).version).toBe(served.termVersion(off));
    expect(await served.termTable(off)).toEqual(await built.termTable(off));
    expect((await served.matcherTable()).compiled).toEqual((await built.matcherTable()).compiled);
    expect(storage.snapshots.termReads).toBe(1);
    // A card and the full page come from the one stored explainer.
    expect((await served.card('zorblax-accord'))?.title).toBe('Zorblax Accord');
    expect((await served.explainer('ice'))?.explainer.id).toBe('ice');
    expect(await served.card('nowhere')).toBeNull();
    expect(woken.loadState).not.toHaveBeenCalled();
    expect(woken.loadBundled).not.toHaveBeenCalled();
    expect(woken.errors).toEqual([]);
  });

  it('gives the same search results as the catalog built from the packs', async () => {
    const storage = { state: { records: [bundledRecord, urlRecord(publisher)] }, snapshots: new MemorySnapshots() };
    const built = await wake(storage).live.catalog();
    const woken = await wake(storage).live.catalog();
    for (const query of ['ice', 'zorb', 'accord', 'sanctuary', 'deport', 'weather report', 'fact one']) {
      expect(await woken.search(query), query).toEqual(await built.search(query));
    }
    expect(await woken.listExplainers()).toEqual(built.listExplainers());
    expect(await woken.listExplainers('es')).toEqual(built.listExplainers('es'));
  });

  it('offers a popup opened before and after a wake the same topics, those the full listing gives', async () => {
    const storage = { state: { records: [bundledRecord, urlRecord(publisher)] }, snapshots: new MemorySnapshots() };
    const built = await wake(storage).live.catalog();
    const woken = await wake(storage).live.catalog();
    expect(woken).not.toBeInstanceOf(Catalog);
    const topics = await built.suggestedTopics();
    expect(topics.length).toBeGreaterThan(0);
    expect(await woken.suggestedTopics()).toEqual(topics);
    // What the popup computed itself from every listing before it asked for the topics alone.
    expect(topics).toEqual(suggestedTopics(await built.listExplainers()));
    expect(await woken.suggestedTopics()).toEqual(suggestedTopics(await woken.listExplainers()));
  });

  it('rebuilds from the packs when they changed since the snapshot (another pack hash)', async () => {
    const storage = { state: { records: [bundledRecord, urlRecord(publisher)] }, snapshots: new MemorySnapshots() };
    await wake(storage).live.current();
    const oldKey = storage.snapshots.key;
    // Written by another context (the store) while no worker ran: only the manifest and packs say so.
    storage.state = { records: [bundledRecord, urlRecord(republished)] };
    const woken = wake(storage);
    expect(await titles(woken.live, 'quibbleton')).toEqual(['Quibbleton Treaty']);
    expect(await titles(woken.live, 'zorblax accord')).toEqual([]);
    expect(woken.loadState).toHaveBeenCalledTimes(1);
    await woken.live.current();
    expect(storage.snapshots.key).not.toBe(oldKey);
    expect(storage.snapshots.writes).toBe(2);
  });

  it('rebuilds when the bundled pack file changed (an extension update)', async () => {
    const storage = { state: { records: [bundledRecord] }, snapshots: new MemorySnapshots(), digest: 'digest-1' };
    await wake(storage).live.current();
    storage.digest = 'digest-2';
    const woken = wake(storage);
    expect(await titles(woken.live, 'sanctuary')).toEqual(['Sanctuary city']);
    expect(woken.loadBundled).toHaveBeenCalledTimes(1);
  });

  it('serves a rebuild at once after a change, and stores it for the next wake', async () => {
    const storage = { state: { records: [bundledRecord] }, snapshots: new MemorySnapshots() };
    const worker = wake(storage);
    await worker.live.current();
    storage.state = { records: [bundledRecord, urlRecord(publisher)] };
    await worker.live.rebuild();
    expect(await titles(worker.live, 'zorblax')).toEqual(['Zorblax Accord']);
    expect(storage.snapshots.key).toBe(snapshotKey(manifestOf(storage.state), 'digest-1'));
    const woken = wake(storage);
    expect(await titles(woken.live, 'zorblax')).toEqual(['Zorblax Accord']);
    expect(woken.loadState).not.toHaveBeenCalled();
  });

  type StoredHead = ReturnType<typeof splitSnapshot>['head'];
  it.each([
    ['not an object', () => 'garbage'],
    ['an older format', (head: StoredHead) => ({ ...head, format: 0 })],
    // Format 3 kept the entries in the head as JSON, and had no entry count, ids or categories.
    ['format 3, read as it was stored', (head: StoredHead) => ({ ...head, format: 3, entries: '[]', entryCount: undefined, ids: undefined, categories: undefined })],
    ['no entry count under this format\'s number', (head: StoredHead) => ({ ...head, entryCount: undefined })],
    ['fewer entries than explainers', (head: StoredHead) => ({ ...head, entryCount: head.explainerCount - 1 })],
    ['ids cut short', (head: StoredHead) => ({ ...head, ids: head.ids.slice(1) })],
    ['an id that is not a string', (head: StoredHead) => ({ ...head, ids: head.ids.map(() => 7) })],
    ['categories missing', (head: StoredHead) => ({ ...head, categories: undefined })],
    ['suggested topics not strings', (head: StoredHead) => ({ ...head, suggested: [1, 2] })],
    ['a prefilter over another number of entries', (head: StoredHead) => ({ ...head, prefilter: { ...head.prefilter, size: head.entryCount + 1 } })],
    ['postings pointing past the entries', (head: StoredHead) => ({ ...head, prefilter: { ...head.prefilter, postings: head.prefilter.postings.map(() => 0x7f) } })],
    // Format 3 kept one Int32 per posting.
    ['format 3\'s postings under this format\'s number', (head: StoredHead) => ({ ...head, prefilter: { ...head.prefilter, postings: Int32Array.from(head.prefilter.postings) } })],
    ['exact names missing', (head: StoredHead) => ({ ...head, exact: undefined })],
    ['exact name runs that do not add up', (head: StoredHead) => ({ ...head, exact: { ...head.exact, docStarts: head.exact.docStarts.slice(1) } })],
    ['a posting run cut inside a number', (head: StoredHead) => ({ ...head, prefilter: { ...head.prefilter, postings: head.prefilter.postings.map(() => 0x80) } })],
    ['word runs that do not add up', (head: StoredHead) => ({ ...head, prefilter: { ...head.prefilter, wordStarts: head.prefilter.wordStarts.slice(1) } })],
  ])('rebuilds from the packs instead of serving a corrupt snapshot: %s', async (_name, corrupt) => {
    const storage = { state: { records: [bundledRecord, urlRecord(publisher)] }, snapshots: new MemorySnapshots() };
    await wake(storage).live.current();
    expect((storage.snapshots.snapshot as StoredHead).format).toBe(SNAPSHOT_FORMAT);
    storage.snapshots.snapshot = corrupt(storage.snapshots.snapshot as StoredHead);
    const woken = wake(storage);
    expect(await titles(woken.live, 'deportaton')).toEqual(['Deportation']);
    expect((await woken.live.catalog()).size).toBe(4);
    expect(woken.loadState).toHaveBeenCalledTimes(1);
    // The rebuild stores a good snapshot again.
    await woken.live.current();
    const again = wake(storage);
    expect(await titles(again.live, 'deportaton')).toEqual(['Deportation']);
    expect(again.loadState).not.toHaveBeenCalled();
  });

  it.each([
    ['missing', () => undefined],
    ['not JSON', (terms: string) => terms.slice(1)],
    ['not a list', () => '{"terms":[]}'],
    ['a term without its explainer', (terms: string) => JSON.stringify((JSON.parse(terms) as object[]).map((term) => ({ ...term, explainerId: null })))],
  ])('serves the term table from a rebuild when the stored one is damaged: %s', async (_name, damage) => {
    const storage = { state: { records: [bundledRecord, urlRecord(publisher)] }, snapshots: new MemorySnapshots() };
    const built = await wake(storage).live.catalog();
    storage.snapshots.storedTerms = damage(storage.snapshots.storedTerms as string);
    const woken = wake(storage);
    const served = await woken.live.catalog();
    // Search needs no terms: the wake serves from the head until a tab asks for the table.
    expect(await titles(woken.live, 'deportaton')).toEqual(['Deportation']);
    expect(woken.loadState).not.toHaveBeenCalled();
    expect(await served.termTable()).toEqual(await built.termTable());
    expect((await served.matcherTable()).compiled).toEqual((await built.matcherTable()).compiled);
    expect(woken.loadState).toHaveBeenCalledTimes(1);
    // The rebuild stores a good table again.
    await woken.live.current();
    const again = wake(storage);
    expect(await (await again.live.catalog()).termTable()).toEqual(await built.termTable());
    expect(again.loadState).not.toHaveBeenCalled();
  });

  it('answers the first search from the head and its candidates\' records, then reads every entry once', async () => {
    const storage = { state: { records: [bundledRecord, urlRecord(publisher)] }, snapshots: new MemorySnapshots() };
    const built = await wake(storage).live.catalog();
    const woken = wake(storage);
    const served = await woken.live.catalog();
    expect(storage.snapshots.entryReads).toEqual([]);
    // Found only in the key facts: the head alone has no text to find it in.
    const first = served.search('fact one');
    expect(first).toBeInstanceOf(Promise);
    expect((await first).length).toBeGreaterThan(0);
    expect(await first).toEqual(await built.search('fact one'));
    const [candidates] = storage.snapshots.entryReads;
    expect(candidates).not.toBe('all');
    expect((candidates as number[]).length).toBeGreaterThan(0);

    await settle();
    expect(storage.snapshots.entryReads.filter((read) => read === 'all')).toHaveLength(1);
    // With every entry read, search answers at once and reads nothing more.
    const reads = storage.snapshots.entryReads.length;
    const later = served.search('happening');
    expect(later).not.toBeInstanceOf(Promise);
    expect(later).toEqual(await built.search('happening'));
    expect(storage.snapshots.entryReads).toHaveLength(reads);
    expect(woken.loadState).not.toHaveBeenCalled();
    expect(woken.errors).toEqual([]);
  });

  it('answers searches before every entry is read as the whole catalog does: exact names, translations, a second search', async () => {
    const translated = compileSources(
      [
        source(explainerData('tps', { title: 'Temporary Protected Status', category: 'Immigration status', summary: 'Protection from removal.', terms: [{ text: 'TPS', caseSensitive: true }] })),
        spanishSource(spanishData('tps', { title: 'Estatus de Protección Temporal', category: 'Immigration status', summary: 'Protección contra la deportación.', terms: [{ text: 'Estatus de Protección Temporal' }] })),
        source(explainerData('deportation', { title: 'Deportation', summary: 'Removal from the country.', terms: [{ text: 'deportation' }] })),
      ],
      META,
      { today: TODAY },
    );
    const storage = { state: { records: [bundledRecord, urlRecord(translated)] }, snapshots: new MemorySnapshots() };
    const built = await wake(storage).live.catalog();
    // Every entry's read never finishes: each search answers from the records it read.
    storage.snapshots.entries = () => new Promise(() => undefined);
    const served = await wake(storage).live.catalog();
    const queries = [['ICE', 'en'], ['tps', 'es'], ['estatus de proteccion', 'es'], ['estatus de proteccion', 'en'], ['deportacion', 'es'], ['deportation', 'es'], ['temporary protected', 'es'], ['sanctuery', 'en'], ['nothing at all', 'en']] as const;
    for (const [query, lang] of queries) {
      expect(await served.search(query, 10, lang), `${query} ${lang}`).toEqual(await built.search(query, 10, lang));
    }
    expect((await served.search('temporary protected', 10, 'es'))[0]?.title).toBe('Estatus de Protección Temporal');
    expect((await served.card('tps', 'es'))?.title).toBe('Estatus de Protección Temporal');
    expect(served.has('deportation')).toBe(true);
    expect(served.has('nowhere')).toBe(false);
    expect(served.size).toBe(built.size);
    expect(served.categories()).toEqual(built.categories());
  });

  it('hands a tab the unfiltered term table without waiting for every entry; a filtered one after reading them', async () => {
    const storage = { state: { records: [bundledRecord, urlRecord(publisher)] }, snapshots: new MemorySnapshots() };
    const built = await wake(storage).live.catalog();
    let release = () => undefined as void;
    let asks = 0;
    const readAll = storage.snapshots.entries.bind(storage.snapshots);
    storage.snapshots.entries = (key: string) => ((asks += 1), new Promise((resolve) => (release = () => resolve(readAll(key)))));
    const served = await wake(storage).live.catalog();
    expect((await served.matcherTable()).compiled).toEqual((await built.matcherTable()).compiled);
    expect(await served.termTable(['No such category'])).toEqual(await built.termTable(['No such category']));
    expect(served.suggestedTopics()).toEqual(built.suggestedTopics());
    expect(asks).toBe(0);
    const off = [built.categories()[0]!];
    let filtered: unknown = null;
    const asked = Promise.resolve(served.termTable(off)).then((table) => (filtered = table));
    await settle();
    expect(filtered).toBeNull();
    expect(asks).toBe(1);
    release();
    await asked;
    expect(filtered).toEqual(await built.termTable(off));
    expect((await served.matcherTable(off)).compiled).toEqual((await built.matcherTable(off)).compiled);
  });

  it.each([
    ['a candidate\'s record missing', (snapshots: MemorySnapshots) => (snapshots.storedRecords = [])],
    ['a candidate\'s entry without its text', (snapshots: MemorySnapshots) => (snapshots.storedRecords = (snapshots.storedRecords as EntryRecord[]).map((record) => ({ ...record, entry: { ...record.entry, text: 42 } })))],
    ['a translation that is not an entry', (snapshots: MemorySnapshots) => (snapshots.storedRecords = (snapshots.storedRecords as EntryRecord[]).map((record) => ({ ...record, translations: [[1, null]] })))],
    ['the records not there at all', (snapshots: MemorySnapshots) => (snapshots.storedRecords = 'garbage')],
  ])('rebuilds from the packs when the stored records are damaged: %s', async (_name, damage) => {
    const storage = { state: { records: [bundledRecord, urlRecord(publisher)] }, snapshots: new MemorySnapshots() };
    const built = await wake(storage).live.catalog();
    damage(storage.snapshots);
    const woken = wake(storage);
    expect(await (await woken.live.catalog()).search('fact one')).toEqual(await built.search('fact one'));
    expect(woken.loadState).toHaveBeenCalledTimes(1);
    // The rebuild serves and stores a good snapshot again.
    await woken.live.current();
    expect(await woken.live.catalog()).toBeInstanceOf(Catalog);
    expect(storage.snapshots.writes).toBe(2);
    const again = wake(storage);
    expect(await (await again.live.catalog()).search('fact one')).toEqual(await built.search('fact one'));
    expect(again.loadState).not.toHaveBeenCalled();
  });

  it.each([
    ['a text missing', (snapshots: MemorySnapshots) => (snapshots.allTexts = (snapshots.allTexts as string[]).slice(1))],
    ['the entries not JSON', (snapshots: MemorySnapshots) => (snapshots.allEntries = (snapshots.allEntries as string).slice(1))],
    ['an entry without its title', (snapshots: MemorySnapshots) => (snapshots.allEntries = JSON.stringify((JSON.parse(snapshots.allEntries as string) as object[]).map((entry) => ({ ...entry, title: null }))))],
    // Found by the check of every posting after the first answer, not by the first search.
    ['a posting out of range that the first search does not meet', (snapshots: MemorySnapshots) => {
      const head = snapshots.snapshot as SnapshotHead;
      const postings = head.prefilter.postings.slice();
      postings[postings.length - 1] = 0x7f;
      snapshots.snapshot = { ...head, prefilter: { ...head.prefilter, postings } };
    }],
  ])('rebuilds from the packs when every entry\'s part is damaged, after answering from the candidates\' records: %s', async (_name, damage) => {
    const storage = { state: { records: [bundledRecord, urlRecord(publisher)] }, snapshots: new MemorySnapshots() };
    const built = await wake(storage).live.catalog();
    damage(storage.snapshots);
    const woken = wake(storage);
    expect(await (await woken.live.catalog()).search('fact one')).toEqual(await built.search('fact one'));
    await settle();
    await woken.live.current();
    expect(woken.loadState).toHaveBeenCalledTimes(1);
    expect(await woken.live.catalog()).toBeInstanceOf(Catalog);
    expect(await (await woken.live.catalog()).search('happening')).toEqual(await built.search('happening'));
    expect(storage.snapshots.writes).toBe(2);
    expect((storage.snapshots.allTexts as string[]).length).toBe((storage.snapshots.storedRecords as EntryRecord[]).length);
  });

  it('falls back to the packs for a card whose explainer the store no longer has', async () => {
    const storage = { state: { records: [bundledRecord, urlRecord(publisher)] }, snapshots: new MemorySnapshots() };
    await wake(storage).live.current();
    const woken = wake(storage);
    const served = await woken.live.catalog();
    storage.snapshots.explainers.clear();
    expect((await served.card('deportation'))?.title).toBe('Deportation');
    expect(woken.loadState).toHaveBeenCalledTimes(1);
  });

  it('keeps serving when the store cannot be read or written', async () => {
    const broken: SnapshotStore = {
      read: async () => Promise.reject(new Error('IndexedDB unavailable')),
      terms: async () => Promise.reject(new Error('IndexedDB unavailable')),
      records: async () => Promise.reject(new Error('IndexedDB unavailable')),
      entries: async () => Promise.reject(new Error('IndexedDB unavailable')),
      write: async () => Promise.reject(new Error('quota')),
      explainer: async () => Promise.reject(new Error('IndexedDB unavailable')),
    };
    const live = new LiveCatalog({
      loadBundled: async () => bundled,
      loadState: async () => ({ records: [bundledRecord, urlRecord(publisher)] }),
      snapshots: { store: broken, loadManifest: async () => ({ records: [] }), bundledDigest: async () => 'd' },
      onError: () => undefined,
    });
    expect((await (await live.catalog()).search('deportaton')).map((result) => result.title)).toEqual(['Deportation']);
    expect((await live.current()).catalog.size).toBe(4);
  });
});
