import { dirname, relative, resolve } from 'node:path';
import type { Diagnostic, SourceLocation, SpecPath } from '../validate/diagnostics.js';
import { SourceDocument } from './source-document.js';
import { isRecord } from '../spec/is-record.js';

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

  /** Fills in the location of every diagnostic that has only a path. */
  locateAll(diagnostics: Diagnostic[]): Diagnostic[] {
    return diagnostics.map((d) => (d.location ? d : { ...d, location: this.locate(d.path, { key: d.atKey === true }) }));
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

/** Reads the spec file and the case files it names. Syntax problems of every file are reported together. */
export function loadSpec(specFile: string): LoadResult {
  const absolute = resolve(specFile);
  const { document, diagnostics } = SourceDocument.read(absolute, displayPath(absolute));
  if (!document) return { diagnostics };
  const sources = new SpecSources(document, absolute);
  const data = document.toData();
  const problems: Diagnostic[] = [];

  const operations = isRecord(data) && Array.isArray(data['operations']) ? data['operations'] : [];
  operations.forEach((operation: unknown, index: number) => {
    if (!isRecord(operation) || typeof operation['cases'] !== 'string' || operation['cases'] === '') return;
    const casesPath: SpecPath = ['operations', index, 'cases'];
    const caseFile = resolve(dirname(absolute), operation['cases']);
    const included = SourceDocument.read(caseFile, displayPath(caseFile));
    if (!included.document) {
      problems.push(
        ...included.diagnostics.map((d) => (d.message.startsWith('Cannot read') ? { ...d, path: casesPath, location: document.locate(casesPath) } : d)),
      );
      return;
    }
    sources.mount(casesPath, included.document);
    operation['cases'] = included.document.toData();
  });
  if (problems.length > 0) return { diagnostics: problems };
  return { loaded: { data, sources }, diagnostics: [] };
}

function isPrefix(prefix: SpecPath, path: SpecPath): boolean {
  return prefix.length <= path.length && prefix.every((part, i) => part === path[i]);
}
