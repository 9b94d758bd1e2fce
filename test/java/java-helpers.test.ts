/**
 * Compiles the generated helper classes (Json, RequestMapping, ResponseMapping, ConnectorException)
 * with javac against the real AWS SDK jars and the stand-ins of the Mendix API, runs them, and checks
 * their results against the spec's conformance cases: the exact error messages (AWS errors, function
 * errors, refusals before the call) and the field traits. Skipped, saying why, without a JDK or Maven
 * (failing instead under CI=true).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../generator/paths.js';
import type { AttributeFieldMappingSpec, CaseObject, CaseValue, ConnectorSpec, OperationSpec } from '../../generator/spec/types.js';
import { loadBundledSpec, renderBundledJava } from './java-golden.js';
import { javac, standInSources } from './java-build.js';
import { javaClasspath, skipJavaTests } from './java-classpath.js';

const IMPL = 'javasource/awslambdaconnector/impl';
const HELPERS = ['Json', 'RequestMapping', 'ResponseMapping', 'ConnectorException'];

type Check = Record<string, CaseValue | undefined> & { kind: string };
type Outcome = { value: string | null } | { error: string };

let work: string;
let classes: string;
let classpath: string;

function run(checks: Check[]): Outcome[] {
  const input = join(work, `checks-${Math.random().toString(16).slice(2)}.json`);
  writeFileSync(input, JSON.stringify(checks));
  const out = execFileSync('java', ['-cp', classpath, 'HelperHarness', input], { encoding: 'utf8' });
  const lines = out.split('\n').filter((l) => l.length > 0);
  expect(lines).toHaveLength(checks.length);
  return lines.map((line) => {
    const decoded = Buffer.from(line.slice(2), 'base64').toString('utf8');
    if (line.startsWith('E:')) return { error: decoded };
    return { value: line.startsWith('N:') ? null : decoded };
  });
}

function one(check: Check): Outcome {
  const [outcome] = run([check]);
  if (!outcome) throw new Error('no outcome');
  return outcome;
}

const textOf = (value: CaseValue | undefined): string | null => {
  if (value === undefined || value === null) return null;
  if (typeof value === 'object' && !Array.isArray(value) && typeof value.$text === 'string') return value.$text;
  return typeof value === 'string' ? value : JSON.stringify(value);
};
const attributeMappings = (list: OperationSpec['request']): AttributeFieldMappingSpec[] => list.filter((m): m is AttributeFieldMappingSpec => 'attribute' in m);
const requestObject = (op: OperationSpec, input: CaseObject): CaseObject => {
  const name = op.parameters.find((p) => p.role === 'request')?.name ?? '';
  const value = input[name];
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
};

describe.skipIf(skipJavaTests('the Java helper tests'))('generated Java helpers, compiled and run against the conformance cases', () => {
  let spec: ConnectorSpec;

  beforeAll(async () => {
    spec = loadBundledSpec().spec;
    const jars = await javaClasspath(spec, 'module');
    work = mkdtempSync(join(tmpdir(), 'java-helpers-'));
    classes = join(work, 'classes');
    const src = join(work, 'src');
    mkdirSync(join(src, 'awslambdaconnector', 'impl'), { recursive: true });
    const sources: string[] = [];
    for (const file of renderBundledJava().filter((f) => HELPERS.some((h) => f.path === `${IMPL}/${h}.java`))) {
      const target = join(src, ...file.path.split('/').slice(1));
      writeFileSync(target, file.bytes);
      sources.push(target);
    }
    expect(sources).toHaveLength(HELPERS.length);
    sources.push(...standInSources());
    const harness = readFileSync(join(PACKAGE_ROOT, 'test', 'java', 'harness', 'HelperHarness.java'), 'utf8').replace(
      /IMPL_PACKAGE/g,
      'awslambdaconnector.impl',
    );
    writeFileSync(join(src, 'HelperHarness.java'), harness);
    sources.push(join(src, 'HelperHarness.java'));
    const compiled = javac(sources, classes, jars);
    expect(compiled.output).toBe('');
    classpath = [classes, ...jars].join(':');
  }, 120_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('formats AWS errors exactly as every aws case of the spec expects', () => {
    const checks: Check[] = [];
    const expected: string[] = [];
    for (const op of spec.operations) {
      for (const c of op.cases) {
        if (!('error' in c.expect) || c.expect.error.kind !== 'aws') continue;
        const error = c.exchanges[c.exchanges.length - 1]?.error;
        if (!error) throw new Error(`${op.name}: ${c.name} has no AWS error`);
        checks.push({ kind: 'awsError', operation: op.name, code: error.code, status: error.status, requestId: error.requestId, message: error.message });
        expected.push(c.expect.error.message);
      }
    }
    expect(checks.length).toBeGreaterThanOrEqual(4);
    expect(run(checks)).toEqual(expected.map((error) => ({ error })));
  });

  it('fails with the function error of the functionError cases', () => {
    let count = 0;
    for (const op of spec.operations) {
      const trait = op.traits.functionError;
      if (!trait) continue;
      const payloadField = attributeMappings(op.response).find((m) => m.trait === 'jsonPayload');
      for (const c of op.cases) {
        if (!('error' in c.expect) || c.expect.error.kind !== 'functionError') continue;
        const response = c.exchanges[c.exchanges.length - 1]?.response ?? {};
        const outcome = one({
          kind: 'functionError',
          operation: op.name,
          functionError: textOf(response[trait.field]),
          text: payloadField ? textOf(response[payloadField.field]) : null,
        });
        expect(outcome).toEqual({ error: c.expect.error.message });
        count++;
      }
    }
    expect(count).toBeGreaterThan(0);
    expect(one({ kind: 'functionError', operation: 'Invoke', functionError: 'Handled', text: 'not json' })).toEqual({
      error: 'Invoke failed: the function returned an error (Handled).',
    });
  });

  it('refuses invalid or oversized JSON before the call with the messages of the validation cases', () => {
    let count = 0;
    for (const op of spec.operations) {
      const traitFields = attributeMappings(op.request).filter((m) => m.trait === 'jsonPayload' || m.trait === 'base64Json');
      for (const c of op.cases) {
        if (!('error' in c.expect) || c.expect.error.kind !== 'validation' || c.expect.error.message.endsWith('is required.')) continue;
        const request = requestObject(op, c.input);
        const outcomes = run(
          traitFields.map((m) => ({
            kind: m.trait ?? '',
            operation: op.name,
            attribute: m.attribute,
            text: textOf(request[m.attribute]),
            maxBytes: m.maxBytes ?? null,
          })),
        );
        const firstError = outcomes.find((o): o is { error: string } => 'error' in o);
        expect(firstError, c.name).toEqual({ error: c.expect.error.message });
        count++;
      }
    }
    expect(count).toBeGreaterThanOrEqual(3);
  });

  it('encodes request fields with traits exactly as the exchanges of the success cases expect', () => {
    let count = 0;
    for (const op of spec.operations) {
      for (const m of attributeMappings(op.request).filter((f) => f.trait !== undefined)) {
        for (const c of op.cases) {
          if ('error' in c.expect) continue;
          const request = requestObject(op, c.input);
          const sent = c.exchanges[0]?.request[m.field];
          const outcome = one({
            kind: m.trait ?? '',
            operation: op.name,
            attribute: m.attribute,
            text: textOf(request[m.attribute]),
            maxBytes: m.maxBytes ?? null,
          });
          expect(outcome, `${op.name}: ${c.name}: ${m.field}`).toEqual({ value: sent === undefined ? null : textOf(sent) });
          count++;
        }
      }
    }
    expect(count).toBeGreaterThanOrEqual(5);
  });

  it('decodes response fields with traits as the expected results of the cases say', () => {
    const checks: Check[] = [];
    const expected: Array<{ value: CaseValue; kind: string; where: string }> = [];
    const add = (trait: string | undefined, source: CaseValue | undefined, want: CaseValue | undefined, where: string): void => {
      if (trait === undefined || want === undefined) return;
      if (trait === 'joinList') checks.push({ kind: trait, items: source ?? null });
      else checks.push({ kind: trait === 'jsonPayload' ? 'utf8Text' : trait, text: textOf(source) });
      expected.push({ value: want, kind: trait, where });
    };
    for (const op of spec.operations) {
      for (const c of op.cases) {
        if (!('result' in c.expect) || c.expect.result === null || typeof c.expect.result !== 'object' || Array.isArray(c.expect.result)) continue;
        const result = c.expect.result;
        const responses = c.exchanges.map((e) => e.response ?? {});
        const last = responses[responses.length - 1] ?? {};
        for (const m of op.response) {
          if ('attribute' in m) {
            add(m.trait, last[m.field], result[m.attribute], `${op.name}: ${c.name}: ${m.attribute}`);
            continue;
          }
          const mapping = spec.objectMappings.find((om) => om.name === m.mapping);
          const want = result[m.association];
          if (!mapping || want === undefined) continue;
          const sources = responses.flatMap((r) => {
            const v = r[m.field];
            return Array.isArray(v) ? v : v === undefined ? [] : [v];
          });
          const wants = Array.isArray(want) ? want : [want];
          sources.forEach((source, i) => {
            const target = wants[i];
            if (
              source === null ||
              typeof source !== 'object' ||
              Array.isArray(source) ||
              target === null ||
              typeof target !== 'object' ||
              Array.isArray(target)
            )
              return;
            for (const f of attributeMappings(mapping.fields))
              add(f.trait, source[f.field], target[f.attribute], `${op.name}: ${c.name}: ${mapping.name}.${f.attribute}`);
          });
        }
      }
    }
    expect(new Set(expected.map((e) => e.kind))).toEqual(new Set(['base64Text', 'jsonPayload', 'timestamp', 'joinList']));
    const outcomes = run(checks);
    outcomes.forEach((outcome, i) => {
      const want = expected[i];
      if (!want) throw new Error('missing expectation');
      if (!('value' in outcome)) throw new Error(`${want.where}: ${outcome.error}`);
      if (want.kind === 'timestamp' && typeof want.value === 'string' && outcome.value !== null) {
        expect(Date.parse(outcome.value), want.where).toBe(Date.parse(want.value));
      } else expect(outcome.value, want.where).toEqual(want.value);
    });
  });

  it('checks the payload limit chosen by the invocation type, with thousands separators', () => {
    const op = spec.operations.find((o) => o.traits.payloadLimits);
    const trait = op?.traits.payloadLimits;
    if (!op || !trait) throw new Error('no payloadLimits trait in the bundled spec');
    const names = Object.keys(trait.limits).sort();
    const limits = names.map((n) => trait.limits[n] ?? 0);
    const event = trait.limits.Event ?? 0;
    const payload = (bytes: number): string => `"${'x'.repeat(bytes - 2)}"`;
    const base = { kind: 'payloadLimit', operation: op.name, attribute: trait.attribute, byAttribute: trait.byAttribute, names, limits };
    expect(
      run([
        { ...base, value: 'Event', text: payload(event) },
        { ...base, value: 'Event', text: payload(event + 1) },
        { ...base, value: 'RequestResponse', text: payload(event + 1) },
        { ...base, value: 'Event', text: `"${'é'.repeat(event / 2)}"` },
      ]),
    ).toEqual([
      { value: 'passed' },
      { error: 'Invoke refused before calling AWS: Payload is 1,048,577 bytes in UTF-8; the limit for InvocationType Event is 1,048,576 bytes.' },
      { value: 'passed' },
      { error: 'Invoke refused before calling AWS: Payload is 1,048,578 bytes in UTF-8; the limit for InvocationType Event is 1,048,576 bytes.' },
    ]);
  });

  it('reads JSON strictly', () => {
    const valid = ['{}', ' [1, -2.5e3, true, false, null, "a\\u00e9\\n"] ', '"text"', '0', '{"a":{"b":[{}]}}'];
    const invalid = ['', '{"a":1,}', '[1 2]', '01', '"open', "{'a':1}", '{"a":1} x', 'nul', '1.', '[\u0001]', '"tab\there"'];
    expect(run([...valid, ...invalid].map((text) => ({ kind: 'json', text })))).toEqual([
      ...valid.map(() => ({ value: 'valid' })),
      ...invalid.map(() => expect.objectContaining({ error: expect.stringMatching(/^Invalid JSON at offset \d+: /) })),
    ]);
  });
});
