import { describe, expect, it } from 'vitest';
import { Catalog } from '../catalog/catalog';
import { createMatcher } from '../match';
import { validatePack } from '../pack-format/validate';
import { buildPack } from '../../tests/support/pack-fixtures';
import { MERGED_PACK_ID, mergePacks } from './merge';

const bundled = buildPack('default', [
  { id: 'ice', title: 'ICE', updated: '2026-02-10', terms: [{ text: 'ICE', caseSensitive: true }] },
  { id: 'tps', title: 'Temporary Protected Status', updated: '2026-02-01' },
]);
const local = buildPack('local-news', [
  { id: 'ice', title: 'ICE (local edition)', updated: '2026-02-12', terms: [{ text: 'ICE', caseSensitive: true }] },
  { id: 'tps', title: 'TPS (local edition)', updated: '2026-02-01' },
  { id: 'county-jail', title: 'County jail agreements', updated: '2026-02-05' },
]);
const detainers = buildPack('detainers', [
  { id: 'ice-detainer', title: 'ICE detainers', terms: [{ text: 'ICE', caseSensitive: true }, { text: 'ICE detainer' }] },
]);
const third = buildPack('third', [{ id: 'tps', title: 'TPS (third edition)', updated: '2026-01-15' }]);

describe('mergePacks', () => {
  it('lets the newer explainer win an id, the earlier pack win a tie, and reports every loser', async () => {
    const { pack, conflicts, origins } = await mergePacks([
      { sourceId: 'bundled', pack: bundled },
      { sourceId: 'url:local', pack: local },
      { sourceId: 'file:third', pack: third },
    ]);
    expect(pack.explainers.map((e) => [e.id, e.title])).toEqual([
      ['ice', 'ICE (local edition)'], // newer (02-12 > 02-10), takes the first slot
      ['tps', 'Temporary Protected Status'], // same date: the earlier pack (bundled) wins
      ['county-jail', 'County jail agreements'],
    ]);
    expect(origins).toEqual({ ice: 'url:local', tps: 'bundled', 'county-jail': 'url:local' });
    expect(conflicts).toEqual([
      {
        explainerId: 'ice',
        kept: { sourceId: 'url:local', packId: 'local-news', updated: '2026-02-12' },
        dropped: { sourceId: 'bundled', packId: 'default', updated: '2026-02-10' },
        reason: 'newer',
      },
      {
        explainerId: 'tps',
        kept: { sourceId: 'bundled', packId: 'default', updated: '2026-02-01' },
        dropped: { sourceId: 'url:local', packId: 'local-news', updated: '2026-02-01' },
        reason: 'earlier-source',
      },
      {
        explainerId: 'tps',
        kept: { sourceId: 'bundled', packId: 'default', updated: '2026-02-01' },
        dropped: { sourceId: 'file:third', packId: 'third', updated: '2026-01-15' },
        reason: 'newer',
      },
    ]);
  });

  it('flips the tie when the subscription order flips', async () => {
    const { pack } = await mergePacks([
      { sourceId: 'url:local', pack: local },
      { sourceId: 'bundled', pack: bundled },
    ]);
    expect(pack.explainers.find((e) => e.id === 'tps')?.title).toBe('TPS (local edition)');
  });

  it('builds a pack that passes the door check, with search over the merged set', async () => {
    const { pack } = await mergePacks([
      { sourceId: 'bundled', pack: bundled },
      { sourceId: 'url:local', pack: local },
    ]);
    expect(pack).toMatchObject({ id: MERGED_PACK_ID, publisher: 'Publisher of default, Publisher of local-news', version: 'default@1+local-news@1' });
    // Its sha256 is a version over the inputs' hashes, not a content hash: the merged pack never meets the door.
    const validation = await validatePack(JSON.parse(JSON.stringify(pack)), { verifyHash: false });
    expect(validation.ok, validation.ok ? '' : validation.errors.join('\n')).toBe(true);
    const catalog = new Catalog(pack);
    expect(catalog.search('county jail')[0]?.id).toBe('county-jail');
    expect(catalog.search('local edition').map((r) => r.id)).toContain('ice');
    expect(pack.searchDocs.map((doc) => doc.id)).toEqual(['ice', 'tps', 'county-jail']);
  });

  it('keeps both explainers for a shared term; the matcher takes the longest match, then the earlier explainer', async () => {
    const { pack } = await mergePacks([
      { sourceId: 'bundled', pack: bundled },
      { sourceId: 'url:detainers', pack: detainers },
    ]);
    const terms = pack.explainers.flatMap((e) => e.terms.map((term) => ({ ...term, explainerId: e.id })));
    expect(terms.filter((t) => t.text === 'ICE').map((t) => t.explainerId)).toEqual(['ice', 'ice-detainer']);
    const matcher = createMatcher(terms);
    expect(matcher.match('Agents from ICE arrived.').map((m) => m.explainerId)).toEqual(['ice']);
    expect(matcher.match('The ICE detainer was lifted.').map((m) => [m.explainerId, m.text])).toEqual([['ice-detainer', 'ICE detainer']]);
  });

  it('changes its sha256 (the term table version) when any input changes', async () => {
    const a = await mergePacks([{ sourceId: 'bundled', pack: bundled }]);
    const b = await mergePacks([{ sourceId: 'bundled', pack: bundled }, { sourceId: 'file:third', pack: third }]);
    const c = await mergePacks([{ sourceId: 'bundled', pack: bundled }]);
    expect(a.pack.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(a.pack.sha256).not.toBe(b.pack.sha256);
    expect(a.pack.sha256).toBe(c.pack.sha256);
  });

  it('merges nothing into an empty pack', async () => {
    const { pack, conflicts } = await mergePacks([]);
    expect(pack.explainers).toEqual([]);
    expect(conflicts).toEqual([]);
    expect(new Catalog(pack).search('ice')).toEqual([]);
  });
});
