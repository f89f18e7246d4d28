import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { LiveCatalog } from '../../lib/catalog/live-catalog';
import { generateSigningKey, signPack } from '../../lib/pack-format/sign';
import type { Pack } from '../../lib/pack-format/types';
import { PACK_REFRESH_ALARM } from '../../lib/pack-store/schedule';
import { loadPacksState } from '../../lib/pack-store/store';
import { buildPack, rehash } from '../../tests/support/pack-fixtures';
import { createPacksService } from './packs-service';
import { englishProblem, problemMatching } from '../../components/testing/i18n';

const URL = 'https://packs.example.org/zorblax.json';
const bundled = buildPack('default', [{ id: 'ice', terms: [{ text: 'ICE', caseSensitive: true }] }]);
const v1 = buildPack('zorblax', [{ id: 'zorblax-accord', terms: [{ text: 'Zorblax Accord' }] }], '1');
const v2 = buildPack('zorblax', [{ id: 'zorblax-accord', terms: [{ text: 'Zorblax Accord' }] }, { id: 'quorbic-treaty', terms: [{ text: 'Quorbic Treaty' }] }], '2');

function setup() {
  let body = '';
  let status = 200;
  const serve = (text: string, code = 200) => {
    body = text;
    status = code;
  };
  const live = new LiveCatalog({ loadBundled: async () => bundled, loadState: loadPacksState });
  const service = createPacksService({
    live,
    alarms: fakeBrowser.alarms,
    refreshOptions: { fetchImpl: (async () => new Response(body, { status })) },
  });
  const terms = async () => (await (await live.catalog()).termTable()).terms.map((term) => term.text).sort();
  const row = async (id = `url:${URL}`) => (await service.getPacks()).packs.find((pack) => pack.id === id)!;
  return { serve, service, terms, row, live };
}

const json = (pack: Pack) => JSON.stringify(pack);

describe('packs service', () => {
  beforeEach(() => fakeBrowser.reset());

  it('subscribes, downloads, and serves the new term; lists the pack with version, source and count', async () => {
    const { serve, service, terms, row } = setup();
    serve(json(v1));
    expect(await service.subscribe(URL)).toEqual({ ok: true });
    expect(await terms()).toEqual(['ICE', 'Zorblax Accord']);
    expect(await row()).toMatchObject({ kind: 'url', source: URL, version: '1', explainerCount: 1, removable: true, enabled: true });
    expect((await row()).lastError).toBeUndefined();
    expect((await row('bundled')).removable).toBe(false);
    expect(await fakeBrowser.alarms.get(PACK_REFRESH_ALARM)).toBeDefined();
  });

  it('keeps the last good version and shows the error for a corrupt, wrong-hash or over-size update', async () => {
    const { serve, service, terms, row } = setup();
    serve(json(v1));
    await service.subscribe(URL);

    serve(json(v2).slice(0, 200));
    const corrupt = await service.refresh(`url:${URL}`);
    expect(corrupt).toMatchObject({ ok: false, errors: [problemMatching(/^not valid JSON at position/)] });
    expect(englishProblem((await row()).lastError!)).toMatch(/not valid JSON/);
    expect(await terms()).toEqual(['ICE', 'Zorblax Accord']);

    serve(json({ ...v2, name: 'Edited after hashing' }));
    expect(await service.refresh(`url:${URL}`)).toMatchObject({ ok: false, errors: [problemMatching(/^hash mismatch/)] });
    expect((await row()).version).toBe('1');

    serve('not found', 404);
    expect(await service.refresh()).toMatchObject({ ok: false, errors: [problemMatching(/HTTP 404/)] });
    expect(await terms()).toEqual(['ICE', 'Zorblax Accord']);

    serve(json(v2));
    expect(await service.refresh(`url:${URL}`)).toEqual({ ok: true });
    expect(await terms()).toEqual(['ICE', 'Quorbic Treaty', 'Zorblax Accord']);
    expect((await row()).lastError).toBeUndefined();
  });

  it('with a pinned key, refuses unsigned updates and packs signed by another key', async () => {
    const { serve, service, terms, row } = setup();
    const { key } = await generateSigningKey();
    const { key: stranger } = await generateSigningKey();
    serve(json(await signPack(v1, key)));
    expect(await service.subscribe(URL, key.publicKey)).toEqual({ ok: true });
    expect((await row()).pinnedKey).toBe(key.publicKey);

    serve(json(v2));
    expect(await service.refresh(`url:${URL}`)).toMatchObject({ ok: false, errors: [problemMatching(/not signed, but a publisher key is pinned/)] });
    serve(json(await signPack(v2, stranger)));
    expect(await service.refresh(`url:${URL}`)).toMatchObject({ ok: false, errors: [problemMatching(/pinned publisher key is/)] });
    const forged = await rehash({ ...v2, name: 'Forged' });
    serve(json({ ...forged, signature: (await signPack(v2, key)).signature }));
    expect(await service.refresh(`url:${URL}`)).toMatchObject({ ok: false, errors: [problemMatching(/^signature: does not match/)] });
    expect(await terms()).toEqual(['ICE', 'Zorblax Accord']);
  });

  it('reports a first download that fails but keeps the subscription so it can be retried', async () => {
    const { serve, service, row } = setup();
    serve('{', 200);
    const result = await service.subscribe(URL);
    expect(result).toMatchObject({ ok: false, errors: [problemMatching(/subscribed, but the first download failed: not valid JSON/)] });
    expect((await row()).explainerCount).toBe(0);
    expect(await service.subscribe(URL)).toEqual({ ok: false, errors: [{ code: 'packErrorAlreadySubscribed', substitutions: [URL] }] });
  });

  it('refuses plain http outside localhost', async () => {
    const { service } = setup();
    expect(await service.subscribe('http://packs.example.org/p.json')).toMatchObject({ ok: false, errors: [problemMatching(/only allowed for localhost/)] });
  });

  it('imports a file, turns packs off and on, removes them, and never removes the bundled pack', async () => {
    const { service, terms } = setup();
    expect(await service.importFile(json(v1), 'zorblax.json')).toEqual({ ok: true });
    expect(await terms()).toEqual(['ICE', 'Zorblax Accord']);
    expect(await service.setEnabled('bundled', false)).toEqual({ ok: true });
    expect(await terms()).toEqual(['Zorblax Accord']);
    expect(await service.remove('bundled')).toMatchObject({ ok: false, errors: [problemMatching(/cannot be removed/)] });
    expect(await service.setEnabled('bundled', true)).toEqual({ ok: true });
    expect(await service.remove('file:zorblax')).toEqual({ ok: true });
    expect(await terms()).toEqual(['ICE']);
    expect(await service.importFile('{"id":"x"', 'broken.json')).toMatchObject({ ok: false, errors: [problemMatching(/^broken\.json: not valid JSON/)] });
  });

  it('clears the refresh alarm when the last subscription goes', async () => {
    const { serve, service } = setup();
    serve(json(v1));
    await service.subscribe(URL);
    await service.remove(`url:${URL}`);
    expect(await fakeBrowser.alarms.get(PACK_REFRESH_ALARM)).toBeUndefined();
  });
});
