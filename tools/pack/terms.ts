import type { TermSpec } from '../../lib/pack-format/types';

/**
 * Spelling keys for deciding whether two terms claim the same words. The matcher treats
 * "287(g)", "287 (g)" and "287-g" alike, so the key drops spaces, punctuation and accents;
 * case is folded unless both sides are case-sensitive ("ICE" and "Ice" can then coexist).
 */
export function termKey(text: string, keepCase: boolean): string {
  const folded = text.normalize('NFKD').replace(/\p{M}/gu, '');
  const compact = folded.replace(/[^\p{L}\p{N}]+/gu, '');
  return keepCase ? compact : compact.toLowerCase();
}

function contextSet(term: TermSpec): string {
  return [...new Set((term.context ?? []).map((word) => termKey(word, false)))].sort().join('\u0000');
}

/**
 * Two spellings compete for the same text unless the matcher can tell them apart: different
 * keys, or both gated by context rules that look for different words.
 */
function termsCollide(a: TermSpec, b: TermSpec): boolean {
  const keepCase = a.caseSensitive && b.caseSensitive;
  if (termKey(a.text, keepCase) !== termKey(b.text, keepCase)) return false;
  const bothHaveContext = (a.context?.length ?? 0) > 0 && (b.context?.length ?? 0) > 0;
  return !(bothHaveContext && contextSet(a) !== contextSet(b));
}

export interface OwnedTerm {
  file: string;
  explainerId: string;
  index: number;
  term: TermSpec;
}

export interface TermCollision {
  first: OwnedTerm;
  second: OwnedTerm;
}

/** Colliding pairs between different explainers, bucketed by case-folded key so the work stays near-linear in the term count. */
export function findTermCollisions(terms: readonly OwnedTerm[]): TermCollision[] {
  const buckets = new Map<string, OwnedTerm[]>();
  for (const owned of terms) {
    const key = termKey(owned.term.text, false);
    const bucket = buckets.get(key);
    if (bucket) bucket.push(owned);
    else buckets.set(key, [owned]);
  }
  const collisions: TermCollision[] = [];
  for (const bucket of buckets.values()) {
    for (let i = 0; i < bucket.length; i++) {
      for (let j = i + 1; j < bucket.length; j++) {
        const first = bucket[i]!;
        const second = bucket[j]!;
        // Variant spellings inside one explainer ("HB444", "HB 444") are redundant, not a conflict.
        if (first.explainerId === second.explainerId) continue;
        if (termsCollide(first.term, second.term)) collisions.push({ first, second });
      }
    }
  }
  return collisions;
}
