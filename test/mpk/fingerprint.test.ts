import { describe, expect, it } from 'vitest';
import { extractFingerprint, fingerprintFileName, stringifyFingerprint } from '../../generator/mpk/fingerprint.js';
import { deterministicUuid as deterministicGuid } from '../../generator/model/sdk-deterministic-ids.js';
import { guidValue, list } from '../../generator/mpk/storage-bson.js';
import { writePackage } from '../../generator/mpk/write-package.js';
import { ids, loadFingerprint, METADATA_10_21, sampleUnits } from './helpers.js';

async function ownPackage(): Promise<Uint8Array> {
  return writePackage({
    moduleName: 'Demo',
    mpr: { metadata: METADATA_10_21, units: sampleUnits() },
    files: [
      { path: 'javasource/demo/actions/Invoke.java', data: new TextEncoder().encode('class Invoke {}') },
      { path: 'userlib/x.jar.Demo.RequiredLib', data: new Uint8Array(0) },
    ],
  });
}

describe('extractFingerprint on a package from our writers', () => {
  it('matches the 10.21 sample in everything the writers control', async () => {
    const ours = await extractFingerprint(await ownPackage());
    const sample = loadFingerprint('10.21.0');
    expect(ours.metadata).toEqual(sample.metadata);
    expect(ours.sqlite.schema).toEqual(sample.sqlite.schema);
    expect(ours.sqlite.header).toEqual(sample.sqlite.header);
    expect(ours.sqlite.unitColumnTypes).toEqual(sample.sqlite.unitColumnTypes);
    for (const key of [
      'treeConflictValues',
      'contentsConflictsValues',
      'rootContainmentName',
      'rootContainsItself',
      'unitIdEqualsContentsId',
      'rowOrder',
      'bsonReencodeIdentical',
    ] as const) {
      expect(ours.sqlite[key], key).toEqual(sample.sqlite[key]);
    }
    expect(ours.packageXml).toEqual({ ...sample.packageXml, fileCount: 2 });
    expect(ours.zip).toMatchObject({
      directoryEntries: 0,
      projectMprPosition: 'first',
      packageXmlPosition: 'second',
      entriesNotInPackageXml: 0,
      listedEntriesInPackageXmlOrder: true,
      listedEntriesFollowOrderPackageEntries: true,
      pathSeparator: '/',
      generalPurposeFlags: [0],
      versionsNeeded: sample.zip.versionsNeeded,
    });
    // The empty marker file is stored, as in the 9.24 export.
    expect(ours.zip.compressionMethods).toEqual({ deflate: 3, stored: 1 });
    expect(ours.zip.storedEntriesAreEmpty).toBe(true);
  });

  it('describes the unit tree and every stored type, keys in order with BSON types and markers', async () => {
    const ours = await extractFingerprint(await ownPackage());
    expect(ours.units.layout).toEqual([
      { type: 'DomainModels$DomainModel', containerType: 'Projects$ModuleImpl', containmentName: 'DomainModel', count: 1 },
      { type: 'Projects$Folder', containerType: 'Projects$ModuleImpl', containmentName: 'Folders', count: 1 },
      { type: 'Projects$ModuleImpl', containerType: 'Projects$Project', containmentName: 'Modules', count: 1 },
      { type: 'Projects$Project', containerType: '(self)', containmentName: '', count: 1 },
    ]);
    expect(Object.keys(ours.types)).toEqual([
      'DomainModels$DomainModel',
      'DomainModels$EntityImpl',
      'Projects$Folder',
      'Projects$ModuleImpl',
      'Projects$Project',
    ]);
    const entity = ours.types['DomainModels$EntityImpl']!;
    expect(entity).toMatchObject({ count: 1, asUnit: 0, keyOrderFollowsRule: true });
    expect(entity.keyOrders).toEqual([['$ID', '$Type', 'AccessRules', 'ImageData', 'Location', 'Name', 'Source']]);
    expect(entity.keys.find((k) => k.name === 'ImageData')).toEqual({ name: 'ImageData', bsonTypes: ['binary'], binaryKinds: ['empty'] });
    expect(entity.keys.find((k) => k.name === 'Source')).toEqual({ name: 'Source', bsonTypes: ['null'] });
    const domainModel = ours.types['DomainModels$DomainModel']!;
    expect(domainModel.keys.find((k) => k.name === 'Entities')).toEqual({
      name: 'Entities',
      bsonTypes: ['list'],
      listMarkers: [3],
      itemBsonTypes: ['object'],
      itemTypes: ['DomainModels$EntityImpl'],
    });
    const module = ours.types['Projects$ModuleImpl']!;
    expect(module.keys.find((k) => k.name === 'NewSortIndex')?.bsonTypes).toEqual(['double']);
    expect(module.keys.find((k) => k.name === 'AppStorePackageId')?.bsonTypes).toEqual(['int64']);
    // Names are user content, never recorded as tokens.
    expect(module.keys.find((k) => k.name === 'Name')?.tokens).toBeUndefined();
  });

  it('lists the one-time conversion names of the ProjectConversion unit in stored order', async () => {
    const conversionId = deterministicGuid('test#conversion');
    const conversion = (name: string) => ({ $ID: guidValue(deterministicGuid(`test#${name}`)), $Type: 'Projects$OneTimeConversion', Name: name });
    const units = [
      ...sampleUnits(),
      {
        unitId: conversionId,
        containerId: ids.project,
        containmentName: 'ProjectConversion',
        contents: { $ID: guidValue(conversionId), $Type: 'Projects$ProjectConversion', OneTimeConversions: list(3, [conversion('Zed'), conversion('Alpha')]) },
      },
    ];
    const bytes = await writePackage({ moduleName: 'Demo', mpr: { metadata: METADATA_10_21, units }, files: [] });
    expect((await extractFingerprint(bytes)).oneTimeConversions).toEqual(['Zed', 'Alpha']);
    expect((await extractFingerprint(await ownPackage())).oneTimeConversions).toEqual([]);
  });

  it('names the output by product version and serialises stably', async () => {
    const a = await extractFingerprint(await ownPackage());
    const b = await extractFingerprint(await ownPackage());
    expect(fingerprintFileName(a)).toBe('mendix-10.21.0.json');
    expect(stringifyFingerprint(a)).toBe(stringifyFingerprint(b));
    expect(stringifyFingerprint(a).endsWith('}\n')).toBe(true);
  });
});

describe('committed fingerprints', () => {
  it('hold the facts the writers depend on', () => {
    for (const version of ['10.21.0', '9.24.0', '9.0.5'] as const) {
      const fp = loadFingerprint(version);
      expect(fp.metadata.productVersion.startsWith(version)).toBe(true);
      expect(fp.sqlite.bsonReencodeIdentical).toBe(true);
      expect(fp.sqlite.rowOrder).toBe('parents before children');
      expect(fp.zip.directoryEntries).toBe(0);
      expect(fp.packageXml).toMatchObject({ bom: false, lineEnding: 'CRLF', trailingLineEnd: false });
      expect(Object.values(fp.types).every((t) => t.keyOrderFollowsRule && t.keyOrders.length === 1)).toBe(true);
    }
    expect(loadFingerprint('9.0.5').zip).toMatchObject({ projectMprPosition: 'second to last', packageXmlPosition: 'last' });
    expect(loadFingerprint('10.21.0').zip).toMatchObject({ projectMprPosition: 'first', packageXmlPosition: 'second' });
  });
});
