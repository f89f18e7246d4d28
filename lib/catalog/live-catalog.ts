import type { Pack } from '../pack-format/types';
import { mergePacks, type MergeConflict } from '../pack-store/merge';
import { mergeInputs, type PacksState } from '../pack-store/store';
import { Catalog } from './catalog';

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

export interface LiveCatalogDeps {
  /** Loads and validates the pack shipped with the extension; called once, its result kept. */
  loadBundled(): Promise<Pack>;
  loadState(): Promise<PacksState>;
  /** Told after each successful rebuild (e.g. to tell tabs their term table changed). */
  onRebuilt?(build: CatalogBuild): void;
  onError?(error: unknown): void;
}

/**
 * The catalog the background serves: the bundled pack and every enabled pack the reader added,
 * merged by the rule in lib/pack-store/merge.ts. Rebuilt whenever the stored packs change; readers of
 * `current()` get the newest finished build, never a half-built one.
 */
export class LiveCatalog {
  readonly #deps: LiveCatalogDeps;
  #bundled: Promise<Pack | null> | null = null;
  #build: Promise<CatalogBuild>;
  #generation = 0;

  constructor(deps: LiveCatalogDeps) {
    this.#deps = deps;
    this.#build = this.#make(deps.loadState(), ++this.#generation);
  }

  #bundledPack(): Promise<Pack | null> {
    return (this.#bundled ??= this.#deps.loadBundled().catch((error: unknown) => {
      // A broken bundled pack must not take the reader's own packs down with it.
      this.#deps.onError?.(error);
      return null;
    }));
  }

  async #make(statePromise: Promise<PacksState>, generation: number): Promise<CatalogBuild> {
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
    if (generation === this.#generation) this.#deps.onRebuilt?.(build);
    return build;
  }

  /** The newest build; while a rebuild runs, waits for it. */
  current(): Promise<CatalogBuild> {
    return this.#build;
  }

  async catalog(): Promise<Catalog> {
    return (await this.#build).catalog;
  }

  /** Rebuilds from `state` (or the stored state); a failed rebuild keeps the previous catalog. */
  rebuild(state?: PacksState): Promise<CatalogBuild> {
    const previous = this.#build;
    const generation = ++this.#generation;
    const next = this.#make(state ? Promise.resolve(state) : this.#deps.loadState(), generation).catch(async (error: unknown) => {
      this.#deps.onError?.(error);
      return previous;
    });
    this.#build = next;
    return next;
  }
}
