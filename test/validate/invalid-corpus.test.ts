import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../generator/cli/run-cli.js';
import type { Output } from '../../generator/cli/output.js';
import { PACKAGE_ROOT } from '../../generator/paths.js';

/**
 * Every entry of the invalid-spec corpus breaks the minimal spec in one way; `mendix-connector
 * validate` must exit 1 and report exactly the listed problems, each at its line and column.
 */

interface Edit {
  line: number;
  from: string;
  to: string;
}
interface Expected {
  file?: 'cases';
  line: number;
  near?: string;
  column?: number;
  message: string;
}
interface CorpusEntry {
  name: string;
  edits: Edit[];
  truncateAfter?: number;
  caseFile?: string;
  expect: Expected[];
}

const specsDir = join(PACKAGE_ROOT, 'test', 'specs');
const minimal = readFileSync(join(specsDir, 'minimal.connector.yaml'), 'utf8');
const corpus = parse(readFileSync(join(specsDir, 'invalid-corpus.yaml'), 'utf8')) as CorpusEntry[];
const scratch = mkdtempSync(join(tmpdir(), 'invalid-corpus-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function applyEdits(entry: CorpusEntry): string {
  let lines = minimal.split('\n');
  for (const edit of entry.edits) {
    const current = lines[edit.line - 1] ?? '';
    if (!current.includes(edit.from)) throw new Error(`corpus entry "${entry.name}": line ${edit.line} does not contain "${edit.from}"`);
    lines[edit.line - 1] = current.replace(edit.from, edit.to);
  }
  if (entry.truncateAfter !== undefined) lines = lines.slice(0, entry.truncateAfter);
  // The API model is found relative to the spec; point at the project's copy from the scratch folder.
  return lines.join('\n').replace('apiModel: ../../spec/api/aws-lambda.api.json', `apiModel: ${join(PACKAGE_ROOT, 'spec', 'api', 'aws-lambda.api.json')}`);
}

function capture(): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    result: (t) => stdout.push(t),
    json: (v) => stdout.push(JSON.stringify(v)),
    info: (t) => stderr.push(t),
    error: (t) => stderr.push(t),
  };
}

interface JsonProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  hint: string;
}

describe('invalid-spec corpus', () => {
  it('has at least 25 distinct faults', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(25);
    expect(new Set(corpus.map((e) => e.name)).size).toBe(corpus.length);
  });

  it.each(corpus.map((entry) => [entry.name, entry] as const))('%s', async (_name, entry) => {
    const dir = join(scratch, entry.name.replace(/[^a-z0-9]+/gi, '-'));
    mkdirSync(join(dir, 'cases'), { recursive: true });
    const specFile = join(dir, 'spec.connector.yaml');
    const text = applyEdits(entry);
    writeFileSync(specFile, text);
    const caseFileName = /cases: (cases\/\S+)/.exec(text)?.[1];
    if (entry.caseFile !== undefined && caseFileName) writeFileSync(join(dir, caseFileName), entry.caseFile);

    const out = capture();
    const code = await runCli(['validate', specFile, '--json'], out);
    expect(code).toBe(1);
    const report = JSON.parse(out.stdout.join('\n')) as { valid: boolean; problems: JsonProblem[] };
    expect(report.valid).toBe(false);

    const sourceLines = (file: string) => readFileSync(file, 'utf8').split('\n');
    const expected = entry.expect.map((e) => {
      const file = e.file === 'cases' && caseFileName ? join(dir, caseFileName) : specFile;
      const line = sourceLines(file)[e.line - 1] ?? '';
      const column = e.column ?? (e.near === undefined ? line.search(/\S/) + 1 : line.indexOf(e.near) + 1);
      if (column === 0) throw new Error(`corpus entry "${entry.name}": "${e.near}" is not in line ${e.line}`);
      return { file, line: e.line, column, message: e.message.replace('{dir}', dir) };
    });
    const actual = report.problems.map((p) => ({ file: p.file, line: p.line, column: p.column, message: p.message }));
    expect(actual).toEqual(expected);
    for (const problem of report.problems) expect(problem.hint.length).toBeGreaterThan(10);
    // The human form goes to stderr with file:line:column and a hint, and never a stack trace.
    const stderr = out.stderr.join('\n');
    const first = expected[0];
    expect(stderr).toContain(`:${first?.line}:${first?.column}: error: ${first?.message}`);
    expect(stderr).toContain('hint: ');
    expect(stderr).not.toMatch(/\n\s+at .*\.(ts|js):\d+/);
  });
});
