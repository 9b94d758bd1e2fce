/**
 * How the generated client factory binds the real SDK client from the Credentials object, the region
 * and the request's client settings, seen where it counts: in the HTTP requests the SDK sends (the
 * SigV4 Authorization header names the access key, region and service; a session token travels in
 * x-amz-security-token; MaxAttempts retries a server error), in the refusals before any call, and in
 * the client cache (a second call with the same configuration builds no client).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApiModel } from '../../generator/aws/api-model.js';
import type { CaseExchangeSpec, CaseObject, OperationSpec } from '../../generator/spec/types.js';
import { loadCatalog } from '../support/spec-catalog.js';
import { buildJava, moduleSources, type JavaBuild } from './java-build.js';
import { caseInput, runCases, type RunOutput } from './java-cases.js';
import { skipJavaTests } from './java-classpath.js';
import { domainModelJson } from './mendix-proxies.js';

const skip = skipJavaTests('the Java client binding tests');
const entry = loadCatalog().specs.find((s) => s.name === 'spec/aws-lambda.connector.yaml');
const work = mkdtempSync(join(tmpdir(), 'java-binding-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const KEYS = { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const EMPTY_PAGE: CaseExchangeSpec = { request: {}, response: { Functions: [] } };
const SERVER_ERROR: CaseExchangeSpec = { request: {}, error: { code: 'ServiceException', status: 500, message: 'Internal failure', requestId: 'req-500' } };

describe.skipIf(skip)('client binding of the generated Java on the real SDK', () => {
  if (!entry) throw new Error('The bundled spec does not validate.');
  const model = loadApiModel(resolve(dirname(entry.file), entry.spec.service.apiModel));
  const op = (name: string): OperationSpec => {
    const found = entry.spec.operations.find((o) => o.name === name);
    if (!found) throw new Error(`no operation ${name}`);
    return found;
  };
  let build: JavaBuild;
  beforeAll(async () => {
    build = await buildJava(work, entry.spec, moduleSources(entry.spec, entry.index, entry.api), { kind: 'module', harness: true });
  }, 300_000);

  const run = (operation: string, input: CaseObject, exchanges: CaseExchangeSpec[], repeat = 1): RunOutput => {
    expect(build.output).toBe('');
    const spec = { ...caseInput(entry, model, op(operation), { name: 'binding', input, exchanges, expect: { result: null } }), repeat };
    const [output] = runCases(build, work, domainModelJson(entry.spec), [spec]);
    if (!output) throw new Error('no output');
    return output;
  };
  const authorization = (r: RunOutput, i: number): string => r.requests[i]?.headers['authorization'] ?? '';

  it('signs with the static keys and session token for the chosen region, and retries a server error MaxAttempts times', () => {
    const out = run(
      'ListFunctions',
      {
        Credentials: { Provider: 'StaticKeys', ...KEYS, SessionToken: 'session-token-1' },
        Region: 'eu_west_1',
        ListFunctionsRequest: { ApiCallTimeoutSeconds: 30, MaxAttempts: 2 },
      },
      [SERVER_ERROR, EMPTY_PAGE],
    );
    expect(out.error).toBeNull();
    expect(out.requests).toHaveLength(2);
    for (let i = 0; i < 2; i++) {
      expect(authorization(out, i)).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/eu-west-1\/lambda\/aws4_request, /);
      expect(out.requests[i]?.headers['x-amz-security-token']).toBe('session-token-1');
    }
    expect(out.clientsCreated).toBe(1);
  }, 120_000);

  it('makes one attempt when MaxAttempts is 1, and reports the AWS error with its status and request ID', () => {
    const out = run('ListFunctions', { Credentials: { Provider: 'StaticKeys', ...KEYS }, Region: 'us_east_1', ListFunctionsRequest: { MaxAttempts: 1 } }, [
      SERVER_ERROR,
    ]);
    expect(out.requests).toHaveLength(1);
    expect(out.requests[0]?.headers['x-amz-security-token']).toBeUndefined();
    expect(out.error).toBe('ListFunctions failed: ServiceException (HTTP 500, request ID req-500): Internal failure');
  }, 120_000);

  it('uses the default provider chain when no provider is set, and builds the client once for two calls', () => {
    const out = run('ListFunctions', { Credentials: { Provider: null }, Region: 'cn_north_1', ListFunctionsRequest: {} }, [EMPTY_PAGE, EMPTY_PAGE], 2);
    expect(out.error).toBeNull();
    expect(out.requests).toHaveLength(2);
    expect(authorization(out, 0)).toMatch(/Credential=AKIADEFAULTCHAINTEST\/\d{8}\/cn-north-1\/lambda\/aws4_request/);
    expect(out.clientsCreated).toBe(1);
  }, 120_000);

  it('stops fetching all pages with the same error as the runtime when AWS repeats a page token', () => {
    const page = (marker: string): CaseExchangeSpec => ({ request: {}, response: { Functions: [{ FunctionName: marker }], NextMarker: 'm1' } });
    const out = run('ListFunctions', { Credentials: { Provider: 'StaticKeys', ...KEYS }, Region: 'us_east_1', ListFunctionsRequest: { FetchAllPages: true } }, [
      page('a'),
      page('b'),
    ]);
    expect(out.requests).toHaveLength(2);
    expect(out.error).toBe('ListFunctions failed: AWS returned the same page token twice; stopped after 2 pages.');
  }, 120_000);

  it('refuses before any call what cannot work, with messages that say what to fix', () => {
    const refusals: Array<[string, CaseObject, string]> = [
      [
        'ListFunctions',
        { Credentials: { Provider: 'StaticKeys', AccessKeyId: KEYS.AccessKeyId }, Region: 'us_east_1', ListFunctionsRequest: {} },
        'ListFunctions refused before calling AWS: Credentials AccessKeyId and SecretAccessKey are required for provider StaticKeys.',
      ],
      [
        'ListFunctions',
        { Credentials: { Provider: 'AssumeRole' }, Region: 'us_east_1', ListFunctionsRequest: {} },
        'ListFunctions refused before calling AWS: Credentials RoleArn is required for provider AssumeRole.',
      ],
      [
        'ListFunctions',
        { Credentials: { Provider: 'DefaultProviderChain' }, Region: 'us_east_1', ListFunctionsRequest: { EndpointOverride: 'localhost-3002' } },
        'ListFunctions refused before calling AWS: EndpointOverride must be an absolute URL such as https://host:port.',
      ],
      [
        'ListFunctions',
        { Credentials: null, Region: 'us_east_1', ListFunctionsRequest: {} },
        'ListFunctions refused before calling AWS: Credentials is required.',
      ],
      [
        'ListFunctions',
        { Credentials: { Provider: 'DefaultProviderChain' }, Region: 'us_east_1', ListFunctionsRequest: null },
        'ListFunctions refused before calling AWS: ListFunctionsRequest is required.',
      ],
      [
        'Invoke',
        {
          Credentials: { Provider: 'DefaultProviderChain' },
          Region: 'us_east_1',
          InvokeRequest: { FunctionName: 'f', InvocationType: 'Event', Payload: `"${'x'.repeat(1048577)}"` },
        },
        'Invoke refused before calling AWS: Payload is 1,048,579 bytes in UTF-8; the limit for InvocationType Event is 1,048,576 bytes.',
      ],
    ];
    for (const [operation, input, message] of refusals) {
      const out = run(operation, input, []);
      expect({ error: out.error, requests: out.requests.length, clients: out.clientsCreated }).toEqual({ error: message, requests: 0, clients: 0 });
    }
  }, 120_000);
});

const authEntry = loadCatalog().specs.find((s) => s.name === 'spec/aws-lambda.connector.yaml (AWS Authentication)');
const authWork = mkdtempSync(join(tmpdir(), 'java-binding-aws-authentication-'));
afterAll(() => rmSync(authWork, { recursive: true, force: true }));

describe.skipIf(skip)('client binding of the generated Java against AWS Authentication, on the real SDK', () => {
  if (!authEntry) throw new Error('The bundled spec does not validate.');
  const model = loadApiModel(resolve(dirname(authEntry.file), authEntry.spec.service.apiModel));
  const listFunctions = authEntry.spec.operations.find((o) => o.name === 'ListFunctions');
  if (!listFunctions) throw new Error('no operation ListFunctions');
  let build: JavaBuild;
  beforeAll(async () => {
    build = await buildJava(authWork, authEntry.spec, moduleSources(authEntry.spec, authEntry.index, authEntry.api), { kind: 'module', harness: true });
  }, 300_000);

  const CONFIG = 'AWSAuthentication.AbstractRequest_BasicClientConfig';
  const RETRY = 'AWSAuthentication.SdkClientConfig_AbstractRetryPolicy';
  const KEYS_AA = { AccessKey: KEYS.AccessKeyId, SecretAccessKey: KEYS.SecretAccessKey };
  const run = (input: CaseObject, exchanges: CaseExchangeSpec[], repeat = 1): RunOutput => {
    expect(build.output).toBe('');
    const spec = { ...caseInput(authEntry, model, listFunctions, { name: 'binding', input, exchanges, expect: { result: null } }), repeat };
    const [output] = runCases(build, authWork, domainModelJson(authEntry.spec), [spec]);
    if (!output) throw new Error('no output');
    return output;
  };

  it("signs with TemporaryCredentials' keys and token in the region of the ENUM_Region key, and follows a NumberRetryPolicy", () => {
    const out = run(
      {
        Credentials: { $entity: 'AWSAuthentication.TemporaryCredentials', ...KEYS_AA, Token: 'temporary-token-1' },
        Region: 'eu_west_1',
        ListFunctionsRequest: {
          [CONFIG]: {
            $entity: 'AWSAuthentication.SdkClientConfig',
            ApiTimeOutInMs: 30000,
            [RETRY]: { $entity: 'AWSAuthentication.NumberRetryPolicy', MaxNumberOfRetries: 1 },
          },
        },
      },
      [SERVER_ERROR, EMPTY_PAGE],
    );
    expect(out.error).toBeNull();
    expect(out.requests).toHaveLength(2);
    for (let i = 0; i < 2; i++) {
      expect(out.requests[i]?.headers['authorization']).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/eu-west-1\/lambda\/aws4_request, /);
      expect(out.requests[i]?.headers['x-amz-security-token']).toBe('temporary-token-1');
    }
  }, 120_000);

  it('makes one attempt with a NoRetryPolicy, signs static Credentials without a token, and builds the client once for two calls', () => {
    const noRetry = { [CONFIG]: { $entity: 'AWSAuthentication.SdkClientConfig', [RETRY]: { $entity: 'AWSAuthentication.NoRetryPolicy' } } };
    const failed = run({ Credentials: KEYS_AA, Region: 'us_east_1', ListFunctionsRequest: noRetry }, [SERVER_ERROR]);
    expect(failed.requests).toHaveLength(1);
    expect(failed.error).toBe('ListFunctions failed: ServiceException (HTTP 500, request ID req-500): Internal failure');
    const twice = run({ Credentials: KEYS_AA, Region: 'us_east_1', ListFunctionsRequest: noRetry }, [EMPTY_PAGE, EMPTY_PAGE], 2);
    expect(twice.error).toBeNull();
    expect(twice.requests).toHaveLength(2);
    expect(twice.requests[0]?.headers['x-amz-security-token']).toBeUndefined();
    expect(twice.clientsCreated).toBe(1);
  }, 120_000);

  it('refuses before any call credentials without keys and an endpoint that is not a URL', () => {
    const refusals: Array<[CaseObject, string]> = [
      [
        { Credentials: { AccessKey: KEYS.AccessKeyId }, Region: 'us_east_1', ListFunctionsRequest: {} },
        "ListFunctions refused before calling AWS: Credentials AccessKey and SecretAccessKey are required: get them with AWS Authentication's GetStaticCredentials or GetTemporaryCredentials.",
      ],
      [
        { Credentials: KEYS_AA, Region: 'us_east_1', ListFunctionsRequest: { [CONFIG]: { EndpointUrl: 'localhost-3002' } } },
        'ListFunctions refused before calling AWS: EndpointUrl must be an absolute URL such as https://host:port.',
      ],
    ];
    for (const [input, message] of refusals) {
      const out = run(input, []);
      expect({ error: out.error, requests: out.requests.length, clients: out.clientsCreated }).toEqual({ error: message, requests: 0, clients: 0 });
    }
  }, 120_000);
});
