// @vitest-environment node
// Real downloads from a server on 127.0.0.1 (Node's fetch); storage is WXT's fakeBrowser.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { storage } from 'wxt/utils/storage';
import { generateSigningKey, signPack } from '../pack-format/sign';
import type { Pack } from '../pack-format/types';
import { buildPack, rehash } from '../../tests/support/pack-fixtures';
import { startPackServer, type PackServer } from '../../tests/support/pack-server';
import {
  BUNDLED_RECORD_ID,
  importPackFile,
  loadPacksManifest,
  loadPacksState,
  mergeInputs,
  normalizePacksState,
  refreshAllSubscriptions,
  refreshSubscription,
  removePack,
  setPackEnabled,
  setPinnedKey,
  subscribeToPack,
  PACKS_MIGRATIONS,
  PACKS_STORAGE_VERSION,
  type PackRecord,
  type PacksState,
} from './store';
import { englishProblem, problemMatching } from '../../components/testing/i18n';
import type { PackProblem } from './problem';

const errorText = (problem: PackProblem | undefined) => (problem ? englishProblem(problem) : undefined);

const publisher = (await generateSigningKey()).key;
const stranger = (await generateSigningKey()).key;
const goodV1 = await signPack(buildPack('news', [{ id: 'alpha' }], '1'), publisher);
const goodV2 = await signPack(buildPack('news', [{ id: 'alpha', summary: 'Second edition.' }, { id: 'beta' }], '2'), publisher);

let server: PackServer;
/** What /news.json serves next: a body and optionally an ETag (answering 304 to it). */
let served: { body: string; etag?: string; status?: number };

beforeAll(async () => {
  server = await startPackServer();
  server.routes.set('/news.json', (req, res) => {
    if (served.etag && req.headers['if-none-match'] === served.etag) {
      res.writeHead(304, { ETag: served.etag }).end();
      return;
    }
    res.writeHead(served.status ?? 200, served.etag ? { ETag: served.etag } : {}).end(served.body);
  });
});
afterAll(() => server.close());
beforeEach(() => {
  fakeBrowser.reset();
  server.requests.length = 0;
  served = { body: JSON.stringify(goodV1) };
});

const clock = (iso: string) => () => new Date(iso);

async function recordOf(id: string): Promise<PackRecord> {
  const record = (await loadPacksState()).records.find((r) => r.id === id);
  if (!record) throw new Error(`no record ${id}`);
  return record;
}

async function subscribed(pinnedKey?: string): Promise<string> {
  const result = await subscribeToPack(server.url('/news.json'), { pinnedKey });
  if (!result.ok) throw new Error(englishProblem(result.error));
  return result.record.id;
}

describe('refreshSubscription', () => {
  it('keeps the last good pack through every kind of bad update, each with a clear lastError', async () => {
    const id = await subscribed(publisher.publicKey);
    expect(await refreshSubscription(id, { now: clock('2026-02-20T10:00:00Z') })).toMatchObject({ status: 'updated' });
    const good = await recordOf(id);
    expect(good).toMatchObject({ pack: goodV1, lastCheck: '2026-02-20T10:00:00.000Z', lastUpdate: '2026-02-20T10:00:00.000Z' });
    expect(good.lastError).toBeUndefined();

    const tampered = structuredClone(goodV2) as Pack;
    tampered.explainers[0]!.summary = 'Edited on the server after signing.';
    const tooLong = await signPack(await rehash({ ...structuredClone(goodV2), name: 'x'.repeat(10) }), publisher);
    tooLong.explainers[0]!.summary = 'y'.repeat(161);
    const oversize = JSON.stringify(goodV2);
    const badUpdates: [string, { body: string; status?: number }, RegExp, { maxBytes?: number }?][] = [
      ['corrupt JSON', { body: JSON.stringify(goodV2).slice(0, 200) }, /^not valid JSON at position 200 \(line 1, column 201\): /],
      ['server error', { body: 'down', status: 503 }, /^download: HTTP 503 Service Unavailable from http:\/\/127\.0\.0\.1:\d+\/news\.json$/],
      ['wrong hash', { body: JSON.stringify(tampered) }, /^hash mismatch: the content hashes to [0-9a-f]{64} but the pack claims [0-9a-f]{64}/],
      ['schema', { body: JSON.stringify(await signPack(await rehash(tooLong), publisher)) }, /^not a valid pack: explainers\[0\]\.summary: at most 160 characters/],
      ['unsigned update', { body: JSON.stringify({ ...goodV2, signature: undefined }) }, /^signature: the pack is not signed, but a publisher key is pinned for it$/],
      ['other signer', { body: JSON.stringify(await signPack(goodV2, stranger)) }, /^signature: signed by key .* but the pinned publisher key is/],
      ['oversize', { body: oversize }, /^size limit: the pack is larger than/, { maxBytes: oversize.length - 1 }],
      ['other pack id', { body: JSON.stringify(await signPack(buildPack('sports', [{ id: 'alpha' }]), publisher)) }, /^pack id changed from "news" to "sports"/],
    ];
    let minute = 1;
    for (const [label, next, expected, options] of badUpdates) {
      served = next;
      const at = `2026-02-20T10:${String(minute++).padStart(2, '0')}:00.000Z`;
      const outcome = await refreshSubscription(id, { now: clock(at), ...options });
      expect(outcome.status, label).toBe('failed');
      const record = await recordOf(id);
      expect(errorText(record.lastError), label).toMatch(expected);
      expect(record.lastCheck, label).toBe(at);
      expect(record.pack, `${label}: last good pack kept`).toEqual(goodV1);
      expect(record.lastUpdate, label).toBe('2026-02-20T10:00:00.000Z');
    }

    served = { body: JSON.stringify(goodV2) };
    expect(await refreshSubscription(id)).toMatchObject({ status: 'updated' });
    const recovered = await recordOf(id);
    expect(recovered.pack).toEqual(goodV2);
    expect(recovered.lastError).toBeUndefined();
  });

  it('revalidates with the stored ETag and keeps the pack on 304', async () => {
    served = { body: JSON.stringify(goodV1), etag: '"news-1"' };
    const id = await subscribed();
    await refreshSubscription(id);
    expect((await recordOf(id)).etag).toBe('"news-1"');
    served = { body: 'must not be read', status: 500 };
    served.etag = '"news-1"';
    expect(await refreshSubscription(id)).toMatchObject({ status: 'not-modified' });
    expect(server.requests.at(-1)!.headers['if-none-match']).toBe('"news-1"');
    expect((await recordOf(id)).pack).toEqual(goodV1);
  });

  it('sends no validators while it has no good pack, so a 304 cannot leave it empty', async () => {
    served = { body: '{', etag: '"broken"' };
    const id = await subscribed();
    await refreshSubscription(id);
    expect((await recordOf(id)).etag).toBeUndefined();
    served = { body: JSON.stringify(goodV1), etag: '"broken"' };
    expect(await refreshSubscription(id)).toMatchObject({ status: 'updated' });
    expect(server.requests.at(-1)!.headers['if-none-match']).toBeUndefined();
  });

  it('refreshes every enabled subscription, and parallel refreshes keep both results', async () => {
    server.routes.set('/other.json', (_req, res) => res.writeHead(200).end(JSON.stringify(goodV2)));
    const first = await subscribed();
    const second = await subscribeToPack(server.url('/other.json'));
    const disabled = await subscribeToPack(server.url('/disabled.json'));
    if (!second.ok || !disabled.ok) throw new Error('subscribe failed');
    await setPackEnabled(disabled.record.id, false);
    const outcomes = await refreshAllSubscriptions();
    expect(outcomes.map((o) => o.status)).toEqual(['updated', 'updated']);
    expect(server.requests.some((request) => request.path === '/disabled.json')).toBe(false);
    const [a, b] = await Promise.all([refreshSubscription(first), refreshSubscription(second.record.id)]);
    expect([a.status, b.status]).toEqual(['updated', 'updated']);
    expect((await recordOf(first)).pack?.version).toBe('1');
    expect((await recordOf(second.record.id)).pack?.version).toBe('2');
  });

  it('gives a refresh asked for during one of the same subscription its outcome, so an older download is never stored last', async () => {
    const id = await subscribed();
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    server.routes.set('/slow.json', (_req, res) => void held.then(() => res.writeHead(200, { ETag: '"v1"' }).end(JSON.stringify(goodV1))));
    const slow = await subscribeToPack(server.url('/slow.json'));
    if (!slow.ok) throw new Error('subscribe failed');
    const first = refreshSubscription(slow.record.id);
    const second = refreshSubscription(slow.record.id);
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(b).toEqual(a);
    expect(a).toMatchObject({ status: 'updated', record: { etag: '"v1"' } });
    expect(server.requests.filter((request) => request.path === '/slow.json')).toHaveLength(1);
    // Once it is over, the next refresh downloads again; another subscription refreshes on its own.
    expect(await refreshSubscription(slow.record.id)).toMatchObject({ status: 'updated' });
    expect(server.requests.filter((request) => request.path === '/slow.json')).toHaveLength(2);
    expect(await refreshSubscription(id)).toMatchObject({ status: 'updated' });
  });

  it('does not lose changes made at the same moment', async () => {
    const urls = ['/a.json', '/b.json', '/c.json'].map((path) => server.url(path));
    await Promise.all(urls.map((url) => subscribeToPack(url)));
    expect((await loadPacksState()).records).toHaveLength(4);
    await Promise.all(urls.map((url) => setPackEnabled(`url:${url}`, false)));
    expect((await loadPacksState()).records.map((r) => r.enabled)).toEqual([true, false, false, false]);
  });

  it('skips what is not a URL subscription', async () => {
    expect(await refreshSubscription(BUNDLED_RECORD_ID)).toMatchObject({ status: 'skipped' });
    expect(await refreshSubscription('url:nope')).toMatchObject({ status: 'skipped' });
  });
});

describe('subscribing', () => {
  it('refuses bad URLs, bad keys and duplicates', async () => {
    expect(await subscribeToPack('http://packs.example.org/p.json')).toMatchObject({ ok: false, error: problemMatching(/plain http/) });
    expect(await subscribeToPack(server.url('/news.json'), { pinnedKey: 'abc' })).toMatchObject({ ok: false, error: problemMatching(/not a base64 Ed25519 public key/) });
    await subscribed();
    expect(await subscribeToPack(server.url('/news.json'))).toMatchObject({ ok: false, error: problemMatching(/already subscribed/) });
  });

  it('takes a URL the browser requests the same way as the same subscription', async () => {
    const added = await subscribeToPack(' https://PACKS.Example.org:443/news.json#latest ');
    expect(added).toMatchObject({ ok: true, record: { id: 'url:https://packs.example.org/news.json', source: { url: 'https://packs.example.org/news.json' } } });
    for (const url of ['https://packs.example.org/news.json', 'https://packs.example.org/news.json#x', 'HTTPS://packs.EXAMPLE.org/news.json']) {
      expect(await subscribeToPack(url)).toMatchObject({ ok: false, error: problemMatching(/already subscribed/) });
    }
    expect(await subscribeToPack('https://packs.example.org/News.json')).toMatchObject({ ok: true });
  });

  it('applies a pin set later to the next update', async () => {
    const id = await subscribed();
    await refreshSubscription(id);
    expect(await setPinnedKey(id, stranger.publicKey)).toMatchObject({ ok: true });
    expect(await refreshSubscription(id)).toMatchObject({ status: 'failed', error: problemMatching(/pinned publisher key/) });
    expect(await setPinnedKey(id, undefined)).toMatchObject({ ok: true });
    expect(await refreshSubscription(id)).toMatchObject({ status: 'updated' });
  });
});

describe('loadPacksManifest', () => {
  it('describes the stored packs after every write, and is written for packs stored before it existed', async () => {
    await importPackFile(JSON.stringify(goodV1), 'news-1.json');
    expect(await loadPacksManifest()).toEqual({
      records: [
        { id: BUNDLED_RECORD_ID, kind: 'bundled', enabled: true },
        { id: 'file:news', kind: 'file', enabled: true, sha256: goodV1.sha256 },
      ],
    });
    await setPackEnabled('file:news', false);
    expect((await loadPacksManifest()).records[1]).toMatchObject({ enabled: false, sha256: goodV1.sha256 });
    // As an older version left storage: packs, no manifest.
    await browser.storage.local.remove('packsManifest');
    expect((await loadPacksManifest()).records[1]).toMatchObject({ id: 'file:news', enabled: false, sha256: goodV1.sha256 });
    expect(await browser.storage.local.get('packsManifest')).toHaveProperty('packsManifest');
  });
});

describe('importPackFile', () => {
  it('goes through the same door and keeps the last good import on a bad one', async () => {
    const imported = await importPackFile(JSON.stringify(goodV1), 'news-1.json', { pinnedKey: publisher.publicKey });
    expect(imported).toMatchObject({ ok: true, record: { id: 'file:news', source: { kind: 'file', fileName: 'news-1.json' }, pack: goodV1 } });

    const tampered = structuredClone(goodV2) as Pack;
    tampered.explainers[1]!.title = 'Swapped';
    expect(await importPackFile(JSON.stringify(tampered), 'news-2.json')).toEqual({
      ok: false,
      error: problemMatching(/^news-2\.json: hash mismatch/),
    });
    // The pin given at the first import still applies to later imports of the same pack.
    expect(await importPackFile(JSON.stringify({ ...goodV2, signature: undefined }), 'news-3.json')).toMatchObject({
      ok: false,
      error: problemMatching(/^news-3\.json: signature: the pack is not signed/),
    });
    const record = await recordOf('file:news');
    expect(record.pack).toEqual(goodV1);
    expect(errorText(record.lastError)).toMatch(/^news-3\.json: signature/);

    expect(await importPackFile(JSON.stringify(goodV2), 'news-4.json')).toMatchObject({ ok: true });
    expect(await recordOf('file:news')).toMatchObject({ pack: goodV2, source: { fileName: 'news-4.json' } });
    expect((await recordOf('file:news')).lastError).toBeUndefined();
  });

  it('refuses a file that is not JSON without storing anything', async () => {
    expect(await importPackFile('{"format": 1,,}', 'broken.json')).toEqual({
      ok: false,
      error: problemMatching('broken.json: not valid JSON at position 13 (line 1, column 14): expected a property name in double quotes, found ","'),
    });
    expect((await loadPacksState()).records).toHaveLength(1);
  });
});

describe('removing and disabling', () => {
  it('never removes the bundled pack but lets the reader turn it off', async () => {
    expect(await removePack(BUNDLED_RECORD_ID)).toEqual({ ok: false, error: { code: 'packErrorBundledNotRemovable' } });
    expect(await setPackEnabled(BUNDLED_RECORD_ID, false)).toMatchObject({ ok: true, record: { enabled: false } });
    expect((await loadPacksState()).records.map((r) => r.id)).toEqual([BUNDLED_RECORD_ID]);
  });

  it('removes subscriptions and imports', async () => {
    const id = await subscribed();
    await importPackFile(JSON.stringify(goodV2), 'news.json');
    expect(await removePack(id)).toEqual({ ok: true });
    expect(await removePack('file:news')).toEqual({ ok: true });
    expect(await removePack('file:news')).toMatchObject({ ok: false });
    expect((await loadPacksState()).records.map((r) => r.id)).toEqual([BUNDLED_RECORD_ID]);
  });

  it('feeds the merge with enabled packs that have a good version, bundled first, in the order added', async () => {
    const bundled = buildPack('default', [{ id: 'gamma' }]);
    const later = await subscribed();
    await importPackFile(JSON.stringify(goodV2), 'news.json');
    await refreshSubscription(later);
    await subscribeToPack(server.url('/never-downloaded.json'));
    expect(mergeInputs(await loadPacksState(), bundled).map((input) => input.sourceId)).toEqual([BUNDLED_RECORD_ID, later, 'file:news']);
    await setPackEnabled(BUNDLED_RECORD_ID, false);
    await setPackEnabled(later, false);
    expect(mergeInputs(await loadPacksState(), bundled).map((input) => input.sourceId)).toEqual(['file:news']);
  });
});

describe('stored shape (local:packs, version 2)', () => {
  it('starts with only the bundled pack, enabled', async () => {
    expect(await loadPacksState()).toEqual({ records: [{ id: 'bundled', source: { kind: 'bundled' }, enabled: true }] });
  });

  it('writes under local "packs", which a future version\'s migration receives', async () => {
    await subscribed();
    const { packs } = await browser.storage.local.get('packs');
    expect((packs as PacksState).records.map((r) => r.id)).toEqual([BUNDLED_RECORD_ID, `url:${server.url('/news.json')}`]);
    let seenByMigration: unknown;
    const nextVersion = storage.defineItem<PacksState>('local:packs', {
      version: PACKS_STORAGE_VERSION + 1,
      migrations: { [PACKS_STORAGE_VERSION + 1]: (old: unknown) => ((seenByMigration = old), old) },
    });
    await nextVersion.getValue();
    expect(seenByMigration).toEqual(packs);
    expect(await nextVersion.getMeta()).toEqual({ v: PACKS_STORAGE_VERSION + 1 });
  });

  it('stores each pack as JSON text (read whole on a wake, not converted field by field) and still reads the object form', async () => {
    expect(await refreshSubscription(await subscribed())).toMatchObject({ status: 'updated' });
    const { packs } = await browser.storage.local.get('packs');
    const stored = (packs as { records: Record<string, unknown>[] }).records[1]!;
    expect(stored).not.toHaveProperty('pack');
    expect(typeof stored.packJson).toBe('string');
    const record = (await loadPacksState()).records[1]!;
    expect(record.pack).toEqual(JSON.parse(stored.packJson as string));
    const { packJson, ...rest } = stored;
    await browser.storage.local.set({ packs: { records: [(packs as { records: unknown[] }).records[0], { ...rest, pack: JSON.parse(packJson as string) }] } });
    expect((await loadPacksState()).records[1]!.pack).toEqual(record.pack);
  });

  it('reads a value from before versioning, or edited by hand, as a whole state', async () => {
    await browser.storage.local.set({
      packs: {
        records: [
          { id: 'url:https://packs.example.org/a.json', source: { kind: 'url', url: 'https://packs.example.org/a.json' }, etag: 7 },
          { id: 'no-source' },
          'junk',
          { id: 'bundled', source: { kind: 'bundled' }, enabled: false, pack: { smuggled: true } },
          { id: 'url:https://packs.example.org/a.json', source: { kind: 'url', url: 'https://packs.example.org/a.json' }, enabled: false },
        ],
      },
    });
    expect(await loadPacksState()).toEqual({
      records: [
        { id: 'bundled', source: { kind: 'bundled' }, enabled: false },
        { id: 'url:https://packs.example.org/a.json', source: { kind: 'url', url: 'https://packs.example.org/a.json' }, enabled: true },
      ],
    });
    expect(normalizePacksState(null)).toEqual({ records: [{ id: 'bundled', source: { kind: 'bundled' }, enabled: true }] });
  });

  it('migrates version 1, whose lastError was English text, to problems that show that text unchanged', async () => {
    const v1Record = { id: 'url:https://packs.example.org/a.json', source: { kind: 'url', url: 'https://packs.example.org/a.json' }, enabled: true };
    await browser.storage.local.set({
      packs: {
        records: [
          { id: 'bundled', source: { kind: 'bundled' }, enabled: true },
          { ...v1Record, lastError: 'download: HTTP 404 Not Found from https://packs.example.org/a.json' },
          { ...v1Record, id: 'file:b', source: { kind: 'file', fileName: 'b.json' }, lastError: '' },
          { ...v1Record, id: 'file:c', source: { kind: 'file', fileName: 'c.json' }, lastError: 42 },
        ],
      },
      'packs$': { v: 1 },
    });
    const item = storage.defineItem<PacksState>('local:packs', { version: PACKS_STORAGE_VERSION, migrations: PACKS_MIGRATIONS });
    await item.getValue();
    // What the migration itself wrote, before normalizePacksState (which also reads old text) sees it.
    const { packs: stored } = (await browser.storage.local.get('packs')) as { packs: { records: { lastError?: unknown }[] } };
    expect(stored.records.map((r) => r.lastError)).toEqual([
      undefined,
      { code: 'packErrorLegacy', substitutions: ['download: HTTP 404 Not Found from https://packs.example.org/a.json'] },
      undefined,
      undefined,
    ]);
    expect(stored.records.map((r) => 'lastError' in r)).toEqual([false, true, false, false]);
    const migrated = normalizePacksState(stored);
    expect(migrated.records.map((r) => r.lastError)).toEqual([
      undefined,
      { code: 'packErrorLegacy', substitutions: ['download: HTTP 404 Not Found from https://packs.example.org/a.json'] },
      undefined,
      undefined,
    ]);
    expect(englishProblem(migrated.records[1]!.lastError!)).toBe('download: HTTP 404 Not Found from https://packs.example.org/a.json');
    expect(await item.getMeta()).toEqual({ v: PACKS_STORAGE_VERSION });
  });

  it('shows a v1 text lastError that escaped migration (hand-edited or restored) as it is, and drops malformed problems', async () => {
    const source = { kind: 'url', url: 'https://packs.example.org/a.json' };
    const state = normalizePacksState({
      records: [
        { id: 'url:a', source, lastError: 'hash mismatch: old words' },
        { id: 'url:b', source, lastError: { code: 'packErrorHttp', substitutions: ['404', 'https://packs.example.org/b.json'] } },
        { id: 'url:c', source, lastError: { code: 'notAPackError' } },
        { id: 'url:d', source, lastError: { code: 'packErrorHttp', substitutions: [404] } },
      ],
    });
    expect(state.records.slice(1).map((r) => r.lastError && englishProblem(r.lastError))).toEqual([
      'hash mismatch: old words',
      'download: HTTP 404 from https://packs.example.org/b.json',
      undefined,
      undefined,
    ]);
  });
});
