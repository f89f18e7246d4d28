/**
 * The site the reader sees, as settings.pausedSites stores it (lower-case hostname): the top
 * page's, also inside its iframes (Chrome tells a frame its ancestors' origins).
 */
export function readerSite(): string {
  const ancestors = location.ancestorOrigins;
  const top = ancestors && ancestors.length > 0 ? ancestors[ancestors.length - 1] : null;
  try {
    return new URL(top ?? location.href).hostname.toLowerCase();
  } catch {
    return location.hostname.toLowerCase();
  }
}
