import type { Output } from '../../generator/cli/output.js';

/** An Output for in-process CLI runs that keeps what the command printed: results on stdout, the rest on stderr. */
export function captureOutput(): Output & { stdout: string; stderr: string } {
  const out = { stdout: '', stderr: '' } as Output & { stdout: string; stderr: string };
  out.result = (t) => (out.stdout += `${t}\n`);
  out.json = (v) => (out.stdout += `${JSON.stringify(v)}\n`);
  out.info = (t) => (out.stderr += `${t}\n`);
  out.error = (t) => (out.stderr += `${t}\n`);
  return out;
}
