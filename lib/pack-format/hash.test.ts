import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, computePackHash, packHashInput, sha256Hex } from './hash';

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('keeps an own "__proto__" key, so a pack cannot smuggle one past its hash', () => {
    const parsed = JSON.parse('{"a":1,"__proto__":{"x":2}}') as object;
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"x":2},"a":1}');
    expect(packHashInput(parsed)).not.toBe(packHashInput({ a: 1 }));
  });

  it('is independent of key insertion order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(record));
        expect(JSON.parse(canonicalJson(record))).toEqual(JSON.parse(JSON.stringify(record)));
      }),
    );
  });
});

describe('pack hashing', () => {
  it('computes standard SHA-256 hex with WebCrypto', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('ignores the sha256 field itself and agrees with node:crypto', async () => {
    const pack = { id: 'p', explainers: [{ id: 'a' }], sha256: 'anything' };
    expect(packHashInput(pack)).toBe('{"explainers":[{"id":"a"}],"id":"p"}');
    const expected = createHash('sha256').update(packHashInput(pack)).digest('hex');
    expect(await computePackHash(pack)).toBe(expected);
    expect(await computePackHash({ ...pack, sha256: 'other' })).toBe(expected);
  });
});
