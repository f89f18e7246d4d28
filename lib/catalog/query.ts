/**
 * Statute subsections are written many ways ("287 g", "287g", "287-g", "287 (g)") but authored as
 * "287(g)"; fuzzy search alone scores "287 g" poorly against the short term, so search that spelling too.
 */
const SUBSECTION = /\b(\d{2,4})\s*(?:\(\s*([a-z])\s*\)|[-\s]?([a-z]))(?![\p{L}\p{N}])/giu;

/** The query as typed plus, when it differs, the canonical statute spelling. Empty input gives none. */
export function searchVariants(query: string): string[] {
  const typed = query.normalize('NFKC').replace(/\s+/g, ' ').trim();
  if (typed.length === 0) return [];
  const canonical = typed.replace(
    SUBSECTION,
    (_whole, section: string, bracketed?: string, bare?: string) =>
      // Stryker disable next-line StringLiteral: unreachable — the pattern always captures the letter in one of its two forms.
      `${section}(${(bracketed ?? bare ?? '').toLowerCase()})`,
  );
  return canonical === typed ? [typed] : [typed, canonical];
}
