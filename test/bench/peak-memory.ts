import { writeFileSync } from 'node:fs';

/**
 * Loaded with `node --import` before the command a benchmark measures (generate-bench.ts): at exit it
 * writes the process's peak resident memory to the file PEAK_MEMORY_FILE names. The command itself
 * runs unchanged, from its launcher, as a user starts it.
 */
const file = process.env['PEAK_MEMORY_FILE'];
if (file) process.on('exit', () => writeFileSync(file, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })));
