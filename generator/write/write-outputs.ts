import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FolderLocks } from './folder-lock.js';
import { commitWrites, recoverFolder, sha256, type PendingWrite } from './transaction.js';
import type { WriteFs } from './write-fs.js';

export { sha256 };

/** A file the generator produces, with its path relative to the output folder (always `/`). */
export interface OutputFile {
  path: string;
  bytes: Uint8Array;
}

/**
 * The generator records what it wrote in this file, one SHA-256 per output, so that the next run can
 * tell a file it wrote (safe to replace) from one a user edited since (kept unless --force).
 */
export const MANIFEST_NAME = '.mendix-connector-manifest.json';

interface Manifest {
  files: Record<string, string>;
}

export type FileStatus = 'create' | 'update' | 'unchanged' | 'conflict';

export interface PlannedFile {
  path: string;
  status: FileStatus;
  bytes: number;
  /** Why a conflict is one. */
  reason?: string;
}

function readManifest(outDir: string): Manifest {
  const file = join(outDir, MANIFEST_NAME);
  if (!existsSync(file)) return { files: {} };
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { files?: unknown };
    // Only string hashes count: anything else in a hand-edited manifest proves nothing about a file.
    const files = typeof parsed.files === 'object' && parsed.files !== null && !Array.isArray(parsed.files) ? parsed.files : {};
    return { files: Object.fromEntries(Object.entries(files).filter((e): e is [string, string] => typeof e[1] === 'string')) };
  } catch {
    // A damaged manifest only means we cannot prove files are ours: treat them as user files.
    return { files: {} };
  }
}

/** Compares the files to write with what is on disk, without touching anything. */
export function planOutputs(outDir: string, files: OutputFile[]): PlannedFile[] {
  const manifest = readManifest(outDir);
  return files
    .map((file): PlannedFile => {
      const target = join(outDir, file.path);
      if (!existsSync(target)) return { path: file.path, status: 'create', bytes: file.bytes.length };
      // A folder where the file belongs cannot be replaced by a rename, not even with --force: say so up front.
      if (statSync(target).isDirectory()) return { path: file.path, status: 'conflict', bytes: file.bytes.length, reason: 'a folder is in its place' };
      const current = sha256(readFileSync(target));
      if (current === sha256(file.bytes)) return { path: file.path, status: 'unchanged', bytes: file.bytes.length };
      const recorded = manifest.files[file.path];
      if (recorded === current) return { path: file.path, status: 'update', bytes: file.bytes.length };
      return {
        path: file.path,
        status: 'conflict',
        bytes: file.bytes.length,
        reason: recorded === undefined ? 'the file exists but was not written by mendix-connector' : 'the file was changed after mendix-connector wrote it',
      };
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The paths the output folder's manifest lists: files an earlier run wrote (their temporary files may be left over). */
export function manifestPaths(outDir: string): string[] {
  return Object.keys(readManifest(outDir).files);
}

/**
 * What to write into the output folder: the files to create or update (conflicting ones only with
 * `force`) and the manifest, marked to be renamed last so that it never records files not yet in place.
 * An unchanged manifest is not rewritten.
 */
export function outputWrites(outDir: string, files: OutputFile[], plan: PlannedFile[], force: boolean): PendingWrite[] {
  const root = resolve(outDir);
  const status = new Map(plan.map((p) => [p.path, p.status]));
  const toWrite = files.filter((f) => {
    const s = status.get(f.path);
    return s === 'create' || s === 'update' || (s === 'conflict' && force);
  });
  const manifest = readManifest(outDir);
  for (const file of files) {
    const s = status.get(file.path);
    if (s !== 'conflict' || force) manifest.files[file.path] = sha256(file.bytes);
  }
  const sortedManifest: Manifest = { files: Object.fromEntries(Object.entries(manifest.files).sort(([a], [b]) => (a < b ? -1 : 1))) };
  const manifestBytes = Buffer.from(`${JSON.stringify(sortedManifest, null, 2)}\n`);
  const manifestFile = join(root, MANIFEST_NAME);
  const writes: PendingWrite[] = toWrite.map((f) => ({ root, path: f.path, bytes: f.bytes }));
  const unchanged = existsSync(manifestFile) && sha256(readFileSync(manifestFile)) === sha256(manifestBytes);
  if (!unchanged || writes.length > 0) writes.push({ root, path: MANIFEST_NAME, bytes: manifestBytes, manifest: true });
  return writes;
}

export interface WriteOutputsOptions {
  /** The calls that change the disk; node:fs unless a test injects failures. */
  fs?: WriteFs;
}

/**
 * Writes all files or none, on its own (`generate` combines the same steps with the app's Java): takes
 * the folder's lock, finishes or rolls back an interrupted earlier write, then stages every file next
 * to its target and renames them into place, the manifest last (see transaction.ts). Conflicting files
 * are left alone unless `force`; the caller decides what to do about them before calling. Returns what
 * the recovery did, one message each.
 */
export function writeOutputs(outDir: string, files: OutputFile[], plan: PlannedFile[], force: boolean, options: WriteOutputsOptions = {}): string[] {
  const root = resolve(outDir);
  mkdirSync(root, { recursive: true });
  const locks = new FolderLocks();
  try {
    locks.lock(root);
    const messages = [...locks.notices, ...recoverFolder(root, [...files.map((f) => f.path), ...manifestPaths(root), MANIFEST_NAME], { locks, ...options })];
    commitWrites(outputWrites(root, files, plan, force), { primary: root, ...options });
    return messages;
  } finally {
    locks.release();
  }
}
