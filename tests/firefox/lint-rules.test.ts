// @vitest-environment node
// (esbuild refuses to run under a DOM environment's TextEncoder.)
import path from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import {
  classifyWarning,
  overAllowance,
  REQUIRED_SOURCE_DIRS,
  REQUIRED_SOURCES,
  shapeTokens,
  sourcesZipProblems,
  THIRD_PARTY_WARNINGS,
  type LintMessage,
} from './lint-rules';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PREACT = THIRD_PARTY_WARNINGS[0]!;

/** A minified bundle with Preact in it, as our build makes (other names, other neighbours). */
function bundleWithPreact(extra = ''): string {
  const contents = `import { h, render } from 'preact'; ${extra} render(h('p', null, 'x'), document.body);`;
  const result = buildSync({ stdin: { contents, resolveDir: ROOT, loader: 'js' }, bundle: true, minify: true, write: false, format: 'iife', platform: 'browser' });
  return result.outputFiles[0]!.text;
}

/** Where the linter reports an assignment `x.innerHTML = …`: 1-based line and column of `x`. */
function reportAt(code: string, rightSide: readonly string[], file = 'content-card.js'): LintMessage {
  const { shape, tokens } = shapeTokens(code);
  const i = shape.findIndex((_, k) => shape[k] === 'innerHTML' && shape[k + 1] === '=' && rightSide.every((token, j) => shape[k + 2 + j] === token));
  expect(i, `no .innerHTML = ${rightSide.join('')} in the code`).toBeGreaterThan(1);
  const start = tokens[i - 2]!.start;
  const before = code.slice(0, start);
  const line = before.split('\n').length;
  const column = start - before.lastIndexOf('\n');
  return { _type: 'warning', code: 'UNSAFE_VAR_ASSIGNMENT', message: 'Unsafe assignment to innerHTML', file, line, column };
}

const DYNAMIC = ['_', '.', '__html'];

describe('classifyWarning: third-party only when the exact code is in the library', () => {
  const bundle = bundleWithPreact();

  it("accepts Preact's dangerouslySetInnerHTML assignment in any bundle of it, naming the dist file", () => {
    const verdict = classifyWarning(reportAt(bundle, DYNAMIC), bundle, ROOT);
    expect(verdict.library).toMatch(/^preact .*matches node_modules\/preact\/dist\/preact\.module\.js token for token \(141 tokens/);
    const other = bundleWithPreact('window.addEventListener("load", () => console.log(1));');
    expect(classifyWarning(reportAt(other, DYNAMIC, 'chunks/messaging-AbC_12-x.js'), other, ROOT).library).toMatch(/^preact /);
  });

  it('refuses our own look-alike code that a loose pattern (dangerouslySetInnerHTML, .__html, .innerHTML = x.__html) let through', () => {
    const ours = `function show(e,p){for(const k in p)k=="dangerouslySetInnerHTML"&&(e.innerHTML=p[k].__html);const d=p.dangerouslySetInnerHTML;d&&d.__html!=e.innerHTML&&(e.innerHTML=d.__html)}show(document.body,window.props);`;
    const verdict = classifyWarning(reportAt(ours, DYNAMIC), ours, ROOT);
    expect(verdict).toMatchObject({ library: null, reason: expect.stringMatching(/(too little code|is not in node_modules\/preact)/) });
    // The same statement padded with enough code of ours to compare is still not Preact's.
    const padded = `${'var a=1,b=2;'.repeat(10)}${ours}${'a=b+1;'.repeat(10)}`;
    expect(classifyWarning(reportAt(padded, DYNAMIC), padded, ROOT)).toMatchObject({ library: null, reason: expect.stringMatching(/is not in node_modules\/preact/) });
  });

  it('refuses Preact code changed in one token (a patched copy is ours to answer for)', () => {
    const site = reportAt(bundle, DYNAMIC);
    const siteOffset = bundle.split('\n').slice(0, site.line! - 1).reduce((n, line) => n + line.length + 1, 0) + site.column! - 1;
    const at = bundle.lastIndexOf('"dangerouslySetInnerHTML"', siteOffset);
    expect(siteOffset - at).toBeLessThan(200); // the prop name Preact compares, a few tokens before the assignment
    const patched = `${bundle.slice(0, at)}"dangerousInnerHTML"${bundle.slice(at + '"dangerouslySetInnerHTML"'.length)}`;
    expect(classifyWarning(reportAt(bundle, DYNAMIC), bundle, ROOT).library).not.toBeNull();
    expect(classifyWarning(reportAt(patched, DYNAMIC), patched, ROOT)).toMatchObject({ library: null, reason: expect.stringMatching(/is not in node_modules\/preact/) });
  });

  it('refuses the Preact site reported from a file Preact is not bundled into', () => {
    for (const file of ['background.js', 'chunks/options-D2p99Zht.js', 'content-scripts/content.js.map', 'evil/content-card.js']) {
      expect(classifyWarning(reportAt(bundle, DYNAMIC, file), bundle, ROOT), file).toMatchObject({ library: null, reason: expect.stringMatching(/not in a file it is bundled into/) });
    }
  });

  it('refuses a report whose line and column are not at the assignment', () => {
    const right = reportAt(bundle, DYNAMIC);
    for (const column of [right.column! - 1, right.column! + 1, right.column! + 40]) {
      expect(classifyWarning({ ...right, column }, bundle, ROOT), String(column)).toMatchObject({ library: null });
    }
    expect(classifyWarning({ ...right, line: right.line! + 1 }, bundle, ROOT)).toMatchObject({ library: null });
    expect(classifyWarning({ ...right, column: undefined }, bundle, ROOT)).toMatchObject({ library: null, reason: expect.stringMatching(/cannot read/) });
    expect(classifyWarning(right, null, ROOT)).toMatchObject({ library: null, reason: expect.stringMatching(/cannot read/) });
  });

  it("refuses another code or message, even at Preact's site", () => {
    const right = reportAt(bundle, DYNAMIC);
    expect(classifyWarning({ ...right, code: 'UNSAFE_VAR_ASSIGNMENT_OUTERHTML' }, bundle, ROOT).library).toBeNull();
    expect(classifyWarning({ ...right, message: 'Unsafe assignment to outerHTML' }, bundle, ROOT).library).toBeNull();
    expect(classifyWarning({ ...right, code: 'DANGEROUS_EVAL', message: 'eval can be harmful.' }, bundle, ROOT)).toMatchObject({ library: null, reason: 'no known third-party site has this code and message' });
  });
});

describe('overAllowance: at most the known Preact sites', () => {
  const at = (file: string) => ({ message: { _type: 'warning' as const, code: PREACT.code, message: 'Unsafe assignment to innerHTML', file }, site: PREACT });

  it('allows one per file Preact is bundled into', () => {
    expect(overAllowance([])).toEqual([]);
    expect(overAllowance([at('content-card.js'), at('chunks/messaging-DTm2Kcqc.js'), at('content-scripts/content.js')])).toEqual([]);
  });

  it('fails on more than three, or on two in one file', () => {
    expect(overAllowance([at('content-card.js'), at('chunks/messaging-a.js'), at('chunks/messaging-b.js'), at('content-scripts/content.js')])).toEqual([
      expect.stringMatching(/^4 warnings from preact .*at most 3 are known$/),
    ]);
    expect(overAllowance([at('content-card.js'), at('content-card.js')])).toEqual([expect.stringMatching(/flagged more than once in content-card\.js/)]);
  });
});

describe('sourcesZipProblems: what a reviewer needs to rebuild', () => {
  const README = 'npm ci\nnpm run zip:firefox\nthe build is in .output/firefox-mv2';
  const good = [...REQUIRED_SOURCES, ...REQUIRED_SOURCE_DIRS, 'entrypoints/background.ts', 'lib/match/index.ts', 'tools/pack/cli.ts', 'components/RichText.tsx', 'content/explainers/ice.md', 'tests/fixtures/demo/article.html'];

  it('accepts the complete sources', () => {
    expect(sourcesZipProblems(good, README, ['tools/pack/cli.ts', 'content/explainers/ice.md'])).toEqual([]);
  });

  it('names each missing file, folder and tracked source', () => {
    const without = good.filter((entry) => entry !== 'package-lock.json' && !entry.startsWith('content/explainers/'));
    expect(sourcesZipProblems(without, README, ['tools/detect/cli.ts'])).toEqual([
      'missing package-lock.json',
      'missing content/explainers/ (no files in it)',
      'source file tools/detect/cli.ts is not in the sources zip',
    ]);
  });

  it('refuses installed packages, build output and private keys', () => {
    const extra = ['node_modules/preact/package.json', 'lib/node_modules/x.js', '.output/firefox-mv2/manifest.json', 'publisher.key', 'keys/signing.pem', '.env'];
    const problems = sourcesZipProblems([...good, ...extra], README);
    expect(problems).toHaveLength(extra.length);
    extra.forEach((entry, i) => expect(problems[i]).toMatch(new RegExp(`^${entry.replace(/[.]/g, '\\.')} must not be in the sources zip: `)));
  });

  it('requires the README to give the build steps', () => {
    expect(sourcesZipProblems(good, 'Build it somehow.')).toEqual([
      'README.md does not give the build step \\bnpm ci\\b',
      'README.md does not give the build step \\bnpm run zip:firefox\\b',
      'README.md does not give the build step \\.output\\/firefox-mv2\\b',
    ]);
  });
});
