import { computePackHash } from './hash';
import type { Pack, PackSignature } from './types';

/**
 * Publisher signatures for packs: Ed25519 through WebCrypto, so the CLI (Node 20) signs and the
 * extension verifies with the same code paths. What is signed is the ASCII text of the pack's
 * `sha256` (64 lowercase hex digits); the hash already covers every other field, and signing the
 * short hash keeps verification cheap and reproducible with other tools (openssl pkeyutl -rawin).
 *
 * No Node imports here: lib/pack-store/verify.ts ships this file in the extension.
 */

export const SIGNATURE_ALG = 'Ed25519' as const;
const ED25519 = { name: SIGNATURE_ALG } as const;
export const ED25519_PUBLIC_KEY_BYTES = 32;
export const ED25519_SIGNATURE_BYTES = 64;

const PEM_LABEL = 'PRIVATE KEY';

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Strict standard base64 (padding optional); null for anything else, so a typo is never half-read. */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> | null {
  const trimmed = text.trim();
  // atob alone would skip inner whitespace; a length of 4n+1 it refuses itself.
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(trimmed)) return null;
  try {
    const binary = atob(trimmed);
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}

function base64UrlToBase64(text: string): string {
  const standard = text.replaceAll('-', '+').replaceAll('_', '/');
  return standard + '='.repeat((4 - (standard.length % 4)) % 4);
}

/** The bytes a signature is made over: the pack's sha256 hex string, as ASCII. */
function signatureMessage(sha256: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(sha256);
}

export interface SigningKey {
  privateKey: CryptoKey;
  /** Base64 of the raw 32-byte public key: what a publisher hands to readers to pin. */
  publicKey: string;
}

async function publicKeyOf(privateKey: CryptoKey): Promise<string> {
  // WebCrypto has no "derive public key"; the private JWK carries it as `x` (base64url).
  const jwk = await crypto.subtle.exportKey('jwk', privateKey);
  // Stryker disable next-line all: unreachable — WebCrypto always exports `x` for an Ed25519 private key; the check only narrows the type.
  if (typeof jwk.x !== 'string') throw new Error('the private key does not carry its public half');
  return base64UrlToBase64(jwk.x);
}

export async function generateSigningKey(): Promise<{ key: SigningKey; pkcs8Pem: string }> {
  const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify']));
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  const publicKey = bytesToBase64(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)));
  // Stryker disable next-line ArrayDeclaration: unreachable — a PKCS#8 key is never empty, so match() never returns null.
  const lines = bytesToBase64(pkcs8).match(/.{1,64}/g) ?? [];
  const pkcs8Pem = `-----BEGIN ${PEM_LABEL}-----\n${lines.join('\n')}\n-----END ${PEM_LABEL}-----\n`;
  return { key: { privateKey: pair.privateKey, publicKey }, pkcs8Pem };
}

/**
 * Reads a key file written by `npm run keygen` (PKCS#8 PEM, as `openssl genpkey -algorithm ed25519`
 * also writes) or an Ed25519 private JWK. Throws an Error saying what is wrong with the file.
 */
export async function readSigningKey(text: string): Promise<SigningKey> {
  const trimmed = text.trim();
  let privateKey: CryptoKey;
  if (trimmed.startsWith('{')) {
    let jwk: JsonWebKey;
    try {
      jwk = JSON.parse(trimmed) as JsonWebKey;
    } catch (error) {
      throw new Error(`key file looks like JSON but does not parse: ${(error as Error).message}`);
    }
    if (jwk.kty !== 'OKP' || jwk.crv !== SIGNATURE_ALG || typeof jwk.d !== 'string') {
      throw new Error('key file JWK is not an Ed25519 private key (expected kty "OKP", crv "Ed25519" and "d")');
    }
    const { key_ops: _ops, ...rest } = jwk;
    privateKey = await crypto.subtle.importKey('jwk', rest, ED25519, true, ['sign']);
  } else {
    const match = new RegExp(`-----BEGIN ${PEM_LABEL}-----([\\s\\S]*?)-----END ${PEM_LABEL}-----`).exec(trimmed);
    if (!match) throw new Error(`key file is neither a PKCS#8 PEM ("-----BEGIN ${PEM_LABEL}-----") nor a JWK`);
    const der = base64ToBytes(match[1]!.replace(/\s/g, ''));
    if (!der) throw new Error('key file PEM body is not valid base64');
    try {
      privateKey = await crypto.subtle.importKey('pkcs8', der, ED25519, true, ['sign']);
    } catch (error) {
      throw new Error(`key file is not an Ed25519 PKCS#8 private key (${(error as Error).message})`);
    }
  }
  return { privateKey, publicKey: await publicKeyOf(privateKey) };
}

/**
 * Returns a copy of the pack carrying a signature over its sha256. Refuses a pack whose sha256 does
 * not match its content: signing a wrong hash would only produce a pack every reader refuses.
 */
export async function signPack<T extends Pack>(pack: T, key: SigningKey): Promise<T> {
  const actual = await computePackHash(pack);
  if (actual !== pack.sha256) throw new Error(`refusing to sign: sha256 is ${pack.sha256} but the content hashes to ${actual}`);
  const signature = new Uint8Array(await crypto.subtle.sign(ED25519, key.privateKey, signatureMessage(pack.sha256)));
  const signed: PackSignature = { alg: SIGNATURE_ALG, publicKey: key.publicKey, value: bytesToBase64(signature) };
  return { ...pack, signature: signed };
}

/** true/false for a well-formed key and signature; throws only when the runtime lacks Ed25519. */
export async function verifySignatureBytes(publicKey: Uint8Array<ArrayBuffer>, signature: Uint8Array<ArrayBuffer>, sha256: string): Promise<boolean> {
  // Stryker disable next-line BooleanLiteral: equivalent — whether the key could be exported again changes nothing here.
  const key = await crypto.subtle.importKey('raw', publicKey, ED25519, false, ['verify']);
  return crypto.subtle.verify(ED25519, key, signature, signatureMessage(sha256));
}
