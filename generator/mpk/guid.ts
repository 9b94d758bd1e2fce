/**
 * GUIDs as Mendix stores them. The model keeps every id as the 16 bytes of .NET's
 * `Guid.ToByteArray()`, which writes the first three groups of the text form little-endian and the
 * last two as they read. Text form here is always lower case `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`.
 */
import { MpkFormatError } from './errors.js';

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(text: string): boolean {
  return GUID_PATTERN.test(text);
}

/** The 16 bytes in RFC 4122 (big-endian, "as written") order. */
function rfcBytes(guid: string): Uint8Array {
  if (!isGuid(guid)) throw new MpkFormatError(`Not a GUID: "${guid}" (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).`);
  return Uint8Array.from(Buffer.from(guid.replace(/-/g, ''), 'hex'));
}

function formatRfcBytes(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Swapping the first three groups converts either way between RFC order and .NET order. */
function swapDotNetGroups(bytes: Uint8Array): Uint8Array {
  const out = Uint8Array.from(bytes);
  out[0] = bytes[3];
  out[1] = bytes[2];
  out[2] = bytes[1];
  out[3] = bytes[0];
  out[4] = bytes[5];
  out[5] = bytes[4];
  out[6] = bytes[7];
  out[7] = bytes[6];
  return out;
}

/** GUID text -> the 16 bytes Mendix stores (`Guid.ToByteArray()` order). */
export function guidToBytes(guid: string): Uint8Array {
  return swapDotNetGroups(rfcBytes(guid));
}

/** The 16 stored bytes (`Guid.ToByteArray()` order) -> lower-case GUID text. */
export function bytesToGuid(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new MpkFormatError(`A GUID has 16 bytes, got ${bytes.length}.`);
  return formatRfcBytes(swapDotNetGroups(bytes));
}
