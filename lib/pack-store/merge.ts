import { canonicalJson, sha256Hex } from '../pack-format/hash';
import { PACK_FORMAT, type Explainer, type Pack, type SearchDoc } from '../pack-format/types';
import { searchDocOf } from '../pack-format/search-doc';

/**
 * Merges the reader's enabled packs into the one pack the catalog loads.
 *
 * Order: the caller passes packs in merge order — the bundled pack first, then subscriptions and
 * imported files in the order the reader added them (store.ts `mergeInputs`).
 *
 * Explainer id conflicts: when two packs carry the same explainer id, the explainer with the newer
 * `updated` date wins; on the same date the earlier pack in merge order wins. The winner takes the
 * place of the id's first appearance. Every loser is listed in `conflicts` for the options page.
 *
 * Term conflicts (two explainers claiming the same spelling, e.g. "ICE"): both are kept. The
 * matcher prefers the longest match, and between equally long matches the term listed first,
 * i.e. the explainer that appears earlier in the merged pack. Context and veto rules still apply
 * to each explainer's term separately.
 */

export interface MergeInput {
  /** Store record id (or any label): names the source in conflicts and origins. */
  sourceId: string;
  pack: Pack;
}

interface MergeSide {
  sourceId: string;
  packId: string;
  updated: string;
}

export interface MergeConflict {
  explainerId: string;
  kept: MergeSide;
  dropped: MergeSide;
  reason: 'newer' | 'earlier-source';
}

export interface MergedCatalog {
  /** A valid Pack (search docs for the merged set; no prebuilt Fuse index, the catalog builds its own). */
  pack: Pack;
  conflicts: MergeConflict[];
  /** Explainer id → sourceId of the pack it came from. */
  origins: Record<string, string>;
}

export const MERGED_PACK_ID = 'merged';

interface Slot {
  explainer: Explainer;
  doc: SearchDoc;
  side: MergeSide;
}

function searchDocFor(pack: Pack, explainer: Explainer): SearchDoc {
  // Reuse the compiler's document so the merged index matches what each pack was built with.
  return pack.searchDocs.find((doc) => doc.id === explainer.id) ?? searchDocOf(explainer);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

export async function mergePacks(inputs: readonly MergeInput[]): Promise<MergedCatalog> {
  const slots: Slot[] = [];
  const slotOf = new Map<string, number>();
  const conflicts: MergeConflict[] = [];

  for (const { sourceId, pack } of inputs) {
    for (const explainer of pack.explainers) {
      const candidate: Slot = {
        explainer,
        doc: searchDocFor(pack, explainer),
        side: { sourceId, packId: pack.id, updated: explainer.updated },
      };
      const index = slotOf.get(explainer.id);
      if (index === undefined) {
        slotOf.set(explainer.id, slots.length);
        slots.push(candidate);
        continue;
      }
      const current = slots[index]!;
      // ISO dates compare correctly as strings.
      if (candidate.side.updated > current.side.updated) {
        conflicts.push({ explainerId: explainer.id, kept: candidate.side, dropped: current.side, reason: 'newer' });
        slots[index] = candidate;
      } else {
        conflicts.push({
          explainerId: explainer.id,
          kept: current.side,
          dropped: candidate.side,
          reason: candidate.side.updated === current.side.updated ? 'earlier-source' : 'newer',
        });
      }
    }
  }

  const explainers = slots.map((slot) => slot.explainer);
  const searchDocs = slots.map((slot) => slot.doc);
  const packs = inputs.map((input) => input.pack);
  const unhashed: Omit<Pack, 'sha256'> = {
    format: PACK_FORMAT,
    id: MERGED_PACK_ID,
    name: unique(packs.map((pack) => pack.name)).join(' + ') || 'No packs',
    publisher: unique(packs.map((pack) => pack.publisher)).join(', ') || 'None',
    version: packs.map((pack) => `${pack.id}@${pack.version}`).join('+') || '0',
    updated: packs.reduce((latest, pack) => (pack.updated > latest ? pack.updated : latest), '0000-01-01'),
    explainers,
    searchDocs,
  };
  // The catalog uses sha256 as the term table version, so it must change whenever the merged content
  // does. The merge is a function of its inputs in order, and each input's own sha256 covers its
  // content, so hashing those is enough: hashing the merged JSON cost ~0.5 s per wake at 5,000 explainers.
  const pack: Pack = { ...unhashed, sha256: await sha256Hex(canonicalJson(inputs.map((input) => [input.sourceId, input.pack.sha256]))) };
  const origins = Object.fromEntries(slots.map((slot) => [slot.explainer.id, slot.side.sourceId]));
  return { pack, conflicts, origins };
}
