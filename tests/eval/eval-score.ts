/**
 * Shared scoring for the matcher evaluations (eval.test.ts on the tuned term table,
 * pack-eval.test.ts on the real compiled pack): the labelled sentences, per-explainer tallies
 * and the printed table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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

export const EVAL_DIR = __dirname;

export function readEvalLines(file: string): EvalLine[] {
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

export function ratio(part: number, whole: number): number {
  return whole === 0 ? 1 : part / whole;
}

export function total(byTerm: Map<string, Score>): Score {
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
