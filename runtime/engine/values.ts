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

export function isValidJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
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

/** Reads a dotted path (`Concurrency.ReservedConcurrentExecutions`) from an API value. */
export function readPath(source: unknown, path: readonly string[]): unknown {
  let cursor: unknown = source;
  for (const step of path) {
    if (cursor === null || typeof cursor !== 'object') return undefined;
    cursor = (cursor as Record<string, unknown>)[step];
  }
  return cursor;
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
