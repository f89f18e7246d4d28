/**
 * `npm run keygen -- -o publisher.key [--force]`
 * Writes a new Ed25519 signing key (PKCS#8 PEM, owner-only permissions) and prints the public key
 * publishers give to readers. Refuses to overwrite an existing key file unless --force: a lost key
 * means every reader who pinned it must re-pin.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateSigningKey } from '../../lib/pack-format/sign';

const USAGE = `usage: tsx tools/pack/keygen-cli.ts -o <publisher.key> [--force]
  writes an Ed25519 private key (PKCS#8 PEM, mode 0600) and prints its public key
  --force   overwrite an existing key file`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        out: { type: 'string', short: 'o' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.out) {
    console.error(USAGE);
    return 2;
  }
  const { key, pkcs8Pem } = await generateSigningKey();
  try {
    mkdirSync(path.dirname(values.out), { recursive: true });
    writeFileSync(values.out, pkcs8Pem, { mode: 0o600, flag: values.force ? 'w' : 'wx' });
    // `mode` only applies when the file is created; an overwritten file keeps its old mode.
    chmodSync(values.out, 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      console.error(`${values.out} already exists; not overwriting a signing key (use --force to replace it)`);
      return 1;
    }
    console.error(`could not write ${values.out}: ${(error as Error).message}`);
    return 1;
  }
  console.log(
    [
      `private key → ${values.out} (keep it secret; back it up)`,
      `public key (give this to readers to pin):`,
      `  ${key.publicKey}`,
      `sign a pack: npm run pack -- <folder> -o pack.json --sign ${values.out}`,
    ].join('\n'),
  );
  return 0;
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
