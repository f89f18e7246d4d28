import { compileSources } from '../../tools/pack/compiler';
import { computePackHash } from '../../lib/pack-format/hash';
import type { Pack } from '../../lib/pack-format/types';
import { TODAY, explainerData, source } from '../fixtures/pack/sources';

/** Packs for lib/pack-store tests, compiled by the real compiler so they pass the real door check. */

export interface ExplainerFixture {
  id: string;
  updated?: string;
  title?: string;
  summary?: string;
  terms?: { text: string; caseSensitive?: boolean; context?: string[] }[];
}

export function buildPack(packId: string, explainers: readonly ExplainerFixture[], version = '1'): Pack {
  const files = explainers.map(({ id, ...overrides }) =>
    source(explainerData(id, Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)))),
  );
  const pack = compileSources(files, { id: packId, name: `Pack ${packId}`, publisher: `Publisher of ${packId}`, version }, { today: TODAY });
  // As the extension receives it: plain parsed JSON, not the compiler's objects.
  return JSON.parse(JSON.stringify(pack)) as Pack;
}

/** Re-hashes after a test edits a pack, as a careless (or hostile) re-publisher would. */
export async function rehash(pack: Pack): Promise<Pack> {
  return { ...pack, sha256: await computePackHash(pack) };
}
