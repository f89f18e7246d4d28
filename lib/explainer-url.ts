/**
 * The full explainer page inside the extension: one explainer (`#<id>`), the index (no id), or the
 * index searching `query` (`?q=`). Every surface that links or opens it builds the path here.
 */
export function explainerPath(id: string | null, query?: string): string {
  if (id !== null && id !== '') return `/explainer.html#${encodeURIComponent(id)}`;
  const text = (query ?? '').trim();
  return text === '' ? '/explainer.html' : `/explainer.html?q=${encodeURIComponent(text)}`;
}
