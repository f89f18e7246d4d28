import { describe, expect, it } from 'vitest';
import { buildPack } from '../../tests/support/pack-fixtures';
import type { Pack } from '../pack-format/types';
import type { PacksState, PackRecord } from '../pack-store/store';
import { LiveCatalog, type CatalogBuild } from './live-catalog';

const bundled = buildPack('default', [{ id: 'ice', terms: [{ text: 'ICE', caseSensitive: true }] }, { id: 'detainer', terms: [{ text: 'detainer' }] }]);
const publisher = buildPack('zorblax', [
  { id: 'zorblax-accord', terms: [{ text: 'Zorblax Accord' }] },
  // Same id as the bundled one, newer date: replaces it.
  { id: 'detainer', updated: '2026-02-19', title: 'Detainers (publisher edition)', terms: [{ text: 'detainer request' }] },
]);

const bundledRecord: PackRecord = { id: 'bundled', source: { kind: 'bundled' }, enabled: true };
const urlRecord = (pack: Pack | undefined, enabled = true): PackRecord => ({
  id: 'url:https://example.org/pack.json',
  source: { kind: 'url', url: 'https://example.org/pack.json' },
  enabled,
  ...(pack ? { pack } : {}),
});

function live(state: PacksState, loadBundled: () => Promise<Pack> = async () => bundled) {
  const rebuilt: CatalogBuild[] = [];
  const errors: unknown[] = [];
  let stored = state;
  const catalog = new LiveCatalog({
    loadBundled,
    loadState: async () => stored,
    onRebuilt: (build) => rebuilt.push(build),
    onError: (error) => errors.push(error),
  });
  return { catalog, rebuilt, errors, store: (next: PacksState) => (stored = next) };
}

const ids = (build: CatalogBuild) => build.catalog.listExplainers().map((item) => item.id).sort();

describe('LiveCatalog', () => {
  it('serves the bundled pack alone when the reader added nothing', async () => {
    const { catalog } = live({ records: [bundledRecord] });
    const build = await catalog.current();
    expect(ids(build)).toEqual(['detainer', 'ice']);
    expect(build.catalog.termTable().terms.map((term) => term.text).sort()).toEqual(['ICE', 'detainer']);
    // Served as shipped: the term table version is the bundled pack's own hash.
    expect(build.catalog.termTable().version).toBe(bundled.sha256);
    expect(build.origins).toEqual({ ice: 'bundled', detainer: 'bundled' });
  });

  it('merges a subscribed pack: its new term joins the table and a newer explainer with the same id wins', async () => {
    const { catalog } = live({ records: [bundledRecord, urlRecord(publisher)] });
    const build = await catalog.current();
    expect(ids(build)).toEqual(['detainer', 'ice', 'zorblax-accord']);
    expect(build.catalog.card('detainer')?.title).toBe('Detainers (publisher edition)');
    expect(build.conflicts).toEqual([
      expect.objectContaining({ explainerId: 'detainer', reason: 'newer', kept: expect.objectContaining({ packId: 'zorblax' }) }),
    ]);
    expect(build.catalog.termTable().terms.some((term) => term.text === 'Zorblax Accord')).toBe(true);
  });

  it('rebuilds from the stored state on demand, with a new term table version', async () => {
    const { catalog, rebuilt, store } = live({ records: [bundledRecord] });
    const before = (await catalog.current()).catalog.termTable().version;
    store({ records: [bundledRecord, urlRecord(publisher)] });
    const after = await catalog.rebuild();
    expect(ids(after)).toContain('zorblax-accord');
    expect(after.catalog.termTable().version).not.toBe(before);
    expect(rebuilt).toHaveLength(2);
    expect(await catalog.catalog()).toBe(after.catalog);
  });

  it('leaves out disabled packs, including the bundled one', async () => {
    const { catalog } = live({ records: [{ ...bundledRecord, enabled: false }, urlRecord(publisher)] });
    expect(ids(await catalog.current())).toEqual(['detainer', 'zorblax-accord']);
    const off = live({ records: [bundledRecord, urlRecord(publisher, false)] });
    expect(ids(await off.catalog.current())).toEqual(['detainer', 'ice']);
  });

  it("keeps serving the reader's packs when the bundled pack fails to load, and says why", async () => {
    const { catalog, errors } = live({ records: [bundledRecord, urlRecord(publisher)] }, async () => {
      throw new Error('Could not load pack packs/default.json: HTTP 404');
    });
    const build = await catalog.current();
    expect(build.bundled).toBeNull();
    expect(ids(build)).toEqual(['detainer', 'zorblax-accord']);
    expect(String(errors[0])).toMatch(/HTTP 404/);
  });

  it('keeps the previous catalog when a rebuild fails', async () => {
    const { catalog, errors, store } = live({ records: [bundledRecord] });
    const first = await catalog.current();
    store(null as unknown as PacksState);
    const second = await catalog.rebuild();
    expect(second).toBe(first);
    expect(errors).toHaveLength(1);
  });
});
