import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { Diagnostic, SourceLocation, SpecPath } from '../validate/diagnostics.js';
import { formatCount } from '../spec/format-count.js';
import { limitClause, MAX_SPEC_BYTES, readTextFile } from './read-file.js';
import { readPlainYaml } from './fast-yaml.js';
import { scanJson, type JsonNode } from './json-scan.js';

/**
 * How far aliases may multiply a YAML document: the parser's own guard against "billion laughs"
 * documents, with its own measure (aliases used times the nodes each stands for).
 */
const MAX_ALIAS_COUNT = 1000;

/**
 * Deepest nesting of mappings and lists. The bundled spec and its cases nest less than 15 deep; the
 * checks walk values recursively, and the YAML parser itself gives up at about 1,000.
 */
export const MAX_NESTING = 128;

/** What a parsed file gives: its data, or the problems that kept it from giving data. */
export interface DataResult {
  data?: unknown;
  diagnostics: Diagnostic[];
}

/** The parser behind a document: YAML (any file) or JSON (files named *.json). */
interface Backing {
  toData(document: SourceDocument): DataResult;
  /** Offset in the text of the value at `path` (or of its key), or of its nearest existing ancestor. */
  offsetOf(path: SpecPath, key: boolean): number;
  linePos(offset: number): { line: number; col: number };
}

/**
 * One parsed YAML (or JSON) file that remembers where each value came from, so that problems
 * found later, on plain data, can still point at a line and column.
 */
export class SourceDocument {
  private constructor(
    readonly file: string,
    private readonly backing: Backing,
  ) {}

  /**
   * Reads and parses the file; problems come back as diagnostics, never as exceptions. Only a regular
   * file of at most `maxBytes` is read (`limit` says so in the message: see `limitClause`). When the file
   * could not be read at all (missing, a device, too large), `unreadable` is set and the problem is
   * located at the start of the file: callers that know the key naming the file move it there.
   */
  static read(
    file: string,
    displayName: string,
    options: { maxBytes?: number; limit?: string } = {},
  ): { document?: SourceDocument; diagnostics: Diagnostic[]; bytes?: number; unreadable?: boolean } {
    const maxBytes = options.maxBytes ?? MAX_SPEC_BYTES;
    const read = readTextFile(file, maxBytes, options.limit ?? limitClause('a spec file', maxBytes));
    if (!read.ok) {
      const diagnostic: Diagnostic = {
        path: [],
        message: `Cannot read ${displayName}: ${read.reason}.`,
        hint: read.hint,
        location: { file: displayName, line: read.position?.line ?? 1, column: read.position?.column ?? 1 },
      };
      return { diagnostics: [diagnostic], ...(read.position ? {} : { unreadable: true }) };
    }
    return { ...SourceDocument.parse(read.text, displayName), bytes: read.bytes };
  }

  /** Parses text; `displayName` ending in `.json` selects the JSON parser. */
  static parse(text: string, displayName: string): { document?: SourceDocument; diagnostics: Diagnostic[] } {
    return displayName.toLowerCase().endsWith('.json') ? parseJson(text, displayName) : parseYaml(text, displayName);
  }

  /** @internal */
  static create(file: string, backing: Backing): SourceDocument {
    return new SourceDocument(file, backing);
  }

  /** The document as plain data (aliases resolved), or why it cannot be had (aliases that expand too far, nesting too deep). */
  toData(): DataResult {
    const result = this.backing.toData(this);
    if (result.data === undefined || result.diagnostics.length > 0) return result;
    const deep = pathDeeperThan(result.data, MAX_NESTING);
    if (!deep) return result;
    return {
      diagnostics: [
        {
          path: deep,
          message: `The document nests mappings and lists more than ${MAX_NESTING} levels deep.`,
          hint: 'A spec nests far less deeply; check the indentation or the brackets here.',
          location: this.locate(deep),
        },
      ],
    };
  }

  /**
   * Where the value at `path` starts. With `key`, where the map key of the last path element starts
   * (for unknown keys). Falls back to the nearest existing ancestor.
   */
  locate(path: SpecPath, options: { key?: boolean } = {}): SourceLocation {
    const pos = this.backing.linePos(this.backing.offsetOf(path, options.key === true));
    return { file: this.file, line: pos.line, column: pos.col };
  }
}

/** A mapping or list met on the walk of pathDeeperThan: its path is built only for the one reported. */
interface Visit {
  value: object;
  depth: number;
  parent: Visit | undefined;
  key: string | number;
}

/**
 * The path of a mapping or list nested deeper than `limit`, walking without recursion. Only mappings
 * and lists are visited: a large spec has many more scalars, and none of them nests.
 */
function pathDeeperThan(data: unknown, limit: number): SpecPath | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const stack: Visit[] = [{ value: data, depth: 0, parent: undefined, key: 0 }];
  while (stack.length > 0) {
    const visit = stack.pop() as Visit;
    if (visit.depth >= limit) {
      const path: Array<string | number> = [];
      for (let at: Visit | undefined = visit; at?.parent !== undefined; at = at.parent) path.unshift(at.key);
      return path;
    }
    const children: Iterable<[string | number, unknown]> = Array.isArray(visit.value) ? visit.value.entries() : Object.entries(visit.value);
    for (const [key, item] of children) {
      if (typeof item === 'object' && item !== null) stack.push({ value: item, depth: visit.depth + 1, parent: visit, key });
    }
  }
  return undefined;
}

function parseYaml(text: string, displayName: string): { document?: SourceDocument; diagnostics: Diagnostic[] } {
  // Plain YAML is read fast, and its positions only when a problem has to be located (fast-yaml.ts).
  const plain = readPlainYaml(text);
  if (plain) return { document: SourceDocument.create(displayName, new PlainYamlBacking(text, plain.data)), diagnostics: [] };
  return parseYamlDocument(text, displayName);
}

/** The `yaml` package's document of `text`, or the problems that keep it from being one. */
function parseYamlDocument(text: string, displayName: string): { document?: SourceDocument; diagnostics: Diagnostic[] } {
  const lines = new LineCounter();
  // uniqueKeys: a repeated key is an error, not a silent overwrite of the first value.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true });
  // Warnings count as errors: the parser warns about tags it does not know (`!foo`) and keeps the value
  // as plain text, which is not what the author meant.
  let problems = [...doc.errors, ...doc.warnings];
  // A stack overflow deep inside is reported where the stack happened to end, once per level it
  // unwound through: report it once, where the nesting passes MAX_NESTING.
  const exhausted = problems.find((p) => p.code === 'RESOURCE_EXHAUSTION');
  if (exhausted) problems = [...problems.filter((p) => p.code !== 'RESOURCE_EXHAUSTION'), exhausted];
  const diagnostics: Diagnostic[] = problems.map((problem) => {
    // The parser notices an unclosed quote only at the end of the file; point at where it opens.
    const opening =
      problem.code === 'MISSING_CHAR' && /quote/.test(problem.message)
        ? unclosedQuoteOffset(text)
        : problem.code === 'RESOURCE_EXHAUSTION'
          ? deepFlowOffset(text, MAX_NESTING)
          : undefined;
    const pos = lines.linePos(opening ?? problem.pos[0]);
    return {
      path: [],
      message: `${displayName.endsWith('.json') ? 'JSON' : 'YAML'} syntax error: ${yamlMessage(problem.code, problem.message)}`,
      hint: syntaxHint(problem.code),
      location: { file: displayName, line: pos.line, column: pos.col },
    };
  });
  if (diagnostics.length > 0) return { diagnostics };
  // An alias is written with an asterisk: a text without one has none, and need not be searched for them.
  return { document: SourceDocument.create(displayName, new YamlBacking(doc, lines, text.includes('*'))), diagnostics: [] };
}

class YamlBacking implements Backing {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly mayHaveAliases: boolean,
  ) {}

  toData(document: SourceDocument): DataResult {
    const recursive = this.recursiveAlias();
    if (recursive) {
      const pos = this.lines.linePos(recursive.offset);
      return {
        diagnostics: [
          {
            path: [],
            message: `The alias *${recursive.name} is inside the anchor &${recursive.name} it repeats, so its data would nest without end.`,
            hint: 'An alias may repeat an anchor defined before it, not one that contains it; write the data out here.',
            location: { file: document.file, line: pos.line, column: pos.col },
          },
        ],
      };
    }
    try {
      return { data: this.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown, diagnostics: [] };
    } catch (error) {
      // The parser's guard against alias bombs throws a ReferenceError; anything else is a fault of ours.
      if (!(error instanceof ReferenceError) || !/alias/i.test(error.message)) throw error;
      const alias = this.largestAlias();
      const pos = this.lines.linePos(alias?.offset ?? 0);
      return {
        diagnostics: [
          {
            path: [],
            message: `YAML aliases expand to too much data${alias ? `: *${alias.name} here stands for ${formatCount(alias.size)} values` : ''}.`,
            hint: 'Aliases (*name) repeat the data of an anchor (&name); nested ones multiply it. Write the data out, or use fewer nested aliases.',
            location: { file: document.file, line: pos.line, column: pos.col },
          },
        ],
      };
    }
  }

  /** The first alias that lies inside the collection it refers to. */
  private recursiveAlias(): { name: string; offset: number } | undefined {
    if (!this.mayHaveAliases) return undefined;
    let found: { name: string; offset: number } | undefined;
    visit(this.doc, {
      Alias: (_key, node) => {
        const target = node.resolve(this.doc);
        const at = node.range?.[0];
        const range = target?.range;
        if (at !== undefined && range && at >= range[0] && at < range[2]) {
          found = { name: node.source, offset: at };
          return visit.BREAK;
        }
        return undefined;
      },
    });
    return found;
  }

  /** The alias that stands for the most values (the first such in the document), to point at. */
  private largestAlias(): { name: string; offset: number; size: number } | undefined {
    const sizes = new Map<Node, number>();
    const inProgress = new Set<Node>();
    const doc = this.doc;
    const sizeOf = (node: unknown): number => {
      if (isAlias(node)) {
        const target = node.resolve(doc);
        return target ? sizeOf(target) : 1;
      }
      if (!isMap(node) && !isSeq(node)) return 1;
      const known = sizes.get(node);
      if (known !== undefined) return known;
      // A collection that contains an alias to itself expands without end.
      if (inProgress.has(node)) return Number.MAX_SAFE_INTEGER;
      inProgress.add(node);
      let size = 1;
      for (const item of node.items as unknown[]) size += isPair(item) ? sizeOf(item.key) + sizeOf(item.value) : sizeOf(item);
      inProgress.delete(node);
      size = Math.min(size, Number.MAX_SAFE_INTEGER);
      sizes.set(node, size);
      return size;
    };
    let best: { name: string; offset: number; size: number } | undefined;
    visit(doc, {
      Alias: (_key, node) => {
        const size = sizeOf(node);
        if (!best || size > best.size) best = { name: node.source, offset: node.range?.[0] ?? 0, size };
      },
    });
    return best;
  }

  offsetOf(path: SpecPath, key: boolean): number {
    let node: unknown = this.doc.contents;
    let best: Node | null = (this.doc.contents as Node | null) ?? null;
    for (let i = 0; i < path.length; i++) {
      const part = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(part));
        if (!pair) break;
        if (last && key && isScalar(pair.key)) {
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
    return best?.range?.[0] ?? 0;
  }

  linePos(offset: number): { line: number; col: number } {
    return this.lines.linePos(offset);
  }
}

/**
 * A YAML document read by the fast reader: its data as read, and the `yaml` package's document for
 * positions, parsed on the first location asked for (the text parses there without problems: the
 * fast reader took only what both parsers read alike).
 */
class PlainYamlBacking implements Backing {
  private located: Backing | undefined;
  private given = false;

  constructor(
    private readonly text: string,
    private readonly data: unknown,
  ) {}

  toData(): DataResult {
    // Each caller gets data of its own (a case file named by two operations is mounted twice).
    if (this.given) return { data: structuredClone(this.data), diagnostics: [] };
    this.given = true;
    return { data: this.data, diagnostics: [] };
  }

  private positions(): Backing {
    if (!this.located) {
      const lines = new LineCounter();
      const doc = parseDocument(this.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true });
      this.located = new YamlBacking(doc, lines, this.text.includes('*'));
    }
    return this.located;
  }

  offsetOf(path: SpecPath, key: boolean): number {
    return this.positions().offsetOf(path, key);
  }

  linePos(offset: number): { line: number; col: number } {
    return this.positions().linePos(offset);
  }
}

function parseJson(text: string, displayName: string): { document?: SourceDocument; diagnostics: Diagnostic[] } {
  const lines = new TextLines(text);
  const located = (offset: number, message: string, hint: string): Diagnostic => {
    const pos = lines.linePos(offset);
    return { path: [], message, hint, location: { file: displayName, line: pos.line, column: pos.col } };
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // JSON.parse says little about where; the scanner finds and describes the first error.
    const scan = scanJson(text, false);
    const error = scan.error ?? { offset: 0, message: 'the text is not valid JSON' };
    return {
      diagnostics: [
        located(
          error.offset,
          `JSON syntax error: ${error.message}.`,
          'Fix the JSON at this position; a spec written as JSON follows RFC 8259 (no comments, no trailing commas).',
        ),
      ],
    };
  }
  const scan = scanJson(text, false);
  if (scan.error) return { diagnostics: [located(scan.error.offset, `JSON syntax error: ${scan.error.message}.`, 'Fix the JSON at this position.')] };
  if (scan.duplicates.length > 0) {
    return {
      diagnostics: scan.duplicates.map((d) =>
        located(d.offset, `JSON syntax error: ${d.message}.`, 'Each key may appear once in an object; remove or rename the repeated key.'),
      ),
    };
  }
  return { document: SourceDocument.create(displayName, new JsonBacking(text, data, lines)), diagnostics: [] };
}

class JsonBacking implements Backing {
  /** Built on the first `offsetOf`: only files with problems need locations. */
  private root: JsonNode | undefined;

  constructor(
    private readonly text: string,
    private readonly data: unknown,
    private readonly lines: TextLines,
  ) {}

  private given = false;

  toData(): DataResult {
    // Each caller gets data of its own (a case file named by two operations is mounted twice).
    if (this.given) return { data: JSON.parse(this.text) as unknown, diagnostics: [] };
    this.given = true;
    return { data: this.data, diagnostics: [] };
  }

  offsetOf(path: SpecPath, key: boolean): number {
    this.root ??= scanJson(this.text, true).root ?? { start: 0 };
    let node = this.root;
    for (let i = 0; i < path.length; i++) {
      const part = path[i];
      const children = node.children;
      const child = children instanceof Map ? children.get(String(part)) : Array.isArray(children) && typeof part === 'number' ? children[part] : undefined;
      if (!child) break;
      if (i === path.length - 1 && key && child.keyStart !== undefined) return child.keyStart;
      node = child;
    }
    return node.start;
  }

  linePos(offset: number): { line: number; col: number } {
    return this.lines.linePos(offset);
  }
}

/** Line and column of offsets in a text, from the offsets where lines start (found once). */
class TextLines {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  linePos(offset: number): { line: number; col: number } {
    if (!this.starts) {
      this.starts = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) this.starts.push(i + 1);
    }
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, col: offset - (this.starts[low] as number) + 1 };
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

/** Offset of the first bracket ([ or {) that opens more than `limit` flow collections, outside quotes and comments. */
function deepFlowOffset(text: string, limit: number): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote && quote === "'" && text[i + 1] === "'") i++;
      else if (c === quote) quote = undefined;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      const end = text.indexOf('\n', i);
      if (end < 0) break;
      i = end;
    } else if ((c === '"' || c === "'") && (i === 0 || /[\s:,[{-]/.test(text[i - 1] ?? ''))) {
      // A quotation mark opens a quoted scalar only where one may start (not in "validator's").
      quote = c;
    } else if (c === '[' || c === '{') {
      if (++depth > limit) return i;
    } else if (c === ']' || c === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

function yamlMessage(code: string, message: string): string {
  // The parser reports the stack overflow of a deeply nested document as it is.
  if (code === 'RESOURCE_EXHAUSTION') return 'the document is nested too deeply';
  const tag = code === 'TAG_RESOLVE_FAILED' ? /^Unresolved tag: (.*)$/.exec(message) : null;
  if (tag) return `unknown tag ${tag[1]}`;
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
    case 'TAG_RESOLVE_FAILED':
      return 'A spec uses the tags of the YAML 1.2 core schema only; remove the tag, or quote a value that starts with "!".';
    case 'RESOURCE_EXHAUSTION':
      return 'A spec nests far less deeply; check the brackets and the indentation here.';
    default:
      return 'Fix the syntax at this position; the spec is read as YAML 1.2 (JSON is accepted too).';
  }
}
