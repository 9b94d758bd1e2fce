/**
 * The `init` command's conventions: listing without --operations, "did you mean" for unknown
 * services and operations, no file replaced without --force (and nothing written when refused), the
 * API model kept when it is the same, usage errors, --json. The Java number types are left out here
 * (the jar resolver fails on purpose), so these tests need no JDK or Maven; the acceptance test
 * covers them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInit, type InitArgs } from '../../generator/cli/init-command.js';
import { runCli } from '../../generator/cli/run-cli.js';
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, UserError } from '../../generator/cli/exit-codes.js';
import { PACKAGE_ROOT } from '../../generator/paths.js';
import { captureOutput } from '../support/captured-output.js';

const work = mkdtempSync(join(tmpdir(), 'init-command-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const noJars = () => {
  throw new Error('no Java in this test');
};

/** Runs init in-process as the command line would, turning a refusal into its exit code and message. */
function init(args: Partial<InitArgs> & { service: string }): { code: number; stdout: string; stderr: string } {
  const out = captureOutput();
  try {
    const code = runInit({ force: false, json: false, requestAssociations: true, resolveJars: noJars, ...args }, out);
    return { code, stdout: out.stdout, stderr: out.stderr };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { code: EXIT_BAD_INPUT, stdout: out.stdout, stderr: `${out.stderr}error: ${error.message}\n  hint: ${error.hint ?? ''}\n` };
  }
}

describe('init lists the operations of a service when none are named', () => {
  it('prints each operation with the first sentence of its documentation and exits 0', () => {
    const { code, stdout, stderr } = init({ service: 'sqs' });
    expect(code).toBe(EXIT_OK);
    expect(stdout).toMatch(/^SendMessage +Delivers a message to the specified queue\.$/m);
    expect(stdout).toMatch(/^ListQueues +Returns a list of your queues in the current region\.$/m);
    expect(stderr).toMatch(/\d+ operations of @aws-sdk\/client-sqs/);
  });

  it('gives the list as JSON with --json', () => {
    const { code, stdout } = init({ service: '@aws-sdk/client-sqs', json: true });
    expect(code).toBe(EXIT_OK);
    const listing = JSON.parse(stdout) as { service: string; operations: Array<{ name: string; documentation: string }> };
    expect(listing.service).toBe('sqs');
    expect(listing.operations.map((o) => o.name)).toContain('ReceiveMessage');
  });
});

describe('init refuses what it cannot do, with suggestions', () => {
  it('names the installed services close to an unknown one', async () => {
    const out = captureOutput();
    const code = await runCli(['init', '--service', 'sqss', '--operations', 'SendMessage', '--out', join(work, 'x.yaml')], out);
    expect(code).toBe(EXIT_BAD_INPUT);
    expect(out.stderr).toContain('Did you mean "sqs"');
    expect(out.stderr).toMatch(/Installed: .*\bsqs\b/);
    expect(out.stderr).not.toMatch(/\bat .*\.[jt]s:\d+/);
    expect(existsSync(join(work, 'x.yaml'))).toBe(false);
  });

  it('names the operations close to unknown ones, all at once', () => {
    const { code, stderr } = init({ service: 'sqs', operations: 'SendMesage,listqueues,Frobnicate', out: join(work, 'y.yaml') });
    expect(code).toBe(EXIT_BAD_INPUT);
    expect(stderr).toContain('SQS has no operation "SendMesage"; did you mean "SendMessage"?');
    expect(stderr).toContain('SQS has no operation "listqueues"; did you mean "ListQueues"');
    expect(stderr).toContain('SQS has no operation "Frobnicate".');
    expect(stderr).toContain('mendix-connector init --service sqs');
    expect(existsSync(join(work, 'y.yaml'))).toBe(false);
  });

  it('refuses an operation named twice', () => {
    const { code, stderr } = init({ service: 'sqs', operations: 'GetQueueUrl,GetQueueUrl', out: join(work, 'z.yaml') });
    expect(code).toBe(EXIT_BAD_INPUT);
    expect(stderr).toContain('"GetQueueUrl" is named twice.');
  });

  it('refuses a module name Mendix or Java cannot take', () => {
    const { code, stderr } = init({ service: 'sqs', operations: 'GetQueueUrl', module: 'class', out: join(work, 'm.yaml') });
    expect(code).toBe(EXIT_BAD_INPUT);
    expect(stderr).toContain('Java reserved word');
  });

  it('treats options that go with --operations as a usage error without them', async () => {
    const out = captureOutput();
    expect(await runCli(['init', '--service', 'sqs', '--out', join(work, 'u.yaml')], out)).toBe(EXIT_USAGE);
    expect(out.stderr).toContain('--module, --out and --force go with --operations.');
    const missing = captureOutput();
    expect(await runCli(['init', '--operations', 'SendMessage'], missing)).toBe(EXIT_USAGE);
    expect(missing.stderr).toContain('Missing required argument: service');
  });

  it('is listed in the help with its options', () => {
    // yargs prints help itself, so the installed command is run (built by npm test's tsc step, or here).
    const bin = join(PACKAGE_ROOT, 'build', 'generator', 'cli', 'main.js');
    if (!existsSync(bin)) execFileSync(process.execPath, [join(PACKAGE_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', PACKAGE_ROOT]);
    const help = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: work, encoding: 'utf8' }).stdout;
    const own = help(['init', '--help']);
    for (const option of ['--service', '--operations', '--module', '--out', '--force']) expect(own).toContain(option);
    expect(help(['--help'])).toMatch(/init +Write a documented starting spec/);
  }, 120_000);
});

describe('init never replaces a file without --force', () => {
  const spec = join(work, 'keep', 'aws-sqs.connector.yaml');
  const model = join(work, 'keep', 'api', 'aws-sqs.api.json');

  it('writes the spec and its API model beside it, and says what to check', () => {
    const { code, stdout, stderr } = init({ service: 'sqs', operations: 'GetQueueUrl,ListQueues', out: spec });
    expect(code).toBe(EXIT_OK);
    expect(stdout).toContain('Wrote ');
    expect(stdout).toContain('module SqsConnector, 2 operations (GetQueueUrl, ListQueues)');
    // Without Java the number widths are unknown: said, and request numbers left out.
    expect(stderr).toContain('warning: The Java number types could not be read');
    const text = readFileSync(spec, 'utf8');
    expect(text).toContain('apiModel: api/aws-sqs.api.json');
    expect(text.replace(/\n\s+/g, ' ')).toContain('Not mapped: MaxResults (a number whose Java type is unknown');
    expect(existsSync(model)).toBe(true);
  });

  it('refuses to replace the spec, and writes nothing', () => {
    writeFileSync(spec, '# my edits\n');
    const before = readFileSync(model, 'utf8');
    const { code, stderr } = init({ service: 'sqs', operations: 'GetQueueUrl', out: spec });
    expect(code).toBe(EXIT_BAD_INPUT);
    expect(stderr).toContain('exists; init does not replace it without --force. Nothing was written.');
    expect(readFileSync(spec, 'utf8')).toBe('# my edits\n');
    expect(readFileSync(model, 'utf8')).toBe(before);
  });

  it('replaces it with --force, keeping an API model that is the same', () => {
    const { code, stdout } = init({ service: 'sqs', operations: 'GetQueueUrl', out: spec, force: true, json: true });
    expect(code).toBe(EXIT_OK);
    const result = JSON.parse(stdout) as { specStatus: string; apiModelStatus: string; valid: boolean };
    expect(result).toMatchObject({ specStatus: 'replaced', apiModelStatus: 'unchanged', valid: true });
    expect(readFileSync(spec, 'utf8')).toContain('- name: GetQueueUrl');
  });

  it('refuses an API model that differs, unless --force', () => {
    const other = join(work, 'other', 'aws-sqs.connector.yaml');
    const otherModel = join(work, 'other', 'api', 'aws-sqs.api.json');
    init({ service: 'sqs', operations: 'GetQueueUrl', out: join(work, 'other', 'first.yaml') });
    writeFileSync(otherModel, '{}\n');
    const refused = init({ service: 'sqs', operations: 'GetQueueUrl', out: other });
    expect(refused.code).toBe(EXIT_BAD_INPUT);
    expect(refused.stderr).toContain('differs from the API model init would write');
    expect(existsSync(other)).toBe(false);
    expect(readFileSync(otherModel, 'utf8')).toBe('{}\n');
    const forced = init({ service: 'sqs', operations: 'GetQueueUrl', out: other, force: true });
    expect(forced.code).toBe(EXIT_OK);
    expect(readFileSync(otherModel, 'utf8')).not.toBe('{}\n');
  });

  it('refuses a folder as the spec file', () => {
    const { code, stderr } = init({ service: 'sqs', operations: 'GetQueueUrl', out: work });
    expect(code).toBe(EXIT_BAD_INPUT);
    expect(stderr).toContain('is a folder');
  });
});
