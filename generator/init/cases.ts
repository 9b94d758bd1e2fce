/**
 * One conformance case per operation of a spec `init` writes, made from the API shapes: a sample
 * value for every mapped request attribute (and associated request object), the exact input AWS
 * receives for it, a sample answer with every mapped output member, and the response object the
 * activity returns for that answer. The samples are plausible, not real: the spec tells the user to
 * check them, and they make sure from the start that every mapping runs through the runtime and
 * the Java in both directions.
 */
import { createHash } from 'node:crypto';
import type { ApiModel } from '../aws/api-model.js';
import type { CaseObject, CaseValue, ConformanceCaseSpec, EnumerationSpec } from '../spec/types.js';
import type { DraftAttributeField, DraftField, DraftMapping, DraftOperation } from './spec-builder.js';

type Side = 'request' | 'response';

/** A value in both forms: as an attribute of a Mendix object (case input and result), and as the API carries it. */
interface Sample {
  attribute: CaseValue;
  api: CaseValue;
}

/** Sample credentials, AWS's documented example keys (not real ones). */
const SAMPLE_CREDENTIALS: CaseObject = {
  Provider: 'StaticKeys',
  AccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

const SAMPLE_TIMES: Record<Side, string> = { request: '2024-05-01T12:34:56.000Z', response: '2024-06-01T08:00:00.000Z' };

/** AWS names the digest of a member `MD5Of<Member>`: the hex MD5 of its UTF-8 text, which SDKs may check. */
const DIGEST_PREFIX = 'MD5Of';

function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/**
 * Sets every `MD5Of<X>` member of an object whose X is text (in the same object, or given in
 * `outer`) to X's digest, in both forms: SDKs compare such digests with their own and fail the call
 * on a mismatch.
 */
function fillDigests(fields: readonly DraftAttributeField[], object: CaseObject, api: CaseObject, outer: CaseObject = {}): void {
  for (const field of fields) {
    const name = field.field.split('.').pop() ?? field.field;
    if (!name.startsWith(DIGEST_PREFIX) || field.attribute.type !== 'String' || field.scalar.trait !== undefined) continue;
    const sourceName = name.slice(DIGEST_PREFIX.length);
    const sourceKey = field.field.startsWith('$value.') ? `$value.${sourceName}` : sourceName;
    const source = api[sourceKey.replace(/^\$value\./, '')] ?? outer[sourceName];
    if (typeof source !== 'string') continue;
    const digest = md5Hex(source);
    object[field.attribute.name] = digest;
    api[field.field.replace(/^\$value\./, '')] = digest;
  }
}

export class CaseBuilder {
  private readonly enumerations: ReadonlyMap<string, EnumerationSpec>;

  constructor(
    private readonly model: ApiModel,
    enumerations: readonly EnumerationSpec[],
    private readonly regionValue: string,
    /** The input members that choose an operation's endpoint (endpoint-params.ts). */
    private readonly endpointParameters: (operation: string) => ReadonlySet<string> = () => new Set(),
  ) {
    this.enumerations = new Map(enumerations.map((e) => [e.name, e]));
  }

  /** Text samples tell request from response values, so a mix-up shows in the comparison. */
  private text(field: string, side: Side, n?: number): string {
    const name = field.split('.').pop() ?? field;
    return `${side === 'request' ? 'example' : 'returned'}-${name.replace(/^\$/, '')}${n === undefined ? '' : `-${n}`}`;
  }

  /** The first API value of an enum (values are sorted), and the name of its enumeration value. */
  private enumSample(field: DraftAttributeField): Sample | undefined {
    const enumeration = field.attribute.enumeration ? this.enumerations.get(field.attribute.enumeration) : undefined;
    const value = enumeration?.values[0];
    if (!value) return undefined;
    return { attribute: value.name, api: value.apiValue ?? value.name };
  }

  private apiEnumValues(apiEnum: string | undefined): readonly string[] {
    return apiEnum === undefined ? [] : (this.model.enumValues(apiEnum) ?? []);
  }

  private scalar(field: DraftAttributeField, side: Side): Sample {
    const first = side === 'request';
    switch (field.scalar.sample) {
      case 'enum':
        return this.enumSample(field) ?? { attribute: null, api: null };
      case 'integer':
        return first ? { attribute: 5, api: 5 } : { attribute: 7, api: 7 };
      case 'long':
        return first ? { attribute: 1024, api: 1024 } : { attribute: 2048, api: 2048 };
      case 'decimal':
        return first ? { attribute: 2.5, api: 2.5 } : { attribute: 3.5, api: 3.5 };
      case 'boolean':
        return { attribute: true, api: true };
      case 'timestamp':
        return { attribute: SAMPLE_TIMES[side], api: SAMPLE_TIMES[side] };
      case 'stringList': {
        const values = this.apiEnumValues(field.scalar.apiEnum);
        const items = values.length > 0 ? values.slice(0, 2) : [this.text(field.field, side, 1), this.text(field.field, side, 2)];
        return { attribute: items.join(','), api: [...items] };
      }
      case 'string': {
        if (field.field === '$key') {
          const key = this.apiEnumValues(field.keyEnum)[0] ?? `${side === 'request' ? 'example' : 'returned'}-key`;
          return { attribute: key, api: key };
        }
        const text = this.text(field.field, side);
        return { attribute: text, api: text };
      }
    }
  }

  /** One object of a mapping: its attribute values, and the API value (structure, or map entry key and value). */
  private object(mapping: DraftMapping, side: Side): { attributes: CaseObject; api: CaseObject; key?: string; value?: CaseValue } {
    const attributes: CaseObject = {};
    const api: CaseObject = {};
    let key: string | undefined;
    let value: CaseValue | undefined;
    for (const field of mapping.fields) {
      const sample = this.scalar(field, side);
      if (sample.api === null) continue;
      attributes[field.attribute.name] = sample.attribute;
      if (field.field === '$key') key = String(sample.api);
      else if (field.field === '$value') value = sample.api;
      else if (field.field.startsWith('$value.')) api[field.field.slice('$value.'.length)] = sample.api;
      else api[field.field] = sample.api;
    }
    fillDigests(mapping.fields, attributes, api);
    if (mapping.entries && value === undefined) value = api;
    return { attributes, api, ...(key !== undefined ? { key } : {}), ...(value !== undefined ? { value } : {}) };
  }

  /** The values of fields: the object's (attributes and associations) and the API structure's. */
  private fields(fields: readonly DraftField[], side: Side): { object: CaseObject; api: CaseObject } {
    const object: CaseObject = {};
    const api: CaseObject = {};
    for (const field of fields) {
      if (field.kind === 'attribute') {
        const sample = this.scalar(field, side);
        if (sample.api === null) continue;
        object[field.attribute.name] = sample.attribute;
        api[field.field] = sample.api;
        continue;
      }
      const item = this.object(field.mapping, side);
      switch (field.container) {
        case 'single':
          object[field.association.name] = item.attributes;
          api[field.field] = item.api;
          break;
        case 'list':
          object[field.association.name] = [item.attributes];
          api[field.field] = [item.api];
          break;
        case 'map':
          object[field.association.name] = [item.attributes];
          api[field.field] = { [item.key ?? 'example-key']: item.value ?? null };
          break;
      }
    }
    return { object, api };
  }

  /**
   * Request fields the sample leaves out: optional members that choose the endpoint, and members whose
   * digest the answer carries (`MD5Of<X>`) when X is not text, whose digest init cannot compute.
   */
  private leftOut(operation: DraftOperation): Set<string> {
    const input = this.model.inputShape(operation.spec.action);
    const endpoint = this.endpointParameters(operation.spec.action);
    const omit = new Set<string>();
    for (const field of operation.request) {
      const required = input !== undefined && this.model.member(input, field.field)?.required === true;
      if (!required && endpoint.has(field.field)) omit.add(field.field);
      const digested = operation.response.some((f) => f.field === `${DIGEST_PREFIX}${field.field}`);
      const text = field.kind === 'attribute' && field.scalar.sample === 'string';
      if (digested && !text && !required) omit.add(field.field);
    }
    return omit;
  }

  /** Why the sample leaves request fields out, for the spec's comments. */
  leftOutNotes(operation: DraftOperation): string[] {
    const endpoint = this.endpointParameters(operation.spec.action);
    return [...this.leftOut(operation)]
      .sort()
      .map((field) =>
        endpoint.has(field)
          ? `The sample case leaves out ${field}: AWS's endpoint rules read it, so with it the SDK may call another endpoint, or sign otherwise, than the test endpoint.`
          : `The sample case leaves out ${field}: the answer's ${DIGEST_PREFIX}${field} is its digest, which the SDK checks and init cannot compute.`,
      );
  }

  /** The sample case of an operation. */
  caseOf(operation: DraftOperation): ConformanceCaseSpec {
    const spec = operation.spec;
    const omit = this.leftOut(operation);
    const request = this.fields(
      operation.request.filter((f) => !omit.has(f.field)),
      'request',
    );
    const response = this.fields(operation.response, 'response');
    fillDigests(
      operation.response.filter((f): f is DraftAttributeField => f.kind === 'attribute'),
      response.object,
      response.api,
      request.api,
    );
    const input: CaseObject = {};
    for (const parameter of spec.parameters) {
      if (parameter.role === 'credentials') input[parameter.name] = { ...SAMPLE_CREDENTIALS };
      else if (parameter.role === 'region') input[parameter.name] = this.regionValue;
      else input[parameter.name] = request.object;
    }
    return {
      name: `${spec.name} with sample values`,
      description:
        'Made by mendix-connector init from the API shapes: the values are samples, not real ones. Check the request AWS receives and the answer against the API reference, then add cases of your own (errors, empty results, every page).',
      input,
      exchanges: [{ request: request.api, response: response.api }],
      expect: { result: operation.responseEntity ? response.object : true },
    };
  }
}
