/**
 * Problems found in a spec. Every problem carries where it is (file, line, column), what is wrong,
 * and how to fix it, so that a user can fix all of them in one pass.
 */

export interface SourceLocation {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/** Path of a value inside the spec document, as JSON keys and list indexes. */
export type SpecPath = ReadonlyArray<string | number>;

export interface Diagnostic {
  message: string;
  hint: string;
  path: SpecPath;
  location?: SourceLocation;
  /** Point at the key of the last path element rather than its value (unknown keys). */
  atKey?: boolean;
}

/** Collects diagnostics; checks push into it and never throw for bad input. */
export class DiagnosticList {
  readonly items: Diagnostic[] = [];

  add(path: SpecPath, message: string, hint: string, options: { atKey?: boolean } = {}): void {
    this.items.push({ path: [...path], message, hint, ...(options.atKey ? { atKey: true } : {}) });
  }

  get isEmpty(): boolean {
    return this.items.length === 0;
  }
}

/** `operations[2].request[0].field` — how a path reads in messages. */
export function formatPath(path: SpecPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out === '' ? '(document)' : out;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const fa = a.location?.file ?? '';
  const fb = b.location?.file ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  const la = a.location?.line ?? 0;
  const lb = b.location?.line ?? 0;
  if (la !== lb) return la - lb;
  const ca = a.location?.column ?? 0;
  const cb = b.location?.column ?? 0;
  if (ca !== cb) return ca - cb;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/** The human form: `file:line:column: error: message` then an indented hint. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.location ? `${d.location.file}:${d.location.line}:${d.location.column}` : formatPath(d.path);
  return `${where}: error: ${d.message}\n  at ${formatPath(d.path)}\n  hint: ${d.hint}`;
}
