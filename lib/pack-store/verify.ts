import {
  ED25519_PUBLIC_KEY_BYTES,
  ED25519_SIGNATURE_BYTES,
  SIGNATURE_ALG,
  base64ToBytes,
  bytesToBase64,
  verifySignatureBytes,
} from '../pack-format/sign';
import type { Pack } from '../pack-format/types';
import { packProblem, type PackProblem } from './problem';

/**
 * Checks a pack's publisher signature. Precondition: the pack passed `validatePack`, which proved
 * that `sha256` matches the content; the signature is over that hash (see lib/pack-format/sign.ts).
 *
 * Without a pinned key a signature only proves the pack is intact, not who made it (anyone can
 * sign with their own key), so a bad signature is still refused but any signer is accepted.
 */

type SignatureProblem = 'unsigned' | 'key-mismatch' | 'bad-signature' | 'bad-key' | 'unsupported';

export type SignatureCheck =
  | { ok: true; signed: boolean; publicKey?: string }
  | { ok: false; problem: SignatureProblem; error: PackProblem };

/** The pinned key in canonical base64, or null when it is not a 32-byte Ed25519 public key. */
export function normalizePublicKey(text: string): string | null {
  const bytes = base64ToBytes(text);
  return bytes && bytes.length === ED25519_PUBLIC_KEY_BYTES ? bytesToBase64(bytes) : null;
}

export async function verifyPackSignature(pack: Pack, pinnedPublicKey?: string): Promise<SignatureCheck> {
  const pinned = pinnedPublicKey === undefined ? undefined : normalizePublicKey(pinnedPublicKey);
  if (pinned === null) {
    return { ok: false, problem: 'bad-key', error: packProblem('packErrorPinnedKeyInvalid') };
  }
  const signature = pack.signature;
  if (!signature) {
    return pinned
      ? { ok: false, problem: 'unsigned', error: packProblem('packErrorUnsigned') }
      : { ok: true, signed: false };
  }
  if (signature.alg !== SIGNATURE_ALG) {
    return { ok: false, problem: 'unsupported', error: packProblem('packErrorSignatureAlgorithm', [JSON.stringify(signature.alg)]) };
  }
  const publicKey = base64ToBytes(signature.publicKey);
  if (!publicKey || publicKey.length !== ED25519_PUBLIC_KEY_BYTES) {
    return { ok: false, problem: 'bad-key', error: packProblem('packErrorSignatureKeyInvalid') };
  }
  const signedBy = bytesToBase64(publicKey);
  if (pinned && signedBy !== pinned) {
    return { ok: false, problem: 'key-mismatch', error: packProblem('packErrorKeyMismatch', [signedBy, pinned]) };
  }
  const value = base64ToBytes(signature.value);
  if (!value || value.length !== ED25519_SIGNATURE_BYTES) {
    return { ok: false, problem: 'bad-signature', error: packProblem('packErrorSignatureValueInvalid') };
  }
  let valid: boolean;
  try {
    valid = await verifySignatureBytes(publicKey, value, pack.sha256);
  } catch (error) {
    // Chromium before 137 has no Ed25519 in WebCrypto; say so instead of calling the pack bad.
    return { ok: false, problem: 'unsupported', error: packProblem('packErrorEd25519Unsupported', [(error as Error).message]) };
  }
  return valid
    ? { ok: true, signed: true, publicKey: signedBy }
    : { ok: false, problem: 'bad-signature', error: packProblem('packErrorSignatureBad') };
}
