import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MatchTerm } from '../../lib/match/types';

const workDir = mkdtempSync(path.join(tmpdir(), 'detect-cli-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = path.join(workDir, name);
  writeFileSync(file, content);
  return file;
}

function runCli(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'tools/detect/cli.ts', ...args], { encoding: 'utf8', input });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const TERMS: MatchTerm[] = [
  { explainerId: '287g-program', text: '287(g)', caseSensitive: false },
  // ICE needs a context word in its block or in the title and headings.
  { explainerId: 'ice', text: 'ICE', caseSensitive: true, context: ['immigration'], minContext: 1 },
];
const termsFile = write('terms.json', JSON.stringify(TERMS));

const PAGE = `<!doctype html><html><head><title>Immigration news</title><style>p{color:red}</style></head><body>
<h1>County ends its jail agreement</h1>
<p>The sheriff signed a 287(g) agreement with ICE last year.</p>
<textarea>287(g) in a form field</textarea>
<pre><code>const program = "287(g)";</code></pre>
<div contenteditable="true">287(g) being edited</div>
<script>document.write("287(g) from a script")</script>
<ul><li>Another 287(g) mention</li></ul>
</body></html>`;

/** Each CLI start loads tsx, and a page run loads happy-dom: seconds each on a busy machine. */
const SLOW = 90_000;

describe('detect CLI', { timeout: SLOW }, () => {
  it('prints each match on an HTML page with its explainer and surrounding words, skipping code, fields and editable text', () => {
    const run = runCli([write('page.html', PAGE), '--terms', termsFile]);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toEqual([
      '287g-program  en  "287(g)"  …The sheriff signed a [287(g)] agreement with ICE last year.…',
      // "ICE" has no context word in its paragraph: the page title supplies "Immigration".
      'ice  en  "ICE"  …sheriff signed a 287(g) agreement with [ICE] last year.…',
      '287g-program  en  "287(g)"  …Another [287(g)] mention…',
    ]);
    expect(run.stderr).toContain(`terms: 2 from ${termsFile}`);
    expect(run.stderr).toMatch(/page\.html: 3 matches in \d+ blocks/);
  });

  it("walks the page with the content script's own rules: hidden and aria-hidden skipped, shadow roots and split terms read, the declared charset honoured", () => {
    const page = `<!doctype html><html><head><meta charset="windows-1252"><title>Noticias</title></head><body>
<p>Año uno: 287(<em>g</em>) split by markup.</p>
<p hidden>287(g) hidden by an attribute</p>
<div aria-hidden="true"><p>287(g) hidden from assistive tech</p></div>
<p><kbd>287(g)</kbd> typed, and <select><option>287(g)</option></select> picked</p>
<div><template shadowrootmode="open"><p>287(g) in a shadow root</p></template></div>
<svg><text>287(g) on a chart</text></svg>
</body></html>`;
    const run = runCli([write('rules.html', Buffer.from(page, 'latin1')), '--terms', termsFile]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual([
      '287g-program  en  "287(g)"  …Año uno: [287(g)] split by markup.…',
      '287g-program  en  "287(g)"  …[287(g)] in a shadow root…',
      '287g-program  en  "287(g)"  …[287(g)] on a chart…',
    ]);
  });

  it('needs the context word somewhere: without the title, ICE is not matched', () => {
    const run = runCli([write('no-context.html', '<p>The sheriff met ICE.</p>'), '--terms', termsFile]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/0 matches in 1 blocks/);
  });

  it('answers JSON lines on stdin with one line each, errors included, skipping blank lines', () => {
    const input = [
      JSON.stringify({ text: 'ICE and 287(g)', fallback: 'Immigration desk' }),
      '',
      JSON.stringify({ text: 'ICE alone' }),
      'not json',
      JSON.stringify({ fallback: 'no text' }),
      JSON.stringify({ text: 'x', fallback: 3 }),
    ].join('\n');
    const run = runCli(['--jsonl', '--terms', termsFile], input);
    expect(run.status).toBe(0);
    const out = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as unknown);
    expect(out).toHaveLength(5);
    expect(out[0]).toEqual({
      matches: [
        { explainer: 'ice', lang: 'en', text: 'ICE', start: 0, end: 3 },
        { explainer: '287g-program', lang: 'en', text: '287(g)', start: 8, end: 14 },
      ],
    });
    expect(out[1]).toEqual({ matches: [] });
    expect(out[2]).toMatchObject({ error: expect.stringMatching(/^not JSON/) });
    expect(out[3]).toEqual({ error: 'expected an object with a string "text"' });
    expect(out[4]).toEqual({ error: '"fallback" must be a string' });
  });

  it('compiles content/explainers when given no terms, so it sees what the next build will ship', () => {
    const run = runCli(['--jsonl'], `${JSON.stringify({ text: 'Under a 287(g) agreement, deputies act for ICE on immigration.' })}\n`);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/terms: \d+ from .*content[/\\]explainers \(compiled now\)/);
    const { matches } = JSON.parse(run.stdout) as { matches: { explainer: string }[] };
    expect(matches.map((m) => m.explainer)).toEqual(expect.arrayContaining(['ice']));
    expect(matches.some((m) => m.explainer.startsWith('287g'))).toBe(true);
  });

  it('reads a compiled pack with --pack', () => {
    const pack = write('pack.json', JSON.stringify({ explainers: [{ id: 'tps', terms: [{ text: 'Temporary Protected Status', caseSensitive: false }] }] }));
    const run = runCli(['--jsonl', '--pack', pack], `${JSON.stringify({ text: 'temporary protected status ends' })}\n`);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ matches: [{ explainer: 'tps', lang: 'en', text: 'temporary protected status', start: 0, end: 26 }] });
  });

  it('exits 2 with usage for wrong arguments, and 1 for unreadable input', () => {
    expect(runCli([]).status).toBe(2);
    expect(runCli([]).stderr).toMatch(/^usage: npm run detect/);
    expect(runCli(['a.html', 'b.html']).status).toBe(2);
    expect(runCli(['--jsonl', 'a.html']).status).toBe(2);
    expect(runCli(['--bogus']).status).toBe(2);
    expect(runCli(['--help']).status).toBe(0);

    const missing = runCli([path.join(workDir, 'missing.html'), '--terms', termsFile]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/missing\.html: ENOENT/);
    const notTerms = runCli(['--jsonl', '--terms', write('object.json', '{}')], '');
    expect(notTerms.status).toBe(1);
    expect(notTerms.stderr).toMatch(/expected an array of terms/);
    const notPack = runCli(['--jsonl', '--pack', write('array.json', '[]')], '');
    expect(notPack.status).toBe(1);
    expect(notPack.stderr).toMatch(/not a pack/);
  });

  describe('with a bilingual pack', () => {
    const translated = (terms: { text: string }[]) => ({
      lang: 'es',
      terms: terms.map((term) => ({ ...term, caseSensitive: false })),
    });
    const pack = write(
      'bilingual.json',
      JSON.stringify({
        explainers: [
          {
            id: 'sanctuary-jurisdictions',
            terms: [{ text: 'sanctuary city', caseSensitive: false }],
            translations: { es: translated([{ text: 'ciudad santuario' }, { text: 'ciudades santuario' }]) },
          },
          { id: 'tps', terms: [{ text: 'Temporary Protected Status', caseSensitive: false }], translations: { es: translated([{ text: 'tepesiano' }]) } },
          { id: 'daca', terms: [{ text: 'DACA', caseSensitive: false }] },
        ],
      }),
    );
    const SPANISH = 'El alcalde defendió las ciudades santuario y habló con un tepesiano sobre DACA en la radio.';
    const ENGLISH = 'The mayor defended the sanctuary city and its Temporary Protected Status holders on DACA.';

    it('matches Spanish terms in Spanish text, accents or not, and keeps English terms of untranslated explainers; each match says its lang', () => {
      const input = [JSON.stringify({ text: SPANISH }), JSON.stringify({ text: SPANISH.normalize('NFD').replace(/\p{M}/gu, '') }), JSON.stringify({ text: ENGLISH })].join('\n');
      const run = runCli(['--jsonl', '--pack', pack], input);
      expect(run.status, run.stderr).toBe(0);
      const [accented, plain, english] = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { matches: { explainer: string; lang: string; text: string }[] });
      expect(accented?.matches.map((m) => [m.explainer, m.lang, m.text])).toEqual([
        ['sanctuary-jurisdictions', 'es', 'ciudades santuario'],
        ['tps', 'es', 'tepesiano'],
        ['daca', 'es', 'DACA'],
      ]);
      expect(plain?.matches.map((m) => m.explainer)).toEqual(['sanctuary-jurisdictions', 'tps', 'daca']);
      expect(english?.matches.map((m) => [m.explainer, m.lang, m.text])).toEqual([
        ['sanctuary-jurisdictions', 'en', 'sanctuary city'],
        ['tps', 'en', 'Temporary Protected Status'],
        ['daca', 'en', 'DACA'],
      ]);
    });

    it('--lang en ignores Spanish terms; --lang es ignores English terms of translated explainers; a line may name its lang', () => {
      const asEnglish = runCli(['--jsonl', '--pack', pack, '--lang', 'en'], `${JSON.stringify({ text: SPANISH })}\n`);
      expect((JSON.parse(asEnglish.stdout) as { matches: { explainer: string; lang: string }[] }).matches).toEqual([
        expect.objectContaining({ explainer: 'daca', lang: 'en' }),
      ]);
      const asSpanish = runCli(['--jsonl', '--pack', pack, '--lang', 'es'], `${JSON.stringify({ text: ENGLISH })}\n${JSON.stringify({ text: ENGLISH, lang: 'en' })}\n`);
      const [forced, own] = asSpanish.stdout.trim().split('\n').map((line) => JSON.parse(line) as { matches: { explainer: string }[] });
      expect(forced?.matches.map((m) => m.explainer)).toEqual(['daca']);
      expect(own?.matches.map((m) => m.explainer)).toEqual(['sanctuary-jurisdictions', 'tps', 'daca']);
      const french = runCli(['--jsonl', '--pack', pack, '--lang', 'fr'], '');
      expect(french.status).toBe(2);
      expect(french.stderr).toMatch(/^--lang must be es, en or auto/);
      const badLine = runCli(['--jsonl', '--pack', pack], `${JSON.stringify({ text: 'x', lang: 'fr' })}\n`);
      expect(JSON.parse(badLine.stdout)).toEqual({ error: '"lang" must be one of en, es' });
    }, SLOW);

    it('reads each block\'s language from the nearest lang attribute on an HTML page, else detects it', () => {
      const page = `<!doctype html><html lang="es"><head><title>Noticias</title></head><body>
<p>Las ciudades santuario y el tepesiano.</p>
<blockquote lang="en">A sanctuary city, said the mayor.</blockquote>
</body></html>`;
      const run = runCli([write('es.html', page), '--pack', pack]);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout.trim().split('\n').map((line) => line.split('  ').slice(0, 3).join(' '))).toEqual([
        'sanctuary-jurisdictions es "ciudades santuario"',
        'tps es "tepesiano"',
        'sanctuary-jurisdictions en "sanctuary city"',
      ]);
    }, SLOW);

    it('detects the language of a block without lang, and of the page when the block is too short', () => {
      // No lang anywhere: a paragraph too short to tell takes the page's title and headings.
      const short = (title: string) => `<html><head><title>${title}</title></head><body><p>Ciudades santuario.</p></body></html>`;
      const spanishPage = runCli([write('untagged-es.html', short('Las noticias de la semana en la radio')), '--pack', pack]);
      expect(spanishPage.stdout).toContain('sanctuary-jurisdictions  es  "Ciudades santuario"');
      const englishPage = runCli([write('untagged-en.html', short('The news of the week on the radio')), '--pack', pack]);
      expect(englishPage.stdout).toBe('');
      const detected = runCli([write('detected.html', `<p>${SPANISH}</p>`), '--pack', pack]);
      expect(detected.stdout).toContain('sanctuary-jurisdictions  es  "ciudades santuario"');
    }, SLOW);
  });
});
