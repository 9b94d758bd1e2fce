import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Diagnostic, SourceLocation, SpecPath } from '../validate/diagnostics.js';

/**
 * One parsed YAML (or JSON) file that remembers where each value came from, so that problems
 * found later, on plain data, can still point at a line and column.
 */
export class SourceDocument {
  private constructor(
    readonly file: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** Parses the file; syntax problems come back as diagnostics, never as exceptions. */
  static read(file: string, displayName: string): { document?: SourceDocument; diagnostics: Diagnostic[] } {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : String((error as Error).message);
      return {
        diagnostics: [
          {
            path: [],
            message: `Cannot read ${displayName}: ${reason}.`,
            hint: 'Check the path; relative paths in a spec are resolved from the folder of the spec file.',
            location: { file: displayName, line: 1, column: 1 },
          },
        ],
      };
    }
    return SourceDocument.parse(text, displayName);
  }

  static parse(text: string, displayName: string): { document?: SourceDocument; diagnostics: Diagnostic[] } {
    const lines = new LineCounter();
    // uniqueKeys: a repeated key is an error, not a silent overwrite of the first value.
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true });
    const problems = [...doc.errors];
    const diagnostics: Diagnostic[] = problems.map((problem) => {
      // The parser notices an unclosed quote only at the end of the file; point at where it opens.
      const opening = problem.code === 'MISSING_CHAR' && /quote/.test(problem.message) ? unclosedQuoteOffset(text) : undefined;
      const pos = lines.linePos(opening ?? problem.pos[0]);
      return {
        path: [],
        message: `${displayName.endsWith('.json') ? 'JSON' : 'YAML'} syntax error: ${firstLine(problem.message)}`,
        hint: syntaxHint(problem.code),
        location: { file: displayName, line: pos.line, column: pos.col },
      };
    });
    if (diagnostics.length > 0) return { diagnostics };
    return { document: new SourceDocument(displayName, doc, lines), diagnostics: [] };
  }

  /** The document as plain data (aliases resolved). */
  toData(): unknown {
    return this.doc.toJS({ maxAliasCount: 1000 });
  }

  /**
   * Where the value at `path` starts. With `key`, where the map key of the last path element starts
   * (for unknown keys). Falls back to the nearest existing ancestor.
   */
  locate(path: SpecPath, options: { key?: boolean } = {}): SourceLocation {
    let node: unknown = this.doc.contents;
    let best: Node | null = (this.doc.contents as Node | null) ?? null;
    for (let i = 0; i < path.length; i++) {
      const part = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(part));
        if (!pair) break;
        if (last && options.key && isScalar(pair.key)) {
          best = pair.key;
          break;
        }
        node = pair.value;
      } else if (isSeq(node) && typeof part === 'number') {
        node = node.items[part];
      } else {
        break;
      }
      if (node && typeof node === 'object' && 'range' in node) best = node as Node;
      else break;
    }
    const offset = best?.range?.[0] ?? 0;
    const pos = this.lines.linePos(offset);
    return { file: this.file, line: pos.line, column: pos.col };
  }
}

/** Offset of the first double or single quote that opens a scalar and is never closed on its line. */
function unclosedQuoteOffset(text: string): number | undefined {
  let offset = 0;
  for (const line of text.split('\n')) {
    let quote: string | undefined;
    let start = 0;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quote === undefined) {
        if (c === '#' && (i === 0 || line[i - 1] === ' ')) break;
        if ((c === '"' || c === "'") && (i === 0 || /[\s:,[{-]/.test(line[i - 1] ?? ''))) {
          quote = c;
          start = i;
        }
      } else if (c === '\\' && quote === '"') {
        i++;
      } else if (c === quote) {
        if (quote === "'" && line[i + 1] === "'") i++;
        else quote = undefined;
      }
    }
    if (quote !== undefined) return offset + start;
    offset += line.length + 1;
  }
  return undefined;
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

function syntaxHint(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'Each key may appear once in a mapping; remove or rename the repeated key.';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN':
      return 'Check the indentation and quoting of this line; values containing ": " or starting with a special character need quotes.';
    case 'BAD_ALIAS':
      return 'Define the anchor (&name) before using the alias (*name).';
    default:
      return 'Fix the syntax at this position; the spec is read as YAML 1.2 (JSON is accepted too).';
  }
}
