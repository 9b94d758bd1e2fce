import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';

/**
 * The file-system calls that change the disk during a write. They are gathered here so that a test can
 * replace them with calls that fail the way a real disk fails (ENOSPC after a number of bytes, a
 * rename refused, ...) without root rights or special mounts; production code always uses `nodeWriteFs`.
 * Reads (stat, read, readdir) are not part of the seam: they never leave anything behind.
 */
export interface WriteFs {
  /** Creates a new file for writing; fails when it exists (flag `wx`). */
  openSync(path: string, flags: 'wx'): number;
  /** Writes up to `length` bytes, returns how many were written, as `fs.writeSync` does. */
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
  /** Creates one folder (not its parents): the caller creates parents itself to know which folders it made. */
  mkdirSync(path: string): void;
}

export const nodeWriteFs: WriteFs = {
  openSync: (path, flags) => openSync(path, flags),
  writeSync: (fd, buffer, offset, length) => writeSync(fd, buffer, offset, length),
  fsyncSync: (fd) => fsyncSync(fd),
  closeSync: (fd) => closeSync(fd),
  renameSync: (from, to) => renameSync(from, to),
  unlinkSync: (path) => unlinkSync(path),
  mkdirSync: (path) => mkdirSync(path),
};

/** Writes all of `bytes` to a new file, flushed to the disk; a short write is retried, a failure thrown. */
export function writeNewFile(fs: WriteFs, path: string, bytes: Uint8Array, onOpened?: () => void): void {
  const fd = fs.openSync(path, 'wx');
  onOpened?.();
  try {
    let offset = 0;
    while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
    // Flushed before any rename depends on it: a crash of the machine must not leave a renamed but empty file.
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
