/**
 * lib/ is code that ships in the extension: it must run in a browser. Node-only tools (the pack
 * compiler, the detect CLI, keygen, benches) live in tools/, and test helpers in tests/support/.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const LIB = __dirname;

function shippedFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return shippedFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Import specifiers that a browser bundle cannot satisfy. */
const NODE_ONLY = /\bfrom\s+['"](node:[^'"]+|fs|path|os|child_process|crypto|url|util)['"]|\brequire\(|\bprocess\.(argv|exit|env)\b|__dirname/;
/** Shipped code may not import tools or tests. */
const OUTSIDE_LIB = /\bfrom\s+['"](\.\.\/)+(tools|tests)\//;

describe('lib/ is browser-safe', () => {
  const files = shippedFiles(LIB);

  it('finds the shipped modules', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it('has no Node-only imports and reaches into no tools or tests', () => {
    const offenders = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return NODE_ONLY.test(text) || OUTSIDE_LIB.test(text) ? [relative(LIB, file)] : [];
    });
    expect(offenders).toEqual([]);
  });

  it('the rule itself catches a Node import', () => {
    expect(NODE_ONLY.test("import { readFileSync } from 'node:fs';")).toBe(true);
    expect(OUTSIDE_LIB.test("import { x } from '../../tools/pack/compiler';")).toBe(true);
  });
});
