/**
 * Zip reading and deterministic zip writing for module packages.
 *
 * The writer is hand-rolled (fflate only deflates) so that every header field is fixed: one
 * timestamp for all entries, no extra fields, no directory entries, entries in the order given.
 * Field values follow Studio Pro's exports: "made by" 4.5 on MS-DOS, "needed" 2.0, the archive
 * attribute, deflate for every non-empty entry and "stored" for empty ones (9.24 export).
 * The reader walks the central directory itself because the facts we check (entry order,
 * compression method, directory entries) are lost by fflate's unzip, which returns a name map.
 */
import zlib from 'node:zlib';
import { deflateSync, inflateSync } from 'fflate';
import { MpkFormatError } from './errors.js';

export interface ZipEntryInput {
  /** Forward slashes, no leading slash, no directory entries. */
  path: string;
  data: Uint8Array;
}

export interface ZipWriteOptions {
  /** Modification time of every entry, read in UTC. Default 1980-01-01T00:00:00Z, the DOS epoch. */
  timestamp?: Date;
  /** Deflate level 0-9 (default 6). */
  level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
  /** Entries already deflated at that level (by another thread: deflate-thread.ts), by path. */
  deflated?: ReadonlyMap<string, Uint8Array>;
}

export const METHOD_STORED = 0;
export const METHOD_DEFLATE = 8;

const VERSION_MADE_BY = 45; // 4.5, host 0 = MS-DOS, as in the samples
const VERSION_NEEDED = 20; // 2.0: deflate
const FLAG_UTF8_NAME = 0x0800;
const ATTRIBUTE_ARCHIVE = 0x20;
const DEFAULT_TIMESTAMP = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** zlib's CRC-32, native (Node.js 20.15 and later): a tenth of the time of the table loop on a large project.mpr. */
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** The CRC-32 of zip entries: zlib's where Node.js has it, else the table loop. */
export function crc32(data: Uint8Array): number {
  return nativeCrc32 ? nativeCrc32(data) >>> 0 : tableCrc32(data);
}

/** CRC-32 computed here, for Node.js versions without zlib.crc32. */
export function tableCrc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function dosDateTime(date: Date): { date: number; time: number } {
  const year = date.getUTCFullYear();
  if (year < 1980 || year > 2107) throw new RangeError(`Zip timestamps cover 1980-2107, got ${date.toISOString()}`);
  return {
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
  };
}

function checkEntryPath(path: string): void {
  if (
    path === '' ||
    path.startsWith('/') ||
    path.endsWith('/') ||
    path.includes('\\') ||
    path.split('/').some((part) => part === '' || part === '.' || part === '..')
  ) {
    throw new Error(`Bad zip entry path "${path}": use relative forward-slash file paths, no directory entries.`);
  }
}

/** Writes the entries, in the order given, into zip bytes that depend only on the input. */
export function writeZip(entries: readonly ZipEntryInput[], options: ZipWriteOptions = {}): Uint8Array {
  const { date, time } = dosDateTime(options.timestamp ?? DEFAULT_TIMESTAMP);
  const level = options.level ?? 6;
  const seen = new Set<string>();
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;

  for (const entry of entries) {
    checkEntryPath(entry.path);
    if (seen.has(entry.path)) throw new Error(`Duplicate zip entry "${entry.path}".`);
    seen.add(entry.path);

    const name = Buffer.from(entry.path, 'utf8');
    const flags = /^[\x20-\x7e]*$/.test(entry.path) ? 0 : FLAG_UTF8_NAME;
    const method = entry.data.length === 0 ? METHOD_STORED : METHOD_DEFLATE;
    const body = method === METHOD_STORED ? entry.data : (options.deflated?.get(entry.path) ?? deflateSync(entry.data, { level }));
    const crc = crc32(entry.data);
    if (body.length > 0xfffffffe || entry.data.length > 0xfffffffe || offset > 0xfffffffe) throw new Error('Zip64 is not supported.');

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION_NEEDED, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);

    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(VERSION_MADE_BY, 4);
    header.writeUInt16LE(VERSION_NEEDED, 6);
    header.writeUInt16LE(flags, 8);
    header.writeUInt16LE(method, 10);
    header.writeUInt16LE(time, 12);
    header.writeUInt16LE(date, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(body.length, 20);
    header.writeUInt32LE(entry.data.length, 24);
    header.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk number, internal attributes: all 0
    header.writeUInt32LE(ATTRIBUTE_ARCHIVE, 38);
    header.writeUInt32LE(offset, 42);

    chunks.push(local, name, body);
    central.push(header, name);
    offset += local.length + name.length + body.length;
  }

  const centralSize = central.reduce((sum, chunk) => sum + chunk.length, 0);
  if (entries.length > 0xfffe || offset > 0xfffffffe) throw new Error('Zip64 is not supported.');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Uint8Array.from(Buffer.concat([...chunks, ...central, end]));
}

// ---------------------------------------------------------------------------------------------
// Package entry order

function compareUpperOrdinal(a: string, b: string): number {
  const ua = a.toUpperCase();
  const ub = b.toUpperCase();
  if (ua !== ub) return ua < ub ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Files of a folder first, then its sub-folders, names by upper-cased ordinal comparison. */
function compareWalkOrder(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  for (let i = 0; ; i++) {
    const lastA = i === pa.length - 1;
    const lastB = i === pb.length - 1;
    if (lastA !== lastB) return lastA ? -1 : 1;
    const byName = compareUpperOrdinal(pa[i]!, pb[i]!);
    if (byName !== 0 || lastA) return byName;
  }
}

function packageGroup(path: string): number {
  if (path === 'project.mpr') return 0;
  if (path === 'package.xml') return 1;
  const top = path.split('/')[0]!.toLowerCase();
  if (top === 'vendorlib' || top === 'userlib') return 2;
  if (top === 'javasource') return /^javasource\/[^/]+\/actions\//i.test(path) ? 4 : 3;
  if (top === 'javascriptsource') return 5;
  if (top === 'themesource') return 6;
  return 7;
}

/**
 * The entry order of Studio Pro's 9.24/10.21 exports, as a fixed rule: `project.mpr`,
 * `package.xml`, Java libraries, `javasource` (Java action sources last), `javascriptsource`,
 * `themesource`, anything else. Inside a group it is a folder walk — a folder's files before its
 * sub-folders, names compared upper-cased (the Windows/NTFS listing order, which the samples'
 * non-action files follow: `main.scss` before `_filters.scss`). Studio Pro lists Java action
 * sources in model order instead; the zip layer cannot know that order, so they are sorted too.
 * (9.0.5 put `project.mpr` and `package.xml` last; Studio Pro reads either.)
 */
export function orderPackageEntries(paths: readonly string[]): string[] {
  return [...paths].sort((a, b) => packageGroup(a) - packageGroup(b) || compareWalkOrder(a, b));
}

// ---------------------------------------------------------------------------------------------
// Reading

export interface ZipEntry {
  path: string;
  method: number;
  flags: number;
  versionMadeBy: number;
  versionNeeded: number;
  externalAttributes: number;
  /** Ids of the extra fields in the central directory record (e.g. 0x000a NTFS times). */
  extraFieldIds: number[];
  dosDate: number;
  dosTime: number;
  crc32: number;
  compressedSize: number;
  size: number;
  isDirectory: boolean;
  data: Uint8Array;
}

function findEndOfCentralDirectory(buf: Buffer): number {
  const earliest = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= earliest; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) return i;
  }
  return -1;
}

function extraIds(extra: Buffer): number[] {
  const ids: number[] = [];
  for (let p = 0; p + 4 <= extra.length;) {
    ids.push(extra.readUInt16LE(p));
    p += 4 + extra.readUInt16LE(p + 2);
  }
  return ids;
}

/** Reads every entry in central-directory order. Throws MpkFormatError for anything that is not a readable zip. */
export function readZip(bytes: Uint8Array): ZipEntry[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = buf.length >= 22 ? findEndOfCentralDirectory(buf) : -1;
  if (eocd < 0) throw new MpkFormatError('Not a zip file: no end-of-central-directory record found.');
  const count = buf.readUInt16LE(eocd + 10);
  const centralOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || centralOffset === 0xffffffff) throw new MpkFormatError('Zip64 archives are not supported.');

  const entries: ZipEntry[] = [];
  let p = centralOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw new MpkFormatError(`Damaged zip: central directory record ${i + 1} is missing.`);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const rawName = buf.subarray(p + 46, p + 46 + nameLength);
    // Without the UTF-8 flag names are nominally CP437; Mendix names are ASCII, so UTF-8 covers both.
    const path = rawName.toString('utf8');
    const entry: Omit<ZipEntry, 'data'> = {
      path,
      method,
      flags,
      versionMadeBy: buf.readUInt16LE(p + 4),
      versionNeeded: buf.readUInt16LE(p + 6),
      externalAttributes: buf.readUInt32LE(p + 38),
      extraFieldIds: extraIds(buf.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength)),
      dosTime: buf.readUInt16LE(p + 12),
      dosDate: buf.readUInt16LE(p + 14),
      crc32: buf.readUInt32LE(p + 16),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      isDirectory: path.endsWith('/'),
    };
    p += 46 + nameLength + extraLength + commentLength;

    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== 0x04034b50)
      throw new MpkFormatError(`Damaged zip: local header of "${path}" is missing.`);
    const dataStart = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    const raw = buf.subarray(dataStart, dataStart + entry.compressedSize);
    if (raw.length !== entry.compressedSize) throw new MpkFormatError(`Damaged zip: data of "${path}" is truncated.`);
    let data: Uint8Array;
    if (method === METHOD_STORED) data = Uint8Array.from(raw);
    else if (method === METHOD_DEFLATE) {
      try {
        data = inflateSync(raw, { out: new Uint8Array(entry.size) });
      } catch (error) {
        throw new MpkFormatError(`Damaged zip: "${path}" cannot be inflated (${error instanceof Error ? error.message : String(error)}).`);
      }
    } else throw new MpkFormatError(`Zip entry "${path}" uses compression method ${method}; only stored and deflate are supported.`);
    if (data.length !== entry.size || crc32(data) !== entry.crc32) throw new MpkFormatError(`Damaged zip: "${path}" fails its size or CRC check.`);
    entries.push({ ...entry, data });
  }
  return entries;
}
