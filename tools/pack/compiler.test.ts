import Fuse from 'fuse.js';
import { describe, expect, it } from 'vitest';
import { BODY, META, TODAY, explainerData, source } from '../../tests/fixtures/pack/sources';
import { compileFolder, compileSources, type SourceFile } from './compiler';
import { PackCompileError, type PackError } from './errors';
import { computePackHash } from '../../lib/pack-format/hash';
import { SEARCH_KEYS } from '../../lib/pack-format/search-doc';
import type { Pack } from '../../lib/pack-format/types';
import { validatePack } from '../../lib/pack-format/validate';

const VALID_DIR = 'tests/fixtures/pack/valid';

function compileErrors(files: SourceFile[], options: { today?: string; httpAllowlist?: { url: string; reason: string }[] } = {}): PackError[] {
  try {
    compileSources(files, META, { today: TODAY, ...options });
  } catch (error) {
    if (error instanceof PackCompileError) return [...error.errors];
    throw error;
  }
  throw new Error('expected the pack to fail to compile');
}

function expectError(errors: PackError[], file: string, field: string, message?: RegExp): void {
  const hit = errors.find((e) => e.file === file && e.field === field && (message === undefined || message.test(e.message)));
  expect(hit, `no error for ${file} ${field} ${String(message)} in:\n${errors.map((e) => `${e.file}: ${e.field}: ${e.message}`).join('\n')}`).toBeDefined();
}

const fileOf = (id: string) => `content/explainers/${id}.md`;

describe('compileFolder on valid sources', () => {
  const pack: Pack = compileFolder(VALID_DIR, META, { today: TODAY });

  it('emits explainers sorted by id with pack metadata', () => {
    expect(pack.explainers.map((e) => e.id)).toEqual(['287g-program', 'ice', 'immigration-detainer']);
    expect(pack).toMatchObject({ format: 1, id: 'test', name: 'Test pack', publisher: 'Tests', updated: '2026-02-18', version: '2026.02.18' });
  });

  it('turns YAML dates and bare years into ISO strings', () => {
    const ice = pack.explainers.find((e) => e.id === 'ice')!;
    expect(ice.updated).toBe('2026-02-18');
    expect(ice.facts[2]!.asOf).toBe('2025-01-15');
    expect(ice.timeline.map((t) => t.date)).toEqual(['2003', '2025-01']);
  });

  it('keeps term rules and defaults caseSensitive to false', () => {
    const ice = pack.explainers.find((e) => e.id === 'ice')!;
    expect(ice.terms[0]).toEqual({
      text: 'ICE',
      caseSensitive: true,
      context: ['immigration', 'deportation', 'detainer', 'agents', 'enforcement'],
      minContext: 1,
      not: ['ICE vehicle', 'ICE futures'],
    });
    expect(ice.terms[1]).toEqual({ text: 'Immigration and Customs Enforcement', caseSensitive: false });
  });

  it('converts sections, including curly apostrophes, "and" for "&", and a trailing colon', () => {
    const program = pack.explainers.find((e) => e.id === '287g-program')!;
    expect(program.sections.happening).toEqual([
      { t: 'p', c: [{ t: 'text', v: 'Local agencies are signing agreements quickly:' }] },
      { t: 'ul', items: [[{ t: 'text', v: 'Florida requires every sheriff to join.' }], [{ t: 'text', v: 'Some states ban the agreements.' }]] },
      { t: 'h3', c: [{ t: 'text', v: 'Models' }] },
      { t: 'ol', items: [[{ t: 'text', v: 'Jail enforcement' }], [{ t: 'text', v: 'Task force' }]] },
    ]);
    expect(program.sections.stake).toEqual([
      { t: 'p', c: [{ t: 'text', v: 'Who does immigration enforcement, and with what ' }, { t: 'code', v: 'oversight' }, { t: 'text', v: '.' }] },
    ]);
    expect(program.sections.matters[0]).toEqual({
      t: 'p',
      c: [
        { t: 'text', v: 'Agreements change how an arrest for a traffic offence can lead to removal. See ' },
        { t: 'link', href: 'https://www.ice.gov/287g', c: [{ t: 'text', v: 'https://www.ice.gov/287g' }] },
        { t: 'text', v: '.' },
      ],
    });
    expect(program.sections.context).toEqual([{ t: 'p', c: [{ t: 'text', v: 'Counts differ by source.' }] }]);
  });

  it('converts emphasis, reference links and quotes', () => {
    const ice = pack.explainers.find((e) => e.id === 'ice')!;
    expect(ice.sections.happening[0]).toEqual({
      t: 'p',
      c: [
        { t: 'text', v: 'ICE agents carry out ' },
        { t: 'strong', c: [{ t: 'text', v: 'arrests' }] },
        { t: 'text', v: ' and run ' },
        { t: 'em', c: [{ t: 'text', v: 'detention' }] },
        { t: 'text', v: ' across the country.' },
      ],
    });
    expect(ice.sections.stake[0]).toMatchObject({ t: 'p', c: [{ t: 'text' }, { t: 'link', href: 'https://www.dhs.gov/' }, { t: 'text', v: '.' }] });
    expect(ice.sections.matters[0]!.t).toBe('quote');
    expect(ice.sections.context).toBeUndefined();
  });

  it('keeps facts with sources, series and allow-listed http URLs', () => {
    const ice = pack.explainers.find((e) => e.id === 'ice')!;
    expect(ice.facts).toHaveLength(4);
    expect(ice.facts[3]!.sources).toContain('http://www.example-archive.org/ice-detainers');
    const program = pack.explainers.find((e) => e.id === '287g-program')!;
    expect(program.series?.[0]?.points.map((p) => p.value)).toEqual([35, 1412]);
  });

  it('writes no prebuilt Fuse index unless asked (the extension builds its own search at load)', () => {
    expect(pack).not.toHaveProperty('searchIndex');
  });

  it('with searchIndex, builds a Fuse index that survives JSON and finds misspelt queries', async () => {
    const indexed = compileFolder(VALID_DIR, META, { today: TODAY, searchIndex: true });
    expect((await validatePack(JSON.parse(JSON.stringify(indexed)), { httpAllowlist: [{ url: 'http://www.example-archive.org/', reason: 'test' }] })).ok).toBe(true);
    const { searchDocs, searchIndex } = JSON.parse(JSON.stringify(indexed)) as Pack;
    if (!searchIndex) throw new Error('no searchIndex written');
    expect(searchDocs.map((d) => d.id)).toEqual(pack.explainers.map((e) => e.id));
    const fuse = new Fuse(searchDocs, { keys: [...SEARCH_KEYS], threshold: 0.4 }, Fuse.parseIndex(searchIndex as never));
    expect(fuse.search('detainr')[0]?.item.id).toBe('immigration-detainer');
    expect(fuse.search('287g')[0]?.item.id).toBe('287g-program');
  });

  it('signs the canonical JSON so the browser-side hash agrees, and the door check accepts it', async () => {
    expect(pack.sha256).toMatch(/^[0-9a-f]{64}$/);
    const roundTripped = JSON.parse(JSON.stringify(pack));
    expect(await computePackHash(roundTripped)).toBe(pack.sha256);
    const validation = await validatePack(roundTripped, { httpAllowlist: [{ url: 'http://www.example-archive.org/', reason: 'test' }] });
    expect(validation).toEqual({ ok: true, pack: roundTripped });
  });

  it('reads files with a byte-order mark and CRLF line endings, keeping body line numbers right', () => {
    const { text } = source(explainerData('alpha'), `${BODY}\nA <b>tag</b>.\n`);
    const crlf = `\uFEFF${text.replace(/\n/g, '\r\n')}`;
    const tagLine = text.split('\n').findIndex((line) => line.includes('<b>')) + 1;
    const errors = compileErrors([{ path: fileOf('alpha'), text: crlf }]);
    expect(errors).toEqual([{ file: fileOf('alpha'), field: 'sections.matters', message: `line ${tagLine}: raw HTML is not allowed; write Markdown` }]);
  });

  it('is deterministic regardless of file order', () => {
    const files = [source(explainerData('alpha')), source(explainerData('beta'))];
    const forward = compileSources(files, META, { today: TODAY });
    const backward = compileSources([...files].reverse(), META, { today: TODAY });
    expect(backward.sha256).toBe(forward.sha256);
    const changed = compileSources([source(explainerData('alpha', { title: 'Other' })), files[1]!], META, { today: TODAY });
    expect(changed.sha256).not.toBe(forward.sha256);
  });
});

describe('compile errors name file and field', () => {
  it('reports schema errors: missing field, unknown field, bad category, bad id', () => {
    const data = explainerData('alpha', { category: 'Weather', colour: 'red' });
    delete data.title;
    const errors = compileErrors([source(data), source(explainerData('Bad_Id'), BODY, fileOf('Bad_Id'))]);
    expectError(errors, fileOf('alpha'), 'title', /required/);
    expectError(errors, fileOf('alpha'), 'colour', /unknown field/);
    expectError(errors, fileOf('alpha'), 'category', /one of/);
    expectError(errors, fileOf('Bad_Id'), 'id', /lowercase/);
  });

  it('collects errors from every file instead of stopping at the first', () => {
    const errors = compileErrors([
      source(explainerData('alpha', { summary: 'x'.repeat(161) })),
      source(explainerData('beta', { updated: 'yesterday' })),
    ]);
    expect(new Set(errors.map((e) => e.file))).toEqual(new Set([fileOf('alpha'), fileOf('beta')]));
  });

  it('formats the thrown message as "file: field: reason" lines', () => {
    try {
      compileSources([source(explainerData('alpha', { summary: 'x'.repeat(161) }))], META, { today: TODAY });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toContain(`${fileOf('alpha')}: summary: summary is 161 characters; at most 160 allowed`);
    }
  });

  it('rejects a key fact without a source', () => {
    const data = explainerData('alpha');
    (data.facts as { sources: string[] }[])[2]!.sources = [];
    expectError(compileErrors([source(data)]), fileOf('alpha'), 'facts[2].sources', /at least one source/);
    const missing = explainerData('beta');
    delete (missing.facts as { sources?: string[] }[])[0]!.sources;
    expectError(compileErrors([source(missing)]), fileOf('beta'), 'facts[0].sources', /required/);
  });

  it.each(['timeline', 'primarySources', 'furtherReading'])('fails the build when %s is missing, empty or not a list', (field) => {
    const missing = explainerData('alpha');
    delete missing[field];
    const errors = compileErrors([
      source(missing),
      source(explainerData('beta', { [field]: [] })),
      source(explainerData('gamma', { [field]: 'see the web' })),
    ]);
    expectError(errors, fileOf('alpha'), field, /^required field is missing$/);
    expectError(errors, fileOf('beta'), field, new RegExp(`${field === 'timeline' ? 'the timeline' : field} is empty; .*at least one`));
    expectError(errors, fileOf('gamma'), field, new RegExp(`^${field} must be a list$`));
    expect(errors.filter((e) => e.field === field).map((e) => e.file)).toEqual([fileOf('alpha'), fileOf('beta'), fileOf('gamma')]);
  });

  it('fails the build with file, field and reason for an empty timeline entry or source', () => {
    const errors = compileErrors([
      source(explainerData('alpha', { timeline: [{ date: '2025', text: ' ' }], furtherReading: [{ title: '', url: 'https://example.org/a' }] })),
    ]);
    expectError(errors, fileOf('alpha'), 'timeline[0].text', /timeline text must not be empty/);
    expectError(errors, fileOf('alpha'), 'furtherReading[0].title', /source title must not be empty/);
  });

  it('rejects too few or too many facts', () => {
    const few = explainerData('alpha');
    few.facts = (few.facts as unknown[]).slice(0, 3);
    expectError(compileErrors([source(few)]), fileOf('alpha'), 'facts', /4 to 8/);
  });

  it('rejects http URLs not in the allow-list, and javascript:, data: and relative URLs anywhere', () => {
    const data = explainerData('alpha', {
      primarySources: [{ title: 'Plain http', url: 'http://example.gov/page' }],
      furtherReading: [{ title: 'Script', url: 'javascript:alert(1)' }],
      timeline: [{ date: '2025', text: 'Event', sources: ['/relative/path'] }],
    });
    (data.facts as { sources: string[] }[])[1]!.sources = ['data:text/html,<b>x</b>'];
    const body = `${BODY}\nSee [here](javascript:alert(1)) and [there](../other.md).\n`;
    const errors = compileErrors([source(data, body)]);
    expectError(errors, fileOf('alpha'), 'primarySources[0].url', /http-allowlist/);
    expectError(errors, fileOf('alpha'), 'furtherReading[0].url', /javascript: URLs are not allowed/);
    expectError(errors, fileOf('alpha'), 'facts[1].sources[0]', /data: URLs are not allowed/);
    expectError(errors, fileOf('alpha'), 'timeline[0].sources[0]', /relative URL/);
    expectError(errors, fileOf('alpha'), 'sections.matters', /line \d+: link: javascript:/);
    expectError(errors, fileOf('alpha'), 'sections.matters', /line \d+: link: relative URL/);
  });

  it('accepts an allow-listed http URL (exact or by prefix)', () => {
    const data = explainerData('alpha', { primarySources: [{ title: 'Archive', url: 'http://archive.example.org/a/b' }] });
    const pack = compileSources([source(data)], META, {
      today: TODAY,
      httpAllowlist: [{ url: 'http://archive.example.org/', reason: 'no https' }],
    });
    expect(pack.explainers[0]!.primarySources[0]!.url).toBe('http://archive.example.org/a/b');
  });

  it('still checks URLs and related ids in a file whose schema fails', () => {
    const data = explainerData('alpha', { related: ['nowhere'], primarySources: [{ title: 'x', url: 'javascript:void(0)' }] });
    delete data.summary;
    const errors = compileErrors([source(data)]);
    expectError(errors, fileOf('alpha'), 'summary', /required/);
    expectError(errors, fileOf('alpha'), 'primarySources[0].url', /javascript:/);
    expectError(errors, fileOf('alpha'), 'related[0]', /no explainer has id "nowhere"/);
  });

  it('rejects a duplicate id', () => {
    const errors = compileErrors([
      source(explainerData('alpha'), BODY, 'one/alpha.md'),
      source(explainerData('alpha', { terms: [{ text: 'other' }] }), BODY, 'two/alpha.md'),
    ]);
    expectError(errors, 'two/alpha.md', 'id', /duplicate id "alpha" \(also used by one\/alpha.md\)/);
  });

  it('rejects an id that differs from the file name', () => {
    expectError(compileErrors([source(explainerData('alpha'), BODY, fileOf('beta'))]), fileOf('beta'), 'id', /file name "beta"/);
  });

  it('rejects a term claimed by two explainers, comparing normalised spellings', () => {
    const errors = compileErrors([
      source(explainerData('alpha', { terms: [{ text: '287(g)' }] })),
      source(explainerData('beta', { terms: [{ text: 'x' }, { text: '287 G' }] })),
    ]);
    expectError(errors, fileOf('beta'), 'terms[1].text', /also claimed by explainer "alpha"/);
    expectError(errors, fileOf('alpha'), 'terms[0].text', /also claimed by explainer "beta"/);
  });

  it('rejects a case-insensitive term against a case-sensitive one, and context on only one side', () => {
    const errors = compileErrors([
      source(explainerData('alpha', { terms: [{ text: 'ICE', caseSensitive: true, context: ['immigration'] }] })),
      source(explainerData('beta', { terms: [{ text: 'ice' }] })),
    ]);
    expectError(errors, fileOf('beta'), 'terms[0].text', /alpha/);
  });

  it('allows the same spelling when case-sensitive spellings differ or both have different context', () => {
    const pack = compileSources(
      [
        source(explainerData('alpha', { terms: [{ text: 'ICE', caseSensitive: true }, { text: 'Sanctuary', context: ['city'] }] })),
        source(explainerData('beta', { terms: [{ text: 'Ice', caseSensitive: true }, { text: 'sanctuary', context: ['church'] }] })),
      ],
      META,
      { today: TODAY },
    );
    expect(pack.explainers).toHaveLength(2);
    const sameContext = compileErrors([
      source(explainerData('alpha', { terms: [{ text: 'Sanctuary', context: ['City'] }] })),
      source(explainerData('beta', { terms: [{ text: 'sanctuary', context: ['city'] }] })),
    ]);
    expectError(sameContext, fileOf('beta'), 'terms[0].text');
  });

  it('rejects term rules that can never apply', () => {
    const errors = compileErrors([
      source(explainerData('alpha', { terms: [{ text: 'ICE', minContext: 2, context: ['agents'], not: ['Vanilla Ice', 'Vanilla Sky'] }] })),
    ]);
    expectError(errors, fileOf('alpha'), 'terms[0].minContext', /needs more context words/);
    expectError(errors, fileOf('alpha'), 'terms[0].not[1]', /does not contain the term/);
    expect(errors.some((e) => e.field === 'terms[0].not[0]')).toBe(false);
  });

  it('rejects a related id that does not exist, but not one whose file merely failed', () => {
    const broken = explainerData('beta');
    delete broken.title;
    const errors = compileErrors([source(explainerData('alpha', { related: ['beta', 'gamma'] })), source(broken)]);
    expectError(errors, fileOf('alpha'), 'related[1]', /no explainer has id "gamma"/);
    expect(errors.some((e) => e.field === 'related[0]')).toBe(false);
  });

  it('rejects a missing or unknown section and an empty required section', () => {
    const body = `## What's happening\nText.\n\n## What is this\nText.\n\n## Why it matters\n`;
    const errors = compileErrors([source(explainerData('alpha'), body)]);
    expectError(errors, fileOf('alpha'), 'sections.stake', /missing required section "## What's at stake"/);
    expectError(errors, fileOf('alpha'), 'body', /unknown section "## What is this"/);
    expectError(errors, fileOf('alpha'), 'sections.matters', /is empty/);
  });

  it('rejects a summary over 160 and a fact over 240 characters', () => {
    const data = explainerData('alpha', { summary: 's'.repeat(161) });
    (data.facts as { text: string }[])[3]!.text = 'f'.repeat(241);
    const errors = compileErrors([source(data)]);
    expectError(errors, fileOf('alpha'), 'summary', /161 characters; at most 160/);
    expectError(errors, fileOf('alpha'), 'facts[3].text', /241 characters; at most 240/);
  });

  it('accepts exactly 160 and 240 characters', () => {
    const data = explainerData('alpha', { summary: 's'.repeat(160) });
    (data.facts as { text: string }[])[3]!.text = 'f'.repeat(240);
    expect(compileSources([source(data)], META, { today: TODAY }).explainers[0]!.summary).toHaveLength(160);
  });

  it('rejects dates in the future relative to the injected today', () => {
    const data = explainerData('alpha', { updated: '2026-02-21', timeline: [{ date: '2026-03', text: 'Later' }] });
    (data.facts as { asOf?: string }[])[0]!.asOf = '2026-02-21';
    const errors = compileErrors([source(data)]);
    expectError(errors, fileOf('alpha'), 'updated', /in the future \(today is 2026-02-20\)/);
    expectError(errors, fileOf('alpha'), 'facts[0].asOf', /future/);
    expectError(errors, fileOf('alpha'), 'timeline[0].date', /future/);
    const sameMonth = explainerData('beta', { updated: TODAY, timeline: [{ date: '2026-02', text: 'This month' }] });
    expect(() => compileSources([source(sameMonth)], META, { today: TODAY })).not.toThrow();
  });

  it('rejects impossible dates and a timeline out of order', () => {
    const impossible = explainerData('alpha', { updated: '2026-02-30' });
    const unordered = explainerData('beta', {
      timeline: [
        { date: '2020', text: 'A' },
        { date: '2019-05', text: 'B' },
      ],
    });
    const errors = compileErrors([source(impossible), source(unordered)]);
    expectError(errors, fileOf('alpha'), 'updated', /not a real calendar date/);
    expectError(errors, fileOf('beta'), 'timeline[1].date', /oldest first/);
  });

  it('rejects an impossible date written without quotes instead of rolling it over to a real one', () => {
    const quoted = source(explainerData('alpha', { timeline: [{ date: '2025-11', text: 'A' }] }));
    const unquote = (text: string) => text.replace(/^updated: .*$/m, 'updated: 2026-02-30').replace(/date: 2025-11$/m, 'date: 2025-13-01');
    const file = { ...quoted, text: unquote(quoted.text) };
    expect(file.text).toMatch(/^updated: 2026-02-30$/m);
    expect(file.text).toMatch(/date: 2025-13-01$/m);
    const errors = compileErrors([file]);
    expectError(errors, fileOf('alpha'), 'updated', /"2026-02-30" is not a real calendar date/);
    expectError(errors, fileOf('alpha'), 'timeline[0].date', /"2025-13-01" is not a real calendar date/);
  });

  it('rejects raw HTML and images with the line number', () => {
    const body = `## What's happening\nText <span>inline</span>.\n\n<div>block</div>\n\n## What's at stake\n![map](https://example.gov/map.png)\n\n## Why it matters\nOk.\n`;
    const file = source(explainerData('alpha'), body);
    const lineOf = (needle: string) => file.text.split('\n').findIndex((line) => line.includes(needle)) + 1;
    const errors = compileErrors([file]);
    expectError(errors, fileOf('alpha'), 'sections.happening', new RegExp(`^line ${lineOf('<span>')}: raw HTML`));
    expectError(errors, fileOf('alpha'), 'sections.happening', new RegExp(`^line ${lineOf('<div>')}: raw HTML`));
    expectError(errors, fileOf('alpha'), 'sections.stake', new RegExp(`^line ${lineOf('![map]')}: images are not allowed`));
  });

  it('reports YAML syntax errors with the line and refuses executable front matter', () => {
    const errors = compileErrors([
      { path: fileOf('alpha'), text: `---\nid: alpha\ntitle: "unclosed\nsummary: x\n---\n${BODY}` },
      { path: fileOf('beta'), text: `---js\n{ id: (() => { globalThis.pwned = true; return 'beta' })() }\n---\n${BODY}` },
      { path: fileOf('gamma'), text: BODY },
    ]);
    expectError(errors, fileOf('alpha'), 'front matter', /YAML error/);
    expectError(errors, fileOf('beta'), 'front matter', /"---" line/);
    expectError(errors, fileOf('gamma'), 'front matter', /"---" line/);
    expect((globalThis as { pwned?: boolean }).pwned).toBeUndefined();
  });

  it('names a folder that does not exist', () => {
    expect(() => compileFolder('tests/fixtures/pack/missing', META)).toThrow('tests/fixtures/pack/missing: (folder): folder not found');
  });

  it('fails an empty folder and bad pack metadata', () => {
    try {
      compileSources([], { id: 'Bad Id', name: '', publisher: 'P' }, { today: TODAY });
      expect.unreachable();
    } catch (error) {
      const errors = (error as PackCompileError).errors;
      expectError([...errors], '(pack)', 'explainers', /no explainer files/);
      expectError([...errors], '(pack)', 'id');
      expectError([...errors], '(pack)', 'name');
    }
  });
});

describe('compileSources freshness rules', () => {
  const figureFact = { text: 'ICE data showed 1,412 active agreements across 40 states.', sources: ['https://www.ice.gov/287g'] };
  const plainFacts = (id: string) => (explainerData(id).facts as unknown[]).slice(0, 3);

  it('requires asOf on a fact that states a figure, naming the line and the words', () => {
    const file = source(explainerData('alpha', { facts: [...plainFacts('alpha'), figureFact] }));
    const errors = compileErrors([file]);
    const line = file.text.split('\n').findIndex((text) => text.includes('1,412 active')) + 1;
    expectError(errors, file.path, 'facts[3].asOf', new RegExp(`^line ${line}: .*"1,412 active", "40 states".*no asOf`));
  });

  it('requires asOf on a changeable status, and accepts the fact once it has one', () => {
    const pending = { text: 'The ruling barred removals pending further proceedings.', sources: ['https://www.supremecourt.gov/x'] };
    expectError(compileErrors([source(explainerData('alpha', { facts: [...plainFacts('alpha'), pending] }))]), fileOf('alpha'), 'facts[3].asOf', /"pending"/);
    const pack = compileSources([source(explainerData('alpha', { facts: [...plainFacts('alpha'), { ...pending, asOf: '2025-05-16' }] }))], META, { today: TODAY });
    expect(pack.explainers[0]!.facts[3]).toEqual({ ...pending, asOf: '2025-05-16' });
  });

  it('does not ask for asOf when the only numbers are years, dates or statute numbers', () => {
    const facts = [
      ...plainFacts('alpha'),
      { text: 'Section 287(g) (8 U.S.C. 1357(g)) was added in 1996; EO 14159 of Jan 20, 2025 revived it; see Form I-247A.', sources: ['https://www.ice.gov/287g'] },
    ];
    expect(() => compileSources([source(explainerData('alpha', { facts }))], META, { today: TODAY })).not.toThrow();
  });

  it('refuses an updated date older than an asOf in the same file', () => {
    const facts = [...plainFacts('alpha'), { ...figureFact, asOf: '2026-02-13' }];
    expectError(compileErrors([source(explainerData('alpha', { updated: '2026-02-01', facts }))]), fileOf('alpha'), 'updated', /2026-02-01 is older than facts\[3\]\.asOf 2026-02-13/);
  });

  it('refuses tracking parameters in fact sources, source lists and links in the text', () => {
    const facts = [...plainFacts('alpha'), { text: 'Joining is voluntary.', sources: ['https://www.ice.gov/287g?os=vbkn42tqho'] }];
    const furtherReading = [{ title: 'Reporting', url: 'https://example.org/story?utm_source=newsletter&utm_medium=email' }];
    const body = BODY.replace('It matters.', 'It matters ([report](https://example.org/r?fbclid=IwAR0)).');
    const errors = compileErrors([source(explainerData('alpha', { facts, furtherReading }), body)]);
    expectError(errors, fileOf('alpha'), 'facts[3].sources[0]', /tracking parameters \(os\)/);
    expectError(errors, fileOf('alpha'), 'furtherReading[0].url', /tracking parameters \(utm_source, utm_medium\)/);
    expectError(errors, fileOf('alpha'), 'sections.matters[0].c', /tracking parameters \(fbclid\)/);
  });

  it('copies corrections, quantity and the pack staleAfterDays into the pack', () => {
    const facts = [...plainFacts('alpha'), { ...figureFact, asOf: '2026-01-30', quantity: '287g-agreements-active' }];
    const corrections = [{ date: '2026-02-01', text: 'The count was 1,412, not 1,421.' }];
    const pack = compileSources([source(explainerData('alpha', { facts, corrections }))], { ...META, staleAfterDays: 90 }, { today: TODAY });
    expect(pack.staleAfterDays).toBe(90);
    expect(pack.explainers[0]!.facts[3]).toEqual({ ...figureFact, asOf: '2026-01-30', quantity: '287g-agreements-active' });
    expect(pack.explainers[0]!.corrections).toEqual(corrections);
    expect(() => compileSources([source(explainerData('alpha'))], { ...META, staleAfterDays: 0 }, { today: TODAY })).toThrow(/staleAfterDays/);
  });
});
