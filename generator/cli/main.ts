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
const code = await runCli(process.argv.slice(2));
// Done: exit once what was printed is flushed. Left to itself the process would first run the
// garbage collector's pending work on the large heap of a generate (measured: up to a tenth of the
// run), which no one waits for.
process.exitCode = code;
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
