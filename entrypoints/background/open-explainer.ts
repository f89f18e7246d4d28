/** Longest selection the context menu passes on; a search needs a phrase, not a page. */
export const MAX_QUERY_LENGTH = 200;

/** The selection as a search query: whitespace collapsed and cut to a sensible length. */
export function queryFromSelection(selection: string): string {
  return selection.replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_LENGTH);
}

/** Chrome's omnibox descriptions are XML: escape the text so a title with "&" or "<" shows as written. */
export function escapeOmniboxXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Omnibox suggestions carry this prefix before an explainer id, so picking one opens that explainer. */
export const OMNIBOX_ID_PREFIX = 'explainer:';

/** What Enter in the omnibox opens: a picked suggestion's explainer, or a search for the typed text. */
export function omniboxTarget(text: string): { id: string; query?: string } {
  const trimmed = text.trim();
  if (trimmed.startsWith(OMNIBOX_ID_PREFIX)) return { id: trimmed.slice(OMNIBOX_ID_PREFIX.length) };
  return { id: '', query: trimmed };
}
