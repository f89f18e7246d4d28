/** How many topic names an empty popup offers. */
const SUGGESTION_COUNT = 4;

/**
 * A few explainers to offer as searches: one per category (so they show the range of topics), the
 * shortest title of each, so they fit on buttons in a 320 px popup. Always the same for the same packs.
 */
export function suggestedTopics(explainers: readonly { title: string; category: string }[], count = SUGGESTION_COUNT): string[] {
  const byCategory = new Map<string, string>();
  for (const { title, category } of explainers) {
    const best = byCategory.get(category);
    if (best === undefined || title.length < best.length || (title.length === best.length && title < best)) byCategory.set(category, title);
  }
  const picked = [...byCategory.values()].sort((a, b) => a.length - b.length || a.localeCompare(b)).slice(0, count);
  if (picked.length >= count) return picked;
  // Fewer categories than buttons: fill up with the next shortest titles.
  const rest = explainers.map((explainer) => explainer.title).filter((title) => !picked.includes(title));
  return [...picked, ...rest.sort((a, b) => a.length - b.length || a.localeCompare(b)).slice(0, count - picked.length)];
}
