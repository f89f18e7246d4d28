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
 * Ambiguous terms are decided by their sense models (lib/match/sense.ts), trained by
 * tools/sense/train.ts on the tuning part only; the rows added with the models (Costa Rica's ICE,
 * WebRTC, Brent, the play "Sanctuary City", state Departments of Human Services, the Interstate
 * Agreement on Detainers, Mall of America…) went wherever isTestPage put them, labelled without
 * running the model on them. An expected mention inside another explainer's longer match ("ICE" in
 * "ICE detention", which the detention explainer claims) is a false negative; the count of those is
 * printed apart.
 *
 * Issue #13 sets its targets per ambiguous term, so a second reading scores each occurrence of the
 * family's ambiguous spelling (EN_AMBIGUOUS in sense-sets.ts: ICE / Ice / I.C.E., detainer, DHS…):
 * a synonym the family also marks ("immigration hold") is not scored, because the labels name the
 * ambiguous word only; and an occurrence inside another explainer's longer match counts as marked.
 *
 * The floors sit just under what the models measure, so they guard against regressions; the targets
 * of issue #13 (precision ≥ 0.97, recall ≥ 0.95 on the test part) are not met: see the test tables.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../lib/match/index';
import type { MatchTerm } from '../../lib/match/types';
import { compileFolder } from '../../tools/pack/compiler';
import { belowFloors, table, Tally, type Floors } from './eval-score';
import { englishSet, EN_AMBIGUOUS, nestedNote, scoreLines, scoreMentions, testPart, tuningPart } from './sense-sets';

const set = englishSet();
const pack = compileFolder(join(__dirname, '..', '..', 'content', 'explainers'), { id: 'sense-eval', name: 'sense-eval', publisher: 'test' });
const matcher = createMatcher(pack.explainers.flatMap((e) => e.terms.map((term): MatchTerm => ({ ...term, explainerId: e.id }))));

const tuning = new Tally();
const test = new Tally();
/** The same lines, scored per occurrence of the family's ambiguous spelling (issue #13's targets). */
const mentions = { tuning: new Tally(), test: new Tally() };
const tuningNested = new Map<string, number>();
const testNested = new Map<string, number>();
const counts: string[] = [];
for (const { file, family, lines } of set.files) {
  tuning.score(family);
  test.score(family);
  const testLines = testPart(lines);
  scoreLines(matcher, set, tuningPart(lines), family, tuning, tuningNested);
  scoreLines(matcher, set, testLines, family, test, testNested);
  const spelling = EN_AMBIGUOUS[family];
  if (spelling) {
    mentions.tuning.score(family);
    mentions.test.score(family);
    scoreMentions(matcher, set, tuningPart(lines), family, spelling, mentions.tuning);
    scoreMentions(matcher, set, testLines, family, spelling, mentions.test);
  }
  counts.push(`${file}: ${lines.length} sentences (${lines.filter((l) => l.expect.length === 0).length} negatives), ${testLines.length} in the test part`);
}

/** Measured with the sense models, rounded down (precision, recall); the test part must not be tuned on. */
const FLOORS: Record<'tuning' | 'test', Floors> = {
  tuning: {
    '287g-agreement': { precision: 0.89, recall: 0.89 }, // measured 0.897 / 0.897
    asylum: { precision: 0.99, recall: 0.99 }, // measured 1.000 / 1.000
    cbp: { precision: 0.96, recall: 0.91 }, // measured 0.963 / 0.912
    dhs: { precision: 0.99, recall: 0.99 }, // measured 1.000 / 1.000
    'humanitarian-parole': { precision: 0.91, recall: 0.95 }, // measured 0.911 / 0.960
    ice: { precision: 0.97, recall: 0.93 }, // measured 0.979 / 0.931
    'immigration-detainer': { precision: 0.92, recall: 0.99 }, // measured 0.921 / 1.000
    removal: { precision: 0.86, recall: 0.85 }, // measured 0.870 / 0.860
    'sanctuary-jurisdictions': { precision: 0.91, recall: 0.97 }, // measured 0.917 / 0.978
    tps: { precision: 0.99, recall: 0.99 }, // measured 1.000 / 1.000
    ALL: { precision: 0.95, recall: 0.94 }, // measured 0.953 / 0.946
  },
  test: {
    '287g-agreement': { precision: 0.84, recall: 0.82 }, // measured 0.848 / 0.824
    asylum: { precision: 0.95, recall: 0.92 }, // measured 0.960 / 0.923
    cbp: { precision: 0.72, recall: 0.74 }, // measured 0.722 / 0.743
    dhs: { precision: 0.96, recall: 0.84 }, // measured 0.964 / 0.844
    'humanitarian-parole': { precision: 0.92, recall: 0.82 }, // measured 0.927 / 0.826
    ice: { precision: 0.88, recall: 0.84 }, // measured 0.886 / 0.843
    'immigration-detainer': { precision: 0.87, recall: 0.97 }, // measured 0.875 / 0.972
    removal: { precision: 0.73, recall: 0.79 }, // measured 0.738 / 0.795
    'sanctuary-jurisdictions': { precision: 0.88, recall: 0.99 }, // measured 0.885 / 1.000
    tps: { precision: 0.99, recall: 0.79 }, // measured 1.000 / 0.794
    ALL: { precision: 0.87, recall: 0.84 }, // measured 0.879 / 0.848
  },
};

/** The same, per occurrence of each family's ambiguous spelling: what issue #13's targets read. */
const MENTION_FLOORS: Record<'tuning' | 'test', Floors> = {
  tuning: {
    '287g-agreement': { precision: 0.99, recall: 0.85 }, // measured 1.000 / 0.853
    asylum: { precision: 0.99, recall: 0.99 }, // measured 1.000 / 1.000
    cbp: { precision: 0.99, recall: 0.99 }, // measured 1.000 / 1.000
    dhs: { precision: 0.99, recall: 0.99 }, // measured 1.000 / 1.000
    'humanitarian-parole': { precision: 0.99, recall: 0.99 }, // measured 1.000 / 1.000
    ice: { precision: 0.99, recall: 0.99 }, // measured 1.000 / 1.000
    'immigration-detainer': { precision: 0.99, recall: 0.99 }, // measured 1.000 / 1.000
    removal: { precision: 0.99, recall: 0.90 }, // measured 1.000 / 0.903
    'sanctuary-jurisdictions': { precision: 0.93, recall: 0.99 }, // measured 0.938 / 1.000
    tps: { precision: 0.99, recall: 0.99 }, // measured 1.000 / 1.000
    ALL: { precision: 0.99, recall: 0.98 }, // measured 0.996 / 0.983
  },
  test: {
    '287g-agreement': { precision: 0.99, recall: 0.86 }, // measured 1.000 / 0.864
    asylum: { precision: 0.95, recall: 0.92 }, // measured 0.960 / 0.923
    cbp: { precision: 0.93, recall: 0.85 }, // measured 0.935 / 0.853
    dhs: { precision: 0.97, recall: 0.80 }, // measured 0.977 / 0.808
    'humanitarian-parole': { precision: 0.97, recall: 0.85 }, // measured 0.973 / 0.857
    ice: { precision: 0.91, recall: 0.91 }, // measured 0.917 / 0.917
    'immigration-detainer': { precision: 0.87, recall: 0.97 }, // measured 0.872 / 0.971
    removal: { precision: 0.96, recall: 0.79 }, // measured 0.969 / 0.795
    'sanctuary-jurisdictions': { precision: 0.88, recall: 0.99 }, // measured 0.885 / 1.000
    tps: { precision: 0.99, recall: 0.84 }, // measured 1.000 / 0.844
    ALL: { precision: 0.94, recall: 0.87 }, // measured 0.943 / 0.878
  },
};

describe('sense evaluation set (real pack, each sentence its own page)', () => {
  it('labels every family it holds, with real URLs and enough hard negatives', () => {
    expect(set.files.map((f) => f.family).filter((id) => id.startsWith('unlabelled'))).toEqual([]);
    let lines = 0;
    let negatives = 0;
    for (const { file, lines: labelled } of set.files) {
      for (const line of labelled) {
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
        nestedNote(tuningNested),
        table('Sense set, test part (never tuned on)', test.byTerm),
        nestedNote(testNested),
        table('Ambiguous spellings, tuning part (each occurrence of the family\'s ambiguous word)', mentions.tuning.byTerm),
        table('Ambiguous spellings, test part (never tuned on): issue #13 asks precision ≥ 0.97, recall ≥ 0.95', mentions.test.byTerm),
        // Misses are listed for the tuning part only: reading the test part's would be tuning on it.
        `Misses (tuning part):\n${tuning.misses.join('\n')}`,
      ].join('\n\n'),
    );
    expect(test.byTerm.size).toBe(set.files.length);
  });

  it.each(['tuning', 'test'] as const)('stays at or above what the %s part measures today', (name) => {
    expect(belowFloors((name === 'tuning' ? tuning : test).byTerm, FLOORS[name])).toEqual([]);
    expect(belowFloors(mentions[name].byTerm, MENTION_FLOORS[name])).toEqual([]);
  });
});
