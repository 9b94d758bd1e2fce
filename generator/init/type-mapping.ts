/**
 * Which Mendix attribute (or associated objects) each API member becomes in a spec `init` writes, and
 * why a member is left out. The rules follow what the operation plan (generator/plan/operation-plan.ts)
 * accepts, so the spec validates as written, and what the generated Java compiles against:
 *
 *   - text -> String (an enum -> Enumeration), booleans -> Boolean, time stamps -> DateTime;
 *   - numbers by the width the AWS SDK for Java gives them (the model's `javaNumber`): Integer, Long,
 *     Decimal. A request sends the attribute's own Java type to the SDK's builder, so a request
 *     number is mapped only where that type is the builder's (Short, Byte and Float are not), and
 *     only where the width is known;
 *   - a list of strings -> a String attribute with the trait joinList (comma-separated);
 *   - at the top level of an input or output: a structure, a list of structures or a map -> objects
 *     of an entity of their own, over an association; inside such objects nothing nested (an object
 *     mapping fills attributes only);
 *   - binary data, JSON documents, unions and event streams are not mapped.
 */
import type { ApiModel } from '../aws/api-model.js';
import type { ApiMember, TypeRef } from '../aws/api-model-types.js';
import type { AttributeType } from '../spec/types.js';

export type Direction = 'request' | 'response';

/** How a sample value of the attribute is made (cases.ts). */
export type SampleKind = 'string' | 'enum' | 'integer' | 'long' | 'decimal' | 'boolean' | 'timestamp' | 'stringList';

export interface ScalarMapping {
  type: AttributeType;
  /** String only. */
  length?: number | 'unlimited';
  /** The API enum of an Enumeration attribute, or of the elements of a joined list. */
  apiEnum?: string;
  trait?: 'joinList';
  secret: boolean;
  sample: SampleKind;
}

export type MemberMapping =
  | { kind: 'attribute'; scalar: ScalarMapping }
  /** Objects of their own: one structure, a list of structures (`shape` is the structure), or a map (`shape` is the map type). */
  | { kind: 'objects'; container: 'single' | 'list' | 'map'; shape: string }
  | { kind: 'skip'; reason: string };

export interface MappingContext {
  model: ApiModel;
  direction: Direction;
  /** Inside the objects of an association (an object mapping), where nothing nested can be mapped. */
  nested: boolean;
  /** The request side can map associated objects and joined lists (the plan's request associations). */
  requestAssociations: boolean;
  /** Whether the API marks a member deprecated: its SDK accessors are deprecated too, and the Java is compiled with warnings as errors. */
  deprecated?: (shape: string, member: string) => boolean;
  /** Structures whose Java class the AWS SDK for Java names otherwise than the Java generator expects (read from the jars). */
  missingJavaClasses?: ReadonlySet<string>;
  /** Whether the member's Java class has no getter of the name the Java generator derives (read from the jars). */
  missingJavaMember?: (shape: string, member: string) => boolean;
}

/** ARNs are at most 2,048 characters (IAM's limit); other texts carry no length in the API model. */
const ARN_LENGTH = 2048;

/** The length of a String attribute: the model carries no length constraints, so only ARNs get one. */
export function stringLength(memberName: string): number | 'unlimited' {
  return /(Arn|ARN)s?$/.test(memberName) ? ARN_LENGTH : 'unlimited';
}

/** A readable name of a type for "Not mapped" notes: `a list of numbers`, `binary data`. */
function describeRef(model: ApiModel, ref: TypeRef): string {
  const kind = model.kindOf(ref);
  switch (kind) {
    case 'blob':
      return 'binary data';
    case 'document':
      return 'a JSON document';
    case 'union':
      return 'a union';
    case 'structure':
      return 'a structure';
    case 'list':
      return 'a list';
    case 'map':
      return 'a map';
    case 'bigInteger':
    case 'bigDecimal':
    case 'number':
      return 'a number';
    case undefined:
      return 'an unknown type';
    default:
      return `a ${kind}`;
  }
}

function numberMapping(member: ApiMember, model: ApiModel, direction: Direction): MemberMapping {
  const width = member.javaNumber;
  if (width === undefined) {
    if (model.file.javaSdkVersion !== undefined)
      return { kind: 'skip', reason: `not in the AWS SDK for Java ${model.file.javaSdkVersion}, so the Java actions cannot read or set it` };
    if (direction === 'request')
      return { kind: 'skip', reason: 'a number whose Java type is unknown; run init where Java and Maven are installed to read it from the AWS SDK for Java' };
    return { kind: 'attribute', scalar: { type: 'Long', secret: false, sample: 'long' } };
  }
  switch (width) {
    case 'Integer':
      return { kind: 'attribute', scalar: { type: 'Integer', secret: false, sample: 'integer' } };
    case 'Long':
      return { kind: 'attribute', scalar: { type: 'Long', secret: false, sample: 'long' } };
    case 'Double':
      return { kind: 'attribute', scalar: { type: 'Decimal', secret: false, sample: 'decimal' } };
    case 'Short':
    case 'Byte':
      return direction === 'request'
        ? { kind: 'skip', reason: `a Java ${width}, which no Mendix attribute type passes to the AWS SDK` }
        : { kind: 'attribute', scalar: { type: 'Integer', secret: false, sample: 'integer' } };
    case 'Float':
      return direction === 'request'
        ? { kind: 'skip', reason: 'a Java Float, which no Mendix attribute type passes to the AWS SDK' }
        : { kind: 'attribute', scalar: { type: 'Decimal', secret: false, sample: 'decimal' } };
  }
}

/**
 * The mapping of a value of type `ref` (a member's target, or a map's value): a scalar attribute, or
 * why it cannot be one. Lists of strings become joined text.
 */
export function scalarMapping(ref: TypeRef, name: string, member: ApiMember, context: MappingContext): MemberMapping {
  const { model, direction } = context;
  const kind = model.kindOf(ref);
  const sensitive = member.sensitive === true;
  switch (kind) {
    case 'string':
      // Members taking an enum's values become Enumerations; a map's values stay text (their enum is the map member's valueEnum).
      if (member.enum !== undefined && (model.enumValues(member.enum)?.length ?? 0) > 0)
        return { kind: 'attribute', scalar: { type: 'Enumeration', apiEnum: member.enum, secret: false, sample: 'enum' } };
      return { kind: 'attribute', scalar: { type: 'String', length: stringLength(name), secret: sensitive, sample: 'string' } };
    case 'boolean':
      return { kind: 'attribute', scalar: { type: 'Boolean', secret: false, sample: 'boolean' } };
    case 'timestamp':
      return { kind: 'attribute', scalar: { type: 'DateTime', secret: false, sample: 'timestamp' } };
    case 'number':
      return numberMapping(member, model, direction);
    case 'bigDecimal':
      return { kind: 'attribute', scalar: { type: 'Decimal', secret: false, sample: 'decimal' } };
    case 'bigInteger':
      return direction === 'request'
        ? { kind: 'skip', reason: 'a big integer, which no Mendix attribute type passes to the AWS SDK' }
        : { kind: 'attribute', scalar: { type: 'Long', secret: false, sample: 'long' } };
    case 'list': {
      const item = model.listItemType(ref);
      const itemKind = item === undefined ? undefined : model.kindOf(item);
      if (itemKind !== 'string') return { kind: 'skip', reason: `a list of ${item === undefined ? 'values' : plural(describeRef(model, item))}` };
      if (direction === 'request' && !context.requestAssociations)
        return { kind: 'skip', reason: 'a list of strings, which requests cannot map in this version of the spec format' };
      const scalar: ScalarMapping = { type: 'String', length: 'unlimited', trait: 'joinList', secret: sensitive, sample: 'stringList' };
      if (member.memberEnum !== undefined && (model.enumValues(member.memberEnum)?.length ?? 0) > 0) scalar.apiEnum = member.memberEnum;
      return { kind: 'attribute', scalar };
    }
    default:
      return { kind: 'skip', reason: describeRef(model, ref) };
  }
}

function plural(description: string): string {
  return description
    .replace(/^an? /, '')
    .replace(/^binary data$/, 'binary values')
    .replace(/y$/, 'ie')
    .concat(description === 'binary data' ? '' : 's');
}

/** Whether a structure has a member that maps to an attribute: objects with nothing to show are left out. */
function structureHasAttributes(shape: string, context: MappingContext): boolean {
  return context.model.memberNames(shape).some((name) => {
    const member = context.model.member(shape, name);
    return member !== undefined && scalarMapping(member.target, name, member, { ...context, nested: true }).kind === 'attribute';
  });
}

/** Whether the entries of a map can be objects: string keys, and scalar values or structures with attributes. */
function mapEntriesMappable(ref: TypeRef, member: ApiMember, context: MappingContext): string | undefined {
  const { model } = context;
  const key = model.mapKeyType(ref);
  const value = model.mapValueType(ref);
  if (key === undefined || value === undefined || model.kindOf(key) !== 'string') return 'a map whose keys are not text';
  const valueKind = model.kindOf(value);
  if (valueKind === 'structure') return structureHasAttributes(value, context) ? undefined : 'a map of structures without plain fields';
  const scalar = scalarMapping(value, 'Value', member, { ...context, nested: true });
  if (scalar.kind !== 'attribute' || scalar.scalar.trait !== undefined) return `a map of ${plural(describeRef(model, value))}`;
  return undefined;
}

function javaClassMissing(shape: string, context: MappingContext): MemberMapping | undefined {
  if (!context.missingJavaClasses?.has(shape)) return undefined;
  const release = context.model.file.javaSdkVersion ?? '';
  return { kind: 'skip', reason: `the AWS SDK for Java ${release} names the class of ${shape} otherwise than the Java generator expects` };
}

/** How member `name` of structure `owner` maps, in the given context. */
export function memberMapping(owner: string, name: string, member: ApiMember, context: MappingContext): MemberMapping {
  const { model, direction, nested } = context;
  if (member.streaming === true || member.eventPayload === true) return { kind: 'skip', reason: 'a stream' };
  if (context.deprecated?.(owner, name)) return { kind: 'skip', reason: 'deprecated' };
  if (context.missingJavaMember?.(owner, name))
    return {
      kind: 'skip',
      reason: `not in the AWS SDK for Java ${model.file.javaSdkVersion ?? ''} under this name, so the Java actions cannot read or set it`,
    };
  const kind = model.kindOf(member.target);
  const objectsAllowed = direction === 'response' || context.requestAssociations;
  const notInRequests = 'which requests cannot map in this version of the spec format';
  switch (kind) {
    case 'structure':
      if (nested) return { kind: 'skip', reason: 'a nested structure' };
      if (!structureHasAttributes(member.target, context)) return { kind: 'skip', reason: 'a structure without plain fields' };
      if (!objectsAllowed) return { kind: 'skip', reason: `a structure, ${notInRequests}` };
      if (javaClassMissing(member.target, context)) return javaClassMissing(member.target, context) as MemberMapping;
      return { kind: 'objects', container: 'single', shape: member.target };
    case 'list': {
      const item = model.listItemType(member.target);
      if (item !== undefined && model.kindOf(item) === 'structure') {
        if (nested) return { kind: 'skip', reason: 'a nested list' };
        if (!structureHasAttributes(item, context)) return { kind: 'skip', reason: 'a list of structures without plain fields' };
        if (!objectsAllowed) return { kind: 'skip', reason: `a list of structures, ${notInRequests}` };
        if (javaClassMissing(item, context)) return javaClassMissing(item, context) as MemberMapping;
        return { kind: 'objects', container: 'list', shape: item };
      }
      return scalarMapping(member.target, name, member, context);
    }
    case 'map': {
      if (nested) return { kind: 'skip', reason: 'a nested map' };
      const problem = mapEntriesMappable(member.target, member, context);
      if (problem !== undefined) return { kind: 'skip', reason: problem };
      if (!objectsAllowed) return { kind: 'skip', reason: `a map, ${notInRequests}` };
      const value = model.mapValueType(member.target);
      if (value !== undefined && javaClassMissing(value, context)) return javaClassMissing(value, context) as MemberMapping;
      return { kind: 'objects', container: 'map', shape: member.target };
    }
    default:
      return scalarMapping(member.target, name, member, context);
  }
}
