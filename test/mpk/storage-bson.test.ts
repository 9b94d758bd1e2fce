import { Binary, BSON, Double, Int32, Long } from 'bson';
import { describe, expect, it } from 'vitest';
import { MpkFormatError } from '../../generator/mpk/errors.js';
import {
  binary,
  compareStorageKeys,
  decodeStorageObject,
  double,
  encodeStorageObject,
  guidOf,
  guidValue,
  int32,
  int64,
  list,
  orderStorageKeys,
  StorageBinary,
  StorageDouble,
  StorageEncoded,
  StorageInt32,
  StorageInt64,
  StorageList,
  storageToJson,
  type StorageObject,
  type StorageValue,
} from '../../generator/mpk/storage-bson.js';
import { loadFingerprint } from './helpers.js';

/**
 * A minimal BSON walker written for the test, independent of the bson package: the key and
 * element type byte of every element of the top-level document.
 */
function topLevelElements(bytes: Uint8Array): [string, number][] {
  const buf = Buffer.from(bytes);
  const out: [string, number][] = [];
  let p = 4;
  while (buf[p] !== 0) {
    const type = buf[p]!;
    const nameEnd = buf.indexOf(0, p + 1);
    const key = buf.toString('utf8', p + 1, nameEnd);
    out.push([key, type]);
    p = nameEnd + 1;
    if (type === 0x01 || type === 0x12) p += 8;
    else if (type === 0x10) p += 4;
    else if (type === 0x08) p += 1;
    else if (type === 0x0a) p += 0;
    else if (type === 0x02) p += 4 + buf.readInt32LE(p);
    else if (type === 0x05) p += 5 + buf.readInt32LE(p);
    else if (type === 0x03 || type === 0x04) p += buf.readInt32LE(p);
    else throw new Error(`unexpected type ${type}`);
  }
  return out;
}

const ID = '00112233-4455-6677-8899-aabbccddeeff';

function sample(): StorageObject {
  // Deliberately out of order: the encoder decides the order.
  return {
    Zeta: int64(7),
    alpha: double(2),
    $Type: 'Test$Thing',
    Beta: null,
    _Key: 'k',
    Flag: true,
    Items: list(3, [{ $Type: 'Test$Item', $ID: guidValue('a1b2c3d4-e5f6-4789-8abc-def012345678'), Name: 'i' }]),
    Names: list(1, ['A.B', 'A.C']),
    Empty: list(2),
    Bitmap: binary(),
    $ID: guidValue(ID),
  };
}

describe('storage key order', () => {
  it('puts $ID and $Type first, then compares lower-cased names ordinally', () => {
    expect(orderStorageKeys(['Zeta', 'alpha', '$Type', 'Beta', '_Key', '$ID', 'AllowNonPersistableEntities', 'AllowedTypes'])).toEqual([
      '$ID',
      '$Type',
      // '_' (0x5F) sorts before lower-case letters once names are lower-cased (after 'A'-'Z' if upper-cased).
      '_Key',
      // "allowedtypes" < "allownonpersistableentities" ('e' < 'n'), although 'N' < 'e' ordinally.
      'AllowedTypes',
      'AllowNonPersistableEntities',
      'alpha',
      'Beta',
      'Zeta',
    ]);
  });

  it('breaks case-only ties ordinally so the order is total', () => {
    expect(compareStorageKeys('Name', 'name')).toBeLessThan(0);
    expect(compareStorageKeys('name', 'Name')).toBeGreaterThan(0);
    expect(compareStorageKeys('Name', 'Name')).toBe(0);
  });

  it('reproduces the key order of every stored type in the committed 9.0.5, 9.24 and 10.21 fingerprints', () => {
    for (const version of ['10.21.0', '9.24.0', '9.0.5'] as const) {
      const fingerprint = loadFingerprint(version);
      let checked = 0;
      for (const [type, facts] of Object.entries(fingerprint.types)) {
        for (const keys of facts.keyOrders) {
          expect(orderStorageKeys(keys), `${version} ${type}`).toEqual(keys);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(50);
    }
  });
});

describe('encodeStorageObject', () => {
  it('writes keys in storage order with the exact BSON element types', () => {
    expect(topLevelElements(encodeStorageObject(sample()))).toEqual([
      ['$ID', 0x05],
      ['$Type', 0x02],
      ['_Key', 0x02],
      ['alpha', 0x01], // Double even though the value is integral
      ['Beta', 0x0a],
      ['Bitmap', 0x05],
      ['Empty', 0x04],
      ['Flag', 0x08],
      ['Items', 0x04],
      ['Names', 0x04],
      ['Zeta', 0x12], // Int64 even though it fits in 32 bits
    ]);
  });

  it('writes a GUID as a 16-byte subtype-0 binary in .NET order', () => {
    const bytes = Buffer.from(encodeStorageObject({ $ID: guidValue(ID), $Type: 'T$T' }));
    // int32 size, 0x05, "$ID\0", int32 length 16, subtype 0, then the bytes
    expect(bytes[4]).toBe(0x05);
    expect(bytes.readInt32LE(9)).toBe(16);
    expect(bytes[13]).toBe(0);
    expect(bytes.subarray(14, 30).toString('hex')).toBe('33221100554477668899aabbccddeeff');
  });

  it('writes a list as an array whose element "0" is the Int32 marker', () => {
    const doc = BSON.deserialize(encodeStorageObject({ $ID: guidValue(ID), $Type: 'T$T', Empty: list(2), Names: list(1, ['x']) }), {
      promoteValues: false,
    });
    const empty = doc.Empty as unknown[];
    const names = doc.Names as unknown[];
    expect(empty).toHaveLength(1);
    expect((empty[0] as { _bsontype: string; value: number })._bsontype).toBe('Int32');
    expect((empty[0] as { value: number }).value).toBe(2);
    expect((names[0] as { value: number }).value).toBe(1);
    expect(names[1]).toBe('x');
  });

  it('refuses plain numbers, arrays and undefined, naming the path', () => {
    const bad = (value: unknown): StorageObject => ({ $ID: guidValue(ID), $Type: 'T$T', Inner: { $Type: 'T$U', Value: value as StorageValue } });
    expect(() => encodeStorageObject(bad(3))).toThrow(/Plain number at Inner\.Value/);
    expect(() => encodeStorageObject(bad(['a']))).toThrow(/Plain array at Inner\.Value/);
    expect(() => encodeStorageObject(bad(undefined))).toThrow(/Inner\.Value is undefined/);
  });

  it('validates numeric ranges where values are made', () => {
    expect(() => int32(2 ** 31)).toThrow(RangeError);
    expect(() => int64(2 ** 60)).toThrow(RangeError); // not a safe integer: use a bigint
    expect(() => list(1.5)).toThrow(RangeError);
    expect(int64(2n ** 62n).value).toBe(2n ** 62n);
  });
});

describe('decodeStorageObject', () => {
  it('round-trips types, values and key order', () => {
    const decoded = decodeStorageObject(encodeStorageObject(sample()));
    expect(Object.keys(decoded)).toEqual(['$ID', '$Type', '_Key', 'alpha', 'Beta', 'Bitmap', 'Empty', 'Flag', 'Items', 'Names', 'Zeta']);
    expect(decoded.Zeta).toBeInstanceOf(StorageInt64);
    expect((decoded.Zeta as StorageInt64).value).toBe(7n);
    expect(decoded.alpha).toBeInstanceOf(StorageDouble);
    expect(decoded.Beta).toBeNull();
    expect(decoded.Bitmap).toBeInstanceOf(StorageBinary);
    expect((decoded.Bitmap as StorageBinary).bytes).toHaveLength(0);
    expect(decoded.Empty).toEqual(list(2));
    expect(guidOf(decoded.$ID)).toBe(ID);
    const items = decoded.Items as StorageList;
    expect(items.marker).toBe(3);
    expect(Object.keys(items.items[0] as StorageObject)).toEqual(['$ID', '$Type', 'Name']);
    expect(storageToJson(decoded)).toEqual(storageToJson(sample()));
  });

  it('re-encodes decoded bytes to identical bytes', () => {
    const bytes = encodeStorageObject(sample());
    expect(Buffer.from(encodeStorageObject(decodeStorageObject(bytes))).equals(Buffer.from(bytes))).toBe(true);
  });

  it('keeps an Int64 beyond 2^53 exactly and an Int32 as Int32', () => {
    const big = 2n ** 53n + 1n;
    const decoded = decodeStorageObject(encodeStorageObject({ $ID: guidValue(ID), $Type: 'T$T', Big: int64(big), Small: int32(-5) }));
    expect((decoded.Big as StorageInt64).value).toBe(big);
    expect(storageToJson(decoded.Small!)).toEqual({ $int32: -5 });
  });

  it('rejects arrays without a list marker and BSON types Mendix does not use', () => {
    expect(() => decodeStorageObject(BSON.serialize({ List: ['a'] }))).toThrow(MpkFormatError);
    expect(() => decodeStorageObject(BSON.serialize({ List: ['a'] }))).toThrow(/List does not start with an Int32 list marker/);
    expect(() => decodeStorageObject(BSON.serialize({ When: new Date(0) }))).toThrow(/Unsupported BSON value/);
    expect(() => decodeStorageObject(Uint8Array.from([1, 2, 3]))).toThrow(/not valid BSON/);
  });
});

/** The value the bson package is given for a stored value: how the encoder worked before it wrote BSON itself. */
function bsonPackageValue(value: StorageValue): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof StorageInt32) return new Int32(value.value);
  if (value instanceof StorageInt64) return Long.fromBigInt(value.value);
  if (value instanceof StorageDouble) return new Double(value.value);
  if (value instanceof StorageBinary) return new Binary(value.bytes, value.subtype);
  if (value instanceof StorageList) return [new Int32(value.marker), ...value.items.map(bsonPackageValue)];
  if (value instanceof StorageEncoded) return bsonPackageValue(decodeStorageObject(value.bytes));
  const out: Record<string, unknown> = {};
  for (const key of orderStorageKeys(Object.keys(value)))
    Object.defineProperty(out, key, { value: bsonPackageValue(value[key] as StorageValue), enumerable: true });
  return out;
}

describe('encodeStorageObject, against the bson package', () => {
  it('writes the bytes the bson package writes for every kind of value', () => {
    const nested: StorageObject = { $ID: guidValue(ID), $Type: 'T$Inner', Text: 'in', Number: int64(-1) };
    const value: StorageObject = {
      $ID: guidValue(ID),
      $Type: 'T$Everything',
      Zulu: 'last by name',
      alpha: 'first by name',
      Unicode: 'caf\u00e9 \u{1f600} \ud800 lone surrogate',
      Empty: '',
      Yes: true,
      No: false,
      Nothing: null,
      Small: int64(0),
      Large: int64(2n ** 62n),
      Negative: int64(-(2n ** 63n)),
      Half: double(0.5),
      NegativeZero: double(-0),
      NotANumber: double(Number.NaN),
      Infinite: double(Number.POSITIVE_INFINITY),
      Guid: guidValue(ID),
      Image: binary(new Uint8Array([0, 1, 2, 255])),
      NoImage: binary(),
      OldBinary: new StorageBinary(new Uint8Array([9, 8, 7]), 2),
      Part: nested,
      NoPart: null,
      Names: list(1, ['a', 'b', '']),
      Parts: list(3, [nested, { ...nested, Text: 'other' }]),
      NoParts: list(2),
      Encoded: new StorageEncoded(encodeStorageObject(nested)),
      EncodedParts: list(3, [new StorageEncoded(encodeStorageObject(nested)), nested]),
    };
    const expected = BSON.serialize(bsonPackageValue(value) as Record<string, unknown>, {
      checkKeys: false,
      ignoreUndefined: false,
      serializeFunctions: false,
    });
    expect(Buffer.from(encodeStorageObject(value)).equals(Buffer.from(expected))).toBe(true);
  });

  it('orders the keys of each object by its own keys when objects of one type differ in them', () => {
    const bson = (value: StorageObject) =>
      BSON.serialize(bsonPackageValue(value) as Record<string, unknown>, { checkKeys: false, ignoreUndefined: false, serializeFunctions: false });
    const full: StorageObject = { $ID: guidValue(ID), $Type: 'T$Same', b: 'b', a: 'a', c: 'c' };
    const fewer: StorageObject = { $ID: guidValue(ID), $Type: 'T$Same', c: 'c', a: 'a' };
    const other: StorageObject = { $ID: guidValue(ID), $Type: 'T$Same', a: 'a', d: 'd', b: 'b' };
    for (const value of [full, fewer, other, full, other, fewer]) expect(Buffer.from(encodeStorageObject(value)).equals(Buffer.from(bson(value)))).toBe(true);
  });

  it('writes a document of many megabytes as the bson package does', () => {
    const items = Array.from({ length: 20_000 }, (_, i): StorageObject => ({
      $ID: guidValue(ID),
      $Type: 'T$Item',
      Name: `item ${i}`.repeat(20),
      Index: int64(i),
    }));
    const value: StorageObject = { $ID: guidValue(ID), $Type: 'T$Big', Items: list(3, items) };
    const expected = BSON.serialize(bsonPackageValue(value) as Record<string, unknown>, {
      checkKeys: false,
      ignoreUndefined: false,
      serializeFunctions: false,
    });
    expect(expected.length).toBeGreaterThan(4 * 1024 * 1024);
    expect(Buffer.from(encodeStorageObject(value)).equals(Buffer.from(expected))).toBe(true);
  });
});
