/**
 * `package.xml`, the manifest at the root of a module package. Byte format as in Studio Pro's
 * exports (9.0.5, 9.24, 10.21): UTF-8 without BOM, CRLF line ends, two-space indentation,
 * self-closing elements written as `<x a="v" />` (space before the slash), and no line end after
 * `</package>`. The `<file>` list holds every entry except `project.mpr` and `package.xml`, in the
 * order the entries appear in the zip.
 *
 * 9.24 and 10.21 declare `xmlns:xsi` before `xmlns:xsd` and write paths with `/`; 9.0.5 declared
 * `xmlns:xsd` first and wrote paths with `\`. Both styles are offered.
 */
import { MpkFormatError } from './errors.js';

export type PackageXmlStyle = 'current' | 'legacy';

export interface PackageXmlInput {
  moduleName: string;
  /** Zip entry paths (forward slashes) of the module's files, in zip order. */
  files: readonly string[];
  /** `current` (9.24 and later, default) or `legacy` (9.0.5). */
  style?: PackageXmlStyle;
}

const XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
const XSD = 'xmlns:xsd="http://www.w3.org/2001/XMLSchema"';
const PACKAGE_NS = 'xmlns="http://www.mendix.com/package/1.0/"';
const PROJECT_NS = 'xmlns="http://www.mendix.com/modelerProject/1.0/"';

/** Attribute escaping as .NET's XmlWriter does it (line breaks and tabs as character references). */
function escapeAttribute(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#xD;')
    .replace(/\n/g, '&#xA;')
    .replace(/\t/g, '&#x9;');
}

export function buildPackageXmlText(input: PackageXmlInput): string {
  const style = input.style ?? 'current';
  const namespaces = style === 'legacy' ? `${XSD} ${XSI}` : `${XSI} ${XSD}`;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<package ${namespaces} ${PACKAGE_NS}>`,
    `  <modelerProject ${PROJECT_NS}>`,
    `    <module name="${escapeAttribute(input.moduleName)}" />`,
    '    <projectFile path="project.mpr" />',
  ];
  if (input.files.length === 0) {
    // Not seen in a sample (every real module ships files); this is how XmlSerializer writes an empty list.
    lines.push('    <files />');
  } else {
    lines.push('    <files>');
    for (const file of input.files) {
      const path = style === 'legacy' ? file.replace(/\//g, '\\') : file;
      lines.push(`      <file path="${escapeAttribute(path)}" />`);
    }
    lines.push('    </files>');
  }
  lines.push('  </modelerProject>', '</package>');
  return lines.join('\r\n');
}

/** The `package.xml` bytes (UTF-8, no BOM). */
export function buildPackageXml(input: PackageXmlInput): Uint8Array {
  return Uint8Array.from(Buffer.from(buildPackageXmlText(input), 'utf8'));
}

export interface ParsedPackageXml {
  moduleName: string;
  projectFile: string;
  /** Paths as written (either separator). */
  files: string[];
}

function unescapeAttribute(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    const lower = entity.toLowerCase();
    if (lower === 'amp') return '&';
    if (lower === 'lt') return '<';
    if (lower === 'gt') return '>';
    if (lower === 'quot') return '"';
    if (lower === 'apos') return "'";
    return String.fromCodePoint(lower.startsWith('#x') ? Number.parseInt(lower.slice(2), 16) : Number.parseInt(lower.slice(1), 10));
  });
}

/**
 * Reads the few facts a package.xml carries. The format is flat and fixed, so attribute matching
 * is enough; a full XML parser would add a dependency for nothing.
 */
export function parsePackageXml(text: string): ParsedPackageXml {
  const body = text.replace(/^\uFEFF/, '');
  if (!/<package[\s>]/.test(body)) throw new MpkFormatError('package.xml has no <package> element.');
  const moduleMatch = /<module\s+name="([^"]*)"/.exec(body);
  if (!moduleMatch) throw new MpkFormatError('package.xml has no <module name="..."> element.');
  const projectMatch = /<projectFile\s+path="([^"]*)"/.exec(body);
  const files = [...body.matchAll(/<file\s+path="([^"]*)"/g)].map((m) => unescapeAttribute(m[1]!));
  return {
    moduleName: unescapeAttribute(moduleMatch[1]!),
    projectFile: projectMatch ? unescapeAttribute(projectMatch[1]!) : 'project.mpr',
    files,
  };
}
