import { load, Schema, Type } from 'js-yaml';

/**
 * Plain YAML, read fast. The `yaml` package, which the loader uses for its positions and its exact
 * diagnostics, takes several times as long as js-yaml to read a spec on a cold start (generators
 * run by the interpreter): for the bundled spec a fifth of all of `generate`. So a document is first
 * given to js-yaml, and its data is used only when the document keeps to what both parsers read
 * alike; anything else, and every error, goes to `yaml` as before. The positions of a document read
 * here are found with `yaml` only when a problem has to be located (source-document.ts).
 *
 * What both read alike, by construction:
 * - scalars resolve as `yaml` resolves them in the YAML 1.2 core schema: the types below are its
 *   null, bool, int (octal, decimal, hex) and float tests and values (yaml/dist/schema/core), in its
 *   order; no timestamps, merge keys or binary (js-yaml's own schemas have them);
 * - no tags: the schema has no type under a tag one can write, so js-yaml refuses every explicit tag;
 * - no anchors, hence no aliases (js-yaml refuses an alias without its anchor): `yaml` bounds how far
 *   aliases expand, and js-yaml does not;
 * - no directives, tabs or complex keys (`? key`, a flow collection as a key), which the two treat
 *   differently; no flow collection over several lines and no comment right after a quoted scalar
 *   or a flow collection, where `yaml` checks indentation and spacing that js-yaml does not; no
 *   line over 1,024 characters (`yaml` refuses implicit keys longer than that);
 * - no mapping key that is the null value (`yaml` makes it "", js-yaml "null"): a key "null" goes to
 *   `yaml`;
 * - a repeated key, a nesting deeper than js-yaml's 100 levels, a second document: js-yaml throws.
 * The tests compare both parsers on every YAML file of the project and on constructs near each edge.
 */

/** Tags no document can name (the core schema's are `tag:yaml.org,2002:...`). */
const TAG = 'tag:mendix-connector,fast-yaml:';

const scalar = (name: string, test: RegExp, construct: (text: string) => unknown): Type =>
  new Type(`${TAG}${name}`, { kind: 'scalar', resolve: (text) => test.test(text), construct });

/** yaml/dist/schema/core/schema.js: nullTag, boolTag, intOct, int, intHex, floatNaN, floatExp, float. */
const CORE_1_2 = new Schema({
  implicit: [
    scalar('null', /^(?:~|[Nn]ull|NULL)?$/, () => null),
    scalar('bool', /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (text) => text[0] === 't' || text[0] === 'T'),
    scalar('intOct', /^0o[0-7]+$/, (text) => parseInt(text.substring(2), 8)),
    scalar('int', /^[-+]?[0-9]+$/, (text) => parseInt(text, 10)),
    scalar('intHex', /^0x[0-9a-fA-F]+$/, (text) => parseInt(text.substring(2), 16)),
    scalar('floatNaN', /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, (text) =>
      text.slice(-3).toLowerCase() === 'nan' ? NaN : text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
    ),
    scalar('floatExp', /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, (text) => parseFloat(text)),
    scalar('float', /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, (text) => parseFloat(text)),
  ],
  explicit: [],
});

/**
 * Constructs left to `yaml`, found in the text: an anchor, a tag, a directive, a tab, an explicit or
 * a flow-collection key, a comment right after a quoted scalar or flow collection, a long line.
 */
const LEFT_TO_YAML = [/&/, /(?:^|[\s[{,])!/m, /^%/m, /\t/, /^[ ]*(?:-[ ]+)*\?(?:[ ]|$)/m, /[\]}][ ]*:(?:[ ]|$)/m, /["'\]}]#/, /^.{1025}/m];

/** Whether a line opens or closes more brackets than it closes or opens: a flow collection over several lines. */
function hasMultilineFlow(text: string): boolean {
  for (const line of text.split('\n')) {
    let depth = 0;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === 0x5b || c === 0x7b) depth++;
      else if (c === 0x5d || c === 0x7d) depth--;
    }
    if (depth !== 0) return true;
  }
  return false;
}

/** The document's data when it keeps to what js-yaml and `yaml` read alike, else undefined. */
export function readPlainYaml(text: string): { data: unknown } | undefined {
  if (LEFT_TO_YAML.some((pattern) => pattern.test(text)) || hasMultilineFlow(text)) return undefined;
  let data: unknown;
  try {
    data = load(text, {
      schema: CORE_1_2,
      json: false,
      onWarning: (warning) => {
        throw warning;
      },
    });
  } catch {
    return undefined;
  }
  return hasNullKey(data) ? undefined : { data };
}

/** Whether any mapping has the key "null" (js-yaml's name for a null key), walking without recursion. */
function hasNullKey(data: unknown): boolean {
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) for (const item of value) stack.push(item);
    else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key === 'null') return true;
        stack.push(item);
      }
    }
  }
  return false;
}
