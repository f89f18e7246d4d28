import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { explainerData, source } from '../../tests/fixtures/pack/sources';
import { spanishData, spanishSource } from '../../tests/support/es-sources';
import { readExplainerFolder } from '../pack/compiler';
import { auditSources } from './core';

const TODAY = '2026-02-20';

describe('audit of Spanish explainers', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ce-audit-es-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads es/ and applies the Spanish figure rule, naming the Spanish file', () => {
    mkdirSync(path.join(dir, 'es'));
    writeFileSync(path.join(dir, 'alpha.md'), source(explainerData('alpha')).text);
    const facts = [
      { text: 'Hay 1.412 acuerdos activos.', sources: ['https://example.gov/a'] },
      { text: 'La ley se firmó el 29 de enero de 2025.', sources: ['https://example.gov/b'] },
      { text: 'La regla se aplica desde 2024.', sources: ['https://example.gov/c'] },
      { text: 'Sigue pendiente en los tribunales.', sources: ['https://example.gov/d?utm_source=x'] },
    ];
    writeFileSync(path.join(dir, 'es', 'alpha.md'), spanishSource(spanishData('alpha', { facts })).text);
    const files = readExplainerFolder(dir);
    expect(files.map((file) => [path.relative(dir, file.path), file.lang])).toEqual([
      ['alpha.md', 'en'],
      [path.join('es', 'alpha.md'), 'es'],
    ]);
    const report = auditSources(files, { today: TODAY });
    const spanish = report.findings.filter((finding) => finding.file.endsWith(path.join('es', 'alpha.md')));
    expect(spanish.map((finding) => `${finding.rule} ${finding.field}`).sort()).toEqual([
      'figure-without-asof facts[0]',
      'figure-without-asof facts[3]',
      'tracking-param url',
    ]);
    expect(report.summary.explainers).toBe(2);
  });

  it('compares a quantity across languages with Spanish number writing', () => {
    const quantity = { quantity: 'agreements', asOf: '2026-01-01', sources: ['https://example.gov/q'] };
    const english = source(explainerData('alpha', { facts: [{ text: 'There are 1,412 agreements.', ...quantity }] }));
    const agrees = spanishSource(spanishData('alpha', { facts: [{ text: 'Hay 1.412 acuerdos.', ...quantity }] }));
    const differs = spanishSource(spanishData('alpha', { facts: [{ text: 'Hay 1.500 acuerdos.', ...quantity }] }));
    const conflicts = (files: Parameters<typeof auditSources>[0]) =>
      auditSources(files, { today: TODAY }).findings.filter((finding) => finding.rule === 'quantity-conflict').length;
    expect(conflicts([english, { ...agrees, lang: 'es' }])).toBe(0);
    expect(conflicts([english, { ...differs, lang: 'es' }])).toBe(2);
  });
});
