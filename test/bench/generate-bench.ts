import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLED_SPEC_FILE, PACKAGE_ROOT } from '../../generator/paths.js';
import { syntheticSpec } from './synthetic-spec.js';

/**
 * Generation benchmark: end-to-end wall time and peak memory of `generate` (a fresh Node process
 * each run, start-up included) for the bundled spec and for synthetic specs of growing size, with
 * the growth ratios side by side.
 */

interface Row {
  name: string;
  entities: number;
  wallMs: number;
  maxRssMb: number;
}

function runGenerate(specFile: string, outDir: string): { wallMs: number; maxRssMb: number } {
  const script = join(PACKAGE_ROOT, 'build', 'test', 'bench', 'measure-generate.js');
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [script, 'generate', specFile, '--out', outDir, '--force'], { encoding: 'utf8' });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`generate failed for ${specFile}:\n${result.stderr}`);
  const { maxRssKb } = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { maxRssKb: number };
  return { wallMs, maxRssMb: maxRssKb / 1024 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export function generateBenchmark(sizes: number[] = [50, 200, 1000], repeats = 3): Row[] {
  const scratch = mkdtempSync(join(tmpdir(), 'bench-generate-'));
  try {
    const rows: Row[] = [];
    const measure = (name: string, specFile: string, entities: number, times: number) => {
      const runs = Array.from({ length: times }, (_, i) => runGenerate(specFile, join(scratch, `${name}-${i}`)));
      rows.push({ name, entities, wallMs: median(runs.map((r) => r.wallMs)), maxRssMb: Math.max(...runs.map((r) => r.maxRssMb)) });
    };
    measure('bundled spec', BUNDLED_SPEC_FILE, 18, repeats);
    for (const size of sizes) {
      const file = join(scratch, `synthetic-${size}.json`);
      writeFileSync(file, JSON.stringify(syntheticSpec(size)));
      measure(`synthetic ${size}`, file, size, size >= 1000 ? 1 : repeats);
    }
    return rows;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export function printGenerateBenchmark(rows: Row[]): void {
  console.log('\nGeneration (end to end, fresh process, median wall time; peak RSS)');
  console.log('spec                 entities   wall ms   peak MB   ms/entity   time ratio vs previous   entity ratio');
  rows.forEach((row, i) => {
    const previous = i > 1 ? rows[i - 1] : undefined;
    const timeRatio = previous ? (row.wallMs / previous.wallMs).toFixed(2) : '-';
    const entityRatio = previous ? (row.entities / previous.entities).toFixed(2) : '-';
    console.log(
      `${row.name.padEnd(20)} ${String(row.entities).padStart(8)} ${row.wallMs.toFixed(0).padStart(9)} ${row.maxRssMb.toFixed(0).padStart(9)} ${(row.wallMs / row.entities).toFixed(1).padStart(11)} ${timeRatio.padStart(24)} ${entityRatio.padStart(14)}`,
    );
  });
}
