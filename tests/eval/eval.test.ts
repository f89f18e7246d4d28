/**
 * Precision and recall of the tuned term table (tests/eval/terms.json) on real sentences, both
 * senses of every ambiguous term, reported and held to floors per split (see readSplits): the
 * tuning lines, the every-5th held-out lines, and fresh.jsonl, collected after the rules were frozen
 * and never tuned on. Each split meets its own floors; pooling would let the tuned lines hide the
 * fresh ones. Floors sit just under what was measured (1.000 → 0.99), so one new miss fails.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { belowFloors, EVAL_DIR, readSplits, table, Tally, type EvalLine, type Floor, type Floors, type Splits } from './eval-score';
import { createMatcher } from '../../lib/match/index';
import type { MatchTerm } from '../../lib/match/types';

const terms = JSON.parse(readFileSync(join(EVAL_DIR, 'terms.json'), 'utf8')) as MatchTerm[];
const matcher = createMatcher(terms);

/** A match counts when the sentence expects exactly that explainer and text; each expectation is met once. */
function scoreLines(subset: readonly EvalLine[]): Tally {
  const tally = new Tally();
  for (const line of subset) {
    const remaining = line.expect.map((e) => `${e.explainer}\u0000${e.text}`);
    for (const m of matcher.match(line.text, { fallbackText: line.fallback })) {
      const at = remaining.indexOf(`${m.explainerId}\u0000${m.text}`);
      if (at >= 0) {
        remaining.splice(at, 1);
        tally.hit(m.explainerId);
      } else {
        tally.falsePositive(m.explainerId, m.text, line);
      }
    }
    for (const key of remaining) {
      const [id, text] = key.split('\u0000') as [string, string];
      tally.falseNegative(id, text, line);
    }
  }
  return tally;
}

const splits = readSplits();

/** Measured 1.000: any new false positive or negative fails. */
const EXACT: Floor = { precision: 0.99, recall: 0.99 };

/** Per split, per explainer; measured values in the comments where below 1. */
const FLOORS: Record<keyof Splits, Floors> = {
  tuning: {
    '287g-program': EXACT,
    asylum: EXACT,
    cbp: EXACT,
    daca: EXACT,
    dhs: EXACT,
    ice: EXACT,
    'immigration-detainer': EXACT,
    removal: EXACT,
    'sanctuary-jurisdictions': EXACT,
    tps: EXACT,
    uscis: EXACT,
    ALL: EXACT,
  },
  heldOut: {
    '287g-program': EXACT,
    asylum: EXACT,
    cbp: EXACT,
    daca: EXACT,
    dhs: EXACT,
    ice: EXACT,
    'immigration-detainer': EXACT,
    removal: EXACT,
    'sanctuary-jurisdictions': EXACT,
    tps: EXACT,
    uscis: EXACT,
    ALL: EXACT,
  },
  test: {
    // 4 of 8: "asylum" in the Assange story (political asylum, no immigration context words).
    asylum: { precision: 0.99, recall: 0.49 },
    ice: EXACT,
    'immigration-detainer': EXACT,
    removal: EXACT,
    'sanctuary-jurisdictions': EXACT,
    uscis: EXACT,
    // 0.879 (29 of 33).
    ALL: { precision: 0.99, recall: 0.87 },
  },
};

const scored = {
  tuning: scoreLines(splits.tuning),
  heldOut: scoreLines(splits.heldOut),
  test: scoreLines(splits.test),
};

describe('evaluation set', () => {
  it('has both senses of the ambiguous terms', () => {
    const lines = [...splits.tuning, ...splits.heldOut];
    const fresh = splits.test;
    expect(lines.length).toBeGreaterThanOrEqual(150);
    const negatives = lines.filter((line) => line.expect.length === 0).length;
    expect(negatives).toBeGreaterThanOrEqual(60);
    for (const line of [...lines, ...fresh]) {
      expect(line.url).toMatch(/^https?:\/\//);
      for (const e of line.expect) expect(line.text).toContain(e.text);
    }
  });

  it('prints its scores per split', () => {
    console.log(
      [
        table(`sentences.jsonl, tuning lines (${splits.tuning.length})`, scored.tuning.byTerm),
        table(`sentences.jsonl, every 5th line, held out (${splits.heldOut.length})`, scored.heldOut.byTerm),
        table(`fresh.jsonl, collected after the rules were frozen (${splits.test.length})`, scored.test.byTerm),
        ...(['tuning', 'heldOut', 'test'] as const).map((name) =>
          scored[name].misses.length > 0 ? `Misses (${name}):\n${scored[name].misses.join('\n')}` : `Misses (${name}): none`,
        ),
      ].join('\n\n'),
    );
    expect(splits.test.length).toBeGreaterThan(0);
  });

  it.each(['tuning', 'heldOut', 'test'] as const)('meets its per-explainer floors on the %s split alone', (name) => {
    expect(belowFloors(scored[name].byTerm, FLOORS[name])).toEqual([]);
  });
});
