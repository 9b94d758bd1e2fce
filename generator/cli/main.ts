#!/usr/bin/env node
import { loadCliBundle } from './cli-bundle.js';

// A reader that stops early (`mendix-connector ... | head -1`) closes the pipe: end quietly, as
// command-line tools do, instead of failing with a stack trace. Output files are written before
// anything is printed, so nothing is left half-done.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// The bundled command line when `npm run build` made one after the last compile (cli-bundle.ts),
// else the compiled modules, loaded only then.
const runCli = loadCliBundle()?.runCli ?? (await import('./run-cli.js')).runCli;
process.exitCode = await runCli(process.argv.slice(2));
