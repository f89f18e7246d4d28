import { storage } from 'wxt/utils/storage';
import type { Pack } from '../pack-format/types';
import { acceptPackText, type AcceptOptions } from './accept';
import { fetchPack, packUrlProblem, type FetchPackOptions } from './fetch-pack';
import type { MergeInput } from './merge';
import { parseJson } from './parse-json';
import { packProblem, storedProblem, type PackProblem } from './problem';
import { normalizePublicKey } from './verify';

/**
 * The reader's packs: the bundled one plus subscriptions (URLs) and imported files, in the order
 * the reader added them (that order matters to the merge rule, see merge.ts). Each record keeps
 * the last pack that passed the door; a failed update only records why in `lastError`.
 *
 * All writes go through one in-memory queue, so call these from one context (the background);
 * other surfaces ask it by message.
 */

export const BUNDLED_RECORD_ID = 'bundled';

type PackSource = { kind: 'bundled' } | { kind: 'file'; fileName: string } | { kind: 'url'; url: string };

export interface PackRecord {
  /** "bundled", "file:<pack id>" or "url:<url>"; stable across updates. */
  id: string;
  source: PackSource;
  enabled: boolean;
  /** Base64 Ed25519 public key every update must be signed with. */
  pinnedKey?: string;
  /** Validators from the download that produced `pack`, for conditional requests. */
  etag?: string;
  lastModified?: string;
  /** ISO time of the last refresh or import attempt. */
  lastCheck?: string;
  /** ISO time `pack` was accepted. */
  lastUpdate?: string;
  /** Why the last attempt failed (worded in the reader's language when shown); absent after a success. */
  lastError?: PackProblem;
  /** The last pack that passed the door, exactly as received. Absent for the bundled pack (it ships in the extension) and before the first success. */
  pack?: Pack;
}

export interface PacksState {
  records: PackRecord[];
}

function bundledRecord(): PackRecord {
  return { id: BUNDLED_RECORD_ID, source: { kind: 'bundled' }, enabled: true };
}

function isSource(value: unknown): value is PackSource {
  const source = value as Partial<Record<'kind' | 'url' | 'fileName', unknown>> | null;
  if (typeof source !== 'object' || source === null) return false;
  if (source.kind === 'bundled') return true;
  if (source.kind === 'file') return typeof source.fileName === 'string';
  return source.kind === 'url' && typeof source.url === 'string';
}

const optionalStrings = ['pinnedKey', 'etag', 'lastModified', 'lastCheck', 'lastUpdate'] as const;

/**
 * Stored state made whole: records that cannot be understood are dropped, missing fields get
 * defaults, and the bundled record is always present and first, so a hand-edited or partly
 * written value never breaks the extension.
 */
export function normalizePacksState(raw: unknown): PacksState {
  const list = (raw as { records?: unknown } | null)?.records;
  const records: PackRecord[] = [];
  const seen = new Set<string>();
  for (const entry of Array.isArray(list) ? list : []) {
    const value = entry as Record<string, unknown> | null;
    if (typeof value !== 'object' || value === null || typeof value.id !== 'string' || !isSource(value.source)) continue;
    if (seen.has(value.id)) continue;
    seen.add(value.id);
    const record: PackRecord = {
      id: value.id,
      source: value.source,
      enabled: typeof value.enabled === 'boolean' ? value.enabled : true,
    };
    for (const key of optionalStrings) if (typeof value[key] === 'string') record[key] = value[key];
    // Version 1 stored English text here; it is shown as it is (see storedProblem).
    const lastError = storedProblem(value.lastError);
    if (lastError) record.lastError = lastError;
    const pack = storedPack(value);
    if (pack && value.source.kind !== 'bundled') record.pack = pack;
    records.push(record);
  }
  const bundledIndex = records.findIndex((record) => record.source.kind === 'bundled');
  const bundled = bundledIndex >= 0 ? records.splice(bundledIndex, 1)[0]! : bundledRecord();
  return { records: [{ ...bundled, id: BUNDLED_RECORD_ID }, ...records.filter((r) => r.source.kind !== 'bundled')] };
}

/**
 * The stored pack: JSON text since issue #14 (Chromium converts an object to and from storage value
 * by value, ~2 s for a 2.8 MB pack on a busy machine, on every service-worker wake; a string crosses
 * whole and JSON.parse takes tens of milliseconds), or an object as older versions wrote it.
 */
function storedPack(value: Record<string, unknown>): Pack | undefined {
  if (typeof value.packJson === 'string') {
    try {
      const pack: unknown = JSON.parse(value.packJson);
      return typeof pack === 'object' && pack !== null ? (pack as Pack) : undefined;
    } catch {
      return undefined;
    }
  }
  return typeof value.pack === 'object' && value.pack !== null ? (value.pack as Pack) : undefined;
}

type StoredRecord = Omit<PackRecord, 'pack'> & { packJson?: string };

function storedState(state: PacksState): { records: StoredRecord[] } {
  return { records: state.records.map(({ pack, ...rest }) => (pack ? { ...rest, packJson: JSON.stringify(pack) } : rest)) };
}

/**
 * Version 2 of the stored shape. A later shape adds `3: (v2) => v3` to `PACKS_MIGRATIONS` and bumps
 * `version`; WXT runs the steps when the extension updates.
 *
 * 2: `lastError` is a PackProblem (a message key and its substitutions) instead of English text;
 * old text is kept as a `packErrorLegacy` problem, which shows it unchanged until the next check.
 */
export const PACKS_STORAGE_VERSION = 2;
export const PACKS_MIGRATIONS: Record<number, (old: unknown) => unknown> = {
  2: (old) => {
    const records = (old as { records?: unknown } | null)?.records;
    if (!Array.isArray(records)) return old;
    return {
      ...(old as object),
      records: records.map((entry: unknown) => {
        if (typeof entry !== 'object' || entry === null || !('lastError' in entry)) return entry;
        const { lastError, ...rest } = entry;
        const problem = storedProblem(lastError);
        return problem ? { ...rest, lastError: problem } : rest;
      }),
    };
  },
};

let packsItemCache: ReturnType<typeof definePacksItem> | undefined;

function definePacksItem() {
  return storage.defineItem<{ records: StoredRecord[] }>('local:packs', {
    version: PACKS_STORAGE_VERSION,
    fallback: { records: [bundledRecord()] },
    migrations: PACKS_MIGRATIONS,
  });
}

/**
 * Defined on first use, not when the module loads: WXT reads a versioned item's whole value (every
 * stored pack, twice) as soon as it is defined, to check its version, and a service worker woken to
 * answer a search from its snapshot must not pay that (issue #14: seconds at 5,000 explainers).
 */
function packsItem() {
  return (packsItemCache ??= definePacksItem());
}

export async function loadPacksState(): Promise<PacksState> {
  return normalizePacksState(await packsItem().getValue());
}

/**
 * What the packs are, without them: each record's source kind, whether it is on and its pack's hash.
 * Written with the packs in one storage write, so it always describes them; reading it costs a small
 * key instead of every stored pack (a woken service worker checks its search snapshot against it).
 */
export interface PacksManifest {
  records: { id: string; kind: PackSource['kind']; enabled: boolean; sha256?: string }[];
}

export function manifestOf(state: PacksState): PacksManifest {
  return {
    records: state.records.map((record) => ({
      id: record.id,
      kind: record.source.kind,
      enabled: record.enabled,
      ...(record.pack ? { sha256: record.pack.sha256 } : {}),
    })),
  };
}

const manifestItem = storage.defineItem<PacksManifest | null>('local:packsManifest', { fallback: null });

function isManifest(value: unknown): value is PacksManifest {
  const records = (value as { records?: unknown } | null)?.records;
  return (
    Array.isArray(records) &&
    records.every((record: unknown) => {
      const r = record as Partial<Record<string, unknown>> | null;
      return typeof r === 'object' && r !== null && typeof r.id === 'string' && typeof r.kind === 'string' && typeof r.enabled === 'boolean' && (r.sha256 === undefined || typeof r.sha256 === 'string');
    })
  );
}

/** The stored manifest; packs stored before it existed get one written now (reading them once). */
export async function loadPacksManifest(): Promise<PacksManifest> {
  const stored = await manifestItem.getValue();
  if (isManifest(stored)) return stored;
  return serialized(async () => {
    const manifest = manifestOf(await loadPacksState());
    await manifestItem.setValue(manifest);
    return manifest;
  });
}

/** Packs and manifest in one storage.local.set, so no reader ever sees one without the other. */
async function saveState(state: PacksState): Promise<void> {
  await storage.setItems([
    { item: packsItem(), value: storedState(state) },
    { item: manifestItem, value: manifestOf(state) },
  ]);
}

let queue: Promise<unknown> = Promise.resolve();

/** Runs read-modify-write steps one at a time so concurrent refreshes cannot lose each other's writes. */
function serialized<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

type RecordChange = (record: PackRecord) => PackRecord;

/** Applies `change` to one record (re-read inside the queue); null when the record is gone. */
function updateRecord(id: string, change: RecordChange): Promise<PackRecord | null> {
  return serialized(async () => {
    const state = await loadPacksState();
    const index = state.records.findIndex((record) => record.id === id);
    if (index < 0) return null;
    const next = change(state.records[index]!);
    state.records[index] = next;
    await saveState(state);
    return next;
  });
}

export type StoreResult = { ok: true; record: PackRecord } | { ok: false; error: PackProblem };

export interface SubscribeOptions {
  pinnedKey?: string;
}

function pinnedKeyProblem(pinnedKey: string | undefined): { key?: string; error?: PackProblem } {
  if (pinnedKey === undefined || pinnedKey.trim() === '') return {};
  const key = normalizePublicKey(pinnedKey);
  return key ? { key } : { error: packProblem('packErrorPublisherKeyInvalid') };
}

function urlRecordId(url: string): string {
  return `url:${url}`;
}

/** The URL as the browser will request it: host in lower case, default port and fragment dropped, so one pack is one subscription. */
function canonicalPackUrl(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}

/** Adds a subscription (not yet downloaded: call refreshSubscription next). */
export function subscribeToPack(url: string, options: SubscribeOptions = {}): Promise<StoreResult> {
  const problem = packUrlProblem(url.trim());
  if (problem) return Promise.resolve({ ok: false, error: problem });
  const canonical = canonicalPackUrl(url.trim());
  const pin = pinnedKeyProblem(options.pinnedKey);
  if (pin.error) return Promise.resolve({ ok: false, error: pin.error });
  return serialized(async () => {
    const state = await loadPacksState();
    const id = urlRecordId(canonical);
    if (state.records.some((record) => record.id === id)) return { ok: false, error: packProblem('packErrorAlreadySubscribed', [canonical]) };
    const record: PackRecord = { id, source: { kind: 'url', url: canonical }, enabled: true, ...(pin.key ? { pinnedKey: pin.key } : {}) };
    state.records.push(record);
    await saveState(state);
    return { ok: true, record };
  });
}

export interface RefreshOptions extends Pick<FetchPackOptions, 'fetchImpl' | 'signal' | 'timeoutMs' | 'maxBytes'> {
  now?: () => Date;
  httpAllowlist?: AcceptOptions['httpAllowlist'];
}

export type RefreshOutcome =
  | { status: 'updated' | 'not-modified'; record: PackRecord }
  | { status: 'failed'; record: PackRecord; error: PackProblem }
  | { status: 'skipped'; reason: PackProblem };

function failed(at: string, error: PackProblem): RecordChange {
  return (record) => ({ ...record, lastCheck: at, lastError: error });
}

/** Refreshes under way, by record id. */
const refreshing = new Map<string, Promise<RefreshOutcome>>();

/**
 * Downloads one URL subscription and replaces its pack only if the new one passes every check.
 * Sends If-None-Match / If-Modified-Since only when a good pack is stored, so a 304 can never
 * leave a subscription without one. A refresh asked for while one of the same subscription is under
 * way (the alarm, "Refresh all" and a row's button can meet) shares its outcome, with the first
 * one's options: two downloads racing could store the older pack last.
 */
export function refreshSubscription(id: string, options: RefreshOptions = {}): Promise<RefreshOutcome> {
  const running = refreshing.get(id);
  if (running) return running;
  const refresh = downloadAndStore(id, options).finally(() => refreshing.delete(id));
  refreshing.set(id, refresh);
  return refresh;
}

async function downloadAndStore(id: string, options: RefreshOptions): Promise<RefreshOutcome> {
  const now = options.now ?? (() => new Date());
  const record = (await loadPacksState()).records.find((r) => r.id === id);
  if (!record) return { status: 'skipped', reason: packProblem('packErrorNoPack', [id]) };
  if (record.source.kind !== 'url') return { status: 'skipped', reason: packProblem('packErrorNotSubscription', [id]) };
  const url = record.source.url;

  const download = await fetchPack(url, {
    ...(record.pack ? { etag: record.etag, lastModified: record.lastModified } : {}),
    fetchImpl: options.fetchImpl,
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    maxBytes: options.maxBytes,
  });
  const at = now().toISOString();
  const removed: RefreshOutcome = { status: 'skipped', reason: packProblem('packErrorRemovedMeanwhile', [id]) };
  const report = async (error: PackProblem): Promise<RefreshOutcome> => {
    const updated = await updateRecord(id, failed(at, error));
    return updated ? { status: 'failed', record: updated, error } : removed;
  };

  if (download.status === 'error') return report(download.error);
  if (download.status === 'not-modified') {
    const updated = await updateRecord(id, ({ lastError: _cleared, ...rest }) => ({ ...rest, lastCheck: at }));
    return updated ? { status: 'not-modified', record: updated } : removed;
  }
  const accepted = await acceptPackText(download.text, {
    pinnedKey: record.pinnedKey,
    maxBytes: options.maxBytes,
    expectedPackId: record.pack?.id,
    httpAllowlist: options.httpAllowlist,
  });
  if (!accepted.ok) return report(accepted.error);
  let updated: PackRecord | null;
  try {
    updated = await updateRecord(id, (current) => {
      // If the reader changed the pin during the download, this pack was checked against the old one.
      if (current.pinnedKey !== record.pinnedKey) {
        return { ...current, lastCheck: at, lastError: packProblem('packErrorKeyChangedDuringDownload') };
      }
      const { etag: _etag, lastModified: _lastModified, lastError: _lastError, ...rest } = current;
      return {
        ...rest,
        pack: accepted.pack,
        ...(download.etag ? { etag: download.etag } : {}),
        ...(download.lastModified ? { lastModified: download.lastModified } : {}),
        lastCheck: at,
        lastUpdate: at,
      };
    });
  } catch (error) {
    // Storage refused the write (quota): the previous pack is still the stored one; say why.
    return report(packProblem('packErrorSaveFailed', [(error as Error).message]));
  }
  if (!updated) return removed;
  return updated.lastError ? { status: 'failed', record: updated, error: updated.lastError } : { status: 'updated', record: updated };
}

/** Refreshes every enabled URL subscription, one after another (gentle on a shared machine and on publishers). */
export async function refreshAllSubscriptions(options: RefreshOptions = {}): Promise<RefreshOutcome[]> {
  const { records } = await loadPacksState();
  const outcomes: RefreshOutcome[] = [];
  for (const record of records) {
    if (record.source.kind !== 'url' || !record.enabled) continue;
    outcomes.push(await refreshSubscription(record.id, options));
  }
  return outcomes;
}

export interface ImportOptions extends SubscribeOptions {
  maxBytes?: number;
  now?: () => Date;
  httpAllowlist?: AcceptOptions['httpAllowlist'];
}

/**
 * Imports a pack file through the same door as a download. Importing a pack id already imported
 * updates that record (its pinned key still applies; on failure its last good pack stays).
 */
export async function importPackFile(text: string, fileName: string, options: ImportOptions = {}): Promise<StoreResult> {
  const pin = pinnedKeyProblem(options.pinnedKey);
  if (pin.error) return { ok: false, error: pin.error };
  const at = (options.now ?? (() => new Date()))().toISOString();
  const parsed = parseJson(text);
  const claimedId = parsed.ok ? (parsed.value as { id?: unknown } | null)?.id : undefined;

  return serialized(async () => {
    const state = await loadPacksState();
    const index = typeof claimedId === 'string' ? state.records.findIndex((record) => record.id === `file:${claimedId}`) : -1;
    const existing = index >= 0 ? state.records[index] : undefined;
    const pinnedKey = pin.key ?? existing?.pinnedKey;
    const result = await acceptPackText(text, { pinnedKey, maxBytes: options.maxBytes, httpAllowlist: options.httpAllowlist });
    if (!result.ok) {
      const error = packProblem('packErrorInFile', [fileName], result.error);
      if (existing) {
        state.records[index] = { ...existing, lastCheck: at, lastError: error };
        await saveState(state);
      }
      return { ok: false, error };
    }
    const record: PackRecord = {
      id: `file:${result.pack.id}`,
      source: { kind: 'file', fileName },
      enabled: existing?.enabled ?? true,
      ...(pinnedKey ? { pinnedKey } : {}),
      pack: result.pack,
      lastCheck: at,
      lastUpdate: at,
    };
    if (existing) state.records[index] = record;
    else state.records.push(record);
    try {
      await saveState(state);
    } catch (error) {
      return { ok: false, error: packProblem('packErrorInFile', [fileName], packProblem('packErrorImportSaveFailed', [(error as Error).message])) };
    }
    return { ok: true, record };
  });
}

/** Removes a subscription or imported pack; the bundled pack can only be disabled. */
export function removePack(id: string): Promise<{ ok: true } | { ok: false; error: PackProblem }> {
  return serialized(async () => {
    const state = await loadPacksState();
    const record = state.records.find((r) => r.id === id);
    if (!record) return { ok: false, error: packProblem('packErrorNoPack', [id]) };
    if (record.source.kind === 'bundled') return { ok: false, error: packProblem('packErrorBundledNotRemovable') };
    state.records = state.records.filter((r) => r.id !== id);
    await saveState(state);
    return { ok: true };
  });
}

export async function setPackEnabled(id: string, enabled: boolean): Promise<StoreResult> {
  const record = await updateRecord(id, (r) => ({ ...r, enabled }));
  return record ? { ok: true, record } : { ok: false, error: packProblem('packErrorNoPack', [id]) };
}

/**
 * Pins (or with undefined, unpins) the publisher key. The stored pack is not re-checked: the pin
 * applies from the next update on, and the options page shows whether the stored one matches.
 */
export async function setPinnedKey(id: string, pinnedKey: string | undefined): Promise<StoreResult> {
  const pin = pinnedKeyProblem(pinnedKey);
  if (pin.error) return { ok: false, error: pin.error };
  const record = await updateRecord(id, (r) => {
    const { pinnedKey: _old, ...rest } = r;
    return pin.key ? { ...rest, pinnedKey: pin.key } : rest;
  });
  return record ? { ok: true, record } : { ok: false, error: packProblem('packErrorNoPack', [id]) };
}

/**
 * What the catalog merges, in merge order: the bundled pack (if enabled) first, then every enabled
 * record that has a good pack, in the order the reader added them.
 */
export function mergeInputs(state: PacksState, bundledPack: Pack): MergeInput[] {
  const inputs: MergeInput[] = [];
  for (const record of state.records) {
    if (!record.enabled) continue;
    if (record.source.kind === 'bundled') inputs.push({ sourceId: record.id, pack: bundledPack });
    else if (record.pack) inputs.push({ sourceId: record.id, pack: record.pack });
  }
  return inputs;
}
