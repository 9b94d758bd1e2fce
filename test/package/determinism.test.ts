import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../generator/paths.js';
import { bundledPackage } from './bundled-package.js';

/**
 * The same spec gives byte-identical output: no clock, no random ids, no dependence on the time
 * zone, locale or working folder of the machine that runs the generator.
 */
const scratch = mkdtempSync(join(tmpdir(), 'determinism-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function generateIn(dir: string, env: Record<string, string>): Buffer {
  const bin = join(PACKAGE_ROOT, 'build', 'generator', 'cli', 'main.js');
  const result = spawnSync(process.execPath, [bin, 'generate', join(PACKAGE_ROOT, 'spec', 'aws-lambda.connector.yaml'), '--out', dir], {
    cwd: scratch,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  expect(result.stderr).toContain('Generated module AWSLambdaConnector');
  expect(result.status).toBe(0);
  return readFileSync(join(dir, 'AWSLambdaConnector.mpk'));
}

describe('deterministic output', () => {
  it('writes byte-identical packages in separate processes, time zones and locales', async () => {
    const first = generateIn(join(scratch, 'a'), { TZ: 'UTC', LANG: 'C' });
    const second = generateIn(join(scratch, 'b'), { TZ: 'Pacific/Auckland', LANG: 'de_DE.UTF-8' });
    expect(second.equals(first)).toBe(true);
    // And the in-process pipeline gives the same bytes as the command line.
    expect(Buffer.from((await bundledPackage()).mpk).equals(first)).toBe(true);
  }, 60_000);
});
