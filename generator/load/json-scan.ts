/**
 * A scanner of JSON text that knows where things are, for specs and case files written as JSON. The
 * data itself comes from `JSON.parse`, which is native and fast on files of megabytes (the YAML parser
 * needs seconds and hundreds of megabytes for the same text); this scanner adds what JSON.parse does
 * not give: the position and a plain description of the first syntax error, keys repeated in an
 * object (JSON.parse keeps the last one silently, YAML refuses them, and so does the spec), and, only
 * when a problem has to be located, the offset of every value and key.
 *
 * It never recurses, so no nesting depth overflows the stack.
 */

/** Where one value starts, and for a member of an object, where its key starts. */
export interface JsonNode {
  start: number;
  keyStart?: number;
  /** Members of an object by key, or items of an array; absent for scalars. */
  children?: Map<string, JsonNode> | JsonNode[];
}

export interface JsonProblem {
  offset: number;
  message: string;
}

export interface JsonScan {
  /** The first syntax error, if any (then nothing else is reported). */
  error?: JsonProblem;
  /** Keys repeated within one object, at the repetition. */
  duplicates: JsonProblem[];
  /** The location tree, when asked for and the text is valid. */
  root?: JsonNode;
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

interface Container {
  node: JsonNode;
  isObject: boolean;
  /** Keys seen so far (objects only; for finding repeats without building the tree). */
  keys?: Set<string>;
  /** Start of the pending member's key, between the key and its value. */
  pendingKey?: string;
  pendingKeyStart?: number;
  /** Whether at least one member or item has been read. */
  count: number;
}

/** Scans `text`; with `tree`, also returns the location of every value. */
export function scanJson(text: string, tree: boolean): JsonScan {
  const duplicates: JsonProblem[] = [];
  const stack: Container[] = [];
  let i = 0;
  let root: JsonNode | undefined;

  const skipSpace = (): void => {
    while (i < text.length && WHITESPACE.has(text.charCodeAt(i))) i++;
  };
  const fail = (offset: number, message: string): JsonScan => ({ error: { offset, message }, duplicates: [] });
  const describeAt = (offset: number): string => {
    if (offset >= text.length) return 'the file ends';
    const c = text.charCodeAt(offset);
    return c < 0x20 || c === 0x7f
      ? `control character U+${c.toString(16).toUpperCase().padStart(4, '0')}`
      : `unexpected character ${JSON.stringify(text[offset])}`;
  };

  /** Reads a string starting at `i` (a quotation mark); returns its end offset (after the closing mark) or a problem. */
  const readString = (): number | JsonProblem => {
    const start = i;
    let j = i + 1;
    for (;;) {
      if (j >= text.length) return { offset: start, message: 'a string is not closed: the file ends before its closing quotation mark' };
      const c = text.charCodeAt(j);
      if (c === 0x22) return j + 1;
      if (c < 0x20)
        return {
          offset: j,
          message: `control character U+${c.toString(16).toUpperCase().padStart(4, '0')} inside a string; write it as an escape (\\n, \\t, \\u0000)`,
        };
      if (c === 0x5c) {
        const e = text[j + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) return { offset: j, message: 'a \\u escape needs four hexadecimal digits' };
          j += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          j += 2;
        } else {
          return { offset: j, message: 'unknown escape sequence in a string; JSON knows \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX' };
        }
      } else {
        j++;
      }
    }
  };

  const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

  /** Reads a scalar or opens a container at `i`; returns a problem or undefined. */
  const readValue = (): JsonProblem | undefined => {
    const start = i;
    const node: JsonNode = { start };
    const c = text[i];
    if (c === '{' || c === '[') {
      const isObject = c === '{';
      if (tree) node.children = isObject ? new Map() : [];
      attach(node);
      stack.push({ node, isObject, count: 0, ...(isObject && !tree ? { keys: new Set<string>() } : {}) });
      i++;
      return undefined;
    }
    if (c === '"') {
      const end = readString();
      if (typeof end !== 'number') return end;
      i = end;
    } else if (text.startsWith('true', i)) i += 4;
    else if (text.startsWith('false', i)) i += 5;
    else if (text.startsWith('null', i)) i += 4;
    else {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(text);
      if (!match || match[0] === '-') return { offset: i, message: `${describeAt(i)} where a value belongs` };
      i += match[0].length;
    }
    attach(node);
    return undefined;
  };

  /** Places a value under the container being read (or as the root). */
  const attach = (node: JsonNode): void => {
    const parent = stack[stack.length - 1];
    if (!parent) {
      root = node;
      return;
    }
    parent.count++;
    if (!tree) return;
    if (parent.isObject) {
      if (parent.pendingKeyStart !== undefined) node.keyStart = parent.pendingKeyStart;
      (parent.node.children as Map<string, JsonNode>).set(parent.pendingKey ?? '', node);
    } else {
      (parent.node.children as JsonNode[]).push(node);
    }
  };

  skipSpace();
  if (i >= text.length) return fail(i, 'the file is empty');
  const first = readValue();
  if (first) return { error: first, duplicates: [] };

  // After each value: close containers, or expect a separator and the next member or item.
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Container;
    skipSpace();
    const c = text[i];
    const close = top.isObject ? '}' : ']';
    if (c === close) {
      stack.pop();
      i++;
      continue;
    }
    if (top.count > 0) {
      if (c !== ',') {
        if (i >= text.length) {
          return fail(
            i,
            `the file ends before the ${close} that closes the ${top.isObject ? 'object' : 'array'} opened at ${lineColumn(text, top.node.start)}`,
          );
        }
        return fail(i, `${describeAt(i)}; expected "," or "${close}"`);
      }
      i++;
      skipSpace();
      if (text[i] === close) return fail(i, `a comma before "${close}": JSON allows no trailing comma`);
    } else if (i >= text.length) {
      return fail(i, `the file ends before the ${close} that closes the ${top.isObject ? 'object' : 'array'} opened at ${lineColumn(text, top.node.start)}`);
    }
    if (top.isObject) {
      if (text[i] !== '"') return fail(i, `${describeAt(i)} where a key belongs; keys are double-quoted strings`);
      const keyStart = i;
      const end = readString();
      if (typeof end !== 'number') return { error: end, duplicates: [] };
      const raw = text.slice(keyStart + 1, end - 1);
      const key = raw.includes('\\') ? (JSON.parse(text.slice(keyStart, end)) as string) : raw;
      const seen = top.keys ?? (top.node.children as Map<string, JsonNode> | undefined);
      if (seen?.has(key)) duplicates.push({ offset: keyStart, message: `the key ${JSON.stringify(key)} appears twice in this object` });
      top.keys?.add(key);
      top.pendingKey = key;
      top.pendingKeyStart = keyStart;
      i = end;
      skipSpace();
      if (text[i] !== ':') return fail(i, `${describeAt(i)}; expected ":" after the key`);
      i++;
      skipSpace();
    }
    if (i >= text.length) return fail(i, 'the file ends where a value belongs');
    const problem = readValue();
    if (problem) return { error: problem, duplicates: [] };
  }
  skipSpace();
  if (i < text.length) return fail(i, `${describeAt(i)} after the end of the document`);
  return { duplicates, ...(tree && root ? { root } : {}) };
}

/** "line 3, column 5" of an offset, for messages that point at a second place. */
export function lineColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k >= 0 && k < offset; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}
