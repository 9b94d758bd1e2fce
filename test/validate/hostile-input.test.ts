import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../generator/cli/run-cli.js';
import type { Output } from '../../generator/cli/output.js';
import { PACKAGE_ROOT } from '../../generator/paths.js';

/**
 * Specs written to hurt: files that are devices, pipes or gigabytes, alias bombs, values of megabytes,
 * control characters, other encodings, files that are not ours, and values that look fine but that
 * AWS, Studio Pro or the file system refuse later. Each must end within its bound with exit code 1 and
 * exactly the listed problems, each at its file, line and column, in short messages that quote nothing
 * of a file that is not ours, and never with a stack trace.
 */

const minimal = readFileSync(join(PACKAGE_ROOT, 'test', 'specs', 'minimal.connector.yaml'), 'utf8');
const API_MODEL = join(PACKAGE_ROOT, 'spec', 'api', 'aws-lambda.api.json');
const scratch = mkdtempSync(join(tmpdir(), 'hostile-input-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const posix = process.platform !== 'win32';

interface JsonProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  hint: string;
}

interface Expected {
  file: string;
  line: number;
  /** The column is where this text first occurs in that line of the file; or give `column`. */
  near?: string;
  column?: number;
  message: string;
}

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

let counter = 0;

/** A fresh folder for one case, with a `cases/` folder. */
function caseDir(): string {
  const dir = join(scratch, `case-${++counter}`);
  mkdirSync(join(dir, 'cases'), { recursive: true });
  return dir;
}

/**
 * The minimal spec with line edits (`from` must occur in line `line` and is replaced by `to`), the API
 * model named by its absolute path, and optionally everything after line `truncateAfter` dropped.
 */
function edited(edits: Array<[number, string, string]>, truncateAfter?: number): string {
  let lines = minimal.split('\n');
  for (const [line, from, to] of edits) {
    const current = lines[line - 1] ?? '';
    if (!current.includes(from)) throw new Error(`line ${line} does not contain "${from}"`);
    lines[line - 1] = current.replace(from, to);
  }
  if (truncateAfter !== undefined) lines = lines.slice(0, truncateAfter);
  return lines.join('\n').replace('apiModel: ../../spec/api/aws-lambda.api.json', `apiModel: ${API_MODEL}`);
}

/** The minimal spec whose only operation takes its cases from `casesPath`. */
function withCaseFile(casesPath: string): string {
  return edited([[126, 'cases:', `cases: ${casesPath}`]], 126);
}

function capture(): Output & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, result: (t) => out.push(t), json: (v) => out.push(JSON.stringify(v)), info: (t) => err.push(t), error: (t) => err.push(t) };
}

/** `mendix-connector validate <spec> --json`, in this process. */
async function validateInProcess(specFile: string): Promise<Outcome> {
  const output = capture();
  const code = await runCli(['validate', specFile, '--json'], output);
  return { code, stdout: output.out.join('\n'), stderr: output.err.join('\n') };
}

const bin = join(PACKAGE_ROOT, 'build', 'generator', 'cli', 'main.js');

/**
 * `mendix-connector validate` in a child process, for inputs that block or exhaust a process that reads
 * them naively (a FIFO blocks `open` forever; /dev/zero fills memory): killed after 20 seconds, and
 * limited to 3 GB of address space.
 */
function validateIsolated(specFile: string): Outcome {
  const result = spawnSync('sh', ['-c', 'ulimit -v 3000000; exec "$0" "$@"', process.execPath, bin, 'validate', specFile, '--json'], {
    cwd: PACKAGE_ROOT,
    encoding: 'utf8',
    timeout: 20_000,
    killSignal: 'SIGKILL',
  });
  if (result.error || result.signal) throw new Error(`validate did not end by itself: ${result.error?.message ?? result.signal ?? ''}`);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function expected(e: Expected): Omit<Expected, 'near'> & { column: number } {
  const text = readFileSync(e.file, 'latin1').split('\n')[e.line - 1] ?? '';
  const column = e.column ?? (e.near === undefined ? text.search(/\S/) + 1 : text.indexOf(e.near) + 1);
  if (column === 0) throw new Error(`"${e.near}" is not in line ${e.line} of ${e.file}`);
  return { file: e.file, line: e.line, column, message: e.message };
}

/** Exit code 1, exactly the expected problems, bounded output, hints, and no stack trace. */
function expectProblems(outcome: Outcome, problems: Expected[]): void {
  expect(outcome.stderr).not.toMatch(/\n\s+at .*\.(ts|js):\d+/);
  expect(outcome.stderr).not.toMatch(/internal error/);
  expect(outcome.code).toBe(1);
  const report = JSON.parse(outcome.stdout) as { valid: boolean; problems: JsonProblem[] };
  expect(report.valid).toBe(false);
  expect(report.problems.map((p) => ({ file: p.file, line: p.line, column: p.column, message: p.message }))).toEqual(problems.map(expected));
  for (const problem of report.problems) expect(problem.hint.length).toBeGreaterThan(10);
  // Short messages, whatever the input: every value is shortened (see presentText).
  expect(outcome.stdout.length + outcome.stderr.length).toBeLessThan(5_000 * report.problems.length);
}

function writeSpec(dir: string, text: string, name = 'spec.connector.yaml'): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe.skipIf(!posix)('files that are not regular files or too large (in a child process)', () => {
  beforeAll(() => {
    if (!existsSync(bin)) execFileSync(process.execPath, [join(PACKAGE_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', PACKAGE_ROOT]);
  }, 180_000);

  it('refuses /dev/zero as a case file, at the key that names it', () => {
    const spec = writeSpec(caseDir(), withCaseFile('/dev/zero'));
    expectProblems(validateIsolated(spec), [
      { file: spec, line: 126, near: '/dev/zero', message: 'Cannot read /dev/zero: it is a device, not a regular file.' },
    ]);
  }, 30_000);

  it('refuses /dev/zero as the API model', () => {
    const spec = writeSpec(caseDir(), edited([]).replace(`apiModel: ${API_MODEL}`, 'apiModel: /dev/zero'));
    expectProblems(validateIsolated(spec), [
      { file: spec, line: 18, near: '/dev/zero', message: 'Cannot use the API model /dev/zero: it is a device, not a regular file.' },
    ]);
  }, 30_000);

  it('refuses a FIFO as a case file and as the API model without blocking', () => {
    const dir = caseDir();
    execFileSync('mkfifo', [join(dir, 'cases', 'pipe.cases.yaml'), join(dir, 'model.api.json')]);
    const spec = writeSpec(dir, withCaseFile('cases/pipe.cases.yaml').replace(`apiModel: ${API_MODEL}`, 'apiModel: model.api.json'));
    const pipe = join(dir, 'cases', 'pipe.cases.yaml');
    expectProblems(validateIsolated(spec), [
      { file: spec, line: 126, near: 'cases/pipe', message: `Cannot read ${pipe}: it is a named pipe (FIFO), not a regular file.` },
    ]);
    const modelOnly = writeSpec(dir, edited([]).replace(`apiModel: ${API_MODEL}`, 'apiModel: model.api.json'), 'model.connector.yaml');
    expectProblems(validateIsolated(modelOnly), [
      { file: modelOnly, line: 18, near: 'model.api.json', message: 'Cannot use the API model model.api.json: it is a named pipe (FIFO), not a regular file.' },
    ]);
  }, 60_000);

  it('refuses a spec of 50 MB at once', () => {
    const spec = writeSpec(caseDir(), '');
    truncateSync(spec, 50 * 1024 * 1024);
    const started = Date.now();
    expectProblems(validateIsolated(spec), [
      { file: spec, line: 1, column: 1, message: `Cannot read ${spec}: it is 52,428,800 bytes; a spec file may have at most 10,485,760 bytes (10 MiB).` },
    ]);
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 30_000);

  it('refuses case files that take the spec past 10 MiB', () => {
    const dir = caseDir();
    const cases = join(dir, 'cases', 'big.cases.yaml');
    writeFileSync(cases, '');
    truncateSync(cases, 10 * 1024 * 1024);
    const spec = writeSpec(dir, withCaseFile('cases/big.cases.yaml'));
    expectProblems(validateIsolated(spec), [
      {
        file: spec,
        line: 126,
        near: 'cases/big',
        message: `Cannot read ${cases}: it is 10,485,760 bytes; with the spec and the case files before it, that is more than the 10,485,760 bytes (10 MiB) a spec and its case files may have together.`,
      },
    ]);
  }, 30_000);
});

describe('case files and YAML that break the loader', () => {
  it('refuses a case file that holds a single text, in the case file', async () => {
    const dir = caseDir();
    const cases = join(dir, 'cases', 'one.cases.yaml');
    writeFileSync(cases, 'just one line of text\n');
    const spec = writeSpec(dir, withCaseFile('cases/one.cases.yaml'));
    expectProblems(await validateInProcess(spec), [
      { file: cases, line: 1, column: 1, message: `The case file ${cases} holds a single text, not a list of cases.` },
    ]);
  });

  it('refuses an empty case file and one that holds a mapping', async () => {
    const dir = caseDir();
    const empty = join(dir, 'cases', 'empty.cases.yaml');
    writeFileSync(empty, '# nothing\n');
    const spec = writeSpec(dir, withCaseFile('cases/empty.cases.yaml'));
    expectProblems(await validateInProcess(spec), [
      { file: empty, line: 1, column: 1, message: `The case file ${empty} holds nothing (an empty document), not a list of cases.` },
    ]);
    const mapping = join(dir, 'cases', 'map.cases.yaml');
    writeFileSync(mapping, '\nname: a case\n');
    const other = writeSpec(dir, withCaseFile('cases/map.cases.yaml'), 'other.connector.yaml');
    expectProblems(await validateInProcess(other), [
      { file: mapping, line: 2, column: 1, message: `The case file ${mapping} holds a mapping, not a list of cases.` },
    ]);
  });

  const bomb = ['lol: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]'];
  const bombTail = [
    'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
    'f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]',
  ];

  it('stops an alias bomb in the spec as bad input, at the alias', async () => {
    const text = `${edited([])}\n${[...bomb, ...bombTail].join('\n')}\n`;
    const spec = writeSpec(caseDir(), text);
    const line = text.split('\n').findIndex((l) => l.startsWith('f: ')) + 1;
    expectProblems(await validateInProcess(spec), [
      { file: spec, line, near: '*e', message: 'YAML aliases expand to too much data: *e here stands for 111,111 values.' },
    ]);
  });

  it('stops an alias bomb in a case file, at the alias', async () => {
    const dir = caseDir();
    const cases = join(dir, 'cases', 'bomb.cases.yaml');
    writeFileSync(cases, `- name: boom\n  input:\n${[...bomb, ...bombTail].map((l) => `    ${l}`).join('\n')}\n`);
    const spec = writeSpec(dir, withCaseFile('cases/bomb.cases.yaml'));
    expectProblems(await validateInProcess(spec), [
      { file: cases, line: 8, near: '*e', message: 'YAML aliases expand to too much data: *e here stands for 111,111 values.' },
    ]);
  });

  it('refuses an alias inside the anchor it repeats', async () => {
    const text = `${edited([])}\nloop: &a [1, *a]\n`;
    const spec = writeSpec(caseDir(), text);
    const line = text.split('\n').findIndex((l) => l.startsWith('loop: ')) + 1;
    expectProblems(await validateInProcess(spec), [
      { file: spec, line, near: '*a', message: 'The alias *a is inside the anchor &a it repeats, so its data would nest without end.' },
    ]);
  });

  it('refuses a tag YAML does not know', async () => {
    const spec = writeSpec(caseDir(), edited([[8, 'toolboxCategory: Mini Lambda', 'toolboxCategory: !secret Mini Lambda']]));
    expectProblems(await validateInProcess(spec), [{ file: spec, line: 8, near: '!secret', message: 'YAML syntax error: unknown tag !secret' }]);
  });

  it('refuses nesting too deep for the parser, in YAML and in JSON', async () => {
    const yaml = writeSpec(
      caseDir(),
      edited([[10, "documentation: A small connector used by the validator's tests.", `documentation: ${'['.repeat(5000)}${']'.repeat(5000)}`]]),
    );
    // Reported where the brackets open more than 128 collections: line 10 is "  documentation: [[[...".
    expectProblems(await validateInProcess(yaml), [
      { file: yaml, line: 10, column: 18 + 128, message: 'YAML syntax error: the document is nested too deeply' },
    ]);

    const text = `{"specVersion":1,"module":{"documentation":${'['.repeat(10_000)}"bottom"${']'.repeat(10_000)}}}`;
    const json = writeSpec(caseDir(), text, 'deep.connector.json');
    // module.documentation is the first [, and each of the 126 indexes that follow goes one [ deeper.
    expectProblems(await validateInProcess(json), [
      { file: json, line: 1, column: text.indexOf('[') + 126 + 1, message: 'The document nests mappings and lists more than 128 levels deep.' },
    ]);
  });
});

describe('long values, other encodings and files that are not ours', () => {
  it('shortens a value of megabytes in the message', async () => {
    const long = `Mini ${'x'.repeat(5_000_000)}`;
    const spec = writeSpec(caseDir(), edited([[5, 'name: MiniLambda', `name: ${long}`]]));
    expectProblems(await validateInProcess(spec), [
      { file: spec, line: 5, near: 'Mini', message: `"name" is the text "Mini ${'x'.repeat(45)}…" (5,000,005 characters), which is not allowed here.` },
    ]);
  });

  it('shortens a key of a megabyte and escapes control characters in the message', async () => {
    // YAML keys without an indicator end within 1,024 characters; JSON keys may be any length.
    const key = `k${'e'.repeat(1_000_000)}`;
    const data = parseYaml(edited([])) as { module: Record<string, unknown> };
    data.module[key] = 1;
    const text = JSON.stringify(data, null, 2);
    const spec = writeSpec(caseDir(), text, 'key.connector.json');
    const line = text.split('\n').findIndex((l) => l.includes('"keee')) + 1;
    expectProblems(await validateInProcess(spec), [{ file: spec, line, near: '"k', message: `Unknown key "k${'e'.repeat(49)}…" (1,000,001 characters).` }]);
    const spec2 = writeSpec(caseDir(), edited([[83, 'type: Integer', 'type: "Int\\e[2J\\u0000"']]));
    expectProblems(await validateInProcess(spec2), [
      {
        file: spec2,
        line: 83,
        near: '"Int',
        message: '"type" is the text "Int\\u001b[2J\\u0000", which is not one of: String, Integer, Long, Decimal, Boolean, DateTime, Enumeration.',
      },
    ]);
  });

  it('reads UTF-16 with a byte order mark, and refuses UTF-16 without one', async () => {
    const dir = caseDir();
    const withBom = join(dir, 'utf16.connector.yaml');
    writeFileSync(withBom, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(edited([]), 'utf16le')]));
    const valid = await validateInProcess(withBom);
    expect(valid.stderr).toBe('');
    expect(valid.code).toBe(0);
    const noBom = join(dir, 'bare.connector.yaml');
    writeFileSync(noBom, Buffer.from(edited([]), 'utf16le'));
    expectProblems(await validateInProcess(noBom), [
      {
        file: noBom,
        line: 1,
        column: 2,
        message: `Cannot read ${noBom}: it contains NUL characters, so it is not a text file (or it is UTF-16 without a byte order mark).`,
      },
    ]);
  });

  it('refuses a case file that is not UTF-8, at the first bad byte', async () => {
    const dir = caseDir();
    const cases = join(dir, 'cases', 'binary.cases.yaml');
    writeFileSync(cases, Buffer.concat([Buffer.from('- name: é\n  input: '), Buffer.from([0xc3, 0x28, 0xff])]));
    const spec = writeSpec(dir, withCaseFile('cases/binary.cases.yaml'));
    expectProblems(await validateInProcess(spec), [{ file: cases, line: 2, column: 10, message: `Cannot read ${cases}: it is not UTF-8 text.` }]);
  });

  it('never quotes a file that is not an API model, a spec or a case file', async () => {
    const dir = caseDir();
    const secret = 'hunter2-do-not-print';
    const passwd = join(dir, 'passwd');
    writeFileSync(passwd, `root:x:0:0:${secret}:/root:/bin/bash\n`);
    const json = join(dir, 'settings.json');
    writeFileSync(json, JSON.stringify({ formatVersion: secret, token: secret }));
    const asModel = writeSpec(dir, edited([]).replace(`apiModel: ${API_MODEL}`, 'apiModel: passwd'));
    const asJsonModel = writeSpec(dir, edited([]).replace(`apiModel: ${API_MODEL}`, 'apiModel: settings.json'), 'json.connector.yaml');
    const asCases = writeSpec(dir, withCaseFile('passwd'), 'cases.connector.yaml');
    const outcomes = [await validateInProcess(asModel), await validateInProcess(asJsonModel), await validateInProcess(asCases)];
    expectProblems(outcomes[0] as Outcome, [
      {
        file: asModel,
        line: 18,
        near: 'passwd',
        message:
          'Cannot use the API model passwd: it is not a JSON file (line 1, column 1); an API model is the JSON file "mendix-connector api-model" writes.',
      },
    ]);
    expectProblems(outcomes[1] as Outcome, [
      {
        file: asJsonModel,
        line: 18,
        near: 'settings.json',
        message:
          'Cannot use the API model settings.json: it is JSON, but not an API model (an object with "formatVersion": 1, "operations" and "shapes", as "mendix-connector api-model" writes).',
      },
    ]);
    expectProblems(outcomes[2] as Outcome, [
      { file: passwd, line: 1, column: 1, message: `The case file ${passwd} holds a single text, not a list of cases.` },
    ]);
    for (const outcome of outcomes) expect(`${outcome.stdout}${outcome.stderr}`).not.toContain('hunter2');
    for (const outcome of outcomes) expect(`${outcome.stdout}${outcome.stderr}`).not.toContain('root:x');
  });

  it('refuses a folder as the API model', async () => {
    const spec = writeSpec(caseDir(), edited([]).replace(`apiModel: ${API_MODEL}`, 'apiModel: cases'));
    expectProblems(await validateInProcess(spec), [
      { file: spec, line: 18, near: 'cases', message: 'Cannot use the API model cases: it is a folder, not a file.' },
    ]);
  });
});

describe('specs written as JSON are read with a JSON parser', () => {
  it('refuses a repeated key and locates syntax errors in its own words', async () => {
    const dir = caseDir();
    const repeated = writeSpec(dir, '{\n  "specVersion": 1,\n  "specVersion": 1\n}\n', 'repeated.connector.json');
    expectProblems(await validateInProcess(repeated), [
      { file: repeated, line: 3, near: '"specVersion"', message: 'JSON syntax error: the key "specVersion" appears twice in this object.' },
    ]);
    const trailing = writeSpec(dir, '{\n  "specVersion": 1,\n  "module": {},\n}\n', 'trailing.connector.json');
    expectProblems(await validateInProcess(trailing), [
      { file: trailing, line: 4, near: '}', message: 'JSON syntax error: a comma before "}": JSON allows no trailing comma.' },
    ]);
    const comment = writeSpec(dir, '{\n  // a comment\n  "specVersion": 1\n}\n', 'comment.connector.json');
    expectProblems(await validateInProcess(comment), [
      { file: comment, line: 2, near: '/', message: 'JSON syntax error: unexpected character "/" where a key belongs; keys are double-quoted strings.' },
    ]);
  });

  it('validates a JSON spec of 9 MB quickly and locates a problem deep inside it', async () => {
    const dir = caseDir();
    const data = parseYaml(edited([])) as { entities: Array<Record<string, unknown>>; module: Record<string, unknown> };
    for (let i = 0; i < 20_000; i++) {
      data.entities.push({
        name: `Extra${i}`,
        documentation: `Entity ${i} of many.`,
        attributes: [{ name: 'Value', type: 'String', length: 100, documentation: 'A value.' }],
      });
    }
    data.module['documentation'] = `A large spec. ${'Padding text. '.repeat(290_000)}`;
    const last = data.entities[data.entities.length - 1] as { attributes: Array<Record<string, unknown>> };
    (last.attributes[0] as Record<string, unknown>)['type'] = 'Strnig';
    const text = JSON.stringify(data, null, 2);
    expect(text.length).toBeGreaterThan(9_000_000);
    expect(text.length).toBeLessThan(10 * 1024 * 1024);
    const spec = writeSpec(dir, text, 'large.connector.json');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('"Strnig"')) + 1;
    const started = Date.now();
    const outcome = await validateInProcess(spec);
    const elapsed = Date.now() - started;
    expectProblems(outcome, [
      {
        file: spec,
        line,
        near: '"Strnig"',
        message: '"type" is the text "Strnig", which is not one of: String, Integer, Long, Decimal, Boolean, DateTime, Enumeration.',
      },
    ]);
    // The YAML parser takes several seconds and gigabytes for such a file; JSON.parse a fraction of a second.
    expect(elapsed).toBeLessThan(20_000);
  }, 60_000);
});

describe('values that pass the schema but fail later', () => {
  it('refuses a region that no AWS partition knows', async () => {
    const spec = writeSpec(caseDir(), edited([[47, 'apiValue: eu-west-1', 'apiValue: mars-north-1']]));
    expectProblems(await validateInProcess(spec), [
      {
        file: spec,
        line: 47,
        near: 'mars-north-1',
        message:
          '"mars-north-1" is not a region of any AWS partition; ENUM_Region is the region enumeration (client.region), whose values are sent to AWS as region codes.',
      },
    ]);
  });

  it('refuses control characters in names and texts, but not in case data', async () => {
    const spec = writeSpec(
      caseDir(),
      edited([
        [10, "documentation: A small connector used by the validator's tests.", 'documentation: "A small\\0 connector."'],
        [40, 'caption: Static keys', 'caption: "Static\\akeys"'],
        [133, 'FunctionName: orders', 'FunctionName: "ord\\0ers"'],
        [131, 'FunctionName: orders', 'FunctionName: "ord\\0ers"'],
      ]),
    );
    expectProblems(await validateInProcess(spec), [
      { file: spec, line: 10, near: '"A small', message: '"documentation" contains the control character U+0000 (NUL) at character 8.' },
      { file: spec, line: 40, near: '"Static', message: '"caption" contains the control character U+0007 (BEL) at character 7.' },
    ]);
  });

  it('refuses names longer than the files named after them allow', async () => {
    const entity = `T${'a'.repeat(237)}`;
    const operation = `G${'e'.repeat(249)}`;
    const module = `M${'o'.repeat(250)}`;
    const spec = writeSpec(
      caseDir(),
      edited([
        [5, 'name: MiniLambda', `name: ${module}`],
        [9, 'javaPackage: minilambda', `javaPackage: ${module.toLowerCase()}`],
        [86, 'name: Tag', `name: ${entity}`],
        [93, 'parent: Tag', `parent: ${entity}`],
        [105, 'entity: Tag', `entity: ${entity}`],
        [110, 'name: GetFunction', `name: ${operation}`],
      ]),
    );
    expectProblems(await validateInProcess(spec), [
      { file: spec, line: 5, near: 'M', message: 'The module name has 251 characters; the limit is 250.' },
      { file: spec, line: 86, near: 'T', message: 'The entity name has 238 characters; the limit is 237.' },
      { file: spec, line: 110, near: 'G', message: 'The operation name has 250 characters; the limit is 249.' },
    ]);
    // The longest names allowed pass.
    const fitting = writeSpec(
      caseDir(),
      edited([
        [5, 'name: MiniLambda', `name: ${module.slice(1)}`],
        [9, 'javaPackage: minilambda', `javaPackage: ${module.slice(1).toLowerCase()}`],
        [86, 'name: Tag', `name: ${entity.slice(1)}`],
        [93, 'parent: Tag', `parent: ${entity.slice(1)}`],
        [105, 'entity: Tag', `entity: ${entity.slice(1)}`],
        [110, 'name: GetFunction', `name: ${operation.slice(1)}`],
      ]),
    );
    const ok = await validateInProcess(fitting);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
  });

  it('refuses a Mendix version that generate would refuse', async () => {
    const spec = writeSpec(caseDir(), edited([[7, 'mendixVersion: 10.21.0', 'mendixVersion: 9.24.0']]));
    expectProblems(await validateInProcess(spec), [{ file: spec, line: 7, near: '9.24.0', message: 'Mendix 9.24.0 is not a supported target.' }]);
  });
});
