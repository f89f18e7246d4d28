import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateSigningKey, signPack } from '../pack-format/sign';
import type { Pack } from '../pack-format/types';
import { validatePack } from '../pack-format/validate';
import { buildPack, rehash } from '../../tests/support/pack-fixtures';
import { normalizePublicKey, verifyPackSignature } from './verify';
import { englishProblem, problemMatching } from '../../components/testing/i18n';

const pack = buildPack('verify', [{ id: 'alpha' }, { id: 'beta' }]);
const publisher = (await generateSigningKey()).key;
const stranger = (await generateSigningKey()).key;
const signed = await signPack(pack, publisher);

function clone(value: Pack): Pack {
  return JSON.parse(JSON.stringify(value)) as Pack;
}

describe('verifyPackSignature', () => {
  it('accepts a signed pack with and without the pinned key, and names the signer', async () => {
    expect(await verifyPackSignature(signed, publisher.publicKey)).toEqual({ ok: true, signed: true, publicKey: publisher.publicKey });
    expect(await verifyPackSignature(signed)).toEqual({ ok: true, signed: true, publicKey: publisher.publicKey });
  });

  it('accepts an unsigned pack only when no key is pinned', async () => {
    expect(await verifyPackSignature(pack)).toEqual({ ok: true, signed: false });
    expect(await verifyPackSignature(pack, publisher.publicKey)).toMatchObject({
      ok: false,
      problem: 'unsigned',
      error: problemMatching(/not signed, but a publisher key is pinned/),
    });
  });

  it('refuses a pack signed by another key than the pinned one', async () => {
    const forged = await signPack(pack, stranger);
    const result = await verifyPackSignature(forged, publisher.publicKey);
    expect(result).toMatchObject({ ok: false, problem: 'key-mismatch' });
    if (!result.ok) expect(englishProblem(result.error)).toContain(`signed by key ${stranger.publicKey}, but the pinned publisher key is ${publisher.publicKey}`);
  });

  it('refuses a pack edited and re-hashed after signing, even with no key pinned', async () => {
    const tampered = clone(signed);
    tampered.explainers[0]!.summary = 'Quietly changed after the publisher signed.';
    const rehashed = await rehash(tampered);
    // The hash alone is now consistent: the door check passes, only the signature catches it.
    expect((await validatePack(clone(rehashed))).ok).toBe(true);
    expect(await verifyPackSignature(rehashed)).toMatchObject({ ok: false, problem: 'bad-signature' });
    expect(await verifyPackSignature(rehashed, publisher.publicKey)).toMatchObject({ ok: false, problem: 'bad-signature' });
  });

  it('leaves an edit without re-hashing to the door check (hash mismatch)', async () => {
    const tampered = clone(signed);
    tampered.explainers[1]!.title = 'Changed';
    const result = await validatePack(tampered);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual([expect.stringMatching(/^sha256: content hash is/)]);
  });

  it('refuses a signature copied onto another pack', async () => {
    const other = buildPack('other', [{ id: 'gamma' }]);
    const grafted = { ...other, signature: signed.signature };
    expect(await verifyPackSignature(grafted, publisher.publicKey)).toMatchObject({ ok: false, problem: 'bad-signature' });
  });

  it('refuses malformed signature fields and pinned keys with a reason', async () => {
    const shortValue = { ...signed, signature: { ...signed.signature!, value: 'AAAA' } };
    expect(await verifyPackSignature(shortValue)).toMatchObject({ ok: false, problem: 'bad-signature', error: problemMatching(/64 bytes/) });
    const badKey = { ...signed, signature: { ...signed.signature!, publicKey: 'AAAA' } };
    expect(await verifyPackSignature(badKey)).toMatchObject({ ok: false, problem: 'bad-key' });
    expect(await verifyPackSignature(signed, 'not a key')).toMatchObject({ ok: false, problem: 'bad-key', error: problemMatching(/pinned key/) });
  });

  it('gives each refusal its own reason', async () => {
    const tampered = await rehash({ ...clone(signed), version: '2' });
    expect(await verifyPackSignature(tampered)).toEqual({ ok: false, problem: 'bad-signature', error: { code: 'packErrorSignatureBad' } });
    const badKey = { ...signed, signature: { ...signed.signature!, publicKey: 'AAAA' } };
    expect(await verifyPackSignature(badKey)).toEqual({ ok: false, problem: 'bad-key', error: { code: 'packErrorSignatureKeyInvalid' } });
  });

  it('refuses another signature algorithm even when its key and value are well formed', async () => {
    const other = { ...signed, signature: { ...signed.signature!, alg: 'RS256' } } as unknown as Pack;
    expect(await verifyPackSignature(other)).toEqual({
      ok: false,
      problem: 'unsupported',
      error: { code: 'packErrorSignatureAlgorithm', substitutions: ['"RS256"'] },
    });
  });

  describe('in a browser without Ed25519', () => {
    afterEach(() => vi.restoreAllMocks());

    it('says the browser cannot check signatures, not that the pack is bad', async () => {
      vi.spyOn(crypto.subtle, 'importKey').mockRejectedValue(new Error('Unrecognized name.'));
      expect(await verifyPackSignature(signed)).toEqual({
        ok: false,
        problem: 'unsupported',
        error: { code: 'packErrorEd25519Unsupported', substitutions: ['Unrecognized name.'] },
      });
    });
  });

  it('normalizes pinned keys to padded standard base64', () => {
    expect(normalizePublicKey(`  ${publisher.publicKey.replace(/=+$/, '')}\n`)).toBe(publisher.publicKey);
    expect(normalizePublicKey(btoa('short'))).toBeNull();
  });
});
