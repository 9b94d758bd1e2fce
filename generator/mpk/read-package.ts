/**
 * Opens a module package (.mpk) and decodes everything the generator's checks need: the manifest,
 * the file entries, the MPR metadata and every unit with its contents. Problems come back as
 * MpkFormatError with a sentence a user can act on.
 */
import { MpkFormatError } from './errors.js';
import { readMpr, type MprMetadata, type MprUnit, type SqliteSchemaEntry } from './mpr.js';
import { parsePackageXml } from './package-xml.js';
import { readZip, type ZipEntry } from './zip.js';

export interface PackageFileEntry {
  /** Zip entry path (forward slashes). */
  path: string;
  size: number;
  compressedSize: number;
  /** 0 = stored, 8 = deflate. */
  method: number;
  /** Whether package.xml lists this entry (entries added after export are not listed). */
  listedInPackageXml: boolean;
  data: Uint8Array;
}

/** A unit as read from the package's project.mpr (ContentsHash checked). */
export type PackageUnit = MprUnit;

export interface MpkContents {
  packageXml: string;
  moduleName: string;
  /** `<file path>` values in package.xml order, normalised to forward slashes. */
  packageXmlFiles: string[];
  /** Every zip entry other than project.mpr and package.xml, in zip order. */
  files: PackageFileEntry[];
  metadata: MprMetadata;
  mprSchema: SqliteSchemaEntry[];
  mprBytes: Uint8Array;
  /** Units in MPR row order; every ContentsHash has been checked. */
  units: PackageUnit[];
  /** The raw zip entries, in zip order, for format checks. */
  zipEntries: ZipEntry[];
}

function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new MpkFormatError(`${what} is not valid UTF-8.`);
  }
}

export async function readPackage(bytes: Uint8Array): Promise<MpkContents> {
  const zipEntries = readZip(bytes);
  const byPath = new Map(zipEntries.map((entry) => [entry.path, entry]));
  const mprEntry = byPath.get('project.mpr');
  if (!mprEntry) throw new MpkFormatError('The package has no project.mpr at its root; it is not a Mendix module package.');
  const xmlEntry = byPath.get('package.xml');
  if (!xmlEntry) throw new MpkFormatError('The package has no package.xml at its root; it is not a Mendix module package.');

  const packageXml = decodeUtf8(xmlEntry.data, 'package.xml');
  const manifest = parsePackageXml(packageXml);
  const packageXmlFiles = manifest.files.map((path) => path.replace(/\\/g, '/'));
  const listed = new Set(packageXmlFiles);

  const mpr = await readMpr(mprEntry.data, { verifyHashes: true });
  return {
    packageXml,
    moduleName: manifest.moduleName,
    packageXmlFiles,
    files: zipEntries
      .filter((entry) => entry.path !== 'project.mpr' && entry.path !== 'package.xml')
      .map((entry) => ({
        path: entry.path,
        size: entry.size,
        compressedSize: entry.compressedSize,
        method: entry.method,
        listedInPackageXml: listed.has(entry.path),
        data: entry.data,
      })),
    metadata: mpr.metadata,
    mprSchema: mpr.schema,
    mprBytes: mprEntry.data,
    units: mpr.units,
    zipEntries,
  };
}
