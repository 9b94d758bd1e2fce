/**
 * Read access to a normalized AWS API model file (such as spec/api/aws-lambda.api.json, written by
 * `mendix-connector api-model`; the format is described in extract-api-model.ts and typed in
 * api-model-types.ts), for the spec validator: operations, shapes, member paths with "did you
 * mean" suggestions, list and map element types, and enumeration values.
 */
import { limitClause, MAX_API_MODEL_BYTES, readTextFile } from '../load/read-file.js';
import { closestNames } from '../spec/suggest.js';
import {
  API_PROTOCOLS,
  SIMPLE_TYPE_NAMES,
  type ApiMember,
  type ApiModelFile,
  type ApiOperation,
  type ApiProtocol,
  type ApiShape,
  type SimpleTypeName,
  type TypeRef,
  type ValueKind,
} from './api-model-types.js';
import { isRecord } from '../spec/is-record.js';

export type * from './api-model-types.js';

/** Path segment that steps from a list to its element. */
export const LIST_ELEMENT_SEGMENT = '$member';
/** Path segments that step from a map to its key or to its value. */
export const MAP_KEY_SEGMENT = '$key';
export const MAP_VALUE_SEGMENT = '$value';

/** A type reference taken apart. */
export type ParsedTypeRef =
  | { form: 'simple'; type: SimpleTypeName }
  | { form: 'shape'; name: string }
  | { form: 'list'; member: TypeRef }
  | { form: 'map'; key: TypeRef; value: TypeRef };

/** Parses `string`, `FunctionConfiguration`, `list<T>` or `map<K,V>`; undefined for malformed text. */
export function parseTypeRef(ref: TypeRef): ParsedTypeRef | undefined {
  if ((SIMPLE_TYPE_NAMES as readonly string[]).includes(ref)) return { form: 'simple', type: ref as SimpleTypeName };
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(ref)) return { form: 'shape', name: ref };
  const list = /^list<(.+)>$/.exec(ref);
  if (list) {
    const member = list[1] as string;
    return parseTypeRef(member) ? { form: 'list', member } : undefined;
  }
  const map = /^map<(.+)>$/.exec(ref);
  if (map) {
    const inner = map[1] as string;
    // Split at the comma that is not nested inside angle brackets.
    let depth = 0;
    for (let i = 0; i < inner.length; i++) {
      const c = inner[i];
      if (c === '<') depth++;
      else if (c === '>') depth--;
      else if (c === ',' && depth === 0) {
        const key = inner.slice(0, i);
        const value = inner.slice(i + 1);
        return parseTypeRef(key) && parseTypeRef(value) ? { form: 'map', key, value } : undefined;
      }
    }
  }
  return undefined;
}

/** A member together with its name and the shape (or type) it belongs to. */
export interface ResolvedMember extends ApiMember {
  name: string;
  /** The structure or union holding the member; for `$member`/`$key`/`$value`, the list or map type. */
  owner: TypeRef;
}

export type MemberPathProblem = 'unknownShape' | 'unknownMember' | 'notNavigable' | 'emptyPath';

export type MemberPathResult =
  | {
      ok: true;
      /** The member the whole path names. */
      member: ResolvedMember;
      /** Every member along the path, the last one included. */
      steps: ResolvedMember[];
    }
  | {
      ok: false;
      problem: MemberPathProblem;
      /** Index of the path segment that could not be resolved. */
      index: number;
      segment: string;
      /** The type the segment was looked up in. */
      within: TypeRef;
      /** The members resolved before the failure. */
      steps: ResolvedMember[];
      /** Close member names, best first (at most three). */
      suggestions: string[];
      message: string;
    };

export class ApiModel {
  constructor(readonly file: ApiModelFile) {}

  get service(): string {
    return this.file.service;
  }

  get sdkVersion(): string {
    return this.file.sdkVersion;
  }

  get sdkId(): string {
    return this.file.sdkId;
  }

  get protocol(): ApiProtocol {
    return this.file.protocol;
  }

  operationNames(): string[] {
    return Object.keys(this.file.operations).sort();
  }

  operation(name: string): ApiOperation | undefined {
    return own(this.file.operations, name);
  }

  /** Operation names close to a misspelt one. */
  suggestOperations(name: string): string[] {
    return closestNames(name, this.operationNames());
  }

  /** The input structure, or undefined when the operation is unknown or takes nothing (`unit`). */
  inputShape(operation: string): string | undefined {
    const input = this.operation(operation)?.input;
    return input === 'unit' ? undefined : input;
  }

  /** The output structure, or undefined when the operation is unknown or returns nothing (`unit`). */
  outputShape(operation: string): string | undefined {
    const output = this.operation(operation)?.output;
    return output === 'unit' ? undefined : output;
  }

  shapeNames(): string[] {
    return Object.keys(this.file.shapes).sort();
  }

  shape(name: string): ApiShape | undefined {
    return own(this.file.shapes, name);
  }

  suggestShapes(name: string): string[] {
    return closestNames(name, this.shapeNames());
  }

  /** Kind of any type reference (simple type, shape name, `list<...>`, `map<...>`); undefined if unknown. */
  kindOf(ref: TypeRef): ValueKind | undefined {
    const parsed = parseTypeRef(ref);
    if (!parsed) return undefined;
    switch (parsed.form) {
      case 'simple':
        return parsed.type;
      case 'shape':
        return this.shape(parsed.name)?.type;
      case 'list':
        return 'list';
      case 'map':
        return 'map';
    }
  }

  /** Member names of a structure or union, sorted; empty for anything else. */
  memberNames(shapeName: string): string[] {
    const shape = this.shape(shapeName);
    return shape && (shape.type === 'structure' || shape.type === 'union') ? Object.keys(shape.members).sort() : [];
  }

  /** One member of a structure or union, by its exact name. */
  member(shapeName: string, memberName: string): ResolvedMember | undefined {
    const shape = this.shape(shapeName);
    if (!shape || (shape.type !== 'structure' && shape.type !== 'union')) return undefined;
    const member = own(shape.members, memberName);
    return member ? { ...member, name: memberName, owner: shapeName } : undefined;
  }

  /** Member names of a structure close to a misspelt one (case-insensitive). */
  suggestMembers(shapeName: string, name: string): string[] {
    return closestNames(name, this.memberNames(shapeName));
  }

  /** Element type of a list (named list shape or `list<T>`). */
  listItemType(ref: TypeRef): TypeRef | undefined {
    const parsed = parseTypeRef(ref);
    if (parsed?.form === 'list') return parsed.member;
    if (parsed?.form === 'shape') {
      const shape = this.shape(parsed.name);
      if (shape?.type === 'list') return shape.member;
    }
    return undefined;
  }

  /** Name of the structure (or other named shape) a list holds; undefined for lists of simple values. */
  listItemShape(ref: TypeRef): string | undefined {
    const item = this.listItemType(ref);
    return item !== undefined && parseTypeRef(item)?.form === 'shape' ? item : undefined;
  }

  /** Key type of a map (named map shape or `map<K,V>`). */
  mapKeyType(ref: TypeRef): TypeRef | undefined {
    return this.mapParts(ref)?.key;
  }

  /** Value type of a map (named map shape or `map<K,V>`). */
  mapValueType(ref: TypeRef): TypeRef | undefined {
    return this.mapParts(ref)?.value;
  }

  private mapParts(ref: TypeRef): { key: TypeRef; value: TypeRef } | undefined {
    const parsed = parseTypeRef(ref);
    if (parsed?.form === 'map') return parsed;
    if (parsed?.form === 'shape') {
      const shape = this.shape(parsed.name);
      if (shape?.type === 'map') return { key: shape.key, value: shape.value };
    }
    return undefined;
  }

  enumNames(): string[] {
    return Object.keys(this.file.enums).sort();
  }

  /** Wire values of an enumeration, sorted. */
  enumValues(name: string): readonly string[] | undefined {
    return own(this.file.enums, name);
  }

  /**
   * Follows a dotted member path from a structure: `Configuration.FunctionName`. A segment `$member`
   * steps into a list's element, `$key` / `$value` into a map's key or value; a path may also be
   * given as an array of segments. A failure says where and why, with close member names.
   */
  resolveMemberPath(shapeName: string, path: string | readonly string[]): MemberPathResult {
    const segments = typeof path === 'string' ? path.split('.') : [...path];
    const steps: ResolvedMember[] = [];
    const fail = (problem: MemberPathProblem, index: number, within: TypeRef, message: string, suggestions: string[] = []): MemberPathResult => ({
      ok: false,
      problem,
      index,
      segment: segments[index] ?? '',
      within,
      steps,
      suggestions,
      message,
    });
    if (segments.length === 0 || (segments.length === 1 && segments[0] === '')) {
      return fail('emptyPath', 0, shapeName, 'The member path is empty.');
    }
    if (!this.shape(shapeName)) {
      const close = this.suggestShapes(shapeName);
      return fail('unknownShape', 0, shapeName, `The API model has no shape "${shapeName}".${hint(close)}`, close);
    }
    let current: TypeRef = shapeName;
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i] as string;
      const kind = this.kindOf(current);
      const shown = segments.slice(0, i).join('.') || shapeName;
      let next: ResolvedMember | undefined;
      if (segment === LIST_ELEMENT_SEGMENT || segment === MAP_KEY_SEGMENT || segment === MAP_VALUE_SEGMENT) {
        const target =
          segment === LIST_ELEMENT_SEGMENT ? this.listItemType(current) : segment === MAP_KEY_SEGMENT ? this.mapKeyType(current) : this.mapValueType(current);
        const targetKind = target === undefined ? undefined : this.kindOf(target);
        if (target === undefined || targetKind === undefined) {
          return fail('notNavigable', i, current, `"${shown}" is a ${kind ?? 'unknown type'}, so "${segment}" does not apply to it.`);
        }
        next = { target, type: targetKind, name: segment, owner: current };
        const previous = steps[steps.length - 1];
        const enumName = segment === LIST_ELEMENT_SEGMENT ? previous?.memberEnum : segment === MAP_KEY_SEGMENT ? previous?.keyEnum : previous?.valueEnum;
        if (enumName) next.enum = enumName;
      } else if (kind === 'structure' || kind === 'union') {
        next = this.member(current, segment);
        if (!next) {
          const close = this.suggestMembers(current, segment);
          return fail('unknownMember', i, current, `Shape "${current}" has no member "${segment}".${hint(close)}`, close);
        }
      } else {
        const how =
          kind === 'list'
            ? ` Use "${LIST_ELEMENT_SEGMENT}" to step into its elements.`
            : kind === 'map'
              ? ` Use "${MAP_VALUE_SEGMENT}" or "${MAP_KEY_SEGMENT}".`
              : '';
        return fail('notNavigable', i, current, `"${shown}" is a ${kind ?? 'unknown type'}, so it has no member "${segment}".${how}`);
      }
      steps.push(next);
      current = next.target;
    }
    return { ok: true, member: steps[steps.length - 1] as ResolvedMember, steps };
  }

  /** Problems of the model's internal consistency (dangling references, bad kinds); empty when sound. */
  problems(): string[] {
    const problems: string[] = [];
    const checkRef = (ref: TypeRef, where: string, expected?: ValueKind) => {
      const kind = this.kindOf(ref);
      if (kind === undefined) problems.push(`${where}: unknown type "${ref}".`);
      else if (expected !== undefined && kind !== expected) problems.push(`${where}: "${ref}" is a ${kind}, not a ${expected}.`);
      const parsed = parseTypeRef(ref);
      if (parsed?.form === 'list') checkRef(parsed.member, `${where} element`);
      if (parsed?.form === 'map') {
        checkRef(parsed.key, `${where} key`);
        checkRef(parsed.value, `${where} value`);
      }
    };
    const checkEnum = (name: string | undefined, where: string) => {
      if (name !== undefined && !this.enumValues(name)) problems.push(`${where}: unknown enum "${name}".`);
    };
    for (const [name, operation] of Object.entries(this.file.operations)) {
      if (operation.input !== 'unit') checkRef(operation.input, `operation ${name} input`, 'structure');
      if (operation.output !== 'unit') checkRef(operation.output, `operation ${name} output`, 'structure');
      for (const error of operation.errors) {
        const shape = this.shape(error);
        if (shape?.type !== 'structure' || !shape.error) problems.push(`operation ${name}: error "${error}" is not an error structure.`);
      }
    }
    for (const [name, shape] of Object.entries(this.file.shapes)) {
      if (shape.type === 'list') checkRef(shape.member, `${name} element`);
      else if (shape.type === 'map') {
        checkRef(shape.key, `${name} key`);
        checkRef(shape.value, `${name} value`);
      } else {
        for (const [memberName, member] of Object.entries(shape.members)) {
          const where = `${name}.${memberName}`;
          checkRef(member.target, where, member.type);
          checkEnum(member.enum, where);
          checkEnum(member.memberEnum, where);
          checkEnum(member.keyEnum, where);
          checkEnum(member.valueEnum, where);
        }
      }
    }
    return problems;
  }
}

/** Reads and checks a model file: a regular file within MAX_API_MODEL_BYTES, as the validator reads one. */
export function loadApiModel(path: string): ApiModel {
  const read = readTextFile(path, MAX_API_MODEL_BYTES, limitClause('an API model file', MAX_API_MODEL_BYTES));
  if (!read.ok) throw new Error(`Cannot read the API model ${path}: ${read.reason}`);
  let json: unknown;
  try {
    json = JSON.parse(read.text);
  } catch (error) {
    throw new Error(`Cannot read the API model ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseApiModel(json, path);
}

/** Checks parsed JSON against the model format and wraps it; throws listing what is wrong. */
export function parseApiModel(json: unknown, source = 'API model'): ApiModel {
  const errors: string[] = [];
  if (!isRecord(json)) throw new Error(`${source}: not a JSON object.`);
  if (json['formatVersion'] !== 1) errors.push(`formatVersion must be 1, not ${JSON.stringify(json['formatVersion'])}.`);
  for (const key of ['service', 'sdkId', 'namespace', 'sdkPackage', 'sdkVersion']) {
    if (typeof json[key] !== 'string') errors.push(`"${key}" must be a string.`);
  }
  if (!API_PROTOCOLS.some((p) => p === json['protocol'])) errors.push(`"protocol" must be one of ${API_PROTOCOLS.join(', ')}.`);
  for (const key of ['operations', 'shapes', 'enums']) {
    if (!isRecord(json[key])) errors.push(`"${key}" must be an object.`);
  }
  if (errors.length === 0) {
    for (const [name, op] of Object.entries(json['operations'] as Record<string, unknown>)) {
      if (!isRecord(op) || !isRecord(op['http']) || typeof op['input'] !== 'string' || typeof op['output'] !== 'string' || !Array.isArray(op['errors'])) {
        errors.push(`operation ${name} lacks http, input, output or errors.`);
      }
    }
    for (const [name, shape] of Object.entries(json['shapes'] as Record<string, unknown>)) {
      const type = isRecord(shape) ? shape['type'] : undefined;
      const ok =
        isRecord(shape) &&
        (((type === 'structure' || type === 'union') &&
          isRecord(shape['members']) &&
          Object.values(shape['members']).every((m) => isRecord(m) && typeof m['target'] === 'string' && typeof m['type'] === 'string')) ||
          (type === 'list' && typeof shape['member'] === 'string') ||
          (type === 'map' && typeof shape['key'] === 'string' && typeof shape['value'] === 'string'));
      if (!ok) errors.push(`shape ${name} is malformed.`);
    }
    for (const [name, values] of Object.entries(json['enums'] as Record<string, unknown>)) {
      if (!Array.isArray(values) || !values.every((v) => typeof v === 'string')) errors.push(`enum ${name} must be a list of strings.`);
    }
  }
  if (errors.length === 0) {
    const model = new ApiModel(json as unknown as ApiModelFile);
    errors.push(...model.problems());
    if (errors.length === 0) return model;
  }
  throw new Error(
    `${source} is not a valid API model:\n  ${errors.slice(0, 20).join('\n  ')}${errors.length > 20 ? `\n  ... and ${errors.length - 20} more` : ''}`,
  );
}

function hint(close: string[]): string {
  return close.length === 0 ? '' : ` Did you mean ${close.map((c) => `"${c}"`).join(' or ')}?`;
}

function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}
