import { SpecIndex } from '../../generator/spec/spec-index.js';
import {
  operationPlan,
  planOf,
  type AttributeFieldPlan,
  type FieldPlan,
  type FieldSource,
  type ObjectsFieldPlan,
  type OperationPlan,
} from '../../generator/plan/operation-plan.js';
import type { AttributeSpec, EntitySpec, OperationSpec } from '../../generator/spec/types.js';
import type { ApiMemberView } from '../../generator/validate/api-model-view.js';
import { formatCount, validationError } from './errors.js';
import type { RuntimeSpec } from './runtime-spec.js';
import { isEmpty, isoTimestamp, isValidJson, readAttribute, readPath, utf8Bytes, utf8Text, type AttributeValue, type EntityObject } from './values.js';

/** The resolved plan of an operation of the runtime's spec (built once by the validator, kept). */
export function planFor(runtime: RuntimeSpec, operation: OperationSpec): OperationPlan {
  return operationPlan(planOf(runtime.spec, runtime.index, runtime.api), operation.name);
}

/** The value a field plan reads from an API structure, or from a map entry `{ $key, $value }`. */
function readSource(source: unknown, field: FieldSource): unknown {
  switch (field.from) {
    case 'member':
      return readMembers(source, field.path);
    case 'mapKey':
      return readPath(source, ['$key']);
    case 'mapValue':
      return readMembers(readPath(source, ['$value']), field.path);
    case 'listItem':
      return source;
  }
}

/** Reads a path of API members from an API value (as readPath does, without a list of their names for every field of every object read). */
function readMembers(source: unknown, path: readonly { name: string }[]): unknown {
  let cursor: unknown = source;
  for (const member of path) {
    if (cursor === null || typeof cursor !== 'object') return undefined;
    cursor = (cursor as Record<string, unknown>)[member.name];
  }
  return cursor;
}

function requireEntity(runtime: RuntimeSpec, name: string): EntitySpec {
  const entity = runtime.index.entity(name);
  if (!entity) throw new Error(`The spec has no entity ${name}.`);
  return entity;
}

/** The request entity of an operation: its parameter with role `request`. */
export function requestEntityOf(runtime: RuntimeSpec, operation: OperationSpec): EntitySpec {
  const parameter = operation.parameters.find((p) => p.role === 'request');
  if (!parameter?.entity) throw new Error(`Operation ${operation.name} has no request parameter.`);
  return requireEntity(runtime, parameter.entity);
}

/** A caller's attribute value checked against the attribute's type, in API form (enumeration value names become API values). */
function checkedRequestValue(runtime: RuntimeSpec, operation: string, attribute: AttributeSpec, value: unknown): string | number | boolean | Date {
  const wrong = (what: string) => validationError(operation, `${attribute.name} must be ${what}.`);
  switch (attribute.type) {
    case 'String':
      if (typeof value !== 'string') throw wrong('text');
      return value;
    case 'Integer':
    case 'Long':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw wrong('a whole number');
      return value;
    case 'Decimal':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
      throw wrong('a number');
    case 'Boolean':
      if (typeof value !== 'boolean') throw wrong('true or false');
      return value;
    case 'DateTime': {
      const iso = value instanceof Date || typeof value === 'string' ? isoTimestamp(value) : null;
      if (iso === null) throw wrong('a time stamp');
      return new Date(iso);
    }
    case 'Enumeration': {
      const enumeration = runtime.index.enumeration(attribute.enumeration ?? '');
      const match = enumeration?.values.find((v) => v.name === value);
      if (!enumeration || !match) {
        const names = enumeration ? enumeration.values.map((v) => v.name).join(', ') : '';
        throw validationError(
          operation,
          `${attribute.name} ${JSON.stringify(value)} is not a value of ${attribute.enumeration ?? 'its enumeration'} (${names}).`,
        );
      }
      if (match.newerValues)
        throw validationError(operation, `${attribute.name} ${match.name} stands for values AWS added after this module was generated, so it cannot be sent.`);
      return SpecIndex.apiValue(match);
    }
  }
}

/** Applies a request field trait: JSON checks and encodings, and `maxBytes`. */
function encodeRequestValue(
  operation: string,
  mapping: AttributeFieldPlan,
  attribute: AttributeSpec,
  member: ApiMemberView | undefined,
  value: string | number | boolean | Date,
): unknown {
  switch (mapping.trait) {
    case 'jsonPayload': {
      const text = String(value);
      if (!isValidJson(text)) throw validationError(operation, `${attribute.name} is not valid JSON.`);
      const bytes = utf8Bytes(text);
      if (mapping.maxBytes !== undefined && bytes.byteLength > mapping.maxBytes) {
        throw validationError(operation, `${attribute.name} is ${formatCount(bytes.byteLength)} bytes; the limit is ${formatCount(mapping.maxBytes)} bytes.`);
      }
      return bytes;
    }
    case 'base64Json': {
      const text = String(value);
      if (!isValidJson(text)) throw validationError(operation, `${attribute.name} is not valid JSON.`);
      const encoded = Buffer.from(text, 'utf8').toString('base64');
      if (mapping.maxBytes !== undefined && encoded.length > mapping.maxBytes) {
        throw validationError(
          operation,
          `${attribute.name} is ${formatCount(encoded.length)} bytes once base64 encoded; the limit is ${formatCount(mapping.maxBytes)} bytes.`,
        );
      }
      return encoded;
    }
    default:
      if (value instanceof Date) return member?.kind === 'timestamp' ? value : value.toISOString();
      if (member?.kind === 'blob' && typeof value === 'string') return utf8Bytes(value);
      return value;
  }
}

/**
 * The API input of an operation, from the request object through the operation's request mappings:
 * own and inherited attributes, empty ones left out, enumeration values as their API values, field
 * traits applied; associated objects (under the association's name) built through their object
 * mapping into a structure, a list of structures or a map.
 */
export function buildInput(runtime: RuntimeSpec, operation: OperationSpec, request: object | null | undefined): Record<string, unknown> {
  return buildStructure(runtime, operation.name, planFor(runtime, operation).request, request);
}

/** The API name a request field writes: the member, or for a map entry's value structure the member inside it. */
function memberName(field: FieldPlan): string {
  return field.source.from === 'mapKey' ? '$key' : field.source.from === 'listItem' ? '$item' : (field.source.path[0]?.name ?? '$value');
}

/** The API value of one attribute field of a request object; undefined when it is left out. */
function requestFieldValue(runtime: RuntimeSpec, operation: string, field: AttributeFieldPlan, object: object | null | undefined): unknown {
  const raw = readAttribute(object, field.attribute.name);
  if (isEmpty(raw)) return undefined;
  const value = checkedRequestValue(runtime, operation, field.attribute, raw);
  if (field.trait === 'joinList') {
    const items = String(value)
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
    return items.length === 0 ? undefined : items;
  }
  return encodeRequestValue(operation, field, field.attribute, field.member, value);
}

function buildStructure(runtime: RuntimeSpec, operation: string, fields: readonly FieldPlan[], object: object | null | undefined): Record<string, unknown> {
  const structure: Record<string, unknown> = {};
  for (const field of fields) {
    const value = field.kind === 'attribute' ? requestFieldValue(runtime, operation, field, object) : associatedValue(runtime, operation, field, object);
    if (value !== undefined) structure[memberName(field)] = value;
  }
  return structure;
}

/** The objects a caller associated with `object` through an association: one object, an array of them, or none. */
function associatedObjects(object: object | null | undefined, association: string): object[] {
  const linked = readAttribute(object, association);
  if (linked === null || linked === undefined) return [];
  return (Array.isArray(linked) ? linked : [linked]).filter((item): item is object => item !== null && typeof item === 'object');
}

/**
 * The API value built from the objects associated with a request object: one structure, a list of
 * structures, or a map whose keys come from the attribute mapped to `$key`. No objects: left out.
 */
function associatedValue(runtime: RuntimeSpec, operation: string, field: ObjectsFieldPlan, object: object | null | undefined): unknown {
  const objects = associatedObjects(object, field.association.name);
  if (objects.length === 0) return undefined;
  const mapping = field.mapping;
  if (field.container === 'single') {
    if (objects.length > 1)
      throw validationError(
        operation,
        `${formatCount(objects.length)} objects are associated through ${field.association.name}, but ${field.field} takes one.`,
      );
    return buildStructure(runtime, operation, mapping.fields, objects[0]);
  }
  if (field.container === 'list' && mapping.items) {
    // A list of plain values: each object's $item attribute; empty ones are left out.
    const itemField = mapping.fields[0];
    const values = itemField ? objects.map((item) => requestFieldValue(runtime, operation, itemField, item)).filter((v) => v !== undefined) : [];
    return values.length === 0 ? undefined : values;
  }
  if (field.container === 'list') return objects.map((item) => buildStructure(runtime, operation, mapping.fields, item));
  const keyField = mapping.fields.find((f) => f.source.from === 'mapKey');
  const valueFields = mapping.fields.filter((f) => f.source.from === 'mapValue');
  const entries: Record<string, unknown> = {};
  for (const item of objects) {
    const key = keyField ? requestFieldValue(runtime, operation, keyField, item) : undefined;
    if (keyField === undefined || typeof key !== 'string')
      throw validationError(
        operation,
        `${mapping.entity.name}.${keyField?.attribute.name ?? '$key'} is empty; each object associated through ${field.association.name} needs a key for ${field.field}.`,
      );
    if (Object.prototype.hasOwnProperty.call(entries, key))
      throw validationError(
        operation,
        `Two objects associated through ${field.association.name} have the same ${keyField.attribute.name}; the keys of ${field.field} must differ.`,
      );
    const whole = valueFields.find((f) => f.source.from === 'mapValue' && f.source.path.length === 0);
    if (!whole) {
      entries[key] = buildStructure(runtime, operation, valueFields, item);
      continue;
    }
    // An empty text value stays (an empty tag value is valid); an empty value of another kind leaves the entry out.
    const value = requestFieldValue(runtime, operation, whole, item) ?? (whole.member.kind === 'string' ? '' : undefined);
    if (value !== undefined) entries[key] = value;
  }
  return entries;
}

/** Converts one API value to an attribute value, applying a response field trait. */
function attributeValue(runtime: RuntimeSpec, attribute: AttributeSpec, mapping: AttributeFieldPlan, raw: unknown): AttributeValue {
  if (raw === null || raw === undefined) return null;
  switch (mapping.trait) {
    case 'jsonPayload': {
      const text = raw instanceof Uint8Array ? utf8Text(raw) : String(raw);
      return text === '' ? null : text;
    }
    case 'base64Text': {
      const text = Buffer.from(String(raw), 'base64').toString('utf8');
      return text === '' ? null : text;
    }
    case 'timestamp':
      return isoTimestamp(raw);
    case 'joinList':
      if (!Array.isArray(raw)) return null;
      return raw.length === 0 ? null : raw.map((item) => String(item)).join(',');
    case 'base64Json':
    case undefined:
      break;
  }
  switch (attribute.type) {
    case 'String':
      return raw instanceof Uint8Array ? utf8Text(raw) : String(raw);
    case 'Integer':
    case 'Long':
    case 'Decimal': {
      const n = typeof raw === 'number' ? raw : Number(raw);
      return Number.isFinite(n) ? n : null;
    }
    case 'Boolean':
      return typeof raw === 'boolean' ? raw : raw === 'true';
    case 'DateTime':
      return isoTimestamp(raw);
    case 'Enumeration': {
      // An API value the enumeration does not know (AWS added one) reads as its newerValues value, else as empty.
      const enumeration = runtime.index.enumeration(attribute.enumeration ?? '');
      const match = enumeration?.values.find((v) => !v.newerValues && SpecIndex.apiValue(v) === String(raw));
      return match ? match.name : (enumeration?.values.find((v) => v.newerValues)?.name ?? null);
    }
  }
}

/**
 * Maps an API structure (or a map entry `{ $key, $value }`) to an entity object through field plans:
 * every attribute of the entity present (null when empty), and each objects field as a property
 * named like the association: one object (or null) for a structure, an array for a list of
 * structures or a map (entries sorted by key).
 */
export function mapObject(runtime: RuntimeSpec, entity: EntitySpec, fields: readonly FieldPlan[], source: unknown): EntityObject {
  const result: EntityObject = {};
  for (const attribute of runtime.index.allAttributes(entity)) result[attribute.name] = null;
  for (const field of fields) {
    const raw = readSource(source, field.source);
    if (field.kind === 'attribute') {
      result[field.attribute.name] = attributeValue(runtime, field.attribute, field, raw);
      continue;
    }
    const mapping = field.mapping;
    const map = (item: unknown) => mapObject(runtime, mapping.entity, mapping.fields, item);
    switch (field.container) {
      case 'list':
        result[field.association.name] = Array.isArray(raw) ? raw.map(map) : [];
        break;
      case 'map': {
        const entries = raw !== null && typeof raw === 'object' ? Object.entries(raw as Record<string, unknown>) : [];
        entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        result[field.association.name] = entries.map(([$key, $value]) => map({ $key, $value }));
        break;
      }
      case 'single':
        result[field.association.name] = raw === null || raw === undefined ? null : map(raw);
        break;
    }
  }
  return result;
}

/** The response object of an operation that returns an entity. */
export function mapOutput(runtime: RuntimeSpec, operation: OperationSpec, output: unknown): EntityObject {
  const plan = planFor(runtime, operation);
  if (!plan.responseEntity) throw new Error(`Operation ${operation.name} returns no entity.`);
  return mapObject(runtime, plan.responseEntity, plan.response, output);
}
