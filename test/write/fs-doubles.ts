import { nodeWriteFs, type WriteFs } from '../../generator/write/write-fs.js';

/** An error as node:fs throws it, with its code. */
export function fsError(code: string, message: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: ${message}`);
  error.code = code;
  return error;
}

/**
 * A disk that fills up: writes succeed for `budget` bytes in all, then a write stores what still fits
 * (a partly written file, as a real full disk leaves) and fails with ENOSPC, as does every later write.
 * With `only`, just the files whose path matches count and fail (the others are written normally), so
 * that a test can choose which file the disk fills up in.
 */
export function diskFullAfter(budget: number, only?: RegExp): WriteFs & { written(): number } {
  let left = budget;
  let total = 0;
  const counted = new Set<number>();
  return {
    ...nodeWriteFs,
    openSync: (path, flags) => {
      const fd = nodeWriteFs.openSync(path, flags);
      if (only === undefined || only.test(path)) counted.add(fd);
      else counted.delete(fd);
      return fd;
    },
    writeSync: (fd, buffer, offset, length) => {
      if (!counted.has(fd)) return nodeWriteFs.writeSync(fd, buffer, offset, length);
      if (left <= 0) throw fsError('ENOSPC', 'no space left on device, write');
      const n = nodeWriteFs.writeSync(fd, buffer, offset, Math.min(length, left));
      left -= n;
      total += n;
      // A short write, as the kernel reports a disk that fills up in the middle: the next call gets ENOSPC.
      return n;
    },
    written: () => total,
  };
}

/**
 * A process that dies after `calls` changes to the disk: from then on every change fails, so the
 * writer's own clean-up cannot run either, and the disk stays as a `kill -9` at that moment leaves it.
 * Closing a file always works (the kernel closes the files of a killed process too).
 */
export function crashAfter(calls: number): WriteFs & { crashed(): boolean } {
  let left = calls;
  const step = (): void => {
    if (left <= 0) throw new Error('simulated crash');
    left -= 1;
  };
  return {
    openSync: (path, flags) => (step(), nodeWriteFs.openSync(path, flags)),
    writeSync: (fd, buffer, offset, length) => (step(), nodeWriteFs.writeSync(fd, buffer, offset, length)),
    fsyncSync: (fd) => (step(), nodeWriteFs.fsyncSync(fd)),
    closeSync: (fd) => nodeWriteFs.closeSync(fd),
    renameSync: (from, to) => (step(), nodeWriteFs.renameSync(from, to)),
    unlinkSync: (path) => (step(), nodeWriteFs.unlinkSync(path)),
    mkdirSync: (path) => (step(), nodeWriteFs.mkdirSync(path)),
    crashed: () => left <= 0,
  };
}

/** Counts the changes a write makes to the disk, to try a crash after each one of them. */
export function countingFs(): WriteFs & { calls(): number } {
  let count = 0;
  const counted = crashAfter(Number.MAX_SAFE_INTEGER);
  const wrap =
    <A extends unknown[], R>(f: (...args: A) => R) =>
    (...args: A): R => {
      count += 1;
      return f(...args);
    };
  return {
    ...counted,
    openSync: wrap(counted.openSync),
    writeSync: wrap(counted.writeSync),
    fsyncSync: wrap(counted.fsyncSync),
    renameSync: wrap(counted.renameSync),
    unlinkSync: wrap(counted.unlinkSync),
    mkdirSync: wrap(counted.mkdirSync),
    calls: () => count,
  };
}
