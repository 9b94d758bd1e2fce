/**
 * Writes rendered Java sources into an app's `javasource` folder without losing the user's code.
 *
 * Rules, per file:
 * - a file that does not exist is created;
 * - in an existing file, a USER CODE or EXTRA CODE section that differs from what the generator wrote
 *   last time (the manifest `javasource/<pkg>/.mendix-connector.json` keeps a hash of every generated
 *   section) is kept: it is spliced into the newly rendered file, and the file is reported under
 *   `keptUserCode`. Without a manifest entry (first run over an older copy), a section counts as the
 *   user's when it differs from what the generator writes now;
 * - Java actions (files with a USER CODE section) also keep the imports the user added, as Studio Pro
 *   does; other code of a Java action is the generator's, as in Studio Pro;
 * - a helper file (no USER CODE section) that was changed outside its sections, or a file whose section
 *   markers are gone, is left as it is and reported under `skipped`;
 * - `force: true` writes every file exactly as rendered.
 *
 * Nothing is half-written: `planJavaSources` only reads, and says what to write; the writing itself is
 * the all-or-nothing transaction of generator/write (temporary files next to their targets, a journal,
 * renames, the manifest last), under a lock on the javasource folder. `generate --java-out` commits these
 * writes together with the output folder's, so that the app and the package change together or not at all.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FolderLocks } from '../write/folder-lock.js';
import { commitWrites, recoverFolder, WriteFailure, type PendingWrite } from '../write/transaction.js';
import type { WriteFs } from '../write/write-fs.js';
import type { RenderedJavaFile } from './render-java.js';
import {
  SECTION_NAMES,
  addImports,
  findSection,
  importDeclaration,
  importLines,
  readSections,
  replaceSection,
  sha256,
  skeleton,
  toLf,
  type SectionName,
} from './java-sections.js';

export const MANIFEST_FILE_NAME = '.mendix-connector.json';

export interface JavaWriteOptions {
  /** The module's Java package; the manifest lives in `javasource/<package path>/`. */
  javaPackage: string;
  /** Overwrite every file as rendered, user code included. */
  force?: boolean;
  /** The calls that change the disk; node:fs unless a test injects failures. */
  fs?: WriteFs;
}

export interface KeptUserCode {
  path: string;
  /** `USER CODE`, `EXTRA CODE` and/or `imports`. */
  sections: string[];
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface JavaWriteReport {
  created: string[];
  updated: string[];
  unchanged: string[];
  keptUserCode: KeptUserCode[];
  skipped: SkippedFile[];
  /** Files the generator wrote last time that it no longer renders; left in place. */
  stale: string[];
  /** Path of the manifest, relative to the app folder. */
  manifest: string;
  /** What was done before writing: an interrupted earlier write finished or rolled back, a stale lock taken over. */
  notices: string[];
}

interface ManifestEntry {
  /** SHA-256 of the file's skeleton (sections emptied) as written. */
  skeleton: string;
  /** SHA-256 of each section's content as the generator rendered it. */
  sections: Partial<Record<SectionName, string>>;
}

interface Manifest {
  formatVersion: 1;
  files: Record<string, ManifestEntry>;
}

interface PlannedWrite {
  path: string;
  absolute: string;
  text: string;
}

/** What `planJavaSources` found: the report, and the writes that make it true (relative to javasource). */
export interface JavaWritePlan {
  report: JavaWriteReport;
  writes: PendingWrite[];
}

const JAVASOURCE = 'javasource';

/** The files below javasource whose temporary files an interrupted run may have left: those it renders, and those its manifest lists. */
export function javaKnownTargets(appDir: string, files: readonly RenderedJavaFile[], javaPackage: string): string[] {
  const manifestPath = `${JAVASOURCE}/${javaPackage.split('.').join('/')}/${MANIFEST_FILE_NAME}`;
  const previous = readManifest(join(appDir, manifestPath));
  return [...files.map((f) => f.path), ...Object.keys(previous?.files ?? {}), manifestPath]
    .filter((p) => p.startsWith(`${JAVASOURCE}/`))
    .map((p) => p.slice(JAVASOURCE.length + 1));
}

/**
 * Writes the rendered files into `<appDir>/javasource/...` and reports what happened to each: locks the
 * javasource folder, finishes or rolls back an interrupted earlier write there, plans, then writes all
 * files or none.
 */
export function writeJavaSources(appDir: string, files: readonly RenderedJavaFile[], options: JavaWriteOptions): JavaWriteReport {
  if (!existsSync(appDir) || !statSync(appDir).isDirectory()) throw new Error(`The app folder ${appDir} does not exist.`);
  const javasource = resolve(appDir, JAVASOURCE);
  mkdirSync(javasource, { recursive: true });
  const locks = new FolderLocks();
  try {
    locks.lock(javasource);
    const recovery = recoverFolder(javasource, javaKnownTargets(appDir, files, options.javaPackage), { locks, ...(options.fs ? { fs: options.fs } : {}) });
    const plan = planJavaSources(appDir, files, options);
    try {
      commitWrites(plan.writes, { primary: javasource, ...(options.fs ? { fs: options.fs } : {}) });
    } catch (error) {
      if (!(error instanceof WriteFailure)) throw error;
      if (error.phase === 'stage') {
        const left = error.leftovers.length > 0 ? ` (these temporary files could not be removed: ${error.leftovers.join(', ')})` : '';
        throw new Error(`Cannot write the Java sources; no file was changed${left}: ${error.message}`);
      }
      throw new Error(
        `Cannot write the Java sources: ${error.replaced.length} of ${error.replaced.length + error.notReplaced.length} files were replaced before renaming ${error.notReplaced[0] ?? ''} failed; the next run finishes the write from the journal ${error.journal ?? ''}: ${error.message}`,
      );
    }
    return { ...plan.report, notices: [...locks.notices, ...recovery] };
  } finally {
    locks.release();
  }
}

/**
 * Decides, without changing anything, what writing the rendered files into `<appDir>/javasource/...`
 * does to each file (the rules at the top of this file), and which writes that takes.
 */
export function planJavaSources(appDir: string, files: readonly RenderedJavaFile[], options: JavaWriteOptions): JavaWritePlan {
  const manifestPath = `javasource/${options.javaPackage.split('.').join('/')}/${MANIFEST_FILE_NAME}`;
  const previous = readManifest(join(appDir, manifestPath));
  const decoder = new TextDecoder('utf-8');
  const report: JavaWriteReport = { created: [], updated: [], unchanged: [], keptUserCode: [], skipped: [], stale: [], manifest: manifestPath, notices: [] };
  const writes: PlannedWrite[] = [];
  const manifest: Manifest = { formatVersion: 1, files: {} };

  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const absolute = join(appDir, ...file.path.split('/'));
    const rendered = decoder.decode(file.bytes);
    const generatedSections = readSections(rendered);
    const entry: ManifestEntry = { skeleton: sha256(skeleton(rendered)), sections: hashSections(generatedSections) };
    if (!existsSync(absolute)) {
      writes.push({ path: file.path, absolute, text: rendered });
      report.created.push(file.path);
      manifest.files[file.path] = entry;
      continue;
    }
    const existing = toLf(readFileSync(absolute, 'utf8'));
    if (options.force) {
      record(report, file.path, existing, rendered, writes, absolute);
      manifest.files[file.path] = entry;
      continue;
    }
    const last = previous?.files[file.path];
    const isAction = findSection(rendered, 'USER CODE') !== undefined;
    const missing = SECTION_NAMES.filter((n) => generatedSections[n] !== undefined && findSection(existing, n) === undefined);
    if (missing.length > 0) {
      report.skipped.push({
        path: file.path,
        reason: `its ${missing.join(' and ')} markers are missing, so the user's code cannot be told apart; fix the markers or use force to overwrite`,
      });
      if (last) manifest.files[file.path] = last;
      continue;
    }
    if (!isAction) {
      const editedOutside = last ? sha256(skeleton(existing)) !== last.skeleton : skeleton(existing) !== skeleton(rendered);
      if (editedOutside) {
        report.skipped.push({
          path: file.path,
          reason: 'it was changed outside its BEGIN/END EXTRA CODE section since it was generated; use force to overwrite',
        });
        if (last) manifest.files[file.path] = last;
        continue;
      }
    }
    let output = rendered;
    const kept: string[] = [];
    const existingSections = readSections(existing);
    for (const name of SECTION_NAMES) {
      const mine = generatedSections[name];
      const theirs = existingSections[name];
      if (mine === undefined || theirs === undefined) continue;
      const lastHash = last?.sections[name];
      const userEdited = lastHash !== undefined ? sha256(theirs) !== lastHash : theirs !== mine;
      if (userEdited && theirs !== mine) {
        output = replaceSection(output, name, theirs);
        kept.push(name);
      }
    }
    if (isAction) {
      const have = new Set(importLines(output).map(importDeclaration));
      const extra = importLines(existing).filter((i) => !have.has(importDeclaration(i)));
      if (extra.length > 0) {
        output = addImports(output, extra);
        kept.push('imports');
      }
    }
    if (kept.length > 0) report.keptUserCode.push({ path: file.path, sections: kept });
    record(report, file.path, existing, output, writes, absolute);
    manifest.files[file.path] = entry;
  }

  if (previous) {
    for (const path of Object.keys(previous.files).sort()) {
      if (!(path in manifest.files) && !files.some((f) => f.path === path) && existsSync(join(appDir, ...path.split('/')))) report.stale.push(path);
    }
  }

  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  const manifestAbsolute = join(appDir, ...manifestPath.split('/'));
  if (!existsSync(manifestAbsolute) || readFileSync(manifestAbsolute, 'utf8') !== manifestText) {
    writes.push({ path: manifestPath, absolute: manifestAbsolute, text: manifestText });
  }
  const root = resolve(appDir, JAVASOURCE);
  const encoder = new TextEncoder();
  const pending = writes.map((w): PendingWrite => {
    if (!w.path.startsWith(`${JAVASOURCE}/`)) throw new Error(`${w.path} is not below ${JAVASOURCE}/.`);
    return { root, path: w.path.slice(JAVASOURCE.length + 1), bytes: encoder.encode(w.text), ...(w.path === manifestPath ? { manifest: true } : {}) };
  });
  return { report, writes: pending };
}

function record(report: JavaWriteReport, path: string, existing: string, output: string, writes: PlannedWrite[], absolute: string): void {
  if (existing === output) {
    report.unchanged.push(path);
    return;
  }
  writes.push({ path, absolute, text: output });
  report.updated.push(path);
}

function hashSections(sections: Partial<Record<SectionName, string>>): Partial<Record<SectionName, string>> {
  const hashes: Partial<Record<SectionName, string>> = {};
  for (const name of SECTION_NAMES) {
    const content = sections[name];
    if (content !== undefined) hashes[name] = sha256(content);
  }
  return hashes;
}

function readManifest(file: string): Manifest | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<Manifest>;
    if (data.formatVersion !== 1 || typeof data.files !== 'object' || data.files === null || Array.isArray(data.files)) return undefined;
    // Entries of another shape (a hand-edited manifest) count as unknown files, not as a reason to fail.
    const files = Object.entries(data.files as Record<string, unknown>).filter((e): e is [string, ManifestEntry] => {
      const entry = e[1] as Partial<ManifestEntry> | null;
      return typeof entry === 'object' && entry !== null && typeof entry.skeleton === 'string' && typeof entry.sections === 'object' && entry.sections !== null;
    });
    return { formatVersion: 1, files: Object.fromEntries(files) };
  } catch {
    // An unreadable manifest is treated as absent: sections are then compared with what is rendered now.
    return undefined;
  }
}

/** The report as lines for a terminal: one line per file that was not simply left unchanged. */
export function formatJavaWriteReport(report: JavaWriteReport): string[] {
  const lines: string[] = [];
  for (const path of report.created) lines.push(`created   ${path}`);
  for (const path of report.updated) lines.push(`updated   ${path}`);
  for (const kept of report.keptUserCode) lines.push(`kept      ${kept.path} (your ${kept.sections.join(', ')})`);
  for (const skipped of report.skipped) lines.push(`skipped   ${skipped.path}: ${skipped.reason}`);
  for (const path of report.stale) lines.push(`stale     ${path} (no longer generated; delete it if you do not need it)`);
  lines.push(
    `${report.created.length} created, ${report.updated.length} updated, ${report.unchanged.length} unchanged, ${report.keptUserCode.length} with your code kept, ${report.skipped.length} skipped`,
  );
  return lines;
}
