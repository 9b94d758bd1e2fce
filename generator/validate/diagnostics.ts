import { formatCount } from '../spec/format-count.js';

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
    this.items.push({ path: [...path], message: presentText(message), hint: presentText(hint), ...(options.atKey ? { atKey: true } : {}) });
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
    else {
      const name = presentPathPart(part);
      out += out === '' ? name : `.${name}`;
    }
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
  const where = d.location ? `${escapeControls(d.location.file)}:${d.location.line}:${d.location.column}` : formatPath(d.path);
  return `${where}: error: ${presentText(d.message)}\n  at ${formatPath(d.path)}\n  hint: ${presentText(d.hint)}`;
}

/*
 * Messages quote values from the spec, and a value may be megabytes long or hold control characters
 * (a UTF-16 file read as UTF-8, a NUL, an escape sequence that would drive the terminal). Every
 * diagnostic therefore passes through `presentText`: quoted values longer than MAX_QUOTED_CHARS are
 * cut with an ellipsis and their full length, control characters are written as escapes, and a message
 * that is still very long (a value quoted without quotation marks) is cut as a whole. The functions
 * are idempotent, so a diagnostic may pass through them more than once.
 */

/** Longest quoted value shown in full; a shortened value, with its ellipsis and length, is no longer. */
export const MAX_QUOTED_CHARS = 80;
/** How much of a longer value is shown before the ellipsis. */
const QUOTED_PREFIX_CHARS = 50;
/** Longest message or hint shown in full; beyond it (only for values quoted without quotation marks) the text is cut. */
export const MAX_MESSAGE_CHARS = 2000;

// C0 and C1 controls, DEL, the line and paragraph separators, the bidirectional overrides and
// isolates (which reorder what a terminal shows), and lone surrogates (which no output encoding holds).
const CONTROL_CLASS =
  '[\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
const CONTROLS = new RegExp(CONTROL_CLASS, 'g');
const HAS_CONTROL = new RegExp(CONTROL_CLASS);
const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Writes control characters as escapes (`\n`, `\u0000`), so that a message shows on one line, as is. */
export function escapeControls(text: string): string {
  return HAS_CONTROL.test(text) ? text.replace(CONTROLS, (c) => NAMED_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : text;
}

/**
 * A value for a message, without its quotation marks: control characters escaped, and when longer than
 * MAX_QUOTED_CHARS, its start, an ellipsis and a closing quotation mark, and its full length:
 * `ab…" (1,234 characters)`. Put an opening quotation mark before it.
 */
export function shortenValue(value: string): string {
  const escaped = escapeControls(value);
  if (escaped.length <= MAX_QUOTED_CHARS) return escaped;
  let end = QUOTED_PREFIX_CHARS;
  // Never cut a surrogate pair or an escape sequence in two.
  const last = escaped.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  const backslash = escaped.lastIndexOf('\\', end - 1);
  if (backslash >= 0 && backslash >= end - 6) {
    const sequence = /^\\(u[0-9a-f]{4}|.)/.exec(escaped.slice(backslash, backslash + 6));
    if (sequence && backslash + sequence[0].length > end) end = backslash;
  }
  return `${escaped.slice(0, end)}…" (${formatCount(escaped.length)} characters)`;
}

/** A message or hint as shown: control characters escaped, long quoted values shortened, length bounded. */
export function presentText(text: string): string {
  // Escape first, so that a shortened value keeps its length when presented again.
  let shown = shortenQuoted(escapeControls(text));
  if (shown.length > MAX_MESSAGE_CHARS) {
    let end = MAX_MESSAGE_CHARS - 200;
    const last = shown.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end--;
    shown = `${shown.slice(0, end)}… (shortened from ${formatCount(shown.length)} characters)`;
  }
  return shown;
}

/**
 * Shortens every quoted value of a message, as the checks write them: `"..."`, with backslash escapes
 * where JSON.stringify wrote the value. A scan rather than a regular expression, whose backtracking
 * overflows the stack on a value of megabytes.
 */
function shortenQuoted(text: string): string {
  let out = '';
  let copied = 0;
  let i = text.indexOf('"');
  while (i >= 0) {
    let j = i + 1;
    while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    if (j >= text.length) break;
    if (j - i - 1 > MAX_QUOTED_CHARS) {
      out += `${text.slice(copied, i)}"${shortenValue(text.slice(i + 1, j))}`;
      copied = j + 1;
    }
    i = text.indexOf('"', j + 1);
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** A path element as shown: a long key (an unknown key may be any text) is cut like a quoted value. */
function presentPathPart(part: string): string {
  const escaped = escapeControls(part);
  return escaped.length <= MAX_QUOTED_CHARS ? escaped : `"${shortenValue(escaped)}`;
}

/** A diagnostic ready to show: message and hint presented, and long keys in its path shortened. */
export function presentDiagnostic(d: Diagnostic): Diagnostic {
  const path = d.path.map((part) => (typeof part === 'string' ? presentPathPart(part) : part));
  return { ...d, path, message: presentText(d.message), hint: presentText(d.hint) };
}
