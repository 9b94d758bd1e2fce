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

/** Value of each hex digit by character code (-1 for any other character). */
const HEX_VALUES = Int8Array.from({ length: 128 }, (_, code) => {
  const c = String.fromCharCode(code);
  return /[0-9a-f]/i.test(c) ? Number.parseInt(c, 16) : -1;
});
/** Where the text of each stored byte starts, in `Guid.ToByteArray()` order: the first three groups reversed. */
const DOT_NET_BYTE_OFFSETS = [6, 4, 2, 0, 11, 9, 16, 14, 19, 21, 24, 26, 28, 30, 32, 34];

/**
 * GUID text -> the 16 bytes Mendix stores (`Guid.ToByteArray()` order). Every id of a module goes
 * through here, so the text is read directly, without intermediate strings.
 */
export function guidToBytes(guid: string): Uint8Array {
  const bytes = new Uint8Array(16);
  let valid = guid.length === 36 && guid[8] === '-' && guid[13] === '-' && guid[18] === '-' && guid[23] === '-';
  for (let i = 0; valid && i < 16; i++) {
    const at = DOT_NET_BYTE_OFFSETS[i] as number;
    const high = HEX_VALUES[guid.charCodeAt(at)] ?? -1;
    const low = HEX_VALUES[guid.charCodeAt(at + 1)] ?? -1;
    if (high < 0 || low < 0) valid = false;
    bytes[i] = (high << 4) | low;
  }
  if (!valid) throw new MpkFormatError(`Not a GUID: "${guid}" (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).`);
  return bytes;
}

/** The 16 stored bytes (`Guid.ToByteArray()` order) -> lower-case GUID text. */
export function bytesToGuid(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new MpkFormatError(`A GUID has 16 bytes, got ${bytes.length}.`);
  return formatRfcBytes(swapDotNetGroups(bytes));
}
