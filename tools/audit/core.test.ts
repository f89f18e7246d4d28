import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { explainerData, source } from '../../tests/fixtures/pack/sources';
import { listExplainerFiles } from '../pack/compiler';
import { auditSources, findPassedDeadlines, isOfficialUrl, type AuditFinding } from './core';

const TODAY = '2026-12-05';
const plainFacts = (id: string) => (explainerData(id).facts as unknown[]).slice(0, 3);
const rules = (findings: readonly AuditFinding[]) => findings.map((finding) => `${finding.level} ${finding.rule} ${finding.field}`);

describe('findPassedDeadlines', () => {
  it('finds a passed date still written as to come', () => {
    // Sentences as they stood in content/explainers before this audit.
    expect(findPassedDeadlines("Maryland bars agreements (HB 444 / SB 245); existing ones end by July 1, 2026 per the legislature's synopsis.", TODAY)).toEqual([
      { words: 'by July 1, 2026', date: '2026-07-01' },
    ]);
    expect(findPassedDeadlines('The legislature’s own synopsis says by July 1, 2026.', TODAY)).toHaveLength(1);
    expect(findPassedDeadlines('Haiti’s TPS will end on Feb 3, 2026.', TODAY)).toEqual([{ words: 'will end on Feb 3, 2026', date: '2026-02-03' }]);
    expect(findPassedDeadlines('Agencies have until March 2026 to comply.', TODAY)).toEqual([{ words: 'until March 2026', date: '2026-03-31' }]);
  });

  it('leaves past-tense clauses, future dates and "by" meaning "up to then" alone', () => {
    for (const text of [
      'DHS said 287(g) agreements grew from 135 at the start of the Trump administration to 1,001 by Sept. 18, 2025, a 641% increase.',
      'The program was small for most of its history: about 35 agreements in January 2017 and about 150 by September 2020, according to GAO.',
      'By Feb 2026 AP counted ten Democratic-led states with statewide 287(g) prohibitions.',
      'SB 627 required every agency to post a face-covering policy by July 1, 2026.',
      "Existing ones had to end by July 1, 2026 per the legislature's synopsis.",
      'The designation will end on Feb 3, 2027.',
      'Gov. Ron DeSantis signed SB 168 on June 14, 2019.',
    ]) {
      expect(findPassedDeadlines(text, TODAY), text).toEqual([]);
    }
  });
});

describe('isOfficialUrl', () => {
  it.each([
    'https://www.ice.gov/287g',
    'https://www.congress.gov/bill/119th-congress/house-bill/29',
    'https://www.govinfo.gov/app/details/PLAW-104publ208',
    'https://www.federalregister.gov/d/2025-02006',
    'https://www.gao.gov/products/gao-21-186',
    'https://www.supremecourt.gov/opinions/24pdf/24a949_lkhn.pdf',
    'https://mgaleg.maryland.gov/mgawebsite/Legislation/Details/hb0444',
    'https://www.njleg.state.nj.us/bill-search/2024/S3672',
    'https://www.army.mil/article/1',
    'https://web.archive.org/web/20250301000000/https://www.ice.gov/287g',
    'https://webarchive.library.unt.edu/eot2008/20090119000000/http://www.dhs.gov/xabout/',
    'https://webharvest.gov/peth04/20041015011634/http://www.ice.gov/',
  ])('%s is official', (url) => expect(isOfficialUrl(url)).toBe(true));

  it.each([
    'https://www.everycrsreport.com/reports/IN12561.html',
    'https://en.wikisource.org/wiki/Page:Executive_Order_14159.pdf/3',
    'https://regulations.justia.com/regulations/fedreg/2025/01/29/2025-02006.html',
    'https://web.archive.org/web/20250301000000/https://www.nytimes.com/x',
    'https://gov.example.com/x',
    'not a url',
  ])('%s is not official', (url) => expect(isOfficialUrl(url)).toBe(false));
});

describe('auditSources', () => {
  it('reports figures without asOf, tracking parameters and passed deadlines as errors, with lines', () => {
    const facts = [
      ...plainFacts('alpha'),
      { text: 'ICE data showed 1,412 active agreements.', sources: ['https://www.ice.gov/287g?os=vbkn42tqho'] },
    ];
    const body = "## What's happening\nThe deadline will pass on Jan 1, 2026.\n\n## What's at stake\nA lot.\n\n## Why it matters\nIt matters ([r](https://example.org/r?utm_source=x)).\n";
    const file = source(explainerData('alpha', { facts }), body);
    const { findings, summary } = auditSources([file], { today: TODAY });
    expect(rules(findings)).toEqual([
      'error figure-without-asof facts[3]',
      'error passed-deadline body',
      'error tracking-param url',
      'error tracking-param url',
    ]);
    const lines = file.text.split('\n');
    expect(findings[0]!.line).toBe(lines.findIndex((line) => line.includes('1,412')) + 1);
    expect(findings[0]!.message).toContain('"1,412 active"');
    expect(findings[1]!.line).toBe(lines.findIndex((line) => line.includes('will pass')) + 1);
    expect(summary).toMatchObject({ explainers: 1, facts: 4, figureFacts: 1, figureFactsWithAsOf: 0, percentFiguresWithAsOf: 0, trackingParams: 2, errors: 4 });
  });

  it('warns about old figures, unofficial primary sources and one quantity given two ways on one day', () => {
    const fact = (text: string, asOf: string) => ({ text, sources: ['https://www.ice.gov/287g'], asOf, quantity: '287g-agreements-active' });
    const alpha = source(explainerData('alpha', { facts: [...plainFacts('alpha'), fact('ICE listed 1,412 active agreements.', '2026-02-13')] }));
    const beta = source(
      explainerData('beta', {
        facts: [...plainFacts('beta'), fact('ICE listed 1,421 active agreements.', '2026-02-13')],
        primarySources: [{ title: 'Copy', url: 'https://www.everycrsreport.com/reports/IN12561.html' }],
      }),
    );
    // Same quantity and day with a number in common (a part and the whole): no conflict.
    const gamma = source(explainerData('gamma', { facts: [...plainFacts('gamma'), fact('Of 1,412 active agreements, 307 were task force.', '2026-02-13')] }));
    const { findings, summary } = auditSources([alpha, beta, gamma], { today: TODAY, staleDays: 200 });
    expect(rules(findings).filter((rule) => rule.startsWith('warning'))).toEqual([
      'warning stale-figure facts[3].asOf',
      'warning stale-figure facts[3].asOf',
      'warning unofficial-primary primarySources[0]',
      'warning stale-figure facts[3].asOf',
      'warning quantity-conflict facts[3]',
      'warning quantity-conflict facts[3]',
      'warning quantity-conflict facts[3]',
    ]);
    expect(findings.find((f) => f.rule === 'quantity-conflict')!.message).toMatch(/1,412.*1,421/);
    expect(summary).toMatchObject({ explainers: 3, figureFacts: 3, figureFactsWithAsOf: 3, percentFiguresWithAsOf: 100, explainersWithOfficialPrimary: 2, errors: 0, warnings: 7 });
    expect(auditSources([alpha], { today: TODAY, staleDays: 400 }).findings).toEqual([]);
  });
});

describe('audit CLI', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'audit-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'tools/audit/cli.ts', ...args], { encoding: 'utf8' });

  it('prints a table and exits 1 on errors; --json gives the report', () => {
    const bad = source(explainerData('alpha', { facts: [...plainFacts('alpha'), { text: 'About 40 states take part.', sources: ['https://www.ice.gov/'] }] }));
    writeFileSync(path.join(dir, 'alpha.md'), bad.text);
    const table = run(dir, '--today', TODAY);
    expect(table.status).toBe(1);
    expect(table.stdout).toMatch(/error +\S+alpha\.md:\d+ facts\[3\] +figure-without-asof +states "40 states" without asOf/);
    expect(table.stdout).toMatch(/errors +1\n/);
    const json = run(dir, '--json', '--today', TODAY, '--stale-days', '30');
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout).summary).toMatchObject({ explainers: 1, figureFacts: 1, errors: 1 });
    expect(run(dir, '--stale-days', 'soon').status).toBe(2);
  });

  it('passes the shipped explainers', () => {
    // Pinned to the day the content was last audited; `npm run audit` in `npm test` checks it against the real today.
    const result = run('content/explainers', '--json', '--today', TODAY);
    expect(result.status, result.stdout.slice(0, 2000)).toBe(0);
    // The audit reads the Spanish editions in es/ as explainers of their own.
    const files = listExplainerFiles('content/explainers').length + listExplainerFiles('content/explainers/es').length;
    expect(JSON.parse(result.stdout).summary.explainers).toBe(files);
  });
});
