import { setFlagsFromString } from 'node:v8';

/**
 * V8 compiles WebAssembly with its baseline compiler (Liftoff), then recompiles hot functions with its
 * optimizing one in the background, and a process waits for those jobs when it exits. The one
 * WebAssembly this tool runs is SQLite (sql.js, for project.mpr), for a few hundred milliseconds at
 * most, and the optimized code never paid that back: measured, a small package was 0.1 s slower to
 * write and to exit with it, one of 13 MB 0.1 s slower to write. So WebAssembly is compiled once,
 * with Liftoff.
 *
 * V8 accepts a code cache only under the flags it was made with, so the command line's launcher sets
 * this before it compiles its bundle, in the run that makes the cache as in every later one
 * (cli-bundle.ts); mpr.ts sets it before loading sql.js for every other caller.
 */
export function useBaselineWebAssembly(): void {
  setFlagsFromString('--liftoff-only');
}
