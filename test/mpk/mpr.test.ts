import { createHash } from 'node:crypto';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { MpkFormatError } from '../../generator/mpk/errors.js';
import { guidToBytes } from '../../generator/mpk/guid.js';
import { contentsHash, mprSchemaSql, readMpr, readSqliteHeader, schemaStyleForVersion, writeMpr, type MprUnitInput } from '../../generator/mpk/mpr.js';
import { encodeStorageObject, guidValue, storageToJson } from '../../generator/mpk/storage-bson.js';
import { ids, loadFingerprint, METADATA_10_21, sampleUnits } from './helpers.js';

describe('writeMpr / readMpr', () => {
  it('round-trips metadata and units, with ContentsHash = base64(SHA-256(contents))', async () => {
    const units = sampleUnits();
    const file = await readMpr(await writeMpr({ metadata: METADATA_10_21, units }));
    expect(file.metadata).toEqual(METADATA_10_21);
    expect(file.units.map((u) => u.unitId)).toEqual([ids.project, ids.module, ids.domainModel, ids.folder]);
    for (const unit of file.units) {
      const input = units.find((u) => u.unitId === unit.unitId)!;
      expect(unit.containerId).toBe(input.containerId);
      expect(unit.containmentName).toBe(input.containmentName);
      expect(unit.treeConflict).toBe(0);
      expect(unit.contentsConflicts).toBe('');
      expect(unit.contentsHash).toBe(createHash('sha256').update(encodeStorageObject(input.contents)).digest('base64'));
      expect(Buffer.from(unit.contentsBytes).equals(Buffer.from(encodeStorageObject(input.contents)))).toBe(true);
      expect(storageToJson(unit.contents)).toEqual(storageToJson(input.contents));
    }
  });

  it('stores ids as .NET-order blobs, the root as its own container with containment name ""', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database(await writeMpr({ metadata: METADATA_10_21, units: sampleUnits() }));
    const [row] = db.exec('SELECT UnitID, ContainerID, ContainmentName, typeof(ContainmentName), typeof(TreeConflict) FROM Unit ORDER BY rowid LIMIT 1')[0]!
      .values;
    db.close();
    expect(Buffer.from(row![0] as Uint8Array).equals(Buffer.from(guidToBytes(ids.project)))).toBe(true);
    expect(Buffer.from(row![1] as Uint8Array).equals(Buffer.from(guidToBytes(ids.project)))).toBe(true);
    expect(row!.slice(2)).toEqual(['', 'text', 'integer']);
  });

  it('produces byte-identical files for the same input', async () => {
    const a = await writeMpr({ metadata: METADATA_10_21, units: sampleUnits() });
    const b = await writeMpr({ metadata: METADATA_10_21, units: sampleUnits() });
    expect(a.length).toBeGreaterThan(0);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const other = await writeMpr({ metadata: { ...METADATA_10_21, buildVersion: 'x' }, units: sampleUnits() });
    expect(Buffer.from(a).equals(Buffer.from(other))).toBe(false);
  });

  it('writes parents before children whatever the input order', async () => {
    const reversed = [...sampleUnits()].reverse();
    const file = await readMpr(await writeMpr({ metadata: METADATA_10_21, units: reversed }));
    // Root first; then the module; its children keep their (reversed) input order.
    expect(file.units.map((u) => u.unitId)).toEqual([ids.project, ids.module, ids.folder, ids.domainModel]);
  });

  it('creates the tables exactly as the 10.21 sample does and the same SQLite header settings', async () => {
    const bytes = await writeMpr({ metadata: METADATA_10_21, units: sampleUnits() });
    const file = await readMpr(bytes);
    const sample = loadFingerprint('10.21.0').sqlite;
    expect(file.schema).toEqual(sample.schema);
    const { pageCount, ...header } = readSqliteHeader(bytes);
    expect(pageCount).toBeGreaterThan(1);
    expect(header).toEqual(sample.header);
  });

  it('chooses the table layout by version, matching each sample', () => {
    expect(schemaStyleForVersion('10.21.0.64362')).toBe('mendix10');
    expect(schemaStyleForVersion('9.24.0.2965')).toBe('mendix9');
    expect(schemaStyleForVersion('9.0.5.17836')).toBe('compact');
    const sql = (version: '10.21.0' | '9.24.0' | '9.0.5'): string[] =>
      loadFingerprint(version).sqlite.schema.flatMap((entry) => (entry.sql === null ? [] : [entry.sql]));
    expect(Object.values(mprSchemaSql('mendix10'))).toEqual(sql('10.21.0'));
    expect(Object.values(mprSchemaSql('mendix9'))).toEqual(sql('9.24.0'));
    expect(Object.values(mprSchemaSql('compact'))).toEqual(sql('9.0.5'));
    expect(mprSchemaSql('mendix10').unit).toBe(
      'CREATE TABLE Unit\r\n            (\r\n                UnitID BLOB PRIMARY KEY NOT NULL,\r\n                ContainerID BLOB,\r\n' +
        '                ContainmentName TEXT,\r\n                TreeConflict LONG,\r\n                ContentsHash TEXT,\r\n' +
        '                ContentsConflicts TEXT,\r\n                Contents BLOB\r\n            )',
    );
  });

  it('computes ContentsHash as base64 SHA-256', () => {
    // SHA-256 of the empty input, a well-known value.
    expect(contentsHash(new Uint8Array(0))).toBe('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
  });

  it('rejects inconsistent unit lists', async () => {
    const units = sampleUnits();
    await expect(writeMpr({ metadata: METADATA_10_21, units: [...units, units[1]!] })).rejects.toThrow(/Duplicate unit id/);
    const dangling: MprUnitInput = { ...units[3]!, containerId: '00000000-0000-4000-8000-000000000001' };
    await expect(writeMpr({ metadata: METADATA_10_21, units: [...units.slice(0, 3), dangling] })).rejects.toThrow(/not among the units/);
    const wrongId: MprUnitInput = { ...units[3]!, contents: { ...units[3]!.contents, $ID: guidValue(ids.module) } };
    await expect(writeMpr({ metadata: METADATA_10_21, units: [...units.slice(0, 3), wrongId] })).rejects.toThrow(/\$ID must be the unit id/);
    const secondRoot: MprUnitInput = { ...units[3]!, containerId: units[3]!.unitId };
    await expect(writeMpr({ metadata: METADATA_10_21, units: [...units.slice(0, 3), secondRoot] })).rejects.toThrow(/exactly one root/);
  });

  it('reports a wrong ContentsHash and a file that is not SQLite as MpkFormatError', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database(await writeMpr({ metadata: METADATA_10_21, units: sampleUnits() }));
    db.run("UPDATE Unit SET ContentsHash = 'AAAA' WHERE ContainmentName = 'Modules'");
    const tampered = db.export();
    db.close();
    await expect(readMpr(tampered)).rejects.toThrow(MpkFormatError);
    await expect(readMpr(tampered)).rejects.toThrow(new RegExp(`Unit ${ids.module}: ContentsHash AAAA does not match`));
    await expect(readMpr(tampered, { verifyHashes: false })).resolves.toHaveProperty('units.length', 4);
    await expect(readMpr(new TextEncoder().encode('hello'))).rejects.toThrow(/not an SQLite database/);
  });
});
