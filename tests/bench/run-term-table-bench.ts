/**
 * What a frame pays to receive the term table, in Node: the bytes of the message, its JSON.parse (the
 * messaging layer parses the same JSON in the frame) and the matcher's set-up up to its first match,
 * for the packed table frames receive (lib/match/packed) beside the object form it replaced (bytes and
 * parse only: the matcher no longer reads that form). At 32 and 15,000 synthetic terms and for the
 * bundled pack. Medians of repeated runs, each parsing its own copy; the JIT warms up over them, so
 * compare rows with each other, not with the browser's cold numbers (`npm run bench` has those).
 *
 *   npx tsx tests/bench/run-term-table-bench.ts [--runs 15]
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { compileTerms } from '../../lib/match/compile';
import { matcherFrom, type PackedTerms } from '../../lib/match';
import { packTerms } from '../../lib/match/packed';
import type { MatchTerm } from '../../lib/match/types';
import { median } from './stats';
import { loadPackTerms, syntheticTerms } from './terms';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const PACK_FILE = path.join(REPO_ROOT, 'public/packs/default.json');
const SIZES = [32, 15_000];
/** Words every synthetic table holds; the text below mentions one, as a page with a mention does. */
const REAL_WORDS = ['immigration', 'detention', 'sanctuary'];
const TEXT = 'Officers said the detention centre near the border would stay open through the winter.';

interface Row {
  label: string;
  terms: number;
  objectBytes: number;
  objectParseMs: number;
  bytes: number;
  parseMs: number;
  setupMs: number;
  firstMatchMs: number;
  matches: number;
}

/** The median of `runs` timings of `work`, each given a fresh copy of `json` (so no parse is cached). */
function timed<T>(json: string, runs: number, work: (message: string) => T): { ms: number; last: T } {
  const times: number[] = [];
  let last: T | undefined;
  for (let run = 0; run < runs; run++) {
    const message = `${json} `.slice(0, json.length + (run % 2));
    const at = performance.now();
    last = work(message);
    times.push(performance.now() - at);
  }
  if (last === undefined) throw new Error('no runs');
  return { ms: median(times) ?? Number.NaN, last };
}

function measure(label: string, terms: readonly MatchTerm[], runs: number): Row {
  const compiled = compileTerms(terms);
  const objectJson = JSON.stringify(compiled);
  const json = JSON.stringify(packTerms(compiled));
  const parse: number[] = [];
  const setup: number[] = [];
  const first: number[] = [];
  let matches = 0;
  for (let run = 0; run < runs; run++) {
    const message = `${json} `.slice(0, json.length + (run % 2));
    let at = performance.now();
    const table = JSON.parse(message) as PackedTerms;
    parse.push(performance.now() - at);
    at = performance.now();
    const matcher = matcherFrom(table);
    setup.push(performance.now() - at);
    at = performance.now();
    matches = matcher.match(TEXT).length;
    first.push(performance.now() - at);
  }
  return {
    label,
    terms: terms.length,
    objectBytes: Buffer.byteLength(objectJson),
    objectParseMs: timed(objectJson, runs, (message) => JSON.parse(message) as unknown).ms,
    bytes: Buffer.byteLength(json),
    parseMs: median(parse) ?? Number.NaN,
    setupMs: median(setup) ?? Number.NaN,
    firstMatchMs: median(first) ?? Number.NaN,
    matches,
  };
}

function main(): void {
  const runsFlag = process.argv.indexOf('--runs');
  const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 15;
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a positive integer');
  const rows = SIZES.map((size) => measure(`${size.toLocaleString('en-US')} synthetic`, syntheticTerms(size, REAL_WORDS), runs));
  if (existsSync(PACK_FILE)) rows.push(measure('bundled pack', loadPackTerms(PACK_FILE), runs));
  console.log(`Term table as a frame receives it (median of ${runs} runs; ms)`);
  console.log('                         object form        packed form');
  console.log('table             terms      bytes  parse      bytes  parse  set-up  1st match  packed total  matches');
  for (const row of rows) {
    const total = row.parseMs + row.setupMs + row.firstMatchMs;
    console.log(
      [
        row.label.padEnd(16),
        String(row.terms).padStart(6),
        String(row.objectBytes).padStart(10),
        row.objectParseMs.toFixed(2).padStart(6),
        String(row.bytes).padStart(10),
        row.parseMs.toFixed(2).padStart(6),
        row.setupMs.toFixed(2).padStart(7),
        row.firstMatchMs.toFixed(2).padStart(10),
        total.toFixed(2).padStart(13),
        String(row.matches).padStart(8),
      ].join(' '),
    );
  }
}

main();
