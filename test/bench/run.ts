import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLED_SPEC_FILE } from '../../generator/paths.js';
import { bundledConnectors } from '../../runtime/cli/bundled-connectors.js';
import { generateBenchmark, printGenerateBenchmark, type GenerateRow } from './generate-bench.js';
import type { JavaBenchFigures } from './java-bench.js';
import type { InvokeFigures, OwnWorkFigures } from './runtime-bench.js';

/**
 * `npm run bench`: every benchmark of the project, figures printed side by side, then each target of
 * the project's performance beside the figure measured for it in this run, and whether it is met.
 * The runtime, Java and load benchmarks run in processes of their own: they start local endpoints
 * and JVMs. Pass --quick for shorter runs.
 */
const quick = process.argv.includes('--quick');
const scratch = mkdtempSync(join(tmpdir(), 'bench-'));
const loadAtStart = loadavg()[0] ?? 0;

function runScript(name: string, env: Record<string, string> = {}): number {
  const script = fileURLToPath(new URL(`./${name}`, import.meta.url));
  const result = spawnSync(process.execPath, [script, ...(quick ? ['--quick'] : [])], { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function readResult<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

interface Target {
  what: string;
  limit: string;
  measured: string;
  met: boolean | undefined;
}

function ratioTarget(what: string, limit: number, measured: number | undefined): Target {
  return {
    what,
    limit: `<= ${limit.toFixed(2)}x`,
    measured: measured === undefined ? 'not measured' : `${measured.toFixed(3)}x`,
    met: measured === undefined ? undefined : measured <= limit,
  };
}

/** `loadAtEnd`: the load when the last figure of a target was measured. */
function printTargets(targets: Target[], loadAtEnd: number): void {
  const width = Math.max(...targets.map((t) => t.what.length));
  console.log(
    `\nTargets (ratios measured in this run; machine: ${cpus().length} cores, 1-minute load average ${loadAtStart.toFixed(2)} at the start, ${loadAtEnd.toFixed(2)} when the last of these figures was measured)`,
  );
  console.log(`${'target'.padEnd(width)}  ${'limit'.padEnd(12)}  ${'measured'.padEnd(16)}  met`);
  for (const t of targets)
    console.log(`${t.what.padEnd(width)}  ${t.limit.padEnd(12)}  ${t.measured.padEnd(16)}  ${t.met === undefined ? '-' : t.met ? 'yes' : 'NO'}`);
  if (loadAtEnd > cpus().length || loadAtStart > cpus().length)
    console.log('(the machine was busy: the load average exceeded its cores; run again on a quiet machine before drawing conclusions)');
}

let status = 0;
try {
  const rows = generateBenchmark(quick ? [200, 1000, 2000] : [50, 200, 1000, 2000], quick ? 1 : 5);
  printGenerateBenchmark(rows);

  const runtimeFile = join(scratch, 'runtime.json');
  status ||= runScript('runtime-bench.js', { RUNTIME_BENCH_RESULT: runtimeFile });
  const runtime = readResult<{ ownWork: OwnWorkFigures; invoke: InvokeFigures }>(runtimeFile);

  const javaFile = join(scratch, 'java.json');
  status ||= runScript('java-bench.js', { JAVA_BENCH_RESULT: javaFile });
  const java = readResult<JavaBenchFigures>(javaFile);
  // The targets' figures are all measured by now; the load runs below keep the machine busy on purpose.
  const loadAfterTargets = loadavg()[0] ?? 0;

  // The Java actions and the runtime under load (LOAD_BENCH_SECONDS per run).
  status ||= runScript('load-bench.js');

  const row = (name: string): GenerateRow | undefined => rows.find((r) => r.name === name);
  const defaultSpec = bundledConnectors().find((c) => c.specFile === BUNDLED_SPEC_FILE);
  const bundled = defaultSpec ? row(`bundled ${defaultSpec.command}`) : undefined;
  const thousand = row('synthetic 1000');
  const twoThousand = row('synthetic 2000');
  const emulators = java?.endpoints['emulators']?.operations;
  const targets: Target[] = [
    ratioTarget(`generate, bundled spec (${defaultSpec?.command ?? '?'}), x bare Model SDK load`, 1.5, bundled?.ratioToBareLoad),
    ratioTarget('generate, 1,000 entities x 20 attributes, x bare Model SDK load', 8, thousand?.ratioToBareLoad),
    {
      what: 'generate, 1,000 entities x 20 attributes, peak resident memory',
      limit: '<= 450 MB',
      measured: thousand ? `${thousand.maxRssMb.toFixed(0)} MB` : 'not measured',
      met: thousand ? thousand.maxRssMb <= 450 : undefined,
    },
    ratioTarget('generate, 2,000 entities, x the time of 1,000', 2.1, thousand && twoThousand ? twoThousand.wallMs / thousand.wallMs : undefined),
    ratioTarget('runtime Invoke, x plain client, sequential', 1.02, runtime?.invoke.sequential.ratio),
    ratioTarget('runtime Invoke, x plain client, 20 concurrent', 1.02, runtime?.invoke.concurrent.ratio),
    {
      what: "runtime's own work per call, mocked client",
      limit: '<= 15 µs',
      measured: runtime ? `${runtime.ownWork.ownWorkMicros.toFixed(2)} µs` : 'not measured',
      met: runtime ? runtime.ownWork.ownWorkMicros <= 15 : undefined,
    },
    ratioTarget('Java ListFunctions activity, x plain SDK call (moto_server)', 1.05, emulators?.['ListFunctions']?.ratio),
    ratioTarget('Java Invoke activity, x plain SDK call (serverless-offline)', 1.05, emulators?.['Invoke']?.ratio),
    {
      what: 'Java client cache: second call with the same settings builds no client',
      limit: 'no client',
      measured: java ? (java.secondCallBuildsNoClient ? 'none built' : 'a client built') : 'not measured',
      met: java?.secondCallBuildsNoClient,
    },
  ];
  printTargets(targets, loadAfterTargets);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exitCode = status;
