import { describe, expect, it } from 'vitest';
import { parseOptions } from './options';

describe('parseOptions', () => {
  it('is not strict unless asked', () => {
    expect(parseOptions([], '/repo').strict).toBe(false);
    expect(parseOptions(['--strict'], '/repo').strict).toBe(true);
    expect(parseOptions(['--quick', '--strict', '--no-markjs'], '/repo')).toMatchObject({ strict: true, quick: true, skipMarkJs: true });
  });

  it('rejects unknown flags and missing values', () => {
    expect(() => parseOptions(['--stric'], '/repo')).toThrow(/Unknown option "--stric"/);
    expect(() => parseOptions(['--runs'], '/repo')).toThrow(/--runs needs a value/);
    expect(() => parseOptions(['--runs', '0'], '/repo')).toThrow(/positive integer/);
  });
});
