import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireFolderLock, FolderLocks, LOCK_NAME, LockBusyError } from '../../generator/write/folder-lock.js';

/** The lock on a folder: exclusive, waited for a little, taken over from a holder that is gone. */

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'folder-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lockFile = () => join(dir, LOCK_NAME);

/** The pid of a process that has ended (the kernel hands pids out in increasing order, so it stays free). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  if (child.pid === undefined) throw new Error('could not start node');
  return child.pid;
}

describe('acquireFolderLock', () => {
  it('writes the holder into the lock file and removes it on release', () => {
    const lock = acquireFolderLock(dir, { waitMs: 0 });
    const holder = JSON.parse(readFileSync(lockFile(), 'utf8')) as { pid: number; host: string; startedAt: string };
    expect(holder.pid).toBe(process.pid);
    expect(holder.host).toBe(hostname());
    expect(Date.parse(holder.startedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(lock.notices).toEqual([]);
    lock.release();
    expect(existsSync(lockFile())).toBe(false);
  });

  it('stops after the wait when a running process holds the lock, naming the lock file and the pid', () => {
    const first = acquireFolderLock(dir, { waitMs: 0 });
    const start = Date.now();
    let error: unknown;
    try {
      acquireFolderLock(dir, { waitMs: 300, pollMs: 50 });
    } catch (e) {
      error = e;
    }
    const waited = Date.now() - start;
    expect(error).toBeInstanceOf(LockBusyError);
    expect((error as LockBusyError).message).toContain(lockFile());
    expect((error as LockBusyError).message).toContain(`process ${process.pid}`);
    expect(waited).toBeGreaterThanOrEqual(290);
    expect(waited).toBeLessThan(3_000);
    // The holder's lock is untouched.
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid });
    first.release();
  });

  it('takes over a lock whose process is gone, and says so', () => {
    const pid = deadPid();
    writeFileSync(lockFile(), JSON.stringify({ pid, host: hostname(), startedAt: '2020-01-01T00:00:00.000Z', token: 'old' }));
    const lock = acquireFolderLock(dir, { waitMs: 0 });
    expect(lock.notices).toEqual([`Took over the lock ${lockFile()}: process ${pid} (started 2020-01-01T00:00:00.000Z) that held it is no longer running.`]);
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('takes over an old lock file without a holder (a process killed while creating it)', () => {
    writeFileSync(lockFile(), '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockFile(), old, old);
    const lock = acquireFolderLock(dir, { waitMs: 0 });
    expect(lock.notices[0]).toMatch(/^Took over the lock .*: it had no holder recorded/);
    lock.release();
  });

  it('waits for another process to let go, then takes the lock and says it waited', async () => {
    // Another process holds the lock for 700 ms. The lock is acquired synchronously, so the holder must
    // be a process of its own that releases it by itself.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const fs = require('node:fs');
         fs.writeFileSync(process.argv[1], JSON.stringify({ pid: process.pid, host: require('node:os').hostname(), startedAt: new Date().toISOString(), token: 'x' }), { flag: 'wx' });
         process.stdout.write('locked\\n');
         setTimeout(() => fs.unlinkSync(process.argv[1]), 700);`,
        lockFile(),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    const start = Date.now();
    const lock = acquireFolderLock(dir, { waitMs: 5_000, pollMs: 50 });
    const waited = Date.now() - start;
    expect(waited).toBeGreaterThan(300);
    expect(waited).toBeLessThan(4_000);
    expect(lock.notices).toHaveLength(1);
    expect(lock.notices[0]).toMatch(new RegExp(`^Waited \\d+\\.\\d s for another mendix-connector run \\(process ${holder.pid}\\) to finish writing to `));
    lock.release();
    await new Promise((resolve) => holder.once('exit', resolve));
  });

  it('never removes a lock that is not its own on release', () => {
    const lock = acquireFolderLock(dir, { waitMs: 0 });
    // Someone decided the lock was stale and replaced it: releasing must leave theirs alone.
    writeFileSync(lockFile(), JSON.stringify({ pid: process.pid, host: hostname(), startedAt: 'later', token: 'theirs' }));
    lock.release();
    expect(existsSync(lockFile())).toBe(true);
  });
});

describe('FolderLocks', () => {
  it('locks each folder once and releases all', () => {
    const other = mkdtempSync(join(tmpdir(), 'folder-lock-other-'));
    try {
      const locks = new FolderLocks({ waitMs: 0 });
      locks.lock(dir);
      locks.lock(dir);
      locks.lock(other);
      expect(locks.holds(dir)).toBe(true);
      expect(existsSync(join(other, LOCK_NAME))).toBe(true);
      locks.release();
      expect(existsSync(lockFile())).toBe(false);
      expect(existsSync(join(other, LOCK_NAME))).toBe(false);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
