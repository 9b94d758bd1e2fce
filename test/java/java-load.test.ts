/**
 * The generated Java actions under load (issue "The Java activities under load"): LoadRunner
 * (test/java/harness/LoadRunner.java) runs the compiled ListFunctions (FetchAllPages), GetFunction and
 * Invoke actions from 16 threads with 200 credential sets against moto_server and serverless-offline,
 * with the client cache bounded to 32 (-D<javapackage>.maxCachedClients=32), so that clients are built
 * and evicted all the time while other threads use them.
 *
 * And the failure the old client factory had: when its cache was full it closed EVERY cached client,
 * also those other threads were calling through. The same LoadRunner "evict" driver runs against the
 * current factory and against the factory (and actions) rendered from the templates of b1752c5, kept
 * as fixtures in test/java/fixtures/: one thread holds a slow Invoke while others overflow the cache.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildJavaViewModel, compareText } from '../../generator/java/java-model.js';
import { compileJavaTemplate } from '../../generator/java/java-templates.js';
import { PACKAGE_ROOT } from '../../generator/paths.js';
import { bundledSpec } from '../../runtime/engine/runtime-spec.js';
import {
  buildLoadRunner,
  formatLoadFigures,
  loadRunnerConfig,
  loadRunnerSources,
  runJavaLoad,
  runLoadRunner,
  startLoadEndpoints,
  type LoadEndpoints,
  type LoadFigures,
} from '../bench/load-bench.js';
import { motoMissing, serverlessMissing, shouldSkip } from '../integration/harness.js';
import { javac, writeTree, type JavaBuild, type SourceFile } from './java-build.js';
import { skipJavaTests } from './java-classpath.js';

const javaSkip = skipJavaTests('the Java actions under load');
const endpointsSkip = shouldSkip('the Java actions under load', motoMissing() ?? serverlessMissing());

/** The load run: 16 threads, 200 credential sets, a cache of 32, 10 s warm-up + 40 s measured. */
const THREADS = 16;
const CREDENTIAL_SETS = 200;
const CACHE_BOUND = 32;
const WARMUP_MS = 10_000;
const DURATION_MS = 40_000;
/**
 * Heap after a full GC at the end may be at most this factor of the heap after a full GC at the end
 * of the warm-up. Both are taken in the same state: the stand-in runtime reset (no objects of calls),
 * no call in flight, the cache full (32 clients, filled within the warm-up, which creates hundreds).
 * What may differ between the two is how many idle connections each cached client's pool holds (at
 * most 16, one per thread) and SDK-internal caches still warming. Measured here: about 9.4 MB warm,
 * and about 50 kB per cached client that has made calls (a cache of 64 against one of 1, same load).
 * The run creates and closes some 10,000 clients while measured, so the 4.7 MB the factor allows
 * are passed if about 1 % of them stay reachable (or any leak of 0.5 kB per client).
 */
const HEAP_FACTOR = 1.5;

/** The evict driver: a 4 s Invoke held while 80 new configurations (more than the bound of 64) arrive. */
const HOLD_MS = 4000;
const OVERFLOW_CLIENTS = 80;
const OLD_FACTORY_BOUND = 64;

const FIXTURES = join(PACKAGE_ROOT, 'test', 'java', 'fixtures');

/**
 * The generated Java as the templates of b1752c5 made it: its client factory (cache emptied and
 * every client closed when full) and its actions (which take the client without a lease), rendered
 * with today's view model; the other helpers are today's.
 */
function oldFactorySources(): SourceFile[] {
  const runtime = bundledSpec();
  const model = buildJavaViewModel(runtime.spec, runtime.index, runtime.api);
  const root = model.common.javaPackage.split('.').join('/');
  const factory = compileJavaTemplate<typeof model.clientFactory>(readFileSync(join(FIXTURES, 'AwsClientFactory.b1752c5.java.hbs'), 'utf8'));
  const action = compileJavaTemplate<(typeof model.actions)[number]>(readFileSync(join(FIXTURES, 'action.b1752c5.java.hbs'), 'utf8'));
  return [
    { path: `${root}/impl/AwsClientFactory.java`, text: factory(model.clientFactory) },
    ...model.actions.map((view) => ({ path: `${root}/actions/${view.className}.java`, text: action(view) })),
    ...loadRunnerSources(model.common.javaPackage),
  ].sort((a, b) => compareText(a.path, b.path));
}

interface EvictResult {
  warmError: string | null;
  holder: { error: string | null; payload: string | null; startedMs: number; connectedMs: number; endedMs: number };
  overflow: { clients: number; threads: number; failed: number; errors: Record<string, number>; startedMs: number; endedMs: number };
  holderStillRunningAfterOverflow: boolean;
  maxCachedClients: number | null;
  createdBeforeOverflow: number | null;
  createdAfterOverflow: number | null;
  closedAfterOverflow: number | null;
  cachedAfterOverflow: number | null;
  closedAfterHolder: number | null;
}

describe.skipIf(javaSkip || endpointsSkip)('the generated Java actions under load (moto_server, serverless-offline)', () => {
  const work = mkdtempSync(join(tmpdir(), 'java-load-'));
  let endpoints: LoadEndpoints | undefined;
  let current: JavaBuild | undefined;
  /** The classpath with the old factory and actions in front of the current build. */
  let oldClasspath = '';
  const timings: string[] = [];
  const started = Date.now();

  beforeAll(async () => {
    // The endpoints start while javac runs (javac blocks the event loop: let both spawn first).
    const starting = startLoadEndpoints();
    starting.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    let t = Date.now();
    try {
      current = await buildLoadRunner(join(work, 'current'));
      // The old sources only, compiled against the current build: its classes come first on the
      // classpath, so AwsClientFactory and the actions are the old ones, everything else today's.
      const oldClasses = join(work, 'old', 'classes');
      const written = writeTree(join(work, 'old', 'src'), oldFactorySources());
      const old = javac(written, oldClasses, [current.classes, ...current.jars]);
      if (!old.ok) throw new Error(`javac failed on the b1752c5 factory:\n${old.output}`);
      oldClasspath = [oldClasses, current.classpath].join(delimiter);
      timings.push(`javac ${Date.now() - t} ms`);
    } finally {
      t = Date.now();
      endpoints = await starting;
      timings.push(`endpoints ready ${Date.now() - t} ms after javac`);
    }
  }, 180_000);

  afterAll(async () => {
    await endpoints?.stop();
    rmSync(work, { recursive: true, force: true });
    console.info(`[java-load] ${Date.now() - started} ms in all: ${timings.join(', ')}`);
  }, 20_000);

  function ready(): { endpoints: LoadEndpoints; build: JavaBuild } {
    if (!endpoints || !current) throw new Error('the endpoints or the build are missing');
    return { endpoints, build: current };
  }

  async function evict(classpath: string, keyPrefix: string): Promise<EvictResult> {
    const { endpoints: e } = ready();
    const config = { ...loadRunnerConfig(e, keyPrefix), holdMs: HOLD_MS, settleMs: 300, overflowClients: OVERFLOW_CLIENTS, overflowThreads: 4 };
    // No maxCachedClients property: both factories at 64 (the old one cannot be configured).
    return (await runLoadRunner(classpath, work, 'evict', config, ['-Xmx256m'], 60_000)) as unknown as EvictResult;
  }

  describe('a client evicted while a call uses it (a slow Invoke held while 80 new configurations overflow the cache of 64)', () => {
    let now: EvictResult | undefined;
    let old: EvictResult | undefined;

    beforeAll(async () => {
      const t = Date.now();
      // One after the other: each JVM has the machine's two cores to itself.
      now = await evict(ready().build.classpath, 'AKIAEVICTNEW');
      old = await evict(oldClasspath, 'AKIAEVICTOLD');
      timings.push(`evict drivers ${Date.now() - t} ms`);
      console.info(`[java-load] evict, current factory: ${JSON.stringify(now)}`);
      console.info(`[java-load] evict, b1752c5 factory: ${JSON.stringify(old)}`);
    }, 120_000);

    it('the current factory: the held call succeeds; its client leaves the cache during the call and is closed when the call ends', () => {
      const r = now as EvictResult;
      expect(r.warmError).toBeNull();
      expect(r.maxCachedClients).toBe(OLD_FACTORY_BOUND);
      // The overflow started after the held call had connected, and finished while it was still on the wire ...
      expect(r.holder.connectedMs).toBeLessThan(r.overflow.startedMs);
      expect(r.holderStillRunningAfterOverflow).toBe(true);
      expect(r.overflow.endedMs).toBeLessThan(r.holder.endedMs);
      expect(r.overflow).toMatchObject({ clients: OVERFLOW_CLIENTS, failed: 0 });
      // ... and the held call succeeded, with the function's own answer, after the full hold.
      expect(r.holder.error).toBeNull();
      expect(JSON.parse(r.holder.payload ?? 'null')).toEqual({ sleptMs: HOLD_MS });
      expect(r.holder.endedMs - r.holder.startedMs).toBeGreaterThanOrEqual(HOLD_MS);
      // Warm-up, holder and 80 overflow clients were built; 64 are cached. Of the 18 evicted, 17
      // were closed at once and one (the holder's) only when its call ended.
      expect(r.createdBeforeOverflow).toBe(2);
      expect(r.createdAfterOverflow).toBe(2 + OVERFLOW_CLIENTS);
      expect(r.cachedAfterOverflow).toBe(OLD_FACTORY_BOUND);
      const evicted = 2 + OVERFLOW_CLIENTS - OLD_FACTORY_BOUND;
      expect(r.closedAfterOverflow).toBe(evicted - 1);
      expect(r.closedAfterHolder).toBe(evicted);
    });

    it('the b1752c5 factory (the same driver): the full cache closes the held client under the call, which fails without an answer', () => {
      const r = old as EvictResult;
      expect(r.warmError).toBeNull();
      // The old factory has none of the counters.
      expect(r.createdAfterOverflow).toBeNull();
      expect(r.holder.payload).toBeNull();
      // The call failed on the client side (no answer from the function) and ended early, when its
      // client was closed by another thread's activity. The SDK reports it as a client failure of
      // the Apache client whose pool was shut down under the call.
      expect(r.holder.error).toMatch(/^.*ConnectorException: Invoke failed: /);
      expect(r.holder.error).toMatch(/java\.net\.SocketException: Socket closed$|IllegalStateException: Connection pool shut down/);
      expect(r.holder.connectedMs).toBeLessThan(r.overflow.startedMs);
      expect(r.holder.endedMs).toBeGreaterThan(r.overflow.startedMs);
      expect(r.holder.endedMs - r.holder.startedMs).toBeLessThan(HOLD_MS);
    });
  });

  describe(`${THREADS} threads, ${CREDENTIAL_SETS} credential sets, cache bound ${CACHE_BOUND}, ${(WARMUP_MS + DURATION_MS) / 1000} s`, () => {
    let figures: LoadFigures | undefined;

    beforeAll(
      async () => {
        const t = Date.now();
        const { endpoints: e, build } = ready();
        figures = await runJavaLoad(build, work, e, {
          threads: THREADS,
          credentialSets: CREDENTIAL_SETS,
          cacheBound: CACHE_BOUND,
          warmupMs: WARMUP_MS,
          durationMs: DURATION_MS,
        });
        timings.push(`load run ${Date.now() - t} ms`);
        console.info(`[java-load]\n${formatLoadFigures([figures])}`);
      },
      WARMUP_MS + DURATION_MS + 90_000,
    );

    function f(): LoadFigures {
      if (!figures) throw new Error('the load run did not finish');
      return figures;
    }

    it('ran as configured, with the cache overflowed many times', () => {
      const r = f();
      expect(r).toMatchObject({ threads: THREADS, credentialSets: CREDENTIAL_SETS, cacheBound: CACHE_BOUND });
      // Every operation ran, and clients were evicted and closed (more than the 200 sets: again and again).
      for (const op of ['ListFunctions', 'GetFunction', 'Invoke']) expect(r.byOperation[op]?.calls, op).toBeGreaterThan(THREADS);
      expect(r.clientsClosed).toBeGreaterThan(0);
      expect(r.clientsCreated).toBeGreaterThan(CREDENTIAL_SETS);
    });

    it('no call failed that the server did not fail, and every answer was the right one', () => {
      const r = f();
      expect(r.notServerFailed, JSON.stringify(r.messages)).toBe(0);
      expect(r.incorrect, JSON.stringify(r.messages)).toBe(0);
    });

    it(`never more than ${CACHE_BOUND} clients cached, nor more than ${CACHE_BOUND} + ${THREADS} open`, () => {
      const r = f();
      expect(r.peakCachedClients).toBeLessThanOrEqual(CACHE_BOUND);
      // A client evicted while leased stays open until its lease is released: at most one per thread,
      // since each thread runs one activity at a time and an activity holds one lease. A thread that
      // builds a client holds no lease meanwhile, and the client it evicts to make room (closed just
      // after the cache's lock is left) takes the place of that lease. So open clients (created -
      // closed) are at most the cached ones plus one per thread.
      expect(r.peakOpenClients).toBeLessThanOrEqual(CACHE_BOUND + THREADS);
    });

    it('open sockets bounded by the open clients times their pool size, plus what the JVM had before any client', () => {
      const r = f();
      expect(r.socketsPerClient).toBe(50);
      // The constant is measured, not chosen: the sockets of the JVM before the first client was built
      // (its stdio, which Node's child_process gives it as socket pairs).
      expect(r.baselineSockets).toBeGreaterThanOrEqual(0);
      expect(r.peakSockets).toBeLessThanOrEqual((CACHE_BOUND + THREADS) * r.socketsPerClient + r.baselineSockets);
    });

    it(`heap after GC at the end within ${HEAP_FACTOR} x the heap after GC at the end of the warm-up`, () => {
      const r = f();
      expect(r.heapWarmBytes).toBeGreaterThan(0);
      expect(r.heapEndBytes / r.heapWarmBytes).toBeLessThan(HEAP_FACTOR);
    });
  });
});
