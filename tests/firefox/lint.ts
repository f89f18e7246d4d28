/**
 * Runs Mozilla's linter (what addons.mozilla.org runs on upload) over the Firefox build and, when it
 * exists, over the zip `wxt zip -b firefox` made from it. Prints every message; fails on any error and
 * on any warning that is not a known pattern of third-party code bundled into our files.
 *
 *   tsx tests/firefox/lint.ts [--dir .output/firefox-mv2] [--zip path.zip]
 *
 * Without --zip, the newest `*-firefox.zip` in .output is linted too if it is newer than the build.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(REPO_ROOT, 'node_modules/.bin');
/** Characters either side of a reported column read to recognise the code around it. */
const WINDOW = 240;

export interface LintMessage {
  _type: 'error' | 'warning' | 'notice';
  code: string;
  message: string;
  description?: string | string[];
  file?: string;
  line?: number;
  column?: number;
}

interface LintReport {
  summary: { errors: number; warnings: number; notices: number };
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

/**
 * Warnings from code we bundle but did not write. Each names the library and how the code is
 * recognised, so a new warning in our own code never hides behind an entry here.
 */
export const THIRD_PARTY_WARNINGS: { library: string; code: string; message: RegExp; around: RegExp[] }[] = [
  {
    // Preact's diff supports the dangerouslySetInnerHTML prop; we never pass it (see the brief's invariants).
    library: 'preact (src/diff/index.js: dangerouslySetInnerHTML support)',
    code: 'UNSAFE_VAR_ASSIGNMENT',
    message: /innerHTML/,
    around: [/dangerouslySetInnerHTML/, /\.__html\b/, /\.innerHTML\s*=\s*\w+\.__html/],
  },
];

/** The code around line:column of a built file, or '' when it cannot be read. */
function codeAround(root: string, message: LintMessage): string {
  if (!message.file || message.line === undefined) return '';
  const file = path.join(root, message.file);
  if (!existsSync(file)) return '';
  const line = readFileSync(file, 'utf8').split('\n')[message.line - 1] ?? '';
  const column = message.column ?? 0;
  return line.slice(Math.max(0, column - WINDOW), column + WINDOW);
}

export function thirdPartyLibrary(root: string, message: LintMessage): string | null {
  const around = codeAround(root, message);
  for (const known of THIRD_PARTY_WARNINGS) {
    if (known.code !== message.code || !known.message.test(message.message)) continue;
    if (known.around.every((pattern) => pattern.test(around))) return known.library;
  }
  return null;
}

async function lint(command: string, args: string[]): Promise<LintReport> {
  const run = promisify(execFile);
  // Both tools exit non-zero when they find errors; the JSON report is on stdout either way.
  const { stdout } = await run(path.join(BIN, command), args, { cwd: REPO_ROOT, maxBuffer: 32 * 1024 * 1024 }).catch(
    (error: { stdout?: string; stderr?: string; message: string }) => {
      if (error.stdout?.trim().startsWith('{')) return { stdout: error.stdout };
      throw new Error(`${command} ${args.join(' ')} failed: ${error.stderr || error.message}`);
    },
  );
  return JSON.parse(stdout) as LintReport;
}

function where(message: LintMessage): string {
  if (!message.file) return '';
  return ` ${message.file}${message.line === undefined ? '' : `:${message.line}:${message.column ?? 0}`}`;
}

function describe(message: LintMessage): string {
  const description = Array.isArray(message.description) ? message.description.join(' ') : (message.description ?? '');
  return `${message._type.toUpperCase()} ${message.code}${where(message)}\n    ${message.message}${description ? `\n    ${description.replace(/\s+/g, ' ').trim()}` : ''}`;
}

/** Prints the report and returns the messages that should fail the build. */
function judge(label: string, report: LintReport, builtRoot: string): LintMessage[] {
  const { errors, warnings, notices } = report.summary;
  console.log(`\n${label}: ${errors} errors, ${warnings} warnings, ${notices} notices`);
  const failing: LintMessage[] = [...report.errors];
  for (const message of report.errors) console.log(`  ${describe(message)}`);
  for (const message of report.warnings) {
    const library = thirdPartyLibrary(builtRoot, message);
    if (library) console.log(`  ${describe(message)}\n    (third-party: ${library})`);
    else {
      console.log(`  ${describe(message)}\n    (our code)`);
      failing.push(message);
    }
  }
  for (const message of report.notices) console.log(`  ${describe(message)}`);
  return failing;
}

function newestFirefoxZip(after: number): string | null {
  const outDir = path.join(REPO_ROOT, '.output');
  if (!existsSync(outDir)) return null;
  const zips = readdirSync(outDir)
    .filter((name) => name.endsWith('-firefox.zip'))
    .map((name) => path.join(outDir, name))
    .map((file) => ({ file, time: statSync(file).mtimeMs }))
    .filter((zip) => zip.time >= after)
    .sort((a, b) => b.time - a.time);
  return zips[0]?.file ?? null;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, zip: { type: 'string' } } });
  const dir = path.resolve(REPO_ROOT, values.dir ?? '.output/firefox-mv2');
  if (!existsSync(path.join(dir, 'manifest.json'))) {
    throw new Error(`No Firefox build at ${dir}: run \`npm run build:firefox\` first.`);
  }
  const failing = judge(`web-ext lint ${path.relative(REPO_ROOT, dir)}`, await lint('web-ext', ['lint', '--source-dir', dir, '--output', 'json', '--no-config-discovery']), dir);

  const buildTime = statSync(path.join(dir, 'manifest.json')).mtimeMs;
  const zip = values.zip ? path.resolve(REPO_ROOT, values.zip) : newestFirefoxZip(buildTime - 60_000);
  if (zip) {
    // `wxt zip` zips exactly the build folder it just wrote, so the folder explains the zip's line numbers.
    failing.push(...judge(`addons-linter ${path.relative(REPO_ROOT, zip)}`, await lint('addons-linter', [zip, '--output', 'json']), dir));
  }

  if (failing.length > 0) {
    console.error(`\nFAIL: ${failing.length} lint error(s)/warning(s) in our own code:`);
    for (const message of failing) console.error(`  ${message.code}${where(message)}: ${message.message}`);
    process.exitCode = 1;
  } else {
    console.log('\nOK: no errors, and every warning comes from bundled third-party code.');
  }
}

await main();
