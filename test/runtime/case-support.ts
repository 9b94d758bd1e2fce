import * as lambdaSdk from '@aws-sdk/client-lambda';
import { LambdaServiceException } from '@aws-sdk/client-lambda';
import type { FieldPlan } from '../../generator/plan/operation-plan.js';
import type { CaseAwsErrorSpec, CaseValue, EntitySpec } from '../../generator/spec/types.js';
import type { RuntimeSpec } from '../../runtime/engine/runtime-spec.js';

/** Test helpers that turn conformance case data into SDK values and back. */

/** A blob in case notation: {$text: ...} or {$base64: ...}. */
function blobOf(value: CaseValue): Uint8Array | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  if (typeof value['$text'] === 'string') return new Uint8Array(Buffer.from(value['$text'], 'utf8'));
  if (typeof value['$base64'] === 'string') return new Uint8Array(Buffer.from(value['$base64'], 'base64'));
  return undefined;
}

/** Case response data as the SDK would return it: blobs as Uint8Array. */
export function toSdkValue(value: CaseValue): unknown {
  const blob = blobOf(value);
  if (blob) return blob;
  if (Array.isArray(value)) return value.map(toSdkValue);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toSdkValue(v)]));
  return value;
}

/** A comparable form of an SDK command input: undefined keys dropped, bytes as {$base64}, dates as ISO text. */
export function comparable(value: unknown): unknown {
  if (value instanceof Uint8Array) return { $base64: Buffer.from(value).toString('base64') };
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(comparable);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, comparable(v)]),
    );
  }
  return value;
}

/** The expected command input of a case in the comparable form. */
export function expectedInput(value: CaseValue): unknown {
  const blob = blobOf(value);
  if (blob) return { $base64: Buffer.from(blob).toString('base64') };
  if (Array.isArray(value)) return value.map(expectedInput);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expectedInput(v)]));
  return value;
}

/** An error as the Lambda SDK throws it for an AWS error answer. */
export function sdkError(error: CaseAwsErrorSpec): LambdaServiceException {
  return new LambdaServiceException({
    name: error.code,
    $fault: error.status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: error.status, requestId: error.requestId, attempts: 1, totalRetryDelay: 0 },
    message: error.message,
  });
}

/**
 * An error shaped as any AWS SDK for JavaScript v3 client throws it for an AWS error answer (a
 * ServiceException's fields). `queryCode`: the older awsQuery code an awsQueryCompatible service sends
 * beside it, which the SDK puts in `Code` and `Type` (test/wire/aws-wire.test.ts shows it).
 */
export function serviceError(error: CaseAwsErrorSpec, queryCode?: string): Error {
  return Object.assign(new Error(error.message), {
    name: error.code,
    $fault: error.status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: error.status, requestId: error.requestId, attempts: 1, totalRetryDelay: 0 },
    ...(queryCode !== undefined && queryCode !== error.code ? { Code: queryCode, Type: error.status >= 500 ? 'Receiver' : 'Sender' } : {}),
  });
}

/** The SDK command class of an API action. */
export function sdkCommandClass(action: string): abstract new (...args: never[]) => object {
  const candidate = (lambdaSdk as unknown as Record<string, unknown>)[`${action}Command`];
  if (typeof candidate !== 'function') throw new Error(`No SDK command for ${action}`);
  return candidate as abstract new (...args: never[]) => object;
}

/**
 * A case's expected result completed the way the runtime answers: every attribute of the entity
 * present (null when the case leaves it out), every mapped association present ([] for lists and
 * maps, null for single objects). Cases leave out what is empty, the runtime spells it out.
 */
export function completeExpected(runtime: RuntimeSpec, entity: EntitySpec, fields: readonly FieldPlan[], value: CaseValue): CaseValue {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const result: { [key: string]: CaseValue } = {};
  for (const attribute of runtime.index.allAttributes(entity)) result[attribute.name] = value[attribute.name] ?? null;
  for (const field of fields) {
    if (field.kind !== 'objects') continue;
    const many = field.container !== 'single';
    const given = value[field.association.name];
    const complete = (item: CaseValue) => completeExpected(runtime, field.mapping.entity, field.mapping.fields, item);
    if (given === undefined || given === null) result[field.association.name] = many ? [] : null;
    else result[field.association.name] = Array.isArray(given) ? given.map(complete) : complete(given);
  }
  for (const key of Object.keys(value)) {
    if (!(key in result)) result[key] = value[key] ?? null;
  }
  return result;
}
