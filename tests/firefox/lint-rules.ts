/**
 * The rules tests/firefox/lint.ts judges Mozilla's linter reports and the sources zip by, kept apart
 * from the CLI so they are unit tested (lint-rules.test.ts).
 *
 * A warning is excused as third-party only when the exact code it points at is found in the library's
 * own published file: the tokens around the reported line:column, with local names blanked (our
 * bundler renames them), must occur in the library's dist file minified by the same minifier, centred
 * on the same assignment. Anything else, including look-alike code of ours, fails the lint.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tokenizer, type Token } from 'acorn';
import { transformSync } from 'esbuild';

export interface LintMessage {
  _type: 'error' | 'warning' | 'notice';
  code: string;
  message: string;
  description?: string | string[];
  file?: string;
  line?: number;
  column?: number;
}

export interface ThirdPartySite {
  library: string;
  code: string;
  message: RegExp;
  /** The property the flagged statement assigns (`x.innerHTML = …`). */
  assigns: string;
  /** The library file the code must come from, relative to the repository root. */
  dist: string;
  /** Built files the library is bundled into; the warning may come from no other file. */
  files: readonly RegExp[];
  /** At most this many such warnings in one build (one per file above). */
  maxCount: number;
}

/**
 * Warnings from code we bundle but did not write. Preact's diff applies the dangerouslySetInnerHTML
 * prop (`dom.innerHTML = newHtml.__html`); we never pass that prop, and the lint cannot know it.
 * Preact is bundled into the content script, the lazily loaded card, and the chunk the extension pages
 * share (named after lib/messaging, the first module rollup put in it).
 */
export const THIRD_PARTY_WARNINGS: readonly ThirdPartySite[] = [
  {
    library: 'preact (dist/preact.module.js: diff() applying the dangerouslySetInnerHTML prop)',
    code: 'UNSAFE_VAR_ASSIGNMENT',
    message: /^Unsafe assignment to innerHTML$/,
    assigns: 'innerHTML',
    dist: 'node_modules/preact/dist/preact.module.js',
    files: [/^content-scripts\/content\.js$/, /^content-card\.js$/, /^chunks\/(?:messaging|settings)-[\w-]+\.js$/],
    maxCount: 3,
  },
];

/** Tokens either side of the flagged one that must match the library's code. */
const TOKENS_BEFORE = 100;
const TOKENS_AFTER = 40;

/** Tokens with local names blanked: keywords, punctuation, literals and property names are kept. */
export function shapeTokens(code: string): { shape: string[]; tokens: Token[] } {
  const tokens: Token[] = [];
  const read = (sourceType: 'module' | 'script') => {
    tokens.length = 0;
    for (const token of tokenizer(code, { ecmaVersion: 'latest', sourceType })) tokens.push(token);
  };
  try {
    read('module');
  } catch {
    read('script');
  }
  const shape = tokens.map((token, i) => {
    if (token.type.label === 'name') {
      const previous = tokens[i - 1];
      return previous && (previous.type.label === '.' || previous.type.label === '?.') ? code.slice(token.start, token.end) : '_';
    }
    // A string's value, so quoting and escapes do not matter (acorn's typings omit Token.value).
    if (token.type.label === 'string') return JSON.stringify((token as Token & { value: string }).value);
    return code.slice(token.start, token.end);
  });
  return { shape, tokens };
}

const libraryShapes = new Map<string, string[]>();

/** The library file minified as Vite minifies our build (esbuild), as a token shape. */
function libraryShape(root: string, dist: string): string[] {
  const file = path.join(root, dist);
  let shape = libraryShapes.get(file);
  if (!shape) {
    const minified = transformSync(readFileSync(file, 'utf8'), { minify: true, format: 'esm', loader: 'js' }).code;
    shape = shapeTokens(minified).shape;
    libraryShapes.set(file, shape);
  }
  return shape;
}

/** 0-based offset of a 1-based line and column (ESLint's convention, which the linters report). */
function offsetOf(code: string, line: number, column: number): number {
  let offset = 0;
  for (let i = 1; i < line; i++) {
    const next = code.indexOf('\n', offset);
    if (next === -1) return -1;
    offset = next + 1;
  }
  return offset + Math.max(0, column - 1);
}

/** Index of `needle` in `haystack` as a contiguous run, or -1. */
function indexOfRun(haystack: readonly string[], needle: readonly string[]): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

export type Verdict = { library: string; site: ThirdPartySite } | { library: null; reason: string };

/**
 * Whether a warning points at a known third-party site: same code and message, a file the library is
 * bundled into, an assignment to the named property exactly at line:column, and the surrounding code
 * found, token for token, at that assignment in the library's dist file.
 */
export function classifyWarning(message: LintMessage, builtCode: string | null, root: string, sites: readonly ThirdPartySite[] = THIRD_PARTY_WARNINGS): Verdict {
  const reasons: string[] = [];
  for (const site of sites) {
    if (site.code !== message.code || !site.message.test(message.message)) continue;
    if (!message.file || !site.files.some((pattern) => pattern.test(message.file!))) {
      reasons.push(`${site.library}: not in a file it is bundled into (${message.file ?? 'no file'})`);
      continue;
    }
    if (builtCode === null || message.line === undefined || message.column === undefined) {
      reasons.push(`${site.library}: cannot read ${message.file} at the reported line and column`);
      continue;
    }
    const at = offsetOf(builtCode, message.line, message.column);
    const { shape, tokens } = shapeTokens(builtCode);
    const first = tokens.findIndex((token) => token.start >= at);
    // The report points at the start of the assignment: the `x` of `x.innerHTML = …`.
    const target = first + 2;
    const isSite = first > 0 && tokens[first]!.start === at && shape[first] === '_' && shape[first - 1] !== '.' && shape[first + 1] === '.' && shape[target] === site.assigns && shape[target + 1] === '=';
    if (!isSite) {
      reasons.push(`${site.library}: no \`.${site.assigns} =\` starts at ${message.file}:${message.line}:${message.column}`);
      continue;
    }
    const needle = shape.slice(target - TOKENS_BEFORE, target + TOKENS_AFTER + 1);
    if (target < TOKENS_BEFORE || needle.length !== TOKENS_BEFORE + TOKENS_AFTER + 1) {
      reasons.push(`${site.library}: too little code around ${message.file}:${message.line}:${message.column} to compare`);
      continue;
    }
    const library = libraryShape(root, site.dist);
    const found = indexOfRun(library, needle);
    if (found === -1) {
      reasons.push(`${site.library}: the code at ${message.file}:${message.line}:${message.column} is not in ${site.dist}`);
      continue;
    }
    return { library: `${site.library}; matches ${site.dist} token for token (${needle.length} tokens around \`.${site.assigns} =\`)`, site };
  }
  return { library: null, reason: reasons.join('; ') || 'no known third-party site has this code and message' };
}

/** Warnings excused per site must stay within its count, one per bundled file. */
export function overAllowance(excused: readonly { message: LintMessage; site: ThirdPartySite }[]): string[] {
  const problems: string[] = [];
  for (const site of new Set(excused.map((entry) => entry.site))) {
    const files = excused.filter((entry) => entry.site === site).map((entry) => entry.message.file ?? '');
    if (files.length > site.maxCount) problems.push(`${files.length} warnings from ${site.library}; at most ${site.maxCount} are known`);
    const repeated = files.filter((file, i) => files.indexOf(file) !== i);
    if (repeated.length > 0) problems.push(`${site.library} flagged more than once in ${[...new Set(repeated)].join(', ')}; it is bundled once per file`);
  }
  return problems;
}

/** What a reviewer needs in the sources zip to rebuild the extension exactly. */
export const REQUIRED_SOURCES = [
  'README.md',
  'package.json',
  'package-lock.json',
  'wxt.config.ts',
  'tsconfig.json',
  'content/http-allowlist.json',
  'public/_locales/en/messages.json',
] as const;
export const REQUIRED_SOURCE_DIRS = ['entrypoints/', 'lib/', 'components/', 'tools/', 'content/explainers/', 'public/_locales/'] as const;
/** Never in the sources zip: installed packages, build output, and private keys (`npm run keygen -- -o publisher.key`). */
const FORBIDDEN_SOURCES: readonly { pattern: RegExp; why: string }[] = [
  { pattern: /(^|\/)node_modules\//, why: 'installed packages (the reviewer runs npm ci)' },
  { pattern: /^\.output\//, why: 'build output' },
  { pattern: /^\.wxt\//, why: 'generated WXT files' },
  { pattern: /\.(key|pem)$/, why: 'a private key' },
  { pattern: /(^|\/)\.env(\.|$)/, why: 'environment secrets' },
];
/** The README must tell a reviewer how to rebuild the Firefox zip from the sources. */
const BUILD_INSTRUCTIONS: readonly RegExp[] = [/\bnpm ci\b/, /\bnpm run zip:firefox\b/, /\.output\/firefox-mv2\b/];

/**
 * Problems with the sources zip: a required file or folder missing, something that must not ship,
 * a README without build steps, or (given `tracked`, the git-tracked source files wxt should have
 * zipped) a source file left out.
 */
export function sourcesZipProblems(entries: readonly string[], readme: string | null, tracked: readonly string[] = []): string[] {
  const files = new Set(entries.filter((entry) => !entry.endsWith('/')));
  const problems: string[] = [];
  for (const file of REQUIRED_SOURCES) if (!files.has(file)) problems.push(`missing ${file}`);
  for (const dir of REQUIRED_SOURCE_DIRS) {
    if (![...files].some((file) => file.startsWith(dir))) problems.push(`missing ${dir} (no files in it)`);
  }
  for (const entry of entries) {
    const forbidden = FORBIDDEN_SOURCES.find(({ pattern }) => pattern.test(entry));
    if (forbidden) problems.push(`${entry} must not be in the sources zip: ${forbidden.why}`);
  }
  if (readme !== null) {
    for (const step of BUILD_INSTRUCTIONS) if (!step.test(readme)) problems.push(`README.md does not give the build step ${step.source}`);
  }
  for (const file of tracked) if (!files.has(file)) problems.push(`source file ${file} is not in the sources zip`);
  return problems;
}
