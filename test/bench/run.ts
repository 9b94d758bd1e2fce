import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateBenchmark, printGenerateBenchmark } from './generate-bench.js';

/**
 * `npm run bench`: every benchmark of the project, figures printed side by side. The runtime
 * benchmark runs in its own process: it starts local endpoints and forks measuring children.
 * Pass --quick for shorter runs.
 */
const quick = process.argv.includes('--quick');
printGenerateBenchmark(generateBenchmark(quick ? [50, 200] : [50, 200, 1000], quick ? 1 : 3));
const runtimeBench = fileURLToPath(new URL('./runtime-bench.js', import.meta.url));
const result = spawnSync(process.execPath, [runtimeBench, ...(quick ? ['--quick'] : [])], { stdio: 'inherit' });
// The Java actions and the runtime under load (LOAD_BENCH_SECONDS per run), also in a process of its own.
const loadBench = fileURLToPath(new URL('./load-bench.js', import.meta.url));
const load = spawnSync(process.execPath, [loadBench, ...(quick ? ['--quick'] : [])], { stdio: 'inherit' });
process.exitCode = result.status !== 0 ? (result.status ?? 1) : (load.status ?? 1);
