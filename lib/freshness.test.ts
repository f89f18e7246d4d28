import { describe, expect, it } from 'vitest';
import { daysSince, isRecentCorrection, isStale, latestCorrection, newestAsOf } from './freshness';

const at = (iso: string, hour = 12) => Date.parse(`${iso}T${String(hour).padStart(2, '0')}:00:00Z`);

describe('freshness', () => {
  it('counts whole days from a calendar day to the reader\'s clock', () => {
    expect(daysSince('2026-03-01', at('2026-03-01', 0))).toBe(0);
    expect(daysSince('2026-03-01', at('2026-03-02', 23))).toBe(1);
    expect(daysSince('2026-03-01', at('2026-02-28'))).toBe(-1);
  });

  it('calls a figure stale only after staleAfterDays', () => {
    expect(isStale('2026-01-01', 180, at('2026-06-30'))).toBe(false); // day 180
    expect(isStale('2026-01-01', 180, at('2026-07-01'))).toBe(true); // day 181
  });

  it('finds the newest asOf and the latest correction, ignoring undated facts', () => {
    const fact = (asOf?: string) => ({ text: 'x', sources: ['https://a.gov/'], ...(asOf ? { asOf } : {}) });
    expect(newestAsOf([fact('2025-01-01'), fact(), fact('2025-06-30'), fact('2025-03-01')])).toBe('2025-06-30');
    expect(newestAsOf([fact()])).toBeUndefined();
    expect(latestCorrection([{ date: '2025-01-01', text: 'a' }, { date: '2025-02-01', text: 'b' }])?.text).toBe('b');
    expect(latestCorrection(undefined)).toBeUndefined();
  });

  it('announces a correction from its day for 30 days', () => {
    const correction = { date: '2026-12-05', text: 'x' };
    expect(isRecentCorrection(correction, at('2026-12-04'))).toBe(false);
    expect(isRecentCorrection(correction, at('2026-12-05'))).toBe(true);
    expect(isRecentCorrection(correction, at('2027-01-04'))).toBe(true);
    expect(isRecentCorrection(correction, at('2027-01-05'))).toBe(false);
  });
});
