/**
 * `npm run test:mutation`: one Stryker run per group of reader-facing modules (tools/mutation/groups.mjs),
 * then one table: score per module and overall, survivors listed with their place, time per group.
 * Fails when the overall score is under the floor the issue sets (85%).
 *
 *   npm run test:mutation -- [--group match-sense,door] [--report-only]
 *
 * `--report-only` re-reads the last JSON reports without running Stryker.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MUTATION_GROUPS } from './groups.mjs';
import { scoreReport, type MutationReport, type ModuleScore } from './score';

const FLOOR = 85;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = join(root, '.output', 'mutation');

const { values } = parseArgs({ options: { group: { type: 'string' }, 'report-only': { type: 'boolean', default: false } } });
const known = Object.keys(MUTATION_GROUPS);
const groups = values.group ? values.group.split(',') : known;
for (const name of groups) if (!known.includes(name)) throw new Error(`--group: unknown group "${name}" (known: ${known.join(', ')})`);

mkdirSync(outDir, { recursive: true });
const seconds: Record<string, number> = {};
for (const name of groups) {
  if (values['report-only']) break;
  const started = Date.now();
  const run = spawnSync('npx', ['stryker', 'run'], { cwd: root, stdio: 'inherit', env: { ...process.env, MUTATION_GROUP: name } });
  seconds[name] = Math.round((Date.now() - started) / 1000);
  if (run.status !== 0) throw new Error(`stryker run for group "${name}" exited with ${run.status ?? run.signal}`);
}

const modules: ModuleScore[] = [];
for (const name of groups) {
  const file = join(outDir, `${name}.json`);
  if (!existsSync(file)) throw new Error(`${file}: no report for group "${name}"; run without --report-only first`);
  modules.push(...scoreReport(JSON.parse(readFileSync(file, 'utf8')) as MutationReport));
}

const total = modules.reduce((sum, m) => ({ detected: sum.detected + m.detected, valid: sum.valid + m.valid }), { detected: 0, valid: 0 });
const overall = total.valid === 0 ? 0 : (100 * total.detected) / total.valid;
const pct = (detected: number, valid: number) => (valid === 0 ? '—' : ((100 * detected) / valid).toFixed(1));
console.log('\nmodule'.padEnd(48) + 'score  killed  timeout  survived  no-cov');
for (const m of modules) {
  console.log(`${m.file.padEnd(47)}${pct(m.detected, m.valid).padStart(5)}  ${String(m.killed).padStart(6)}  ${String(m.timeout).padStart(7)}  ${String(m.survivors.length - m.noCoverage).padStart(8)}  ${String(m.noCoverage).padStart(6)}`);
}
console.log(`${'all'.padEnd(47)}${pct(total.detected, total.valid).padStart(5)}  (${total.detected} of ${total.valid} mutants detected; floor ${FLOOR}%)`);
for (const [name, s] of Object.entries(seconds)) console.log(`group ${name}: ${s} s`);
const survivors = modules.flatMap((m) => m.survivors.map((s) => `${m.file}:${s.line} ${s.mutator} → ${s.replacement}`));
if (survivors.length > 0) console.log(`\nsurvivors (${survivors.length}):\n${survivors.join('\n')}`);
writeFileSync(join(outDir, 'summary.json'), JSON.stringify({ overall, floor: FLOOR, seconds, modules }, null, 2));
if (overall < FLOOR) {
  console.error(`\nmutation score ${overall.toFixed(1)}% is under the ${FLOOR}% floor`);
  process.exitCode = 1;
}
