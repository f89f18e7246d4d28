import { describe, expect, it } from 'vitest';
import { maxOf, median, ratio } from './stats';

describe('stats', () => {
  it('median skips missing values and averages the middle pair', () => {
    expect(median([3, null, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([null, undefined])).toBeNull();
  });

  it('maxOf and ratio treat missing or untimeable values as unknown', () => {
    expect(maxOf([1, null, 7])).toBe(7);
    expect(maxOf([])).toBeNull();
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(3, 0.5, 1)).toBeNull();
    expect(ratio(null, 2)).toBeNull();
  });
});
