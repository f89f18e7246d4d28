/** The optional host permission pattern covering a pack URL's origin, or null when it is not http(s). */
export function packOriginPattern(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
    // Match patterns carry no port; "http://127.0.0.1/*" covers every port on that host.
    return `${parsed.protocol}//${parsed.hostname}/*`;
  } catch {
    return null;
  }
}
