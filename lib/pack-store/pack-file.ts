import { DEFAULT_MAX_PACK_BYTES } from './fetch-pack';
import { packProblem, type PackProblem } from './problem';

/** The pack door's size rule (lib/pack-store/accept.ts), on a byte count: null when `bytes` is within the limit. */
export function packSizeProblem(bytes: number, maxBytes: number = DEFAULT_MAX_PACK_BYTES): PackProblem | null {
  return bytes > maxBytes ? packProblem('packErrorTooLargeBytes', [bytes, maxBytes]) : null;
}

export type PackFileRead = { ok: true; text: string } | { ok: false; error: PackProblem };

/**
 * Reads a pack file the reader picked, refusing one over the size limit before reading a byte of
 * it (the door would refuse it anyway, after the whole file sat in memory twice).
 */
export async function readPackFile(file: Pick<File, 'name' | 'size' | 'text'>, maxBytes: number = DEFAULT_MAX_PACK_BYTES): Promise<PackFileRead> {
  const tooLarge = packSizeProblem(file.size, maxBytes);
  if (tooLarge) return { ok: false, error: packProblem('packErrorInFile', [file.name], tooLarge) };
  return { ok: true, text: await file.text() };
}
