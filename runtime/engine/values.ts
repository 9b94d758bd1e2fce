/** Small helpers for reading entity objects and converting values. */

/** An entity object as the runtime returns it: attribute values, and associated objects by association name. */
export type AttributeValue = string | number | boolean | null;
export interface EntityObject {
  [name: string]: AttributeValue | EntityObject | EntityObject[];
}

/** Reads one attribute of a caller's object (any object shaped like an entity); undefined when absent. */
export function readAttribute(object: object | null | undefined, name: string): unknown {
  if (object === null || object === undefined) return undefined;
  return Object.prototype.hasOwnProperty.call(object, name) ? (object as Record<string, unknown>)[name] : undefined;
}

/** Empty in the Mendix sense: no value, or an empty string. */
export function isEmpty(value: unknown): value is null | undefined | '' {
  return value === null || value === undefined || value === '';
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

export function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

export function utf8ByteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

export function utf8Text(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/**
 * Whether the text is one JSON value, as JSON.parse reads it (RFC 8259: only space, tab, line feed
 * and carriage return as white space, no trailing commas, any nesting depth), checked without
 * building the value: a payload is checked on every call and then sent as it is, and JSON.parse
 * would make every object, array and string in it for nothing.
 */
export function isValidJson(text: string): boolean {
  // The containers open around the current position, innermost last.
  const open: Container[] = [];
  let i = skipWhitespace(text, 0);
  for (;;) {
    // A value starts at i.
    const c = text.charCodeAt(i);
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      const container: Container = c === OPEN_BRACE ? 'object' : 'array';
      i = skipWhitespace(text, i + 1);
      if (text.charCodeAt(i) === closing(container)) i++;
      else {
        open.push(container);
        i = container === 'object' ? memberName(text, i) : i;
        if (i < 0) return false;
        i = skipWhitespace(text, i);
        continue;
      }
    } else {
      i = scalarEnd(text, i, c);
      if (i < 0) return false;
    }
    // A value ended at i: close the containers it ends, then go on to the next element, if any.
    i = skipWhitespace(text, i);
    let container = open[open.length - 1];
    while (container !== undefined && text.charCodeAt(i) === closing(container)) {
      open.pop();
      i = skipWhitespace(text, i + 1);
      container = open[open.length - 1];
    }
    if (container === undefined) return i === text.length;
    if (text.charCodeAt(i) !== COMMA) return false;
    i = skipWhitespace(text, i + 1);
    if (container === 'object') {
      i = memberName(text, i);
      if (i < 0) return false;
      i = skipWhitespace(text, i);
    }
  }
}

type Container = 'object' | 'array';

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LITERALS = ['true', 'false', 'null'] as const;

function closing(container: Container): number {
  return container === 'object' ? 0x7d : 0x5d;
}

function skipWhitespace(text: string, i: number): number {
  for (let c = text.charCodeAt(i); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(i)) i++;
  return i;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** A member's name and its colon at i: the index after the colon, or -1. */
function memberName(text: string, i: number): number {
  if (text.charCodeAt(i) !== QUOTE) return -1;
  const end = stringEnd(text, i);
  if (end < 0) return -1;
  const colon = skipWhitespace(text, end);
  return text.charCodeAt(colon) === 0x3a ? colon + 1 : -1;
}

/** The end of the string, number, true, false or null that starts at i with `c`; -1 when none does. */
function scalarEnd(text: string, i: number, c: number): number {
  if (c === QUOTE) return stringEnd(text, i);
  if (c === 0x2d || isDigit(c)) return numberEnd(text, i);
  for (const literal of LITERALS) if (text.startsWith(literal, i)) return i + literal.length;
  return -1;
}

/** The index after the closing quote of the string that opens at i, or -1. */
function stringEnd(text: string, i: number): number {
  for (i++; ;) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i + 1;
    // Control characters must be escaped; NaN: the text ended.
    if (!(c >= 0x20)) return -1;
    if (c !== BACKSLASH) {
      i++;
      continue;
    }
    switch (text.charCodeAt(i + 1)) {
      case QUOTE:
      case BACKSLASH:
      case 0x2f: // /
      case 0x62: // b
      case 0x66: // f
      case 0x6e: // n
      case 0x72: // r
      case 0x74: // t
        i += 2;
        break;
      case 0x75: // u and four hex digits
        for (let k = i + 2; k < i + 6; k++) if (!isHexDigit(text.charCodeAt(k))) return -1;
        i += 6;
        break;
      default:
        return -1;
    }
  }
}

/** The end of the number at i (minus sign, integer part without leading zeros, fraction, exponent), or -1. */
function numberEnd(text: string, i: number): number {
  if (text.charCodeAt(i) === 0x2d) i++;
  if (text.charCodeAt(i) === 0x30) i++;
  else if (isDigit(text.charCodeAt(i))) while (isDigit(text.charCodeAt(i))) i++;
  else return -1;
  if (text.charCodeAt(i) === 0x2e) {
    i++;
    if (!isDigit(text.charCodeAt(i))) return -1;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const e = text.charCodeAt(i);
  if (e === 0x65 || e === 0x45) {
    i++;
    const sign = text.charCodeAt(i);
    if (sign === 0x2b || sign === 0x2d) i++;
    if (!isDigit(text.charCodeAt(i))) return -1;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  return i;
}

/**
 * An API time stamp as an ISO 8601 UTC string with milliseconds (`2024-05-01T12:34:56.789Z`).
 * Accepts Dates and the text forms AWS Lambda uses (`2024-05-01T12:34:56.789+0000`); null when unreadable.
 */
export function isoTimestamp(value: unknown): string | null {
  let date: Date;
  if (value instanceof Date) date = value;
  else if (typeof value === 'number') date = new Date(value * 1000);
  else if (typeof value === 'string') date = new Date(value.trim().replace(/([+-]\d{2}):?(\d{2})$/, '$1:$2'));
  else return null;
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Writes a value at a dotted path, creating the structures on the way. */
export function writePath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let cursor = target;
  path.forEach((step, i) => {
    if (i === path.length - 1) {
      cursor[step] = value;
      return;
    }
    const next = cursor[step];
    if (next === null || typeof next !== 'object') cursor[step] = {};
    cursor = cursor[step] as Record<string, unknown>;
  });
}
