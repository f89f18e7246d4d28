import * as v from 'valibot';
import allowlistJson from '../../content/http-allowlist.json';
import { computePackHash } from './hash';
import { issuePath } from './issues';
import { packSchema } from './pack-schema';
import { type Pack } from './types';
import { SEARCH_KEYS } from './search-doc';
import { explainerUrls, urlProblem, type HttpAllowlist, type HttpAllowlistEntry } from './urls';

/**
 * The door check for a compiled pack, run by the background before a pack is trusted: shape,
 * safe URLs, consistent search docs and an intact hash. Imports no Markdown or YAML code so it
 * can ship in the extension. Every problem is reported as "field.path: reason".
 */

export type PackValidation =
  | { ok: true; pack: Pack }
  /** `hash` is set when the content hash did not match, so callers need not parse `errors`. */
  | { ok: false; errors: string[]; hash?: { actual: string; claimed: string } };

export interface ValidateOptions {
  /** Defaults to the bundled content/http-allowlist.json. */
  httpAllowlist?: HttpAllowlist;
  /** Off only for packs built in memory that were never serialised (tests, dev tools). */
  verifyHash?: boolean;
}

const bundledAllowlist = allowlistJson as HttpAllowlistEntry[];

/**
 * Deeper than any real pack (quotes in quotes add two levels each). The schema and the hash recurse,
 * so a hostile pack nested thousands deep would overflow the stack instead of getting an error.
 */
const MAX_PACK_NESTING = 64;

/** The path of the first value nested deeper than MAX_PACK_NESTING, walked without recursion. */
function tooDeepPath(json: unknown): string | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: json, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    // The root sits at depth 0, so the path of a value this deep is never empty.
    if (depth >= MAX_PACK_NESTING) return path;
    if (Array.isArray(value)) value.forEach((item, i) => stack.push({ value: item, path: `${path}[${i}]`, depth: depth + 1 }));
    else for (const [key, item] of Object.entries(value)) stack.push({ value: item, path: path ? `${path}.${key}` : key, depth: depth + 1 });
  }
  return null;
}

function crossChecks(pack: Pack, indexRecords: number | null, allowlist: HttpAllowlist): string[] {
  const errors: string[] = [];
  const seen = new Set<string>();
  pack.explainers.forEach((explainer, i) => {
    if (seen.has(explainer.id)) errors.push(`explainers[${i}].id: duplicate id "${explainer.id}"`);
    seen.add(explainer.id);
    const own = explainer.lang ?? 'en';
    for (const [key, translation] of Object.entries(explainer.translations ?? {})) {
      // Stryker disable next-line ConditionalExpression: unreachable from JSON — it has no undefined, and the schema refuses null; the guard narrows the type.
      if (!translation) continue;
      if (translation.lang !== key) errors.push(`explainers[${i}].translations.${key}.lang: "${translation.lang}" under the key "${key}"`);
      if (key === own) errors.push(`explainers[${i}].translations.${key}: the explainer itself is in "${own}"; a translation must be another language`);
    }
    for (const { field, url } of explainerUrls(explainer)) {
      const problem = urlProblem(url, allowlist);
      if (problem) errors.push(`explainers[${i}].${field}: ${problem}`);
    }
  });
  if (pack.searchDocs.length !== pack.explainers.length) {
    errors.push(`searchDocs: ${pack.searchDocs.length} documents for ${pack.explainers.length} explainers`);
  }
  pack.searchDocs.forEach((doc, i) => {
    if (!seen.has(doc.id)) errors.push(`searchDocs[${i}].id: no explainer has id "${doc.id}"`);
  });
  const expectedKeys = SEARCH_KEYS.map(({ name, weight }) => ({ path: [name], id: name, weight, src: name }));
  if (pack.searchIndex && JSON.stringify(pack.searchIndex.keys) !== JSON.stringify(expectedKeys)) {
    errors.push(`searchIndex.keys: expected the search keys ${SEARCH_KEYS.map((key) => key.name).join(', ')} as the compiler writes them`);
  }
  if (indexRecords !== null && indexRecords !== pack.searchDocs.length) {
    errors.push(`searchIndex.records: ${indexRecords} records for ${pack.searchDocs.length} search documents`);
  }
  return errors;
}

/** Accepts the parsed JSON (or its text) and returns the typed pack, or every reason to refuse it. */
export async function validatePack(input: unknown, options: ValidateOptions = {}): Promise<PackValidation> {
  let json = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch (error) {
      return { ok: false, errors: [`(json): not valid JSON: ${(error as Error).message}`] };
    }
  }
  const deepPath = tooDeepPath(json);
  if (deepPath !== null) return { ok: false, errors: [`${deepPath}: nested more than ${MAX_PACK_NESTING} levels deep`] };
  const result = v.safeParse(packSchema, json);
  if (!result.success) {
    return { ok: false, errors: result.issues.map((issue) => `${issuePath(issue) || '(pack)'}: ${issue.message}`) };
  }
  const pack: Pack = result.output;
  const errors = crossChecks(pack, result.output.searchIndex?.records.length ?? null, options.httpAllowlist ?? bundledAllowlist);
  let hash: { actual: string; claimed: string } | undefined;
  if (options.verifyHash !== false) {
    // Hash the input as received, so fields this version of the schema drops are covered too.
    const actual = await computePackHash(json as object);
    if (actual !== pack.sha256) {
      hash = { actual, claimed: pack.sha256 };
      errors.push(`sha256: content hash is ${actual}, pack claims ${pack.sha256} (altered or corrupted)`);
    }
  }
  if (errors.length === 0) return { ok: true, pack };
  return hash ? { ok: false, errors, hash } : { ok: false, errors };
}
