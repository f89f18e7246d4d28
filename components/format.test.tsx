import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber } from './format';

describe('formatDate', () => {
  it('formats full, month-only and year-only ISO dates without shifting the day', () => {
    expect(formatDate('2026-02-18', 'en-US')).toBe('Feb 18, 2026');
    expect(formatDate('2026-01-01', 'en-US')).toBe('Jan 1, 2026');
    expect(formatDate('2009-01', 'en-US')).toBe('Jan 2009');
    expect(formatDate('2002', 'en-US')).toBe('2002');
  });

  it('returns text that is not an ISO date unchanged', () => {
    expect(formatDate('sometime in 2020', 'en-US')).toBe('sometime in 2020');
  });
});

describe('formatNumber', () => {
  it('groups thousands', () => {
    expect(formatNumber(1412, 'en-US')).toBe('1,412');
  });
});
