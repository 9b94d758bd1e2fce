import { formatDiagnostic, type Diagnostic } from '../validate/diagnostics.js';

/**
 * Where the tool writes: results to stdout, diagnostics and progress to stderr, so that `--json`
 * output can be piped while messages still reach the terminal.
 */
export interface Output {
  result(text: string): void;
  json(value: unknown): void;
  info(text: string): void;
  error(text: string): void;
}

export const processOutput: Output = {
  result: (text) => process.stdout.write(`${text}\n`),
  json: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
  info: (text) => process.stderr.write(`${text}\n`),
  error: (text) => process.stderr.write(`${text}\n`),
};

export function reportDiagnostics(out: Output, diagnostics: Diagnostic[], subject: string): void {
  for (const d of diagnostics) out.error(formatDiagnostic(d));
  out.error(`\n${subject}: ${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'} found.`);
}

/** The JSON form of diagnostics: stable keys, no internal fields. */
export function diagnosticsToJson(diagnostics: Diagnostic[]): unknown[] {
  return diagnostics.map((d) => ({
    file: d.location?.file ?? null,
    line: d.location?.line ?? null,
    column: d.location?.column ?? null,
    path: d.path,
    message: d.message,
    hint: d.hint,
  }));
}
