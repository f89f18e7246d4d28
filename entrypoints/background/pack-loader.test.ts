import { describe, expect, it } from 'vitest';
import { compileSources } from '../../tools/pack/compiler';
import { validatePack } from '../../lib/pack-format/validate';
import { loadPackCatalog, PackLoadError } from './pack-loader';

function explainerSource(id: string, title: string, term: string): { path: string; text: string } {
  const facts = ['one', 'two', 'three', 'four']
    .map((n) => `  - text: "Fact ${n} about ${title}."\n    sources: ["https://www.ice.gov/287g"]`)
    .join('\n');
  return {
    path: `content/explainers/${id}.md`,
    text: `---
id: ${id}
title: "${title}"
summary: "A short summary of ${title}."
category: "Federal programs"
updated: "2026-02-18"
related: []
terms:
  - text: "${term}"
facts:
${facts}
timeline:
  - { date: "2025-01", text: "Something happened to ${title}." }
primarySources:
  - { title: "ICE 287(g)", url: "https://www.ice.gov/287g", publisher: "ICE" }
furtherReading:
  - { title: "Reporting", url: "https://www.ice.gov/287g" }
---

## What's happening
Something is happening.

## What's at stake
Something is at stake.

## Why it matters
It matters.
`,
  };
}

/** The pack exactly as the extension would ship it: compiled, then serialised to JSON. */
function shippedPackJson(): string {
  const pack = compileSources(
    [explainerSource('287g-program', '287(g) program', '287(g)'), explainerSource('sanctuary-jurisdictions', 'Sanctuary jurisdictions', 'sanctuary city')],
    { id: 'default', name: 'Test', publisher: 'Tests' },
    { today: '2026-03-01' },
  );
  return JSON.stringify(pack);
}

const respond = (body: string, status = 200) => async () => new Response(body, { status });

describe('loadPackCatalog', () => {
  it('loads a compiled pack through the real validator into a working catalog', async () => {
    const catalog = await loadPackCatalog('chrome-extension://x/packs/default.json', 'packs/default.json', (json) => validatePack(json), respond(shippedPackJson()));
    expect(catalog.size).toBe(2);
    // The card previews three of the explainer's four facts and says how many there are.
    expect(catalog.card('287g-program')?.facts).toHaveLength(3);
    expect(catalog.card('287g-program')?.factCount).toBe(4);
    expect(catalog.search('sanctuery')[0]?.id).toBe('sanctuary-jurisdictions');
    expect(catalog.search('287 g')[0]?.id).toBe('287g-program');
    expect(catalog.termTable().version).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a pack whose content was altered after it was hashed, naming the pack and field', async () => {
    const tampered = shippedPackJson().replace('A short summary of 287(g) program.', 'Injected text.');
    const loading = loadPackCatalog('u', 'packs/default.json', (json) => validatePack(json), respond(tampered));
    await expect(loading).rejects.toBeInstanceOf(PackLoadError);
    await expect(loading).rejects.toThrow(/packs\/default\.json: sha256/);
  });

  it('reports every validation error', async () => {
    const loading = loadPackCatalog('u', 'p.json', () => ({ ok: false, errors: ['a: bad', 'b: worse'] }), respond('{}'));
    await expect(loading).rejects.toThrow(/2 validation error\(s\)\n {2}p\.json: a: bad\n {2}p\.json: b: worse/);
  });

  it('reports an HTTP failure', async () => {
    await expect(loadPackCatalog('u', 'p.json', () => ({ ok: false, errors: [] }), respond('', 404))).rejects.toThrow(
      'Could not load pack p.json: HTTP 404',
    );
  });

  it('reports a body that is not JSON', async () => {
    await expect(loadPackCatalog('u', 'p.json', () => ({ ok: false, errors: [] }), respond('{oops'))).rejects.toThrow(
      /p\.json: not valid JSON/,
    );
  });

  it('reports a fetch that throws', async () => {
    const failing = () => Promise.reject(new TypeError('Failed to fetch'));
    await expect(loadPackCatalog('u', 'p.json', () => ({ ok: false, errors: [] }), failing)).rejects.toThrow(
      /p\.json: fetch failed \(Failed to fetch\)/,
    );
  });
});
