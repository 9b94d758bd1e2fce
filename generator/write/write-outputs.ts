import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

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

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function readManifest(outDir: string): Manifest {
  const file = join(outDir, MANIFEST_NAME);
  if (!existsSync(file)) return { files: {} };
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Manifest>;
    return { files: parsed.files ?? {} };
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

/**
 * Writes all files or none: every file goes to a temporary sibling first, and only when all of them
 * are written are they renamed into place (a rename within a folder is atomic). Conflicting files are
 * left alone unless `force`; the caller decides what to do about them before calling.
 */
export function writeOutputs(outDir: string, files: OutputFile[], plan: PlannedFile[], force: boolean): void {
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
  const staged: Array<{ temp: string; target: string }> = [];
  try {
    for (const file of [...toWrite, { path: MANIFEST_NAME, bytes: Buffer.from(`${JSON.stringify(sortedManifest, null, 2)}\n`) }]) {
      const target = join(outDir, file.path);
      mkdirSync(dirname(target), { recursive: true });
      const temp = `${target}.${process.pid}.tmp`;
      writeFileSync(temp, file.bytes);
      staged.push({ temp, target });
    }
  } catch (error) {
    for (const { temp } of staged) rmSync(temp, { force: true });
    throw error;
  }
  for (const { temp, target } of staged) renameSync(temp, target);
}
