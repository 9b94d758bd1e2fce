import { createHash, randomBytes } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, rmdirSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { LockBusyError, type FolderLocks } from './folder-lock.js';
import { nodeWriteFs, writeNewFile, type WriteFs } from './write-fs.js';

/**
 * All-or-nothing writing of files into one or more folders (the output folder and an app's javasource),
 * that survives being killed at any moment.
 *
 * 1. Journal: `.mendix-connector-journal.json` is written into every folder (atomically, by a rename),
 *    listing every file of the write in all folders: its target, its temporary file
 *    (`<target>.mendix-connector-<id>.tmp`, next to the target) and the SHA-256 of its content.
 * 2. Stage: every file is written to its temporary file and flushed. Any failure removes every staged file
 *    and then the journals: nothing was written. The last staged file complete is the commit point.
 * 3. Rename: the staged files are renamed over their targets (atomic within a folder), manifests last, so
 *    that a manifest never describes files that are not yet in place.
 * 4. The journals are removed.
 *
 * A run killed in between leaves a journal, and the next run (`recoverFolder`) settles it: when every
 * file of the write is staged and complete (its SHA-256 as recorded) or already renamed, it finishes the
 * renames; otherwise the write had not reached its commit point and it removes the staged files (a
 * rollback: nothing was replaced yet). The journal being written before anything else, it names every
 * temporary file the killed run may have left, in whichever folder. Temporary files of our naming pattern
 * without a journal (an older version, a journal removed by hand) are removed next to known targets; no
 * other file is ever removed.
 *
 * Test hook: when the environment variable `MENDIX_CONNECTOR_TEST_WRITE_DELAY_MS` is set, every step of
 * the write phase (the journals, each staged file, each rename, the end) is announced on stderr as
 * `mendix-connector test hook: <step>` and followed by a pause of that many milliseconds, so that tests
 * can kill a real process inside the write phase or hold its lock. Nothing else reads it.
 */
export const JOURNAL_NAME = '.mendix-connector-journal.json';
export const TEST_WRITE_DELAY_ENV = 'MENDIX_CONNECTOR_TEST_WRITE_DELAY_MS';
const JOURNAL_FORMAT = 'mendix-connector-journal/1';
/** Our temporary files, and only ours: the marker and a 16-digit hex transaction id. */
const TEMP_PATTERN = /\.mendix-connector-[0-9a-f]{16}\.tmp$/;

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface PendingWrite {
  /** The folder written into (absolute): it holds the lock and the journal. */
  root: string;
  /** The file's path below `root`, with `/`. */
  path: string;
  bytes: Uint8Array;
  /** Renamed after every other file, in the order given: a manifest must not describe files not yet in place. */
  manifest?: boolean;
}

export interface CommitOptions {
  /** The main folder of the write (the output folder): its journal is written first and removed last. */
  primary: string;
  /** The calls that change the disk; node:fs unless a test injects failures. */
  fs?: WriteFs;
}

/** A write that failed. `replaced` lists the targets already renamed into place (absolute paths). */
export class WriteFailure extends Error {
  constructor(
    message: string,
    /** `stage`: before the commit point, nothing was replaced. `rename`: some targets may have been replaced. */
    readonly phase: 'stage' | 'rename',
    readonly replaced: string[],
    readonly notReplaced: string[],
    /** Temporary files that could not be removed again. */
    readonly leftovers: string[],
    /** The journal that lets the next run finish the write (phase `rename`). */
    readonly journal: string | undefined,
    /** The file (absolute) being staged or renamed when it failed; the journal's when that failed. */
    readonly target: string | undefined,
    readonly reason: unknown,
  ) {
    super(message);
    this.name = 'WriteFailure';
  }
}

interface JournalEntry {
  root: string;
  path: string;
  temp: string;
  sha256: string;
  size: number;
}

interface Journal {
  format: typeof JOURNAL_FORMAT;
  id: string;
  /** Informative: whether this copy of the journal is in the main folder of the write. */
  role: 'primary' | 'secondary';
  /** The main folder of the write. */
  primary: string;
  pid: number;
  startedAt: string;
  /** Folders the staging creates (parents first), removed again by a rollback when empty. */
  createdDirs: string[];
  /** In rename order. */
  entries: JournalEntry[];
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isSafeRelative(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\') || path.includes('\0')) return false;
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

function absoluteOf(root: string, path: string): string {
  return join(root, ...path.split('/'));
}

function tempNameOf(path: string, id: string): string {
  return `${path}.mendix-connector-${id}.tmp`;
}

function isInside(folder: string, path: string): boolean {
  const f = resolve(folder);
  const p = resolve(path);
  return p === f || p.startsWith(f.endsWith(sep) ? f : `${f}${sep}`);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function testHook(step: string): void {
  const raw = process.env[TEST_WRITE_DELAY_ENV];
  if (raw === undefined || raw === '') return;
  const ms = Number(raw);
  // Synchronous on pipes and files, so a test reading stderr sees the step before the pause starts.
  process.stderr.write(`mendix-connector test hook: ${step}\n`);
  if (Number.isFinite(ms) && ms > 0) sleep(ms);
}

function existsNoFollow(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The folders that do not exist yet among `dirs` and their parents, parents first. */
function missingDirs(dirs: readonly string[]): string[] {
  const missing: string[] = [];
  for (const dir of dirs) {
    const chain: string[] = [];
    let current = dir;
    while (!existsNoFollow(current) && !missing.includes(current)) {
      chain.unshift(current);
      const parent = dirname(current);
      if (parent === current) break;
      current = parent;
    }
    missing.push(...chain);
  }
  return missing;
}

/** Creates the folders of `planned` that `dir` needs, parents first, recording each one created. */
function ensureDir(fs: WriteFs, dir: string, planned: readonly string[], made: string[]): void {
  for (const folder of planned) {
    if (!isInside(folder, dir) || made.includes(folder)) continue;
    fs.mkdirSync(folder);
    made.push(folder);
  }
}

/** Removes folders a failed write created, deepest first, as long as they are empty (nothing of anyone else's). */
function removeCreatedDirs(dirs: readonly string[]): void {
  for (const dir of [...dirs].reverse()) {
    try {
      rmdirSync(dir);
    } catch {
      // Not empty or already gone: either way it is not ours to remove.
    }
  }
}

function unlinkIfPresent(fs: WriteFs, path: string): 'removed' | 'absent' | 'failed' {
  try {
    fs.unlinkSync(path);
    return 'removed';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'absent' : 'failed';
  }
}

/**
 * Writes every file all or none (see the top of this file). Returns the targets replaced (absolute).
 * Throws a `WriteFailure`: in phase `stage` nothing was replaced and no temporary file is left (unless
 * listed in `leftovers`); in phase `rename` the journal stays, and the next run finishes the write.
 * The caller holds the locks of every root and has run `recoverFolder` on each.
 */
export function commitWrites(writes: readonly PendingWrite[], options: CommitOptions): string[] {
  const fs = options.fs ?? nodeWriteFs;
  const ordered = [...writes.filter((w) => !w.manifest), ...writes.filter((w) => w.manifest)];
  if (ordered.length === 0) return [];
  const id = randomBytes(8).toString('hex');
  const primary = resolve(options.primary);
  const roots = [primary, ...new Set(ordered.map((w) => resolve(w.root)))].filter((r, i, all) => all.indexOf(r) === i);
  for (const root of roots) {
    if (existsNoFollow(join(root, JOURNAL_NAME))) {
      throw new Error(`${join(root, JOURNAL_NAME)} is still there: the interrupted write it records must be finished or rolled back first.`);
    }
  }
  // Everything the journal records is known before anything is written: targets, temporary files, hashes.
  const entries: JournalEntry[] = ordered.map((write) => {
    if (!isSafeRelative(write.path)) throw new Error(`Refusing to write outside the folder: "${write.path}".`);
    return { root: resolve(write.root), path: write.path, temp: tempNameOf(write.path, id), sha256: sha256(write.bytes), size: write.bytes.length };
  });
  const plannedDirs = missingDirs(entries.map((e) => dirname(absoluteOf(e.root, e.path))));

  const journals: string[] = [];
  const staged: string[] = [];
  const made: string[] = [];
  let current: string | undefined;
  try {
    testHook('journal');
    const base = { format: JOURNAL_FORMAT, id, primary, pid: process.pid, startedAt: new Date().toISOString(), createdDirs: plannedDirs, entries } as const;
    for (const root of roots) {
      current = join(root, JOURNAL_NAME);
      const journal: Journal = { ...base, role: root === primary ? 'primary' : 'secondary' };
      const temp = join(root, tempNameOf(JOURNAL_NAME, id));
      writeNewFile(fs, temp, Buffer.from(`${JSON.stringify(journal, null, 2)}\n`), () => staged.push(temp));
      fs.renameSync(temp, current);
      staged.splice(staged.indexOf(temp), 1);
      journals.push(current);
    }
    for (const [index, entry] of entries.entries()) {
      const target = absoluteOf(entry.root, entry.path);
      current = target;
      testHook(`stage ${entry.path}`);
      ensureDir(fs, dirname(target), plannedDirs, made);
      if (existsNoFollow(target) && lstatSync(target).isDirectory()) throw new Error(`${target} is a folder, where the file ${entry.path} belongs.`);
      const temp = absoluteOf(entry.root, entry.temp);
      // Recorded as soon as it exists, so that a failure in the middle of writing removes it too.
      writeNewFile(fs, temp, (ordered[index] as PendingWrite).bytes, () => staged.push(temp));
    }
  } catch (error) {
    const leftovers: string[] = [];
    // Staged files first: should this clean-up itself be cut short, the journals still name what is left.
    for (const file of staged) if (unlinkIfPresent(fs, file) === 'failed') leftovers.push(file);
    if (leftovers.length === 0) for (const file of [...journals].reverse()) if (unlinkIfPresent(fs, file) === 'failed') leftovers.push(file);
    removeCreatedDirs(made);
    throw new WriteFailure(
      errorText(error),
      'stage',
      [],
      entries.map((e) => absoluteOf(e.root, e.path)),
      leftovers,
      undefined,
      current,
      error,
    );
  }

  const replaced: string[] = [];
  for (const [index, entry] of entries.entries()) {
    const target = absoluteOf(entry.root, entry.path);
    testHook(`rename ${entry.path}`);
    try {
      fs.renameSync(absoluteOf(entry.root, entry.temp), target);
    } catch (error) {
      throw new WriteFailure(
        errorText(error),
        'rename',
        replaced,
        entries.slice(index).map((e) => absoluteOf(e.root, e.path)),
        [],
        join(primary, JOURNAL_NAME),
        target,
        error,
      );
    }
    replaced.push(target);
  }
  testHook('remove journals');
  // The primary's last, so that it is the journal a failure here leaves (any one of them settles the write).
  for (const file of [...journals.slice(1), journals[0] ?? '']) unlinkIfPresent(fs, file);
  return replaced;
}

type EntryState = 'staged' | 'done' | 'missing';

function fileSha(path: string): string | undefined {
  try {
    return sha256(readFileSync(path));
  } catch {
    return undefined;
  }
}

function entryState(entry: JournalEntry): EntryState {
  const temp = absoluteOf(entry.root, entry.temp);
  if (existsNoFollow(temp)) {
    return lstatSync(temp).isFile() && lstatSync(temp).size === entry.size && fileSha(temp) === entry.sha256 ? 'staged' : 'missing';
  }
  return fileSha(absoluteOf(entry.root, entry.path)) === entry.sha256 ? 'done' : 'missing';
}

/** Reads a journal, checking every field: a damaged or hostile journal must not steer renames elsewhere. */
function readJournal(file: string): Journal | 'unreadable' | undefined {
  if (!existsNoFollow(file)) return undefined;
  let data: Partial<Journal>;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as Partial<Journal>;
  } catch {
    return 'unreadable';
  }
  const id = data.id;
  if (data.format !== JOURNAL_FORMAT || typeof id !== 'string' || !/^[0-9a-f]{16}$/.test(id)) return 'unreadable';
  if ((data.role !== 'primary' && data.role !== 'secondary') || typeof data.primary !== 'string' || !isAbsolute(data.primary)) return 'unreadable';
  if (!Array.isArray(data.entries) || !Array.isArray(data.createdDirs)) return 'unreadable';
  const entries: JournalEntry[] = [];
  for (const e of data.entries as unknown[]) {
    if (typeof e !== 'object' || e === null) return 'unreadable';
    const entry = e as Partial<JournalEntry>;
    if (typeof entry.root !== 'string' || !isAbsolute(entry.root) || typeof entry.path !== 'string' || !isSafeRelative(entry.path)) return 'unreadable';
    if (entry.temp !== tempNameOf(entry.path, id) || typeof entry.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(entry.sha256)) return 'unreadable';
    if (typeof entry.size !== 'number' || !Number.isInteger(entry.size) || entry.size < 0) return 'unreadable';
    entries.push({ root: resolve(entry.root), path: entry.path, temp: entry.temp, sha256: entry.sha256, size: entry.size });
  }
  const roots = new Set(entries.map((e) => e.root));
  const createdDirs = (data.createdDirs as unknown[]).filter(
    (d): d is string => typeof d === 'string' && isAbsolute(d) && [...roots].some((root) => isInside(root, d)),
  );
  return {
    format: JOURNAL_FORMAT,
    id,
    role: data.role,
    primary: resolve(data.primary),
    pid: typeof data.pid === 'number' ? data.pid : 0,
    startedAt: typeof data.startedAt === 'string' ? data.startedAt : '',
    createdDirs,
    entries,
  };
}

export interface RecoveryOptions {
  /** The command's locks: folders of an interrupted write other than `root` are locked before they are touched. */
  locks: FolderLocks;
  fs?: WriteFs;
  /** How paths appear in the messages. */
  show?: (absolute: string) => string;
}

/** An interrupted write that cannot be finished (a rename fails again); the journal stays for another try. */
export class RecoveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecoveryError';
  }
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Paths for a message: all of a few, the first of many (a module has dozens of Java files). */
function listed(paths: readonly string[], show: (p: string) => string, most = 4): string {
  const shown = paths.slice(0, most).map(show);
  return paths.length > shown.length ? `${shown.join(', ')} and ${paths.length - shown.length} more` : shown.join(', ');
}

/** Every copy of the journal, the main folder's last (the order they are removed in). */
function journalFiles(journal: Journal): string[] {
  const roots = [...new Set(journal.entries.map((e) => e.root))].filter((r) => r !== journal.primary);
  return [...roots.map((r) => join(r, JOURNAL_NAME)), join(journal.primary, JOURNAL_NAME)];
}

function removeJournals(fs: WriteFs, journal: Journal): void {
  for (const file of journalFiles(journal)) {
    const found = readJournal(file);
    if (found !== undefined && found !== 'unreadable' && found.id === journal.id) unlinkIfPresent(fs, file);
  }
}

function rollBack(journal: Journal, why: string, fs: WriteFs, show: (p: string) => string): string {
  const states = journal.entries.map(entryState);
  const temps = journal.entries.map((e) => absoluteOf(e.root, e.temp)).filter(existsNoFollow);
  const failed = temps.filter((t) => unlinkIfPresent(fs, t) === 'failed');
  removeJournals(fs, journal);
  removeCreatedDirs(journal.createdDirs);
  const done = journal.entries.filter((_, i) => states[i] === 'done').map((e) => absoluteOf(e.root, e.path));
  let text = `Rolled back an interrupted write (${why}): removed ${plural(temps.length - failed.length, 'temporary file')}`;
  text +=
    done.length === 0
      ? '; none of its files had been renamed into place'
      : `; ${plural(done.length, 'file')} already had the content it was writing and stay as they are: ${listed(done, show)}`;
  if (failed.length > 0) text += `. Could not remove: ${listed(failed, show)}`;
  return `${text}.`;
}

/** Finishes the write a journal records (every file staged complete or already renamed) or rolls it back. */
function settle(journal: Journal, options: RecoveryOptions, fs: WriteFs, show: (p: string) => string): string {
  const roots = [...new Set([journal.primary, ...journal.entries.map((e) => e.root)])].filter((r) => existsSync(r));
  for (const root of roots) {
    try {
      options.locks.lock(root);
    } catch (error) {
      // Busy: the caller reports the other run. Anything else (no permission) means the folder cannot be
      // settled from here, and the journal stays for a run that can.
      if (error instanceof LockBusyError) throw error;
      throw new RecoveryError(
        `An interrupted write (journal ${show(join(journal.primary, JOURNAL_NAME))}) could not be settled: ${show(root)} cannot be locked: ${errorText(error)}.`,
      );
    }
  }
  const states = journal.entries.map(entryState);
  // Every folder of the write has its journal until the renames are done: a staged file in a folder
  // without it is not this write's to rename (a journal copied or edited by hand).
  const foreignUnconfirmed = journal.entries.some((e, i) => {
    if (states[i] !== 'staged') return false;
    const own = readJournal(join(e.root, JOURNAL_NAME));
    return own === undefined || own === 'unreadable' || own.id !== journal.id;
  });
  const missing = journal.entries.filter((_, i) => states[i] === 'missing').map((e) => absoluteOf(e.root, e.path));
  if (missing.length > 0 || foreignUnconfirmed) {
    const total = journal.entries.length;
    const why =
      missing.length > 0
        ? `it was stopped before ${missing.length} of its ${plural(total, 'file')} ${missing.length === 1 ? 'was' : 'were'} staged complete: ${listed(missing, show)}`
        : 'a folder of it had lost its journal';
    return rollBack(journal, why, fs, show);
  }
  const renamed: string[] = [];
  for (const [index, entry] of journal.entries.entries()) {
    if (states[index] !== 'staged') continue;
    const target = absoluteOf(entry.root, entry.path);
    try {
      fs.renameSync(absoluteOf(entry.root, entry.temp), target);
    } catch (error) {
      throw new RecoveryError(
        `An interrupted write (journal ${show(join(journal.primary, JOURNAL_NAME))}) could not be finished: renaming its staged ${show(target)} failed: ${errorText(error)}.` +
          (renamed.length > 0 ? ` Renamed into place before that: ${listed(renamed, show)}.` : ''),
      );
    }
    renamed.push(target);
  }
  removeJournals(fs, journal);
  return renamed.length === 0
    ? `Removed the journal of a write that had finished (${show(join(journal.primary, JOURNAL_NAME))}).`
    : `Finished an interrupted write: renamed ${plural(renamed.length, 'staged file')} into place (${listed(renamed, show)}).`;
}

/**
 * Brings `root` to a consistent state before a new write: finishes or rolls back an interrupted write
 * recorded by its journal, then removes the temporary files of mendix-connector runs (our naming
 * pattern only) in the folders of `knownTargets` (paths below root). Old versions named temporary files
 * `<target>.<pid>.tmp` and `<target>.<12 hex>.tmp`; those are removed only next to a known target of
 * that name. Returns what it did, one message each. The caller holds the lock of `root`.
 */
export function recoverFolder(root: string, knownTargets: readonly string[], options: RecoveryOptions): string[] {
  const fs = options.fs ?? nodeWriteFs;
  const show = options.show ?? ((p: string) => p);
  const folder = resolve(root);
  const messages: string[] = [];
  const sweepDirs = new Set<string>([folder]);
  const knownNames = new Map<string, Set<string>>();
  const know = (absolute: string): void => {
    const dir = dirname(absolute);
    sweepDirs.add(dir);
    const names = knownNames.get(dir) ?? new Set<string>();
    names.add(absolute.slice(dir.length + 1));
    knownNames.set(dir, names);
  };
  for (const target of knownTargets) if (isSafeRelative(target)) know(absoluteOf(folder, target));

  const journalFile = join(folder, JOURNAL_NAME);
  const journal = readJournal(journalFile);
  if (journal === 'unreadable') {
    unlinkIfPresent(fs, journalFile);
    messages.push(`Removed an unreadable journal of an interrupted write (${show(journalFile)}); its temporary files are removed below.`);
  } else if (journal !== undefined) {
    for (const entry of journal.entries) if (entry.root === folder) know(absoluteOf(folder, entry.path));
    messages.push(settle(journal, options, fs, show));
  }

  const removed: string[] = [];
  const failed: string[] = [];
  for (const dir of sweepDirs) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    const known = knownNames.get(dir) ?? new Set<string>();
    for (const name of names) {
      const legacy = /^(.+)\.(\d+|[0-9a-f]{12})\.tmp$/.exec(name);
      if (!TEMP_PATTERN.test(name) && !(legacy && known.has(legacy[1] ?? ''))) continue;
      const file = join(dir, name);
      let isFile: boolean;
      try {
        isFile = lstatSync(file).isFile();
      } catch {
        continue;
      }
      if (!isFile) continue;
      if (unlinkIfPresent(fs, file) === 'failed') failed.push(file);
      else removed.push(file);
    }
  }
  if (removed.length > 0)
    messages.push(`Removed ${plural(removed.length, 'temporary file')} an interrupted mendix-connector run had left: ${listed(removed, show)}.`);
  if (failed.length > 0) messages.push(`Could not remove ${plural(failed.length, 'temporary file')} an interrupted run had left: ${listed(failed, show)}.`);
  return messages;
}

/** Whether `root` holds the journal of an interrupted write (for --check and --dry-run, which change nothing). */
export function hasJournal(root: string): boolean {
  return existsNoFollow(join(resolve(root), JOURNAL_NAME));
}
