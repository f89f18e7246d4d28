/**
 * The Spanish evaluation set (tests/eval/sense-es/*.jsonl): verbatim Spanish sentences from public
 * pages, one file per term family, about 40% hard negatives (Costa Rica's ICE, "asilo de ancianos",
 * santuarios de aves, ordinary "órdenes de detención", Toyota's TPS…). Collected by someone who never
 * saw the Spanish terms, while they were being written, and not used to tune them.
 *
 * Each sentence is its own Spanish page, scored against the REAL compiled pack (English explainers
 * with their Spanish translations). Sentences are split by page URL into a tuning part (about 70%)
 * and a test part that term changes must never be tuned on; both are printed per family. A match
 * counts for a family when its explainer belongs to the family and its span covers an expected
 * spelling; other explainers' matches are not scored.
 *
 * The floors sit just under what is measured, as regression guards; where a family is below the
 * issue's target (precision ≥ 0.95, recall ≥ 0.90 on the test part), the closing note says so.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { termsOf } from '../../lib/catalog/match-terms';
import { createMatcher } from '../../lib/match/index';
import { compileFolder } from '../../tools/pack/compiler';
import { belowFloors, covers, EVAL_DIR, isTestPage, table, Tally, type EvalLine, type Floors } from './eval-score';

interface SpanishLine extends EvalLine {
  term: string;
  lang: string;
}

const SENSE_ES_DIR = join(EVAL_DIR, 'sense-es');

/** Explainers that belong to one family: a match by any of them counts for it. */
const FAMILY_OF: Readonly<Record<string, string>> = {
  ice: 'ice',
  'ice-ero': 'ice',
  'ice-hsi': 'ice',
  '287g-program': '287g',
  '287g-agreement': '287g',
  'sanctuary-jurisdictions': 'sanctuary',
  'immigration-detainer': 'detainer',
  tps: 'tps',
  cbp: 'border',
  asylum: 'asylum',
  removal: 'deportation',
  'expedited-removal': 'deportation',
  'laken-riley-act': 'laken-riley',
};

function readFamily(file: string): SpanishLine[] {
  return readFileSync(join(SENSE_ES_DIR, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as SpanishLine);
}

const pack = compileFolder(join(__dirname, '..', '..', 'content', 'explainers'), { id: 'sense-es-eval', name: 'sense-es-eval', publisher: 'test' });
const matcher = createMatcher(pack.explainers.flatMap(termsOf));

function score(lines: readonly SpanishLine[], family: string, tally: Tally): void {
  for (const line of lines) {
    const remaining = line.expect.filter((e) => FAMILY_OF[e.explainer] === family);
    for (const m of matcher.match(line.text, { lang: 'es' })) {
      if (FAMILY_OF[m.explainerId] !== family) continue;
      const at = remaining.findIndex((e) => covers(m.start, m.end, line, e.text));
      if (at >= 0) {
        remaining.splice(at, 1);
        tally.hit(family);
      } else {
        tally.falsePositive(family, m.text, line);
      }
    }
    for (const e of remaining) tally.falseNegative(family, e.text, line);
  }
}

const files = readdirSync(SENSE_ES_DIR).filter((file) => file.endsWith('.jsonl')).sort();
const tuning = new Tally();
const test = new Tally();
const counts: string[] = [];
let rows = 0;
let negatives = 0;
for (const file of files) {
  const lines = readFamily(file);
  const family = lines[0]?.term ?? file.replace(/\.jsonl$/, '');
  tuning.score(family);
  test.score(family);
  const testLines = lines.filter((line) => isTestPage(line.url));
  score(lines.filter((line) => !isTestPage(line.url)), family, tuning);
  score(testLines, family, test);
  rows += lines.length;
  negatives += lines.filter((line) => line.expect.length === 0).length;
  counts.push(`${file}: ${lines.length} sentences (${lines.filter((l) => l.expect.length === 0).length} negatives), ${testLines.length} in the test part`);
}

/** Measured on 2026-12-05, rounded down (precision, recall); the test part must not be tuned on. */
const FLOORS: Record<'tuning' | 'test', Floors> = {
  tuning: {
    '287g': { precision: 0.99, recall: 0.90 }, // measured 1.000 / 0.909
    asylum: { precision: 0.62, recall: 0.62 }, // measured 0.625 / 0.625
    border: { precision: 0.99, recall: 0.95 }, // measured 1.000 / 0.952
    deportation: { precision: 0.90, recall: 0.99 }, // measured 0.909 / 1.000
    detainer: { precision: 0.99, recall: 0.59 }, // measured 1.000 / 0.600
    ice: { precision: 0.93, recall: 0.88 }, // measured 0.938 / 0.882
    'laken-riley': { precision: 0.99, recall: 0.87 }, // measured 1.000 / 0.875
    sanctuary: { precision: 0.99, recall: 0.99 }, // measured 1.000 / 1.000
    tps: { precision: 0.99, recall: 0.90 }, // measured 1.000 / 0.909
    ALL: { precision: 0.94, recall: 0.87 }, // measured 0.948 / 0.876
  },
  // Below the issue's target (precision ≥ 0.95, recall ≥ 0.90) for ice, asylum, deportation (precision)
  // and border, detainer, ice, laken-riley, sanctuary, tps (recall): guards, not goals.
  test: {
    '287g': { precision: 0.99, recall: 0.99 }, // measured 1.000 / 1.000
    asylum: { precision: 0.83, recall: 0.83 }, // measured 0.833 / 0.833
    border: { precision: 0.99, recall: 0.75 }, // measured 1.000 / 0.750
    deportation: { precision: 0.80, recall: 0.99 }, // measured 0.800 / 1.000
    detainer: { precision: 0.99, recall: 0.58 }, // measured 1.000 / 0.583
    ice: { precision: 0.60, recall: 0.75 }, // measured 0.600 / 0.750
    'laken-riley': { precision: 0.99, recall: 0.85 }, // measured 1.000 / 0.857
    sanctuary: { precision: 0.99, recall: 0.80 }, // measured 1.000 / 0.800
    tps: { precision: 0.99, recall: 0.63 }, // measured 1.000 / 0.636
    ALL: { precision: 0.89, recall: 0.76 }, // measured 0.897 / 0.765
  },
};

describe('Spanish sense evaluation (real compiled pack, each sentence its own Spanish page)', () => {
  it('has enough real Spanish sentences, a third of them hard negatives', () => {
    console.log(counts.join('\n'));
    expect(rows).toBeGreaterThanOrEqual(150);
    expect(negatives / rows).toBeGreaterThanOrEqual(1 / 3);
    for (const line of files.flatMap(readFamily)) {
      expect(line.lang, line.text).toBe('es');
      expect(line.url, line.text).toMatch(/^https?:\/\//);
      for (const e of line.expect) expect(line.text, `${e.explainer}: "${e.text}"`).toContain(e.text);
      for (const e of line.expect) expect(FAMILY_OF[e.explainer], `unknown explainer ${e.explainer}`).toBeDefined();
    }
  });

  for (const [split, tally] of [['tuning', tuning], ['test', test]] as const) {
    it(`${split} part meets its floors`, () => {
      console.log(table(`Spanish sense — ${split} part`, tally.byTerm));
      // Misses are listed for the tuning part only: reading the test part's would be tuning on it.
      if (split === 'tuning') console.log(tally.misses.join('\n'));
      expect(belowFloors(tally.byTerm, FLOORS[split])).toEqual([]);
    });
  }
});
