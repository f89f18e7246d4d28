import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validatePack } from '../../lib/pack-format/validate';

const workDir = mkdtempSync(path.join(tmpdir(), 'pack-cli-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function runCli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'tools/pack/cli.ts', ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('pack CLI', () => {
  it('writes a pack and prints a summary for a valid folder', async () => {
    const out = path.join(workDir, 'nested', 'pack.json');
    const run = runCli('tests/fixtures/pack/valid', '-o', out, '--id', 'fixture', '--name', 'Fixture', '--publisher', 'Tests', '--version', '1.2.3', '--today', '2026-02-20');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/explainers: 3\n/);
    expect(run.stdout).toMatch(/terms: {6}7\n/);
    const json = readFileSync(out, 'utf8');
    expect(run.stdout).toContain(`bytes:      ${Buffer.byteLength(json)}`);
    const validation = await validatePack(json, {
      httpAllowlist: JSON.parse(readFileSync('tests/fixtures/pack/http-allowlist.json', 'utf8')),
    });
    expect(validation.ok).toBe(true);
    if (validation.ok) {
      expect(validation.pack).toMatchObject({ id: 'fixture', name: 'Fixture', publisher: 'Tests', version: '1.2.3' });
      expect(run.stdout).toContain(`sha256:     ${validation.pack.sha256}`);
    }
  });

  it('lists every error by file and field, writes nothing and exits 1', () => {
    const out = path.join(workDir, 'bad.json');
    const run = runCli('tests/fixtures/pack/invalid', '-o', out, '--today', '2026-02-20');
    expect(run.status).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(run.stderr).toContain('tests/fixtures/pack/invalid/ice.md (');
    expect(run.stderr).toContain('  facts[0].sources: each key fact needs at least one source URL');
    expect(run.stderr).toMatch(/ {2}facts\[1\]\.sources\[0\]: http URL http:\/\/www\.ice\.gov\/ is not in content\/http-allowlist\.json/);
    expect(run.stderr).toContain('  sections.stake: missing required section');
    expect(run.stderr).toMatch(/ {2}sections\.happening: line 24: raw HTML is not allowed/);
    expect(run.stderr).toContain('  related[0]: no explainer has id "does-not-exist"');
  });

  it('explains its usage when the output is missing', () => {
    const run = runCli('tests/fixtures/pack/valid');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^usage: /);
  });
});
