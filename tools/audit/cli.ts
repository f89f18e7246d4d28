/**
 * `npm run audit [-- <folder>] [--json] [--stale-days N] [--today YYYY-MM-DD]`
 * Audits the explainers' freshness and sourcing (tools/audit/core.ts): prints a table of findings and
 * a summary, or JSON with --json. Exits 1 when there is any error; warnings alone pass.
 */
import { parseArgs } from 'node:util';
import { readExplainerFolder } from '../pack/compiler';
import { todayIso } from '../../lib/pack-format/dates';
import { DEFAULT_STALE_DAYS, auditSources, type AuditReport } from './core';

const USAGE = `usage: tsx tools/audit/cli.ts [folder=content/explainers] [--json] [--stale-days ${DEFAULT_STALE_DAYS}] [--today YYYY-MM-DD]`;

function table(rows: readonly string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ')).join('\n');
}

export function formatReport(report: AuditReport): string {
  const { findings, summary } = report;
  const out: string[] = [];
  if (findings.length > 0) {
    const rows = [['level', 'where', 'rule', 'finding'], ...findings.map((f) => [f.level, `${f.file}${f.line ? `:${f.line}` : ''} ${f.field}`, f.rule, f.message])];
    out.push(table(rows), '');
  }
  out.push(
    table([
      ['explainers', String(summary.explainers)],
      ['key facts', String(summary.facts)],
      ['figure facts', String(summary.figureFacts)],
      ['  with asOf', `${summary.figureFactsWithAsOf} (${summary.percentFiguresWithAsOf}%)`],
      ['official primary source', `${summary.explainersWithOfficialPrimary} explainers (${summary.percentOfficialPrimary}%)`],
      ['tracking parameters', String(summary.trackingParams)],
      ['errors', String(summary.errors)],
      ['warnings', String(summary.warnings)],
    ]),
  );
  return out.join('\n');
}

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, 'stale-days': { type: 'string' }, today: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const staleDays = values['stale-days'] === undefined ? DEFAULT_STALE_DAYS : Number(values['stale-days']);
  if (!Number.isInteger(staleDays) || staleDays < 1) {
    console.error(`--stale-days must be a whole number of days\n${USAGE}`);
    return 2;
  }
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) {
    console.error(`--today must be YYYY-MM-DD\n${USAGE}`);
    return 2;
  }
  const folder = positionals.at(-1) ?? 'content/explainers';
  let files;
  try {
    files = readExplainerFolder(folder);
  } catch (error) {
    console.error(`cannot read ${folder}: ${(error as Error).message}`);
    return 2;
  }
  const report = auditSources(files, { today: values.today ?? todayIso(), staleDays });
  console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
  return report.summary.errors > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
