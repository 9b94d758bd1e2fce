/**
 * The generated Java actions against plain AWS SDK for Java calls: ListFunctions and Invoke of the
 * bundled Lambda spec, compiled with the Mendix API stand-ins on the module's real classpath and run
 * through BenchRunner (test/java/harness/BenchRunner.java) in several JVMs (forks), each with
 * warm-up and interleaved rounds against a local HTTP endpoint it serves itself.
 *
 *   npx tsc -p tsconfig.json && node build/test/bench/java-bench.js [--quick]
 *
 * Prints, per operation, the median time per call of the activity and of the plain call and the
 * median of the rounds' ratios over all forks, and whether the second call of an activity built a
 * client. `JAVA_BENCH_RESULT=<file>` also writes the figures as JSON (test/bench/run.ts reads them);
 * `JAVA_BENCH_JVM_OPTIONS` adds options to the benchmark's JVMs (a profiler agent, for instance).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundledSpec } from '../../runtime/engine/runtime-spec.js';
import { offlineFunctionName } from '../integration/harness.js';
import { javaToolsMissing } from '../java/java-classpath.js';
import { buildJava, harnessSource, moduleSources } from '../java/java-build.js';
import { domainModelJson } from '../java/mendix-proxies.js';
import { listedFunction, median } from './bench-data.js';
import { startLoadEndpoints, type LoadEndpoints } from './load-bench.js';

export interface JavaOperationFigures {
  /** Median nanoseconds per call over the forks' medians. */
  activityNanosPerCall: number;
  plainNanosPerCall: number;
  /** Median of the forks' medians of their rounds' ratios (activity / plain, the same number of calls each). */
  ratio: number;
  /** CPU time of the calling thread per call (median over the forks' medians). */
  activityCpuNanosPerCall: number;
  plainCpuNanosPerCall: number;
  rounds: number;
}

/** A set of endpoints the two sides call, and how many calls each side makes there. */
export interface JavaBenchEndpoints {
  name: string;
  description: string;
  listEndpoint: string;
  invokeEndpoint: string;
  functionName: string;
  warmupCalls: number;
  callsPerRound: number;
}

export interface JavaBenchFigures {
  forks: number;
  rounds: number;
  /** By endpoint set, then by operation. */
  endpoints: Record<string, { description: string; operations: Record<string, JavaOperationFigures> }>;
  /** The client factory's count of clients built, around the first two calls of each activity, in the first fork. */
  clientsCreated: Record<string, number>;
  /** Whether the second call of every activity (same credentials, region and settings) built no client, in every fork. */
  secondCallBuildsNoClient: boolean;
}

interface ForkResult {
  clientsCreated: Record<string, number>;
  endpoints: Record<
    string,
    Record<
      string,
      {
        rounds: number;
        activityMedianNanosPerCall: number;
        plainMedianNanosPerCall: number;
        medianRatio: number;
        activityMedianCpuNanosPerCall: number;
        plainMedianCpuNanosPerCall: number;
      }
    >
  >;
}

/**
 * A local endpoint with AWS Lambda's REST-JSON answers: ListFunctions (GET /2015-03-31/functions/)
 * lists `functions` functions in one page; Invoke (POST .../invocations) returns the payload it was
 * sent, as the echo function of the integration tests does.
 */
function lambdaEndpoint(functions: number): Promise<{ server: Server; endpoint: string }> {
  const list = JSON.stringify({
    Functions: Array.from({ length: functions }, (_, i) => listedFunction(i, 'A function of the benchmark')),
  });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (req.method === 'GET' && /^\/2015-03-31\/functions\/?$/.test(path)) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(list);
      } else if (req.method === 'POST' && path.endsWith('/invocations')) {
        res.writeHead(200, { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST' }).end(Buffer.concat(chunks));
      } else {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"not served"}');
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, endpoint: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
    });
  });
}

function runFork(classpath: string, configFile: string): Promise<ForkResult> {
  return new Promise((resolve, reject) => {
    execFile(
      'java',
      ['-Xmx512m', ...(process.env['JAVA_BENCH_JVM_OPTIONS'] ?? '').split(' ').filter((o) => o !== ''), '-cp', classpath, 'BenchRunner', configFile],
      { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, timeout: 15 * 60_000, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`BenchRunner failed: ${error.message}\n${stderr.slice(-4000)}`));
        const line = stdout.split('\n').find((l) => l.startsWith('{'));
        if (!line) return reject(new Error(`BenchRunner printed no result:\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`));
        resolve(JSON.parse(line) as ForkResult);
      },
    );
  });
}

/** The endpoint that answers at once, for the JIT's warm-up and to show the activities' own work (node:http, in this process). */
export async function instantEndpoint(functions = 3): Promise<{ server: Server; endpoints: JavaBenchEndpoints }> {
  const local = await lambdaEndpoint(functions);
  return {
    server: local.server,
    endpoints: {
      name: 'instant',
      description: `a local endpoint that answers at once (node:http, ${functions} functions listed)`,
      listEndpoint: local.endpoint,
      invokeEndpoint: local.endpoint,
      functionName: 'echo',
      warmupCalls: 5000,
      callsPerRound: 500,
    },
  };
}

/** The emulators of the other benchmarks: moto_server for ListFunctions, serverless-offline's echo function for Invoke. */
export function emulatorEndpoints(motoEndpoint: string, offlineEndpoint: string, functions: number): JavaBenchEndpoints {
  return {
    name: 'emulators',
    description: `moto_server (ListFunctions, ${functions} functions) and serverless-offline (Invoke of its echo function)`,
    listEndpoint: motoEndpoint,
    invokeEndpoint: offlineEndpoint,
    functionName: offlineFunctionName('echo'),
    warmupCalls: 100,
    callsPerRound: 20,
  };
}

/**
 * Builds the bundled spec's Java with BenchRunner and measures it in `forks` JVMs, one after the
 * other, on each set of endpoints in the order given (put the instant one first: it warms the JIT).
 */
export async function javaBenchmark(endpointSets: readonly JavaBenchEndpoints[], options: { forks: number; rounds: number }): Promise<JavaBenchFigures> {
  const runtime = bundledSpec();
  const work = mkdtempSync(join(tmpdir(), 'java-bench-'));
  try {
    const javaPackage = runtime.spec.module.javaPackage;
    const sources = [
      ...moduleSources(runtime.spec, runtime.index, runtime.api),
      harnessSource('BenchRunner.java', javaPackage),
      harnessSource('HarnessConfig.java', javaPackage),
    ];
    const build = await buildJava(join(work, 'java'), runtime.spec, sources, { kind: 'module' });
    if (!build.ok) throw new Error(`javac failed:\n${build.output}`);
    const region = runtime.spec.enumerations
      .find((e) => e.name === runtime.spec.client.region.enumeration)
      ?.values.find((v) => (v.apiValue ?? v.name) === 'us-east-1');
    if (!region) throw new Error('The bundled spec has no region us-east-1.');
    const configFile = join(work, 'bench.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        domainModel: domainModelJson(runtime.spec),
        module: runtime.spec.module.name,
        actionsPackage: `${runtime.spec.module.javaPackage}.actions`,
        region: region.name,
        regionCode: region.apiValue ?? region.name,
        rounds: options.rounds,
        timeoutSeconds: 30,
        maxAttempts: 1,
        endpoints: endpointSets,
      }),
    );
    const forks: ForkResult[] = [];
    for (let i = 0; i < options.forks; i++) forks.push(await runFork(build.classpath, configFile));
    const endpoints: JavaBenchFigures['endpoints'] = {};
    for (const set of endpointSets) {
      const operations: Record<string, JavaOperationFigures> = {};
      for (const name of Object.keys(forks[0]?.endpoints[set.name] ?? {})) {
        const perFork = forks.map((f) => f.endpoints[set.name]?.[name]).filter((o) => o !== undefined);
        operations[name] = {
          activityNanosPerCall: median(perFork.map((o) => o.activityMedianNanosPerCall)),
          plainNanosPerCall: median(perFork.map((o) => o.plainMedianNanosPerCall)),
          ratio: median(perFork.map((o) => o.medianRatio)),
          activityCpuNanosPerCall: median(perFork.map((o) => o.activityMedianCpuNanosPerCall)),
          plainCpuNanosPerCall: median(perFork.map((o) => o.plainMedianCpuNanosPerCall)),
          rounds: perFork.reduce((sum, o) => sum + o.rounds, 0),
        };
      }
      endpoints[set.name] = { description: set.description, operations };
    }
    const noNewClient = (c: Record<string, number>) =>
      c['afterSecondListFunctions'] === c['afterFirstListFunctions'] && c['afterSecondInvoke'] === c['afterFirstInvoke'];
    return {
      forks: forks.length,
      rounds: options.rounds,
      endpoints,
      clientsCreated: forks[0]?.clientsCreated ?? {},
      secondCallBuildsNoClient: forks.length > 0 && forks.every((f) => noNewClient(f.clientsCreated)),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function formatJavaBenchmark(figures: JavaBenchFigures): string {
  const lines = [
    `Java actions against plain AWS SDK for Java calls, same client settings (${figures.forks} JVM forks, ${figures.rounds} interleaved rounds each):`,
  ];
  for (const set of Object.values(figures.endpoints)) {
    lines.push(`  ${set.description}:`);
    for (const [name, o] of Object.entries(set.operations)) {
      lines.push(
        `    ${name.padEnd(14)} activity ${(o.activityNanosPerCall / 1000).toFixed(1)} µs/call (CPU ${(o.activityCpuNanosPerCall / 1000).toFixed(1)}), plain SDK ${(o.plainNanosPerCall / 1000).toFixed(1)} µs/call (CPU ${(o.plainCpuNanosPerCall / 1000).toFixed(1)}), ratio ${o.ratio.toFixed(3)}`,
      );
    }
  }
  const c = figures.clientsCreated;
  lines.push(
    `  clients built: before ${c['beforeFirstCall']}, after 1st/2nd ListFunctions ${c['afterFirstListFunctions']}/${c['afterSecondListFunctions']}, after 1st/2nd Invoke ${c['afterFirstInvoke']}/${c['afterSecondInvoke']}: the second call ${figures.secondCallBuildsNoClient ? 'built no client' : 'BUILT A CLIENT'}`,
  );
  return lines.join('\n');
}

async function main(): Promise<void> {
  const missing = javaToolsMissing();
  if (missing !== undefined) {
    console.log(`Java actions: not measured (${missing}).`);
    return;
  }
  const quick = process.argv.includes('--quick');
  const instant = await instantEndpoint();
  let emulators: LoadEndpoints | undefined;
  try {
    emulators = await startLoadEndpoints();
    const sets = [instant.endpoints, emulatorEndpoints(emulators.moto.endpoint, emulators.offline.endpoint, emulators.functionNames.length)];
    const figures = await javaBenchmark(sets, { forks: quick ? 2 : 3, rounds: quick ? 10 : 20 });
    console.log(formatJavaBenchmark(figures));
    const resultFile = process.env['JAVA_BENCH_RESULT'];
    if (resultFile) writeFileSync(resultFile, JSON.stringify(figures));
  } finally {
    await emulators?.stop();
    await new Promise<void>((resolve) => instant.server.close(() => resolve()));
  }
}

// Runs only as a script: run.ts imports the types.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
