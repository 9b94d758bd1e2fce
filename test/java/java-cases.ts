/**
 * Running generated Java actions on cases through test/java/harness/CaseRunner.java: the input of one
 * case (objects to create, AWS answers encoded for the wire), running a batch in a JVM, and comparing
 * what came back with a case's expectations.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ApiModel } from '../../generator/aws/api-model.js';
import { operationPlan, planOf } from '../../generator/plan/operation-plan.js';
import { AWS_AUTHENTICATION } from '../../generator/spec/aws-authentication.js';
import { SpecIndex } from '../../generator/spec/spec-index.js';
import type { CaseValue, ConformanceCaseSpec, EntitySpec, OperationSpec } from '../../generator/spec/types.js';
import { encodeError, encodeResponse, type WireRequest } from '../wire/aws-wire.js';
import type { CatalogSpec } from '../support/spec-catalog.js';
import type { JavaBuild } from './java-build.js';

/** What CaseRunner prints for one case. */
export interface RunOutput {
  requests: Array<{ method: string; path: string; query: string; headers: Record<string, string>; body: string }>;
  /** AWS clients the factory built while running the case. */
  clientsCreated: number;
  error: string | null;
  result: CaseValue;
}

/** The CaseRunner input of one case: action, arguments, encoded answers, and what to read back. */
export function caseInput(entry: CatalogSpec, model: ApiModel, op: OperationSpec, c: ConformanceCaseSpec): Record<string, unknown> {
  const { spec, index } = entry;
  const module = spec.module.name;
  const endpointAttribute = spec.client.settings.endpointOverride;
  const plan = operationPlan(planOf(spec, index, entry.api), op.name);
  const awsAuthentication = spec.client.credentialSource === 'awsAuthentication';
  const qualified = (name: string): string => (SpecIndex.isExternal(name) ? name : `${module}.${name}`);
  /**
   * An object to create: its attributes, and the objects associated with it (a key that names an
   * association of its entity, one object or a list). `$entity` picks a specialization.
   */
  const objectSpec = (declared: EntitySpec, value: { [key: string]: CaseValue }): Record<string, unknown> => {
    const named = value['$entity'];
    const entity = (typeof named === 'string' ? index.entity(named) : undefined) ?? declared;
    const attributes = index.allAttributes(entity).map((a) => ({
      name: a.name,
      type: a.type,
      value: a.name in value ? (value[a.name] ?? null) : (a.default ?? null),
      endpoint: awsAuthentication ? index.specializes(entity, AWS_AUTHENTICATION.basicClientConfig) && a.name === 'EndpointUrl' : a.name === endpointAttribute,
    }));
    const children = index.associationsOf(entity).flatMap((association) => {
      const given = value[association.name];
      const other = index.otherEnd(association, entity);
      if (given === undefined || given === null || !other) return [];
      const items = Array.isArray(given) ? given : [given];
      return [
        {
          association: qualified(association.name),
          // The created objects hold the reference when they are the association's parent (owner) side.
          childOwns: !index.specializes(entity, association.parent),
          referenceSet: association.type === 'ReferenceSet',
          objects: items.map((item) => objectSpec(other, item !== null && typeof item === 'object' && !Array.isArray(item) ? item : {})),
        },
      ];
    });
    return { value: true, entity: qualified(entity.name), attributes, children };
  };
  const args: unknown[] = op.parameters.map((p) => {
    const value = c.input[p.name];
    if (p.enumeration !== undefined) return { value: value === undefined ? null : value };
    const entity = index.entity(p.entity ?? '');
    if (!entity || value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) return { value: null };
    // Against AWS Authentication the endpoint is on the request's client configuration: give every request one.
    const withConfig =
      awsAuthentication && p.role === 'request' && value[AWS_AUTHENTICATION.requestClientConfig] === undefined
        ? { ...value, [AWS_AUTHENTICATION.requestClientConfig]: { $entity: AWS_AUTHENTICATION.sdkClientConfig } }
        : value;
    return objectSpec(entity, withConfig);
  });
  const responses = c.exchanges.map((e, i) => {
    const requestId = e.error?.requestId ?? `case-request-${i + 1}`;
    // An awsQueryCompatible service (SQS) sends each error's older awsQuery code too, as x-amzn-query-error.
    const queryCode = e.error ? entry.api.reportedErrorCode(e.error.code) : undefined;
    const wire = e.error
      ? encodeError(model, model.protocol, op.action, e.error, queryCode !== undefined && queryCode !== e.error.code ? { awsQueryErrorCode: queryCode } : {})
      : encodeResponse(model, model.protocol, op.action, e.response ?? {}, { requestId });
    return { status: wire.status, headers: wire.headers, body: Buffer.from(wire.body).toString('base64') };
  });
  const entities = Object.fromEntries(spec.entities.map((e) => [`${module}.${e.name}`, index.allAttributes(e).map((a) => a.name)]));
  const resultEntity = 'entity' in op.returns ? op.returns.entity : undefined;
  const associations = plan.response.flatMap((f) =>
    f.kind === 'objects' && resultEntity
      ? [{ name: f.association.name, qualifiedName: `${module}.${f.association.name}`, many: f.container !== 'single' }]
      : [],
  );
  return { actionClass: `${spec.module.javaPackage}.actions.${op.name}`, args, responses, entities, associations };
}

/** Compares a returned object with a case's expected result: the same non-null values, DateTimes by instant. */
export function expectResult(actual: CaseValue, expected: CaseValue, where: string): void {
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

export function wireRequest(r: RunOutput['requests'][number]): WireRequest {
  return { method: r.method, path: r.path, query: r.query, headers: r.headers, body: new Uint8Array(Buffer.from(r.body, 'base64')) };
}

/** Runs CaseRunner on prepared inputs; one output per input. `env` adds to the JVM's environment. */
export function runCases(
  build: JavaBuild,
  work: string,
  domainModel: string,
  inputs: Array<Record<string, unknown>>,
  env: Record<string, string> = {},
): RunOutput[] {
  const inputFile = join(work, `cases-${Math.random().toString(16).slice(2)}.json`);
  writeFileSync(inputFile, JSON.stringify({ domainModel, cases: inputs }));
  // The default provider chain and region must not reach for this machine's own AWS set-up.
  const isolated = {
    AWS_ACCESS_KEY_ID: 'AKIADEFAULTCHAINTEST',
    AWS_SECRET_ACCESS_KEY: 'default-chain-secret',
    AWS_CONFIG_FILE: '/nonexistent',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  const stdout = execFileSync('java', ['-cp', build.classpath, 'CaseRunner', inputFile], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { PATH: process.env['PATH'] ?? '', ...isolated, ...env },
  });
  const lines = stdout.split('\n').filter((l) => l.length > 0);
  expect(lines).toHaveLength(inputs.length);
  return lines.map((l) => JSON.parse(l) as RunOutput);
}
