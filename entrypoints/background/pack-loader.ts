import { Catalog } from '../../lib/catalog/catalog';
import type { Pack } from '../../lib/pack-format/types';

export type PackValidation = { ok: true; pack: Pack } | { ok: false; errors: readonly unknown[] };
/** `validatePack` from lib/pack-format/validate.ts, or a stand-in in tests. */
export type PackValidator = (json: unknown) => PackValidation | Promise<PackValidation>;

export class PackLoadError extends Error {
  constructor(sourceName: string, reason: string) {
    super(`Could not load pack ${sourceName}: ${reason}`);
    this.name = 'PackLoadError';
  }
}

function describeError(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object') {
    const { file, field, message } = error as { file?: unknown; field?: unknown; message?: unknown };
    if (typeof message === 'string') return [file, field, message].filter((part) => typeof part === 'string').join(': ');
  }
  return String(error);
}

/**
 * Fetches a pack shipped inside the extension and validates it at the door; everything after this
 * trusts the pack. Throws PackLoadError naming the pack and every problem found.
 */
export async function loadPackCatalog(
  url: string,
  sourceName: string,
  validate: PackValidator,
  fetchPack: (url: string) => Promise<Response> = (input) => fetch(input),
): Promise<Catalog> {
  return new Catalog(await loadPack(url, sourceName, validate, fetchPack));
}

/** Like loadPackCatalog, but hands back the validated pack itself (to merge with the reader's packs). */
export async function loadPack(
  url: string,
  sourceName: string,
  validate: PackValidator,
  fetchPack: (url: string) => Promise<Response> = (input) => fetch(input),
): Promise<Pack> {
  let response: Response;
  try {
    response = await fetchPack(url);
  } catch (error) {
    throw new PackLoadError(sourceName, `fetch failed (${describeError(error)})`);
  }
  if (!response.ok) throw new PackLoadError(sourceName, `HTTP ${response.status}`);
  let json: unknown;
  try {
    json = await response.json();
  } catch (error) {
    throw new PackLoadError(sourceName, `not valid JSON (${describeError(error)})`);
  }
  const result = await validate(json);
  if (!result.ok) {
    const details = result.errors.map((error) => `  ${sourceName}: ${describeError(error)}`).join('\n');
    throw new PackLoadError(sourceName, `${result.errors.length} validation error(s)\n${details}`);
  }
  return result.pack;
}
