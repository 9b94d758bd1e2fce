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
 * Nothing is half-written: every new content goes to a temporary file next to its target first; only
 * when all were written are they renamed over their targets (each rename is atomic). The manifest is
 * written last, the same way.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
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

/** Writes the rendered files into `<appDir>/javasource/...` and reports what happened to each. */
export function writeJavaSources(appDir: string, files: readonly RenderedJavaFile[], options: JavaWriteOptions): JavaWriteReport {
  if (!existsSync(appDir) || !statSync(appDir).isDirectory()) throw new Error(`The app folder ${appDir} does not exist.`);
  const manifestPath = `javasource/${options.javaPackage.split('.').join('/')}/${MANIFEST_FILE_NAME}`;
  const previous = readManifest(join(appDir, manifestPath));
  const decoder = new TextDecoder('utf-8');
  const report: JavaWriteReport = { created: [], updated: [], unchanged: [], keptUserCode: [], skipped: [], stale: [], manifest: manifestPath };
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
  commit(writes);
  return report;
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
    if (data.formatVersion !== 1 || typeof data.files !== 'object' || data.files === null) return undefined;
    return { formatVersion: 1, files: data.files };
  } catch {
    // An unreadable manifest is treated as absent: sections are then compared with what is rendered now.
    return undefined;
  }
}

/** Writes every file to a temporary sibling, then renames all into place; on failure nothing is replaced. */
function commit(writes: readonly PlannedWrite[]): void {
  const temps: Array<{ temp: string; target: string }> = [];
  try {
    for (const w of writes) {
      mkdirSync(dirname(w.absolute), { recursive: true });
      const temp = `${w.absolute}.${randomBytes(6).toString('hex')}.tmp`;
      writeFileSync(temp, w.text, { encoding: 'utf8', flag: 'wx' });
      temps.push({ temp, target: w.absolute });
    }
  } catch (error) {
    for (const t of temps) {
      try {
        unlinkSync(t.temp);
      } catch {
        // Already gone.
      }
    }
    throw new Error(`Cannot write the Java sources; no file was changed: ${error instanceof Error ? error.message : String(error)}`);
  }
  for (const t of temps) renameSync(t.temp, t.target);
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
