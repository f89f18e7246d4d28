import type { MatchTerm } from '../match/types';
import type { CardData, ExplainerView, MatcherTable, SearchResult, TermTable } from '../messages';
import type { Explainer, Pack } from '../pack-format/types';
import { mergePacks, type MergeConflict } from '../pack-store/merge';
import { mergeInputs, manifestOf, type PacksManifest, type PacksState } from '../pack-store/store';
import type { ReaderLang } from '../reader-lang';
import { CANDIDATE_LIMIT, Catalog, SearchCatalog, termVersionOf, type ExplainerListing } from './catalog';
import { exactDocs } from './exact-names';
import { foldText, Prefilter } from './prefilter';
import { searchVariants } from './query';
import type { SnapshotStore } from './snapshot-db';
import { SNAPSHOT_FORMAT, type EntryRecord, type SearchEntry, type SnapshotHead } from './search-snapshot';

/** One build of the catalog from the reader's packs. */
export interface CatalogBuild {
  catalog: Catalog;
  /** The bundled pack, or null when it failed to load (the build then serves the other packs). */
  bundled: Pack | null;
  state: PacksState;
  conflicts: MergeConflict[];
  /** Explainer id → store record id it came from. */
  origins: Record<string, string>;
}

/**
 * What the background serves from: a full catalog, or one answering search from a stored snapshot and
 * fetching each explainer when a card or page asks for it. Search may wait for the store (the stored
 * catalog's first searches read their candidates' texts).
 */
export interface ServingCatalog extends Pick<SearchCatalog, 'size' | 'has' | 'termVersion' | 'categories'> {
  /** May wait for the store: a woken worker reads every entry after its first search. */
  listExplainers(wanted?: ReaderLang): ExplainerListing[] | Promise<ExplainerListing[]>;
  suggestedTopics(): string[] | Promise<string[]>;
  /** May wait for the store: a woken worker reads the term table when a tab first asks for it, not at the wake. */
  termTable(disabledCategories?: readonly string[]): TermTable | Promise<TermTable>;
  matcherTable(disabledCategories?: readonly string[]): MatcherTable | Promise<MatcherTable>;
  search(query: string, limit?: number, wanted?: ReaderLang): SearchResult[] | Promise<SearchResult[]>;
  card(id: string, wanted?: ReaderLang): CardData | null | Promise<CardData | null>;
  explainer(id: string, wanted?: ReaderLang): ExplainerView | null | Promise<ExplainerView | null>;
}

/** The stored search snapshot and how to tell whether it still describes the packs. */
interface SnapshotDeps {
  store: SnapshotStore;
  /** The packs' manifest (store.ts), a small key read instead of the packs. */
  loadManifest(): Promise<PacksManifest>;
  /** A digest of the bundled pack file's bytes (it changes only with the extension). */
  bundledDigest(): Promise<string>;
}

export interface LiveCatalogDeps {
  /** Loads and validates the pack shipped with the extension; called once, its result kept. */
  loadBundled(): Promise<Pack>;
  loadState(): Promise<PacksState>;
  /** Without it every service-worker start rebuilds the catalog from the packs. */
  snapshots?: SnapshotDeps;
  /** Told after each successful rebuild (e.g. to tell tabs their term table changed). */
  onRebuilt?(build: CatalogBuild): void;
  onError?(error: unknown): void;
}

/**
 * Names the packs a snapshot was built from: the bundled file and every enabled pack's hash, in
 * merge order, so any change to what is merged (or to the snapshot's shape) gives another key.
 */
export function snapshotKey(manifest: PacksManifest, bundledDigest: string): string {
  const inputs = manifest.records.flatMap((record) => {
    if (!record.enabled) return [];
    if (record.kind === 'bundled') return [[record.id, `bundled:${bundledDigest}`]];
    return record.sha256 === undefined ? [] : [[record.id, record.sha256]];
  });
  return JSON.stringify([SNAPSHOT_FORMAT, inputs]);
}

/** Resolves in a later task, so whatever waits (a search message) runs first. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** What a stored catalog reads from the store, and where it turns when the store fails it. */
interface StoredParts {
  records(indexes: readonly number[]): Promise<EntryRecord[] | null>;
  entries(): Promise<SearchEntry[] | null>;
  terms(): Promise<MatchTerm[] | null>;
  explainer(id: string): Promise<Explainer | null>;
  /** The catalog to serve instead of a snapshot whose entries or terms are missing or damaged (a rebuild from the packs). */
  replace(): Promise<ServingCatalog>;
  onError(error: unknown): void;
}

/**
 * Search from the snapshot's head; cards and pages read their one explainer from the store.
 *
 * The head leaves out the entries (issue #14: they were most of its bytes). Until all of them are
 * read, which starts after the first search, a search first reads the records of the entries it may
 * score: every prefilter candidate and exact name of every spelling of the query, with the
 * translations results are titled from. It searches a SearchCatalog over the entries read so far
 * (holes elsewhere), which scores just those, so it gives the same answer as the whole catalog built
 * once every entry is read. Listings, filtered term tables and full pages wait for that.
 *
 * The head leaves out the term table too: it is read when a tab first asks for it.
 */
class StoredCatalog implements ServingCatalog {
  readonly #head: SnapshotHead;
  readonly #prefilter: Prefilter;
  readonly #parts: StoredParts;
  readonly #categories: Set<string>;
  /** Entries read so far by index, holes elsewhere; translations read for titles may lack their text. */
  readonly #entries: SearchEntry[];
  /** Entry index → 1 once its entry is read with its text. */
  readonly #filled: Uint8Array;
  /** Over the entries read so far; made again when more are read. */
  #partial: SearchCatalog | null = null;
  /** Over every entry, once all are read. */
  #whole: SearchCatalog | null = null;
  /** Makes and keeps the unfiltered term table (`#termsCatalog`). */
  #unfiltered: SearchCatalog | null = null;
  #all: Promise<SearchCatalog | null> | null = null;
  #ids: Set<string> | null = null;
  #replaced: Promise<ServingCatalog> | null = null;
  #terms: Promise<MatchTerm[] | null> | null = null;
  readonly #listings = new Map<ReaderLang, ExplainerListing[]>();

  constructor(head: SnapshotHead, parts: StoredParts) {
    const started = performance.now();
    this.#prefilter = Prefilter.fromData(head.prefilter);
    const loaded = performance.now();
    this.#head = head;
    this.#parts = parts;
    this.#categories = new Set(head.categories);
    // A holey array: a SearchCatalog over it indexes only the entries read.
    this.#entries = new Array<SearchEntry>(head.entryCount);
    this.#filled = new Uint8Array(head.entryCount);
    // The index's two parts, for `npm run bench:search`.
    performance.measure('explainers:wake-index-prefilter', { start: started, end: loaded });
    performance.measure('explainers:wake-index-catalog', { start: loaded, end: performance.now() });
  }

  get size(): number {
    return this.#head.explainerCount;
  }

  has(id: string): boolean {
    return (this.#ids ??= new Set(this.#head.ids)).has(id);
  }

  termVersion(disabledCategories?: readonly string[]): string {
    return termVersionOf(this.#head.version, this.#categories, disabledCategories);
  }

  async termTable(disabledCategories?: readonly string[]): Promise<TermTable> {
    const [terms, catalog] = await Promise.all([this.#readTerms(), this.#termsCatalog(disabledCategories)]);
    if (terms && catalog) return catalog.termTable(disabledCategories, terms);
    return (await this.#replacement()).termTable(disabledCategories);
  }

  async matcherTable(disabledCategories?: readonly string[]): Promise<MatcherTable> {
    const [terms, catalog] = await Promise.all([this.#readTerms(), this.#termsCatalog(disabledCategories)]);
    if (terms && catalog) return catalog.matcherTable(disabledCategories, terms);
    return (await this.#replacement()).matcherTable(disabledCategories);
  }

  /**
   * What makes the term table: with nothing to hide, one that knows no entries (a tab loading after a
   * wake need not wait for every entry to be read); to hide disabled categories' terms, every entry.
   */
  #termsCatalog(disabledCategories?: readonly string[]): SearchCatalog | Promise<SearchCatalog | null> {
    if (this.termVersion(disabledCategories) !== this.#head.version) return this.#readAll();
    return (this.#unfiltered ??= new SearchCatalog({ ...this.#head, entries: [] }, this.#prefilter));
  }

  /** Read once: a missing or damaged table sends every later ask to the rebuild (`#replacement`). */
  #readTerms(): Promise<MatchTerm[] | null> {
    return (this.#terms ??= this.#parts.terms().catch((error: unknown) => (this.#parts.onError(error), null)));
  }

  /** The rebuild serving instead of a snapshot whose entries or terms are missing or damaged. */
  async #replacement(): Promise<ServingCatalog> {
    const replaced = await this.#replace();
    if (replaced === this) throw new Error('The stored search snapshot is damaged and the packs could not be rebuilt');
    return replaced;
  }

  categories(): string[] {
    return [...this.#categories];
  }

  /** From the head: the popup offers them as it opens, often right after a wake. */
  suggestedTopics(): string[] {
    return [...this.#head.suggested];
  }

  /** Kept per language: the explainer page's index and the options page ask for it, and sorting 5,000 titles is not free. */
  async listExplainers(wanted: ReaderLang = 'en'): Promise<ExplainerListing[]> {
    const whole = await this.#readAll();
    if (!whole) return (await this.#replacement()).listExplainers(wanted);
    let listing = this.#listings.get(wanted);
    if (!listing) {
      listing = whole.listExplainers(wanted);
      this.#listings.set(wanted, listing);
    }
    return listing;
  }

  search(query: string, limit?: number, wanted?: ReaderLang): SearchResult[] | Promise<SearchResult[]> {
    if (this.#whole) return this.#whole.search(query, limit, wanted);
    return this.#searchReading(query, limit, wanted);
  }

  async #searchReading(query: string, limit?: number, wanted?: ReaderLang): Promise<SearchResult[]> {
    const missing = new Set<number>();
    const { exact, entryCount } = this.#head;
    for (const variant of searchVariants(query)) {
      for (const { doc } of this.#prefilter.candidates(variant, CANDIDATE_LIMIT).hits) if (this.#filled[doc] === 0) missing.add(doc);
      for (const doc of exactDocs(exact, foldText(variant), entryCount)) if (this.#filled[doc] === 0) missing.add(doc);
    }
    // A posting out of range: the stored prefilter is damaged, so the rebuild answers (as for damaged entries).
    if (this.#prefilter.damaged) return this.#searchReplaced(query, limit, wanted);
    const indexes = [...missing];
    const started = performance.now();
    const records = indexes.length === 0 ? [] : await this.#parts.records(indexes).catch((error: unknown) => (this.#parts.onError(error), null));
    // The first search's read, for `npm run bench:search` beside the wake's own measures.
    if (this.#all === null) performance.measure('explainers:wake-texts', { start: started, end: performance.now() });
    if (records === null || records.length !== indexes.length) return this.#searchReplaced(query, limit, wanted);
    indexes.forEach((index, i) => this.#fill(index, records[i]!));
    // The rest is read once a reader searches, not on every wake (most wakes only hand out the term table).
    void this.#readAll();
    // Every entry may have been read meanwhile.
    return (this.#whole ?? this.#partialCatalog(indexes.length > 0)).search(query, limit, wanted);
  }

  async #searchReplaced(query: string, limit?: number, wanted?: ReaderLang): Promise<SearchResult[]> {
    const replaced = await this.#replace();
    // The rebuild failed too (#serving fell back to this catalog): the entries read so far still answer.
    return replaced === this ? this.#partialCatalog(false).search(query, limit, wanted) : replaced.search(query, limit, wanted);
  }

  #fill(index: number, { entry, translations }: EntryRecord): void {
    if (index >= this.#entries.length) return;
    this.#entries[index] = entry;
    this.#filled[index] = 1;
    for (const [at, translation] of translations) if (at < this.#entries.length && this.#entries[at] === undefined) this.#entries[at] = translation;
  }

  #partialCatalog(changed: boolean): SearchCatalog {
    if (changed || !this.#partial) this.#partial = new SearchCatalog({ ...this.#head, entries: this.#entries }, this.#prefilter);
    return this.#partial;
  }

  /** Every entry, read once; null (and the rebuild started) when they are missing or damaged. */
  #readAll(): Promise<SearchCatalog | null> {
    return (this.#all ??= this.#readWhole().catch((error: unknown) => {
      this.#parts.onError(error);
      void this.#replace();
      return null;
    }));
  }

  /**
   * Checking and indexing every entry, each step in a task of its own: at 10,000 explainers they block
   * the worker for tens of ms each, and a keystroke's search arriving meanwhile answers between them
   * from the entries read so far.
   */
  async #readWhole(): Promise<SearchCatalog | null> {
    const started = performance.now();
    const entries = await this.#parts.entries();
    // When the whole read lands and what it costs, for `npm run bench:search`.
    performance.measure('explainers:entries-read', { start: started, end: performance.now() });
    await nextTask();
    // The postings the wake did not check (Prefilter.fromData checks only the shape), off the first answer's path.
    if (entries === null || entries.length !== this.#head.entryCount || !this.#prefilter.verify()) {
      void this.#replace();
      return null;
    }
    await nextTask();
    const indexing = performance.now();
    this.#whole = new SearchCatalog({ ...this.#head, entries }, this.#prefilter);
    performance.measure('explainers:entries-index', { start: indexing, end: performance.now() });
    return this.#whole;
  }

  #replace(): Promise<ServingCatalog> {
    return (this.#replaced ??= this.#parts.replace());
  }

  async card(id: string, wanted: ReaderLang = 'en'): Promise<CardData | null> {
    if (!this.has(id)) return null;
    const found = await this.#parts.explainer(id);
    return found ? (this.#whole ?? this.#partialCatalog(false)).cardOf(found, wanted) : null;
  }

  /** Waits for every entry: the page lists related explainers by their titles. */
  async explainer(id: string, wanted: ReaderLang = 'en'): Promise<ExplainerView | null> {
    if (!this.has(id)) return null;
    const [found, whole] = await Promise.all([this.#parts.explainer(id), this.#readAll()]);
    if (!whole) return (await this.#replacement()).explainer(id, wanted);
    return found ? whole.viewOf(found, wanted) : null;
  }
}

/**
 * The catalog the background serves: the bundled pack and every enabled pack the reader added,
 * merged by the rule in lib/pack-store/merge.ts. Rebuilt whenever the stored packs change; readers of
 * `catalog()` get the newest finished build, never a half-built one.
 *
 * A service worker wakes often and is stopped after 30 s idle. With `snapshots`, a wake reads the
 * search snapshot stored at the last rebuild (if its key still matches the packs) and serves from it;
 * the packs themselves are parsed, merged and indexed only when something needs them (`current()`:
 * the options page) or the snapshot is missing, stale or unreadable.
 */
export class LiveCatalog {
  readonly #deps: LiveCatalogDeps;
  #bundled: Promise<Pack | null> | null = null;
  #build: Promise<CatalogBuild> | null = null;
  #serving: Promise<ServingCatalog>;
  #generation = 0;
  /** Rebuilds asked for (packs changed): after one, a snapshot read at the wake may be older than the packs. */
  #rebuilds = 0;
  /** The key of the snapshot in the store, when this worker knows it (read or written). */
  #storedKey: string | null = null;

  constructor(deps: LiveCatalogDeps) {
    this.#deps = deps;
    this.#serving = this.#wake();
  }

  async #wake(): Promise<ServingCatalog> {
    const snapshots = this.#deps.snapshots;
    if (snapshots) {
      const rebuilds = this.#rebuilds;
      try {
        const started = performance.now();
        let keyed = started;
        const keying = Promise.all([snapshots.loadManifest(), snapshots.bundledDigest()]).then((parts) => {
          keyed = performance.now();
          return snapshotKey(...parts);
        });
        // Read while the key is worked out (issue #14: the two in turn were ~20 ms of a wake).
        const snapshot = await snapshots.store.read(keying);
        const key = await keying;
        const read = performance.now();
        // A rebuild started meanwhile serves newer packs than the snapshot describes.
        if (snapshot && rebuilds === this.#rebuilds) {
          const served = new StoredCatalog(snapshot, {
            records: (indexes) => snapshots.store.records(key, indexes),
            entries: () => snapshots.store.entries(key),
            terms: () => snapshots.store.terms(key),
            explainer: async (id) => {
              const stored = await snapshots.store.explainer(key, id).catch((error: unknown) => (this.#deps.onError?.(error), null));
              // Gone from the store (replaced by newer packs): the full build has it, or rightly has not.
              return stored ?? (await this.current()).catalog.explainerById(id) ?? null;
            },
            replace: () => this.#replaceSnapshot(),
            onError: (error) => this.#deps.onError?.(error),
          });
          this.#storedKey = key;
          // Where a wake's time goes, for `npm run bench:search` (the worker's performance timeline).
          performance.measure('explainers:wake-key', { start: started, end: keyed });
          performance.measure('explainers:wake-read', { start: started, end: read });
          performance.measure('explainers:wake-index', { start: read, end: performance.now() });
          return served;
        }
      } catch (error) {
        // An unreadable snapshot costs a rebuild, never a wrong answer.
        this.#deps.onError?.(error);
      }
    }
    if (this.#build !== null) return (await this.#build).catalog;
    const started = this.#start(this.#deps.loadState());
    this.#build = started.build;
    // Serve as soon as the catalog is built; storing its snapshot for the next wake need not delay the first answer.
    return started.catalog;
  }

  #bundledPack(): Promise<Pack | null> {
    return (this.#bundled ??= this.#deps.loadBundled().catch((error: unknown) => {
      // A broken bundled pack must not take the reader's own packs down with it.
      this.#deps.onError?.(error);
      return null;
    }));
  }

  /** Resolves with the build as soon as it can serve; `stored` once its snapshot is written (or not). */
  async #make(statePromise: Promise<PacksState>, generation: number): Promise<{ build: CatalogBuild; stored: Promise<void> }> {
    const [state, bundled] = await Promise.all([statePromise, this.#bundledPack()]);
    const inputs = mergeInputs(
      bundled ? state : { records: state.records.filter((record) => record.source.kind !== 'bundled') },
      bundled ?? (undefined as unknown as Pack),
    );
    // The usual case, the bundled pack alone, needs no merge: skip re-indexing and re-hashing it on every service-worker start.
    const merged =
      inputs.length === 1
        ? { pack: inputs[0]!.pack, conflicts: [], origins: Object.fromEntries(inputs[0]!.pack.explainers.map((e) => [e.id, inputs[0]!.sourceId])) }
        : await mergePacks(inputs);
    const build: CatalogBuild = {
      catalog: new Catalog(merged.pack),
      bundled,
      state,
      conflicts: merged.conflicts,
      origins: merged.origins,
    };
    if (generation !== this.#generation) return { build, stored: Promise.resolve() };
    this.#deps.onRebuilt?.(build);
    // Not from a build without the bundled pack: its key would promise the bundled explainers.
    return { build, stored: bundled ? this.#store(build, merged.pack) : Promise.resolve() };
  }

  /** A build and its serving catalog; the build settles once its snapshot is stored, so a worker stopped right after an import wakes to it. */
  #start(state: Promise<PacksState>): { build: Promise<CatalogBuild>; catalog: Promise<Catalog> } {
    const made = this.#make(state, ++this.#generation);
    return { build: made.then(async ({ build, stored }) => (await stored, build)), catalog: made.then(({ build }) => build.catalog) };
  }

  async #store(build: CatalogBuild, pack: Pack): Promise<void> {
    const snapshots = this.#deps.snapshots;
    if (!snapshots) return;
    try {
      const key = snapshotKey(manifestOf(build.state), await snapshots.bundledDigest());
      if (key === this.#storedKey) return;
      await snapshots.store.write(key, build.catalog.snapshot, pack.explainers);
      this.#storedKey = key;
    } catch (error) {
      // Without a stored snapshot the next wake rebuilds; serving now is unaffected.
      this.#deps.onError?.(error);
    }
  }

  /**
   * The stored snapshot's texts are missing or damaged: rebuild from the packs, store the rebuild's
   * snapshot over it, and serve the rebuild (the head keeps serving if the rebuild fails).
   */
  #replaceSnapshot(): Promise<ServingCatalog> {
    this.#storedKey = null;
    this.rebuild().catch(() => undefined);
    return this.#serving;
  }

  /** The newest full build (packs parsed and merged, for the options page); built on first use. */
  current(): Promise<CatalogBuild> {
    return (this.#build ??= this.#start(this.#deps.loadState()).build);
  }

  /** What search, cards and term tables are served from: the stored snapshot after a wake, else the newest build. */
  catalog(): Promise<ServingCatalog> {
    return this.#serving;
  }

  /** Rebuilds from `state` (or the stored state); a failed rebuild keeps the previous catalog. */
  rebuild(state?: PacksState): Promise<CatalogBuild> {
    this.#rebuilds += 1;
    const previous = this.#build;
    const previousServing = this.#serving;
    const started = this.#start(state ? Promise.resolve(state) : this.#deps.loadState());
    const next = started.build.catch(async (error: unknown) => {
      this.#deps.onError?.(error);
      if (previous) return previous;
      throw error;
    });
    this.#build = next;
    this.#serving = started.catalog.catch(() => previousServing);
    return next;
  }
}
