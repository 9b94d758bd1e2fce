import { randomBytes } from 'node:crypto';
import { closeSync, lstatSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * An exclusive lock on a folder that `generate` writes into (the output folder, an app's javasource),
 * so that two runs at once cannot mix their files: the second one waits a little, then stops.
 *
 * The lock is a file in the folder, created with `O_CREAT | O_EXCL` (`wx`), so exactly one process can
 * create it; it holds the holder's pid, host and start time. A lock whose holder is gone (killed, the
 * machine restarted) is stale and is taken over, which the caller reports.
 *
 * The wait is 5 seconds unless the environment variable `MENDIX_CONNECTOR_LOCK_WAIT_MS` gives another
 * number of milliseconds (the tests shorten it; a script that expects long runs may lengthen it).
 */
export const LOCK_NAME = '.mendix-connector.lock';
export const LOCK_WAIT_ENV = 'MENDIX_CONNECTOR_LOCK_WAIT_MS';
const DEFAULT_WAIT_MS = 5_000;
const POLL_MS = 100;
/** A lock file without readable content this old was left by a process killed between creating and filling it. */
const UNREADABLE_STALE_MS = 5_000;

export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  /** Tells this lock from a later one of the same pid (pids are reused). */
  token: string;
}

export interface LockOptions {
  /** How long to wait for another holder, in milliseconds. */
  waitMs?: number;
  pollMs?: number;
}

/** The folder is locked by a process that is still running, and did not let go within the wait. */
export class LockBusyError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: LockHolder | undefined,
    readonly waitedMs: number,
  ) {
    const who = holder
      ? `process ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`}, started ${holder.startedAt}`
      : 'a process the lock file does not name';
    super(`Another mendix-connector run (${who}) is writing there: its lock ${lockFile} was still held after waiting ${seconds(waitedMs)}.`);
    this.name = 'LockBusyError';
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Blocks the thread: the write phase is synchronous, and a lock must be waited for before it starts. */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function waitFromEnvironment(): number {
  const raw = process.env[LOCK_WAIT_ENV];
  if (raw === undefined || raw.trim() === '') return DEFAULT_WAIT_MS;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : DEFAULT_WAIT_MS;
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    // A pid of 0 or below would make process.kill address a whole process group: refuse such content.
    if (typeof data.pid !== 'number' || !Number.isInteger(data.pid) || data.pid <= 0) return undefined;
    return { pid: data.pid, host: String(data.host ?? ''), startedAt: String(data.startedAt ?? ''), token: String(data.token ?? '') };
  } catch {
    return undefined;
  }
}

/** Whether the process is known to be gone. A process on another host cannot be checked: it counts as alive. */
function holderIsGone(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function ageMs(file: string): number | undefined {
  try {
    // lstat: a lock path that is a dangling link still exists and must not look released.
    return Date.now() - lstatSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

function sameHolder(a: LockHolder | undefined, b: LockHolder | undefined): boolean {
  return a !== undefined && b !== undefined && a.pid === b.pid && a.token === b.token && a.startedAt === b.startedAt;
}

function createExclusive(file: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, text);
  } catch (error) {
    closeSync(fd);
    unlinkSync(file);
    throw error;
  }
  closeSync(fd);
  return true;
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone: the outcome wanted.
  }
}

export interface FolderLock {
  readonly file: string;
  /** What the caller should tell the user: a stale lock taken over, a wait for another run. */
  readonly notices: string[];
  release(): void;
}

/**
 * Removes a stale lock, unless another process took it over in between. Two processes that both saw
 * the same stale lock must not both delete "it" (the second would delete the first one's fresh lock),
 * so the removal itself is guarded by a second exclusive file.
 */
function removeStaleLock(file: string, stale: LockHolder | undefined): boolean {
  const guard = `${file}.takeover`;
  if (!createExclusive(guard, JSON.stringify({ pid: process.pid, host: hostname() }))) {
    const guardHolder = readHolder(guard);
    const guardAge = ageMs(guard);
    if ((guardHolder && holderIsGone(guardHolder)) || (!guardHolder && guardAge !== undefined && guardAge > UNREADABLE_STALE_MS)) removeQuietly(guard);
    return false;
  }
  try {
    const now = readHolder(file);
    const unchanged = stale === undefined ? now === undefined : sameHolder(now, stale);
    if (!unchanged) return false;
    try {
      unlinkSync(file);
    } catch (error) {
      // Gone already counts as removed; anything else (a folder in its place) is not a lock we can take over.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return false;
    }
    return true;
  } finally {
    removeQuietly(guard);
  }
}

/** Takes the lock of `dir` (which must exist), waiting for another holder as long as the options say. */
export function acquireFolderLock(dir: string, options: LockOptions = {}): FolderLock {
  const file = join(dir, LOCK_NAME);
  const waitMs = options.waitMs ?? waitFromEnvironment();
  const pollMs = options.pollMs ?? POLL_MS;
  const mine: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), token: randomBytes(8).toString('hex') };
  const notices: string[] = [];
  const start = Date.now();
  let lastHolder: LockHolder | undefined;
  let waited = false;
  for (;;) {
    if (createExclusive(file, `${JSON.stringify(mine, null, 2)}\n`)) break;
    const holder = readHolder(file);
    const age = ageMs(file);
    // No age: the lock was released between our attempt and the read; the next attempt may succeed.
    if (age !== undefined) {
      const stale = holder ? holderIsGone(holder) : age > UNREADABLE_STALE_MS;
      if (stale && removeStaleLock(file, holder)) {
        notices.push(
          holder
            ? `Took over the lock ${file}: process ${holder.pid} (started ${holder.startedAt}) that held it is no longer running.`
            : `Took over the lock ${file}: it had no holder recorded and was ${seconds(age)} old.`,
        );
        continue;
      }
      if (!stale) {
        lastHolder = holder;
        waited = true;
      }
    }
    const elapsed = Date.now() - start;
    if (elapsed >= waitMs) throw new LockBusyError(file, lastHolder, elapsed);
    sleep(Math.min(pollMs, waitMs - elapsed));
  }
  if (waited) {
    notices.push(
      `Waited ${seconds(Date.now() - start)} for another mendix-connector run${lastHolder ? ` (process ${lastHolder.pid})` : ''} to finish writing to ${dir}.`,
    );
  }
  return {
    file,
    notices,
    release: () => {
      // Only our own lock: if it was ever taken over (a pid reused), the new holder's lock stays.
      if (sameHolder(readHolder(file), mine)) removeQuietly(file);
    },
  };
}

/** The locks one command holds, each folder locked once, released together (in reverse order). */
export class FolderLocks {
  private readonly held = new Map<string, FolderLock>();
  readonly notices: string[] = [];

  constructor(private readonly options: LockOptions = {}) {}

  lock(dir: string): void {
    const key = resolve(dir);
    if (this.held.has(key)) return;
    const lock = acquireFolderLock(key, this.options);
    this.held.set(key, lock);
    this.notices.push(...lock.notices);
  }

  holds(dir: string): boolean {
    return this.held.has(resolve(dir));
  }

  release(): void {
    for (const lock of [...this.held.values()].reverse()) {
      try {
        lock.release();
      } catch {
        // A lock file that cannot be removed is found stale by the next run (this pid will be gone).
      }
    }
    this.held.clear();
  }
}
