import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyPackSignature } from '../../lib/pack-store/verify';
import { readSigningKey } from '../../lib/pack-format/sign';
import { validatePack } from '../../lib/pack-format/validate';

const workDir = mkdtempSync(path.join(tmpdir(), 'pack-keygen-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function run(script: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('keygen and pack --sign', () => {
  it('writes an owner-only key, prints its public key, signs a pack that verifies against it', async () => {
    const keyFile = path.join(workDir, 'keys', 'publisher.key');
    const keygen = run('tools/pack/keygen-cli.ts', '-o', keyFile);
    expect(keygen.stderr).toBe('');
    expect(keygen.status).toBe(0);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const printed = /public key \(give this to readers to pin\):\n {2}([A-Za-z0-9+/]{43}=)\n/.exec(keygen.stdout)?.[1];
    expect(printed).toBe((await readSigningKey(readFileSync(keyFile, 'utf8'))).publicKey);

    const again = run('tools/pack/keygen-cli.ts', '-o', keyFile);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists; not overwriting a signing key \(use --force/);
    expect((await readSigningKey(readFileSync(keyFile, 'utf8'))).publicKey).toBe(printed);

    const out = path.join(workDir, 'signed.json');
    const pack = run('tools/pack/cli.ts', 'tests/fixtures/pack/valid', '-o', out, '--id', 'signed', '--today', '2026-02-20', '--sign', keyFile);
    expect(pack.stderr).toBe('');
    expect(pack.status).toBe(0);
    expect(pack.stdout).toContain(`signed:     Ed25519, public key ${printed}`);
    const validation = await validatePack(readFileSync(out, 'utf8'), {
      httpAllowlist: JSON.parse(readFileSync('tests/fixtures/pack/http-allowlist.json', 'utf8')),
    });
    if (!validation.ok) throw new Error(validation.errors.join('\n'));
    expect(await verifyPackSignature(validation.pack, printed)).toEqual({ ok: true, signed: true, publicKey: printed });
  });

  it('refuses to write a pack with an unreadable or invalid key', () => {
    const bogus = path.join(workDir, 'bogus.key');
    writeFileSync(bogus, 'not a key', { mode: 0o600 });
    const out = path.join(workDir, 'unsigned.json');
    const result = run('tools/pack/cli.ts', 'tests/fixtures/pack/valid', '-o', out, '--today', '2026-02-20', '--sign', bogus);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Pack not written: .*bogus\.key: key file is neither a PKCS#8 PEM/);
    expect(existsSync(out)).toBe(false);
  });
});
