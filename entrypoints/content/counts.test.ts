import { describe, expect, it } from 'vitest';
import type { Mark } from '../../lib/dom/marks';
import { countMentions, sameCounts } from './counts';

describe('mention counts', () => {
  it('counts every mention per explainer', () => {
    const marks = ['ice', '287g', 'ice'].map((explainerId) => ({ explainerId }) as Mark);
    expect(countMentions(marks)).toEqual({ ice: 2, '287g': 1 });
    expect(countMentions([])).toEqual({});
  });

  it('compares counts regardless of key order', () => {
    expect(sameCounts({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(sameCounts({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameCounts({ a: 1 }, { a: 1, b: 1 })).toBe(false);
  });
});
