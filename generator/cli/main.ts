#!/usr/bin/env node
import { runCli } from './run-cli.js';

// A reader that stops early (`mendix-connector ... | head -1`) closes the pipe: end quietly, as
// command-line tools do, instead of failing with a stack trace. Output files are written before
// anything is printed, so nothing is left half-done.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await runCli(process.argv.slice(2));
