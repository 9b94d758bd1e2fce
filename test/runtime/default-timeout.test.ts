/**
 * A call against a server that never answers ends with the default API call timeout of the spec's
 * client settings when the request leaves its timeout empty; 0 on the request turns the bound off.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeOperation } from '../../runtime/engine/engine.js';
import { ConnectorError } from '../../runtime/engine/errors.js';
import { bundledSpec, type RuntimeSpec } from '../../runtime/engine/runtime-spec.js';
import { clearClientCache } from '../../runtime/index.js';
import { SpecIndex } from '../../generator/spec/spec-index.js';

let server: Server;
let endpoint = '';
const sockets = new Set<Socket>();

beforeAll(async () => {
  // Accepts connections and reads requests, and never answers.
  server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  clearClientCache();
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The bundled spec with a default timeout of one second. */
function withDefaultTimeout(seconds: number): RuntimeSpec {
  const runtime = bundledSpec();
  const spec = structuredClone(runtime.spec);
  spec.client.settings.defaultApiCallTimeoutSeconds = seconds;
  return { spec, index: new SpecIndex(spec), api: runtime.api };
}

describe('default API call timeout', () => {
  it('ends a call the server never answers after the default bound, with a message that names the setting', async () => {
    const runtime = withDefaultTimeout(1);
    const started = Date.now();
    const credentials = { Provider: 'StaticKeys', AccessKeyId: 'AKIATIMEOUT', SecretAccessKey: 'timeout-secret' };
    const error = await executeOperation(runtime, 'ListFunctions', credentials, 'us_east_1', { EndpointOverride: endpoint, MaxAttempts: 1 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).message).toBe('ListFunctions failed: ApiCallTimeout: the call did not finish within 1 second (ApiCallTimeoutSeconds).');
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(20_000);
  });

  it('is 960 seconds for the bundled spec, where a synchronous Invoke may wait 15 minutes for its function', () => {
    expect(bundledSpec().spec.client.settings.defaultApiCallTimeoutSeconds).toBe(960);
  });
});
