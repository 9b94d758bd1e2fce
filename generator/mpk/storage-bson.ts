/**
 * Unit contents as Mendix stores them: BSON documents whose exact BSON types matter (Studio Pro
 * reads an Int64 where it wrote one, a Double for sort indexes, a Binary for ids and images).
 * JavaScript numbers cannot say which of Int32/Int64/Double they are, so every number is wrapped
 * in a class here, and lists carry their Int32 marker explicitly.
 *
 * Facts this module relies on (checked on Studio Pro 9.0.5, 9.24 and 10.21 exports):
 * - every stored object starts with `$ID` (Binary subtype 0, 16 bytes) and `$Type` (string);
 * - the other keys follow in case-insensitive order, compared on lower-cased names ordinally, so
 *   `_Key` comes before `Caption` (an upper-casing comparison would put it after);
 * - every BSON array is a list whose first element is an Int32 marker, then the items;
 * - Int32 appears only as that marker; integers are Int64, `NewSortIndex` is a Double;
 * - no other BSON types (dates, ObjectIds, ...) occur.
 */
import { BSON, Binary, Double, Int32, Long } from 'bson';
import { MpkFormatError } from './errors.js';
import { bytesToGuid, guidToBytes } from './guid.js';

function checkInt32(value: number): void {
  if (!Number.isInteger(value) || value < -0x80000000 || value > 0x7fffffff) throw new RangeError(`Int32 out of range: ${value}`);
}

export class StorageInt32 {
  readonly bsonType = 'int32' as const;
  constructor(readonly value: number) {
    checkInt32(value);
  }
}

export class StorageInt64 {
  readonly bsonType = 'int64' as const;
  readonly value: bigint;
  constructor(value: bigint | number) {
    if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new RangeError(`Int64 needs a safe integer, got ${value}`);
    const big = BigInt(value);
    if (big < -(2n ** 63n) || big >= 2n ** 63n) throw new RangeError(`Int64 out of range: ${big}`);
    this.value = big;
  }
}

export class StorageDouble {
  readonly bsonType = 'double' as const;
  constructor(readonly value: number) {}
}

/** BSON Binary. Mendix uses subtype 0 for GUIDs (16 bytes) and for images/bitmaps (possibly empty). */
export class StorageBinary {
  readonly bsonType = 'binary' as const;
  constructor(
    readonly bytes: Uint8Array,
    readonly subtype: number = 0,
  ) {}
}

/** A stored list: a BSON array `[Int32 marker, ...items]`. An empty list is `[marker]`. */
export class StorageList {
  readonly bsonType = 'list' as const;
  constructor(
    readonly marker: number,
    readonly items: readonly StorageValue[],
  ) {
    // Validate eagerly so a bad marker fails where it is written, not at encode time.
    checkInt32(marker);
  }
}

/** A stored object. Key order on write is decided by the encoder, so literal order does not matter. */
export interface StorageObject {
  [key: string]: StorageValue;
}

export type StorageValue = string | boolean | null | StorageInt32 | StorageInt64 | StorageDouble | StorageBinary | StorageList | StorageObject;

export type StorageBsonType = 'string' | 'boolean' | 'null' | 'int32' | 'int64' | 'double' | 'binary' | 'object' | 'list';

// Small constructors, so that model-building code reads like the stored data.
export const int32 = (value: number): StorageInt32 => new StorageInt32(value);
export const int64 = (value: bigint | number): StorageInt64 => new StorageInt64(value);
export const double = (value: number): StorageDouble => new StorageDouble(value);
export const binary = (bytes: Uint8Array = new Uint8Array(0)): StorageBinary => new StorageBinary(bytes, 0);
export const list = (marker: number, items: readonly StorageValue[] = []): StorageList => new StorageList(marker, items);
/** A GUID as Mendix stores it: Binary subtype 0 in `Guid.ToByteArray()` byte order. */
export const guidValue = (guid: string): StorageBinary => new StorageBinary(guidToBytes(guid), 0);

export function isStorageObject(value: StorageValue | undefined): value is StorageObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof StorageInt32) &&
    !(value instanceof StorageInt64) &&
    !(value instanceof StorageDouble) &&
    !(value instanceof StorageBinary) &&
    !(value instanceof StorageList) &&
    !Array.isArray(value)
  );
}

export function storageBsonType(value: StorageValue): StorageBsonType {
  if (value === null) return 'null';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (isStorageObject(value)) return 'object';
  return value.bsonType;
}

/** The GUID text of a 16-byte subtype-0 Binary, or undefined for anything else. */
export function guidOf(value: StorageValue | undefined): string | undefined {
  if (value instanceof StorageBinary && value.subtype === 0 && value.bytes.length === 16) return bytesToGuid(value.bytes);
  return undefined;
}

/** Mendix key order: `$ID`, `$Type`, then by lower-cased name (ordinal); exact name breaks ties. */
export function compareStorageKeys(a: string, b: string): number {
  const rank = (key: string): number => (key === '$ID' ? 0 : key === '$Type' ? 1 : 2);
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return byRank;
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function orderStorageKeys(keys: readonly string[]): string[] {
  return [...keys].sort(compareStorageKeys);
}

// ---------------------------------------------------------------------------------------------
// Encoding

type BsonOut = string | boolean | null | Int32 | Long | Double | Binary | BsonOut[] | { [key: string]: BsonOut };

function describePath(path: readonly (string | number)[]): string {
  return path.length === 0
    ? '(root)'
    : path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
        .join('')
        .replace(/^\./, '');
}

function setOwn<T>(target: { [key: string]: T }, key: string, value: T): void {
  // defineProperty, not assignment: a key such as "__proto__" must become data, not a prototype.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function toBson(value: StorageValue | undefined, path: (string | number)[]): BsonOut {
  if (value === undefined) throw new TypeError(`Storage value at ${describePath(path)} is undefined; write null for an unset part.`);
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' || typeof value === 'bigint') {
    throw new TypeError(`Plain number at ${describePath(path)}: wrap it as int64(), double() or int32() so its BSON type is explicit.`);
  }
  if (value instanceof StorageInt32) return new Int32(value.value);
  if (value instanceof StorageInt64) return Long.fromBigInt(value.value);
  if (value instanceof StorageDouble) return new Double(value.value);
  if (value instanceof StorageBinary) return new Binary(value.bytes, value.subtype);
  if (value instanceof StorageList) {
    return [new Int32(value.marker), ...value.items.map((item, i) => toBson(item, [...path, i + 1]))];
  }
  if (Array.isArray(value)) throw new TypeError(`Plain array at ${describePath(path)}: use list(marker, items).`);
  const out: { [key: string]: BsonOut } = {};
  for (const key of orderStorageKeys(Object.keys(value))) setOwn(out, key, toBson(value[key], [...path, key]));
  return out;
}

/** Encodes one stored object (a unit's contents) to BSON bytes, keys in Mendix order. */
export function encodeStorageObject(value: StorageObject): Uint8Array {
  const doc = toBson(value, []);
  if (!isBsonDocument(doc)) throw new TypeError('Only an object can be encoded as a BSON document.');
  return BSON.serialize(doc, { checkKeys: false, ignoreUndefined: false, serializeFunctions: false });
}

function isBsonDocument(value: BsonOut): value is { [key: string]: BsonOut } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !('_bsontype' in value);
}

// ---------------------------------------------------------------------------------------------
// Decoding

const ARRAY_INDEX_KEY = /^(0|[1-9][0-9]*)$/;

function fromBson(value: unknown, path: (string | number)[]): StorageValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Int32) return new StorageInt32(value.value);
  if (value instanceof Double) return new StorageDouble(value.value);
  if (value instanceof Long) return new StorageInt64(value.toBigInt());
  if (value instanceof Binary) return new StorageBinary(Uint8Array.from(value.buffer.subarray(0, value.position)), value.sub_type);
  if (Array.isArray(value)) {
    const [marker, ...items] = value as unknown[];
    if (!(marker instanceof Int32)) {
      throw new MpkFormatError(`BSON array at ${describePath(path)} does not start with an Int32 list marker.`);
    }
    return new StorageList(
      marker.value,
      items.map((item, i) => fromBson(item, [...path, i + 1])),
    );
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: StorageObject = {};
    for (const [key, inner] of Object.entries(value)) {
      // JavaScript objects list integer-like keys first, which would silently reorder them.
      if (ARRAY_INDEX_KEY.test(key)) throw new MpkFormatError(`Key "${key}" at ${describePath(path)} cannot keep its position (integer-like key).`);
      setOwn(out, key, fromBson(inner, [...path, key]));
    }
    return out;
  }
  const kind = typeof value === 'object' && value !== null && '_bsontype' in value ? String(value._bsontype) : typeof value;
  throw new MpkFormatError(`Unsupported BSON value (${kind}) at ${describePath(path)}; Mendix storage does not use it.`);
}

/** Decodes BSON bytes of a stored object, keeping key order and exact BSON types. */
export function decodeStorageObject(bytes: Uint8Array): StorageObject {
  let raw: unknown;
  try {
    raw = BSON.deserialize(bytes, { promoteValues: false, promoteLongs: false, promoteBuffers: false, bsonRegExp: true });
  } catch (error) {
    throw new MpkFormatError(`Unit contents are not valid BSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const decoded = fromBson(raw, []);
  if (!isStorageObject(decoded)) throw new MpkFormatError('Unit contents are not a BSON document.');
  return decoded;
}

// ---------------------------------------------------------------------------------------------
// Debug view

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A JSON view that keeps the BSON types visible (`{"$int64": "12"}`, `{"$guid": "..."}`,
 * `{"$list": 3, "items": [...]}`), for reports, snapshots and diffs.
 */
export function storageToJson(value: StorageValue): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof StorageInt32) return { $int32: value.value };
  if (value instanceof StorageInt64) return { $int64: value.value.toString() };
  if (value instanceof StorageDouble) return { $double: value.value };
  if (value instanceof StorageBinary) {
    const guid = guidOf(value);
    if (guid !== undefined) return { $guid: guid };
    return { $binary: Buffer.from(value.bytes).toString('base64'), subtype: value.subtype };
  }
  if (value instanceof StorageList) return { $list: value.marker, items: value.items.map(storageToJson) };
  const out: { [key: string]: JsonValue } = {};
  for (const [key, inner] of Object.entries(value)) setOwn(out, key, storageToJson(inner));
  return out;
}
