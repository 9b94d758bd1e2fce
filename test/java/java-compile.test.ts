/**
 * Compiles every generated Java file with javac (when a JDK is installed), against the hand-written
 * stubs of the Mendix runtime and AWS SDK classes in test/java/stubs and stubs generated from the spec
 * (proxies) and the API model (SDK model classes and a fake client). This checks that the actions,
 * proxies, helpers and SDK calls fit together, then runs every action on every conformance case of the
 * spec: the requests AWS would receive, the returned objects and the error messages. It cannot check
 * the real SDK's signatures (the stubs are written from the API model and the SDK's conventions).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../generator/paths.js';
import { listFiles, loadBundledSpec, renderBundledJava } from './java-golden.js';
import { proxyStubs, sdkStubs } from './java-stubs.js';
import type { SpecIndex } from '../../generator/spec/spec-index.js';
import type { CaseObject, CaseValue, ConformanceCaseSpec, ConnectorSpec, OperationSpec } from '../../generator/spec/types.js';
import type { ApiModelView } from '../../generator/validate/api-model-view.js';

/** The CaseRunner input of one case: action class, constructor arguments, exchanges, associations to read. */
function caseInput(spec: ConnectorSpec, index: SpecIndex, api: ApiModelView, op: OperationSpec, c: ConformanceCaseSpec): Record<string, unknown> {
  const pkg = spec.module.javaPackage;
  const args: unknown[] = op.parameters.map((p) => {
    const value = c.input[p.name];
    if (p.enumeration !== undefined) return { value: value === undefined ? null : value };
    const entity = index.entity(p.entity ?? '');
    if (!entity || value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) return { value: null };
    const attributes = index.allAttributes(entity).map((a) => ({
      name: a.name,
      type: a.type,
      enumClass: a.enumeration !== undefined ? `${pkg}.proxies.${a.enumeration}` : null,
      value: a.name in value ? (value[a.name] ?? null) : (a.default ?? null),
    }));
    return { value: true, entity: entity.name, attributes };
  });
  const resultEntity = 'entity' in op.returns ? op.returns.entity : undefined;
  const associations = op.response.flatMap((m) => {
    if (!('association' in m) || !resultEntity) return [];
    const association = index.association(m.association);
    const mapping = index.objectMapping(m.mapping);
    const output = api.outputShape(op.action) ?? '';
    const kind = m.field.includes('.') ? 'structure' : api.member(output, m.field)?.kind;
    return [{ name: m.association, childOwns: association?.parent === mapping?.entity, many: kind === 'list' || kind === 'map' }];
  });
  return { actionClass: `${pkg}.actions.${op.name}`, args, exchanges: c.exchanges, associations };
}

/** Compares a returned object with a case's expected result: the same non-null values, DateTimes by instant. */
function expectResult(actual: CaseValue, expected: CaseValue, where: string): void {
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), where).toBe(true);
    const list = actual as CaseValue[];
    expect(list.length, `${where}: number of objects`).toBe(expected.length);
    expected.forEach((e, i) => expectResult(list[i] ?? null, e, `${where}[${i}]`));
    return;
  }
  if (expected === null || typeof expected !== 'object') {
    expect(actual, where).toEqual(expected);
    return;
  }
  expect(actual !== null && typeof actual === 'object' && !Array.isArray(actual), where).toBe(true);
  const object = actual as Record<string, CaseValue>;
  const wanted = Object.entries(expected).filter(([, v]) => v !== null);
  const present = Object.entries(object)
    .filter(([, v]) => v !== null)
    .map(([k]) => k)
    .sort();
  expect(present, `${where}: members with a value`).toEqual(wanted.map(([k]) => k).sort());
  for (const [key, value] of wanted) {
    const got = object[key] ?? null;
    if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value) && typeof got === 'string')
      expect(Date.parse(got), `${where}.${key}`).toBe(Date.parse(value));
    else if (typeof value === 'object') expectResult(got, value, `${where}.${key}`);
    else expect(got, `${where}.${key}`).toEqual(value);
  }
}

const javacAvailable = spawnSync('javac', ['-version']).status === 0;
const work = mkdtempSync(join(tmpdir(), 'java-compile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function writeTree(root: string, files: Array<{ path: string; text: string | Uint8Array }>): string[] {
  return files.map((f) => {
    const target = join(root, ...f.path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, f.text);
    return target;
  });
}

function javac(sources: string[], out: string): { ok: boolean; output: string } {
  mkdirSync(out, { recursive: true });
  const result = spawnSync('javac', ['-encoding', 'UTF-8', '-Xlint:all,-serial', '-Werror', '-d', out, ...sources], { encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

describe.skipIf(!javacAvailable)('generated Java compiles', () => {
  const { spec, api } = loadBundledSpec();
  const stubsDir = join(PACKAGE_ROOT, 'test', 'java', 'stubs');
  const stubSources = listFiles(stubsDir, stubsDir).map((p) => join(stubsDir, ...p.split('/')));
  const generatedStubs = writeTree(join(work, 'stubs'), [...proxyStubs(spec), ...sdkStubs(spec, api)]);

  const rendered = renderBundledJava().map((f) => ({ path: f.path.replace(/^javasource\//, ''), text: f.bytes }));
  const classes = join(work, 'classes');
  let compiled: { ok: boolean; output: string } = { ok: false, output: 'not compiled' };

  beforeAll(() => {
    const sources = writeTree(join(work, 'src'), rendered);
    const runner = readFileSync(join(PACKAGE_ROOT, 'test', 'java', 'harness', 'CaseRunner.java'), 'utf8').replace(
      /IMPL_PACKAGE/g,
      `${spec.module.javaPackage}.impl`,
    );
    const runnerFile = join(work, 'src', 'CaseRunner.java');
    writeFileSync(runnerFile, runner);
    compiled = javac([...stubSources, ...generatedStubs, ...sources, runnerFile], classes);
  }, 120_000);

  interface RunOutput {
    requests: CaseValue[];
    clients: string[];
    error: string | null;
    result: CaseValue;
  }

  /** Runs CaseRunner on prepared inputs; one output per input. */
  function runCases(inputs: Array<Record<string, unknown>>): RunOutput[] {
    const inputFile = join(work, `cases-${Math.random().toString(16).slice(2)}.json`);
    writeFileSync(inputFile, JSON.stringify(inputs));
    const lines = execFileSync('java', ['-cp', classes, 'CaseRunner', inputFile], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
      .split('\n')
      .filter((l) => l.length > 0);
    expect(lines).toHaveLength(inputs.length);
    return lines.map((l) => JSON.parse(l) as RunOutput);
  }

  it('compiles all actions and helpers without warnings', () => {
    expect(compiled.output).toBe('');
    expect(compiled.ok).toBe(true);
  });

  it('would notice a proxy call that does not fit (the check can fail)', () => {
    const broken = renderBundledJava().map((f) => ({
      path: f.path.replace(/^javasource\//, ''),
      text: new TextDecoder().decode(f.bytes).replace('result.setNextMarker(awsResponse.nextMarker());', 'result.setNextMarker(awsResponse.functions());'),
    }));
    const sources = writeTree(join(work, 'broken'), broken);
    const result = javac([...stubSources, ...generatedStubs, ...sources], join(work, 'broken-classes'));
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/ListFunctions\.java/);
  }, 120_000);

  it('runs every action on every conformance case of the spec with the expected requests, results and errors', () => {
    expect(compiled.ok).toBe(true);
    const { index } = loadBundledSpec();
    const runs = spec.operations.flatMap((op) => op.cases.map((c) => ({ op, c, input: caseInput(spec, index, api, op, c) })));
    const lines = runCases(runs.map((r) => r.input));
    expect(lines).toHaveLength(runs.length);
    expect(runs.length).toBeGreaterThanOrEqual(20);
    runs.forEach(({ op, c }, i) => {
      const where = `${op.name}: ${c.name}`;
      const actual = lines[i] ?? { requests: [], clients: [], error: 'no output', result: null };
      expect(actual.requests, `${where}: requests`).toEqual(c.exchanges.map((e) => e.request));
      if ('error' in c.expect) {
        expect(actual.error, where).toBe(c.expect.error.message);
        return;
      }
      expect(actual.error, where).toBeNull();
      expectResult(actual.result, c.expect.result, where);
    });
  }, 120_000);

  it('binds the client from the Credentials, Region and request settings, and checks them before calling', () => {
    expect(compiled.ok).toBe(true);
    const { index } = loadBundledSpec();
    const list = spec.operations.find((o) => o.name === 'ListFunctions');
    const invoke = spec.operations.find((o) => o.name === 'Invoke');
    if (!list || !invoke) throw new Error('operations missing');
    const keys = { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
    const page = [{ request: {}, response: { Functions: [] } }];
    const make = (op: OperationSpec, input: CaseObject, exchanges: ConformanceCaseSpec['exchanges'], repeat = 1): Record<string, unknown> => ({
      ...caseInput(spec, index, api, op, { name: 'synthetic', input, exchanges, expect: { result: null } }),
      repeat,
    });
    const cases: Array<{ input: Record<string, unknown>; clients: string[]; error: string | null }> = [
      {
        input: make(
          list,
          {
            Credentials: { Provider: 'StaticKeys', ...keys, SessionToken: 'token' },
            Region: 'eu_west_1',
            ListFunctionsRequest: { EndpointOverride: 'http://127.0.0.1:3002', ApiCallTimeoutSeconds: 30, MaxAttempts: 2 },
          },
          page,
        ),
        clients: ['region=eu-west-1;credentials=static(AKIAIOSFODNN7EXAMPLE,session);timeout=PT30S,retry=maxAttempts=2;endpoint=http://127.0.0.1:3002'],
        error: null,
      },
      {
        input: make(
          list,
          {
            Credentials: { Provider: 'AssumeRole', ...keys, RoleArn: 'arn:aws:iam::123456789012:role/Invoker', ExternalId: 'ext-1' },
            Region: 'us_east_1',
            ListFunctionsRequest: {},
          },
          page,
        ),
        clients: [
          'region=us-east-1;credentials=assumeRole(arn:aws:iam::123456789012:role/Invoker,mendix-aws-lambda-connector,ext-1 via sts(us-east-1,static(AKIAIOSFODNN7EXAMPLE)));timeout=null,retry=null',
        ],
        error: null,
      },
      {
        input: make(
          list,
          {
            Credentials: { Provider: 'AssumeRole', RoleArn: 'arn:aws:iam::123456789012:role/Invoker', RoleSessionName: 'nightly' },
            Region: 'us_east_1',
            ListFunctionsRequest: {},
          },
          page,
        ),
        clients: [
          'region=us-east-1;credentials=assumeRole(arn:aws:iam::123456789012:role/Invoker,nightly,null via sts(us-east-1,default));timeout=null,retry=null',
        ],
        error: null,
      },
      {
        input: make(
          list,
          { Credentials: { Provider: null }, Region: 'cn_north_1', ListFunctionsRequest: { ApiCallTimeoutSeconds: 0, MaxAttempts: 0 } },
          [...page, ...page],
          2,
        ),
        clients: ['region=cn-north-1;credentials=default;timeout=null,retry=null'],
        error: null,
      },
      {
        input: make(list, { Credentials: { Provider: 'StaticKeys', AccessKeyId: keys.AccessKeyId }, Region: 'us_east_1', ListFunctionsRequest: {} }, []),
        clients: [],
        error: 'ListFunctions refused before calling AWS: Credentials AccessKeyId and SecretAccessKey are required for provider StaticKeys.',
      },
      {
        input: make(list, { Credentials: { Provider: 'AssumeRole' }, Region: 'us_east_1', ListFunctionsRequest: {} }, []),
        clients: [],
        error: 'ListFunctions refused before calling AWS: Credentials RoleArn is required for provider AssumeRole.',
      },
      {
        input: make(
          list,
          { Credentials: { Provider: 'DefaultProviderChain' }, Region: 'us_east_1', ListFunctionsRequest: { EndpointOverride: 'localhost-3002' } },
          [],
        ),
        clients: [],
        error: 'ListFunctions refused before calling AWS: EndpointOverride must be an absolute URL such as https://host:port.',
      },
      {
        input: make(list, { Credentials: null, Region: 'us_east_1', ListFunctionsRequest: {} }, []),
        clients: [],
        error: 'ListFunctions refused before calling AWS: Credentials is required.',
      },
      {
        input: make(list, { Credentials: { Provider: 'DefaultProviderChain' }, Region: 'us_east_1', ListFunctionsRequest: null }, []),
        clients: [],
        error: 'ListFunctions refused before calling AWS: ListFunctionsRequest is required.',
      },
      {
        input: make(
          invoke,
          {
            Credentials: { Provider: 'DefaultProviderChain' },
            Region: 'us_east_1',
            InvokeRequest: { FunctionName: 'f', InvocationType: 'Event', Payload: `"${'x'.repeat(1048577)}"` },
          },
          [],
        ),
        clients: [],
        error: 'Invoke refused before calling AWS: Payload is 1,048,579 bytes in UTF-8; the limit for InvocationType Event is 1,048,576 bytes.',
      },
    ];
    const outputs = runCases(cases.map((c) => c.input));
    outputs.forEach((output, i) => {
      const want = cases[i];
      expect({ clients: output.clients, error: output.error }, `synthetic case ${i}`).toEqual({ clients: want?.clients, error: want?.error });
    });
  }, 120_000);

  it('runs javac at all', () => {
    expect(execFileSync('javac', ['-version'], { encoding: 'utf8' })).toMatch(/javac \d+/);
  });
});
