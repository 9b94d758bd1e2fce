import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatJavaWriteReport, writeJavaSources, type JavaWriteReport } from '../../generator/java/java-out.js';
import type { RenderedJavaFile } from '../../generator/java/render-java.js';
import { listFiles, renderBundledJava } from './java-golden.js';
import { JOURNAL_NAME } from '../../generator/write/transaction.js';
import { countingFs, crashAfter, diskFullAfter } from '../write/fs-doubles.js';

const INVOKE = 'javasource/awslambdaconnector/actions/Invoke.java';
const LIST = 'javasource/awslambdaconnector/actions/ListFunctions.java';
const JSON_HELPER = 'javasource/awslambdaconnector/impl/Json.java';
const MANIFEST = 'javasource/awslambdaconnector/.mendix-connector.json';
const OPTIONS = { javaPackage: 'awslambdaconnector' };

let app: string;
const files = renderBundledJava();
const decoder = new TextDecoder();
const encoder = new TextEncoder();
const rendered = (path: string, set: RenderedJavaFile[] = files): string => decoder.decode(set.find((f) => f.path === path)?.bytes);
const onDisk = (path: string): string => readFileSync(join(app, ...path.split('/')), 'utf8');
const edit = (path: string, change: (text: string) => string): void => writeFileSync(join(app, ...path.split('/')), change(onDisk(path)));
const userCodeOf = (text: string): string => text.slice(text.indexOf('// BEGIN USER CODE'), text.indexOf('// END USER CODE'));

/** The rendered files with one file's generated code changed, as a newer generator version would. */
function withChangedGenerator(path: string, change: (text: string) => string): RenderedJavaFile[] {
  return files.map((f) => (f.path === path ? { path: f.path, bytes: encoder.encode(change(decoder.decode(f.bytes))) } : f));
}

beforeEach(() => {
  app = mkdtempSync(join(tmpdir(), 'java-out-'));
  mkdirSync(join(app, 'javasource'));
});
afterEach(() => rmSync(app, { recursive: true, force: true }));

describe('writeJavaSources', () => {
  it('creates every file and a manifest in a fresh app, then reports all unchanged on a rerun', () => {
    const first = writeJavaSources(app, files, OPTIONS);
    expect(first.created).toEqual(files.map((f) => f.path));
    expect(first.updated).toEqual([]);
    expect(first.manifest).toBe(MANIFEST);
    for (const f of files) expect(onDisk(f.path)).toBe(rendered(f.path));
    expect(existsSync(join(app, ...MANIFEST.split('/')))).toBe(true);

    const second = writeJavaSources(app, files, OPTIONS);
    expect(second.created).toEqual([]);
    expect(second.updated).toEqual([]);
    expect(second.keptUserCode).toEqual([]);
    expect(second.unchanged).toEqual(files.map((f) => f.path));
  });

  it("keeps the user's USER CODE and reports it, while updating the generated code around it", () => {
    writeJavaSources(app, files, OPTIONS);
    edit(INVOKE, (t) => t.replace('// BEGIN USER CODE\n', '// BEGIN USER CODE\n\t\tcore.log("my own line");\n'));
    const newer = withChangedGenerator(INVOKE, (t) =>
      t.replace(' * Runs a Lambda function', ' * Runs an AWS Lambda function').replace('// BEGIN USER CODE\n', '// BEGIN USER CODE\n\t\t// generator v2\n'),
    );

    const report = writeJavaSources(app, newer, OPTIONS);
    expect(report.keptUserCode).toEqual([{ path: INVOKE, sections: ['USER CODE'] }]);
    expect(report.updated).toEqual([INVOKE]);
    expect(formatJavaWriteReport(report)).toEqual([
      `updated   ${INVOKE}`,
      `kept      ${INVOKE} (your USER CODE)`,
      `0 created, 1 updated, ${files.length - 1} unchanged, 1 with your code kept, 0 skipped`,
    ]);
    const text = onDisk(INVOKE);
    expect(text).toContain('core.log("my own line");');
    expect(text).not.toContain('// generator v2');
    expect(text).toContain(' * Runs an AWS Lambda function');

    // Still the user's on the next run (the manifest remembers what the generator wrote).
    const again = writeJavaSources(app, newer, OPTIONS);
    expect(again.keptUserCode).toEqual([{ path: INVOKE, sections: ['USER CODE'] }]);
    expect(again.unchanged).toContain(INVOKE);
  });

  it('takes the new generated section when the user did not touch it', () => {
    writeJavaSources(app, files, OPTIONS);
    const newer = withChangedGenerator(LIST, (t) => t.replace('// BEGIN USER CODE\n', '// BEGIN USER CODE\n\t\t// generator v2\n'));
    const report = writeJavaSources(app, newer, OPTIONS);
    expect(report.keptUserCode).toEqual([]);
    expect(report.updated).toEqual([LIST]);
    expect(onDisk(LIST)).toContain('// generator v2');
  });

  it('keeps EXTRA CODE and added imports of a Java action', () => {
    writeJavaSources(app, files, OPTIONS);
    edit(LIST, (t) =>
      t
        .replace('// BEGIN EXTRA CODE\n', '// BEGIN EXTRA CODE\n\tprivate static int helper() { return 42; }\n')
        .replace(
          'import com.mendix.systemwideinterfaces.core.UserAction;\n',
          'import com.mendix.systemwideinterfaces.core.UserAction;\nimport java.util.UUID;\nimport java.util.List; // note\nimport java.util.Map; /* maps */\n',
        ),
    );
    const report = writeJavaSources(app, files, OPTIONS);
    expect(report.keptUserCode).toEqual([{ path: LIST, sections: ['EXTRA CODE', 'imports'] }]);
    expect(report.unchanged).toContain(LIST);
    expect(onDisk(LIST)).toContain('private static int helper() { return 42; }');
    expect(onDisk(LIST)).toContain('import java.util.UUID;\n');
    // Imports with a trailing comment are kept as written, comment included.
    expect(onDisk(LIST)).toContain('import java.util.List; // note\n');
    expect(onDisk(LIST)).toContain('import java.util.Map; /* maps */\n');
  });

  it('overwrites user code with force: true', () => {
    writeJavaSources(app, files, OPTIONS);
    edit(INVOKE, (t) => t.replace('// BEGIN USER CODE\n', '// BEGIN USER CODE\n\t\tcore.log("my own line");\n'));
    const report = writeJavaSources(app, files, { ...OPTIONS, force: true });
    expect(report.keptUserCode).toEqual([]);
    expect(report.updated).toEqual([INVOKE]);
    expect(onDisk(INVOKE)).toBe(rendered(INVOKE));
  });

  it('treats differing sections as user code when there is no manifest (an older copy of the module)', () => {
    writeJavaSources(app, files, OPTIONS);
    rmSync(join(app, ...MANIFEST.split('/')));
    edit(INVOKE, (t) => t.replace('// BEGIN USER CODE\n', '// BEGIN USER CODE\n\t\tcore.log("mine");\n'));
    const report = writeJavaSources(app, files, OPTIONS);
    expect(report.keptUserCode).toEqual([{ path: INVOKE, sections: ['USER CODE'] }]);
    expect(userCodeOf(onDisk(INVOKE))).toContain('core.log("mine");');
    expect(report.unchanged).toContain(LIST);
  });

  it('re-creates a deleted file and leaves the others alone', () => {
    writeJavaSources(app, files, OPTIONS);
    rmSync(join(app, ...INVOKE.split('/')));
    const report = writeJavaSources(app, files, OPTIONS);
    expect(report.created).toEqual([INVOKE]);
    expect(report.unchanged).toHaveLength(files.length - 1);
  });

  it('skips a helper edited outside its sections, and a file whose markers are gone', () => {
    writeJavaSources(app, files, OPTIONS);
    edit(JSON_HELPER, (t) => t.replace('MAX_DEPTH = 512', 'MAX_DEPTH = 64'));
    edit(LIST, (t) => t.replace('\t\t// END USER CODE\n', ''));
    const report = writeJavaSources(app, files, OPTIONS);
    expect(report.skipped.map((s) => s.path)).toEqual([LIST, JSON_HELPER]);
    expect(onDisk(JSON_HELPER)).toContain('MAX_DEPTH = 64');
    expect(onDisk(LIST)).not.toContain('// END USER CODE');
    const forced = writeJavaSources(app, files, { ...OPTIONS, force: true });
    expect(forced.skipped).toEqual([]);
    expect(onDisk(JSON_HELPER)).toBe(rendered(JSON_HELPER));
  });

  it('reads files saved with CRLF line ends as unchanged', () => {
    writeJavaSources(app, files, OPTIONS);
    edit(INVOKE, (t) => t.replace(/\n/g, '\r\n'));
    const report: JavaWriteReport = writeJavaSources(app, files, OPTIONS);
    expect(report.keptUserCode).toEqual([]);
    expect(report.updated).toEqual([]);
    expect(report.unchanged).toContain(INVOKE);
    expect(onDisk(INVOKE)).toContain('\r\n');
  });

  it('reports files it generated before but renders no more, without deleting them', () => {
    writeJavaSources(app, files, OPTIONS);
    const report = writeJavaSources(
      app,
      files.filter((f) => f.path !== INVOKE),
      OPTIONS,
    );
    expect(report.stale).toEqual([INVOKE]);
    expect(existsSync(join(app, ...INVOKE.split('/')))).toBe(true);
  });

  it('changes nothing when one file cannot be written (no half-written module, no temp files)', () => {
    writeJavaSources(app, files, OPTIONS);
    edit(INVOKE, (t) => t.replace('// BEGIN USER CODE\n', '// BEGIN USER CODE\n\t\tcore.log("mine");\n'));
    const before = new Map(listFiles(join(app, 'javasource'), app).map((p) => [p, onDisk(p)]));
    // A newer generator changes every action, and the impl folder cannot be written (it is a file).
    const newer = files.map((f) => ({
      path: f.path,
      bytes: encoder.encode(decoder.decode(f.bytes).replace('// This file was generated', '// This file was generated (v2)')),
    }));
    rmSync(join(app, 'javasource', 'awslambdaconnector', 'impl'), { recursive: true });
    writeFileSync(join(app, 'javasource', 'awslambdaconnector', 'impl'), 'not a folder');
    expect(() => writeJavaSources(app, newer, OPTIONS)).toThrow(/no file was changed/);
    for (const [path, text] of before) {
      if (path.includes('/impl/')) continue;
      expect(onDisk(path), path).toBe(text);
    }
    const leftovers = readdirSync(join(app, 'javasource', 'awslambdaconnector', 'actions')).filter((n) => n.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
  });

  it('refuses an app folder that does not exist', () => {
    expect(() => writeJavaSources(join(app, 'missing'), files, OPTIONS)).toThrow(/does not exist/);
  });
});

describe('writeJavaSources when the disk fails or the process dies', () => {
  /** Every file below javasource, relative to the app, with its text. */
  const everything = (): Map<string, string> => new Map(listFiles(join(app, 'javasource'), app).map((p) => [p, onDisk(p)]));
  const newer = () =>
    files.map((f) => ({
      path: f.path,
      bytes: encoder.encode(decoder.decode(f.bytes).replace('// This file was generated', '// This file was generated (v2)')),
    }));

  it.each([0, 3_000, 40_000])('changes nothing and leaves no partly written file when the disk fills up after %i bytes', (budget) => {
    writeJavaSources(app, files, OPTIONS);
    const before = everything();
    expect(() => writeJavaSources(app, newer(), { ...OPTIONS, fs: diskFullAfter(budget) })).toThrow(
      /^Cannot write the Java sources; no file was changed: ENOSPC/,
    );
    expect(everything()).toEqual(before);
  });

  it('finishes a write the process died in, on the next call, with the user code still recognised as generated', () => {
    writeJavaSources(app, files, OPTIONS);
    const counter = countingFs();
    const probe = mkdtempSync(join(tmpdir(), 'java-out-count-'));
    try {
      mkdirSync(join(probe, 'javasource'));
      writeJavaSources(probe, files, OPTIONS);
      writeJavaSources(probe, newer(), { ...OPTIONS, fs: counter });
    } finally {
      rmSync(probe, { recursive: true, force: true });
    }
    // Dies after half of the renames: some actions are new, the rest and the manifest are not.
    const renames = newer().length + 1;
    expect(() => writeJavaSources(app, newer(), { ...OPTIONS, fs: crashAfter(counter.calls() - 1 - Math.ceil(renames / 2)) })).toThrow(
      /^Cannot write the Java sources: \d+ of \d+ files were replaced before renaming .* failed; the next run finishes the write from the journal .*\.mendix-connector-journal\.json: simulated crash/,
    );
    expect(existsSync(join(app, 'javasource', JOURNAL_NAME))).toBe(true);

    const report = writeJavaSources(app, newer(), OPTIONS);
    expect(report.notices).toHaveLength(1);
    expect(report.notices[0]).toMatch(/^Finished an interrupted write: renamed \d+ staged files into place/);
    // Had the manifest been left behind, the generated code would now look like the user's.
    expect(report.keptUserCode).toEqual([]);
    expect(report.unchanged).toEqual(files.map((f) => f.path));
    for (const f of newer()) expect(onDisk(f.path)).toBe(decoder.decode(f.bytes));
    expect([...everything().keys()].filter((p) => p.endsWith('.tmp') || p.endsWith('.json') || p.endsWith('.lock'))).toEqual([MANIFEST]);
  });
});
