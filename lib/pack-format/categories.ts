/** The fixed shelf of explainer categories; the popup groups by these, so new ones need a design decision. */
export const CATEGORIES = [
  'Agencies',
  'Federal programs',
  'Laws & orders',
  'Legal process',
  'Immigration status',
  'State & local policy',
] as const;

export type Category = (typeof CATEGORIES)[number];

/** The fixed categories in their authored order, then categories a pack adds, alphabetically. */
export function compareCategories(a: string, b: string): number {
  const rank = (category: string) => {
    const index = (CATEGORIES as readonly string[]).indexOf(category);
    return index === -1 ? CATEGORIES.length : index;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}
