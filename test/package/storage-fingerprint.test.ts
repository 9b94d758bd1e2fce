import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { STORAGE_MAPPING_10_21, type Conversion } from '../../generator/emit/storage-mapping.js';
import { loadTarget } from '../../generator/emit/targets.js';
import { extractFingerprint, type Fingerprint, type KeyFingerprint, type TypeFingerprint } from '../../generator/mpk/fingerprint.js';
import { orderStorageKeys } from '../../generator/mpk/storage-bson.js';
import { PACKAGE_ROOT } from '../../generator/paths.js';
import { bundledForms, bundledPackage } from './bundled-package.js';

/**
 * The generator's storage format, in the package of every bundled spec in both forms, against real Studio Pro exports. The fingerprints were extracted
 * from real packages by test/tools/extract-fingerprint.ts; every stored type the generator writes
 * must have the keys (in order), BSON types and list markers of the same type in the 10.21 export.
 */

function fixture(version: string): Fingerprint {
  return JSON.parse(readFileSync(join(PACKAGE_ROOT, 'test', 'fixtures', 'storage-fingerprint', `mendix-${version}.json`), 'utf8')) as Fingerprint;
}
const reference = fixture('10.21.0');
const older = [fixture('9.24.0'), fixture('9.0.5')];

/**
 * Types the 10.21 export does not contain, checked against the newest older export that has them.
 * Both have kept their keys since (EnumerationType: parameter of enumeration type; Decimal: the
 * attribute type with no settings).
 */
const FROM_OLDER_EXPORTS = new Set(['CodeActions$EnumerationType', 'DomainModels$DecimalAttributeType']);

/**
 * A value the 10.21 export only shows in another form: its Java actions are not in the toolbox
 * (MicroflowActionInfo null), ours are. The same key holds a CodeActions$MicroflowActionInfo object
 * in the 9.0.5 export, and 10.21 stores that object under Microflows$Microflow.
 */
const OBJECT_WHERE_REFERENCE_HAS_NULL = new Set(['JavaActions$JavaAction.MicroflowActionInfo']);

function referenceType(type: string): TypeFingerprint | undefined {
  if (reference.types[type]) return reference.types[type];
  if (!FROM_OLDER_EXPORTS.has(type)) return undefined;
  return older.find((f) => f.types[type])?.types[type];
}

function expectSameKey(type: string, ours: KeyFingerprint, theirs: KeyFingerprint | undefined): void {
  expect(theirs, `${type}.${ours.name} exists in the real export`).toBeDefined();
  if (!theirs) return;
  for (const bson of ours.bsonTypes) {
    const exception = bson === 'object' && OBJECT_WHERE_REFERENCE_HAS_NULL.has(`${type}.${ours.name}`);
    if (!exception) expect(theirs.bsonTypes, `${type}.${ours.name} BSON type`).toContain(bson);
  }
  if (ours.listMarkers) expect(ours.listMarkers, `${type}.${ours.name} list marker`).toEqual(theirs.listMarkers);
  if (ours.binaryKinds?.includes('16 bytes')) expect(theirs.binaryKinds, `${type}.${ours.name} GUID`).toContain('16 bytes');
}

describe.each(bundledForms())('storage format of the package of $name', ({ file, credentialSource }) => {
  let ours: Fingerprint;
  beforeAll(async () => {
    ours = await extractFingerprint((await bundledPackage(file, credentialSource)).mpk);
  }, 60_000);

  it('writes the _MetaData of Mendix 10.21', () => {
    expect(ours.metadata).toEqual(reference.metadata);
  });

  it('writes the SQLite tables exactly as the real export defines them', () => {
    expect(ours.sqlite.schema).toEqual(reference.sqlite.schema);
    expect(ours.sqlite.header).toEqual(reference.sqlite.header);
    expect(ours.sqlite.unitColumnTypes).toEqual(reference.sqlite.unitColumnTypes);
    expect(ours.sqlite.rootContainsItself).toBe(true);
    expect(ours.sqlite.unitIdEqualsContentsId).toBe(true);
    expect(ours.sqlite.rowOrder).toBe('parents before children');
    expect(ours.sqlite.bsonReencodeIdentical).toBe(true);
  });

  it('lays out the zip and package.xml like the real export', () => {
    expect(ours.zip.directoryEntries).toBe(0);
    expect(ours.zip.projectMprPosition).toBe(reference.zip.projectMprPosition);
    expect(ours.zip.packageXmlPosition).toBe(reference.zip.packageXmlPosition);
    expect(ours.zip.pathSeparator).toBe('/');
    expect(ours.packageXml.bom).toBe(reference.packageXml.bom);
    expect(ours.packageXml.lineEnding).toBe(reference.packageXml.lineEnding);
    expect(ours.packageXml.trailingLineEnd).toBe(reference.packageXml.trailingLineEnd);
  });

  it('places every unit under the container and containment name the real export uses', () => {
    for (const entry of ours.units.layout) {
      const real = reference.units.layout.find(
        (r) => r.type === entry.type && r.containerType === entry.containerType && r.containmentName === entry.containmentName,
      );
      expect(real, `${entry.type} under ${entry.containerType}.${entry.containmentName}`).toBeDefined();
    }
  });

  it('records the one-time conversions of Mendix 10.21', () => {
    expect(ours.oneTimeConversions).toEqual(reference.oneTimeConversions);
  });

  it('writes every stored type with the keys, key order, BSON types and list markers of the real export', () => {
    const types = Object.keys(ours.types).sort();
    expect(types.length).toBeGreaterThan(40);
    for (const type of types) {
      const theirs = referenceType(type);
      expect(theirs, `${type} is in a real export`).toBeDefined();
      if (!theirs) continue;
      const mine = ours.types[type] as TypeFingerprint;
      expect(mine.keyOrders, `${type} key order`).toEqual([theirs.keyOrders[0]]);
      for (const key of mine.keys)
        expectSameKey(
          type,
          key,
          theirs.keys.find((k) => k.name === key.name),
        );
    }
  });
});

/** The BSON type each conversion writes. */
function bsonTypesOf(conversion: Conversion): string[] {
  switch (conversion.kind) {
    case 'string':
    case 'nameReference':
    case 'point':
      return ['string'];
    case 'boolean':
      return ['boolean'];
    case 'int64':
      return ['int64'];
    case 'double':
      return ['double'];
    case 'guid':
    case 'idReference':
    case 'image':
      return ['binary'];
    case 'part':
      return ['object', 'null'];
    case 'parts':
    case 'nameReferences':
      return ['list'];
  }
}

describe('the SDK-to-storage mapping table', () => {
  it('maps every SDK type to a storage type of the real export, with exactly its keys and their BSON types', () => {
    for (const [sdkType, mapping] of Object.entries(STORAGE_MAPPING_10_21)) {
      const theirs = referenceType(mapping.storageType);
      expect(theirs, `${sdkType} -> ${mapping.storageType} is in a real export`).toBeDefined();
      if (!theirs) continue;
      const keys = orderStorageKeys(['$ID', '$Type', ...Object.values(mapping.properties).map((p) => p.storage)]);
      expect(keys, `${mapping.storageType} keys`).toEqual(theirs.keyOrders[0]);
      for (const property of Object.values(mapping.properties)) {
        const key = theirs.keys.find((k) => k.name === property.storage) as KeyFingerprint;
        const writes = bsonTypesOf(property.conversion);
        const exception = OBJECT_WHERE_REFERENCE_HAS_NULL.has(`${mapping.storageType}.${property.storage}`);
        expect(exception || writes.some((t) => key.bsonTypes.includes(t)), `${mapping.storageType}.${property.storage}: ${writes} vs ${key.bsonTypes}`).toBe(
          true,
        );
        if (property.conversion.kind === 'parts' || property.conversion.kind === 'nameReferences') {
          expect(key.listMarkers, `${mapping.storageType}.${property.storage} marker`).toEqual([property.conversion.marker]);
        }
      }
    }
  });

  it('knows the exceptions it relies on are facts of the real exports', () => {
    const javaActionInfo9 = older[1]?.types['JavaActions$JavaAction']?.keys.find((k) => k.name === 'MicroflowActionInfo');
    expect(javaActionInfo9?.objectTypes).toContain('CodeActions$MicroflowActionInfo');
    const microflowInfo = reference.types['Microflows$Microflow']?.keys.find((k) => k.name === 'MicroflowActionInfo');
    expect(microflowInfo?.objectTypes).toContain('CodeActions$MicroflowActionInfo');
    for (const type of FROM_OLDER_EXPORTS) expect(reference.types[type]).toBeUndefined();
  });

  it('ships target facts that agree with the real export of that version', () => {
    const target = loadTarget('10.21.0');
    expect(target).toBeDefined();
    expect({ productVersion: target?.productVersion, buildVersion: target?.buildVersion, schemaHash: target?.schemaHash }).toEqual(reference.metadata);
    expect(target?.oneTimeConversions).toEqual(reference.oneTimeConversions);
  });
});
