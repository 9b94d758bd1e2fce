import { describe, expect, it } from 'vitest';
import { MpkFormatError } from '../../generator/mpk/errors.js';
import { writeMpr } from '../../generator/mpk/mpr.js';
import { readPackage } from '../../generator/mpk/read-package.js';
import { storageToJson } from '../../generator/mpk/storage-bson.js';
import { writePackage } from '../../generator/mpk/write-package.js';
import { writeZip } from '../../generator/mpk/zip.js';
import { ids, METADATA_10_21, sampleUnits } from './helpers.js';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

const FILES = [
  { path: 'themesource/demo/web/main.scss', data: text('// theme') },
  { path: 'javasource/demo/actions/Invoke.java', data: text('class Invoke {}') },
  { path: 'vendorlib/lib-1.0.jar', data: text('jar bytes') },
];

async function buildPackage(): Promise<Uint8Array> {
  return writePackage({ moduleName: 'Demo', mpr: { metadata: METADATA_10_21, units: sampleUnits() }, files: FILES });
}

describe('writePackage + readPackage', () => {
  it('reads back everything the writers put in', async () => {
    const pkg = await readPackage(await buildPackage());
    expect(pkg.moduleName).toBe('Demo');
    expect(pkg.metadata).toEqual(METADATA_10_21);
    expect(pkg.zipEntries.map((e) => e.path)).toEqual([
      'project.mpr',
      'package.xml',
      'vendorlib/lib-1.0.jar',
      'javasource/demo/actions/Invoke.java',
      'themesource/demo/web/main.scss',
    ]);
    // package.xml lists the module files in zip order
    expect(pkg.packageXmlFiles).toEqual(pkg.files.map((f) => f.path));
    expect(pkg.files.every((f) => f.listedInPackageXml)).toBe(true);
    expect(new TextDecoder().decode(pkg.files.find((f) => f.path.endsWith('Invoke.java'))!.data)).toBe('class Invoke {}');
    expect(pkg.units.map((u) => [u.unitId, u.containerId, u.containmentName])).toEqual([
      [ids.project, ids.project, ''],
      [ids.module, ids.project, 'Modules'],
      [ids.domainModel, ids.module, 'DomainModel'],
      [ids.folder, ids.module, 'Folders'],
    ]);
    const input = sampleUnits();
    for (const unit of pkg.units) {
      expect(storageToJson(unit.contents)).toEqual(storageToJson(input.find((u) => u.unitId === unit.unitId)!.contents));
    }
  });

  it('builds byte-identical packages for the same input', async () => {
    const a = await buildPackage();
    const b = await buildPackage();
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('keeps the caller order with entryOrder "as-given"', async () => {
    const bytes = await writePackage({ moduleName: 'Demo', mpr: { metadata: METADATA_10_21, units: sampleUnits() }, files: FILES, entryOrder: 'as-given' });
    const pkg = await readPackage(bytes);
    expect(pkg.files.map((f) => f.path)).toEqual(FILES.map((f) => f.path));
    expect(pkg.packageXmlFiles).toEqual(FILES.map((f) => f.path));
  });

  it('refuses module files named project.mpr or package.xml', async () => {
    await expect(
      writePackage({ moduleName: 'Demo', mpr: { metadata: METADATA_10_21, units: sampleUnits() }, files: [{ path: 'package.xml', data: text('') }] }),
    ).rejects.toThrow(/written by writePackage itself/);
  });
});

describe('readPackage errors', () => {
  it('says the file is not a zip', async () => {
    await expect(readPackage(text('PK? no, just text'))).rejects.toThrow(MpkFormatError);
    await expect(readPackage(text('PK? no, just text'))).rejects.toThrow(/Not a zip file/);
  });

  it('says project.mpr is missing', async () => {
    const zip = writeZip([{ path: 'package.xml', data: text('<package><module name="X" /></package>') }]);
    await expect(readPackage(zip)).rejects.toThrow(/no project.mpr/);
  });

  it('says package.xml is missing', async () => {
    const zip = writeZip([{ path: 'project.mpr', data: await writeMpr({ metadata: METADATA_10_21, units: sampleUnits() }) }]);
    await expect(readPackage(zip)).rejects.toThrow(/no package.xml/);
  });

  it('says project.mpr is not a database', async () => {
    const zip = writeZip([
      { path: 'project.mpr', data: text('not sqlite') },
      { path: 'package.xml', data: text('<package><module name="X" /></package>') },
    ]);
    await expect(readPackage(zip)).rejects.toThrow(/project.mpr is not an SQLite database/);
  });
});
