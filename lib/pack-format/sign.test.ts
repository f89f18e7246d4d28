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

  it('writes the PEM body in lines of 64 characters, as openssl does', async () => {
    const { pkcs8Pem } = await generateSigningKey();
    const body = pkcs8Pem.split('\n').slice(1, -2);
    expect(body.length).toBeGreaterThan(0);
    for (const line of body.slice(0, -1)) expect(line).toHaveLength(64);
    expect(body.at(-1)!.length).toBeGreaterThan(0);
    expect(body.at(-1)!.length).toBeLessThanOrEqual(64);
  });

  it('also reads an Ed25519 private JWK', async () => {
    const { key } = await generateSigningKey();
    const jwk = await crypto.subtle.exportKey('jwk', key.privateKey);
    expect((await readSigningKey(JSON.stringify(jwk))).publicKey).toBe(key.publicKey);
  });

  it('reads a key file with blank lines and spaces around it', async () => {
    const { key, pkcs8Pem } = await generateSigningKey();
    const jwk = await crypto.subtle.exportKey('jwk', key.privateKey);
    expect((await readSigningKey(`\n  ${JSON.stringify(jwk)}\n`)).publicKey).toBe(key.publicKey);
    expect((await readSigningKey(`\n\n${pkcs8Pem}\n`)).publicKey).toBe(key.publicKey);
    expect(pkcs8Pem.split('\n').every((line) => line.length <= 64)).toBe(true);
  });

  it('refuses a JWK unless it is an Ed25519 private key, whichever part is wrong', async () => {
    const { key } = await generateSigningKey();
    const jwk = await crypto.subtle.exportKey('jwk', key.privateKey);
    for (const wrong of [{ ...jwk, kty: 'EC' }, { ...jwk, crv: 'X25519' }, { ...jwk, d: undefined }]) {
      await expect(readSigningKey(JSON.stringify(wrong))).rejects.toThrow(/not an Ed25519 private key \(expected kty "OKP", crv "Ed25519" and "d"\)/);
    }
  });

  it('says what is wrong with a file that is not a signing key', async () => {
    await expect(readSigningKey('{"kty": OKP}')).rejects.toThrow(/^key file looks like JSON but does not parse: ./);
    await expect(readSigningKey('-----BEGIN PRIVATE KEY-----\nAA!A\n-----END PRIVATE KEY-----')).rejects.toThrow(/^key file PEM body is not valid base64$/);
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
    expect(base64ToBytes('QQ')).toEqual(Uint8Array.of(65));
    expect(base64ToBytes(' QQ==\n')).toEqual(Uint8Array.of(65));
    // atob would read these (it skips inner whitespace): a key with a stray space is a typo, not a key.
    expect(base64ToBytes('QU JD')).toBeNull();
    expect(base64ToBytes('QU JDQQ')).toBeNull();
    expect(base64ToBytes('QUJD$')).toBeNull();
    expect(base64ToBytes('=QUJD')).toBeNull();
    // Padding where no padding can go: atob refuses it, and so do we (null, not an exception).
    expect(base64ToBytes('Q=')).toBeNull();
  });
});
