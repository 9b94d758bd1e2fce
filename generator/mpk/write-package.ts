/**
 * Assembles a module package from its parts: project.mpr from the units, package.xml from the
 * file list, and the zip around them, all deterministic.
 */
import { writeMpr, type MprInput } from './mpr.js';
import { buildPackageXml, type PackageXmlStyle } from './package-xml.js';
import { orderPackageEntries, writeZip, type ZipEntryInput, type ZipWriteOptions } from './zip.js';

export interface PackageInput {
  moduleName: string;
  mpr: MprInput;
  /** The module's files (Java sources, jars, theme files); not project.mpr or package.xml. */
  files: readonly ZipEntryInput[];
  packageXmlStyle?: PackageXmlStyle;
  /** `mendix` (default): orderPackageEntries; `as-given`: project.mpr, package.xml, then files in input order. */
  entryOrder?: 'mendix' | 'as-given';
  zip?: ZipWriteOptions;
}

export async function writePackage(input: PackageInput): Promise<Uint8Array> {
  return writeZip(await packageEntries(input), input.zip);
}

/** The files of the package in the order they are zipped: project.mpr, package.xml, then the module's files. */
export async function packageEntries(input: PackageInput): Promise<ZipEntryInput[]> {
  for (const file of input.files) {
    if (file.path === 'project.mpr' || file.path === 'package.xml') {
      throw new Error(`"${file.path}" is written by writePackage itself; do not pass it as a module file.`);
    }
  }
  const byPath = new Map(input.files.map((file) => [file.path, file.data]));
  if (byPath.size !== input.files.length) throw new Error('Two module files have the same path.');
  const filePaths = input.entryOrder === 'as-given' ? input.files.map((file) => file.path) : orderPackageEntries(input.files.map((file) => file.path));

  const mpr = await writeMpr(input.mpr);
  const packageXml = buildPackageXml({
    moduleName: input.moduleName,
    files: filePaths,
    ...(input.packageXmlStyle ? { style: input.packageXmlStyle } : {}),
  });
  return [{ path: 'project.mpr', data: mpr }, { path: 'package.xml', data: packageXml }, ...filePaths.map((path) => ({ path, data: byPath.get(path)! }))];
}
