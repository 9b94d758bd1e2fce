import {
  CreateAliasCommand,
  CreateFunctionCommand,
  LambdaClient,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  UpdateFunctionCodeCommand,
} from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '../../generator/cli/output.js';
import { runConnectorCli } from '../../runtime/cli/connector-command.js';
import {
  clearClientCache,
  ConnectorError,
  deleteFunction,
  getFunction,
  listAliases,
  listFunctions,
  listVersionsByFunction,
  streamFunctions,
  type Credentials,
} from '../../runtime/index.js';
import { createRole } from '../java/endpoints/moto-fixtures.js';
import { motoMissing, shouldSkip, startMoto, type ManagedProcess } from './harness.js';

/**
 * The control-plane operations against moto_server's Lambda API. moto ignores MaxItems and Marker
 * (one page holds everything), so these tests prove the wiring against a real HTTP endpoint; paging
 * itself is proven with multi-page mocked answers in test/runtime.
 */
const FUNCTION_COUNT = 120;
const credentials: Credentials = { Provider: 'StaticKeys', AccessKeyId: 'AKIATESTING', SecretAccessKey: 'integration-secret-key' };

describe.skipIf(shouldSkip('control plane against moto_server', motoMissing()))('control plane against moto_server', () => {
  let moto: ManagedProcess | undefined;
  let admin: LambdaClient | undefined;
  let roleArn = '';

  const settings = () => ({ EndpointOverride: moto?.endpoint ?? 'http://127.0.0.1:1', MaxAttempts: 1 });

  function createFunction(name: string, tags?: Record<string, string>) {
    const zip = zipSync({ 'index.js': strToU8('exports.handler = async () => "ok";') });
    return admin?.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Runtime: 'nodejs20.x',
        Role: roleArn,
        Handler: 'index.handler',
        Code: { ZipFile: zip },
        Description: `test function ${name}`,
        MemorySize: 256,
        Timeout: 15,
        Architectures: ['arm64'],
        ...(tags ? { Tags: tags } : {}),
      }),
    );
  }

  beforeAll(async () => {
    moto = await startMoto();
    admin = new LambdaClient({ region: 'us-east-1', endpoint: moto.endpoint, credentials: { accessKeyId: 'AKIATESTING', secretAccessKey: 'x' } });
    roleArn = await createRole(moto.endpoint, 'runtime-test-role', 'control-plane-test');
    const names = Array.from({ length: FUNCTION_COUNT }, (_, i) => `fn-${String(i).padStart(3, '0')}`);
    for (let i = 0; i < names.length; i += 20) await Promise.all(names.slice(i, i + 20).map((n) => createFunction(n)));
    await createFunction('orders-api', { team: 'payments', 'cost-center': '4711' });
    await admin.send(new PublishVersionCommand({ FunctionName: 'orders-api', Description: 'first' }));
    // A new version needs changed code, as in AWS.
    await admin.send(
      new UpdateFunctionCodeCommand({ FunctionName: 'orders-api', ZipFile: zipSync({ 'index.js': strToU8('exports.handler = async () => "v2";') }) }),
    );
    await admin.send(new PublishVersionCommand({ FunctionName: 'orders-api', Description: 'second' }));
    await admin.send(new CreateAliasCommand({ FunctionName: 'orders-api', Name: 'prod', FunctionVersion: '1', Description: 'Production traffic' }));
    await admin.send(new CreateAliasCommand({ FunctionName: 'orders-api', Name: 'canary', FunctionVersion: '2' }));
    await admin.send(new PutFunctionConcurrencyCommand({ FunctionName: 'orders-api', ReservedConcurrentExecutions: 25 }));
  }, 50_000);

  afterAll(async () => {
    clearClientCache();
    admin?.destroy();
    await moto?.stop();
  }, 15_000);

  it(`lists all ${FUNCTION_COUNT + 1} functions with FetchAllPages`, async () => {
    const result = await listFunctions(credentials, 'us_east_1', { ...settings(), FetchAllPages: true });
    expect(result.NextMarker).toBeNull();
    const functions = result.Function_ListFunctionsResponse;
    expect(functions).toHaveLength(FUNCTION_COUNT + 1);
    const fn7 = functions.find((f) => f.FunctionName === 'fn-007');
    expect(fn7).toMatchObject({
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      MemorySize: 256,
      Timeout: 15,
      Role: roleArn,
      Description: 'test function fn-007',
      Architectures: 'arm64',
      Version: '$LATEST',
    });
    expect(fn7?.LastModified).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(fn7?.FunctionArn).toMatch(/^arn:aws:lambda:us-east-1:\d{12}:function:fn-007$/);
    expect(typeof fn7?.CodeSize).toBe('number');
  });

  it('streams the same functions one by one', async () => {
    const names: string[] = [];
    for await (const fn of streamFunctions(credentials, 'us_east_1', settings())) names.push(String(fn.FunctionName));
    expect(names).toHaveLength(FUNCTION_COUNT + 1);
    expect(new Set(names).size).toBe(FUNCTION_COUNT + 1);
    expect(names).toContain('fn-119');
  });

  it('reads a function: configuration, code location, tags sorted by key, reserved concurrency', async () => {
    const result = await getFunction(credentials, 'us_east_1', { ...settings(), FunctionName: 'orders-api' });
    expect(result.GetFunctionResponse_Function).toMatchObject({ FunctionName: 'orders-api', Runtime: 'nodejs20.x', Version: '$LATEST' });
    expect(result.GetFunctionResponse_FunctionCode?.Location).toEqual(expect.any(String));
    expect(result.Tag_GetFunctionResponse).toEqual([
      { Key: 'cost-center', Value: '4711' },
      { Key: 'team', Value: 'payments' },
    ]);
    expect(result.ReservedConcurrentExecutions).toBe(25);
  });

  it('lists the versions of a function', async () => {
    const result = await listVersionsByFunction(credentials, 'us_east_1', { ...settings(), FunctionName: 'orders-api', FetchAllPages: true });
    expect(result.NextMarker).toBeNull();
    expect(result.Function_ListVersionsByFunctionResponse.map((v) => v.Version)).toEqual(['$LATEST', '1', '2']);
  });

  it('lists the aliases of a function', async () => {
    const result = await listAliases(credentials, 'us_east_1', { ...settings(), FunctionName: 'orders-api' });
    const byName = Object.fromEntries(result.Alias_ListAliasesResponse.map((a) => [a.Name, a]));
    expect(Object.keys(byName).sort()).toEqual(['canary', 'prod']);
    expect(byName['prod']).toMatchObject({ FunctionVersion: '1', Description: 'Production traffic' });
    expect(byName['prod']?.AliasArn).toMatch(/:function:orders-api:prod$/);
  });

  it('fails with ResourceNotFoundException (HTTP 404) for an unknown function', async () => {
    const error = await getFunction(credentials, 'us_east_1', { ...settings(), FunctionName: 'no-such-function' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ kind: 'aws', code: 'ResourceNotFoundException', status: 404 });
    expect((error as ConnectorError).message).toMatch(/^GetFunction failed: ResourceNotFoundException \(HTTP 404/);
  });

  it('deletes a function, which is then gone', async () => {
    await createFunction('short-lived');
    expect(await deleteFunction(credentials, 'us_east_1', { ...settings(), FunctionName: 'short-lived' })).toBe(true);
    const error = await getFunction(credentials, 'us_east_1', { ...settings(), FunctionName: 'short-lived' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'aws', code: 'ResourceNotFoundException', status: 404 });
  });

  it('mendix-connector lambda list-functions --all-pages --json lists them through the CLI', async () => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const out: Output = {
      result: (t) => stdout.push(t),
      json: (v) => stdout.push(JSON.stringify(v)),
      info: (t) => stderr.push(t),
      error: (t) => stderr.push(t),
    };
    const code = await runConnectorCli(
      [
        'lambda',
        'list-functions',
        '--region',
        'us-east-1',
        '--endpoint-url',
        moto?.endpoint ?? '',
        '--access-key-id',
        'AKIATESTING',
        '--secret-access-key',
        'cli-secret',
        '--all-pages',
        '--json',
      ],
      out,
    );
    expect(stderr).toEqual([]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout.join('')) as { Function_ListFunctionsResponse: unknown[] };
    expect(result.Function_ListFunctionsResponse.length).toBeGreaterThanOrEqual(FUNCTION_COUNT);
  });
});
