/**
 * Pack fingerprints that the compiler (Node) and the extension (browser) compute identically:
 * canonical JSON — object keys sorted, no whitespace, `undefined` dropped as JSON.stringify
 * drops it — hashed with SHA-256 through WebCrypto, which both Node 20 and browsers provide.
 */

function canonicalValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalValue);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    // No prototype: a JSON key "__proto__" must stay an own property (so the hash covers it), not
    // become this object's prototype and vanish from the canonical text.
    const sorted = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(value).sort()) {
      const entry = (value as Record<string, unknown>)[key];
      if (entry !== undefined) sorted[key] = canonicalValue(entry);
    }
    return sorted;
  }
  return value;
}

/** JSON with object keys in code-unit order at every depth; arrays keep their order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalValue(value));
}

/**
 * The exact text a pack's `sha256` is computed over: the pack without its `sha256` field, and
 * without `signature`, which signs that hash and so cannot be part of it.
 */
export function packHashInput(pack: object): string {
  const { sha256: _omitted, signature: _signature, ...rest } = pack as { sha256?: unknown; signature?: unknown };
  return canonicalJson(rest);
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export async function computePackHash(pack: object): Promise<string> {
  return sha256Hex(packHashInput(pack));
}
