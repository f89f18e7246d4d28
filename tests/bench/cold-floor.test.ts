import { describe, expect, it } from 'vitest';
import { COLD_FLOOR_FLAGS, coldFloorSource } from './cold-floor';

describe('cold native floor', () => {
  it('is one case-insensitive RegExp of every spelling, case-sensitive ones folded in, longest first, word-bounded', () => {
    const source = coldFloorSource([{ text: 'ICE' }, { text: 'ICE agents' }, { text: 'U.S.' }, { text: 'ICE' }, { text: '' }]);
    const regex = new RegExp(source, COLD_FLOOR_FLAGS);
    const found = [...'Ice agents left; the u.s. and ICE; price, iced'.matchAll(regex)].map((m) => m[0]);
    // "Ice agents" whole (longest first), no "ice" inside "price" or "iced".
    expect(found).toEqual(['Ice agents', 'u.s.', 'ICE']);
  });
});
