/**
 * Benchmarks of the TypeScript runtime against real local endpoints.
 *
 *   npx tsc -p tsconfig.json && node build/test/bench/runtime-bench.js [--quick]
 *
 * 1. Invoke: the runtime's invoke() against a plain LambdaClient.send(new InvokeCommand(...)), both to
 *    the echo handler behind serverless-offline: median and p95 of sequential calls, then throughput
 *    and median latency at 20 concurrent calls.
 * 2. Listing: every function with FetchAllPages (one response object holding them all) against
 *    streamFunctions() (one page at a time), each in a fresh child process so its peak memory is its
 *    own: 5,000 functions created in moto_server (which answers in one page), and 10,000 functions
 *    behind a small local ListFunctions endpoint that pages 50 at a time like AWS.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateFunctionCommand } from '@aws-sdk/client-lambda';
import { fork } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { bundledSpec, clearClientCache, getFunction, invoke, listFunctions, streamFunctions, type Credentials } from '../../runtime/index.js';
import { offlineFunctionName, startMoto, startServerlessOffline, type ManagedProcess } from '../integration/harness.js';

const credentials: Credentials = { Provider: 'StaticKeys', AccessKeyId: 'AKIABENCH', SecretAccessKey: 'bench-secret' };
const quick = process.argv.includes('--quick');

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

function summary(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return `median ${percentile(sorted, 50).toFixed(2)} ms, p95 ${percentile(sorted, 95).toFixed(2)} ms (n=${samples.length})`;
}

function ratio(runtime: number[], plain: number[]): string {
  const median = (values: number[]) =>
    percentile(
      [...values].sort((a, b) => a - b),
      50,
    );
  return (median(runtime) / median(plain)).toFixed(3);
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function sequential(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) samples.push(await timed(fn));
  return samples;
}

async function concurrent(total: number, width: number, fn: () => Promise<unknown>): Promise<{ samples: number[]; wallMs: number }> {
  const samples: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < total) {
        next++;
        samples.push(await timed(fn));
      }
    }),
  );
  return { samples, wallMs: performance.now() - start };
}

async function benchInvoke(offline: ManagedProcess): Promise<void> {
  const calls = quick ? 50 : 200;
  const payload = '{"order":42,"items":["a","b","c"]}';
  const plain = new LambdaClient({
    region: 'us-east-1',
    endpoint: offline.endpoint,
    credentials: { accessKeyId: 'AKIABENCH', secretAccessKey: 'bench-secret' },
    maxAttempts: 1,
  });
  const viaRuntime = () =>
    invoke(credentials, 'us_east_1', { EndpointOverride: offline.endpoint, MaxAttempts: 1, FunctionName: offlineFunctionName('echo'), Payload: payload });
  const viaSdk = () => plain.send(new InvokeCommand({ FunctionName: offlineFunctionName('echo'), Payload: new TextEncoder().encode(payload) }));
  await sequential(20, viaRuntime);
  await sequential(20, viaSdk);
  // Alternate the two so drift in the emulator hits both alike.
  const runtimeSamples: number[] = [];
  const sdkSamples: number[] = [];
  for (let i = 0; i < calls; i++) {
    runtimeSamples.push(await timed(viaRuntime));
    sdkSamples.push(await timed(viaSdk));
  }
  console.log(`Invoke, sequential:`);
  console.log(`  runtime invoke()          ${summary(runtimeSamples)}`);
  console.log(`  LambdaClient.send(Invoke) ${summary(sdkSamples)}`);
  console.log(`  overhead ratio (median runtime / median plain SDK): ${ratio(runtimeSamples, sdkSamples)}`);
  const total = quick ? 100 : 400;
  // serverless-offline starts a worker per concurrent invocation on first use: warm them up first.
  await concurrent(100, 20, viaSdk);
  await concurrent(100, 20, viaRuntime);
  // Two interleaved rounds each, so neither side always runs on a fresher emulator.
  const r = { samples: [] as number[], wallMs: 0 };
  const s = { samples: [] as number[], wallMs: 0 };
  for (let round = 0; round < 2; round++) {
    for (const [target, fn] of [
      [r, viaRuntime],
      [s, viaSdk],
    ] as const) {
      const result = await concurrent(total / 2, 20, fn);
      target.samples.push(...result.samples);
      target.wallMs += result.wallMs;
    }
  }
  console.log(`Invoke, 20 concurrent (${total} calls each):`);
  console.log(`  runtime invoke()          ${summary(r.samples)}, ${(total / (r.wallMs / 1000)).toFixed(0)} calls/s`);
  console.log(`  LambdaClient.send(Invoke) ${summary(s.samples)}, ${(total / (s.wallMs / 1000)).toFixed(0)} calls/s`);
  console.log(`  overhead ratio (median runtime / median plain SDK): ${ratio(r.samples, s.samples)}`);
  plain.destroy();
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
      functions.push({
        FunctionName: `fn-${i}`,
        FunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:fn-${i}`,
        Runtime: 'nodejs20.x',
        Role: 'arn:aws:iam::123456789012:role/bench',
        Handler: 'index.handler',
        CodeSize: 1234,
        Description: 'A synthetic function of the paging benchmark with a description of moderate length',
        Timeout: 30,
        MemorySize: 512,
        LastModified: '2024-05-01T12:34:56.789+0000',
        CodeSha256: '4k1kx2vPYCxm0bfuRzGAFeqQGN0Ds1hX8PxdI0nRw0E=',
        Version: '$LATEST',
        PackageType: 'Zip',
        Architectures: ['arm64'],
        RevisionId: '0f7e1c3a-52d1-4f3b-9c3e-2a6d8e9b1f00',
      });
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
  if (process.argv[2] === '--child') {
    const mode = process.argv[3] === 'stream' ? 'stream' : 'all-pages';
    const result = await measureListing(mode, process.argv[4] ?? '');
    process.send?.(result, () => process.exit(0));
    return;
  }
  const processes: ManagedProcess[] = [];
  let paging: Server | undefined;
  try {
    const offline = await startServerlessOffline();
    processes.push(offline);
    await benchInvoke(offline);
    clearClientCache();

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
