// Every UI string key the code uses exists in public/_locales/en/messages.json, with as many
// placeholders as the call site passes substitutions; and every pack problem code is a message.
// The MessageKey / PackProblemCode types catch most of this at compile time; this test also covers
// __MSG_…__ references, codes passed around as plain strings, and substitution counts.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import messages from '../public/_locales/en/messages.json';
import { CATEGORY_MESSAGES } from './i18n';

const ROOT = join(import.meta.dirname, '..');
const MESSAGES = messages as Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

function sourceFiles(dir: string, pattern: RegExp): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => pattern.test(file) && !/\.test\.tsx?$/.test(file) && !file.split(/[\\/]/).includes('testing'))
    .map((file) => join(ROOT, dir, file));
}

const CODE = [...sourceFiles('components', /\.tsx?$/), ...sourceFiles('entrypoints', /\.tsx?$/), ...sourceFiles('lib', /\.tsx?$/)];

/** How many substitutions a message takes: its highest $n in the placeholders' contents. */
function placeholderCount(key: string): number {
  const contents = Object.values(MESSAGES[key]?.placeholders ?? {}).map((placeholder) => placeholder.content);
  return Math.max(0, ...contents.flatMap((content) => [...content.matchAll(/\$(\d)/g)].map((match) => Number(match[1]))));
}

interface Use {
  where: string;
  key: string;
  /** Substitutions the call passes, when the call site says (an array literal or a single value). */
  substitutions?: number;
}

/** `t('key', …)` and `packProblem('key', [...], cause?)` calls with a literal key. */
function callSites(file: string): Use[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const uses: Use[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && ['t', 'packProblem'].includes(node.expression.text)) {
      const [first, second, third] = node.arguments;
      if (first && ts.isStringLiteralLike(first)) {
        const where = `${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        let substitutions: number | undefined;
        if (node.expression.text === 't') {
          substitutions = second === undefined ? 0 : ts.isArrayLiteralExpression(second) ? second.elements.length : 1;
        } else if (second === undefined || ts.isArrayLiteralExpression(second)) {
          substitutions = (second?.elements.length ?? 0) + (third === undefined ? 0 : 1);
        }
        uses.push({ where, key: first.text, substitutions });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return uses;
}

describe('message keys used in code', () => {
  const uses = CODE.flatMap(callSites);

  it('finds the call sites (the scan itself works)', () => {
    expect(uses.filter((use) => use.key.startsWith('packError')).length).toBeGreaterThan(30);
    expect(uses.filter((use) => !use.key.startsWith('packError')).length).toBeGreaterThan(80);
  });

  it("has every t('…') and packProblem('…') key in messages.json, passing as many substitutions as it has placeholders", () => {
    const problems: string[] = [];
    for (const { where, key, substitutions } of uses) {
      if (!(key in MESSAGES)) problems.push(`${where}: "${key}" is not in messages.json`);
      else if (substitutions !== undefined && substitutions !== placeholderCount(key)) {
        problems.push(`${where}: "${key}" gets ${substitutions} substitution(s) but has ${placeholderCount(key)} placeholder(s)`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has every pack problem code named anywhere in code in messages.json, and every packError message in use', () => {
    const named = new Set(CODE.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/'(packError\w+)'/g)].map((match) => match[1]!)));
    expect([...named].filter((code) => !(code in MESSAGES))).toEqual([]);
    expect(Object.keys(MESSAGES).filter((key) => key.startsWith('packError') && !named.has(key))).toEqual([]);
  });

  it('has every __MSG_…__ in the manifest config and HTML pages in messages.json', () => {
    const files = [join(ROOT, 'wxt.config.ts'), ...sourceFiles('entrypoints', /\.html$/)];
    const keys = files.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/__MSG_(\w+)__/g)].map((match) => match[1]!));
    expect(keys.length).toBeGreaterThan(3);
    expect(keys.filter((key) => !(key in MESSAGES))).toEqual([]);
  });

  it('has a message for every fixed category', () => {
    expect(Object.values(CATEGORY_MESSAGES).filter((key) => !(key in MESSAGES))).toEqual([]);
  });
});
