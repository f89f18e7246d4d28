/**
 * The labelled sentences of tests/eval (see eval.test.ts) scored against the terms of the REAL
 * compiled pack (content/explainers), so the shipped rules are held to per-split floors like
 * the tuned table in tests/eval/terms.json.
 *
 * Scoring rules, because the real pack has more explainers and more spellings than the eval set:
 * - An expectation (X, "T") is met by a real-pack match for X whose span covers an occurrence of
 *   T: the pack may own a longer spelling ("ICE agents", "removal proceedings", "U.S. Immigration
 *   and Customs Enforcement") and the longest spelling wins.
 * - REFINES lists explainers that are parts of an evaluated one (287g-agreement of 287g-program,
 *   expedited-removal of removal, ice-ero of ice…). They own some of the eval set's spellings
 *   ("287(g) agreement", "expedited removal"), so their matches are scored as the evaluated
 *   explainer: the reader lands on the same topic, one level more specific.
 * - A match scored as X that meets no expectation is a false positive only when it overlaps a
 *   spelling tests/eval/terms.json lists for X: the eval set was labelled for those spellings and
 *   says nothing about others. So "deportation" → removal (the eval set never labels
 *   "deportation"), "Border Patrol" → cbp and "Enforcement and Removal Operations" → ice-ero
 *   (no ice spelling in it) are listed as "not scored" rather than counted either way.
 * - Matches of other explainers (california-sb54, texas-sb4, …) are not scored; if one swallows
 *   an expected spelling, that expectation is a false negative.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFolder } from '../../tools/pack/compiler';
import { belowFloors, covers, EVAL_DIR, readSplits, table, Tally, type EvalLine, type Floor, type Floors, type Splits } from './eval-score';
import { createMatcher } from '../../lib/match/index';
import type { MatchTerm, TextMatch } from '../../lib/match/types';

const REFINES: Readonly<Record<string, string>> = {
  '287g-agreement': '287g-program',
  'task-force-model': '287g-program',
  'jail-enforcement-model': '287g-program',
  'warrant-service-officer': '287g-program',
  'expedited-removal': 'removal',
  'ice-ero': 'ice',
  'ice-hsi': 'ice',
};

const evalTerms = JSON.parse(readFileSync(join(EVAL_DIR, 'terms.json'), 'utf8')) as MatchTerm[];
const evaluatedIds = new Set(evalTerms.map((t) => t.explainerId));
/** Per evaluated explainer, its eval spellings without context or veto rules: where the eval set has labelled text. */
const labelledSpellings = new Map(
  [...evaluatedIds].map((id) => [
    id,
    createMatcher(
      evalTerms
        .filter((t) => t.explainerId === id)
        .map(({ explainerId, text, caseSensitive }) => ({ explainerId, text, caseSensitive })),
    ),
  ]),
);

const pack = compileFolder(join(__dirname, '..', '..', 'content', 'explainers'), {
  id: 'pack-eval',
  name: 'pack-eval',
  publisher: 'test',
});
const packTerms: MatchTerm[] = pack.explainers.flatMap((e) => e.terms.map((term) => ({ ...term, explainerId: e.id })));
const matcher = createMatcher(packTerms);

/** Measured 1.000: any new false positive or negative fails. */
const EXACT: Floor = { precision: 0.99, recall: 0.99 };

/** Per split, per evaluated explainer; set just under what was measured, measured values in the comments where below 1. */
const FLOORS: Record<keyof Splits, Floors> = {
  tuning: {
    '287g-program': EXACT,
    asylum: EXACT,
    cbp: EXACT,
    daca: EXACT,
    dhs: EXACT,
    ice: { precision: 0.99, recall: 0.97 }, // 0.978 (45 of 46): "ICE detention holds" goes to immigration-detention,
    'immigration-detainer': EXACT,
    removal: EXACT,
    'sanctuary-jurisdictions': EXACT,
    tps: EXACT,
    uscis: EXACT,
    // 0.994 (170 of 171).
    ALL: EXACT,
  },
  heldOut: {
    '287g-program': EXACT,
    asylum: EXACT,
    cbp: EXACT,
    daca: EXACT,
    dhs: EXACT,
    // 12 of 12 since session 12's retrain (it was 12 of 13: a bare "ICE" in "jointly operated by ICE and
    // SNCF's TGV", which the sense model had kept).
    ice: EXACT,
    'immigration-detainer': EXACT,
    removal: EXACT,
    'sanctuary-jurisdictions': EXACT,
    tps: EXACT,
    uscis: EXACT,
    // 0.972 (35 of 36).
    ALL: { precision: 0.97, recall: 0.99 },
  },
  test: {
    // 4 of 8: "asylum" in the Assange story (political asylum, no immigration context words).
    asylum: { precision: 0.99, recall: 0.49 },
    // 14 of 15 after session 12's retrains on the grown sense sets, where the spelling and its own casing may
    // raise the score (14 of 16 after the first of them; 15 of 15 before session 11).
    ice: { precision: 0.93, recall: 0.99 },
    'immigration-detainer': EXACT,
    removal: EXACT,
    // 7 of 8 since the retrain on the grown sense sets (it was 8 of 8): one more sanctuary match that is wrong.
    'sanctuary-jurisdictions': { precision: 0.87, recall: 0.99 },
    uscis: EXACT,
    // Precision 0.969 (31 of 32; it was 30 of 32), recall 0.939 (31 of 33; it was 30 of 33).
    ALL: { precision: 0.96, recall: 0.93 },
  },
};

const splits = readSplits();

function scoredAs(explainerId: string): string | undefined {
  if (evaluatedIds.has(explainerId)) return explainerId;
  return REFINES[explainerId];
}

function overlapsLabelled(id: string, m: TextMatch, line: EvalLine): boolean {
  const spellings = labelledSpellings.get(id)!.match(line.text, { fallbackText: line.fallback });
  return spellings.some((l) => l.start < m.end && m.start < l.end);
}

function scorePack(subset: readonly EvalLine[]): { tally: Tally; notScored: string[] } {
  const tally = new Tally();
  const notScored: string[] = [];
  for (const line of subset) {
    const ctx = { fallbackText: line.fallback };
    const remaining = [...line.expect];
    for (const m of matcher.match(line.text, ctx)) {
      const id = scoredAs(m.explainerId);
      const at = id === undefined ? -1 : remaining.findIndex((e) => e.explainer === id && covers(m.start, m.end, line, e.text));
      if (id !== undefined && at >= 0) {
        remaining.splice(at, 1);
        tally.hit(id);
      } else if (id !== undefined && overlapsLabelled(id, m, line)) {
        tally.falsePositive(id, `${m.text}${id === m.explainerId ? '' : ` (as ${m.explainerId})`}`, line);
      } else {
        notScored.push(`${m.explainerId} "${m.text}"`);
      }
    }
    for (const e of remaining) tally.falseNegative(e.explainer, e.text, line);
  }
  return { tally, notScored };
}

describe('real pack on the evaluation set', () => {
  it('covers every explainer the eval set labels', () => {
    const packIds = new Set(pack.explainers.map((e) => e.id));
    for (const id of evaluatedIds) expect(packIds.has(id), `${id} in content/explainers`).toBe(true);
    for (const [narrow, broad] of Object.entries(REFINES)) {
      expect(packIds.has(narrow), `${narrow} in content/explainers`).toBe(true);
      expect(evaluatedIds.has(broad), `${broad} in tests/eval/terms.json`).toBe(true);
    }
  });

  const scored = {
    tuning: scorePack(splits.tuning),
    heldOut: scorePack(splits.heldOut),
    test: scorePack(splits.test),
  };

  it('prints its scores per split', () => {
    const unscoredCounts = new Map<string, number>();
    for (const name of ['tuning', 'heldOut', 'test'] as const) {
      for (const key of scored[name].notScored) unscoredCounts.set(key, (unscoredCounts.get(key) ?? 0) + 1);
    }
    console.log(
      [
        table(`Real pack, sentences.jsonl tuning lines (${splits.tuning.length})`, scored.tuning.tally.byTerm),
        table(`Real pack, sentences.jsonl every 5th line, held out (${splits.heldOut.length})`, scored.heldOut.tally.byTerm),
        table(`Real pack, fresh.jsonl, never tuned on (${splits.test.length})`, scored.test.tally.byTerm),
        ...(['tuning', 'heldOut', 'test'] as const).map((name) =>
          scored[name].tally.misses.length > 0 ? `Misses (${name}):\n${scored[name].tally.misses.join('\n')}` : `Misses (${name}): none`,
        ),
        `Not scored (spellings the eval set does not label):\n${[...unscoredCounts]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([key, n]) => `${String(n).padStart(3)}  ${key}`)
          .join('\n')}`,
      ].join('\n\n'),
    );
    expect(splits.test.length).toBeGreaterThan(0);
  });

  it.each(['tuning', 'heldOut', 'test'] as const)('meets its per-explainer floors on the %s split alone', (name) => {
    expect(belowFloors(scored[name].tally.byTerm, FLOORS[name])).toEqual([]);
  });
});
