import { describe, expect, it } from 'vitest';
import { formatPages, formatTargets, strictFailures, targets, type PageRow, type ScalingRow } from './report';

const row = (overrides: Partial<PageRow>): PageRow => ({
  page: 'p',
  kind: 'corpus',
  bytes: 1000,
  textNodes: 100,
  chars: 2048,
  bareWalkMs: 0.5,
  floorMs: 2,
  isolatedFloorMs: 2,
  floorColdMs: 4,
  coldFloorMs: 4,
  coldFloorMatches: 0,
  floorMatches: 0,
  scanMs: 6,
  warmScanMs: 3,
  scanMsBest: 3,
  scanMeasures: 1,
  marks: 0,
  markJsMeasured: true,
  markJsMs: 300,
  markJsMatches: 0,
  longestTaskInScanMs: 0,
  longestTaskOverallMs: 0,
  maxSliceMs: 3,
  errors: [],
  ...overrides,
});

const scalingRow = (label: string, terms: number, ms: number, setUpMs = 1): ScalingRow => ({
  label,
  terms,
  tableKB: terms / 10,
  parseMs: setUpMs,
  buildMs: setUpMs,
  firstPassMs: ms,
  textNodesMs: ms,
  textNodesMatches: 1,
  blocksMs: null,
  blocksMatches: null,
});
const scaling = (smallMs: number, bigMs: number): ScalingRow[] => [scalingRow('100 synthetic', 100, smallMs), scalingRow('10,000 synthetic', 10000, bigMs, 50)];

const byName = (list: ReturnType<typeof targets>, start: string) => list.find((t) => t.name.startsWith(start))!;

describe('targets', () => {
  it('passes and fails each goal on its threshold', () => {
    const rows = [
      row({ warmScanMs: 3, floorMs: 1.2, isolatedFloorMs: 2 }),
      row({ kind: 'stress', scanMs: 50, warmScanMs: 50, floorMs: 20, isolatedFloorMs: 30, coldFloorMs: 20, markJsMs: 500, longestTaskInScanMs: 60 }),
    ];
    const list = targets(rows, scaling(10, 16), 21 * 1024);
    expect(byName(list, 'scan/floor warm, median over corpus pages (floor in an isolated').value).toBe(1.5);
    expect(byName(list, 'scan/floor warm, median over corpus pages (floor in an isolated').pass).toBe(true);
    expect(byName(list, 'scan/floor warm, median over corpus pages (floor in the main').value).toBe(2.5);
    expect(byName(list, 'scan/floor warm, median over corpus pages (floor in the main').pass).toBe(false);
    expect(byName(list, 'scan/floor warm, stress page (floor in an isolated').pass).toBe(true);
    expect(byName(list, 'scan/floor warm, stress page (floor in the main').pass).toBe(false);
    expect(byName(list, 'cold scan (').value).toBe(1.5);
    expect(byName(list, 'cold scan (').pass).toBe(true);
    expect(byName(list, 'cold scan, stress').value).toBe(2.5);
    expect(byName(list, 'cold scan, stress').pass).toBe(false);
    expect(byName(list, 'mark.js speed-up (').value).toBe(50);
    expect(byName(list, 'mark.js speed-up, stress').pass).toBe(false);
    expect(byName(list, 'scaling').value).toBeCloseTo(1.6);
    expect(byName(list, 'scaling').pass).toBe(false);
    expect(byName(list, 'max long task').pass).toBe(false);
    expect(byName(list, 'content-script').pass).toBe(false);
  });

  it('reads the cold target against the cold native floor of a fresh load, and names the worst page beside the median', () => {
    const rows = [
      row({ page: 'a', scanMs: 6, floorColdMs: 1, coldFloorMs: 4 }),
      row({ page: 'b', scanMs: 9, coldFloorMs: 3 }),
      row({ page: 'c', scanMs: 4, coldFloorMs: 4 }),
      row({ page: 'tiny', scanMs: 9, coldFloorMs: 0.3 }),
    ];
    const cold = byName(targets(rows, [], null), 'cold scan (');
    expect(cold.value).toBe(1.5);
    expect(cold.note).toContain('3 pages');
    expect(cold.note).toContain('worst 3.00× (b: 9.0 / 3.0 ms)');
  });

  it('compares a frame\'s whole cost at 15,000 terms with 100 terms', () => {
    const rows = [scalingRow('100 synthetic', 100, 10), scalingRow('15,000 synthetic', 15000, 12, 2)];
    const frame = byName(targets([], rows, null), 'frame cost');
    // (2 + 2 + 12) / (1 + 1 + 10)
    expect(frame.value).toBeCloseTo(16 / 12);
    expect(frame.pass).toBe(true);
    expect(byName(targets([], [scalingRow('100 synthetic', 100, 10), scalingRow('15,000 synthetic', 15000, 12, 20)], null), 'frame cost').pass).toBe(false);
  });

  it('counts a long scan slice as a long task even when the page observer saw none', () => {
    const quiet = [row({ longestTaskInScanMs: 0, maxSliceMs: 12 }), row({ kind: 'stress', longestTaskInScanMs: 0, maxSliceMs: 20 })];
    expect(byName(targets(quiet, scaling(10, 10), 10 * 1024), 'max long task').value).toBe(20);
    expect(byName(targets(quiet, scaling(10, 10), 10 * 1024), 'max long task').pass).toBe(true);
    const unseen = [row({ longestTaskInScanMs: 0, maxSliceMs: 600 })];
    expect(byName(targets(unseen, scaling(10, 10), 10 * 1024), 'max long task').value).toBe(600);
    expect(byName(targets(unseen, scaling(10, 10), 10 * 1024), 'max long task').pass).toBe(false);
  });

  it('leaves out pages whose floor is too short to time and reports unknowns as n/a', () => {
    const rows = [
      row({ floorMs: 0.2, isolatedFloorMs: 0.4, warmScanMs: 5 }),
      row({ floorMs: 4, isolatedFloorMs: 4, warmScanMs: 4, markJsMeasured: false, markJsMs: null }),
    ];
    const list = targets(rows, [], null);
    expect(byName(list, 'scan/floor warm, median over corpus pages (floor in an isolated').value).toBe(1);
    expect(byName(list, 'scan/floor warm, stress page (floor in an isolated').pass).toBeNull();
    expect(byName(list, 'scaling').pass).toBeNull();
    expect(byName(list, 'content-script').pass).toBeNull();
    expect(formatTargets(list)).toContain('n/a');
  });
});

describe('formatPages', () => {
  it('shows skipped mark.js, missing scans and errors in the row', () => {
    const text = formatPages([row({ page: 'tiny', markJsMeasured: false, markJsMs: null, scanMs: null, errors: ['load: timeout'] })]);
    expect(text).toContain('tiny [error: load: timeout]');
    expect(text).toContain('skip');
    expect(text).toMatch(/\bn\/a\b/);
  });
});

describe('strictFailures', () => {
  it('lists each FAILed target and an early stop, but not targets that could not be measured', () => {
    const passing = targets([row({})], scaling(1, 1.2), 10_000);
    expect(passing.some((target) => target.pass === null), 'some n/a targets in this run').toBe(true);
    expect(strictFailures(passing, null)).toEqual([]);
    const slow = targets([row({ warmScanMs: 30, isolatedFloorMs: 2, floorMs: 2 })], scaling(1, 1.2), 10_000);
    const failures = strictFailures(slow, null);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.join('\n')).toMatch(/scan\/floor warm, median over corpus pages .*: 15\.00 \(goal ≤ 2×/);
    expect(strictFailures(passing, 'interrupted')).toEqual(['stopped early (interrupted)']);
  });

  it('reports a long-task observer that never ran as n/a, not as "<50"', () => {
    const unmeasured = row({ longestTaskInScanMs: null, longestTaskOverallMs: null });
    expect(formatPages([unmeasured])).toMatch(/n\/a \/ n\/a/);
    expect(formatPages([unmeasured])).not.toMatch(/<50/);
  });
});
