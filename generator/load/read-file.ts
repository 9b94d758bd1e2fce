import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { formatCount } from '../spec/format-count.js';

/**
 * Reads the text files a spec consists of (the spec, its case files, the API model) without trusting
 * the path: a spec may name `/dev/zero`, a FIFO, a folder or a file of gigabytes, and reading any of
 * those with `readFileSync` either never ends or exhausts memory. Only regular files within a size
 * limit are read, and what is refused is said in a sentence that never quotes the file's content (the
 * path may point at any file of the machine, such as /etc/passwd).
 */

const MIB = 1024 * 1024;

/**
 * Largest spec file, and the largest total of a spec with its case files. The bundled spec is
 * 40 KB and its largest case file 10 KB; the YAML parser needs about 8 seconds and 450 MB of memory
 * for 10 MiB, which is where waiting stops being reasonable.
 */
export const MAX_SPEC_BYTES = 10 * MIB;

/** Largest API model file. The largest model of any AWS service (SSM) is about 0.5 MB. */
export const MAX_API_MODEL_BYTES = 20 * MIB;

/** Why a file was not read, as a clause that completes "Cannot read <file>: ...". */
export interface ReadRefusal {
  ok: false;
  reason: string;
  hint: string;
  /** Where in the file the problem is, when it is about its content (encoding) rather than the file. */
  position?: { line: number; column: number };
}

export type ReadResult = { ok: true; text: string; bytes: number } | ReadRefusal;

/** What kind of file a path names, as the reason it is not read. */
function notRegular(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'it is a folder, not a file';
  if (stats.isFIFO()) return 'it is a named pipe (FIFO), not a regular file';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'it is a device, not a regular file';
  if (stats.isSocket()) return 'it is a socket, not a regular file';
  return 'it is not a regular file';
}

function errnoReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'the file does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    case 'ELOOP':
      return 'the path has too many symbolic links';
    default:
      // The system's message would repeat the path; the code says enough.
      return `the file cannot be read (${code ?? 'unknown error'})`;
  }
}

const HINT_PATH = 'Check the path; relative paths in a spec are resolved from the folder of the spec file.';

/**
 * Reads a regular file of at most `limit` bytes as text. `limitClause` says what the limit is about,
 * completing "it is N bytes; ..." (`a spec file may have at most 10,485,760 bytes (10 MiB)`; see
 * `limitClause`). Text is UTF-8 (with or without byte order mark) or UTF-16 with a byte order mark, as
 * YAML 1.2 requires of its readers.
 */
export function readTextFile(file: string, limit: number, limitClause: string): ReadResult {
  // stat before open: opening a FIFO for reading blocks until a writer appears, and reading a device
  // never ends.
  let stats: Stats;
  try {
    stats = statSync(file);
  } catch (error) {
    return { ok: false, reason: errnoReason(error), hint: HINT_PATH };
  }
  const kind = notRegular(stats);
  if (kind) return { ok: false, reason: kind, hint: 'Name a regular file; a spec, its case files and its API model are read as text files.' };
  if (stats.size > limit) return tooLarge(stats.size, limitClause);

  let fd: number;
  try {
    // Non-blocking, in case the path was replaced by a FIFO since the stat (O_NONBLOCK is absent on Windows).
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { ok: false, reason: errnoReason(error), hint: HINT_PATH };
  }
  let read: { bytes: Buffer; overLimit: boolean };
  try {
    const opened = fstatSync(fd);
    const openedKind = notRegular(opened);
    if (openedKind) return { ok: false, reason: openedKind, hint: 'Name a regular file.' };
    // The file may grow while it is read.
    read = readAtMost(fd, limit, opened.size);
  } catch (error) {
    return { ok: false, reason: errnoReason(error), hint: HINT_PATH };
  } finally {
    closeSync(fd);
  }
  if (read.overLimit) return tooLarge(limit, limitClause, true);
  return decodeText(read.bytes);
}

/**
 * Reads `fd` to its end but never more than one byte past `limit` (a file that grows, a pipe that
 * never ends): the bytes read, at most `limit` of them, and whether there were more. `sizeHint` is
 * the expected size, if known.
 */
export function readAtMost(fd: number, limit: number, sizeHint = 64 * 1024): { bytes: Buffer; overLimit: boolean } {
  let buffer = Buffer.allocUnsafe(Math.min(sizeHint, limit) + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (buffer.length > limit) break;
      const larger = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit + 1));
      buffer.copy(larger, 0, 0, length);
      buffer = larger;
    }
    let read: number;
    try {
      read = readSync(fd, buffer, length, buffer.length - length, null);
    } catch (error) {
      // Windows reports the end of a pipe as an error.
      if ((error as NodeJS.ErrnoException).code === 'EOF') break;
      throw error;
    }
    if (read === 0) break;
    length += read;
  }
  return { bytes: buffer.subarray(0, Math.min(length, limit)), overLimit: length > limit };
}

/** `a spec file may have at most 10,485,760 bytes (10 MiB)` */
export function limitClause(what: string, limit: number): string {
  return `${what} may have at most ${formatCount(limit)} bytes (${formatCount(Math.round((limit / MIB) * 10) / 10)} MiB)`;
}

function tooLarge(size: number, clause: string, atLeast = false): ReadRefusal {
  return {
    ok: false,
    reason: `it is ${atLeast ? 'more than ' : ''}${formatCount(size)} bytes; ${clause}`,
    hint: 'Check that the path names the intended file; split a very large spec into case files, or shorten it.',
  };
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const utf16le = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: false });

/** Decodes UTF-8 or UTF-16 with a byte order mark; refuses other bytes and NUL characters. */
function decodeText(bytes: Uint8Array): ReadResult {
  let text: string;
  const notText = 'Save the file as UTF-8 text.';
  if (
    (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) ||
    (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff)
  ) {
    return { ok: false, reason: 'it is UTF-32 text, which is not supported', hint: notText };
  }
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) {
      text = utf16le.decode(bytes);
    } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
      // UTF-16 big endian: swap the bytes of each unit and decode as little endian, which every Node
      // build supports (utf-16be needs full ICU).
      if (bytes.length % 2 !== 0) throw new TypeError('odd length');
      const swapped = Buffer.alloc(bytes.length);
      for (let i = 0; i < bytes.length; i += 2) {
        swapped[i] = bytes[i + 1] as number;
        swapped[i + 1] = bytes[i] as number;
      }
      text = utf16le.decode(swapped);
    } else {
      text = utf8.decode(bytes);
    }
  } catch {
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
      return { ok: false, reason: 'it is not valid UTF-16 text (it starts with a UTF-16 byte order mark)', hint: notText };
    const bad = firstInvalidUtf8(bytes);
    return {
      ok: false,
      reason: 'it is not UTF-8 text',
      hint: `${notText} A spec, its case files and its API model are text; is this the file you meant?`,
      ...(bad !== undefined ? { position: positionOfByte(bytes, bad) } : {}),
    };
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    return {
      ok: false,
      reason: 'it contains NUL characters, so it is not a text file (or it is UTF-16 without a byte order mark)',
      hint: `${notText} A spec, its case files and its API model are text; is this the file you meant?`,
      position: positionOfChar(text, nul),
    };
  }
  return { ok: true, text, bytes: bytes.length };
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let extra: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      extra = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      extra = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      extra = 3;
      min = 0x10000;
    } else {
      return i;
    }
    let code = b & (0x3f >> extra);
    for (let k = 1; k <= extra; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += extra + 1;
  }
  return undefined;
}

/** 1-based line and column (in UTF-16 units, as every other location) of a byte offset of valid UTF-8 before it. */
function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let lineStart = 0;
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const before = Buffer.from(bytes.subarray(lineStart, offset)).toString('utf8');
  return { line, column: before.length + 1 };
}

function positionOfChar(text: string, offset: number): { line: number; column: number } {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return { line, column: offset - lineStart + 1 };
}
