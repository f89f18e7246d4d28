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

/** The part of `browser.permissions` subscribing uses. */
export interface PermissionsRequester {
  request(permissions: { origins: string[] }): Promise<boolean>;
}

/**
 * The options page's subscribe action. It asks for host access to the pack's origin first, while
 * the click that subscribes is still a user gesture (so before any await). The answer is not
 * awaited: with access the download skips CORS; without it (refused, or no prompt at all, as in a
 * headless browser) a server that allows CORS still works, as the publisher README asks, so the
 * subscription goes ahead either way and a download that then fails says why in the pack list.
 */
export function subscribeWithOriginAccess<R>(
  permissions: PermissionsRequester,
  subscribe: (url: string, pinnedKey?: string) => Promise<R>,
): (url: string, pinnedKey?: string) => Promise<R> {
  return (url, pinnedKey) => {
    const pattern = packOriginPattern(url);
    if (pattern) permissions.request({ origins: [pattern] }).catch(() => false);
    return subscribe(url, pinnedKey);
  };
}
