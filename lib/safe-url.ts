/**
 * The render-time link check. Pack data is validated when it is loaded, but a link still passes
 * through here right before it becomes an `href`, so a bug or a bad pack can never turn into a
 * `javascript:` link in a page or in an extension page.
 */

/** The URL to put in an `href`, or null when it must be shown as plain text instead. */
export function safeHref(url: unknown): string | null {
  if (typeof url !== 'string' || url === '') return null;
  // The URL parser silently drops tabs/newlines ("java\tscript:"), so refuse them before parsing.
  if (/[\s\p{Cc}]/u.test(url)) return null;
  // Require the scheme to be written out: "//evil.example" or "/path" would resolve against the page.
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme !== 'https' && scheme !== 'http') return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  if (parsed.hostname === '') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href;
}

/** A short, recognisable name for a source link: its host without "www.", e.g. "ice.gov". */
export function sourceHost(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./i, '');
  } catch {
    return url;
  }
}
