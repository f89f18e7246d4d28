/** Context words are looked for in at most this much title-and-headings text (the content script and the detect CLI alike). */
export const FALLBACK_TEXT_LIMIT = 4000;

/**
 * The page title, then its h1, h2 and h3 headings, up to `limit` characters: where an ambiguous term
 * looks for context words when its own block has none. Level by level through live tag
 * collections read one item at a time, so it stops at the limit without matching a selector
 * against every element of a long page.
 */
export function pageFallbackText(doc: Document, limit: number): string {
  const parts = [doc.title];
  let length = doc.title.length;
  for (const level of ['h1', 'h2', 'h3']) {
    const headings = doc.getElementsByTagName(level);
    for (let i = 0; length < limit; i++) {
      const heading = headings.item(i);
      if (heading === null) break;
      const text = heading.textContent ?? '';
      parts.push(text);
      length += text.length + 1;
    }
  }
  return parts.join('\n').slice(0, limit);
}
