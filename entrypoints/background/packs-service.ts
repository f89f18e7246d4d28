import type { LiveCatalog, CatalogBuild } from '../../lib/catalog/live-catalog';
import type { PackActionResult, PackListing, PacksView } from '../../lib/messages';
import { packProblem, type PackProblem } from '../../lib/pack-store/problem';
import { clearRefreshAlarm, ensureRefreshAlarm, type AlarmsApi } from '../../lib/pack-store/schedule';
import {
  importPackFile,
  loadPacksManifest,
  refreshAllSubscriptions,
  refreshSubscription,
  removePack,
  setPackEnabled,
  subscribeToPack,
  type PackRecord,
  type RefreshOptions,
  type RefreshOutcome,
} from '../../lib/pack-store/store';

export interface PacksServiceDeps {
  live: LiveCatalog;
  /** Optional so browsers or tests without alarms still work (refresh is then on demand only). */
  alarms?: AlarmsApi;
  refreshOptions?: RefreshOptions;
}

function listing(record: PackRecord, build: CatalogBuild): PackListing {
  const pack = record.source.kind === 'bundled' ? build.bundled : record.pack;
  const source = record.source.kind === 'url' ? record.source.url : record.source.kind === 'file' ? record.source.fileName : '';
  const optional = {
    publisher: pack?.publisher,
    version: pack?.version,
    pinnedKey: record.pinnedKey,
    lastCheck: record.lastCheck,
    lastUpdate: record.lastUpdate,
    lastError: record.lastError ?? (record.source.kind === 'bundled' && !build.bundled ? packProblem('packErrorBundledLoad') : undefined),
  };
  return {
    id: record.id,
    kind: record.source.kind,
    source,
    name: pack?.name ?? source,
    explainerCount: pack?.explainers.length ?? 0,
    enabled: record.enabled,
    removable: record.source.kind !== 'bundled',
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
  };
}

export function packsView(build: CatalogBuild): PacksView {
  const names = new Map(build.state.records.map((record) => [record.id, listing(record, build).name]));
  const name = (sourceId: string) => names.get(sourceId) ?? sourceId;
  return {
    packs: build.state.records.map((record) => listing(record, build)),
    conflicts: build.conflicts.map((conflict) => ({
      explainerId: conflict.explainerId,
      kept: name(conflict.kept.sourceId),
      dropped: name(conflict.dropped.sourceId),
    })),
  };
}

/** The action result for a store call that either worked or says why not. */
function actionResult(result: { ok: true } | { ok: false; error: PackProblem }): PackActionResult {
  return result.ok ? { ok: true } : { ok: false, errors: [result.error] };
}

function outcomeError(outcome: RefreshOutcome): PackProblem | null {
  if (outcome.status === 'failed') return outcome.error;
  if (outcome.status === 'skipped') return outcome.reason;
  return null;
}

/**
 * The options page's pack actions. Every change is written by lib/pack-store/store.ts and then the
 * catalog is rebuilt at once, so the next term table or search already reflects it.
 */
export function createPacksService({ live, alarms, refreshOptions }: PacksServiceDeps) {
  /** Keeps the refresh alarm only while there is something to refresh. */
  const syncAlarm = async () => {
    if (!alarms) return;
    const { records } = await loadPacksManifest();
    if (records.some((record) => record.kind === 'url')) await ensureRefreshAlarm(alarms);
    else await clearRefreshAlarm(alarms);
  };

  const done = async (result: PackActionResult): Promise<PackActionResult> => {
    await live.rebuild();
    return result;
  };

  return {
    syncAlarm,
    async getPacks(): Promise<PacksView> {
      return packsView(await live.current());
    },
    async subscribe(url: string, pinnedKey?: string): Promise<PackActionResult> {
      const added = await subscribeToPack(url, { pinnedKey });
      if (!added.ok) return actionResult(added);
      await syncAlarm();
      // The subscription stays even if this first download fails; the list shows why and a refresh retries.
      const outcome = await refreshSubscription(added.record.id, refreshOptions);
      const error = outcomeError(outcome);
      return done(error ? { ok: false, errors: [packProblem('packErrorFirstDownload', [], error)] } : { ok: true });
    },
    async importFile(text: string, fileName: string, pinnedKey?: string): Promise<PackActionResult> {
      return done(actionResult(await importPackFile(text, fileName, { pinnedKey })));
    },
    async remove(id: string): Promise<PackActionResult> {
      const result = await removePack(id);
      await syncAlarm();
      return done(actionResult(result));
    },
    async setEnabled(id: string, enabled: boolean): Promise<PackActionResult> {
      return done(actionResult(await setPackEnabled(id, enabled)));
    },
    async refresh(id?: string): Promise<PackActionResult> {
      const outcomes = id === undefined ? await refreshAllSubscriptions(refreshOptions) : [await refreshSubscription(id, refreshOptions)];
      const errors = outcomes.map(outcomeError).filter((error): error is PackProblem => error !== null);
      return done(errors.length > 0 ? { ok: false, errors } : { ok: true });
    },
    /** The alarm's refresh: every enabled subscription, then one rebuild. */
    async refreshAll(): Promise<RefreshOutcome[]> {
      const outcomes = await refreshAllSubscriptions(refreshOptions);
      await live.rebuild();
      return outcomes;
    },
  };
}

export type PacksService = ReturnType<typeof createPacksService>;
