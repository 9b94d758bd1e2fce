/**
 * The Java actions and the TypeScript runtime under load, against real local endpoints (moto_server
 * for ListFunctions and GetFunction, serverless-offline's echo handler for Invoke), with many more
 * credential sets than the client caches hold, so that clients are built and evicted all the time.
 *
 *   npx tsc -p tsconfig.json && node build/test/bench/load-bench.js [--quick]
 *
 * LOAD_BENCH_SECONDS sets the measured time of each run (default 180; --quick: 30), after a warm-up of
 * a tenth of it (at least 5 s). Printed side by side: calls, failures by cause, wrong answers, peak
 * cached and open clients, peak open sockets, heap after a forced GC at the end of the warm-up and
 * at the end, throughput.
 *
 * This file also holds the load drivers the tests use (test/java/java-load.test.ts,
 * test/runtime/runtime-load.test.ts): the same runs, shorter, with assertions on the figures.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { clearClientCache, clientCacheStats, CLIENT_CACHE_LIMIT } from '../../runtime/engine/client-binding.js';
import { executeOperation } from '../../runtime/engine/engine.js';
import { ConnectorError } from '../../runtime/engine/errors.js';
import { bundledSpec, type RuntimeSpec } from '../../runtime/engine/runtime-spec.js';
import { offlineFunctionName, startMoto, startServerlessOffline, type ManagedProcess } from '../integration/harness.js';
import { javaToolsMissing } from '../java/java-classpath.js';
import { buildJava, harnessSource, moduleSources, type JavaBuild, type SourceFile } from '../java/java-build.js';
import { createRole, seedRegion } from '../java/endpoints/moto-fixtures.js';
import { domainModelJson } from '../java/mendix-proxies.js';

/** The region every load run works in (moto keeps functions per region). */
export const LOAD_REGION = { value: 'us_east_1', code: 'us-east-1' } as const;
/** Functions fn-000 ... created in moto (and orders-api): what ListFunctions must return in full. */
export const LOAD_FUNCTION_COUNT = 40;
/**
 * Sockets per client, at most: the Java factory's MAX_CONNECTIONS_PER_CLIENT (read from the class by
 * LoadRunner), and for the JavaScript SDK the default of @smithy/node-http-handler, whose http.Agent
 * has maxSockets 50 per origin (a client with an endpoint override talks to one origin).
 */
export const NODE_SOCKETS_PER_CLIENT = 50;

export interface LoadEndpoints {
  moto: ManagedProcess;
  offline: ManagedProcess;
  /** Every function moto holds in LOAD_REGION, sorted. */
  functionNames: string[];
  stop(): Promise<void>;
}

/** Starts moto_server and serverless-offline and creates the functions the load runs read. */
export async function startLoadEndpoints(): Promise<LoadEndpoints> {
  const started = await Promise.allSettled([startMoto(), startServerlessOffline()]);
  const [motoStart, offlineStart] = started;
  const stopAll = async () => {
    for (const s of started) if (s.status === 'fulfilled') await s.value.stop();
  };
  if (motoStart.status === 'rejected' || offlineStart.status === 'rejected') {
    await stopAll();
    throw motoStart.status === 'rejected' ? motoStart.reason : (offlineStart as PromiseRejectedResult).reason;
  }
  const moto = motoStart.value;
  try {
    const role = await createRole(moto.endpoint, 'load-test-role', 'load-external-id');
    const fixture = await seedRegion(moto.endpoint, LOAD_REGION.code, role, LOAD_FUNCTION_COUNT, []);
    return { moto, offline: offlineStart.value, functionNames: [...fixture.functions.keys()].sort(), stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** What one load run measured, for the Java actions or the TypeScript runtime alike. */
export interface LoadFigures {
  runner: string;
  threads: number;
  credentialSets: number;
  cacheBound: number;
  socketsPerClient: number;
  warmupMs: number;
  measuredMs: number;
  /** Calls in all, warm-up included. */
  calls: number;
  measuredCalls: number;
  throughputPerSecond: number;
  byOperation: Record<string, { calls: number; meanMs: number }>;
  /** The endpoint answered with an AWS error (or the function failed). */
  serverFailed: number;
  /** Anything else: the call never got a server's answer (closed client, socket, timeout, ...). */
  notServerFailed: number;
  /** Calls that succeeded with a wrong answer. */
  incorrect: number;
  /** Distinct failure messages with counts (at most 20). */
  messages: Record<string, number>;
  clientsCreated: number;
  clientsClosed: number;
  peakCachedClients: number;
  /**
   * Peak of created - closed (sampled): the cached clients, plus per thread at most one other: evicted
   * while it leases it, or for an instant one it is building or is about to close after evicting it.
   */
  peakOpenClients: number;
  peakSockets: number;
  /** Sockets before any client existed: the process's own. */
  baselineSockets: number;
  heapWarmBytes: number;
  heapEndBytes: number;
  /** How the heap was measured (which forced GC). */
  heapMeasure: string;
  /** Java only: the JVM's peak of live threads. */
  peakThreads?: number;
}

// ---- the Java actions: LoadRunner ----

/** LoadRunner.java with the module's impl package filled in, and the configuration reader it shares with BenchRunner. */
export function loadRunnerSources(javaPackage: string): SourceFile[] {
  return [harnessSource('LoadRunner.java', javaPackage), harnessSource('HarnessConfig.java', javaPackage)];
}

/** The module's generated Java, the proxies and LoadRunner, compiled on the module's own classpath. */
export async function buildLoadRunner(work: string, runtime: RuntimeSpec = bundledSpec()): Promise<JavaBuild> {
  const sources = [...moduleSources(runtime.spec, runtime.index, runtime.api), ...loadRunnerSources(runtime.spec.module.javaPackage)];
  const build = await buildJava(work, runtime.spec, sources, { kind: 'module' });
  if (!build.ok) throw new Error(`javac failed:\n${build.output}`);
  return build;
}

/** The part of LoadRunner's configuration that names the module, the endpoints and the functions. */
export function loadRunnerConfig(endpoints: LoadEndpoints, keyPrefix: string, runtime: RuntimeSpec = bundledSpec()): Record<string, unknown> {
  return {
    domainModel: domainModelJson(runtime.spec),
    module: runtime.spec.module.name,
    actionsPackage: `${runtime.spec.module.javaPackage}.actions`,
    region: LOAD_REGION.value,
    motoEndpoint: endpoints.moto.endpoint,
    offlineEndpoint: endpoints.offline.endpoint,
    echoFunction: offlineFunctionName('echo'),
    slowFunction: offlineFunctionName('slow'),
    keyPrefix,
    functionNames: endpoints.functionNames,
  };
}

/** The default provider chain and region must not reach for this machine's own AWS set-up. */
const ISOLATED_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIADEFAULTCHAINTEST',
  AWS_SECRET_ACCESS_KEY: 'default-chain-secret',
  AWS_CONFIG_FILE: '/nonexistent',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
  AWS_EC2_METADATA_DISABLED: 'true',
};

/**
 * Runs LoadRunner in its own JVM (without blocking the event loop, which may serve endpoints of the
 * caller) and returns the JSON line it printed. Killed after `timeoutMs`.
 */
export async function runLoadRunner(
  classpath: string,
  work: string,
  mode: 'load' | 'evict',
  config: Record<string, unknown>,
  jvmOptions: readonly string[],
  timeoutMs: number,
): Promise<Record<string, unknown>> {
  const configFile = join(work, `load-${mode}-${Math.random().toString(16).slice(2)}.json`);
  writeFileSync(configFile, JSON.stringify(config));
  const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
    execFile(
      'java',
      [...jvmOptions, '-Dsun.stdout.encoding=UTF-8', '-Dstdout.encoding=UTF-8', '-cp', classpath, 'LoadRunner', mode, configFile],
      { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, timeout: timeoutMs, killSignal: 'SIGKILL', env: { PATH: process.env['PATH'] ?? '', ...ISOLATED_ENV } },
      (error, out, err) => {
        if (error) reject(new Error(`LoadRunner ${mode} failed: ${error.message}\n${err.slice(-4000)}`));
        else resolve({ stdout: out, stderr: err });
      },
    );
  });
  const line = stdout.split('\n').find((l) => l.startsWith('{'));
  if (!line) throw new Error(`LoadRunner ${mode} printed no result:\n${stdout.slice(-2000)}\n${stderr.slice(-4000)}`);
  return JSON.parse(line) as Record<string, unknown>;
}

export interface LoadOptions {
  threads: number;
  credentialSets: number;
  warmupMs: number;
  durationMs: number;
}

/** One Java load run: LoadRunner with `cacheBound` as the factory's maxCachedClients. */
export async function runJavaLoad(
  build: JavaBuild,
  work: string,
  endpoints: LoadEndpoints,
  options: LoadOptions & { cacheBound: number },
  runtime: RuntimeSpec = bundledSpec(),
): Promise<LoadFigures> {
  const config = {
    ...loadRunnerConfig(endpoints, 'AKIALOADJ', runtime),
    threads: options.threads,
    credentialSets: options.credentialSets,
    warmupMs: options.warmupMs,
    durationMs: options.durationMs,
    // How often the stand-in runtime forgets the objects of finished calls (LoadRunner.java).
    resetEveryMs: 1000,
  };
  const jvm = ['-Xmx384m', `-D${runtime.spec.module.javaPackage}.maxCachedClients=${options.cacheBound}`];
  const r = await runLoadRunner(build.classpath, work, 'load', config, jvm, options.warmupMs + options.durationMs + 60_000);
  const n = (key: string): number => {
    const value = r[key];
    if (typeof value !== 'number') throw new Error(`LoadRunner reported no number for ${key}: ${JSON.stringify(r)}`);
    return value;
  };
  return {
    runner: 'Java actions',
    threads: n('threads'),
    credentialSets: n('credentialSets'),
    cacheBound: n('maxCachedClients'),
    socketsPerClient: n('maxConnectionsPerClient'),
    warmupMs: n('warmupMs'),
    measuredMs: n('measuredMs'),
    calls: n('calls'),
    measuredCalls: n('measuredCalls'),
    throughputPerSecond: n('throughputPerSecond'),
    byOperation: r['byOperation'] as LoadFigures['byOperation'],
    serverFailed: n('serverFailed'),
    notServerFailed: n('notServerFailed'),
    incorrect: n('incorrect'),
    messages: r['messages'] as Record<string, number>,
    clientsCreated: n('clientsCreated'),
    clientsClosed: n('clientsClosed'),
    peakCachedClients: n('peakCachedClients'),
    peakOpenClients: n('peakOpenClients'),
    peakSockets: n('peakSockets'),
    baselineSockets: n('baselineSockets'),
    heapWarmBytes: n('heapWarmBytes'),
    heapEndBytes: n('heapEndBytes'),
    heapMeasure: 'JVM heap used after System.gc() twice (MemoryMXBean), stand-in runtime reset first',
    peakThreads: n('peakThreads'),
  };
}

// ---- the TypeScript runtime ----

/** Sockets this process has open: /proc/self/fd entries linking to socket:[inode] (Linux); elsewhere active TCP handles. */
export function openSockets(): number {
  try {
    let sockets = 0;
    for (const fd of readdirSync('/proc/self/fd')) {
      try {
        if (readlinkSync(`/proc/self/fd/${fd}`).startsWith('socket:')) sockets++;
      } catch {
        // Closed between listing and reading.
      }
    }
    return sockets;
  } catch {
    return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap' || r === 'PipeWrap').length;
  }
}

/**
 * A full garbage collection: `global.gc` when Node runs with --expose-gc; otherwise the same function
 * obtained by setting V8's expose-gc flag at run time (a fresh context then has `gc`). Undefined when
 * neither works, and the heap is then measured after a settle only.
 */
export function forcedGc(): { gc: (() => void) | undefined; how: string } {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === 'function') return { gc: existing, how: 'global.gc (--expose-gc)' };
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    if (typeof gc === 'function') return { gc: gc as () => void, how: "V8's gc() (flag --expose-gc set at run time)" };
  } catch {
    // Not available in this Node.
  }
  return { gc: undefined, how: 'no forced GC available: heapUsed after a 2 s settle' };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** heapUsed after two full collections (or after a settle when no GC can be forced). */
async function heapAfterGc(gc: (() => void) | undefined): Promise<number> {
  if (gc) {
    gc();
    await new Promise((r) => setImmediate(r));
    gc();
  } else await sleep(2000);
  return process.memoryUsage().heapUsed;
}

interface RuntimeCall {
  operation: 'ListFunctions' | 'GetFunction' | 'Invoke';
  request: Record<string, unknown>;
  /** Undefined when the answer is right, else what was wrong. */
  check(result: unknown): string | undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A failure the endpoint caused (an HTTP error answer, or the function failed) against everything else. */
export function serverFailed(error: unknown): boolean {
  return error instanceof ConnectorError && (error.status !== undefined || error.kind === 'functionError');
}

/**
 * One load run of the TypeScript runtime in this process: `threads` concurrent workers, each calling
 * executeOperation in a loop with a random credential set among `credentialSets` and a random
 * operation (Invoke 40 %, GetFunction 40 %, ListFunctions with FetchAllPages 20 %), every answer
 * checked. The cache's counters are sampled after every call and every 2 ms, sockets every 20 ms.
 */
export async function runRuntimeLoad(endpoints: LoadEndpoints, options: LoadOptions, keyPrefix = 'AKIALOADTS'): Promise<LoadFigures> {
  const runtime = bundledSpec();
  const { gc, how } = forcedGc();
  const expected = new Set(endpoints.functionNames);
  // Destroyed sockets release their descriptors on the next turns of the event loop.
  await sleep(100);
  const baselineSockets = openSockets();
  const operations = ['ListFunctions', 'GetFunction', 'Invoke'] as const;
  const calls: Record<string, number> = { ListFunctions: 0, GetFunction: 0, Invoke: 0 };
  const millis: Record<string, number> = { ListFunctions: 0, GetFunction: 0, Invoke: 0 };
  const messages: Record<string, number> = {};
  let serverFailures = 0;
  let otherFailures = 0;
  let incorrect = 0;
  const note = (kind: string, message: string) => {
    const key = `${kind}: ${message.length > 300 ? `${message.slice(0, 300)}...` : message}`;
    if (key in messages || Object.keys(messages).length < 20) messages[key] = (messages[key] ?? 0) + 1;
  };
  const peaks = { cached: 0, open: 0, sockets: baselineSockets };
  const sample = () => {
    const s = clientCacheStats();
    peaks.cached = Math.max(peaks.cached, s.cached);
    peaks.open = Math.max(peaks.open, s.created - s.destroyed);
  };
  const sampler = setInterval(sample, 2);
  const socketSampler = setInterval(() => (peaks.sockets = Math.max(peaks.sockets, openSockets())), 20);

  const pick = (sequence: string): RuntimeCall => {
    const draw = Math.floor(Math.random() * 10);
    if (draw < 2)
      return {
        operation: 'ListFunctions',
        request: { EndpointOverride: endpoints.moto.endpoint, FetchAllPages: true },
        check: (result) => {
          const functions = asRecord(result)?.['Function_ListFunctionsResponse'];
          const names = Array.isArray(functions) ? new Set(functions.map((f) => asRecord(f)?.['FunctionName'])) : new Set();
          const complete =
            Array.isArray(functions) && functions.length === expected.size && names.size === expected.size && [...expected].every((n) => names.has(n));
          return complete
            ? undefined
            : `ListFunctions returned ${Array.isArray(functions) ? functions.length : 'no'} functions, expected the ${expected.size} created`;
        },
      };
    if (draw < 6) {
      const name = endpoints.functionNames[Math.floor(Math.random() * endpoints.functionNames.length)] ?? '';
      return {
        operation: 'GetFunction',
        request: { EndpointOverride: endpoints.moto.endpoint, FunctionName: name },
        check: (result) => {
          const got = asRecord(asRecord(result)?.['GetFunctionResponse_Function'])?.['FunctionName'];
          return got === name ? undefined : `GetFunction of ${name} returned ${String(got)}`;
        },
      };
    }
    const payload = JSON.stringify({ id: sequence, pad: 'x'.repeat(Math.floor(Math.random() * 512)) });
    return {
      operation: 'Invoke',
      request: {
        EndpointOverride: endpoints.offline.endpoint,
        FunctionName: offlineFunctionName('echo'),
        InvocationType: 'RequestResponse',
        Payload: payload,
        FailOnFunctionError: true,
      },
      check: (result) => {
        const r = asRecord(result);
        let parsed: Record<string, unknown> | undefined;
        try {
          parsed = asRecord(JSON.parse(String(r?.['Payload'])));
        } catch {
          parsed = undefined;
        }
        const id = asRecord(parsed?.['echo'])?.['id'];
        const ok = r?.['StatusCode'] === 200 && id === sequence && parsed?.['functionName'] === offlineFunctionName('echo');
        return ok ? undefined : `Invoke sent id ${sequence}, got status ${String(r?.['StatusCode'])} and id ${String(id)}`;
      },
    };
  };

  let stop = false;
  let paused = false;
  let idle = 0;
  const oneCall = async (worker: number, sequence: number) => {
    const set = Math.floor(Math.random() * options.credentialSets);
    const call = pick(`w${worker}-${sequence}-k${set}`);
    const credentials = { Provider: 'StaticKeys', AccessKeyId: `${keyPrefix}${String(set).padStart(4, '0')}`, SecretAccessKey: `load-secret-${set}` };
    // One attempt: every failure shows, none is hidden by a retry.
    const request = { ...call.request, MaxAttempts: 1, ApiCallTimeoutSeconds: 30 };
    const start = performance.now();
    try {
      const problem = call.check(await executeOperation(runtime, call.operation, credentials, LOAD_REGION.value, request));
      if (problem !== undefined) {
        incorrect++;
        note('incorrect', problem);
      }
    } catch (error) {
      if (serverFailed(error)) {
        serverFailures++;
        note(`server (HTTP ${String((error as ConnectorError).status)})`, (error as Error).message);
      } else {
        otherFailures++;
        note('not server', error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      }
    } finally {
      calls[call.operation] = (calls[call.operation] ?? 0) + 1;
      millis[call.operation] = (millis[call.operation] ?? 0) + performance.now() - start;
      sample();
    }
  };
  const workers = Array.from({ length: options.threads }, async (_, worker) => {
    for (let sequence = 0; !stop; sequence++) {
      while (paused && !stop) {
        idle++;
        await sleep(5);
        idle--;
        if (!paused) break;
      }
      await oneCall(worker, sequence);
    }
  });
  const total = () => Object.values(calls).reduce((a, b) => a + b, 0);
  /** Heap with no call in flight: pause the workers, wait until each waits, collect. */
  const quiescentHeap = async () => {
    paused = true;
    while (idle < options.threads) await sleep(2);
    const heap = await heapAfterGc(gc);
    paused = false;
    return heap;
  };

  await sleep(options.warmupMs);
  const heapWarmBytes = await quiescentHeap();
  const warmCalls = total();
  const measuredFrom = performance.now();
  await sleep(options.durationMs);
  stop = true;
  await Promise.all(workers);
  const measuredMs = performance.now() - measuredFrom;
  clearInterval(sampler);
  clearInterval(socketSampler);
  sample();
  const heapEndBytes = await heapAfterGc(gc);
  const stats = clientCacheStats();
  const all = total();
  return {
    runner: 'TypeScript runtime',
    threads: options.threads,
    credentialSets: options.credentialSets,
    cacheBound: CLIENT_CACHE_LIMIT,
    socketsPerClient: NODE_SOCKETS_PER_CLIENT,
    warmupMs: options.warmupMs,
    measuredMs: Math.round(measuredMs),
    calls: all,
    measuredCalls: all - warmCalls,
    throughputPerSecond: Math.round(((all - warmCalls) / (measuredMs / 1000)) * 10) / 10,
    byOperation: Object.fromEntries(
      operations.map((o) => [o, { calls: calls[o] ?? 0, meanMs: Math.round(((millis[o] ?? 0) / Math.max(1, calls[o] ?? 0)) * 100) / 100 }]),
    ),
    serverFailed: serverFailures,
    notServerFailed: otherFailures,
    incorrect,
    messages,
    clientsCreated: stats.created,
    clientsClosed: stats.destroyed,
    peakCachedClients: peaks.cached,
    peakOpenClients: peaks.open,
    peakSockets: peaks.sockets,
    baselineSockets,
    heapWarmBytes,
    heapEndBytes,
    heapMeasure: `process heapUsed, ${how}`,
  };
}

// ---- printing ----

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

/** The figures of several runs side by side, one column per run. */
export function formatLoadFigures(runs: readonly LoadFigures[]): string {
  const rows: Array<[string, (f: LoadFigures) => string]> = [
    ['threads / credential sets', (f) => `${f.threads} / ${f.credentialSets}`],
    ['cache bound / sockets per client', (f) => `${f.cacheBound} / ${f.socketsPerClient}`],
    ['measured (after warm-up)', (f) => `${(f.measuredMs / 1000).toFixed(1)} s (+${(f.warmupMs / 1000).toFixed(0)} s)`],
    ['calls (measured)', (f) => `${f.calls} (${f.measuredCalls})`],
    ['throughput', (f) => `${f.throughputPerSecond.toFixed(1)} calls/s`],
    ['mean ms List / Get / Invoke', (f) => ['ListFunctions', 'GetFunction', 'Invoke'].map((o) => f.byOperation[o]?.meanMs.toFixed(1) ?? '-').join(' / ')],
    ['failed: server / not server', (f) => `${f.serverFailed} / ${f.notServerFailed}`],
    ['wrong answers', (f) => String(f.incorrect)],
    ['clients created / closed', (f) => `${f.clientsCreated} / ${f.clientsClosed}`],
    ['peak cached clients', (f) => String(f.peakCachedClients)],
    ['peak open clients', (f) => String(f.peakOpenClients)],
    ['peak sockets (baseline)', (f) => `${f.peakSockets} (${f.baselineSockets})`],
    ['peak threads', (f) => (f.peakThreads === undefined ? '-' : String(f.peakThreads))],
    ['heap after GC: warm -> end', (f) => `${mb(f.heapWarmBytes)} -> ${mb(f.heapEndBytes)} (x${(f.heapEndBytes / f.heapWarmBytes).toFixed(2)})`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const columns = runs.map((run) => Math.max(run.runner.length, ...rows.map(([, value]) => value(run).length)) + 2);
  const line = (label: string, cells: string[]) => `  ${label.padEnd(width)}${cells.map((c, i) => c.padEnd(columns[i] ?? 0)).join('')}`.trimEnd();
  const out = [
    line(
      '',
      runs.map((r) => r.runner),
    ),
    ...rows.map(([label, value]) => line(label, runs.map(value))),
  ];
  for (const run of runs) {
    for (const [message, count] of Object.entries(run.messages)) out.push(`  ${run.runner}: ${count} x ${message}`);
    out.push(`  ${run.runner} heap: ${run.heapMeasure}`);
  }
  return out.join('\n');
}

// ---- the benchmark ----

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const seconds = Number(process.env['LOAD_BENCH_SECONDS'] ?? (quick ? 30 : 180));
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new Error(`LOAD_BENCH_SECONDS must be a positive number of seconds, not ${process.env['LOAD_BENCH_SECONDS']}`);
  const durationMs = seconds * 1000;
  const warmupMs = Math.max(5000, durationMs / 10);
  const work = mkdtempSync(join(tmpdir(), 'load-bench-'));
  let endpoints: LoadEndpoints | undefined;
  try {
    const javaMissing = javaToolsMissing();
    const starting = startLoadEndpoints();
    starting.catch(() => undefined);
    const build = javaMissing === undefined ? await buildLoadRunner(join(work, 'java')) : undefined;
    endpoints = await starting;
    const options = { threads: 16, credentialSets: 200, warmupMs, durationMs };
    console.log(
      `Load: ${options.threads} threads, ${options.credentialSets} credential sets, ListFunctions (all pages, ${endpoints.functionNames.length} functions in moto_server) 20 %, GetFunction 40 %, Invoke (serverless-offline echo) 40 %, ${seconds} s each after a ${warmupMs / 1000} s warm-up:`,
    );
    const runs: LoadFigures[] = [];
    if (build) runs.push(await runJavaLoad(build, work, endpoints, { ...options, cacheBound: 32 }));
    else console.log(`  (Java actions not run: ${javaMissing ?? ''})`);
    runs.push(await runRuntimeLoad(endpoints, options));
    console.log(formatLoadFigures(runs));
    console.log('  (sockets: /proc/self/fd entries that are sockets, Linux; sampled every 20 ms. Clients: sampled every 2 ms and after each call.)');
  } finally {
    clearClientCache();
    await endpoints?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

// Runs only as a script: the tests import the drivers above.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
