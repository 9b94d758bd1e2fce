import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../generator/paths.js';
import type { CredentialSource } from '../../generator/spec/types.js';
import { bundledForms, bundledPackage } from './bundled-package.js';

/**
 * The same spec gives byte-identical output: no clock, no random ids, no dependence on the time
 * zone, locale or working folder of the machine that runs the generator. For every bundled spec, in
 * both forms.
 */
const scratch = mkdtempSync(join(tmpdir(), 'determinism-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function generateIn(spec: string, dir: string, env: Record<string, string>, credentialSource: CredentialSource): Buffer {
  const bin = join(PACKAGE_ROOT, 'build', 'generator', 'cli', 'main.js');
  const form = credentialSource === 'awsAuthentication' ? ['--credential-source', 'aws-authentication'] : [];
  const result = spawnSync(process.execPath, [bin, 'generate', spec, '--out', dir, ...form], {
    cwd: scratch,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  const module = /Generated module (\w+) /.exec(result.stderr)?.[1];
  expect(module, result.stderr).toBeDefined();
  expect(result.status).toBe(0);
  return readFileSync(join(dir, `${module ?? ''}.mpk`));
}

describe.each(bundledForms())('deterministic output of $name', ({ file, name, credentialSource }) => {
  it('writes byte-identical packages in separate processes, time zones and locales', async () => {
    const base = join(scratch, name.replace(/\W+/g, '-'));
    const first = generateIn(file, join(base, 'a'), { TZ: 'UTC', LANG: 'C' }, credentialSource);
    const second = generateIn(file, join(base, 'b'), { TZ: 'Pacific/Auckland', LANG: 'de_DE.UTF-8' }, credentialSource);
    expect(second.equals(first)).toBe(true);
    // And the in-process pipeline gives the same bytes as the command line, under the spec's module name.
    const bundled = await bundledPackage(file, credentialSource);
    expect(readFileSync(join(base, 'a', `${bundled.spec.module.name}.mpk`)).equals(first)).toBe(true);
    expect(Buffer.from(bundled.mpk).equals(first)).toBe(true);
  }, 60_000);
});
