import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../generator/paths.js';
import { loadApiModelFile } from '../../generator/validate/api-model-file.js';
import { validateSpecFile } from '../../generator/validate/validate-spec.js';
import { bundledConnectors } from '../../runtime/cli/bundled-connectors.js';
import { median } from './bench-data.js';
import { syntheticSpec } from './synthetic-spec.js';

/**
 * Generation benchmark: `generate` as a user runs it (`node build/generator/cli/main.js generate`, a
 * fresh process each run, start-up included) for each bundled spec and for synthetic specs of
 * growing size, each run paired with a bare load of the Model SDK (`node -e "import('mendixmodelsdk')"`)
 * right before or after it (alternating), so that both see the same machine. Per spec: median wall
 * time, peak resident memory, and the median of the pairs' ratios generate / bare load.
 */

export interface GenerateRow {
  name: string;
  entities: number;
  wallMs: number;
  maxRssMb: number;
  /** Median over the runs of (generate wall time / wall time of the bare load next to it). */
  ratioToBareLoad: number;
  bareLoadMs: number;
  /** A synthetic spec: compared with the synthetic spec before it. */
  synthetic: boolean;
}

const CLI = join(PACKAGE_ROOT, 'build', 'generator', 'cli', 'main.js');
const PEAK_MEMORY = join(PACKAGE_ROOT, 'build', 'test', 'bench', 'peak-memory.js');

/** The number of entities of a bundled spec, which must validate. */
function entityCount(specFile: string): number {
  const { spec, diagnostics } = validateSpecFile(specFile, loadApiModelFile);
  if (!spec) throw new Error(`${specFile} does not validate: ${diagnostics.map((d) => d.message).join('; ')}`);
  return spec.entities.length;
}

/** Runs node with the peak-memory preload (the same for both sides of a pair); wall time and peak RSS. */
function timedNode(args: string[], scratch: string): { wallMs: number; maxRssMb: number } {
  const memoryFile = join(scratch, `peak-${process.pid}.json`);
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', PEAK_MEMORY, ...args], {
    cwd: PACKAGE_ROOT,
    encoding: 'utf8',
    env: { ...process.env, PEAK_MEMORY_FILE: memoryFile },
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed:\n${result.stderr}`);
  const { maxRssKb } = JSON.parse(readFileSync(memoryFile, 'utf8')) as { maxRssKb: number };
  return { wallMs, maxRssMb: maxRssKb / 1024 };
}

/** Runs the bare Model SDK load and `generate` of `specFile` `times` times, in alternating order. */
function measurePairs(specFile: string, scratch: string, name: string, times: number): Omit<GenerateRow, 'name' | 'entities' | 'synthetic'> {
  const bare = ['-e', "import('mendixmodelsdk')"];
  const runs: Array<{ generate: { wallMs: number; maxRssMb: number }; bareMs: number }> = [];
  for (let i = 0; i < times; i++) {
    const out = join(scratch, `${name.replace(/\W+/g, '-')}-${i}`);
    const generate = () => timedNode([CLI, 'generate', specFile, '--out', out, '--force'], scratch);
    if (i % 2 === 0) {
      const bareMs = timedNode(bare, scratch).wallMs;
      runs.push({ generate: generate(), bareMs });
    } else {
      const g = generate();
      runs.push({ generate: g, bareMs: timedNode(bare, scratch).wallMs });
    }
  }
  return {
    wallMs: median(runs.map((r) => r.generate.wallMs)),
    maxRssMb: Math.max(...runs.map((r) => r.generate.maxRssMb)),
    ratioToBareLoad: median(runs.map((r) => r.generate.wallMs / r.bareMs)),
    bareLoadMs: median(runs.map((r) => r.bareMs)),
  };
}

/** `repeats` runs of each spec (twice as many and one more for the bundled ones, whose ratio is close to its bound; fewer of the large ones). */
export function generateBenchmark(sizes: number[] = [50, 200, 1000, 2000], repeats = 5): GenerateRow[] {
  const scratch = mkdtempSync(join(tmpdir(), 'bench-generate-'));
  try {
    const rows: GenerateRow[] = [];
    for (const { command, specFile } of bundledConnectors()) {
      const name = `bundled ${command}`;
      rows.push({ name, entities: entityCount(specFile), synthetic: false, ...measurePairs(specFile, scratch, name, repeats * 2 + 1) });
    }
    for (const size of sizes) {
      const file = join(scratch, `synthetic-${size}.json`);
      writeFileSync(file, JSON.stringify(syntheticSpec(size)));
      const name = `synthetic ${size}`;
      rows.push({ name, entities: size, synthetic: true, ...measurePairs(file, scratch, name, size >= 1000 ? Math.ceil(repeats / 2) : repeats) });
    }
    return rows;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export function printGenerateBenchmark(rows: GenerateRow[]): void {
  console.log('\nGeneration (`generate` end to end, fresh process, start-up included; medians; each run paired with a bare Model SDK load)');
  console.log('spec                 entities   wall ms   peak MB   ms/entity   x bare load   time ratio vs previous   entity ratio');
  rows.forEach((row, i) => {
    const before = rows[i - 1];
    const previous = row.synthetic && before?.synthetic ? before : undefined;
    const timeRatio = previous ? (row.wallMs / previous.wallMs).toFixed(2) : '-';
    const entityRatio = previous ? (row.entities / previous.entities).toFixed(2) : '-';
    console.log(
      `${row.name.padEnd(20)} ${String(row.entities).padStart(8)} ${row.wallMs.toFixed(0).padStart(9)} ${row.maxRssMb.toFixed(0).padStart(9)} ${(row.wallMs / row.entities).toFixed(1).padStart(11)} ${row.ratioToBareLoad.toFixed(2).padStart(13)} ${timeRatio.padStart(24)} ${entityRatio.padStart(14)}`,
    );
  });
  const bare = median(rows.map((r) => r.bareLoadMs));
  console.log(`(bare Model SDK load, node -e "import('mendixmodelsdk')": median ${bare.toFixed(0)} ms)`);
}
