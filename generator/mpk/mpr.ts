/**
 * The single-file MPR ("v1") inside a module package: an SQLite database with a `_MetaData` row and
 * one `Unit` row per model unit, whose `Contents` is the unit's BSON document.
 *
 * Written with sql.js (SQLite compiled to WebAssembly), so no native module is needed. The
 * database is built in one transaction from a fixed statement sequence, which makes the file bytes
 * depend only on the input (and the sql.js version).
 */
import { createHash } from 'node:crypto';
import initSqlJs from 'sql.js';
import { MpkFormatError } from './errors.js';
import { bytesToGuid, guidToBytes } from './guid.js';
import { decodeStorageObject, encodeStorageObject, guidOf, type StorageObject } from './storage-bson.js';
import { useBaselineWebAssembly } from './webassembly-tier.js';

export interface MprMetadata {
  /** `_ProductVersion`, e.g. `10.21.0.64362`; Studio Pro refuses packages from a newer version than itself. */
  productVersion: string;
  /** `_BuildVersion`; equal to the product version in every sample seen. */
  buildVersion: string;
  /** `_SchemaHash`, e.g. `{SHA256}...=`; fixed per Mendix version, copy it from a real file of that version. */
  schemaHash: string;
}

export interface MprUnitInput {
  unitId: string;
  /** The containing unit; the project root contains itself. */
  containerId: string;
  /** Property of the container holding this unit (`Modules`, `Documents`, ...); '' for the root. */
  containmentName: string;
  /** The unit's stored object; its `$ID` must be the unit id. */
  contents: StorageObject;
}

/**
 * How the CREATE TABLE text is laid out. SQLite keeps that text verbatim in `sqlite_master`, and
 * each Studio Pro generation wrote it differently: `mendix10` as 10.21, `mendix9` as 9.24,
 * `compact` as 9.0.5. The columns are the same in all three (only 9.0.5 spells the primary key as
 * a table constraint).
 */
export type MprSchemaStyle = 'mendix10' | 'mendix9' | 'compact';

export interface MprInput {
  metadata: MprMetadata;
  units: readonly MprUnitInput[];
  /** Defaults to the style of the metadata's product version (see schemaStyleForVersion). */
  schemaStyle?: MprSchemaStyle;
}

export interface MprUnit {
  unitId: string;
  containerId: string;
  containmentName: string;
  contentsHash: string;
  treeConflict: number | null;
  contentsConflicts: string | null;
  contentsBytes: Uint8Array;
  contents: StorageObject;
}

export interface SqliteSchemaEntry {
  type: string;
  name: string;
  tableName: string;
  sql: string | null;
}

export interface MprFile {
  metadata: MprMetadata;
  /** `sqlite_master` rows in file order. */
  schema: SqliteSchemaEntry[];
  /** Units in row order. */
  units: MprUnit[];
}

const CRLF = '\r\n';

function layoutCreateTable(name: string, columns: readonly string[], parenIndent: number, columnIndent: number): string {
  const pad = (n: number): string => ' '.repeat(n);
  return [`CREATE TABLE ${name}`, `${pad(parenIndent)}(`, columns.map((c) => `${pad(columnIndent)}${c}`).join(`,${CRLF}`), `${pad(parenIndent)})`].join(CRLF);
}

const METADATA_COLUMNS = ['_ProductVersion TEXT', '_BuildVersion TEXT', '_SchemaHash TEXT'];
const UNIT_COLUMNS = [
  'UnitID BLOB PRIMARY KEY NOT NULL',
  'ContainerID BLOB',
  'ContainmentName TEXT',
  'TreeConflict LONG',
  'ContentsHash TEXT',
  'ContentsConflicts TEXT',
  'Contents BLOB',
];

/** The exact CREATE TABLE statements of each style, as found in the samples' `sqlite_master`. */
export function mprSchemaSql(style: MprSchemaStyle): { metaData: string; unit: string } {
  switch (style) {
    case 'mendix10':
      return { metaData: layoutCreateTable('_MetaData', METADATA_COLUMNS, 8, 12), unit: layoutCreateTable('Unit', UNIT_COLUMNS, 12, 16) };
    case 'mendix9':
      return { metaData: layoutCreateTable('_MetaData', METADATA_COLUMNS, 20, 24), unit: layoutCreateTable('Unit', UNIT_COLUMNS, 20, 24) };
    case 'compact':
      return {
        metaData: 'CREATE TABLE _MetaData(_ProductVersion TEXT,_BuildVersion TEXT,_SchemaHash TEXT)',
        unit:
          'CREATE TABLE Unit(UnitID BLOB NOT NULL,ContainerID BLOB,ContainmentName TEXT,TreeConflict LONG,' +
          'ContentsHash TEXT,ContentsConflicts TEXT,Contents BLOB,PRIMARY KEY(UnitID))',
      };
  }
}

/**
 * Style for a product version. Only 9.0.5, 9.24 and 10.21 were observed; which release between
 * 9.0 and 9.24 switched layouts is not known, so 9.x below 9.24 gets the 9.0.5 layout. SQLite
 * reads all three the same way, so a wrong guess only changes whitespace in `sqlite_master`.
 */
export function schemaStyleForVersion(productVersion: string): MprSchemaStyle {
  const [major = 0, minor = 0] = productVersion.split('.').map((part) => Number.parseInt(part, 10));
  if (major >= 10) return 'mendix10';
  if (major === 9 && minor >= 24) return 'mendix9';
  return 'compact';
}

/** `ContentsHash`: base64 of the SHA-256 of the stored BSON bytes. */
export function contentsHash(contents: Uint8Array): string {
  return createHash('sha256').update(contents).digest('base64');
}

type SqlJs = Awaited<ReturnType<typeof initSqlJs>>;
let sqlJs: Promise<SqlJs> | undefined;

function loadSqlJs(): Promise<SqlJs> {
  if (!sqlJs) useBaselineWebAssembly();
  // Loading the WebAssembly module is the slow part; do it once per process.
  sqlJs ??= initSqlJs();
  return sqlJs;
}

/**
 * Starts compiling SQLite's WebAssembly now: it compiles on another thread while the caller goes on
 * (building the model), instead of while writeMpr waits for it. A failure shows in writeMpr.
 */
export function preloadSqlite(): void {
  loadSqlJs().catch(() => undefined);
}

/**
 * Rows in tree order: the root, then each unit followed by everything it contains, siblings in
 * input order. Studio Pro's exports list units parent-before-children the same way, and a fixed
 * rule keeps the file identical for identical input.
 */
export function orderUnitsForWrite<T extends Pick<MprUnitInput, 'unitId' | 'containerId'>>(units: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const unit of units) {
    const id = unit.unitId.toLowerCase();
    if (byId.has(id)) throw new Error(`Duplicate unit id ${unit.unitId}.`);
    byId.set(id, unit);
  }
  const children = new Map<string, T[]>();
  const roots: T[] = [];
  for (const unit of units) {
    const id = unit.unitId.toLowerCase();
    const container = unit.containerId.toLowerCase();
    if (container === id) {
      roots.push(unit);
      continue;
    }
    if (!byId.has(container)) throw new Error(`Unit ${unit.unitId} is contained in ${unit.containerId}, which is not among the units.`);
    const siblings = children.get(container) ?? [];
    siblings.push(unit);
    children.set(container, siblings);
  }
  if (roots.length !== 1) throw new Error(`Expected exactly one root unit (containing itself), found ${roots.length}.`);
  const ordered: T[] = [];
  const visit = (unit: T): void => {
    ordered.push(unit);
    for (const child of children.get(unit.unitId.toLowerCase()) ?? []) visit(child);
  };
  visit(roots[0]!);
  // A containment cycle away from the root would leave units unvisited.
  if (ordered.length !== units.length) throw new Error('Some units are not reachable from the root (containment cycle).');
  return ordered;
}

/** Builds the project.mpr bytes. */
export async function writeMpr(input: MprInput): Promise<Uint8Array> {
  const ordered = orderUnitsForWrite(input.units);
  const rows = ordered.map((unit) => {
    const ownId = guidOf(unit.contents.$ID);
    if (ownId === undefined || ownId !== unit.unitId.toLowerCase()) {
      throw new Error(`Unit ${unit.unitId}: contents.$ID must be the unit id as a GUID binary (found ${ownId ?? 'none'}).`);
    }
    const bytes = encodeStorageObject(unit.contents);
    return [guidToBytes(unit.unitId), guidToBytes(unit.containerId), unit.containmentName, 0, contentsHash(bytes), '', bytes] as const;
  });

  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  try {
    const schema = mprSchemaSql(input.schemaStyle ?? schemaStyleForVersion(input.metadata.productVersion));
    db.run('BEGIN');
    db.run(schema.metaData);
    db.run(schema.unit);
    db.run('INSERT INTO _MetaData (_ProductVersion, _BuildVersion, _SchemaHash) VALUES (?, ?, ?)', [
      input.metadata.productVersion,
      input.metadata.buildVersion,
      input.metadata.schemaHash,
    ]);
    const insert = db.prepare(
      'INSERT INTO Unit (UnitID, ContainerID, ContainmentName, TreeConflict, ContentsHash, ContentsConflicts, Contents) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    try {
      for (const row of rows) insert.run([...row]);
    } finally {
      insert.free();
    }
    db.run('COMMIT');
    return db.export();
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Reading

export interface SqliteHeaderFacts {
  pageSize: number;
  /** 1 = rollback journal (journal_mode DELETE and friends), 2 = WAL. */
  writeVersion: number;
  readVersion: number;
  pageCount: number;
  freelistPageCount: number;
  schemaFormat: number;
  /** 1 = UTF-8, 2 = UTF-16le, 3 = UTF-16be. */
  textEncoding: number;
  userVersion: number;
  applicationId: number;
  /** Non-zero when auto_vacuum/incremental vacuum is on. */
  autoVacuumRootPage: number;
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

export function isSqliteFile(bytes: Uint8Array): boolean {
  return bytes.length >= 100 && Buffer.from(bytes.subarray(0, 16)).toString('latin1') === SQLITE_MAGIC;
}

/** The database header fields that decide how SQLite treats the file (offsets per the SQLite file format). */
export function readSqliteHeader(bytes: Uint8Array): SqliteHeaderFacts {
  if (!isSqliteFile(bytes)) throw new MpkFormatError('project.mpr is not an SQLite database (bad header).');
  const view = new DataView(bytes.buffer, bytes.byteOffset, 100);
  const rawPageSize = view.getUint16(16);
  return {
    pageSize: rawPageSize === 1 ? 65536 : rawPageSize,
    writeVersion: view.getUint8(18),
    readVersion: view.getUint8(19),
    pageCount: view.getUint32(28),
    freelistPageCount: view.getUint32(36),
    schemaFormat: view.getUint32(44),
    autoVacuumRootPage: view.getUint32(52),
    textEncoding: view.getUint32(56),
    userVersion: view.getUint32(60),
    applicationId: view.getUint32(68),
  };
}

function asText(value: unknown, what: string): string {
  if (typeof value === 'string') return value;
  throw new MpkFormatError(`${what} is not text.`);
}

function asBlob(value: unknown, what: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  throw new MpkFormatError(`${what} is not a blob.`);
}

export interface ReadMprOptions {
  /** Check every ContentsHash against the contents (default true). */
  verifyHashes?: boolean;
}

/** Opens project.mpr bytes and decodes every unit. Throws MpkFormatError for anything unexpected. */
export async function readMpr(bytes: Uint8Array, options: ReadMprOptions = {}): Promise<MprFile> {
  if (!isSqliteFile(bytes)) throw new MpkFormatError('project.mpr is not an SQLite database (bad header).');
  const SQL = await loadSqlJs();
  const db = new SQL.Database(bytes);
  try {
    let schemaRows: unknown[][];
    try {
      schemaRows = db.exec('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid')[0]?.values ?? [];
    } catch (error) {
      throw new MpkFormatError(`project.mpr cannot be opened as SQLite: ${error instanceof Error ? error.message : String(error)}`);
    }
    const schema = schemaRows.map(([type, name, tableName, sql]) => ({
      type: asText(type, 'sqlite_master.type'),
      name: asText(name, 'sqlite_master.name'),
      tableName: asText(tableName, 'sqlite_master.tbl_name'),
      sql: sql === null ? null : asText(sql, 'sqlite_master.sql'),
    }));
    for (const table of ['_MetaData', 'Unit']) {
      if (!schema.some((entry) => entry.type === 'table' && entry.name === table)) {
        throw new MpkFormatError(`project.mpr has no ${table} table; it is not a Mendix single-file project.`);
      }
    }

    const metaRows = db.exec('SELECT _ProductVersion, _BuildVersion, _SchemaHash FROM _MetaData')[0]?.values ?? [];
    if (metaRows.length !== 1) throw new MpkFormatError(`project.mpr: _MetaData has ${metaRows.length} rows, expected 1.`);
    const [productVersion, buildVersion, schemaHash] = metaRows[0]!;
    const metadata: MprMetadata = {
      productVersion: asText(productVersion, '_ProductVersion'),
      buildVersion: asText(buildVersion, '_BuildVersion'),
      schemaHash: asText(schemaHash, '_SchemaHash'),
    };

    const unitRows =
      db.exec('SELECT UnitID, ContainerID, ContainmentName, TreeConflict, ContentsHash, ContentsConflicts, Contents FROM Unit ORDER BY rowid')[0]?.values ?? [];
    const units = unitRows.map((row, index): MprUnit => {
      const [unitId, containerId, containmentName, treeConflict, hash, conflicts, contents] = row;
      const what = `Unit row ${index + 1}`;
      const id = bytesToGuid(asBlob(unitId, `${what} UnitID`));
      const contentsBytes = asBlob(contents, `${what} Contents`);
      const storedHash = asText(hash, `${what} ContentsHash`);
      if (options.verifyHashes !== false && contentsHash(contentsBytes) !== storedHash) {
        throw new MpkFormatError(`Unit ${id}: ContentsHash ${storedHash} does not match its contents (${contentsHash(contentsBytes)}).`);
      }
      let decoded: StorageObject;
      try {
        decoded = decodeStorageObject(contentsBytes);
      } catch (error) {
        throw new MpkFormatError(`Unit ${id}: ${error instanceof Error ? error.message : String(error)}`);
      }
      return {
        unitId: id,
        containerId: bytesToGuid(asBlob(containerId, `${what} ContainerID`)),
        containmentName: containmentName === null ? '' : asText(containmentName, `${what} ContainmentName`),
        contentsHash: storedHash,
        treeConflict: typeof treeConflict === 'number' ? treeConflict : null,
        contentsConflicts: conflicts === null ? null : asText(conflicts, `${what} ContentsConflicts`),
        contentsBytes,
        contents: decoded,
      };
    });
    return { metadata, schema, units };
  } finally {
    db.close();
  }
}

/** SQLite storage classes (`blob`, `text`, `integer`, `null`, ...) found in each Unit column. */
export async function unitColumnStorageClasses(bytes: Uint8Array): Promise<Record<string, string[]>> {
  if (!isSqliteFile(bytes)) throw new MpkFormatError('project.mpr is not an SQLite database (bad header).');
  const SQL = await loadSqlJs();
  const db = new SQL.Database(bytes);
  try {
    const out: Record<string, string[]> = {};
    for (const column of ['UnitID', 'ContainerID', 'ContainmentName', 'TreeConflict', 'ContentsHash', 'ContentsConflicts', 'Contents']) {
      const rows = db.exec(`SELECT DISTINCT typeof(${column}) FROM Unit`)[0]?.values ?? [];
      out[column] = rows.map((row) => String(row[0])).sort();
    }
    return out;
  } catch (error) {
    if (error instanceof MpkFormatError) throw error;
    throw new MpkFormatError(`project.mpr cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    db.close();
  }
}
