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

/**
 * A stored object already encoded (encodeStorageObject), which the encoder writes as it is: the BSON of
 * a document nested in another is the BSON of that document on its own. Lets the parts of a large
 * unit be converted and encoded one by one, each as soon as it is built.
 */
export class StorageEncoded {
  readonly bsonType = 'object' as const;
  constructor(readonly bytes: Uint8Array) {}
}

export type StorageValue = string | boolean | null | StorageInt32 | StorageInt64 | StorageDouble | StorageBinary | StorageList | StorageEncoded | StorageObject;

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
    !(value instanceof StorageEncoded) &&
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

// BSON element types (bsonspec.org), the only ones Mendix storage uses.
const BSON_DOUBLE = 0x01;
const BSON_STRING = 0x02;
const BSON_DOCUMENT = 0x03;
const BSON_ARRAY = 0x04;
const BSON_BINARY = 0x05;
const BSON_BOOLEAN = 0x08;
const BSON_NULL = 0x0a;
const BSON_INT32 = 0x10;
const BSON_INT64 = 0x12;
/** The old binary subtype, whose bytes carry a length of their own. */
const BINARY_SUBTYPE_BYTE_ARRAY = 2;

/** Keys of an object in Mendix order, remembered per key list: the objects of one type share theirs. */
const keyOrders = new Map<string, string[]>();

/**
 * The last order found for each `$Type`: objects of one type nearly always have the same keys, and
 * checking that an object has exactly the remembered keys is cheaper than naming its key list.
 */
const keyOrdersByType = new Map<string, string[]>();

function hasExactly(value: StorageObject, keys: readonly string[]): boolean {
  let count = 0;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    count++;
  }
  if (count !== keys.length) return false;
  for (const key of keys) if (!Object.prototype.hasOwnProperty.call(value, key)) return false;
  return true;
}

function storageKeyOrder(value: StorageObject): string[] {
  const type = value['$Type'];
  const typed = typeof type === 'string' ? keyOrdersByType.get(type) : undefined;
  if (typed && hasExactly(value, typed)) return typed;
  const keys = Object.keys(value);
  const id = keys.join('\u0000');
  let ordered = keyOrders.get(id);
  if (!ordered) {
    ordered = orderStorageKeys(keys);
    keyOrders.set(id, ordered);
  }
  if (typeof type === 'string') keyOrdersByType.set(type, ordered);
  return ordered;
}

/**
 * The writer's buffer, kept from one document to the next: a module's entities are encoded one by
 * one, and each would otherwise allocate its own. Every document is copied out of it (result()).
 */
let scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * Writes BSON straight from stored values: the bytes of the `bson` package's serializer for the
 * same document (the tests compare both), without first building its value objects for every
 * value of the document, a second copy of a module's model as large as the first.
 */
class BsonWriter {
  private bytes = scratch;
  private length = 0;
  /** Where the writer is, for messages: keys and list positions from the root. */
  private readonly path: (string | number)[] = [];

  private reserve(count: number): void {
    if (this.length + count <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + count));
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
    scratch = grown;
  }

  private byte(value: number): void {
    this.reserve(1);
    this.bytes[this.length++] = value;
  }

  private int32(value: number): void {
    this.reserve(4);
    this.length = this.bytes.writeInt32LE(value, this.length);
  }

  /**
   * UTF-8 text (unpaired surrogates as U+FFFD, as Buffer and the bson package write them), without a
   * terminator. ASCII, which nearly all stored text is, is copied byte by byte: for short texts that
   * is several times faster than Buffer's encoder, which takes the rest.
   */
  private utf8(text: string): number {
    this.reserve(text.length * 3);
    const bytes = this.bytes;
    const start = this.length;
    const n = text.length;
    let i = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) break;
      bytes[start + i] = c;
    }
    const written = i === n ? n : i + bytes.write(text.slice(i), start + i, 'utf8');
    this.length += written;
    return written;
  }

  private elementHeader(type: number, key: string, inArray: boolean): void {
    if (!inArray && key.includes('\u0000')) throw new TypeError(`Key ${JSON.stringify(key)} at ${describePath(this.path)} contains a null character.`);
    this.byte(type);
    this.utf8(key);
    this.byte(0);
  }

  object(value: StorageObject): void {
    const start = this.length;
    this.int32(0);
    for (const key of storageKeyOrder(value)) {
      this.path.push(key);
      this.element(key, value[key], false);
      this.path.pop();
    }
    this.byte(0);
    this.bytes.writeInt32LE(this.length - start, start);
  }

  /** A list: a BSON array of its Int32 marker, then its items. */
  private list(value: StorageList): void {
    const start = this.length;
    this.int32(0);
    this.path.push(0);
    this.element('0', new StorageInt32(value.marker), true);
    value.items.forEach((item, i) => {
      this.path[this.path.length - 1] = i + 1;
      this.element(String(i + 1), item, true);
    });
    this.path.pop();
    this.byte(0);
    this.bytes.writeInt32LE(this.length - start, start);
  }

  private element(key: string, value: StorageValue | undefined, inArray: boolean): void {
    const path = this.path;
    if (value === undefined) throw new TypeError(`Storage value at ${describePath(path)} is undefined; write null for an unset part.`);
    if (typeof value === 'number' || typeof value === 'bigint') {
      throw new TypeError(`Plain number at ${describePath(path)}: wrap it as int64(), double() or int32() so its BSON type is explicit.`);
    }
    if (value === null) {
      this.elementHeader(BSON_NULL, key, inArray);
    } else if (typeof value === 'string') {
      this.elementHeader(BSON_STRING, key, inArray);
      const at = this.length;
      this.int32(0);
      const size = this.utf8(value);
      this.byte(0);
      this.bytes.writeInt32LE(size + 1, at);
    } else if (typeof value === 'boolean') {
      this.elementHeader(BSON_BOOLEAN, key, inArray);
      this.byte(value ? 1 : 0);
    } else if (value instanceof StorageInt32) {
      this.elementHeader(BSON_INT32, key, inArray);
      this.int32(value.value);
    } else if (value instanceof StorageInt64) {
      this.elementHeader(BSON_INT64, key, inArray);
      this.reserve(8);
      this.length = this.bytes.writeBigInt64LE(value.value, this.length);
    } else if (value instanceof StorageDouble) {
      this.elementHeader(BSON_DOUBLE, key, inArray);
      this.reserve(8);
      this.length = this.bytes.writeDoubleLE(value.value, this.length);
    } else if (value instanceof StorageBinary) {
      this.elementHeader(BSON_BINARY, key, inArray);
      const oldForm = value.subtype === BINARY_SUBTYPE_BYTE_ARRAY;
      this.int32(value.bytes.length + (oldForm ? 4 : 0));
      this.byte(value.subtype);
      if (oldForm) this.int32(value.bytes.length);
      this.reserve(value.bytes.length);
      this.bytes.set(value.bytes, this.length);
      this.length += value.bytes.length;
    } else if (value instanceof StorageList) {
      this.elementHeader(BSON_ARRAY, key, inArray);
      this.list(value);
    } else if (value instanceof StorageEncoded) {
      this.elementHeader(BSON_DOCUMENT, key, inArray);
      this.reserve(value.bytes.length);
      this.bytes.set(value.bytes, this.length);
      this.length += value.bytes.length;
    } else if (Array.isArray(value)) {
      throw new TypeError(`Plain array at ${describePath(path)}: use list(marker, items).`);
    } else {
      this.elementHeader(BSON_DOCUMENT, key, inArray);
      this.object(value);
    }
  }

  result(): Uint8Array {
    return new Uint8Array(this.bytes.subarray(0, this.length));
  }
}

/** Encodes one stored object (a unit's contents) to BSON bytes, keys in Mendix order. */
export function encodeStorageObject(value: StorageObject): Uint8Array {
  if (!isStorageObject(value)) throw new TypeError('Only an object can be encoded as a BSON document.');
  const writer = new BsonWriter();
  writer.object(value);
  return writer.result();
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
  if (value instanceof StorageEncoded) return storageToJson(decodeStorageObject(value.bytes));
  const out: { [key: string]: JsonValue } = {};
  for (const [key, inner] of Object.entries(value)) setOwn(out, key, storageToJson(inner));
  return out;
}
