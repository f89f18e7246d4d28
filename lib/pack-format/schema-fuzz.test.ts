// Property tests for the door check: no JSON value, and no single-field mutation of a good pack, makes
// validatePack throw; whatever it accepts has only safe URLs and builds a working catalog and matcher.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import allowlistJson from '../../content/http-allowlist.json';
import { buildPack } from '../../tests/support/pack-fixtures';
import { Catalog } from '../catalog/catalog';
import { createMatcher, type MatchTerm } from '../match';
import type { Pack } from './types';
import { explainerUrls, urlProblem, type HttpAllowlistEntry } from './urls';
import { validatePack } from './validate';

const allowlist = allowlistJson as HttpAllowlistEntry[];
const good = buildPack('fuzz', [{ id: 'alpha' }, { id: 'beta', terms: [{ text: 'ICE', caseSensitive: true, context: ['immigration'] }] }]);

/** Every path to a value inside the pack, as a list of keys. */
function allPaths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((item, i) => allPaths(item, [...prefix, i], out));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) allPaths(item, [...prefix, key], out);
  return out;
}
// The search index is large and opaque (Fuse's own format); sample its top level only, not its every number.
const paths = allPaths(good).filter((path) => path[0] !== 'searchIndex' || path.length <= 2);

function withValueAt(pack: Pack, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(pack) as unknown as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path.at(-1)!] = replacement;
  return copy;
}

/** Text with the characters pages use to hide or reorder words, around and inside term spellings. */
const hostileText = fc
  .array(
    fc.oneof(
      fc.constantFrom('ICE', '287(g)', 'immigration', 'alpha', 'Alpha', '\u202e', '\u202d', '\u2066', '\u200d', '\u200c', '\u200b', '\u0301', '\ud800', '\udc00', '\ufeff', ' '),
      fc.string({ unit: 'binary', maxLength: 6 }),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

async function expectUsableIfAccepted(input: unknown, text: string): Promise<void> {
  const result = await validatePack(input, { verifyHash: false });
  if (!result.ok) {
    expect(result.errors.length).toBeGreaterThan(0);
    for (const error of result.errors) expect(error).toMatch(/^[^:]+: \S/);
    return;
  }
  for (const explainer of result.pack.explainers) {
    for (const { url } of explainerUrls(explainer)) {
      expect(urlProblem(url, allowlist), url).toBeNull();
      expect(url).toMatch(/^https?:\/\//);
    }
  }
  const catalog = new Catalog(result.pack);
  expect(Array.isArray(catalog.search('x'))).toBe(true);
  const found = createMatcher(catalog.termTable().terms).match(text);
  for (const match of found) {
    expect(match.start).toBeGreaterThanOrEqual(0);
    expect(match.end).toBeLessThanOrEqual(text.length);
    expect(match.text).toBe(text.slice(match.start, match.end));
  }
}

describe('validatePack under fuzzing', () => {
  it('never throws on arbitrary JSON values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const result = await validatePack(value);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws when one field of a good pack is replaced by any JSON value; what it accepts is safe and usable', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 3 }), hostileText, async (path, replacement, text) => {
        await expectUsableIfAccepted(withValueAt(good, path, replacement), text);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws when a string field of a good pack gets a hostile string (URLs, markup, surrogates)', async () => {
    const stringPaths = paths.filter((path) => typeof path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], good) === 'string');
    const hostileString = fc.oneof(
      fc.constantFrom('javascript:alert(1)', 'data:text/html,<b>', 'vbscript:x', '/rel', '//host/x', 'http://evil.example/', 'https://ok.example/', '<script>alert(1)</script>', ''),
      fc.string({ unit: 'binary', maxLength: 20 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...stringPaths), hostileString, hostileText, async (path, replacement, text) => {
        await expectUsableIfAccepted(withValueAt(good, path, replacement), text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('createMatcher with hostile term spellings', () => {
  it('never throws and keeps offsets in range for any term text and any page text', () => {
    const terms = fc.array(
      fc.record({
        text: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }), hostileText.filter((t) => t.length > 0)),
        caseSensitive: fc.boolean(),
        not: fc.option(fc.array(fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }), { maxLength: 2 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 5 },
    );
    fc.assert(
      fc.property(terms, hostileText, (specs, text) => {
        const table: MatchTerm[] = specs.map((spec, i) => ({ ...spec, explainerId: `e${i}` }));
        const found = createMatcher(table).match(text);
        for (const match of found) {
          expect(match.start).toBeGreaterThanOrEqual(0);
          expect(match.end).toBeLessThanOrEqual(text.length);
          expect(match.start).toBeLessThan(match.end);
          expect(match.text).toBe(text.slice(match.start, match.end));
        }
      }),
      { numRuns: 300 },
    );
  });
});
