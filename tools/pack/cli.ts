/**
 * `npm run pack -- <folder> -o <file.json> [--id ID --name NAME --publisher P --version V] [--sign KEYFILE]`
 * Compiles a folder of explainers into a pack; prints a summary, or every error and exits 1.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { compileFolder } from './compiler';
import { PackCompileError, formatPackError, type PackError } from './errors';
import { readSigningKey, signPack, type SigningKey } from '../../lib/pack-format/sign';

const USAGE = `usage: tsx tools/pack/cli.ts <folder> -o <file.json> [--id ID] [--name NAME] [--publisher P] [--version V]
       [--allowlist content/http-allowlist.json] [--today YYYY-MM-DD] [--check] [--sign publisher.key] [--search-index]
  --check   compile and report, but write nothing
  --sign    sign the pack with an Ed25519 key from \`npm run keygen\`
  --search-index  also write Fuse's prebuilt index (older extension versions need it; this one does not)`;

function groupByFile(errors: readonly PackError[]): Map<string, PackError[]> {
  const groups = new Map<string, PackError[]>();
  for (const error of errors) {
    const group = groups.get(error.file);
    if (group) group.push(error);
    else groups.set(error.file, [error]);
  }
  return groups;
}

async function loadSigningKey(file: string): Promise<SigningKey | string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return `cannot read signing key ${file}: ${(error as Error).message}`;
  }
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    console.error(`warning: ${file} is readable by other users; run: chmod 600 ${file}`);
  }
  try {
    return await readSigningKey(text);
  } catch (error) {
    return `${file}: ${(error as Error).message}`;
  }
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o' },
        id: { type: 'string', default: 'default' },
        name: { type: 'string', default: 'Context Explainers' },
        publisher: { type: 'string', default: 'Context Explainers' },
        version: { type: 'string' },
        allowlist: { type: 'string' },
        today: { type: 'string' },
        check: { type: 'boolean', default: false },
        sign: { type: 'string' },
        'search-index': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const folder = positionals[0];
  if (positionals.length !== 1 || folder === undefined || (!values.out && !values.check)) {
    console.error(USAGE);
    return 2;
  }

  const signingKey = values.sign === undefined ? undefined : await loadSigningKey(values.sign);
  if (typeof signingKey === 'string') {
    console.error(`Pack not written: ${signingKey}`);
    return 1;
  }

  const started = performance.now();
  try {
    const compiled = compileFolder(
      folder,
      { id: values.id, name: values.name, publisher: values.publisher, version: values.version },
      { today: values.today, httpAllowlistPath: values.allowlist, searchIndex: values['search-index'] },
    );
    const pack = signingKey ? await signPack(compiled, signingKey) : compiled;
    const json = `${JSON.stringify(pack)}\n`;
    if (values.out && !values.check) {
      mkdirSync(path.dirname(values.out), { recursive: true });
      writeFileSync(values.out, json);
    }
    const termCount = pack.explainers.reduce((sum, explainer) => sum + explainer.terms.length, 0);
    const ms = Math.round(performance.now() - started);
    console.log(
      [
        `pack ${pack.id} ${pack.version} (${pack.name}, ${pack.publisher})${values.check ? ' [check only]' : ` → ${values.out}`}`,
        `  explainers: ${pack.explainers.length}`,
        `  terms:      ${termCount}`,
        `  bytes:      ${Buffer.byteLength(json)}`,
        `  updated:    ${pack.updated}`,
        `  sha256:     ${pack.sha256}`,
        ...(pack.signature ? [`  signed:     Ed25519, public key ${pack.signature.publicKey}`] : []),
        `  compiled in ${ms} ms`,
      ].join('\n'),
    );
    return 0;
  } catch (error) {
    if (!(error instanceof PackCompileError)) throw error;
    const groups = groupByFile(error.errors);
    console.error(`Pack not written: ${error.errors.length} error(s) in ${groups.size} file(s)\n`);
    for (const [file, errors] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
      console.error(`${file} (${errors.length})`);
      for (const e of errors) console.error(`  ${formatPackError(e).slice(file.length + 2)}`);
    }
    return 1;
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
