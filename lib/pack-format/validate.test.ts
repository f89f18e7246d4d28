import { describe, expect, it } from 'vitest';
import { META, TODAY, explainerData, source } from '../../tests/fixtures/pack/sources';
import { compileSources } from '../../tools/pack/compiler';
import { buildSearchIndex } from './search-doc';
import { computePackHash } from './hash';
import type { Pack } from './types';
import { validatePack } from './validate';

const BODY_WITH_LINK = `## What's happening
Read [the statute](https://www.congress.gov/).

## What's at stake
Stake.

## Why it matters
Matters.
`;

/** A freshly compiled pack as the extension would receive it: parsed JSON, not the compiler's objects. */
function compiledPack(): Pack {
  const pack = compileSources(
    [source(explainerData('alpha', { related: ['beta'] }), BODY_WITH_LINK), source(explainerData('beta'))],
    META,
    { today: TODAY },
  );
  return JSON.parse(JSON.stringify(pack)) as Pack;
}

async function resign(pack: Pack): Promise<Pack> {
  pack.sha256 = await computePackHash(pack);
  return pack;
}

function expectRejected(result: Awaited<ReturnType<typeof validatePack>>, pattern: RegExp): void {
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.errors.some((e) => pattern.test(e)), result.errors.join('\n')).toBe(true);
}

describe('validatePack', () => {
  it('accepts a compiled pack, as an object or as JSON text', async () => {
    const pack = compiledPack();
    const result = await validatePack(pack);
    expect(result).toEqual({ ok: true, pack });
    expect((await validatePack(JSON.stringify(pack))).ok).toBe(true);
  });

  it('rejects a pack whose content no longer matches its hash', async () => {
    const pack = compiledPack();
    pack.explainers[0]!.summary = 'Quietly edited after signing.';
    expectRejected(await validatePack(pack), /^sha256: content hash is [0-9a-f]{64}, pack claims/);
  });

  it('rejects an added field the schema would drop, because the hash covers the input as received', async () => {
    const pack = compiledPack() as Pack & { extra?: string };
    pack.extra = 'smuggled';
    expectRejected(await validatePack(pack), /^sha256:/);
  });

  it('rejects javascript:, data: and non-allow-listed http URLs even when the hash is right', async () => {
    const pack = compiledPack();
    const paragraph = pack.explainers[0]!.sections.happening[0]!;
    if (paragraph.t !== 'p' || paragraph.c[1]?.t !== 'link') throw new Error('fixture changed: expected a link');
    paragraph.c[1].href = 'javascript:alert(document.cookie)';
    pack.explainers[1]!.facts[0]!.sources = ['data:text/html;base64,PHNjcmlwdD4='];
    pack.explainers[1]!.primarySources[0]!.url = 'http://example.gov/';
    const result = await validatePack(await resign(pack));
    expectRejected(result, /^explainers\[0\]\.sections\.happening\[0\]\.c: javascript: URLs are not allowed/);
    expectRejected(result, /^explainers\[1\]\.facts\[0\]\.sources\[0\]: data: URLs are not allowed/);
    expectRejected(result, /^explainers\[1\]\.primarySources\[0\]\.url: http URL/);
    const allowed = await validatePack(pack, { httpAllowlist: [{ url: 'http://example.gov/', reason: 'test' }] });
    if (allowed.ok) throw new Error('javascript: and data: must still be rejected');
    expect(allowed.errors.some((e) => e.includes('primarySources'))).toBe(false);
  });

  it('rejects wrong types with the field path', async () => {
    const pack = compiledPack() as unknown as Record<string, any>;
    pack.explainers[1].facts[2].text = 42;
    pack.explainers[0].terms[0].caseSensitive = 'yes';
    pack.explainers[0].sections.stake = [{ t: 'script', c: [] }];
    pack.format = 2;
    const result = await validatePack(pack);
    expectRejected(result, /^explainers\[1\]\.facts\[2\]\.text: /);
    expectRejected(result, /^explainers\[0\]\.terms\[0\]\.caseSensitive: /);
    expectRejected(result, /^explainers\[0\]\.sections\.stake\[0\]\.t: /);
    expectRejected(result, /^format: unsupported pack format/);
  });

  it('rejects limits the card relies on and search docs out of step with explainers', async () => {
    const pack = compiledPack();
    pack.explainers[0]!.summary = 'x'.repeat(161);
    expectRejected(await validatePack(await resign(pack)), /^explainers\[0\]\.summary: at most 160/);
    const short = compiledPack();
    short.searchDocs.pop();
    expectRejected(await validatePack(await resign(short)), /^searchDocs: 1 documents for 2 explainers/);
    const renamed = compiledPack();
    renamed.searchDocs[1]!.id = 'gamma';
    expectRejected(await validatePack(await resign(renamed)), /^searchDocs\[1\]\.id: no explainer has id "gamma"$/);
  });

  it('rejects input that is not a pack at all', async () => {
    expectRejected(await validatePack('{not json'), /^\(json\): not valid JSON/);
    expectRejected(await validatePack(null), /^\(pack\): /);
  });

  it('refuses a value nested 64 levels deep, and only from that depth', async () => {
    const nestedArrays = (levels: number): unknown => {
      let value: unknown = [];
      for (let i = 1; i < levels; i++) value = [value];
      return value;
    };
    // The pack object is level 0, so its field's outermost array is level 1.
    const atLimit = await validatePack({ ...compiledPack(), extra: nestedArrays(63) });
    const overLimit = await validatePack({ ...compiledPack(), extra: nestedArrays(64) });
    expect(atLimit.ok === false && atLimit.errors.some((e) => e.includes('nested'))).toBe(false);
    expectRejected(overLimit, /^extra(\[0\]){63}: nested more than 64 levels deep$/);
  });

  it('checks a prebuilt search index against the search keys and the documents', async () => {
    const pack = compiledPack();
    const index = buildSearchIndex(pack.searchDocs);
    const withIndex = JSON.parse(JSON.stringify({ ...pack, searchIndex: index })) as Pack;
    expect((await validatePack(await resign(withIndex))).ok).toBe(true);

    const otherKeys = structuredClone(withIndex);
    otherKeys.searchIndex!.keys = otherKeys.searchIndex!.keys.slice(1);
    expectRejected(await validatePack(await resign(otherKeys)), /^searchIndex\.keys: expected the search keys title, .* as the compiler writes them$/);

    const fewerRecords = structuredClone(withIndex);
    fewerRecords.searchIndex!.records = fewerRecords.searchIndex!.records.slice(1);
    expectRejected(await validatePack(await resign(fewerRecords)), /^searchIndex\.records: 1 records for 2 search documents$/);
  });
});
