import { GetFunctionCommand, InvokeCommand, LambdaClient, ListFunctionsCommand, type InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../generator/paths.js';
import { SpecIndex } from '../../generator/spec/spec-index.js';
import {
  CLIENT_CACHE_LIMIT,
  clearClientCache,
  clientCacheKeys,
  executeOperation,
  getFunction,
  invoke,
  listFunctions,
  streamFunctions,
  streamOperationPages,
  loadRuntimeSpec,
  type Credentials,
  type ENUM_Region,
  type ListFunctionsRequest,
} from '../../runtime/index.js';
import { clientCacheStats } from '../../runtime/engine/client-binding.js';
import { serviceSdk } from '../../runtime/engine/service-sdk.js';
import { bundledSpec, type RuntimeSpec } from '../../runtime/engine/runtime-spec.js';
import { sdkError } from './case-support.js';
import { useLambdaMock } from './lambda-mock.js';
import { connectorFailure } from '../support/connector-failure.js';

const lambdaMock = useLambdaMock();

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzSECRETzz';
const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLE-SESSION-TOKEN-0123456789';
const credentials: Credentials = { Provider: 'StaticKeys', AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', SecretAccessKey: SECRET, SessionToken: TOKEN };

/** A payload as the SDK returns it (a Uint8Array with helpers the runtime does not use). */
function payloadOf(text: string): InvokeCommandOutput['Payload'] {
  return new TextEncoder().encode(text) as unknown as InvokeCommandOutput['Payload'];
}

/** A JSON string literal of exactly `bytes` UTF-8 bytes. */
function jsonOfBytes(bytes: number): string {
  return `"${'x'.repeat(bytes - 2)}"`;
}

describe('payload limits', () => {
  beforeEach(() => {
    lambdaMock.on(InvokeCommand).resolves({ StatusCode: 200, Payload: payloadOf('') });
  });

  const cases = [
    { type: 'RequestResponse', limit: 6_291_456, text: '6,291,456' },
    { type: 'Event', limit: 1_048_576, text: '1,048,576' },
    { type: 'DryRun', limit: 6_291_456, text: '6,291,456' },
  ] as const;
  for (const { type, limit, text } of cases) {
    it(`${type}: accepts exactly ${text} bytes`, async () => {
      const result = await invoke(credentials, 'us_east_1', { FunctionName: 'f', InvocationType: type, Payload: jsonOfBytes(limit) });
      expect(result.StatusCode).toBe(200);
      expect(lambdaMock.commandCalls(InvokeCommand)).toHaveLength(1);
      expect((lambdaMock.commandCalls(InvokeCommand)[0]?.args[0].input.Payload as Uint8Array | undefined)?.byteLength).toBe(limit);
    });

    it(`${type}: refuses ${text} + 1 bytes before calling AWS`, async () => {
      const error = await connectorFailure(invoke(credentials, 'us_east_1', { FunctionName: 'f', InvocationType: type, Payload: jsonOfBytes(limit + 1) }));
      expect(error.kind).toBe('validation');
      expect(error.message).toBe(
        `Invoke refused before calling AWS: Payload is ${String(limit + 1).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} bytes; the limit for InvocationType ${type} is ${text} bytes.`,
      );
      expect(lambdaMock.calls()).toHaveLength(0);
    });
  }

  it('counts UTF-8 bytes, not characters', async () => {
    // 600,000 two-byte characters: 1,200,002 bytes, fewer than 1 MB characters.
    const payload = `"${'é'.repeat(600_000)}"`;
    expect(payload.length).toBeLessThan(1_048_576);
    const error = await connectorFailure(invoke(credentials, 'us_east_1', { FunctionName: 'f', InvocationType: 'Event', Payload: payload }));
    expect(error.message).toContain('Payload is 1,200,002 bytes');
  });

  it('applies the limit of the attribute default (RequestResponse) when InvocationType is empty', async () => {
    await invoke(credentials, 'us_east_1', { FunctionName: 'f', Payload: jsonOfBytes(2_000_000) });
    expect(lambdaMock.calls()).toHaveLength(1);
    const error = await connectorFailure(invoke(credentials, 'us_east_1', { FunctionName: 'f', InvocationType: null, Payload: jsonOfBytes(6_291_457) }));
    expect(error.message).toContain('the limit for InvocationType RequestResponse is 6,291,456 bytes');
  });
});

describe('secrets', () => {
  it('never appear in AWS error messages or in the JSON of errors, even when AWS echoes them', async () => {
    lambdaMock.on(ListFunctionsCommand).rejects(
      sdkError({
        code: 'UnrecognizedClientException',
        status: 403,
        requestId: 'req-1',
        message: `The security token ${TOKEN} with secret ${SECRET} is invalid.`,
      }),
    );
    const error = await connectorFailure(listFunctions(credentials, 'us_east_1', {}));
    expect(error.kind).toBe('aws');
    expect(error.message).toBe(
      'ListFunctions failed: UnrecognizedClientException (HTTP 403, request ID req-1): The security token **** with secret **** is invalid.',
    );
    const json = JSON.stringify(error);
    expect(json).not.toContain(SECRET);
    expect(json).not.toContain(TOKEN);
    expect(JSON.parse(json)).toMatchObject({
      name: 'ConnectorError',
      kind: 'aws',
      code: 'UnrecognizedClientException',
      status: 403,
      requestId: 'req-1',
      retryable: false,
    });
    expect(String(error.stack)).not.toContain(SECRET);
  });

  it('never appear in function errors', async () => {
    lambdaMock.on(InvokeCommand).resolves({
      StatusCode: 200,
      FunctionError: 'Unhandled',
      Payload: payloadOf(JSON.stringify({ errorType: 'Error', errorMessage: `leaked ${SECRET}`, trace: [`Error: leaked ${TOKEN}`] })),
    });
    const error = await connectorFailure(invoke(credentials, 'us_east_1', { FunctionName: 'f', Payload: '{}', FailOnFunctionError: true }));
    expect(error.kind).toBe('functionError');
    expect(error.message).toBe('Invoke failed: the function returned an error (Unhandled): Error: leaked ****');
    expect(error.errorMessage).toBe('leaked ****');
    expect(error.trace).toEqual(['Error: leaked ****']);
    expect(JSON.stringify(error)).not.toContain(SECRET);
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });

  it('never appear in validation errors nor in the client cache keys', async () => {
    const error = await connectorFailure(listFunctions({ ...credentials }, 'nowhere' as ENUM_Region, {}));
    expect(error.message).toBe('ListFunctions refused before calling AWS: Region "nowhere" is not a value of ENUM_Region.');
    expect(JSON.stringify(error)).not.toContain(SECRET);
    lambdaMock.on(ListFunctionsCommand).resolves({ Functions: [] });
    await listFunctions(credentials, 'us_east_1', {});
    const keys = clientCacheKeys();
    expect(keys).toHaveLength(1);
    for (const key of keys) {
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      expect(key).not.toContain(SECRET);
    }
  });
});

describe('client cache', () => {
  beforeEach(() => {
    lambdaMock.on(ListFunctionsCommand).resolves({ Functions: [] });
  });

  function clientOfCall(n: number): unknown {
    return lambdaMock.call(n).thisValue;
  }

  it('reuses one client for calls with the same configuration', async () => {
    await listFunctions(credentials, 'eu_west_1', {});
    await listFunctions({ ...credentials }, 'eu_west_1', { MaxItems: 5, ApiCallTimeoutSeconds: 30 });
    expect(clientOfCall(0)).toBeInstanceOf(LambdaClient);
    expect(clientOfCall(1)).toBe(clientOfCall(0));
    expect(clientCacheKeys()).toHaveLength(1);
  });

  it('uses another client for another region, secret, endpoint or retry setting', async () => {
    await listFunctions(credentials, 'eu_west_1', {});
    await listFunctions(credentials, 'us_east_1', {});
    await listFunctions({ ...credentials, SecretAccessKey: 'another-secret-key-value' }, 'eu_west_1', {});
    await listFunctions(credentials, 'eu_west_1', { EndpointOverride: 'http://127.0.0.1:3002' });
    await listFunctions(credentials, 'eu_west_1', { MaxAttempts: 5 });
    const clients = new Set([0, 1, 2, 3, 4].map(clientOfCall));
    expect(clients.size).toBe(5);
  });

  it('configures the client from the spec binding: region apiValue, endpoint, attempts, static keys', async () => {
    await listFunctions(credentials, 'ap_southeast_2', { EndpointOverride: 'http://127.0.0.1:3002', MaxAttempts: 4 });
    const client = clientOfCall(0) as LambdaClient;
    expect(await client.config.region()).toBe('ap-southeast-2');
    expect(await client.config.maxAttempts()).toBe(4);
    const identity = await client.config.credentials();
    expect(identity).toMatchObject({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: SECRET, sessionToken: TOKEN });
    expect(client.config.endpoint).toBeDefined();
    const endpoint = await client.config.endpoint?.();
    expect(endpoint?.hostname).toBe('127.0.0.1');
    expect(endpoint?.port).toBe(3002);
  });

  it('sees a change made between calls to the same credentials and request objects', async () => {
    const creds: Credentials = { ...credentials };
    const request: ListFunctionsRequest = {};
    await listFunctions(creds, 'eu_west_1', request);
    await listFunctions(creds, 'eu_west_1', request);
    creds.SecretAccessKey = 'another-secret-key-value';
    await listFunctions(creds, 'eu_west_1', request);
    request.MaxAttempts = 3;
    await listFunctions(creds, 'eu_west_1', request);
    const clients = [0, 1, 2, 3].map(clientOfCall) as LambdaClient[];
    expect(clients[1]).toBe(clients[0]);
    expect(new Set(clients).size).toBe(3);
    expect(await clients[2]?.config.credentials()).toMatchObject({ secretAccessKey: 'another-secret-key-value' });
    expect(await clients[3]?.config.maxAttempts()).toBe(3);
    // A value refused after the same settings were accepted is refused, not taken from the last call.
    request.EndpointOverride = 'localhost:3002';
    const error = await connectorFailure(listFunctions(creds, 'eu_west_1', request));
    expect(error.message).toBe('ListFunctions refused before calling AWS: EndpointOverride is not an http or https URL.');
    expect(lambdaMock.calls()).toHaveLength(4);
  });

  it('builds a new client for the same settings once the cache has been cleared, and closes the old one', async () => {
    await listFunctions(credentials, 'eu_west_1', {});
    const before = clientCacheStats();
    clearClientCache();
    await listFunctions(credentials, 'eu_west_1', {});
    expect(clientOfCall(1)).not.toBe(clientOfCall(0));
    expect(clientCacheStats().destroyed - before.destroyed).toBe(1);
    expect(clientCacheStats().created - before.created).toBe(1);
  });

  it('rejects, and throws nothing, when the SDK refuses to build a client', async () => {
    const sdk = serviceSdk(bundledSpec().api);
    const Client = sdk.Client;
    sdk.Client = class {
      constructor() {
        throw new Error('client refused');
      }
    } as unknown as typeof Client;
    try {
      let call: Promise<unknown> | undefined;
      expect(() => (call = listFunctions(credentials, 'eu_west_1', {}))).not.toThrow();
      await expect(call).rejects.toThrow('client refused');
    } finally {
      sdk.Client = Client;
    }
    expect(clientCacheKeys()).toHaveLength(0);
  });

  it('keeps at most CLIENT_CACHE_LIMIT clients', async () => {
    for (let i = 0; i < CLIENT_CACHE_LIMIT + 6; i++) await listFunctions({ ...credentials, AccessKeyId: `AKIA${i}` }, 'us_east_1', {});
    expect(clientCacheKeys()).toHaveLength(CLIENT_CACHE_LIMIT);
  });
});

describe('credentials and settings checks', () => {
  it('refuses StaticKeys without a secret, AssumeRole without a role, and bad settings before calling AWS', async () => {
    const cases: Array<[Credentials, object, string]> = [
      [{ Provider: 'StaticKeys', AccessKeyId: 'AKIA1' }, {}, 'AccessKeyId and SecretAccessKey are required for StaticKeys credentials.'],
      [{ Provider: 'AssumeRole' }, {}, 'RoleArn is required for AssumeRole credentials.'],
      [credentials, { EndpointOverride: 'localhost:3002' }, 'EndpointOverride is not an http or https URL.'],
      [credentials, { MaxAttempts: 1.5 }, 'MaxAttempts must be a whole number of 0 or more.'],
      [credentials, { MaxItems: '10' }, 'MaxItems must be a whole number.'],
      [credentials, { FunctionVersion: 'SOME' }, 'FunctionVersion "SOME" is not a value of ENUM_FunctionVersion (ALL).'],
    ];
    for (const [creds, request, reason] of cases) {
      const error = await connectorFailure(listFunctions(creds, 'us_east_1', request));
      expect(error.kind).toBe('validation');
      expect(error.message).toBe(`ListFunctions refused before calling AWS: ${reason}`);
    }
    expect(lambdaMock.calls()).toHaveLength(0);
  });

  it('uses the default provider chain when Provider is empty (the attribute default)', async () => {
    lambdaMock.on(ListFunctionsCommand).resolves({ Functions: [] });
    await listFunctions({}, 'us_east_1', {});
    const client = lambdaMock.call(0).thisValue as LambdaClient;
    // No static identity: the SDK's default chain provides the credentials when asked.
    expect(typeof client.config.credentials).toBe('function');
    expect(clientCacheKeys()).toHaveLength(1);
  });

  it('omits empty request attributes (null, undefined, empty text) and sends enumeration API values', async () => {
    lambdaMock.on(ListFunctionsCommand).resolves({ Functions: [] });
    await listFunctions(credentials, 'us_east_1', { Marker: null, MaxItems: undefined, FunctionVersion: 'ALL' });
    await listFunctions(credentials, 'us_east_1', { Marker: '', FunctionVersion: null });
    expect(lambdaMock.call(0).args[0].input).toEqual({ FunctionVersion: 'ALL' });
    expect(lambdaMock.call(1).args[0].input).toEqual({});
  });
});

describe('streaming', () => {
  function page(names: string[], next?: string) {
    return { Functions: names.map((FunctionName) => ({ FunctionName, Version: '$LATEST' })), ...(next ? { NextMarker: next } : {}) };
  }

  it('yields the items of every page in order, fetching a page only when the previous one is used up', async () => {
    lambdaMock
      .on(ListFunctionsCommand)
      .resolvesOnce(page(['a', 'b'], 'm2'))
      .resolvesOnce(page(['c'], 'm3'))
      .resolvesOnce(page(['d', 'e']));
    const stream = streamFunctions(credentials, 'us_east_1', { MaxItems: 2 });
    const first = await stream.next();
    expect(first.value).toMatchObject({ FunctionName: 'a', Version: '$LATEST', Runtime: null });
    expect(lambdaMock.calls()).toHaveLength(1);
    const rest: string[] = [];
    for await (const fn of stream) rest.push(String(fn.FunctionName));
    expect(rest).toEqual(['b', 'c', 'd', 'e']);
    expect(lambdaMock.calls().map((c) => ({ ...(c.args[0].input as object) }))).toHaveLength(3);
  });

  it('stops calling AWS when the consumer stops early', async () => {
    lambdaMock
      .on(ListFunctionsCommand)
      .resolvesOnce(page(['a', 'b'], 'm2'))
      .resolves(page(['c'], 'm3'));
    for await (const fn of streamFunctions(credentials, 'us_east_1', {})) {
      if (fn.FunctionName === 'b') break;
    }
    expect(lambdaMock.calls()).toHaveLength(1);
  });

  it('streams pages with their markers, from the request marker, ignoring FetchAllPages', async () => {
    const inputs: unknown[] = [];
    lambdaMock.on(ListFunctionsCommand).callsFake((input: { Marker?: string }) => {
      inputs.push({ ...input });
      return input.Marker === 'm5' ? page(['x'], 'm6') : page(['y']);
    });
    const pages = [];
    for await (const p of streamOperationPages('ListFunctions', credentials, 'us_east_1', { Marker: 'm5', FetchAllPages: false })) pages.push(p);
    expect(pages.map((p) => [p.NextMarker, p.Function_ListFunctionsResponse.map((f) => f.FunctionName)])).toEqual([
      ['m6', ['x']],
      [null, ['y']],
    ]);
    expect(inputs).toEqual([{ Marker: 'm5' }, { Marker: 'm6' }]);
  });

  it('fails with a ConnectorError when a later page fails', async () => {
    lambdaMock
      .on(ListFunctionsCommand)
      .resolvesOnce(page(['a'], 'm2'))
      .rejectsOnce(sdkError({ code: 'TooManyRequestsException', status: 429, requestId: 'r-429', message: 'Rate exceeded' }));
    const seen: string[] = [];
    const error = await connectorFailure(
      (async () => {
        for await (const fn of streamFunctions(credentials, 'us_east_1', {})) seen.push(String(fn.FunctionName));
      })(),
    );
    expect(seen).toEqual(['a']);
    expect(error).toMatchObject({ kind: 'aws', code: 'TooManyRequestsException', status: 429, retryable: true });
  });
});

describe('the engine follows the spec data', () => {
  function variant(change: (spec: RuntimeSpec['spec']) => void): RuntimeSpec {
    const base = bundledSpec();
    const spec = structuredClone(base.spec);
    change(spec);
    return { spec, index: new SpecIndex(spec), api: base.api };
  }

  it('maps only the fields the object mapping lists', async () => {
    lambdaMock.on(GetFunctionCommand).resolves({ Configuration: { FunctionName: 'f', Runtime: 'nodejs20.x', MemorySize: 128 } });
    const changed = variant((spec) => {
      const mapping = spec.objectMappings.find((m) => m.name === 'FunctionFromConfiguration');
      if (mapping) mapping.fields = mapping.fields.filter((f) => f.field !== 'Runtime');
    });
    const result = await executeOperation(changed, 'GetFunction', credentials, 'us_east_1', { FunctionName: 'f' });
    expect(result).toMatchObject({ GetFunctionResponse_Function: { FunctionName: 'f', Runtime: null, MemorySize: 128 } });
    const original = await getFunction(credentials, 'us_east_1', { FunctionName: 'f' });
    expect(original.GetFunctionResponse_Function?.Runtime).toBe('nodejs20.x');
  });

  it('sends the apiValue of enumeration values and applies changed limits', async () => {
    lambdaMock.on(InvokeCommand).resolves({ StatusCode: 202 });
    const changed = variant((spec) => {
      const type = spec.enumerations.find((e) => e.name === 'ENUM_InvocationType');
      const event = type?.values.find((v) => v.name === 'Event');
      if (event) event.apiValue = 'Event';
      const limits = spec.operations.find((o) => o.name === 'Invoke')?.traits.payloadLimits;
      if (limits) limits.limits['Event'] = 10;
    });
    const error = await connectorFailure(
      executeOperation(changed, 'Invoke', credentials, 'us_east_1', { FunctionName: 'f', InvocationType: 'Event', Payload: '{"a":12345}' }),
    );
    expect(error.message).toBe('Invoke refused before calling AWS: Payload is 11 bytes; the limit for InvocationType Event is 10 bytes.');
  });

  it('sends a map entry whose key is __proto__ like any other (a tag key AWS accepts)', async () => {
    const sqs = loadRuntimeSpec(join(PACKAGE_ROOT, 'spec', 'aws-sqs.connector.yaml'));
    const sqsMock = mockClient(SQSClient);
    try {
      sqsMock.on(CreateQueueCommand).resolves({ QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/orders' });
      const tags = [
        { Key: 'team', Value: 'billing' },
        { Key: '__proto__', Value: 'kept' },
      ];
      await executeOperation(sqs, 'CreateQueue', credentials, 'us_east_1', { QueueName: 'orders', Tag_CreateQueueRequest: tags });
      const sent = sqsMock.call(0).args[0].input as { tags?: Record<string, string> };
      expect(Object.keys(sent.tags ?? {})).toEqual(['team', '__proto__']);
      expect(Object.getOwnPropertyDescriptor(sent.tags, '__proto__')?.value).toBe('kept');
      expect(Object.getPrototypeOf(sent.tags)).toBe(Object.prototype);
    } finally {
      sqsMock.restore();
    }
  });

  it('rejects an operation the spec does not have', async () => {
    await expect(executeOperation(bundledSpec(), 'PublishVersion', credentials, 'us_east_1', {})).rejects.toThrow(
      'The connector spec has no operation PublishVersion.',
    );
  });
});
