import { runCli } from '../../generator/cli/run-cli.js';

/**
 * Runs `generate` in this process and prints its peak memory, for the benchmark that starts it as a
 * child process (so the figures include Node's start-up, as a user sees them).
 */
const code = await runCli(process.argv.slice(2), { result: () => {}, json: () => {}, info: () => {}, error: (t) => process.stderr.write(`${t}\n`) });
process.stdout.write(`${JSON.stringify({ code, maxRssKb: process.resourceUsage().maxRSS })}\n`);
process.exitCode = code;
