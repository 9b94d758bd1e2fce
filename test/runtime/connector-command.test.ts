import { DeleteFunctionCommand, InvokeCommand, LambdaClient, ListFunctionsCommand, type InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { describe, expect, it, vi } from 'vitest';
import type { Output } from '../../generator/cli/output.js';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../../generator/paths.js';
import { credentialsFromArgs, kebabCase, readValueArgument, runConnectorCli } from '../../runtime/cli/connector-command.js';
import { bundledSpec } from '../../runtime/engine/runtime-spec.js';
import { sdkError } from './case-support.js';
import { useLambdaMock } from './lambda-mock.js';

const lambdaMock = useLambdaMock();
const KEYS = ['--access-key-id', 'AKIAEXAMPLE', '--secret-access-key', 'cli-secret-value-123'];

function capture() {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const out: Output = {
    result: (text) => stdout.push(text),
    json: (value) => stdout.push(JSON.stringify(value, null, 2)),
    info: (text) => stderr.push(text),
    error: (text) => stderr.push(text),
  };
  return { out, stdout, stderr };
}

describe('mendix-connector lambda', () => {
  it('list-functions --json prints the response object and converts the region code', async () => {
    lambdaMock.on(ListFunctionsCommand).resolves({ Functions: [{ FunctionName: 'a', Version: '$LATEST' }], NextMarker: 'm2' });
    const { out, stdout, stderr } = capture();
    const code = await runConnectorCli(['lambda', 'list-functions', '--region', 'eu-west-1', ...KEYS, '--max-items', '1', '--json'], out);
    expect(code).toBe(0);
    expect(stderr).toEqual([]);
    const result = JSON.parse(stdout.join('\n')) as { NextMarker: string; Function_ListFunctionsResponse: Array<{ FunctionName: string }> };
    expect(result.NextMarker).toBe('m2');
    expect(result.Function_ListFunctionsResponse.map((f) => f.FunctionName)).toEqual(['a']);
    expect(lambdaMock.call(0).args[0].input).toEqual({ MaxItems: 1 });
    expect(await (lambdaMock.call(0).thisValue as LambdaClient).config.region()).toBe('eu-west-1');
  });

  it('--all-pages streams every page, printing items on stdout and progress on stderr', async () => {
    lambdaMock
      .on(ListFunctionsCommand)
      .resolvesOnce({ Functions: [{ FunctionName: 'a' }, { FunctionName: 'b' }], NextMarker: 'm2' })
      .resolvesOnce({ Functions: [{ FunctionName: 'c' }], NextMarker: 'm3' })
      .resolvesOnce({ Functions: [{ FunctionName: 'd' }] });
    const { out, stdout, stderr } = capture();
    const code = await runConnectorCli(['lambda', 'list-functions', '--region', 'us_east_1', ...KEYS, '--all-pages'], out);
    expect(code).toBe(0);
    expect(stdout).toEqual(['a', 'b', 'c', 'd']);
    expect(stderr).toEqual(['... page 2: 3 functions so far', '... page 3: 4 functions so far', '4 functions in 3 pages']);
  });

  it('--all-pages --json prints one combined response without a marker', async () => {
    lambdaMock
      .on(ListFunctionsCommand)
      .resolvesOnce({ Functions: [{ FunctionName: 'a' }], NextMarker: 'm2' })
      .resolvesOnce({ Functions: [{ FunctionName: 'b' }] });
    const { out, stdout } = capture();
    expect(await runConnectorCli(['lambda', 'list-functions', '--region', 'us-east-1', ...KEYS, '--all-pages', '--json'], out)).toBe(0);
    const result = JSON.parse(stdout.join('\n')) as { NextMarker: null; Function_ListFunctionsResponse: Array<{ FunctionName: string }> };
    expect(result.NextMarker).toBeNull();
    expect(result.Function_ListFunctionsResponse.map((f) => f.FunctionName)).toEqual(['a', 'b']);
  });

  it('invoke prints the payload on stdout and the status on stderr', async () => {
    lambdaMock
      .on(InvokeCommand)
      .resolves({ StatusCode: 200, ExecutedVersion: '$LATEST', Payload: new TextEncoder().encode('{"ok":true}') as unknown as InvokeCommandOutput['Payload'] });
    const { out, stdout, stderr } = capture();
    const code = await runConnectorCli(
      ['lambda', 'invoke', '--region', 'us-east-1', ...KEYS, '--function-name', 'greeter', '--payload', '{"a":1}', '--invocation-type', 'RequestResponse'],
      out,
    );
    expect(code).toBe(0);
    expect(stdout).toEqual(['{"ok":true}']);
    expect(stderr).toEqual(['StatusCode: 200\nExecutedVersion: $LATEST']);
    expect(new TextDecoder().decode(lambdaMock.commandCalls(InvokeCommand)[0]?.args[0].input.Payload as Uint8Array)).toBe('{"a":1}');
  });

  it('exits 1 with the runtime message for invalid JSON, without calling AWS', async () => {
    const { out, stdout, stderr } = capture();
    const code = await runConnectorCli(['lambda', 'invoke', '--region', 'us-east-1', ...KEYS, '--function-name', 'f', '--payload', '{oops'], out);
    expect(code).toBe(1);
    expect(stdout).toEqual([]);
    expect(stderr).toEqual(['error: Invoke refused before calling AWS: Payload is not valid JSON.']);
    expect(lambdaMock.calls()).toHaveLength(0);
  });

  it('exits 1 on an AWS error, with the error as JSON on stdout under --json and no secret anywhere', async () => {
    lambdaMock
      .on(DeleteFunctionCommand)
      .rejects(sdkError({ code: 'ResourceNotFoundException', status: 404, requestId: 'r1', message: 'Function not found: f' }));
    const { out, stdout, stderr } = capture();
    const code = await runConnectorCli(['lambda', 'delete-function', '--region', 'us-east-1', ...KEYS, '--function-name', 'f', '--json'], out);
    expect(code).toBe(1);
    expect(JSON.parse(stdout.join('\n'))).toMatchObject({ error: { kind: 'aws', code: 'ResourceNotFoundException', status: 404, requestId: 'r1' } });
    expect(stderr).toEqual(['error: DeleteFunction failed: ResourceNotFoundException (HTTP 404, request ID r1): Function not found: f']);
    expect([...stdout, ...stderr].join('\n')).not.toContain('cli-secret-value-123');
  });

  it('call runs an operation of any spec, the request given as JSON inline, from a file or from standard input', async () => {
    lambdaMock.on(ListFunctionsCommand).resolves({ Functions: [{ FunctionName: 'a' }] });
    const spec = join(PACKAGE_ROOT, 'spec', 'aws-lambda.connector.yaml');
    const inline = capture();
    expect(await runConnectorCli(['call', spec, 'ListFunctions', '--region', 'us-east-1', ...KEYS, '--input', '{"MaxItems": 7}', '--json'], inline.out)).toBe(
      0,
    );
    expect(lambdaMock.call(0).args[0].input).toEqual({ MaxItems: 7 });
    const file = join(mkdtempSync(join(tmpdir(), 'call-input-')), 'request.json');
    writeFileSync(file, '{"MaxItems": 8}');
    expect(await runConnectorCli(['call', spec, 'list-functions', '--region', 'us-east-1', ...KEYS, '--input', `@${file}`], capture().out)).toBe(0);
    expect(lambdaMock.call(1).args[0].input).toEqual({ MaxItems: 8 });
    const bad = capture();
    expect(await runConnectorCli(['call', spec, 'ListFunctions', '--region', 'us-east-1', ...KEYS, '--input', '[1]'], bad.out)).toBe(2);
    expect(bad.stderr.join('\n')).toContain('--input must be a JSON object');
    const unknown = capture();
    expect(await runConnectorCli(['call', spec, 'ListQueues', '--region', 'us-east-1', ...KEYS], unknown.out)).toBe(2);
    expect(unknown.stderr.join('\n')).toContain('The spec has no operation ListQueues. Its operations: ListFunctions, Invoke');
    expect(JSON.parse(inline.stdout.join('\n'))).toMatchObject({ Function_ListFunctionsResponse: [{ FunctionName: 'a' }] });
  });

  it('reads a payload larger than a command line can carry from @file', async () => {
    lambdaMock.on(InvokeCommand).resolves({ StatusCode: 200 });
    const payload = JSON.stringify({ data: 'x'.repeat(300_000) });
    const file = join(mkdtempSync(join(tmpdir(), 'payload-')), 'payload.json');
    writeFileSync(file, payload);
    expect(await runConnectorCli(['lambda', 'invoke', '--region', 'us-east-1', ...KEYS, '--function-name', 'f', '--payload', `@${file}`], capture().out)).toBe(
      0,
    );
    expect(new TextDecoder().decode(lambdaMock.commandCalls(InvokeCommand)[0]?.args[0].input.Payload as Uint8Array)).toBe(payload);
    const missing = capture();
    expect(
      await runConnectorCli(['lambda', 'invoke', '--region', 'us-east-1', ...KEYS, '--function-name', 'f', '--payload', '@/no/such/file'], missing.out),
    ).toBe(2);
    expect(missing.stderr.join('\n')).toContain('--payload @/no/such/file: cannot read /no/such/file (ENOENT).');
  });

  it('reads - as standard input', () => {
    expect(readValueArgument('-', '--input', () => '{"from":"stdin"}')).toBe('{"from":"stdin"}');
    expect(readValueArgument('plain', '--input')).toBe('plain');
    expect(() => readValueArgument('@/', '--input')).toThrow('--input @/: / is not a regular file.');
  });

  it('reads standard input whole up to its limit, and refuses more', () => {
    // Through a real pipe, in a child process running the compiled module (`npm test` builds first).
    const compiled = join(PACKAGE_ROOT, 'build', 'runtime', 'cli', 'connector-command.js');
    if (!existsSync(compiled)) {
      if (process.env['CI'] === 'true') throw new Error(`CI=true but ${compiled} is missing: "npm run build" must run before the tests.`);
      console.warn(`standard-input test skipped: ${compiled} is missing; run "npm run build".`);
      return;
    }
    const script = `import(${JSON.stringify(pathToFileURL(compiled).href)}).then((m) => { try { process.stdout.write(JSON.stringify(m.readStandardInput('--input', 10))); } catch (e) { process.stdout.write('refused: ' + e.message); } });`;
    const run = (input: string | Buffer) => spawnSync(process.execPath, ['-e', script], { input, encoding: 'utf8' }).stdout;
    expect(run('')).toBe('""');
    expect(run('caf\u00e9 ok')).toBe('"caf\u00e9 ok"');
    expect(run('0123456789')).toBe('"0123456789"');
    expect(run('01234567890')).toBe('refused: --input -: standard input is larger than 10 bytes.');
    expect(run(Buffer.alloc(4 * 1024 * 1024, 0x41))).toBe('refused: --input -: standard input is larger than 10 bytes.');
  });

  it('takes - after an option as standard input, and a missing value as a usage error', async () => {
    const cli = join(PACKAGE_ROOT, 'build', 'generator', 'cli', 'main.js');
    if (existsSync(cli)) {
      // Through a real pipe: `--payload -` reads the payload from standard input (here not JSON, refused before any call).
      const invoke = spawnSync(
        process.execPath,
        [cli, 'lambda', 'invoke', '--region', 'us-east-1', ...KEYS, '--function-name', 'f', '--payload', '-', '--endpoint-url', 'http://127.0.0.1:9'],
        { input: 'not json', encoding: 'utf8' },
      );
      expect(invoke.stderr).toContain('Invoke refused before calling AWS: Payload is not valid JSON.');
      expect(invoke.status).toBe(1);
    } else if (process.env['CI'] === 'true') {
      throw new Error(`CI=true but ${cli} is missing: "npm run build" must run before the tests.`);
    } else {
      console.warn(`--payload - test skipped: ${cli} is missing; run "npm run build".`);
    }
    const missing = capture();
    expect(await runConnectorCli(['lambda', 'invoke', '--region', 'us-east-1', ...KEYS, '--function-name', 'f', '--payload'], missing.out)).toBe(2);
    expect(missing.stderr.join('\n')).toContain('Not enough arguments following: payload');
    expect(missing.stderr.join('\n')).not.toContain('internal error');
  });

  it('delete-function prints what it deleted', async () => {
    lambdaMock.on(DeleteFunctionCommand).resolves({});
    const { out, stdout } = capture();
    expect(await runConnectorCli(['lambda', 'delete-function', '--region', 'us-east-1', ...KEYS, '--function-name', 'f', '--qualifier', '3'], out)).toBe(0);
    expect(stdout).toEqual(['DeleteFunction: true']);
    expect(lambdaMock.call(0).args[0].input).toEqual({ FunctionName: 'f', Qualifier: '3' });
  });

  it('exits 2 on usage errors', async () => {
    const usage = [
      ['lambda', 'invoke', '--region', 'us-east-1', ...KEYS],
      ['lambda', 'list-functions', '--region', 'us-east-1', '--access-key-id', 'AKIA1'],
      ['lambda', 'list-functions', '--region', 'us-east-1', '--no-such-option'],
      ['lambda', 'frobnicate', '--region', 'us-east-1'],
      ['lambda', 'invoke', '--region', 'us-east-1', '--function-name', 'f', '--invocation-type', 'Sometimes'],
    ];
    for (const argv of usage) {
      const { out, stderr } = capture();
      expect(await runConnectorCli(argv, out), argv.join(' ')).toBe(2);
      expect(stderr.join('\n')).toContain('Run "mendix-connector lambda --help" for usage.');
    }
    expect(lambdaMock.calls()).toHaveLength(0);
  });

  it('offers one subcommand per spec operation, with the request attributes as options', async () => {
    const expected: Record<string, string[]> = {
      'list-functions': ['--marker', '--max-items', '--all-pages', '--function-version', '[choices: "ALL"]'],
      invoke: [
        '--function-name',
        '--qualifier',
        '--invocation-type',
        '[choices: "RequestResponse", "Event", "DryRun"]',
        '--log-type',
        '--payload',
        '--client-context',
        '--fail-on-function-error',
      ],
      'get-function': ['--function-name', '--qualifier'],
      'list-versions-by-function': ['--function-name', '--all-pages'],
      'list-aliases': ['--function-name', '--function-version', '--all-pages'],
      'delete-function': ['--function-name', '--qualifier'],
    };
    expect(
      bundledSpec()
        .spec.operations.map((o) => kebabCase(o.name))
        .sort(),
    ).toEqual(Object.keys(expected).sort());
    for (const [command, options] of Object.entries(expected)) {
      const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
      const { out } = capture();
      try {
        expect(await runConnectorCli(['lambda', command, '--help'], out)).toBe(0);
        const help = log.mock.calls.map((call) => call.map(String).join(' ')).join('\n');
        for (const option of options) expect(help, `${command} --help`).toContain(option);
        expect(help).toContain('--endpoint-url');
      } finally {
        log.mockRestore();
      }
    }
  });

  it('exits 1 with the function error when --fail-on-function-error is given', async () => {
    lambdaMock.on(InvokeCommand).resolves({
      StatusCode: 200,
      FunctionError: 'Unhandled',
      Payload: new TextEncoder().encode('{"errorType":"RangeError","errorMessage":"too far"}') as unknown as InvokeCommandOutput['Payload'],
    });
    const { out, stderr } = capture();
    const code = await runConnectorCli(['lambda', 'invoke', '--region', 'us-east-1', ...KEYS, '--function-name', 'f', '--fail-on-function-error'], out);
    expect(code).toBe(1);
    expect(stderr).toEqual(['error: Invoke failed: the function returned an error (Unhandled): RangeError: too far']);
    expect(lambdaMock.commandCalls(InvokeCommand)[0]?.args[0].input).toEqual({ FunctionName: 'f' });
  });

  it('builds credentials from the options: static keys, assume role, default chain', () => {
    const none = {
      json: false,
      region: undefined,
      'endpoint-url': undefined,
      'sts-endpoint-url': undefined,
      'access-key-id': undefined,
      'secret-access-key': undefined,
      'session-token': undefined,
      'role-arn': undefined,
      'external-id': undefined,
      'role-session-name': undefined,
      profile: undefined,
      timeout: undefined,
      'max-attempts': undefined,
    };
    expect(credentialsFromArgs(bundledSpec(), none)).toEqual({ Provider: 'DefaultProviderChain' });
    expect(credentialsFromArgs(bundledSpec(), { ...none, 'access-key-id': 'A', 'secret-access-key': 'S', 'session-token': 'T' })).toEqual({
      Provider: 'StaticKeys',
      AccessKeyId: 'A',
      SecretAccessKey: 'S',
      SessionToken: 'T',
    });
    expect(credentialsFromArgs(bundledSpec(), { ...none, 'role-arn': 'arn:aws:iam::1:role/r', 'external-id': 'x' })).toEqual({
      Provider: 'AssumeRole',
      RoleArn: 'arn:aws:iam::1:role/r',
      ExternalId: 'x',
    });
    expect(
      credentialsFromArgs(bundledSpec(), {
        ...none,
        'role-arn': 'arn:aws:iam::1:role/r',
        'access-key-id': 'A',
        'secret-access-key': 'S',
        'role-session-name': 'cli',
      }),
    ).toMatchObject({
      Provider: 'AssumeRole',
      AccessKeyId: 'A',
      SecretAccessKey: 'S',
      RoleSessionName: 'cli',
    });
  });
});
