import { DEFAULT_MAX_PACK_BYTES } from './fetch-pack';
import { packProblem, type PackProblem } from './problem';

/** The pack door's size rule (lib/packs/accept.ts), on a byte count: null when `bytes` is within the limit. */
export function packSizeProblem(bytes: number, maxBytes: number = DEFAULT_MAX_PACK_BYTES): PackProblem | null {
  return bytes > maxBytes ? packProblem('packErrorTooLargeBytes', [bytes, maxBytes]) : null;
}
