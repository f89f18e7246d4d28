/**
 * Shared scoring for the matcher evaluations (eval.test.ts on the tuned term table,
 * pack-eval.test.ts on the real compiled pack): the labelled sentences, per-explainer tallies
 * and the printed table.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface EvalLine {
  text: string;
  url: string;
  fallback?: string;
  expect: { explainer: string; text: string }[];
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
}

// From the module's URL, so Node tools (tools/sense) can share it as well as vitest.
export const EVAL_DIR = dirname(fileURLToPath(import.meta.url));

function readEvalLines(file: string): EvalLine[] {
  return readFileSync(join(EVAL_DIR, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EvalLine);
}

/** Per-explainer tallies plus a readable line for every false positive and false negative. */
export class Tally {
  readonly byTerm = new Map<string, Score>();
  readonly misses: string[] = [];

  score(id: string): Score {
    let s = this.byTerm.get(id);
    if (!s) this.byTerm.set(id, (s = { tp: 0, fp: 0, fn: 0 }));
    return s;
  }

  hit(id: string): void {
    this.score(id).tp++;
  }

  falsePositive(id: string, text: string, line: EvalLine): void {
    this.score(id).fp++;
    this.misses.push(`FP ${id} "${text}"  in: ${line.text.slice(0, 90)}`);
  }

  falseNegative(id: string, text: string, line: EvalLine): void {
    this.score(id).fn++;
    this.misses.push(`FN ${id} "${text}"  in: ${line.text.slice(0, 90)}`);
  }
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 1 : part / whole;
}

function total(byTerm: Map<string, Score>): Score {
  const sum = { tp: 0, fp: 0, fn: 0 };
  for (const s of byTerm.values()) {
    sum.tp += s.tp;
    sum.fp += s.fp;
    sum.fn += s.fn;
  }
  return sum;
}

export function table(title: string, byTerm: Map<string, Score>): string {
  const rows = [...byTerm.entries()].sort(([a], [b]) => a.localeCompare(b));
  rows.push(['ALL', total(byTerm)]);
  const out = [title, 'explainer                  TP   FP   FN  precision  recall'];
  for (const [id, s] of rows) {
    out.push(
      `${id.padEnd(24)} ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}` +
        `  ${ratio(s.tp, s.tp + s.fp).toFixed(3).padStart(9)}  ${ratio(s.tp, s.tp + s.fn).toFixed(3).padStart(6)}`,
    );
  }
  return out.join('\n');
}

/** Lowest accepted precision and recall; `ALL` is the split as a whole. */
export interface Floor {
  precision: number;
  recall: number;
}
export type Floors = Readonly<Record<string, Floor>>;

/**
 * Where a split falls short of its floors. Every explainer scored in the split needs a floor (a new
 * one is a conscious addition), and every floor needs its explainer scored (an explainer that stops
 * matching at all, or a split that loses its sentences, is not a silent pass).
 */
export function belowFloors(byTerm: Map<string, Score>, floors: Floors): string[] {
  const problems: string[] = [];
  const rows: [string, Score][] = [...byTerm.entries(), ['ALL', total(byTerm)]];
  for (const [id, s] of rows) {
    const floor = floors[id];
    if (!floor) {
      problems.push(`${id}: scored but has no floor`);
      continue;
    }
    const precision = ratio(s.tp, s.tp + s.fp);
    const recall = ratio(s.tp, s.tp + s.fn);
    if (precision < floor.precision) problems.push(`${id}: precision ${precision.toFixed(3)} < ${floor.precision}`);
    if (recall < floor.recall) problems.push(`${id}: recall ${recall.toFixed(3)} < ${floor.recall}`);
  }
  for (const id of Object.keys(floors)) {
    if (id !== 'ALL' && !byTerm.has(id)) problems.push(`${id}: has a floor but nothing in this split was scored for it`);
  }
  return problems;
}

/** The three splits of the labelled sentences. */
export interface Splits {
  /** sentences.jsonl without every 5th line: what the rules were tuned on. */
  tuning: EvalLine[];
  /** sentences.jsonl, every 5th line: held out from scoring while tuning, but its author had read it. */
  heldOut: EvalLine[];
  /** fresh.jsonl: collected after the rules were frozen, never tuned on; the honest estimate. */
  test: EvalLine[];
}

export function readSplits(): Splits {
  const lines = readEvalLines('sentences.jsonl');
  return {
    tuning: lines.filter((_, i) => i % 5 !== 4),
    heldOut: lines.filter((_, i) => i % 5 === 4),
    test: readEvalLines('fresh.jsonl'),
  };
}

/** By page, so sentences from one page never sit on both sides: about 30% of pages are test pages. */
export function isTestPage(url: string): boolean {
  return createHash('sha256').update(url).digest()[0]! % 10 < 3;
}

/** Whether a match's span [start, end) covers an occurrence of `text` in the line. */
export function covers(start: number, end: number, line: EvalLine, text: string): boolean {
  for (let at = line.text.indexOf(text); at >= 0; at = line.text.indexOf(text, at + 1)) {
    if (start <= at && at + text.length <= end) return true;
  }
  return false;
}
