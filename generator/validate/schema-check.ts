import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { SCHEMA_FILE } from '../paths.js';
import { DiagnosticList, type SpecPath } from './diagnostics.js';
import { didYouMean } from '../spec/suggest.js';
import { precompiledSchema } from './precompiled-schema.js';

/**
 * First validation layer: the JSON Schema in `spec/connector.schema.json`, the same file editors use
 * for completion. Turns the validator's errors into located, hinted diagnostics.
 */

type JsonSchema = { [key: string]: unknown };

/** How the schema is compiled, here and when the command line is bundled (precompiled-schema.ts). */
export const AJV_OPTIONS = { allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true } as const;

let compiled: ValidateFunction | undefined;

/** The validator: the one compiled with the bundle when it was made from this very schema text. */
function validator(): ValidateFunction {
  if (!compiled) {
    const text = readFileSync(SCHEMA_FILE, 'utf8');
    compiled = precompiledSchema?.schemaText === text ? precompiledSchema.validate : new Ajv(AJV_OPTIONS).compile(JSON.parse(text) as JsonSchema);
  }
  return compiled;
}

export function checkSchema(data: unknown, diagnostics: DiagnosticList): void {
  const validate = validator();
  if (validate(data)) return;
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
  const seen = new Set<string>();
  for (const error of errors) {
    const converted = convert(error, data);
    const key = `${converted.path.join('/')}|${converted.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.add(converted.path, converted.message, converted.hint, { atKey: converted.atKey });
  }
}

function pointerToPath(pointer: string): Array<string | number> {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function valueAt(data: unknown, path: SpecPath): unknown {
  let node = data;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text "${value}"`;
  return `${typeof value} ${String(value)}`;
}

function keyName(path: SpecPath): string {
  const last = path[path.length - 1];
  return typeof last === 'number' ? `item ${last}` : `"${String(last ?? 'document')}"`;
}

function convert(error: ErrorObject, data: unknown): { path: SpecPath; message: string; hint: string; atKey: boolean } {
  const path = pointerToPath(error.instancePath);
  const value = valueAt(data, path);
  const params = error.params as Record<string, unknown>;
  const schema = error.parentSchema as JsonSchema | undefined;
  const description = typeof schema?.['description'] === 'string' ? ` (${schema['description']})` : '';
  switch (error.keyword) {
    case 'required': {
      const missing = String(params['missingProperty']);
      const properties = (schema?.['properties'] ?? {}) as Record<string, JsonSchema>;
      const about = properties[missing]?.['description'];
      return {
        path,
        message: `Missing required key "${missing}".`,
        hint: `Add "${missing}"${typeof about === 'string' ? `: ${about}` : ' here.'}`,
        atKey: false,
      };
    }
    case 'additionalProperties': {
      const extra = String(params['additionalProperty']);
      const allowed = Object.keys((schema?.['properties'] ?? {}) as Record<string, unknown>);
      return {
        path: [...path, extra],
        message: `Unknown key "${extra}".`,
        hint: suggest(extra, allowed, `Allowed keys here: ${allowed.join(', ')}.`),
        atKey: true,
      };
    }
    case 'type': {
      const expected = ([] as unknown[]).concat(params['type']).join(' or ');
      return {
        path,
        message: `${keyName(path)} must be ${article(expected)}, not ${describe(value)}.`,
        hint: `Write ${article(expected)} here${description}.`,
        atKey: false,
      };
    }
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[]).map(String);
      return {
        path,
        message: `${keyName(path)} is ${describe(value)}, which is not one of: ${allowed.join(', ')}.`,
        hint: suggest(String(value), allowed, `Use one of: ${allowed.join(', ')}.`),
        atKey: false,
      };
    }
    case 'const':
      return {
        path,
        message: `${keyName(path)} must be ${JSON.stringify(params['allowedValue'])}, not ${describe(value)}.`,
        hint: `Write ${JSON.stringify(params['allowedValue'])}${description}.`,
        atKey: false,
      };
    case 'pattern':
      return {
        path,
        message: `${keyName(path)} is ${describe(value)}, which is not allowed here.`,
        hint: patternHint(String(params['pattern'])),
        atKey: false,
      };
    case 'minLength':
      return { path, message: `${keyName(path)} must not be empty.`, hint: `Write a value${description}.`, atKey: false };
    case 'minItems':
      return { path, message: `${keyName(path)} needs at least ${String(params['limit'])} item(s).`, hint: `Add an item${description}.`, atKey: false };
    case 'minimum':
      return {
        path,
        message: `${keyName(path)} is ${describe(value)}; it must be at least ${String(params['limit'])}.`,
        hint: `Use a number of ${String(params['limit'])} or more.`,
        atKey: false,
      };
    case 'not':
      return {
        path,
        message: `${keyName(path)} has both "response" and "error".`,
        hint: 'An exchange answers with either a response or an error; remove one of them.',
        atKey: false,
      };
    default:
      return { path, message: `${keyName(path)} ${error.message ?? 'is not valid'}.`, hint: `See spec/connector.schema.json${description}.`, atKey: false };
  }
}

/**
 * "Did you mean" for a key or value of the spec. A text far longer than every candidate is close to
 * none of them, and the edit distance of a value of megabytes would take minutes: skip it.
 */
function suggest(text: string, candidates: string[], fallback: string): string {
  const longest = Math.max(0, ...candidates.map((c) => c.length));
  return text.length > longest * 2 + 10 ? fallback : didYouMean(text, candidates, fallback);
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}

function patternHint(pattern: string): string {
  switch (pattern) {
    case '^[A-Za-z_][A-Za-z0-9_]*$':
      return 'Names start with a letter or underscore and contain only letters, digits and underscores (no spaces, dots or dashes).';
    case '^[0-9]+\\.[0-9]+\\.[0-9]+$':
      return 'Write a version as major.minor.patch, for example 10.21.0.';
    case '^[a-z_][a-z0-9_]*$':
      return 'A Java package here is the module name in lower case: letters, digits and underscores only.';
    case '^[a-z0-9-]+:[A-Za-z0-9]+$':
      return 'Write the IAM action as <service prefix>:<Action>, the form IAM policies use.';
    default:
      return `The value must match the pattern ${pattern}.`;
  }
}
