import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearClientCache, ConnectorError, invoke, type Credentials, type InvokeRequest } from '../../runtime/index.js';
import { freePort, offlineFunctionName, serverlessMissing, shouldSkip, startServerlessOffline, type ManagedProcess } from './harness.js';
import { connectorFailure } from '../support/connector-failure.js';

/**
 * Invoke against real Node.js handlers (test/lambda-functions) behind serverless-offline's Lambda
 * Invoke API on 127.0.0.1.
 */
const credentials: Credentials = { Provider: 'StaticKeys', AccessKeyId: 'AKIATESTING', SecretAccessKey: 'integration-secret-key' };

describe.skipIf(shouldSkip('Invoke against serverless-offline', serverlessMissing()))('Invoke against serverless-offline', () => {
  let offline: ManagedProcess | undefined;

  beforeAll(async () => {
    offline = await startServerlessOffline();
  }, 40_000);

  afterAll(async () => {
    clearClientCache();
    await offline?.stop();
  }, 15_000);

  function request(extra: InvokeRequest): InvokeRequest {
    if (!offline) throw new Error('serverless-offline did not start');
    return { EndpointOverride: offline.endpoint, MaxAttempts: 1, ...extra };
  }

  it('invokes synchronously and returns the handler result', async () => {
    const result = await invoke(
      credentials,
      'us_east_1',
      request({ FunctionName: offlineFunctionName('echo'), InvocationType: 'RequestResponse', LogType: 'None', Payload: '{"name":"Mendix","n":[1,2]}' }),
    );
    expect(result.StatusCode).toBe(200);
    expect(result.FunctionError).toBeNull();
    expect(JSON.parse(String(result.Payload))).toMatchObject({ echo: { name: 'Mendix', n: [1, 2] }, functionName: offlineFunctionName('echo') });
  });

  it('sends a UTF-8 payload byte for byte', async () => {
    const result = await invoke(credentials, 'us_east_1', request({ FunctionName: offlineFunctionName('echo'), Payload: '{"text":"héllo wörld ✓"}' }));
    expect(JSON.parse(String(result.Payload))).toMatchObject({ echo: { text: 'héllo wörld ✓' } });
  });

  it('passes ClientContext, base64 encoded, to the handler context', async () => {
    const result = await invoke(
      credentials,
      'us_east_1',
      request({ FunctionName: offlineFunctionName('echo'), Payload: '{}', ClientContext: '{"custom":{"tenant":"acme"}}' }),
    );
    expect(JSON.parse(String(result.Payload))).toMatchObject({ clientContext: { custom: { tenant: 'acme' } } });
  });

  it('queues an asynchronous invocation: status 202, no payload', async () => {
    const result = await invoke(
      credentials,
      'us_east_1',
      request({ FunctionName: offlineFunctionName('echo'), InvocationType: 'Event', Payload: '{"async":true}' }),
    );
    expect(result.StatusCode).toBe(202);
    expect(result.Payload).toBeNull();
  });

  it('returns FunctionError and the error payload of a throwing handler when FailOnFunctionError is false', async () => {
    const result = await invoke(credentials, 'us_east_1', request({ FunctionName: offlineFunctionName('thrower'), Payload: '{}', FailOnFunctionError: false }));
    expect(result.StatusCode).toBe(200);
    expect(result.FunctionError).toBe('Unhandled');
    // serverless-offline reports errorType "Error" where AWS reports "TypeError"; the trace keeps the real type.
    const payload = JSON.parse(String(result.Payload)) as { errorType: string; errorMessage: string; trace: string[] };
    expect(payload.errorMessage).toBe("Cannot read properties of undefined (reading 'property')");
    expect(payload.trace[0]).toMatch(/^TypeError: Cannot read properties of undefined/);
  });

  it('fails with the function error when FailOnFunctionError is true', async () => {
    const error = await connectorFailure(
      invoke(credentials, 'us_east_1', request({ FunctionName: offlineFunctionName('thrower'), Payload: '{}', FailOnFunctionError: true })),
    );
    expect(error.kind).toBe('functionError');
    expect(error.functionError).toBe('Unhandled');
    expect(error.errorMessage).toBe("Cannot read properties of undefined (reading 'property')");
    expect(error.message).toBe(
      `Invoke failed: the function returned an error (Unhandled): ${String(error.errorType)}: Cannot read properties of undefined (reading 'property')`,
    );
    expect(error.trace?.[0]).toMatch(/^TypeError: Cannot read properties of undefined/);
  });

  it('survives a handler that throws during an asynchronous invocation', async () => {
    const queued = await invoke(credentials, 'us_east_1', request({ FunctionName: offlineFunctionName('thrower'), InvocationType: 'Event', Payload: '{}' }));
    expect(queued.StatusCode).toBe(202);
    await new Promise((r) => setTimeout(r, 300));
    const after = await invoke(credentials, 'us_east_1', request({ FunctionName: offlineFunctionName('echo'), Payload: '{"still":"alive"}' }));
    expect(JSON.parse(String(after.Payload))).toMatchObject({ echo: { still: 'alive' } });
  });

  it('fails with ResourceNotFoundException (HTTP 404) for an unknown function', async () => {
    const error = await connectorFailure(invoke(credentials, 'us_east_1', request({ FunctionName: 'rt-dev-missing', Payload: '{}' })));
    expect(error.kind).toBe('aws');
    expect(error.code).toBe('ResourceNotFoundException');
    expect(error.status).toBe(404);
    expect(error.message).toMatch(/^Invoke failed: ResourceNotFoundException \(HTTP 404/);
  });

  it('gives up after ApiCallTimeoutSeconds on a slow function', async () => {
    const started = Date.now();
    const error = await connectorFailure(
      invoke(credentials, 'us_east_1', request({ FunctionName: offlineFunctionName('slow'), Payload: '{"ms":4000}', ApiCallTimeoutSeconds: 1 })),
    );
    const elapsed = Date.now() - started;
    expect(error).toMatchObject({ kind: 'aws', code: 'ApiCallTimeout', retryable: true });
    expect(error.message).toBe('Invoke failed: ApiCallTimeout: the call did not finish within 1 second (ApiCallTimeoutSeconds).');
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(3000);
  });

  it('waits for a slow function within the timeout', async () => {
    const result = await invoke(
      credentials,
      'us_east_1',
      request({ FunctionName: offlineFunctionName('slow'), Payload: '{"ms":300}', ApiCallTimeoutSeconds: 10 }),
    );
    expect(JSON.parse(String(result.Payload))).toEqual({ sleptMs: 300 });
  });
});

describe('refusals before any call', () => {
  let server: Server | undefined;
  let requests = 0;
  let endpoint = '';

  beforeAll(async () => {
    server = createServer((_req, res) => {
      requests++;
      res.writeHead(500).end();
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  afterAll(async () => {
    clearClientCache();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });

  it('refuses invalid JSON and over-limit payloads without sending a request', async () => {
    const base: InvokeRequest = { EndpointOverride: endpoint, MaxAttempts: 1, FunctionName: 'f' };
    await expect(invoke(credentials, 'us_east_1', { ...base, Payload: '{"name": Mendix}' })).rejects.toThrow(
      'Invoke refused before calling AWS: Payload is not valid JSON.',
    );
    await expect(invoke(credentials, 'us_east_1', { ...base, InvocationType: 'Event', Payload: `"${'x'.repeat(1_048_575)}"` })).rejects.toThrow(
      'Invoke refused before calling AWS: Payload is 1,048,577 bytes; the limit for InvocationType Event is 1,048,576 bytes.',
    );
    expect(requests).toBe(0);
    // The endpoint does count requests: a valid call reaches it.
    await expect(invoke(credentials, 'us_east_1', { ...base, Payload: '{}' })).rejects.toBeInstanceOf(ConnectorError);
    expect(requests).toBe(1);
  });

  it('reports an endpoint that refuses connections as a retryable aws error', async () => {
    const port = await freePort();
    const error = await invoke(credentials, 'us_east_1', {
      EndpointOverride: `http://127.0.0.1:${port}`,
      MaxAttempts: 1,
      FunctionName: 'f',
      Payload: '{}',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ kind: 'aws', code: 'ECONNREFUSED', retryable: true });
    expect((error as ConnectorError).message).toMatch(/^Invoke failed: ECONNREFUSED: /);
  });
});
