/**
 * Runs Mozilla's linter (what addons.mozilla.org runs on upload) over the Firefox build folder and over
 * the zip `wxt zip -b firefox` made from it, and checks the sources zip a reviewer rebuilds from.
 * Prints every message. Fails on any error; on any warning not proven to be bundled third-party code
 * (tests/firefox/lint-rules.ts: the exact code found in the library's dist file) or beyond the known
 * count of those; when either zip is missing or older than the build; and on a sources zip without
 * what a rebuild needs (or with what must not ship).
 *
 *   tsx tests/firefox/lint.ts [--dir .output/firefox-mv2] [--zip path.zip] [--sources path-sources.zip]
 *
 * Without --zip/--sources, the zips are the ones wxt names from package.json and the manifest version.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import JSZip from 'jszip';
import { classifyWarning, overAllowance, sourcesZipProblems, type LintMessage, type ThirdPartySite } from './lint-rules';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(REPO_ROOT, 'node_modules/.bin');
/** File times can trail the build by a little; a zip older than the build by more than this is stale. */
const CLOCK_SLACK_MS = 2_000;

interface LintReport {
  summary: { errors: number; warnings: number; notices: number };
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

/** Reads a file of what was linted (a folder or a zip) by the path the linter reports. */
type ReadBuilt = (file: string) => Promise<string | null>;

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

/** Prints the report and returns why it fails (empty when it passes). */
async function judge(label: string, report: LintReport, read: ReadBuilt): Promise<string[]> {
  const { errors, warnings, notices } = report.summary;
  console.log(`\n${label}: ${errors} errors, ${warnings} warnings, ${notices} notices`);
  const failing: string[] = [];
  for (const message of report.errors) {
    console.log(`  ${describe(message)}`);
    failing.push(`${label}: ${message.code}${where(message)}: ${message.message}`);
  }
  const excused: { message: LintMessage; site: ThirdPartySite }[] = [];
  for (const message of report.warnings) {
    const verdict = classifyWarning(message, message.file ? await read(message.file) : null, REPO_ROOT);
    if (verdict.library !== null) {
      console.log(`  ${describe(message)}\n    (third-party: ${verdict.library})`);
      excused.push({ message, site: verdict.site });
    } else {
      console.log(`  ${describe(message)}\n    (our code: ${verdict.reason})`);
      failing.push(`${label}: ${message.code}${where(message)}: ${message.message}`);
    }
  }
  for (const problem of overAllowance(excused)) failing.push(`${label}: ${problem}`);
  for (const message of report.notices) console.log(`  ${describe(message)}`);
  return failing;
}

function readFolder(dir: string): ReadBuilt {
  return async (file) => {
    const full = path.resolve(dir, file);
    return full.startsWith(dir + path.sep) && existsSync(full) ? readFileSync(full, 'utf8') : null;
  };
}

function readZip(zip: JSZip): ReadBuilt {
  return async (file) => (await zip.file(file)?.async('string')) ?? null;
}

/** The zip at `file`, or a failure: missing, or older than the build it should have been made from. */
function freshZip(file: string, what: string, buildTime: number): string | null {
  const shown = path.relative(REPO_ROOT, file);
  if (!existsSync(file)) return `no ${what} at ${shown}: run \`npm run zip:firefox\` (or pass its path)`;
  if (statSync(file).mtimeMs < buildTime - CLOCK_SLACK_MS) return `${what} ${shown} is older than the build: run \`npm run zip:firefox\` again`;
  return null;
}

/** Git-tracked source files wxt's default sources filter keeps (tests and dotfiles are left out), or null without git. */
async function gitTrackedSources(): Promise<string[] | null> {
  const run = promisify(execFile);
  try {
    const { stdout } = await run('git', ['ls-files', '-z', '--', 'entrypoints', 'lib', 'components', 'content', 'public', 'package.json', 'package-lock.json', 'wxt.config.ts', 'tsconfig.json', 'README.md'], { cwd: REPO_ROOT });
    return stdout
      .split('\0')
      .filter((file) => file !== '' && !/\.(test|spec)\.[cm]?[jt]sx?$/.test(file) && !file.split('/').some((part) => part.startsWith('.')));
  } catch {
    return null;
  }
}

async function checkSources(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const entries = Object.keys(zip.files);
  const readme = (await zip.file('README.md')?.async('string')) ?? null;
  const tracked = await gitTrackedSources();
  const label = `sources ${path.relative(REPO_ROOT, file)}`;
  console.log(`\n${label}: ${entries.filter((entry) => !entry.endsWith('/')).length} files`);
  if (tracked === null) console.log('  (git not available: not comparing the zip with the tracked source files)');
  const problems = sourcesZipProblems(entries, readme, tracked ?? []);
  for (const problem of problems) console.log(`  ${problem}`);
  if (problems.length === 0) console.log(`  has everything a rebuild needs${tracked ? ` (all ${tracked.length} tracked source files)` : ''}, README gives the build steps, nothing that must not ship`);
  return problems.map((problem) => `${label}: ${problem}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, zip: { type: 'string' }, sources: { type: 'string' } } });
  const dir = path.resolve(REPO_ROOT, values.dir ?? '.output/firefox-mv2');
  const manifestFile = path.join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) {
    throw new Error(`No Firefox build at ${dir}: run \`npm run zip:firefox\` first.`);
  }
  const failing: string[] = [];

  // The same build is the Firefox for Android one: it must say so, with the version it needs.
  const settings = (JSON.parse(readFileSync(manifestFile, 'utf8')) as { browser_specific_settings?: { gecko_android?: { strict_min_version?: string } } }).browser_specific_settings;
  const android = settings?.gecko_android?.strict_min_version;
  if (android) console.log(`Firefox for Android: gecko_android.strict_min_version ${android}`);
  else failing.push('manifest: no browser_specific_settings.gecko_android.strict_min_version (the Firefox for Android build)');

  // The build folder (`wxt build -b firefox`), as web-ext lints it.
  failing.push(...(await judge(`web-ext lint ${path.relative(REPO_ROOT, dir)}`, await lint('web-ext', ['lint', '--source-dir', dir, '--output', 'json', '--no-config-discovery']), readFolder(dir))));

  // The zips `wxt zip -b firefox` made from that build, by the names wxt gives them.
  const buildTime = statSync(manifestFile).mtimeMs;
  const name = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string }).name;
  const version = (JSON.parse(readFileSync(manifestFile, 'utf8')) as { version: string }).version;
  const zipFile = path.resolve(REPO_ROOT, values.zip ?? `.output/${name}-${version}-firefox.zip`);
  const sourcesFile = path.resolve(REPO_ROOT, values.sources ?? `.output/${name}-${version}-sources.zip`);

  const zipProblem = freshZip(zipFile, 'Firefox zip', buildTime);
  if (zipProblem) failing.push(zipProblem);
  else {
    const zip = await JSZip.loadAsync(readFileSync(zipFile));
    failing.push(...(await judge(`addons-linter ${path.relative(REPO_ROOT, zipFile)}`, await lint('addons-linter', [zipFile, '--output', 'json']), readZip(zip))));
  }

  const sourcesProblem = freshZip(sourcesFile, 'sources zip', buildTime);
  if (sourcesProblem) failing.push(sourcesProblem);
  else failing.push(...(await checkSources(sourcesFile)));

  if (failing.length > 0) {
    console.error(`\nFAIL: ${failing.length} problem(s):`);
    for (const problem of failing) console.error(`  ${problem}`);
    process.exitCode = 1;
  } else {
    console.log('\nOK: no errors; every warning is a known third-party site, found in its dist file; the sources zip is complete.');
  }
}

await main();
