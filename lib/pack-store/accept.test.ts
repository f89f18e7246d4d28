import { describe, expect, it } from 'vitest';
import { generateSigningKey, signPack } from '../pack-format/sign';
import type { Pack } from '../pack-format/types';
import { buildPack, rehash } from '../../tests/support/pack-fixtures';
import { acceptPackText } from './accept';
import { englishProblem } from '../../components/testing/i18n';

const pack = buildPack('door', [{ id: 'alpha' }, { id: 'beta' }]);
const publisher = (await generateSigningKey()).key;

describe('acceptPackText', () => {
  it('accepts a good pack and reports who signed it', async () => {
    const signed = await signPack(pack, publisher);
    expect(await acceptPackText(JSON.stringify(pack))).toEqual({ ok: true, pack, signedBy: undefined });
    expect(await acceptPackText(JSON.stringify(signed), { pinnedKey: publisher.publicKey })).toEqual({
      ok: true,
      pack: signed,
      signedBy: publisher.publicKey,
    });
  });

  it('keeps fields a newer format adds, so the stored pack still matches its hash', async () => {
    const newer = await rehash({ ...pack, futureField: { note: 'from format 1.1' } } as Pack);
    const result = await acceptPackText(JSON.stringify(newer));
    expect(result.ok && (result.pack as Pack & { futureField?: unknown }).futureField).toEqual({ note: 'from format 1.1' });
  });

  it('counts the size in UTF-8 bytes, not characters', async () => {
    const text = JSON.stringify(pack);
    const bytes = new TextEncoder().encode(text).byteLength;
    expect(await acceptPackText(text, { maxBytes: bytes })).toMatchObject({ ok: true });
    expect(await acceptPackText(`${text}é`, { maxBytes: bytes + 1 })).toEqual({
      ok: false,
      stage: 'size',
      error: { code: 'packErrorTooLargeBytes', substitutions: [String(bytes + 2), String(bytes + 1)] },
    });
  });

  it('lists exactly three schema problems without a count', async () => {
    const broken = structuredClone(pack) as unknown as Record<string, any>;
    broken.explainers[1].title = '';
    broken.explainers[1].summary = 7;
    broken.version = '';
    const result = await acceptPackText(JSON.stringify(broken));
    expect(result).toMatchObject({ ok: false, stage: 'schema', error: { code: 'packErrorSchema' } });
  });

  it('reports a hash mismatch beside other problems as schema problems, and alone as a hash problem', async () => {
    const duplicated = structuredClone(pack) as unknown as Record<string, any>;
    duplicated.explainers[1].id = duplicated.explainers[0].id;
    duplicated.searchDocs[1].id = duplicated.searchDocs[0].id;
    const result = await acceptPackText(JSON.stringify(duplicated));
    expect(result).toMatchObject({ ok: false, stage: 'schema' });
    if (!result.ok) expect(englishProblem(result.error)).toMatch(/duplicate id "alpha".*sha256: content hash is/);
    const edited = structuredClone(pack);
    edited.explainers[0]!.summary = 'Changed on the way.';
    expect(await acceptPackText(JSON.stringify(edited))).toMatchObject({ ok: false, stage: 'hash', error: { code: 'packErrorHash' } });
  });

  it("passes the reader's http allow-list to the door check", async () => {
    const plain = structuredClone(pack);
    plain.explainers[0]!.primarySources[0]!.url = 'http://records.example.org/report';
    const text = JSON.stringify(await rehash(plain));
    expect(await acceptPackText(text)).toMatchObject({ ok: false, stage: 'schema' });
    expect(await acceptPackText(text, { httpAllowlist: [{ url: 'http://records.example.org/', reason: 'no https' }] })).toMatchObject({ ok: true });
  });

  it('names the stage that refused a pack for its signature or its identity', async () => {
    expect(await acceptPackText(JSON.stringify(pack), { pinnedKey: publisher.publicKey })).toMatchObject({ ok: false, stage: 'signature' });
    expect(await acceptPackText(JSON.stringify(pack), { expectedPackId: 'another' })).toMatchObject({
      ok: false,
      stage: 'identity',
      error: { code: 'packErrorIdChanged', substitutions: ['another', 'door'] },
    });
  });

  it('names the first schema problems by field path and counts the rest', async () => {
    const broken = structuredClone(pack) as unknown as Record<string, any>;
    broken.explainers[0].facts = [];
    broken.explainers[1].title = '';
    broken.explainers[1].summary = 7;
    broken.version = '';
    const result = await acceptPackText(JSON.stringify(broken));
    expect(result).toMatchObject({ ok: false, stage: 'schema' });
    if (!result.ok) {
      expect(englishProblem(result.error)).toBe(
        'not a valid pack: version: must not be empty; explainers[0].facts: 4 to 8 key facts; explainers[1].title: must not be empty (and 1 more)',
      );
    }
  });
});
