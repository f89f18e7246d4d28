import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locateJsonError, parseJson } from './parse-json';
import { englishProblem } from '../../components/testing/i18n';

describe('parseJson', () => {
  it('returns the value of valid JSON', () => {
    expect(parseJson(' {"a":[1,-2.5e3,true,null,"x\\u00e9"]} ')).toEqual({ ok: true, value: { a: [1, -2500, true, null, 'xé'] } });
  });

  it.each([
    ['{"a":1,}', 7, 1, 8, /expected a property name/],
    ['{\n  "a": 1\n  "b": 2\n}', 13, 3, 3, /expected ',' or '}' after a property/],
    ['[1, 2', 5, 1, 6, /expected ',' or '\]'.*found end of input/],
    ['{"a": tru}', 6, 1, 7, /expected true/],
    ['{"a": "line\nbreak"}', 11, 1, 12, /control character in string/],
    ['{"a": 01}', 7, 1, 8, /expected ',' or '}'/],
    ['{"a": 1} trailing', 9, 1, 10, /unexpected text after the JSON value/],
    ['', 0, 1, 1, /expected a value, found end of input/],
  ])('locates the error in %j', (text, position, line, column, reason) => {
    const result = parseJson(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.position).toBe(position);
    expect(englishProblem(result.error)).toMatch(new RegExp(`^not valid JSON at position ${position} \\(line ${line}, column ${column}\\): `));
    expect(englishProblem(result.error)).toMatch(reason);
  });

  it('recognises an HTML page served where a pack was expected', () => {
    const result = parseJson('<!doctype html><title>404</title>');
    expect(!result.ok && englishProblem(result.error)).toMatch(/position 0 .*looks like an HTML page/);
  });

  it('agrees with JSON.parse on what is valid', () => {
    const accepts = (text: string) => {
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    };
    const jsonText = fc.jsonValue().chain((value) =>
      fc.constantFrom(JSON.stringify(value), JSON.stringify(value, null, 2)).map((text) => text ?? 'null'),
    );
    // Valid documents, and the same documents with one character deleted or inserted.
    const mutated = fc.tuple(jsonText, fc.nat(), fc.constantFrom('', ',', '"', '}', ']', ':', '\\', 'x', '0', ' ')).map(
      ([text, at, insert]) => {
        const i = at % (text.length + 1);
        return insert === '' ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + insert + text.slice(i);
      },
    );
    fc.assert(
      fc.property(fc.oneof(jsonText, mutated), (text) => {
        const located = locateJsonError(text);
        expect(located === null).toBe(accepts(text));
        if (located) expect(located.position).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 500 },
    );
  });
});
