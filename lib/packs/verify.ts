import {
  ED25519_PUBLIC_KEY_BYTES,
  ED25519_SIGNATURE_BYTES,
  SIGNATURE_ALG,
  base64ToBytes,
  bytesToBase64,
  verifySignatureBytes,
} from '../pack/sign';
import type { Pack } from '../pack/types';

/**
 * Checks a pack's publisher signature. Precondition: the pack passed `validatePack`, which proved
 * that `sha256` matches the content; the signature is over that hash (see lib/pack/sign.ts).
 *
 * Without a pinned key a signature only proves the pack is intact, not who made it (anyone can
 * sign with their own key), so a bad signature is still refused but any signer is accepted.
 */

export type SignatureProblem = 'unsigned' | 'key-mismatch' | 'bad-signature' | 'bad-key' | 'unsupported';

export type SignatureCheck =
  | { ok: true; signed: boolean; publicKey?: string }
  | { ok: false; problem: SignatureProblem; error: string };

/** The pinned key in canonical base64, or null when it is not a 32-byte Ed25519 public key. */
export function normalizePublicKey(text: string): string | null {
  const bytes = base64ToBytes(text);
  return bytes && bytes.length === ED25519_PUBLIC_KEY_BYTES ? bytesToBase64(bytes) : null;
}

export async function verifyPackSignature(pack: Pack, pinnedPublicKey?: string): Promise<SignatureCheck> {
  const pinned = pinnedPublicKey === undefined ? undefined : normalizePublicKey(pinnedPublicKey);
  if (pinned === null) {
    return { ok: false, problem: 'bad-key', error: 'signature: the pinned key is not a base64 Ed25519 public key (32 bytes)' };
  }
  const signature = pack.signature;
  if (!signature) {
    return pinned
      ? { ok: false, problem: 'unsigned', error: 'signature: the pack is not signed, but a publisher key is pinned for it' }
      : { ok: true, signed: false };
  }
  if (signature.alg !== SIGNATURE_ALG) {
    return { ok: false, problem: 'unsupported', error: `signature: unsupported algorithm ${JSON.stringify(signature.alg)}` };
  }
  const publicKey = base64ToBytes(signature.publicKey);
  if (!publicKey || publicKey.length !== ED25519_PUBLIC_KEY_BYTES) {
    return { ok: false, problem: 'bad-key', error: 'signature.publicKey: not a base64 Ed25519 public key (32 bytes)' };
  }
  const signedBy = bytesToBase64(publicKey);
  if (pinned && signedBy !== pinned) {
    return {
      ok: false,
      problem: 'key-mismatch',
      error: `signature: signed by key ${signedBy}, but the pinned publisher key is ${pinned}`,
    };
  }
  const value = base64ToBytes(signature.value);
  if (!value || value.length !== ED25519_SIGNATURE_BYTES) {
    return { ok: false, problem: 'bad-signature', error: 'signature.value: not a base64 Ed25519 signature (64 bytes)' };
  }
  let valid: boolean;
  try {
    valid = await verifySignatureBytes(publicKey, value, pack.sha256);
  } catch (error) {
    // Chromium before 137 has no Ed25519 in WebCrypto; say so instead of calling the pack bad.
    return {
      ok: false,
      problem: 'unsupported',
      error: `signature: this browser cannot verify Ed25519 signatures (${(error as Error).message})`,
    };
  }
  return valid
    ? { ok: true, signed: true, publicKey: signedBy }
    : { ok: false, problem: 'bad-signature', error: 'signature: does not match the pack (altered after signing, or signed by another key)' };
}
