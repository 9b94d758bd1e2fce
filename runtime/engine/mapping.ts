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
import { formatCount, validationError } from './errors.js';
import type { RuntimeSpec } from './runtime-spec.js';
import { isEmpty, isoTimestamp, isValidJson, readAttribute, utf8Bytes, utf8Text, type AttributeValue, type EntityObject } from './values.js';

/** The resolved plan of an operation of the runtime's spec (built once by the validator, kept). */
export function planFor(runtime: RuntimeSpec, operation: OperationSpec): OperationPlan {
  return operationPlan(planOf(runtime.spec, runtime.index, runtime.api), operation.name);
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

/*
 * The mappings of an operation are compiled once, on its first call, into functions that hold
 * everything the plan decides (which attribute, which member, which check and encoding, which
 * enumeration values): a call then reads the caller's values and converts them, without walking the
 * plan, looking up the spec or choosing a conversion again. Measured against a local endpoint, the
 * interpreted mappings were most of the runtime's own time in a call.
 */

/** Builds an API structure from an object shaped like an entity (the request object, or an associated one). */
type StructureBuilder = (object: object | null | undefined) => Record<string, unknown>;
/** Reads one API value from an object shaped like an entity; undefined when it is left out. */
type RequestFieldReader = (object: object | null | undefined) => unknown;
/** Makes an entity object from an API structure (or a map entry `{ $key, $value }`). */
type ObjectMapper = (source: unknown) => EntityObject;

/** A request attribute's (non-empty) value checked against the attribute's type, in API form. */
type RequestValueCheck = (value: unknown) => string | number | boolean | Date;

function requestValueCheck(runtime: RuntimeSpec, operation: string, attribute: AttributeSpec): RequestValueCheck {
  const wrong = (what: string) => validationError(operation, `${attribute.name} must be ${what}.`);
  switch (attribute.type) {
    case 'String':
      return (value) => {
        if (typeof value !== 'string') throw wrong('text');
        return value;
      };
    case 'Integer':
    case 'Long':
      return (value) => {
        if (typeof value !== 'number' || !Number.isInteger(value)) throw wrong('a whole number');
        return value;
      };
    case 'Decimal':
      return (value) => {
        if (typeof value === 'number' && Number.isFinite(value)) return value;
        if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
        throw wrong('a number');
      };
    case 'Boolean':
      return (value) => {
        if (typeof value !== 'boolean') throw wrong('true or false');
        return value;
      };
    case 'DateTime':
      return (value) => {
        const iso = value instanceof Date || typeof value === 'string' ? isoTimestamp(value) : null;
        if (iso === null) throw wrong('a time stamp');
        return new Date(iso);
      };
    case 'Enumeration': {
      // Enumeration value names become their API values.
      const enumeration = runtime.index.enumeration(attribute.enumeration ?? '');
      const byName = new Map(enumeration?.values.map((v) => [v.name, v]));
      return (value) => {
        const match = typeof value === 'string' ? byName.get(value) : undefined;
        if (!enumeration || !match) {
          const names = enumeration ? enumeration.values.map((v) => v.name).join(', ') : '';
          throw validationError(
            operation,
            `${attribute.name} ${JSON.stringify(value)} is not a value of ${attribute.enumeration ?? 'its enumeration'} (${names}).`,
          );
        }
        if (match.newerValues)
          throw validationError(
            operation,
            `${attribute.name} ${match.name} stands for values AWS added after this module was generated, so it cannot be sent.`,
          );
        return SpecIndex.apiValue(match);
      };
    }
  }
}

/** The request field's trait applied to a checked value: JSON checks and encodings, `maxBytes`, lists joined into text. */
function requestEncoding(operation: string, field: AttributeFieldPlan): (value: string | number | boolean | Date) => unknown {
  const { attribute, maxBytes } = field;
  switch (field.trait) {
    case 'joinList':
      return (value) => {
        const items = String(value)
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item !== '');
        return items.length === 0 ? undefined : items;
      };
    case 'jsonPayload':
      return (value) => {
        const text = String(value);
        if (!isValidJson(text)) throw validationError(operation, `${attribute.name} is not valid JSON.`);
        const bytes = utf8Bytes(text);
        if (maxBytes !== undefined && bytes.byteLength > maxBytes) {
          throw validationError(operation, `${attribute.name} is ${formatCount(bytes.byteLength)} bytes; the limit is ${formatCount(maxBytes)} bytes.`);
        }
        return bytes;
      };
    case 'base64Json':
      return (value) => {
        const text = String(value);
        if (!isValidJson(text)) throw validationError(operation, `${attribute.name} is not valid JSON.`);
        const encoded = Buffer.from(text, 'utf8').toString('base64');
        if (maxBytes !== undefined && encoded.length > maxBytes) {
          throw validationError(
            operation,
            `${attribute.name} is ${formatCount(encoded.length)} bytes once base64 encoded; the limit is ${formatCount(maxBytes)} bytes.`,
          );
        }
        return encoded;
      };
    default: {
      const kind = field.member.kind;
      return (value) => {
        if (value instanceof Date) return kind === 'timestamp' ? value : value.toISOString();
        if (kind === 'blob' && typeof value === 'string') return utf8Bytes(value);
        return value;
      };
    }
  }
}

/** One attribute field of a request object: its value checked and encoded, or undefined when empty. */
function requestFieldReader(runtime: RuntimeSpec, operation: string, field: AttributeFieldPlan): RequestFieldReader {
  const name = field.attribute.name;
  const check = requestValueCheck(runtime, operation, field.attribute);
  const encode = requestEncoding(operation, field);
  return (object) => {
    const raw = readAttribute(object, name);
    return isEmpty(raw) ? undefined : encode(check(raw));
  };
}

/** The API name a request field writes: the member, or for a map entry's value structure the member inside it. */
function memberName(field: FieldPlan): string {
  return field.source.from === 'mapKey' ? '$key' : field.source.from === 'listItem' ? '$item' : (field.source.path[0]?.name ?? '$value');
}

/**
 * An API structure from an object through field plans: own and inherited attributes, empty ones left
 * out, enumeration values as their API values, field traits applied; associated objects (under the
 * association's name) built through their object mapping into a structure, a list or a map.
 */
function structureBuilder(runtime: RuntimeSpec, operation: string, fields: readonly FieldPlan[]): StructureBuilder {
  const writers = fields.map((field) => ({
    member: memberName(field),
    read: field.kind === 'attribute' ? requestFieldReader(runtime, operation, field) : associatedReader(runtime, operation, field),
  }));
  return (object) => {
    const structure: Record<string, unknown> = {};
    for (const writer of writers) {
      const value = writer.read(object);
      if (value !== undefined) structure[writer.member] = value;
    }
    return structure;
  };
}

/** The objects a caller associated with `object` through an association: one object, an array of them, or none. */
function associatedObjects(object: object | null | undefined, association: string): object[] {
  const linked = readAttribute(object, association);
  if (linked === null || linked === undefined) return [];
  return (Array.isArray(linked) ? linked : [linked]).filter((item): item is object => item !== null && typeof item === 'object');
}

/** Sets a key of a map built from the caller's objects; `__proto__` too is a key like any other. */
function setEntry(entries: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(entries, key, { value, enumerable: true, writable: true, configurable: true });
  else entries[key] = value;
}

/**
 * The API value built from the objects associated with a request object: one structure, a list of
 * structures or of plain values, or a map whose keys come from the attribute mapped to `$key`. No
 * objects: left out.
 */
function associatedReader(runtime: RuntimeSpec, operation: string, field: ObjectsFieldPlan): RequestFieldReader {
  const association = field.association.name;
  const mapping = field.mapping;
  if (field.container === 'single') {
    const build = structureBuilder(runtime, operation, mapping.fields);
    return (object) => {
      const objects = associatedObjects(object, association);
      if (objects.length === 0) return undefined;
      if (objects.length > 1)
        throw validationError(operation, `${formatCount(objects.length)} objects are associated through ${association}, but ${field.field} takes one.`);
      return build(objects[0]);
    };
  }
  if (field.container === 'list' && mapping.items) {
    // A list of plain values: each object's $item attribute; empty ones are left out.
    const itemField = mapping.fields[0];
    const readItem = itemField ? requestFieldReader(runtime, operation, itemField) : undefined;
    return (object) => {
      const objects = associatedObjects(object, association);
      if (objects.length === 0) return undefined;
      const values = readItem ? objects.map((item) => readItem(item)).filter((v) => v !== undefined) : [];
      return values.length === 0 ? undefined : values;
    };
  }
  if (field.container === 'list') {
    const build = structureBuilder(runtime, operation, mapping.fields);
    return (object) => {
      const objects = associatedObjects(object, association);
      return objects.length === 0 ? undefined : objects.map((item) => build(item));
    };
  }
  const keyField = mapping.fields.find((f) => f.source.from === 'mapKey');
  const readKey = keyField ? requestFieldReader(runtime, operation, keyField) : undefined;
  const valueFields = mapping.fields.filter((f) => f.source.from === 'mapValue');
  // The whole value of an entry from one attribute, or a structure from several.
  const whole = valueFields.find((f) => f.source.from === 'mapValue' && f.source.path.length === 0);
  const readWhole = whole ? requestFieldReader(runtime, operation, whole) : undefined;
  const buildValue = structureBuilder(runtime, operation, valueFields);
  // An empty text value stays (an empty tag value is valid); an empty value of another kind leaves the entry out.
  const emptyWhole = whole?.member.kind === 'string' ? '' : undefined;
  return (object) => {
    const objects = associatedObjects(object, association);
    if (objects.length === 0) return undefined;
    const entries: Record<string, unknown> = {};
    for (const item of objects) {
      const key = readKey?.(item);
      if (keyField === undefined || typeof key !== 'string')
        throw validationError(
          operation,
          `${mapping.entity.name}.${keyField?.attribute.name ?? '$key'} is empty; each object associated through ${association} needs a key for ${field.field}.`,
        );
      if (Object.prototype.hasOwnProperty.call(entries, key))
        throw validationError(
          operation,
          `Two objects associated through ${association} have the same ${keyField.attribute.name}; the keys of ${field.field} must differ.`,
        );
      if (!readWhole) {
        setEntry(entries, key, buildValue(item));
        continue;
      }
      const value = readWhole(item) ?? emptyWhole;
      if (value !== undefined) setEntry(entries, key, value);
    }
    return entries;
  };
}

/** Reads a path of API members from an API value; the value itself for an empty path. */
function membersReader(path: readonly { name: string }[]): (source: unknown) => unknown {
  const names = path.map((member) => member.name);
  const [only] = names;
  if (names.length === 1 && only !== undefined) {
    return (source) => (source !== null && typeof source === 'object' ? (source as Record<string, unknown>)[only] : undefined);
  }
  return (source) => {
    let cursor = source;
    for (const name of names) {
      if (cursor === null || typeof cursor !== 'object') return undefined;
      cursor = (cursor as Record<string, unknown>)[name];
    }
    return cursor;
  };
}

/** Where a response field reads its value: an API structure's member, or a map entry's `$key` or `$value`. */
function sourceReader(field: FieldSource): (source: unknown) => unknown {
  switch (field.from) {
    case 'member':
      return membersReader(field.path);
    case 'mapKey':
      return membersReader([{ name: '$key' }]);
    case 'mapValue': {
      const entryValue = membersReader([{ name: '$value' }]);
      const inner = membersReader(field.path);
      return (source) => inner(entryValue(source));
    }
    case 'listItem':
      return (source) => source;
  }
}

/** Converts one (present) API value to an attribute value, by the field's trait, else by the attribute's type. */
function responseConversion(runtime: RuntimeSpec, field: AttributeFieldPlan): (raw: NonNullable<unknown>) => AttributeValue {
  switch (field.trait) {
    case 'jsonPayload':
      return (raw) => {
        const text = raw instanceof Uint8Array ? utf8Text(raw) : String(raw);
        return text === '' ? null : text;
      };
    case 'base64Text':
      return (raw) => {
        const text = Buffer.from(String(raw), 'base64').toString('utf8');
        return text === '' ? null : text;
      };
    case 'timestamp':
      return isoTimestamp;
    case 'joinList':
      return (raw) => (!Array.isArray(raw) || raw.length === 0 ? null : raw.map((item) => String(item)).join(','));
    case 'base64Json':
    case undefined:
      break;
  }
  const attribute = field.attribute;
  switch (attribute.type) {
    case 'String':
      return (raw) => (raw instanceof Uint8Array ? utf8Text(raw) : String(raw));
    case 'Integer':
    case 'Long':
    case 'Decimal':
      return (raw) => {
        const n = typeof raw === 'number' ? raw : Number(raw);
        return Number.isFinite(n) ? n : null;
      };
    case 'Boolean':
      return (raw) => (typeof raw === 'boolean' ? raw : raw === 'true');
    case 'DateTime':
      return isoTimestamp;
    case 'Enumeration': {
      // An API value the enumeration does not know (AWS added one) reads as its newerValues value, else as empty.
      const enumeration = runtime.index.enumeration(attribute.enumeration ?? '');
      const byApiValue = new Map<string, string>();
      for (const v of enumeration?.values ?? []) if (!v.newerValues && !byApiValue.has(SpecIndex.apiValue(v))) byApiValue.set(SpecIndex.apiValue(v), v.name);
      const newer = enumeration?.values.find((v) => v.newerValues)?.name ?? null;
      return (raw) => byApiValue.get(String(raw)) ?? newer;
    }
  }
}

/** Sets one field of the response object from the API structure. */
type ResponseStep = (result: EntityObject, source: unknown) => void;

function responseStep(runtime: RuntimeSpec, field: FieldPlan): ResponseStep {
  const read = sourceReader(field.source);
  if (field.kind === 'attribute') {
    const name = field.attribute.name;
    const convert = responseConversion(runtime, field);
    return (result, source) => {
      const raw = read(source);
      result[name] = raw === null || raw === undefined ? null : convert(raw);
    };
  }
  const association = field.association.name;
  const map = objectMapper(runtime, field.mapping.entity, field.mapping.fields);
  switch (field.container) {
    case 'list':
      return (result, source) => {
        const raw = read(source);
        result[association] = Array.isArray(raw) ? raw.map((item) => map(item)) : [];
      };
    case 'map':
      return (result, source) => {
        const raw = read(source);
        const entries = raw !== null && typeof raw === 'object' ? Object.entries(raw as Record<string, unknown>) : [];
        entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        result[association] = entries.map(([$key, $value]) => map({ $key, $value }));
      };
    case 'single':
      return (result, source) => {
        const raw = read(source);
        result[association] = raw === null || raw === undefined ? null : map(raw);
      };
  }
}

/**
 * Maps an API structure (or a map entry `{ $key, $value }`) to an entity object through field plans:
 * every attribute of the entity present (null when empty), and each objects field as a property
 * named like the association: one object (or null) for a structure, an array for a list of
 * structures or a map (entries sorted by key).
 */
function objectMapper(runtime: RuntimeSpec, entity: EntitySpec, fields: readonly FieldPlan[]): ObjectMapper {
  // Every attribute, in the entity's order, empty: each object starts as a copy of it.
  const empty: EntityObject = {};
  for (const attribute of runtime.index.allAttributes(entity)) empty[attribute.name] = null;
  const steps = fields.map((field) => responseStep(runtime, field));
  return (source) => {
    const result: EntityObject = { ...empty };
    for (const step of steps) step(result, source);
    return result;
  };
}

/** An operation's mappings, compiled. */
export interface OperationMappers {
  /** The API input from the request object. */
  input: StructureBuilder;
  /** The response object from the API output; undefined when the operation returns no entity. */
  output: ObjectMapper | undefined;
}

/** Compiles an operation's mappings (the engine does so once per operation, on its first call). */
export function compileMappers(runtime: RuntimeSpec, operation: OperationSpec): OperationMappers {
  const plan = planFor(runtime, operation);
  const responseEntity = plan.responseEntity;
  return {
    input: structureBuilder(runtime, operation.name, plan.request),
    output: responseEntity ? objectMapper(runtime, responseEntity, plan.response) : undefined,
  };
}
