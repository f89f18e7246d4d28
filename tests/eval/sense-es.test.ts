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
 * Ambiguous Spanish terms are decided by their sense models, trained on the tuning part only
 * (tools/sense/train.ts). The floors sit just under what is measured, as regression guards; where a
 * family is below the issue's target (precision ≥ 0.95, recall ≥ 0.90 on the test part), the note
 * above the test floors says so.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { termsOf } from '../../lib/catalog/match-terms';
import { createMatcher } from '../../lib/match/index';
import { compileFolder } from '../../tools/pack/compiler';
import { belowFloors, table, Tally, type Floors } from './eval-score';
import { ES_FAMILY_OF, nestedNote, scoreLines, spanishSet, testPart, tuningPart } from './sense-sets';

const set = spanishSet();
const pack = compileFolder(join(__dirname, '..', '..', 'content', 'explainers'), { id: 'sense-es-eval', name: 'sense-es-eval', publisher: 'test' });
const matcher = createMatcher(pack.explainers.flatMap(termsOf));

const tuning = new Tally();
const test = new Tally();
const nested = { tuning: new Map<string, number>(), test: new Map<string, number>() };
const counts: string[] = [];
let rows = 0;
let negatives = 0;
for (const { file, family, lines } of set.files) {
  tuning.score(family);
  test.score(family);
  const testLines = testPart(lines);
  scoreLines(matcher, set, tuningPart(lines), family, tuning, nested.tuning);
  scoreLines(matcher, set, testLines, family, test, nested.test);
  rows += lines.length;
  negatives += lines.filter((line) => line.expect.length === 0).length;
  counts.push(`${file}: ${lines.length} sentences (${lines.filter((l) => l.expect.length === 0).length} negatives), ${testLines.length} in the test part`);
}

/** Measured with the sense models on 2026-12-06, rounded down (precision, recall); the test part must not be tuned on. */
const FLOORS: Record<'tuning' | 'test', Floors> = {
  tuning: {
    '287g': { precision: 0.99, recall: 0.92 }, // measured 1.000 / 0.929
    asylum: { precision: 0.97, recall: 0.99 }, // measured 0.980 / 1.000
    border: { precision: 0.99, recall: 0.96 }, // measured 1.000 / 0.969
    deportation: { precision: 0.96, recall: 0.98 }, // measured 0.967 / 0.989
    detainer: { precision: 0.97, recall: 0.90 }, // measured 0.977 / 0.905
    ice: { precision: 0.99, recall: 0.96 }, // measured 1.000 / 0.966
    'laken-riley': { precision: 0.99, recall: 0.92 }, // measured 1.000 / 0.929
    sanctuary: { precision: 0.99, recall: 0.99 }, // measured 1.000 / 1.000
    tps: { precision: 0.99, recall: 0.98 }, // measured 1.000 / 0.989
    ALL: { precision: 0.98, recall: 0.96 }, // measured 0.989 / 0.970
  },
  // Below the issue's target (precision ≥ 0.95, recall ≥ 0.90) for most families: guards, not goals.
  test: {
    '287g': { precision: 0.99, recall: 0.99 }, // measured 1.000 / 1.000
    asylum: { precision: 0.82, recall: 0.85 }, // measured 0.822 / 0.860
    border: { precision: 0.99, recall: 0.85 }, // measured 1.000 / 0.857
    deportation: { precision: 0.75, recall: 0.81 }, // measured 0.756 / 0.816
    detainer: { precision: 0.85, recall: 0.68 }, // measured 0.854 / 0.683
    ice: { precision: 0.86, recall: 0.85 }, // measured 0.870 / 0.851
    'laken-riley': { precision: 0.99, recall: 0.85 }, // measured 1.000 / 0.857
    sanctuary: { precision: 0.92, recall: 0.86 }, // measured 0.929 / 0.867
    tps: { precision: 0.88, recall: 0.88 }, // measured 0.882 / 0.882
    ALL: { precision: 0.87, recall: 0.82 }, // measured 0.871 / 0.825
  },
};

describe('Spanish sense evaluation (real compiled pack, each sentence its own Spanish page)', () => {
  it('has enough real Spanish sentences, a third of them hard negatives', () => {
    console.log(counts.join('\n'));
    expect(rows).toBeGreaterThanOrEqual(150);
    expect(negatives / rows).toBeGreaterThanOrEqual(1 / 3);
    for (const line of set.files.flatMap((f) => f.lines)) {
      expect(line.lang, line.text).toBe('es');
      expect(line.url, line.text).toMatch(/^https?:\/\//);
      for (const e of line.expect) expect(line.text, `${e.explainer}: "${e.text}"`).toContain(e.text);
      for (const e of line.expect) expect(ES_FAMILY_OF[e.explainer], `unknown explainer ${e.explainer}`).toBeDefined();
    }
  });

  for (const [split, tally] of [['tuning', tuning], ['test', test]] as const) {
    it(`${split} part meets its floors`, () => {
      console.log(table(`Spanish sense — ${split} part`, tally.byTerm));
      console.log(nestedNote(nested[split]));
      // Misses are listed for the tuning part only: reading the test part's would be tuning on it.
      if (split === 'tuning') console.log(tally.misses.join('\n'));
      expect(belowFloors(tally.byTerm, FLOORS[split])).toEqual([]);
    });
  }
});
