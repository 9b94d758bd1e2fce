import { describe, expect, it } from 'vitest';
import { MpkFormatError } from '../../generator/mpk/errors.js';
import { bytesToGuid, guidToBytes } from '../../generator/mpk/guid.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('GUID byte order (.NET Guid.ToByteArray)', () => {
  it('reverses the first three groups and keeps the last two', () => {
    // Worked by hand: 00112233 -> 33 22 11 00, 4455 -> 55 44, 6677 -> 77 66, then 8899 aabbccddeeff as written.
    expect(hex(guidToBytes('00112233-4455-6677-8899-aabbccddeeff'))).toBe('33221100554477668899aabbccddeeff');
  });

  it('converts stored bytes back to lower-case text', () => {
    const bytes = Uint8Array.from(Buffer.from('33221100554477668899AABBCCDDEEFF', 'hex'));
    expect(bytesToGuid(bytes)).toBe('00112233-4455-6677-8899-aabbccddeeff');
  });

  it('reads a version-4 GUID so that its version nibble lands in the third group', () => {
    // Stored bytes with 0x47 at index 7: in .NET order that byte is the high byte of group 3.
    const stored = Uint8Array.from(Buffer.from('4490b58aa05a99479b5d6a3e059ba20c', 'hex'));
    expect(bytesToGuid(stored)).toBe('8ab59044-5aa0-4799-9b5d-6a3e059ba20c');
  });

  it('accepts upper-case input and round-trips', () => {
    const guid = 'A1B2C3D4-E5F6-4789-8ABC-DEF012345678';
    expect(bytesToGuid(guidToBytes(guid))).toBe(guid.toLowerCase());
  });

  it('rejects malformed GUIDs and wrong byte counts', () => {
    expect(() => guidToBytes('not-a-guid')).toThrow(MpkFormatError);
    expect(() => guidToBytes('00112233445566778899aabbccddeeff')).toThrow(/Not a GUID/);
    expect(() => bytesToGuid(new Uint8Array(15))).toThrow(/16 bytes/);
  });
});
