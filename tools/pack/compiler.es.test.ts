import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { META, TODAY, explainerData, source } from '../../tests/fixtures/pack/sources';
import { BODY_ES, spanishData, spanishSource } from '../../tests/support/es-sources';
import { compileFolder, compileSources, type SourceFile } from './compiler';
import { PackCompileError, type PackError } from './errors';
import { validatePack } from '../../lib/pack-format/validate';
import type { Pack } from '../../lib/pack-format/types';

function compileErrors(files: SourceFile[]): PackError[] {
  try {
    compileSources(files, META, { today: TODAY });
  } catch (error) {
    if (error instanceof PackCompileError) return [...error.errors];
    throw error;
  }
  throw new Error('expected the pack to fail to compile');
}

const describeErrors = (errors: readonly PackError[]) => errors.map((e) => `${e.file}: ${e.field}: ${e.message}`).join('\n');

function expectError(errors: PackError[], file: string, field: string, message?: RegExp): void {
  const hit = errors.find((e) => e.file === file && e.field === field && (message === undefined || message.test(e.message)));
  expect(hit, `no error for ${file} ${field} ${String(message)} in:\n${describeErrors(errors)}`).toBeDefined();
}

const ES = (id: string) => `content/explainers/es/${id}.md`;

describe('compiling Spanish translations', () => {
  const pack = compileSources(
    [
      source(explainerData('alpha', { related: ['beta'] })),
      source(explainerData('beta')),
      spanishSource(spanishData('alpha', { related: ['beta'], updated: '2026-02-10' })),
    ],
    META,
    { today: TODAY },
  );
  const alpha = pack.explainers.find((e) => e.id === 'alpha')!;

  it('puts the translation on its English explainer, with the Spanish headings read into sections', () => {
    expect(pack.explainers.map((e) => e.id)).toEqual(['alpha', 'beta']);
    expect(alpha.title).toBe('Title of alpha');
    expect(alpha.lang).toBeUndefined();
    const es = alpha.translations?.es;
    expect(es).toMatchObject({ lang: 'es', title: 'Título de alpha', summary: 'Resumen de alpha.', updated: '2026-02-10' });
    expect(es?.terms).toEqual([{ text: 'término alpha', caseSensitive: false }]);
    expect(es?.sections.happening).toEqual([{ t: 'p', c: [{ t: 'text', v: 'Algo está pasando.' }] }]);
    expect(es?.sections.matters).toEqual([{ t: 'p', c: [{ t: 'text', v: 'Importa.' }] }]);
    // Shared fields are not repeated in the translation.
    expect(Object.keys(es ?? {})).not.toContain('id');
    expect(Object.keys(es ?? {})).not.toContain('category');
    expect(Object.keys(es ?? {})).not.toContain('related');
  });

  it('leaves an explainer without a translation as it was', () => {
    expect(pack.explainers.find((e) => e.id === 'beta')?.translations).toBeUndefined();
  });

  it('produces a pack the door accepts after a JSON round trip', async () => {
    const result = await validatePack(JSON.parse(JSON.stringify(pack)) as Pack);
    expect(result.ok, result.ok ? '' : result.errors.join('\n')).toBe(true);
  });

  it('keeps the English-only pack byte for byte when no translation exists', () => {
    const files = [source(explainerData('alpha')), source(explainerData('beta'))];
    const before = compileSources(files, META, { today: TODAY });
    const withEnglishLang = compileSources([source(explainerData('alpha', { lang: 'en' })), files[1]!], META, { today: TODAY });
    expect(withEnglishLang.sha256).toBe(before.sha256);
  });
});

describe('Spanish compile errors', () => {
  it('refuses a translation without an English explainer, naming the Spanish file', () => {
    const errors = compileErrors([source(explainerData('alpha')), spanishSource(spanishData('gamma'))]);
    expectError(errors, ES('gamma'), 'id', /no English explainer has id "gamma"/);
  });

  it('names es/<id>.md in a field error', () => {
    const errors = compileErrors([
      source(explainerData('alpha')),
      spanishSource(spanishData('alpha', { summary: 'x'.repeat(161), facts: [] })),
    ]);
    expectError(errors, ES('alpha'), 'summary', /161 characters/);
    expectError(errors, ES('alpha'), 'facts', /key facts/);
    expect(errors.every((e) => e.file === ES('alpha')), describeErrors(errors)).toBe(true);
  });

  it('wants the Spanish headings in a Spanish file and names them', () => {
    const english = `## What's happening\nA.\n\n## What's at stake\nB.\n\n## Why it matters\nC.\n`;
    const errors = compileErrors([source(explainerData('alpha')), spanishSource(spanishData('alpha'), english)]);
    expectError(errors, ES('alpha'), 'body', /unknown section "## What's happening"; expected one of "## Qué está pasando"/);
    expectError(errors, ES('alpha'), 'sections.happening', /missing required section "## Qué está pasando"/);
  });

  it('accepts the optional "Datos clave y contexto" section, case-insensitively', () => {
    const body = `${BODY_ES}\n## DATOS CLAVE Y CONTEXTO\nLas cifras varían.\n`;
    const pack = compileSources([source(explainerData('alpha')), spanishSource(spanishData('alpha'), body)], META, { today: TODAY });
    expect(pack.explainers[0]?.translations?.es?.sections.context).toEqual([{ t: 'p', c: [{ t: 'text', v: 'Las cifras varían.' }] }]);
  });

  it('needs lang: es in es/ and refuses another language at the top', () => {
    const { lang: _lang, ...noLang } = spanishData('alpha');
    const errors = compileErrors([source(explainerData('alpha', { lang: 'es' })), spanishSource(noLang), source(explainerData('beta'))]);
    expectError(errors, ES('alpha'), 'lang', /needs "lang: es"/);
    expectError(errors, 'content/explainers/alpha.md', 'lang', /top folder holds English/);
  });

  it('keeps category and related shared with the English explainer', () => {
    const errors = compileErrors([
      source(explainerData('alpha', { related: ['beta'] })),
      source(explainerData('beta')),
      spanishSource(spanishData('alpha', { category: 'Federal programs', related: ['alpha-x'] })),
    ]);
    expectError(errors, ES('alpha'), 'category', /keep the English value/);
    expectError(errors, ES('alpha'), 'related', /related ids are shared/);
  });

  it('applies the figure rule to Spanish facts with Spanish dates and names', () => {
    const facts = [
      { text: 'Hay 1.412 acuerdos activos en 40 estados.', sources: ['https://example.gov/a'] },
      { text: 'La orden, firmada el 20 de enero de 2025, está bloqueada por un juez.', sources: ['https://example.gov/b'] },
      { text: 'La Orden Ejecutiva 14159 y la sección 287(g) rigen el programa.', sources: ['https://example.gov/c'] },
      { text: 'La detención puede durar hasta 48 horas.', sources: ['https://example.gov/d'] },
    ];
    const errors = compileErrors([source(explainerData('alpha')), spanishSource(spanishData('alpha', { facts }))]);
    const asOf = errors.filter((e) => e.field.endsWith('.asOf')).map((e) => e.field);
    expect(asOf, describeErrors(errors)).toEqual(['facts[0].asOf', 'facts[1].asOf']);
    expectError(errors, ES('alpha'), 'facts[0].asOf', /"1.412 acuerdos"/);
    expectError(errors, ES('alpha'), 'facts[1].asOf', /"bloqueada"/);
  });

  it('applies the URL rules to Spanish files', () => {
    const errors = compileErrors([
      source(explainerData('alpha')),
      spanishSource(spanishData('alpha', { primarySources: [{ title: 'Página', url: 'https://example.gov/?utm_source=x' }], furtherReading: [{ title: 'x', url: 'http://example.org/' }] })),
    ]);
    expectError(errors, ES('alpha'), 'primarySources[0].url', /tracking parameters/);
    expectError(errors, ES('alpha'), 'furtherReading[0].url', /https/);
  });

  it('refuses two explainers claiming one Spanish spelling, and a Spanish spelling that an untranslated English explainer claims', () => {
    const errors = compileErrors([
      source(explainerData('alpha')),
      source(explainerData('beta', { terms: [{ text: 'deportación' }] })),
      source(explainerData('gamma')),
      spanishSource(spanishData('alpha', { terms: [{ text: 'Deportacion' }, { text: 'asilo político' }] })),
      spanishSource(spanishData('gamma', { terms: [{ text: 'Asilo politico' }] })),
    ]);
    expectError(errors, ES('alpha'), 'terms[0].text', /also claimed by explainer "beta"/);
    expectError(errors, 'content/explainers/beta.md', 'terms[0].text', /also claimed by explainer "alpha"/);
    expectError(errors, ES('gamma'), 'terms[0].text', /also claimed by explainer "alpha"/);
    expectError(errors, ES('alpha'), 'terms[1].text', /also claimed by explainer "gamma"/);
  });

  it('lets a Spanish spelling equal another explainer\'s English one when that explainer is translated (they never meet in one block)', () => {
    const pack = compileSources(
      [
        source(explainerData('alpha')),
        source(explainerData('beta', { terms: [{ text: 'asilo' }] })),
        spanishSource(spanishData('alpha', { terms: [{ text: 'asilo' }] })),
        spanishSource(spanishData('beta')),
      ],
      META,
      { today: TODAY },
    );
    expect(pack.explainers.map((e) => e.translations?.es?.terms[0]?.text)).toEqual(['asilo', 'término beta']);
  });
});

describe('compileFolder with an es/ folder', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ce-es-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads es/<id>.md as Spanish and reports errors under the es/ path', () => {
    mkdirSync(path.join(dir, 'es'));
    writeFileSync(path.join(dir, 'alpha.md'), source(explainerData('alpha')).text);
    writeFileSync(path.join(dir, 'es', 'alpha.md'), spanishSource(spanishData('alpha')).text);
    const pack = compileFolder(dir, META, { today: TODAY });
    expect(pack.explainers[0]?.translations?.es?.title).toBe('Título de alpha');

    writeFileSync(path.join(dir, 'es', 'orphan.md'), spanishSource(spanishData('orphan')).text);
    let errors: readonly PackError[] = [];
    try {
      compileFolder(dir, META, { today: TODAY });
    } catch (error) {
      if (error instanceof PackCompileError) errors = error.errors;
    }
    expect(errors.map((e) => [e.file, e.field])).toEqual([[path.join(dir, 'es', 'orphan.md'), 'id']]);
  });
});
