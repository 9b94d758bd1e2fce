/**
 * Benchmarks of the TypeScript runtime against real local endpoints.
 *
 *   npx tsc -p tsconfig.json && node build/test/bench/runtime-bench.js [--quick] [--invoke-only]
 *
 * 1. Invoke: the runtime's own work per call on a mocked client (LambdaClient's send answering at
 *    once), then the runtime's invoke() against a plain LambdaClient.send(new InvokeCommand(...)) with
 *    the same client settings, both to the echo handler behind serverless-offline: medians of
 *    interleaved pairs, one call at a time and 20 concurrent calls. `RUNTIME_BENCH_RESULT=<file>`
 *    also writes these figures as JSON (test/bench/run.ts reads them).
 * 2. Listing: every function with FetchAllPages (one response object holding them all) against
 *    streamFunctions() (one page at a time), each in a fresh child process so its peak memory is its
 *    own: 5,000 functions created in moto_server (which answers in one page), and 10,000 functions
 *    behind a small local ListFunctions endpoint that pages 50 at a time like AWS.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateFunctionCommand } from '@aws-sdk/client-lambda';
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { bundledSpec, clearClientCache, getFunction, invoke, listFunctions, streamFunctions, type Credentials } from '../../runtime/index.js';
import { offlineFunctionName, startMoto, startServerlessOffline, type ManagedProcess } from '../integration/harness.js';
import { listedFunction } from './bench-data.js';

const credentials: Credentials = { Provider: 'StaticKeys', AccessKeyId: 'AKIABENCH', SecretAccessKey: 'bench-secret' };
const quick = process.argv.includes('--quick');
/** Only the Invoke figures (own work and the ratios), without the listing measurements. */
const invokeOnly = process.argv.includes('--invoke-only');

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

/** Median of per-pair ratios. */
function medianOf(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/** What the Invoke comparison measured: medians of interleaved pairs of the runtime and the plain client. */
export interface InvokeFigures {
  sequential: { pairs: number; callsPerSide: number; runtimeMedianMs: number; plainMedianMs: number; ratio: number };
  concurrent: { pairs: number; callsPerSide: number; width: number; runtimeMedianMs: number; plainMedianMs: number; ratio: number };
}

/** `calls` calls of `fn`, `width` at a time; wall time in milliseconds. */
async function batch(calls: number, width: number, fn: () => Promise<unknown>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < calls) {
        next++;
        await fn();
      }
    }),
  );
  return performance.now() - start;
}

/**
 * Interleaved pairs: in each pair both sides make the same number of calls, one after the other, the
 * side that goes first alternating from pair to pair, so that drift in the emulator (which starts a
 * worker per concurrent invocation and slows with time) hits both alike. The ratio of each pair is
 * runtime / plain; the figure is their median.
 */
async function interleavedPairs(
  pairs: number,
  callsPerSide: number,
  width: number,
  runtime: () => Promise<unknown>,
  plain: () => Promise<unknown>,
): Promise<{ runtimeMedianMs: number; plainMedianMs: number; ratio: number }> {
  const runtimeMs: number[] = [];
  const plainMs: number[] = [];
  const ratios: number[] = [];
  for (let pair = 0; pair < pairs; pair++) {
    let r: number;
    let p: number;
    if (pair % 2 === 0) {
      r = await batch(callsPerSide, width, runtime);
      p = await batch(callsPerSide, width, plain);
    } else {
      p = await batch(callsPerSide, width, plain);
      r = await batch(callsPerSide, width, runtime);
    }
    runtimeMs.push(r / callsPerSide);
    plainMs.push(p / callsPerSide);
    ratios.push(r / p);
  }
  return { runtimeMedianMs: medianOf(runtimeMs), plainMedianMs: medianOf(plainMs), ratio: medianOf(ratios) };
}

async function benchInvoke(offline: ManagedProcess): Promise<InvokeFigures> {
  const payload = '{"order":42,"items":["a","b","c"]}';
  // The client settings the runtime gives its client for this request: region, endpoint, static keys, one attempt.
  const plain = new LambdaClient({
    region: 'us-east-1',
    endpoint: offline.endpoint,
    credentials: { accessKeyId: 'AKIABENCH', secretAccessKey: 'bench-secret' },
    maxAttempts: 1,
  });
  const viaRuntime = () =>
    invoke(credentials, 'us_east_1', { EndpointOverride: offline.endpoint, MaxAttempts: 1, FunctionName: offlineFunctionName('echo'), Payload: payload });
  const viaSdk = () => plain.send(new InvokeCommand({ FunctionName: offlineFunctionName('echo'), Payload: new TextEncoder().encode(payload) }));
  // Both sides warm (the JIT has compiled their paths; serverless-offline has started a worker per
  // concurrent invocation), at both widths, before anything is measured.
  for (let round = 0; round < 5; round++) {
    await batch(200, 1, viaRuntime);
    await batch(200, 1, viaSdk);
    await batch(200, 20, viaSdk);
    await batch(200, 20, viaRuntime);
  }
  // Small pairs, many of them: one call a side, or one wave of 20 concurrent calls a side.
  const sequentialPairs = quick ? 200 : 600;
  const concurrentPairs = quick ? 60 : 200;
  const sequential = { pairs: sequentialPairs, callsPerSide: 1, ...(await interleavedPairs(sequentialPairs, 1, 1, viaRuntime, viaSdk)) };
  const concurrent = { pairs: concurrentPairs, callsPerSide: 20, width: 20, ...(await interleavedPairs(concurrentPairs, 20, 20, viaRuntime, viaSdk)) };
  plain.destroy();
  console.log(`Invoke against serverless-offline's echo function, runtime invoke() / plain LambdaClient.send(InvokeCommand), medians of interleaved pairs:`);
  console.log(
    `  sequential:    ${sequential.runtimeMedianMs.toFixed(2)} ms / ${sequential.plainMedianMs.toFixed(2)} ms per call, ratio ${sequential.ratio.toFixed(3)} (${sequential.pairs} pairs of ${sequential.callsPerSide} calls)`,
  );
  console.log(
    `  20 concurrent: ${concurrent.runtimeMedianMs.toFixed(2)} ms / ${concurrent.plainMedianMs.toFixed(2)} ms per call, ratio ${concurrent.ratio.toFixed(3)} (${concurrent.pairs} pairs of ${concurrent.callsPerSide} calls)`,
  );
  return { sequential, concurrent };
}

/** What the runtime's own work per call measured, on a client that answers at once. */
export interface OwnWorkFigures {
  runtimeMicrosPerCall: number;
  plainMicrosPerCall: number;
  ownWorkMicros: number;
}

/**
 * Child process: the runtime's own work per call. LambdaClient's `send` is replaced by one that
 * answers at once (the mocked client), and the runtime's invoke() is timed against a plain
 * `send(new InvokeCommand(...))` of the same request, in interleaved rounds; the difference of their
 * median times per call is the runtime's own work: mapping the request and the response, the
 * checks, the client cache and the call's timeout.
 */
async function measureOwnWork(): Promise<OwnWorkFigures> {
  const output = { StatusCode: 200, ExecutedVersion: '$LATEST', Payload: new TextEncoder().encode('{"ok":true}'), $metadata: {} };
  LambdaClient.prototype.send = function mockedSend() {
    return Promise.resolve(output);
  } as typeof LambdaClient.prototype.send;
  const payload = '{"order":42,"items":["a","b","c"]}';
  const endpoint = 'http://127.0.0.1:9';
  const plain = new LambdaClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'AKIABENCH', secretAccessKey: 'bench-secret' }, maxAttempts: 1 });
  const viaRuntime = () => invoke(credentials, 'us_east_1', { EndpointOverride: endpoint, MaxAttempts: 1, FunctionName: 'echo', Payload: payload });
  const viaSdk = () => plain.send(new InvokeCommand({ FunctionName: 'echo', Payload: new TextEncoder().encode(payload) }));
  const perRound = 5000;
  const time = async (fn: () => Promise<unknown>) => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < perRound; i++) await fn();
    return Number(process.hrtime.bigint() - start) / perRound / 1000;
  };
  for (let i = 0; i < 4; i++) {
    await time(viaRuntime);
    await time(viaSdk);
  }
  const runtime: number[] = [];
  const sdk: number[] = [];
  for (let round = 0; round < 15; round++) {
    if (round % 2 === 0) {
      runtime.push(await time(viaRuntime));
      sdk.push(await time(viaSdk));
    } else {
      sdk.push(await time(viaSdk));
      runtime.push(await time(viaRuntime));
    }
  }
  const runtimeMicrosPerCall = medianOf(runtime);
  const plainMicrosPerCall = medianOf(sdk);
  return { runtimeMicrosPerCall, plainMicrosPerCall, ownWorkMicros: runtimeMicrosPerCall - plainMicrosPerCall };
}

function ownWorkInChild(): Promise<OwnWorkFigures> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--own-work'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (message) => resolve(message as OwnWorkFigures));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`own-work child exited with ${String(code)}`));
    });
  });
}

/** A ListFunctions endpoint that pages like AWS (50 per page at most) over `count` synthetic functions. */
function pagingEndpoint(count: number): Promise<{ server: Server; endpoint: string }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/2015-03-31/functions')) {
      res.writeHead(404).end();
      return;
    }
    const start = Number(url.searchParams.get('Marker') ?? '0');
    const size = Math.min(50, Number(url.searchParams.get('MaxItems') ?? '50'));
    const functions = [];
    for (let i = start; i < Math.min(count, start + size); i++) {
      functions.push(
        listedFunction(i, 'A synthetic function of the paging benchmark with a description of moderate length', {
          RevisionId: '0f7e1c3a-52d1-4f3b-9c3e-2a6d8e9b1f00',
        }),
      );
    }
    const next = start + size < count ? String(start + size) : undefined;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ Functions: functions, ...(next ? { NextMarker: next } : {}) }));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, endpoint: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
    });
  });
}

interface ListingMeasurement {
  mode: string;
  functions: number;
  wallMs: number;
  peakHeapMb: number;
  /** Peak heap above the heap after loading the spec and the SDK. */
  heapGrowthMb: number;
  /** Heap still in use after the listing (after a full GC), over the baseline. */
  retainedMb: number;
  peakRssMb: number;
}

/** Child process: lists once in one mode and reports wall time and peak memory. */
async function measureListing(mode: 'all-pages' | 'stream', endpoint: string): Promise<ListingMeasurement> {
  // Load the spec and the SDK first, so the baseline holds what both modes share.
  bundledSpec();
  await getFunction(credentials, 'us_east_1', { EndpointOverride: endpoint, FunctionName: 'warm-up' }).catch(() => undefined);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const baselineHeap = process.memoryUsage().heapUsed;
  let peakHeap = process.memoryUsage().heapUsed;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  }, 2);
  const start = performance.now();
  let functions = 0;
  const kept: unknown[] = [];
  if (mode === 'all-pages') {
    const result = await listFunctions(credentials, 'us_east_1', { EndpointOverride: endpoint, FetchAllPages: true });
    functions = result.Function_ListFunctionsResponse.length;
    kept.push(result);
  } else {
    for await (const fn of streamFunctions(credentials, 'us_east_1', { EndpointOverride: endpoint })) if (fn.FunctionName) functions++;
  }
  const wallMs = performance.now() - start;
  clearInterval(sampler);
  // What the mode holds at the end: the whole response for all-pages, nothing for streaming.
  gc?.();
  const retainedMb = (process.memoryUsage().heapUsed - baselineHeap) / 2 ** 20;
  kept.length = 0;
  const m = process.memoryUsage();
  peakHeap = Math.max(peakHeap, m.heapUsed);
  peakRss = Math.max(peakRss, m.rss, process.resourceUsage().maxRSS * 1024);
  clearClientCache();
  return {
    mode,
    functions,
    wallMs,
    peakHeapMb: peakHeap / 2 ** 20,
    heapGrowthMb: (peakHeap - baselineHeap) / 2 ** 20,
    retainedMb,
    peakRssMb: peakRss / 2 ** 20,
  };
}

function inChild(mode: 'all-pages' | 'stream', endpoint: string): Promise<ListingMeasurement> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--child', mode, endpoint], {
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (message) => resolve(message as ListingMeasurement));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`listing child exited with ${String(code)}`));
    });
  });
}

function printListing(title: string, results: ListingMeasurement[]): void {
  console.log(title);
  for (const r of results) {
    console.log(
      `  ${r.mode.padEnd(9)} ${r.functions} functions in ${r.wallMs.toFixed(0)} ms, peak heap ${r.peakHeapMb.toFixed(1)} MB (+${r.heapGrowthMb.toFixed(1)} MB over the baseline), retained after listing +${r.retainedMb.toFixed(1)} MB, peak RSS ${r.peakRssMb.toFixed(1)} MB`,
    );
  }
}

async function createMotoFunctions(moto: ManagedProcess, count: number): Promise<void> {
  const body = new URLSearchParams({ Action: 'CreateRole', Version: '2010-05-08', RoleName: 'bench-role', AssumeRolePolicyDocument: '{}' });
  const response = await fetch(`${moto.endpoint}/`, {
    method: 'POST',
    body,
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: 'AWS4-HMAC-SHA256 Credential=AKIABENCH/20240101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0',
    },
  });
  const role = /<Arn>([^<]+)<\/Arn>/.exec(await response.text())?.[1] ?? '';
  const client = new LambdaClient({ region: 'us-east-1', endpoint: moto.endpoint, credentials: { accessKeyId: 'AKIABENCH', secretAccessKey: 'x' } });
  const zip = zipSync({ 'index.js': strToU8('exports.handler = async () => "ok";') });
  for (let i = 0; i < count; i += 25) {
    await Promise.all(
      Array.from({ length: Math.min(25, count - i) }, (_, k) =>
        client.send(
          new CreateFunctionCommand({ FunctionName: `bench-${i + k}`, Runtime: 'nodejs20.x', Role: role, Handler: 'index.handler', Code: { ZipFile: zip } }),
        ),
      ),
    );
  }
  client.destroy();
}

async function main(): Promise<void> {
  if (process.argv[2] === '--own-work') {
    const result = await measureOwnWork();
    process.send?.(result, () => process.exit(0));
    return;
  }
  if (process.argv[2] === '--child') {
    const mode = process.argv[3] === 'stream' ? 'stream' : 'all-pages';
    const result = await measureListing(mode, process.argv[4] ?? '');
    process.send?.(result, () => process.exit(0));
    return;
  }
  const processes: ManagedProcess[] = [];
  let paging: Server | undefined;
  try {
    const ownWork = await ownWorkInChild();
    console.log(
      `Runtime's own work per Invoke on a mocked client (send answers at once): ${ownWork.runtimeMicrosPerCall.toFixed(2)} µs per invoke() against ${ownWork.plainMicrosPerCall.toFixed(2)} µs per plain send(): ${ownWork.ownWorkMicros.toFixed(2)} µs`,
    );
    const offline = await startServerlessOffline();
    processes.push(offline);
    const invokeFigures = await benchInvoke(offline);
    clearClientCache();
    const resultFile = process.env['RUNTIME_BENCH_RESULT'];
    if (resultFile) writeFileSync(resultFile, JSON.stringify({ ownWork, invoke: invokeFigures }));
    if (invokeOnly) return;

    const pagedCount = quick ? 2_000 : 10_000;
    const local = await pagingEndpoint(pagedCount);
    paging = local.server;
    printListing(`ListFunctions, ${pagedCount} functions, 50 per page (local paging endpoint):`, [
      await inChild('all-pages', local.endpoint),
      await inChild('stream', local.endpoint),
    ]);

    const motoCount = quick ? 500 : 5_000;
    const moto = await startMoto();
    processes.push(moto);
    const created = performance.now();
    await createMotoFunctions(moto, motoCount);
    console.log(`(created ${motoCount} functions in moto in ${((performance.now() - created) / 1000).toFixed(1)} s)`);
    printListing(`ListFunctions, ${motoCount} functions in moto_server (moto answers in one page):`, [
      await inChild('all-pages', moto.endpoint),
      await inChild('stream', moto.endpoint),
    ]);
  } finally {
    clearClientCache();
    await new Promise<void>((resolve) => (paging ? paging.close(() => resolve()) : resolve()));
    for (const p of processes) await p.stop();
  }
}

await main();
