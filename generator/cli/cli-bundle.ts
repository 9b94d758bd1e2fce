import { closeSync, fstatSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { constants, Script } from 'node:vm';
import { useBaselineWebAssembly } from '../mpk/webassembly-tier.js';
import type * as RunCliModule from './run-cli.js';

/**
 * The command line as one file, loaded with V8's code cache.
 *
 * Why: run from the compiled modules, the command loads some 300 ES modules and mendixmodelsdk's
 * hundred CommonJS files through Node's ES module loader, which lexes every CommonJS file for its
 * exports before compiling it. For a small spec that costs more than all of `generate`'s own work.
 * `npm run build` therefore bundles the command line (run-cli.js and what it imports, the Model SDK
 * included) with esbuild into one CommonJS file, runs `generate` of the bundled spec with it once
 * and stores V8's code cache of that run beside it (build-cli-bundle.ts). The launcher (main.ts)
 * compiles the bundle with that cache: the functions `generate` runs are not parsed or compiled
 * again, and nothing is lexed.
 *
 * The bundle is used only when it is at least as new as the compiled launcher: `tsc` rewrites every
 * file it emits, so after a `tsc` without the bundling step the bundle may be stale, and the
 * launcher runs the compiled modules instead. A cache V8 refuses (another Node.js version or other
 * V8 flags) only makes the start slower.
 */

const HERE = dirname(fileURLToPath(import.meta.url));
export const CLI_BUNDLE_FILE = join(HERE, 'run-cli.bundle.cjs');
export const CLI_CODE_CACHE_FILE = `${CLI_BUNDLE_FILE}.cache`;
/** Rewritten by every `tsc` run, as every file it emits. */
const THIS_FILE = fileURLToPath(import.meta.url);

export interface CliBundle {
  runCli: typeof RunCliModule.runCli;
  /** Everything the bundle exports (run-cli.ts): the helper threads take their entry points from it too. */
  exports: typeof RunCliModule;
  /** The compiled bundle, to take its code cache from after a run (saveCliCodeCache). */
  script: Script;
  /** Which bundle file was read: its size and modification time. */
  stamp: string;
  /** Whether V8 used the stored code cache. */
  cacheUsed: boolean;
}

function modifiedMs(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Whether a bundle exists that was built after the last `tsc` (see above). */
export function cliBundleIsCurrent(): boolean {
  const bundle = modifiedMs(CLI_BUNDLE_FILE);
  const compiled = modifiedMs(THIS_FILE);
  return bundle !== undefined && compiled !== undefined && bundle >= compiled;
}

/**
 * The code cache is stored after a line naming the bundle it was made for (CACHE_MAGIC, its size and
 * modification time). V8 checks a cache against the length of the source only, so a cache read with
 * another bundle of the same length would run the wrong code: it is used only with its own bundle.
 */
const CACHE_MAGIC = 'mendix-connector code cache';

/** The stored code cache of the bundle with this stamp, if there is one. */
function storedCodeCache(stamp: string): Buffer | undefined {
  let stored: Buffer;
  try {
    stored = readFileSync(CLI_CODE_CACHE_FILE);
  } catch {
    return undefined; // No cache: V8 compiles the bundle as it goes.
  }
  const header = `${CACHE_MAGIC} ${stamp}\n`;
  return stored.subarray(0, header.length).toString('latin1') === header ? stored.subarray(header.length) : undefined;
}

/** Stores the code cache of `bundle` (after a run, so that it holds what the run compiled); replaces the file in one step. */
export function saveCliCodeCache(bundle: CliBundle): void {
  const staged = `${CLI_CODE_CACHE_FILE}.${process.pid}.tmp`;
  writeFileSync(staged, Buffer.concat([Buffer.from(`${CACHE_MAGIC} ${bundle.stamp}\n`, 'latin1'), bundle.script.createCachedData()]));
  renameSync(staged, CLI_CODE_CACHE_FILE);
}

/** The bundle's text and stamp, read through one descriptor, so both are of the same file. */
function readBundle(): { source: string; stamp: string } {
  const fd = openSync(CLI_BUNDLE_FILE, 'r');
  try {
    const stat = fstatSync(fd);
    const bytes = Buffer.allocUnsafe(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = readSync(fd, bytes, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    // esbuild writes every string and identifier in ASCII; other characters are left only in comments
    // of bundled packages. Read as Latin-1, the text stays a string of one byte per character, half
    // the memory of reading it as UTF-8, and the code is the same.
    return { source: bytes.toString('latin1', 0, read), stamp: `${stat.size} ${stat.mtimeMs}` };
  } finally {
    closeSync(fd);
  }
}

/**
 * V8 lets the old generation grow to up to four times what a full collection left alive before the
 * next one. `generate` of a large module runs two Model SDK heaps at once (the main thread's and the
 * slice helper's), whose live data stays small while the garbage of the models they build grows with
 * the module. At one and a half times, the peak resident memory of `generate` of a thousand entities
 * fell from 451 MB to 378 MB (medians of nine runs each on a busy two-core machine), with no
 * difference in processor time beyond the noise: a full collection of a small live heap is cheap.
 */
const HEAP_GROWING_PERCENT = 50;

/**
 * Compiles and runs the bundle (with its code cache unless `withoutCache`) and returns its exports;
 * undefined when there is no current bundle.
 */
export function loadCliBundle(options: { withoutCache?: boolean } = {}): CliBundle | undefined {
  if (!cliBundleIsCurrent()) return undefined;
  // The V8 flags the bundle runs with, set before it is compiled: its code cache is checked against them.
  useBaselineWebAssembly();
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  const { source, stamp } = readBundle();
  const cachedData = options.withoutCache ? undefined : storedCodeCache(stamp);
  // The bundle is a CommonJS module's wrapper function (build-cli-bundle.ts): it gets require, module
  // and __filename as a .cjs file would.
  const script = new Script(source, {
    filename: CLI_BUNDLE_FILE,
    ...(cachedData ? { cachedData } : {}),
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} as Partial<typeof RunCliModule> };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(CLI_BUNDLE_FILE), module, CLI_BUNDLE_FILE, HERE);
  const run = module.exports.runCli;
  if (typeof run !== 'function') throw new Error(`${CLI_BUNDLE_FILE} does not export runCli; run "npm run build" again.`);
  return { runCli: run, exports: module.exports as typeof RunCliModule, script, stamp, cacheUsed: cachedData !== undefined && !script.cachedDataRejected };
}
