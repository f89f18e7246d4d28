/**
 * The sense evaluation set (tests/eval/sense/*.jsonl): verbatim sentences from public pages, one file per
 * ambiguous term family, with at least 40% hard negatives (the same spelling in another sense: black
 * ice, ICE futures, the Interstate Agreement on Detainers, a state Department of Human Services…).
 * Collected after the rules were written and by people who did not read them, except parole.jsonl,
 * which the author of humanitarian-parole's terms checked those terms against.
 *
 * Each sentence is its own page (no title or headings to lean on), scored against the REAL compiled
 * pack. Sentences are split by their page's URL into a tuning part (about 70%) and a test part that
 * rule changes must never be tuned on; both are printed, per family. A match counts for a family when
 * its explainer is the family's (or one that refines it: expedited-removal for removal, ice-ero for
 * ice…) and its span covers an expected spelling; other explainers' matches are not scored.
 *
 * The floors sit just under what the rules measure today, so they guard against regressions; the
 * targets of issue #13 (precision ≥ 0.97, recall ≥ 0.95 on the test part) are not met yet.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../lib/match/index';
import type { MatchTerm } from '../../lib/match/types';
import { compileFolder } from '../../tools/pack/compiler';
import { belowFloors, covers, EVAL_DIR, isTestPage, table, Tally, type EvalLine, type Floors } from './eval-score';

interface SenseLine extends EvalLine {
  term: string;
}

const SENSE_DIR = join(EVAL_DIR, 'sense');

const REFINES: Readonly<Record<string, string>> = {
  '287g-program': '287g-agreement',
  'expedited-removal': 'removal',
  'ice-ero': 'ice',
  'ice-hsi': 'ice',
};

/** Which explainer each family's file labels. */
const FAMILY: Readonly<Record<string, string>> = {
  'ice.jsonl': 'ice',
  'detainer.jsonl': 'immigration-detainer',
  'sanctuary.jsonl': 'sanctuary-jurisdictions',
  'dhs.jsonl': 'dhs',
  'tps.jsonl': 'tps',
  'cbp.jsonl': 'cbp',
  'moa.jsonl': '287g-agreement',
  'parole.jsonl': 'humanitarian-parole',
  'asylum.jsonl': 'asylum',
  'removal.jsonl': 'removal',
};

function readFamily(file: string): SenseLine[] {
  return readFileSync(join(SENSE_DIR, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as SenseLine);
}

const pack = compileFolder(join(__dirname, '..', '..', 'content', 'explainers'), { id: 'sense-eval', name: 'sense-eval', publisher: 'test' });
const matcher = createMatcher(pack.explainers.flatMap((e) => e.terms.map((term): MatchTerm => ({ ...term, explainerId: e.id }))));

function score(lines: readonly SenseLine[], family: string, tally: Tally): void {
  for (const line of lines) {
    const remaining = line.expect.filter((e) => e.explainer === family);
    for (const m of matcher.match(line.text)) {
      const id = m.explainerId === family ? family : REFINES[m.explainerId] === family ? family : undefined;
      if (id === undefined) continue;
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

const files = readdirSync(SENSE_DIR).filter((file) => file.endsWith('.jsonl')).sort();
const tuning = new Tally();
const test = new Tally();
const counts: string[] = [];
for (const file of files) {
  const family = FAMILY[file];
  if (!family) continue;
  const lines = readFamily(file);
  tuning.score(family);
  test.score(family);
  const testLines = lines.filter((line) => isTestPage(line.url));
  score(lines.filter((line) => !isTestPage(line.url)), family, tuning);
  score(testLines, family, test);
  counts.push(`${file}: ${lines.length} sentences (${lines.filter((l) => l.expect.length === 0).length} negatives), ${testLines.length} in the test part`);
}

/** Measured today, rounded down (precision, recall); the test part must not be tuned on. */
const FLOORS: Record<'tuning' | 'test', Floors> = {
  tuning: {
    '287g-agreement': { precision: 0.87, recall: 0.60 }, // measured 0.889 / 0.615
    'asylum': { precision: 0.99, recall: 0.70 }, // measured 1.000 / 0.714
    'cbp': { precision: 0.91, recall: 0.75 }, // measured 0.929 / 0.765
    'dhs': { precision: 0.99, recall: 0.49 }, // measured 1.000 / 0.500
    'humanitarian-parole': { precision: 0.99, recall: 0.79 }, // measured 1.000 / 0.800
    'ice': { precision: 0.98, recall: 0.61 }, // measured 0.990 / 0.621
    'immigration-detainer': { precision: 0.61, recall: 0.89 }, // measured 0.625 / 0.909
    'removal': { precision: 0.99, recall: 0.83 }, // measured 1.000 / 0.846
    'sanctuary-jurisdictions': { precision: 0.74, recall: 0.91 }, // measured 0.750 / 0.923
    'tps': { precision: 0.99, recall: 0.99 }, // measured 1.000 / 1.000
    'ALL': { precision: 0.92, recall: 0.69 }, // measured 0.935 / 0.701
  },
  test: {
    '287g-agreement': { precision: 0.82, recall: 0.99 }, // measured 0.833 / 1.000
    'asylum': { precision: 0.99, recall: 0.99 }, // measured 1.000 / 1.000
    'cbp': { precision: 0.99, recall: 0.49 }, // measured 1.000 / 0.500
    'dhs': { precision: 0.99, recall: 0.76 }, // measured 1.000 / 0.778
    'humanitarian-parole': { precision: 0.99, recall: 0.71 }, // measured 1.000 / 0.727
    'ice': { precision: 0.95, recall: 0.59 }, // measured 0.968 / 0.600
    'immigration-detainer': { precision: 0.65, recall: 0.79 }, // measured 0.667 / 0.800
    'removal': { precision: 0.65, recall: 0.99 }, // measured 0.667 / 1.000
    'sanctuary-jurisdictions': { precision: 0.99, recall: 0.99 }, // measured 1.000 / 1.000
    'tps': { precision: 0.99, recall: 0.99 }, // measured 1.000 / 1.000
    'ALL': { precision: 0.87, recall: 0.71 }, // measured 0.885 / 0.726
  },
};

describe('sense evaluation set (real pack, each sentence its own page)', () => {
  it('labels every family it holds, with real URLs and enough hard negatives', () => {
    expect(files.map((file) => FAMILY[file] ?? `unlabelled ${file}`).filter((id) => id.startsWith('unlabelled'))).toEqual([]);
    let lines = 0;
    let negatives = 0;
    for (const file of files) {
      for (const line of readFamily(file)) {
        lines++;
        if (line.expect.length === 0) negatives++;
        expect(line.url).toMatch(/^https?:\/\//);
        for (const e of line.expect) expect(line.text, file).toContain(e.text);
      }
    }
    expect(lines).toBeGreaterThanOrEqual(600);
    expect(negatives / lines).toBeGreaterThanOrEqual(0.4);
  });

  it('prints precision and recall per family, tuning and test parts', () => {
    console.log(
      [
        counts.join('\n'),
        table('Sense set, tuning part', tuning.byTerm),
        table('Sense set, test part (never tuned on)', test.byTerm),
        `Misses (test part):\n${test.misses.join('\n')}`,
      ].join('\n\n'),
    );
    expect(test.byTerm.size).toBe(Object.keys(FAMILY).length);
  });

  it.each(['tuning', 'test'] as const)('stays at or above what the %s part measures today', (name) => {
    expect(belowFloors((name === 'tuning' ? tuning : test).byTerm, FLOORS[name])).toEqual([]);
  });
});
