import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../generator/paths.js';
import { loadApiModelFile } from '../../generator/validate/api-model-file.js';
import { validateSpecFile } from '../../generator/validate/validate-spec.js';
import { bundledConnectors } from '../../runtime/cli/bundled-connectors.js';
import { syntheticSpec } from './synthetic-spec.js';

/**
 * Generation benchmark: end-to-end wall time and peak memory of `generate` (a fresh Node process
 * each run, start-up included) for each bundled spec (spec/*.connector.yaml: Lambda, SQS) and for
 * synthetic specs of growing size, with the growth ratios of the synthetic ones side by side.
 */

interface Row {
  name: string;
  entities: number;
  wallMs: number;
  maxRssMb: number;
  /** A synthetic spec: compared with the synthetic spec before it. */
  synthetic: boolean;
}

/** The number of entities of a bundled spec, which must validate. */
function entityCount(specFile: string): number {
  const { spec, diagnostics } = validateSpecFile(specFile, loadApiModelFile);
  if (!spec) throw new Error(`${specFile} does not validate: ${diagnostics.map((d) => d.message).join('; ')}`);
  return spec.entities.length;
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
    const measure = (name: string, specFile: string, entities: number, times: number, synthetic: boolean) => {
      const runs = Array.from({ length: times }, (_, i) => runGenerate(specFile, join(scratch, `${name.replace(/\W+/g, '-')}-${i}`)));
      rows.push({ name, entities, wallMs: median(runs.map((r) => r.wallMs)), maxRssMb: Math.max(...runs.map((r) => r.maxRssMb)), synthetic });
    };
    for (const { command, specFile } of bundledConnectors()) measure(`bundled ${command}`, specFile, entityCount(specFile), repeats, false);
    for (const size of sizes) {
      const file = join(scratch, `synthetic-${size}.json`);
      writeFileSync(file, JSON.stringify(syntheticSpec(size)));
      measure(`synthetic ${size}`, file, size, size >= 1000 ? 1 : repeats, true);
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
    const before = rows[i - 1];
    const previous = row.synthetic && before?.synthetic ? before : undefined;
    const timeRatio = previous ? (row.wallMs / previous.wallMs).toFixed(2) : '-';
    const entityRatio = previous ? (row.entities / previous.entities).toFixed(2) : '-';
    console.log(
      `${row.name.padEnd(20)} ${String(row.entities).padStart(8)} ${row.wallMs.toFixed(0).padStart(9)} ${row.maxRssMb.toFixed(0).padStart(9)} ${(row.wallMs / row.entities).toFixed(1).padStart(11)} ${timeRatio.padStart(24)} ${entityRatio.padStart(14)}`,
    );
  });
}
