import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MpkFormatError } from '../../generator/mpk/errors.js';
import { crc32, tableCrc32, METHOD_DEFLATE, METHOD_STORED, orderPackageEntries, readZip, writeZip } from '../../generator/mpk/zip.js';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

function entries(): { path: string; data: Uint8Array }[] {
  return [
    { path: 'project.mpr', data: text('mpr '.repeat(100)) },
    { path: 'package.xml', data: text('<package />') },
    { path: 'javasource/demo/actions/Invoke.java', data: text('class Invoke {}') },
    { path: 'userlib/demo.jar.Demo.RequiredLib', data: new Uint8Array(0) },
  ];
}

describe('writeZip', () => {
  it('is deterministic', () => {
    const a = writeZip(entries());
    const b = writeZip(entries());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(writeZip(entries(), { timestamp: new Date(Date.UTC(2024, 0, 1)) })).equals(Buffer.from(a))).toBe(false);
  });

  it('keeps the given entry order, deflates non-empty entries, stores empty ones, adds no directories', () => {
    const read = readZip(writeZip(entries()));
    expect(read.map((e) => e.path)).toEqual(entries().map((e) => e.path));
    expect(read.map((e) => e.method)).toEqual([METHOD_DEFLATE, METHOD_DEFLATE, METHOD_DEFLATE, METHOD_STORED]);
    expect(read.some((e) => e.isDirectory)).toBe(false);
    expect(read[0]!.compressedSize).toBeLessThan(read[0]!.size);
    read.forEach((entry, i) => expect(Buffer.from(entry.data).equals(Buffer.from(entries()[i]!.data))).toBe(true));
  });

  it('writes the header fields of the Studio Pro exports and a fixed DOS timestamp', () => {
    for (const entry of readZip(writeZip(entries()))) {
      expect(entry.versionMadeBy).toBe(45);
      expect(entry.versionNeeded).toBe(20);
      expect(entry.flags).toBe(0);
      expect(entry.externalAttributes).toBe(0x20);
      expect(entry.extraFieldIds).toEqual([]);
      // 1980-01-01 00:00:00: year 0, month 1, day 1 -> (0 << 9) | (1 << 5) | 1
      expect(entry.dosDate).toBe(0x21);
      expect(entry.dosTime).toBe(0);
    }
    const [later] = readZip(writeZip(entries().slice(0, 1), { timestamp: new Date(Date.UTC(2025, 5, 16, 14, 58, 36)) }));
    expect(later!.dosDate).toBe(((2025 - 1980) << 9) | (6 << 5) | 16);
    expect(later!.dosTime).toBe((14 << 11) | (58 << 5) | 18);
  });

  it('is readable by an independent unzipper (fflate)', () => {
    const unzipped = unzipSync(writeZip(entries()));
    expect(Object.keys(unzipped).sort()).toEqual(
      entries()
        .map((e) => e.path)
        .sort(),
    );
    expect(new TextDecoder().decode(unzipped['javasource/demo/actions/Invoke.java'])).toBe('class Invoke {}');
  });

  it('flags non-ASCII names as UTF-8', () => {
    const [entry] = readZip(writeZip([{ path: 'themesource/démo.scss', data: text('x') }]));
    expect(entry!.path).toBe('themesource/démo.scss');
    expect(entry!.flags).toBe(0x0800);
  });

  it('rejects directory entries, absolute or backslash paths and duplicates', () => {
    const data = text('x');
    expect(() => writeZip([{ path: 'javasource/', data }])).toThrow(/Bad zip entry path/);
    expect(() => writeZip([{ path: '/abs.txt', data }])).toThrow(/Bad zip entry path/);
    expect(() => writeZip([{ path: 'a\\b.txt', data }])).toThrow(/Bad zip entry path/);
    expect(() => writeZip([{ path: 'a/../b.txt', data }])).toThrow(/Bad zip entry path/);
    expect(() =>
      writeZip([
        { path: 'a.txt', data },
        { path: 'a.txt', data },
      ]),
    ).toThrow(/Duplicate/);
  });
});

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(text('123456789'))).toBe(0xcbf43926);
    expect(tableCrc32(text('123456789'))).toBe(0xcbf43926);
  });

  it('is the same natively and computed here, for every byte value and length', () => {
    const data = Uint8Array.from({ length: 4099 }, (_, i) => (i * 131 + (i >> 8)) & 0xff);
    for (const length of [0, 1, 7, 256, 4099]) expect(crc32(data.subarray(0, length)), `${length} bytes`).toBe(tableCrc32(data.subarray(0, length)));
  });
});

describe('readZip', () => {
  it('says clearly when the bytes are not a zip', () => {
    expect(() => readZip(text('this is not a zip file at all'))).toThrow(MpkFormatError);
    expect(() => readZip(text('this is not a zip file at all'))).toThrow(/Not a zip file/);
    expect(() => readZip(new Uint8Array(0))).toThrow(/Not a zip file/);
  });

  it('detects damaged entry data through the CRC', () => {
    const zip = writeZip([
      { path: 'a.txt', data: new Uint8Array(0) },
      { path: 'b.txt', data: new Uint8Array(0) },
    ]);
    const damaged = Uint8Array.from(zip);
    // Stored empty entries carry CRC 0; corrupt the first entry's CRC in its central record instead.
    const central = Buffer.from(damaged).indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    damaged[central + 16] = 0xff;
    expect(() => readZip(damaged)).toThrow(/"a.txt" fails its size or CRC check/);
  });
});

describe('orderPackageEntries', () => {
  it('follows the 10.21 export layout', () => {
    const shuffled = [
      'themesource/demo/web/_util.scss',
      'javasource/demo/actions/Invoke.java',
      'themesource/demo/web/main.scss',
      'package.xml',
      'javasource/demo/Helper.java',
      'vendorlib/b-1.0.jar',
      'javasource/demo/impl/Client.java',
      'javascriptsource/demo/actions/Copy.js',
      'themesource/demo/native/main.js',
      'project.mpr',
      'vendorlib/A-2.0.jar',
      'javasource/demo/actions/Alpha.java',
      'License.txt',
    ];
    expect(orderPackageEntries(shuffled)).toEqual([
      'project.mpr',
      'package.xml',
      'vendorlib/A-2.0.jar',
      'vendorlib/b-1.0.jar',
      // a folder's files before its sub-folders
      'javasource/demo/Helper.java',
      'javasource/demo/impl/Client.java',
      // Java action sources after the rest of javasource
      'javasource/demo/actions/Alpha.java',
      'javasource/demo/actions/Invoke.java',
      'javascriptsource/demo/actions/Copy.js',
      'themesource/demo/native/main.js',
      // upper-cased comparison: 'M' (0x4D) < '_' (0x5F)
      'themesource/demo/web/main.scss',
      'themesource/demo/web/_util.scss',
      'License.txt',
    ]);
  });
});
