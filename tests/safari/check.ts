/**
 * Checks the Safari build's manifest (tests/safari/manifest-rules.ts): `wxt build -b safari` first.
 * This is as far as Safari is tested here; converting and running it needs Xcode on a Mac (README).
 *
 *   tsx tests/safari/check.ts [--dir .output/safari-mv2]
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { safariManifestProblems, type SafariManifest } from './manifest-rules';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const { values } = parseArgs({ options: { dir: { type: 'string' } } });
const dir = path.resolve(REPO_ROOT, values.dir ?? '.output/safari-mv2');
const manifestFile = path.join(dir, 'manifest.json');
if (!existsSync(manifestFile)) throw new Error(`No Safari build at ${dir}: run \`npx wxt build -b safari\` first.`);
const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as SafariManifest;
const messagesFile = manifest.default_locale ? path.join(dir, '_locales', manifest.default_locale, 'messages.json') : null;
const messages = messagesFile && existsSync(messagesFile) ? (JSON.parse(readFileSync(messagesFile, 'utf8')) as Record<string, unknown>) : null;
const problems = safariManifestProblems(manifest, (file) => existsSync(path.join(dir, file.replace(/^\//, ''))), messages);
if (problems.length > 0) {
  console.error(`FAIL: ${path.relative(REPO_ROOT, manifestFile)}:`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exitCode = 1;
} else {
  console.log(`OK: ${path.relative(REPO_ROOT, manifestFile)} (MV${manifest.manifest_version}, Safari ${manifest.browser_specific_settings?.safari?.strict_min_version}+) passes the Safari manifest check.`);
}
