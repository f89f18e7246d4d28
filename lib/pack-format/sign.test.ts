import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildPack } from '../../tests/support/pack-fixtures';
import { computePackHash } from './hash';
import { base64ToBytes, bytesToBase64, generateSigningKey, readSigningKey, signPack } from './sign';
import { validatePack } from './validate';

const pack = buildPack('signed', [{ id: 'alpha' }, { id: 'beta' }]);

describe('signing keys', () => {
  it('round-trips a generated key through its PKCS#8 PEM file', async () => {
    const { key, pkcs8Pem } = await generateSigningKey();
    expect(pkcs8Pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+\n-----END PRIVATE KEY-----\n$/);
    expect(base64ToBytes(key.publicKey)?.length).toBe(32);
    expect((await readSigningKey(pkcs8Pem)).publicKey).toBe(key.publicKey);
  });

  it('also reads an Ed25519 private JWK', async () => {
    const { key } = await generateSigningKey();
    const jwk = await crypto.subtle.exportKey('jwk', key.privateKey);
    expect((await readSigningKey(JSON.stringify(jwk))).publicKey).toBe(key.publicKey);
  });

  it('says what is wrong with a file that is not a signing key', async () => {
    await expect(readSigningKey('hello')).rejects.toThrow(/neither a PKCS#8 PEM .* nor a JWK/);
    await expect(readSigningKey('{"kty":"RSA"}')).rejects.toThrow(/not an Ed25519 private key/);
    await expect(readSigningKey('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----')).rejects.toThrow(
      /not an Ed25519 PKCS#8 private key/,
    );
  });
});

describe('signPack', () => {
  it('adds a signature without changing the sha256, so the signed pack still passes the door check', async () => {
    const { key } = await generateSigningKey();
    const signed = await signPack(pack, key);
    expect(signed.sha256).toBe(pack.sha256);
    expect(signed.signature).toMatchObject({ alg: 'Ed25519', publicKey: key.publicKey });
    const result = await validatePack(JSON.parse(JSON.stringify(signed)));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.pack.signature).toEqual(signed.signature);
  });

  it('signs the ASCII sha256 hex string with standard Ed25519 (verifiable by node:crypto)', async () => {
    const { key } = await generateSigningKey();
    const signed = await signPack(pack, key);
    const der = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(key.publicKey, 'base64')]);
    const publicKey = createPublicKey({ key: der, format: 'der', type: 'spki' });
    const value = Buffer.from(signed.signature!.value, 'base64');
    expect(nodeVerify(null, Buffer.from(pack.sha256, 'ascii'), publicKey, value)).toBe(true);
    const otherHash = (pack.sha256.startsWith('a') ? 'b' : 'a') + pack.sha256.slice(1);
    expect(nodeVerify(null, Buffer.from(otherHash, 'ascii'), publicKey, value)).toBe(false);
  });

  it('refuses to sign a pack whose sha256 does not match its content', async () => {
    const { key } = await generateSigningKey();
    const edited = { ...pack, name: 'Edited after hashing' };
    await expect(signPack(edited, key)).rejects.toThrow(/refusing to sign: sha256 is [0-9a-f]{64} but the content hashes to/);
    expect(await computePackHash(edited)).not.toBe(pack.sha256);
  });
});

describe('base64', () => {
  it('round-trips bytes and rejects text that is not strict base64', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
    expect(base64ToBytes('not base64!')).toBeNull();
    expect(base64ToBytes('abcde')).toBeNull();
  });
});
