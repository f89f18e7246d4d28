import type { Pack } from '../pack-format/types';
import { validatePack, type ValidateOptions } from '../pack-format/validate';
import { DEFAULT_MAX_PACK_BYTES } from './fetch-pack';
import { packSizeProblem } from './pack-file';
import { parseJson } from './parse-json';
import { packProblem, type PackProblem } from './problem';
import { verifyPackSignature } from './verify';

/**
 * The one door for pack text from outside the extension (a subscription download or an imported
 * file): size → JSON → schema and URLs → hash → signature → identity. Each refusal names the
 * step that failed, as a problem (lib/pack-store/problem.ts) the options page words in the reader's
 * language and the reader can pass on to the publisher.
 */

type AcceptStage = 'size' | 'json' | 'schema' | 'hash' | 'signature' | 'identity';

export type AcceptResult =
  | { ok: true; pack: Pack; signedBy?: string }
  | { ok: false; stage: AcceptStage; error: PackProblem };

export interface AcceptOptions {
  /** Base64 Ed25519 public key the pack must be signed with. */
  pinnedKey?: string;
  maxBytes?: number;
  /** The pack id this source delivered before; a different id is refused. */
  expectedPackId?: string;
  httpAllowlist?: ValidateOptions['httpAllowlist'];
}

/** Schema problems shown in one message; the rest are counted so the message stays readable. */
const SHOWN_PROBLEMS = 3;

/** The validator's own words (shared with the pack compiler, so English) inside a translated frame. */
function schemaProblem(errors: readonly string[]): PackProblem {
  const shown = errors.slice(0, SHOWN_PROBLEMS).join('; ');
  return errors.length > SHOWN_PROBLEMS
    ? packProblem('packErrorSchemaMore', [shown, errors.length - SHOWN_PROBLEMS])
    : packProblem('packErrorSchema', [shown]);
}

export async function acceptPackText(text: string, options: AcceptOptions = {}): Promise<AcceptResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_PACK_BYTES;
  const tooLarge = packSizeProblem(new TextEncoder().encode(text).byteLength, maxBytes);
  if (tooLarge) return { ok: false, stage: 'size', error: tooLarge };
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, stage: 'json', error: parsed.error };

  const validation = await validatePack(parsed.value, { httpAllowlist: options.httpAllowlist });
  if (!validation.ok) {
    // Report a hash mismatch on its own only when it is the sole problem; otherwise the schema errors say more.
    if (validation.hash && validation.errors.length === 1) {
      return { ok: false, stage: 'hash', error: packProblem('packErrorHash', [validation.hash.actual, validation.hash.claimed]) };
    }
    return { ok: false, stage: 'schema', error: schemaProblem(validation.errors) };
  }
  const pack = validation.pack;

  const signature = await verifyPackSignature(pack, options.pinnedKey);
  if (!signature.ok) return { ok: false, stage: 'signature', error: signature.error };

  if (options.expectedPackId !== undefined && pack.id !== options.expectedPackId) {
    return { ok: false, stage: 'identity', error: packProblem('packErrorIdChanged', [options.expectedPackId, pack.id]) };
  }
  // Keep the JSON as received, not the schema's output: fields a newer format adds stay covered by the hash.
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent — an unsigned result carries no publicKey, so the guard only narrows the type.
  return { ok: true, pack: parsed.value as Pack, signedBy: signature.ok && signature.signed ? signature.publicKey : undefined };
}
