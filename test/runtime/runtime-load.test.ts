/**
 * The TypeScript runtime's client cache under load (issue "The Java activities under load", the same
 * for the runtime): executeOperation from 16 concurrent workers with 200 credential sets, a mix of
 * ListFunctions (all pages), GetFunction and Invoke against moto_server and serverless-offline, so
 * that the cache of CLIENT_CACHE_LIMIT (64) clients overflows all the time while calls use its clients.
 *
 * And the failure the old cache had: it destroyed the least recently used client when full, also
 * while a call was using it. A slow Invoke is held while the cache overflows; the call must succeed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clearClientCache,
  clientCacheKey,
  clientCacheKeys,
  clientCacheStats,
  CLIENT_CACHE_LIMIT,
  leaseClient,
  resolveClientBinding,
} from '../../runtime/engine/client-binding.js';
import { executeOperation } from '../../runtime/engine/engine.js';
import { ConnectorError } from '../../runtime/engine/errors.js';
import { bundledSpec } from '../../runtime/engine/runtime-spec.js';
import { serviceSdk } from '../../runtime/engine/service-sdk.js';
import {
  formatLoadFigures,
  LOAD_REGION,
  openSockets,
  runRuntimeLoad,
  serverFailed,
  startLoadEndpoints,
  type LoadEndpoints,
  type LoadFigures,
} from '../bench/load-bench.js';
import { motoMissing, offlineFunctionName, serverlessMissing, shouldSkip } from '../integration/harness.js';

const skip = shouldSkip('the runtime under load', motoMissing() ?? serverlessMissing());

const THREADS = 16;
const CREDENTIAL_SETS = 200;
const WARMUP_MS = 5_000;
const DURATION_MS = 25_000;
/**
 * Heap after a full GC at the end may be at most this factor of the heap after a full GC at the end
 * of the warm-up. Both are taken with no call in flight and the cache full (64 clients; the warm-up
 * creates hundreds). What may differ is the number of idle keep-alive sockets of the cached clients'
 * agents and lazily built SDK state. Measured here: 23 to 28 MB warm (the test worker's own heap
 * included), and about 46 kB per cached client that has made a call. The run creates and destroys
 * some 5,000 clients while measured, so the 11 MB or more the factor allows are passed if about 5 %
 * of them stay reachable (or any leak of 2 kB per client).
 */
const HEAP_FACTOR = 1.5;
const HOLD_MS = 3000;
const OVERFLOW_CLIENTS = 80;

describe.skipIf(skip)('the TypeScript runtime under load (moto_server, serverless-offline)', () => {
  let endpoints: LoadEndpoints | undefined;
  const started = Date.now();
  const timings: string[] = [];

  beforeAll(async () => {
    const t = Date.now();
    endpoints = await startLoadEndpoints();
    timings.push(`endpoints ${Date.now() - t} ms`);
  }, 90_000);

  afterAll(async () => {
    clearClientCache();
    await endpoints?.stop();
    console.info(`[runtime-load] ${Date.now() - started} ms in all: ${timings.join(', ')}`);
  }, 20_000);

  function e(): LoadEndpoints {
    if (!endpoints) throw new Error('the endpoints did not start');
    return endpoints;
  }

  describe('a client evicted while a call uses it (a slow Invoke held while 80 new configurations overflow the cache of 64)', () => {
    const runtime = bundledSpec();
    const credentials = (key: string) => ({ Provider: 'StaticKeys', AccessKeyId: key, SecretAccessKey: `secret-${key}` });
    const slowRequest = () => ({
      EndpointOverride: e().offline.endpoint,
      FunctionName: offlineFunctionName('slow'),
      Payload: JSON.stringify({ ms: HOLD_MS }),
      MaxAttempts: 1,
      ApiCallTimeoutSeconds: 30,
    });
    const keyOf = (key: string) =>
      clientCacheKey(serviceSdk(runtime.api).packageName, resolveClientBinding(runtime, 'Invoke', credentials(key), LOAD_REGION.value, slowRequest()));

    /** Resolves once a socket more than `before` is open (the held call connected), and 100 ms more for the request to go out. */
    async function onTheWire(before: number): Promise<void> {
      const deadline = Date.now() + 10_000;
      while (openSockets() <= before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
      expect(openSockets()).toBeGreaterThan(before);
      await new Promise((r) => setTimeout(r, 100));
    }

    /** Overflows the cache with OVERFLOW_CLIENTS echo Invokes of new credential sets, 4 at a time; `after` runs after each call. */
    async function overflow(prefix: string, after: () => void): Promise<number> {
      let next = 0;
      let failed = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < OVERFLOW_CLIENTS) {
            const i = next++;
            const id = `${prefix}-${i}`;
            try {
              const r = (await executeOperation(runtime, 'Invoke', credentials(`${prefix}${String(i).padStart(4, '0')}`), LOAD_REGION.value, {
                EndpointOverride: e().offline.endpoint,
                FunctionName: offlineFunctionName('echo'),
                Payload: JSON.stringify({ id }),
                MaxAttempts: 1,
              })) as Record<string, unknown>;
              if (!String(r['Payload']).includes(`"${id}"`)) failed++;
            } catch {
              failed++;
            }
            after();
          }
        }),
      );
      return failed;
    }

    it('the held call succeeds; its client leaves the cache during the call and is destroyed when the call ends', async () => {
      clearClientCache();
      const before = clientCacheStats();
      const holderKey = keyOf('AKIAHOLDNEW');
      let settled = false;
      const sockets = openSockets();
      const held = executeOperation(runtime, 'Invoke', credentials('AKIAHOLDNEW'), LOAD_REGION.value, slowRequest()).finally(() => (settled = true));
      held.catch(() => undefined);
      await onTheWire(sockets);
      expect(clientCacheKeys()).toContain(holderKey);
      let evictedAt = -1;
      let calls = 0;
      const failed = await overflow('AKIAOVFNEW', () => {
        calls++;
        if (evictedAt < 0 && !clientCacheKeys().includes(holderKey)) evictedAt = calls;
      });
      expect(failed).toBe(0);
      // The holder's client left the cache during the overflow, while its call was still running ...
      expect(evictedAt).toBeGreaterThan(0);
      expect(settled).toBe(false);
      const afterOverflow = clientCacheStats();
      expect(afterOverflow.created - before.created).toBe(1 + OVERFLOW_CLIENTS);
      expect(afterOverflow.cached).toBe(CLIENT_CACHE_LIMIT);
      // ... and of the 17 evicted, all but the holder's were destroyed at once.
      const evicted = 1 + OVERFLOW_CLIENTS - CLIENT_CACHE_LIMIT;
      expect(afterOverflow.destroyed - before.destroyed).toBe(evicted - 1);
      // The held call succeeds with the function's own answer; then its client is destroyed.
      const result = (await held) as Record<string, unknown>;
      expect(result['StatusCode']).toBe(200);
      expect(JSON.parse(String(result['Payload']))).toEqual({ sleptMs: HOLD_MS });
      expect(clientCacheStats().destroyed - before.destroyed).toBe(evicted);
    }, 30_000);

    it('control: destroying the client when it leaves the cache, as the old cache did (the least recently used one, in use or not), fails the held call', async () => {
      clearClientCache();
      const holderKey = keyOf('AKIAHOLDOLD');
      let settled = false;
      const sockets = openSockets();
      const held = executeOperation(runtime, 'Invoke', credentials('AKIAHOLDOLD'), LOAD_REGION.value, slowRequest()).finally(() => (settled = true));
      const outcome = held.then(
        () => undefined,
        (error: unknown) => error,
      );
      await onTheWire(sockets);
      // The same client object the held call is using (leasing it again moves it up; give it back at once).
      const binding = resolveClientBinding(runtime, 'Invoke', credentials('AKIAHOLDOLD'), LOAD_REGION.value, slowRequest());
      const lease = leaseClient(serviceSdk(runtime.api), binding);
      const client = lease.client;
      lease.release();
      let destroyedUnderCall = false;
      await overflow('AKIAOVFOLD', () => {
        if (!destroyedUnderCall && !clientCacheKeys().includes(holderKey)) {
          // What the old clientFor did at this point: cache.get(oldest)?.destroy().
          destroyedUnderCall = !settled;
          client.destroy();
        }
      });
      expect(destroyedUnderCall).toBe(true);
      const error = await outcome;
      console.info(`[runtime-load] control, the held call: ${error instanceof Error ? error.message : String(error)}`);
      expect(error).toBeInstanceOf(ConnectorError);
      // No answer from the function: a failure the server did not cause, the socket torn down under the call.
      expect(serverFailed(error)).toBe(false);
      expect((error as ConnectorError).message).toMatch(/^Invoke failed: .*socket hang up/);
    }, 30_000);
  });

  describe(`${THREADS} workers, ${CREDENTIAL_SETS} credential sets, cache limit ${CLIENT_CACHE_LIMIT}, ${(WARMUP_MS + DURATION_MS) / 1000} s`, () => {
    let figures: LoadFigures | undefined;

    beforeAll(
      async () => {
        clearClientCache();
        const t = Date.now();
        figures = await runRuntimeLoad(e(), { threads: THREADS, credentialSets: CREDENTIAL_SETS, warmupMs: WARMUP_MS, durationMs: DURATION_MS });
        timings.push(`load run ${Date.now() - t} ms`);
        console.info(`[runtime-load]\n${formatLoadFigures([figures])}`);
      },
      WARMUP_MS + DURATION_MS + 60_000,
    );

    function f(): LoadFigures {
      if (!figures) throw new Error('the load run did not finish');
      return figures;
    }

    it('ran as configured, with the cache overflowed many times', () => {
      const r = f();
      expect(r).toMatchObject({ threads: THREADS, credentialSets: CREDENTIAL_SETS, cacheBound: CLIENT_CACHE_LIMIT });
      for (const op of ['ListFunctions', 'GetFunction', 'Invoke']) expect(r.byOperation[op]?.calls, op).toBeGreaterThan(THREADS);
      expect(r.clientsClosed).toBeGreaterThan(0);
      expect(r.clientsCreated).toBeGreaterThan(CREDENTIAL_SETS);
    });

    it('no call failed that the server did not fail, and every answer was the right one', () => {
      const r = f();
      expect(r.notServerFailed, JSON.stringify(r.messages)).toBe(0);
      expect(r.incorrect, JSON.stringify(r.messages)).toBe(0);
    });

    it(`never more than ${CLIENT_CACHE_LIMIT} clients cached, nor more than ${CLIENT_CACHE_LIMIT} + ${THREADS} open`, () => {
      const r = f();
      expect(r.peakCachedClients).toBeLessThanOrEqual(CLIENT_CACHE_LIMIT);
      // The engine leases a client per API call (pages one after the other), so a worker holds at most
      // one lease at a time; a client evicted while leased stays open until released.
      expect(r.peakOpenClients).toBeLessThanOrEqual(CLIENT_CACHE_LIMIT + THREADS);
    });

    it('open sockets bounded by the open clients times their agent size, plus what the process had before the run', () => {
      const r = f();
      // The constant is measured: the sockets of this process before the load, with the cache empty
      // (vitest's IPC channel, the endpoints' stdio pipes, which libuv makes as socket pairs).
      expect(r.peakSockets).toBeLessThanOrEqual((CLIENT_CACHE_LIMIT + THREADS) * r.socketsPerClient + r.baselineSockets);
    });

    it(`heap after GC at the end within ${HEAP_FACTOR} x the heap after GC at the end of the warm-up`, () => {
      const r = f();
      expect(r.heapWarmBytes).toBeGreaterThan(0);
      expect(r.heapEndBytes / r.heapWarmBytes).toBeLessThan(HEAP_FACTOR);
    });
  });
});
