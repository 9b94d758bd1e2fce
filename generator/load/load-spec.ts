import { dirname, relative, resolve } from 'node:path';
import type { Diagnostic, SourceLocation, SpecPath } from '../validate/diagnostics.js';
import { presentDiagnostic } from '../validate/diagnostics.js';
import { SourceDocument } from './source-document.js';
import { isRecord } from '../spec/is-record.js';
import { formatCount } from '../spec/format-count.js';
import { MAX_SPEC_BYTES } from './read-file.js';

/**
 * Where each part of a loaded spec came from. The main file holds the spec; an operation's `cases`
 * may name a separate file, which is then "mounted" at that operation's `cases` path.
 */
export class SpecSources {
  private readonly mounts: Array<{ path: SpecPath; document: SourceDocument }> = [];

  constructor(
    readonly main: SourceDocument,
    readonly specFile: string,
  ) {}

  mount(path: SpecPath, document: SourceDocument): void {
    this.mounts.push({ path, document });
  }

  /** Location of the value at `path` (or of its key, with `key`), in whichever file holds it. */
  locate(path: SpecPath, options: { key?: boolean } = {}): SourceLocation {
    for (const mount of this.mounts) {
      if (isPrefix(mount.path, path)) {
        const inner = path.slice(mount.path.length);
        if (inner.length > 0) return mount.document.locate(inner, options);
      }
    }
    return this.main.locate(path, options);
  }

  /** Fills in the location of every diagnostic that has only a path, and makes each ready to show (see presentDiagnostic). */
  locateAll(diagnostics: Diagnostic[]): Diagnostic[] {
    return diagnostics.map((d) => presentDiagnostic(d.location ? d : { ...d, location: this.locate(d.path, { key: d.atKey === true }) }));
  }
}

export interface LoadedSpec {
  /** Plain data, not yet validated: the shape is checked by the schema next. */
  data: unknown;
  sources: SpecSources;
}

export interface LoadResult {
  loaded?: LoadedSpec;
  diagnostics: Diagnostic[];
}

/** How file names appear in messages: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel !== '' && !rel.startsWith('..') ? rel.split('\\').join('/') : file;
}

/**
 * Reads the spec file and the case files it names. Syntax problems of every file are reported together.
 * The spec and its case files together are read up to MAX_SPEC_BYTES: many operations may name case
 * files, and each file within its own limit would still add up without end.
 */
export function loadSpec(specFile: string): LoadResult {
  const absolute = resolve(specFile);
  const main = SourceDocument.read(absolute, displayPath(absolute));
  if (!main.document) return { diagnostics: main.diagnostics.map(presentDiagnostic) };
  const document = main.document;
  const { data, diagnostics: dataProblems } = document.toData();
  if (dataProblems.length > 0) return { diagnostics: dataProblems.map(presentDiagnostic) };
  const sources = new SpecSources(document, absolute);
  const problems: Diagnostic[] = [];
  let used = main.bytes ?? 0;
  const caseDocuments = new Map<string, SourceDocument | undefined>();

  const operations = isRecord(data) && Array.isArray(data['operations']) ? data['operations'] : [];
  operations.forEach((operation: unknown, index: number) => {
    if (!isRecord(operation) || typeof operation['cases'] !== 'string' || operation['cases'] === '') return;
    const casesPath: SpecPath = ['operations', index, 'cases'];
    const caseFile = resolve(dirname(absolute), operation['cases']);
    // A problem with the file itself (missing, a device, too large) belongs where the spec names it.
    const atKey = (d: Diagnostic): Diagnostic => ({ ...d, path: casesPath, location: document.locate(casesPath) });
    let included = caseDocuments.get(caseFile);
    if (!caseDocuments.has(caseFile)) {
      const read = SourceDocument.read(caseFile, displayPath(caseFile), {
        maxBytes: MAX_SPEC_BYTES - used,
        limit: `with the spec and the case files before it, that is more than the ${formatCount(MAX_SPEC_BYTES)} bytes (${MAX_SPEC_BYTES / 1024 / 1024} MiB) a spec and its case files may have together`,
      });
      used += read.bytes ?? 0;
      included = read.document;
      caseDocuments.set(caseFile, included);
      if (!included) {
        problems.push(...read.diagnostics.map((d) => (read.unreadable ? atKey(d) : d)));
        return;
      }
    }
    if (!included) return;
    const cases = included.toData();
    if (cases.diagnostics.length > 0) {
      problems.push(...cases.diagnostics);
      return;
    }
    if (!Array.isArray(cases.data)) {
      problems.push({
        path: casesPath,
        message: `The case file ${displayPath(caseFile)} holds ${describeData(cases.data)}, not a list of cases.`,
        hint: 'A case file is a list of cases: each item starts with "- name:", as the cases written inline in a spec.',
        location: included.locate([]),
      });
      return;
    }
    sources.mount(casesPath, included);
    operation['cases'] = cases.data;
  });
  if (problems.length > 0) return { diagnostics: problems.map(presentDiagnostic) };
  return { loaded: { data, sources }, diagnostics: [] };
}

/**
 * What a case file holds instead of a list, for messages. Never the value itself: `cases` may name any
 * file, and a line of /etc/passwd reads as YAML text.
 */
function describeData(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (an empty document)';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'a single text';
  return `a single ${typeof value}`;
}

function isPrefix(prefix: SpecPath, path: SpecPath): boolean {
  return prefix.length <= path.length && prefix.every((part, i) => part === path[i]);
}
