import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../generator/cli/run-cli.js';
import { captureOutput as capture } from '../support/captured-output.js';
import { MANIFEST_NAME } from '../../generator/write/write-outputs.js';

/** `generate` writes all or nothing, reports what it does, and never overwrites edits silently. */

const scratch = mkdtempSync(join(tmpdir(), 'generate-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function generate(dir: string, ...extra: string[]) {
  const out = capture();
  const code = await runCli(['generate', '--out', dir, ...extra], out);
  return { code, ...out };
}

describe('mendix-connector generate', () => {
  it('writes the package and a manifest, then reports it up to date with --check', async () => {
    const dir = join(scratch, 'fresh');
    const first = await generate(dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^create {4}AWSLambdaConnector\.mpk \([\d,]+ bytes\)$/m);
    expect(readdirSync(dir).sort()).toEqual([MANIFEST_NAME, 'AWSLambdaConnector.mpk', 'docs']);
    expect(readdirSync(join(dir, 'docs')).sort()).toEqual(['AWSLambdaConnector.html', 'AWSLambdaConnector.md', 'domain-model.svg']);
    const check = await generate(dir, '--check');
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('is up to date');
    const again = await generate(dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^unchanged AWSLambdaConnector\.mpk$/m);
  }, 60_000);

  it('lists what it would write with --dry-run and writes nothing', async () => {
    const dir = join(scratch, 'dry');
    const result = await generate(dir, '--dry-run');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/create {4}AWSLambdaConnector\.mpk/);
    expect(existsSync(dir)).toBe(false);
  }, 60_000);

  it('fails --check when the package on disk differs from what the spec generates', async () => {
    const dir = join(scratch, 'stale');
    expect((await generate(dir)).code).toBe(0);
    writeFileSync(join(dir, 'AWSLambdaConnector.mpk'), 'edited');
    const check = await generate(dir, '--check');
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('conflict  AWSLambdaConnector.mpk: the file was changed after mendix-connector wrote it');
    expect(check.stderr).toContain('is not what');
  }, 60_000);

  it('refuses to overwrite a file changed since it wrote it, and overwrites it with --force', async () => {
    const dir = join(scratch, 'edited');
    expect((await generate(dir)).code).toBe(0);
    writeFileSync(join(dir, 'AWSLambdaConnector.mpk'), 'my own edits');
    const refused = await generate(dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Nothing was written');
    expect(readFileSync(join(dir, 'AWSLambdaConnector.mpk'), 'utf8')).toBe('my own edits');
    const forced = await generate(dir, '--force');
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, 'AWSLambdaConnector.mpk')).subarray(0, 2).toString('latin1')).toBe('PK');
  }, 60_000);

  it('refuses to overwrite a file it did not write', async () => {
    const dir = join(scratch, 'foreign');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'AWSLambdaConnector.mpk'), 'someone else');
    const refused = await generate(dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the file exists but was not written by mendix-connector');
    expect(readFileSync(join(dir, 'AWSLambdaConnector.mpk'), 'utf8')).toBe('someone else');
  }, 60_000);

  it('leaves nothing behind when writing fails', async () => {
    const blocker = join(scratch, 'blocker');
    writeFileSync(blocker, 'a file where the output folder should be');
    const result = await generate(join(blocker, 'dist'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: Cannot write to ');
    expect(result.stderr).toContain('nothing was written');
    expect(readFileSync(blocker, 'utf8')).toBe('a file where the output folder should be');
    expect(readdirSync(scratch).filter((f) => f.includes('.tmp'))).toEqual([]);
  }, 60_000);

  it('refuses an unsupported Mendix version with the supported list', async () => {
    const result = await generate(join(scratch, 'old'), '--mendix-version', '9.0.5');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: Mendix 9.0.5 is not a supported target.');
    expect(result.stderr).toContain('Supported: 10.21.0');
    expect(existsSync(join(scratch, 'old'))).toBe(false);
  }, 60_000);

  it('prints a machine-readable plan with --json', async () => {
    const result = await generate(join(scratch, 'json'), '--dry-run', '--json');
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout) as { action: string; mendixVersion: string; files: Array<{ path: string; status: string }> };
    expect(plan.action).toBe('dry-run');
    expect(plan.mendixVersion).toBe('10.21.0');
    expect(plan.files.map((f) => [f.path, f.status])).toEqual([
      ['AWSLambdaConnector.mpk', 'create'],
      ['docs/AWSLambdaConnector.html', 'create'],
      ['docs/AWSLambdaConnector.md', 'create'],
      ['docs/domain-model.svg', 'create'],
    ]);
  }, 60_000);
});

describe('mendix-connector generate --java-out', () => {
  it("writes the Java actions into an app's javasource and keeps the user's code on the next run", async () => {
    const app = join(scratch, 'app');
    const javasource = join(app, 'javasource');
    mkdirSync(javasource, { recursive: true });
    const first = await generate(join(scratch, 'app-dist'), '--java-out', javasource);
    expect(first.code).toBe(0);
    const invoke = join(javasource, 'awslambdaconnector', 'actions', 'Invoke.java');
    const generated = readFileSync(invoke, 'utf8');
    expect(generated).toContain('// BEGIN USER CODE');
    const edited = generated.replace('// BEGIN USER CODE\n', '// BEGIN USER CODE\n\t\t// my own logging\n');
    expect(edited).not.toBe(generated);
    writeFileSync(invoke, edited);

    const second = await generate(join(scratch, 'app-dist'), '--java-out', javasource);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('javasource: kept      javasource/awslambdaconnector/actions/Invoke.java');
    expect(second.stderr).toContain('Kept your edits in 1 Java file(s)');
    expect(readFileSync(invoke, 'utf8')).toBe(edited);

    const forced = await generate(join(scratch, 'app-dist'), '--java-out', javasource, '--force');
    expect(forced.code).toBe(0);
    expect(readFileSync(invoke, 'utf8')).toBe(generated);
  }, 60_000);

  it('refuses a folder that is not an app javasource folder, before writing anything', async () => {
    const result = await generate(join(scratch, 'never'), '--java-out', join(scratch, 'no-app', 'src'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--java-out must name the javasource folder of an existing Mendix app');
    expect(existsSync(join(scratch, 'never'))).toBe(false);
  }, 60_000);
});
