/**
 * Extracts a machine-readable description of the AWS Lambda API from the installed AWS SDK for
 * JavaScript v3 (`@aws-sdk/client-lambda`), for the spec validator.
 *
 * SOURCES
 *   - Operations and shapes: the SDK's runtime schema objects. `@aws-sdk/client-lambda` exports them
 *     (`ListFunctions$`, `InvocationRequest$`, ...); they are plain arrays in the compact "static
 *     schema" encoding of `@smithy/core/schema`, decoded below (see SCHEMA ENCODING).
 *   - Enumerations: the runtime objects the SDK exports (`InvocationType`, `Runtime`, ...), whose
 *     names are taken from `dist-types/models/enums.d.ts`.
 *   - Which member takes which enumeration: the TypeScript declarations of the models
 *     (`dist-types/models/models_0.d.ts`, `errors.d.ts`), read with the TypeScript compiler API. The
 *     runtime schema types every enum as a plain string.
 *   - Errors of each operation: the `@throws {@link X}` lines of `dist-types/commands/<Op>Command.d.ts`.
 *     The runtime schema registers errors for the whole service, not per operation.
 *   - Paginators: the `createPaginator(..., "<inputToken>", "<outputToken>", "<pageSize>")` calls of
 *     `dist-es/pagination/*Paginator.js`; the token names are not reachable at runtime.
 *
 * OUTPUT FORMAT (spec/api/aws-lambda.api.json; every object's keys are sorted)
 *   {
 *     "formatVersion": 1, "service": "lambda", "sdkId": "Lambda", "protocol": "restJson1", "namespace": "com.amazonaws.lambda",
 *     "sdkPackage": "@aws-sdk/client-lambda", "sdkVersion": "3.x.y",
 *     "operations": {
 *       "<Operation>": {
 *         "http": { "method": "GET", "path": "/2015-03-31/functions", "code": 200 },
 *         "input": "<structure name>", "output": "<structure name>" | "unit",
 *         "errors": ["<error structure name>", ...],                       // sorted
 *         "paginator": { "inputToken": "Marker", "outputToken": "NextMarker", "pageSize": "MaxItems" },
 *         "hostPrefix": "..."                                              // only when present
 *       } },
 *     "shapes": {
 *       "<Name>": { "type": "structure", "members": { "<Member>": <member> },
 *                   "error": "client" | "server", "httpStatus": 404 },     // last two: errors only
 *       "<Name>": { "type": "union", "members": {...}, "streaming": true },  // streaming: event streams
 *       "<Name>": { "type": "list", "member": <type ref>, "memberSensitive": true },
 *       "<Name>": { "type": "map", "key": <type ref>, "value": <type ref>,
 *                   "sensitive"/"keySensitive"/"valueSensitive": true } },
 *     "enums": { "<EnumName>": ["<wire value>", ...] }                     // values sorted
 *   }
 *   <member> = { "target": <type ref>, "type": <kind of target>,
 *                "required": true|false (structure members only),
 *                "location": "uri"|"query"|"queryParams"|"header"|"prefixHeaders"|"payload"|"statusCode",
 *                "locationName": "<label, query parameter or header name>",
 *                "enum" | "memberEnum" | "keyEnum" | "valueEnum": "<EnumName>",
 *                "sensitive" | "streaming" | "idempotencyToken" | "eventPayload": true,
 *                "timestampFormat": "date-time"|"http-date"|"epoch-seconds", "jsonName": "..." }
 *     Optional keys are left out when they do not apply (a missing "location" means the JSON body).
 *   <type ref> = a simple type: string | boolean | number | bigInteger | bigDecimal | timestamp | blob
 *                | document; or the name of a shape in "shapes"; or an anonymous collection that the
 *                SDK encodes without a name: "list<T>" or "map<string,T>" (T is then a simple type).
 *   <kind> = one of the simple types, or structure | union | list | map.
 *
 * WHAT THE SDK DOES NOT CARRY (and this file therefore cannot record)
 *   - integer / long / short / byte / float / double: all are one "numeric" code at runtime and
 *     `number` in the TypeScript declarations, so every one of them is recorded as `number`.
 *   - Enum constraints in the schema: enums are plain strings there; the link comes from the d.ts.
 *   - Names of simple shapes (`FunctionName`, `Arn`, ...) and their constraints (length, pattern,
 *     range): the schema keeps a named simple shape only when it carries a trait (e.g. `sensitive`);
 *     such shapes are flattened into their simple type and the trait is copied onto the member.
 *   - Names of lists and maps of simple values (`ArchitecturesList`, `Tags`): encoded as bare codes,
 *     hence the anonymous `list<T>` / `map<string,T>` references.
 *   - Documentation, default values, deprecation, the `items` member of paginators.
 *   - `xmlName` traits are dropped: Lambda speaks REST-JSON, where they have no effect.
 *
 * SCHEMA ENCODING (@smithy/core/schema, @smithy/types static-schemas.d.ts)
 *   A schema reference is a number (simple type code), the string "unit", a function returning a
 *   schema (lazy reference), a static schema array, or a member wrapper `[ref, traits]` (length 2).
 *   Static schema arrays: [0, ns, name, traits, ref] simple shape with traits;
 *     [1, ns, name, traits, memberRef] list; [2, ns, name, traits, keyRef, valueRef] map;
 *     [3, ns, name, traits, memberNames, memberRefs, requiredCount?] structure; -3 error (same layout);
 *     [4, ...] union (same layout, no required count); [9, ns, name, traits, inputRef, outputRef] operation.
 *   The required members of a structure are its first `requiredCount` members.
 *   Simple codes: 0 string (and string enums), 1 numeric, 2 boolean, 4 timestamp (protocol default),
 *     5 date-time, 6 http-date, 7 epoch-seconds timestamps, 15 document, 17 bigInteger,
 *     19 bigDecimal, 21 blob, 42 streaming blob; `64 | c` is a list of c, `128 | c` a map string -> c.
 *   Traits are an object, or a bit vector: 1 httpLabel, 2 idempotent, 4 idempotencyToken,
 *     8 sensitive, 16 httpPayload, 32 httpResponseCode, 64 httpQueryParams.
 *     Object traits understood: http [method, uri, code], httpQuery, httpHeader, httpPrefixHeaders,
 *     error, httpError, streaming, eventPayload, xmlName, jsonName, endpoint [hostPrefix].
 *   An unknown kind, code or trait makes the extraction fail, so an SDK upgrade that changes the
 *   encoding cannot go unnoticed.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import * as lambdaSdk from '@aws-sdk/client-lambda';
import {
  SIMPLE_TYPE_NAMES,
  type ApiListShape,
  type ApiMapShape,
  type ApiMember,
  type ApiModelFile,
  type ApiOperation,
  type ApiPaginator,
  type ApiProtocol,
  type ApiShape,
  type ApiStructureShape,
  type ApiUnionShape,
  type MemberLocation,
  type SimpleTypeName,
  type TimestampFormat,
  type TypeRef,
  type ValueKind,
} from './api-model-types.js';
import { isRecord } from '../spec/is-record.js';

export const LAMBDA_SDK_PACKAGE = '@aws-sdk/client-lambda';
const LAMBDA_NAMESPACE = 'com.amazonaws.lambda';

// ---------------------------------------------------------------------------------------------
// Installed SDK files

const requireHere = createRequire(import.meta.url);

/** Folder of the installed `@aws-sdk/client-lambda` package. */
export function lambdaSdkDir(): string {
  return dirname(requireHere.resolve(`${LAMBDA_SDK_PACKAGE}/package.json`));
}

export function lambdaSdkVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(join(lambdaSdkDir(), 'package.json'), 'utf8'));
  const version = isRecord(pkg) ? pkg['version'] : undefined;
  if (typeof version !== 'string') throw new Error(`${LAMBDA_SDK_PACKAGE}/package.json has no version.`);
  return version;
}

/** The JavaScript SDK's protocol classes, by the Smithy protocol they implement. */
const PROTOCOL_CLASSES: Record<string, ApiProtocol> = {
  AwsRestJsonProtocol: 'restJson1',
  AwsJson1_0Protocol: 'awsJson1_0',
  AwsJson1_1Protocol: 'awsJson1_1',
  AwsQueryProtocol: 'awsQuery',
  AwsRestXmlProtocol: 'restXml',
  AwsEc2QueryProtocol: 'ec2Query',
};

/** The wire protocol: the protocol class the client configures by default. */
export function lambdaProtocol(): ApiProtocol {
  const match = /protocol: config\?\.protocol \?\? (\w+)/.exec(readSdkFile('dist-cjs', 'index.js'));
  const protocol = match?.[1] === undefined ? undefined : PROTOCOL_CLASSES[match[1]];
  if (!protocol) throw new Error(`${LAMBDA_SDK_PACKAGE}: no known protocol class in dist-cjs/index.js (${match?.[1] ?? 'none'}).`);
  return protocol;
}

/** The service's sdkId, as the client's shared runtime configuration names it (`serviceId`). */
export function lambdaSdkId(): string {
  const match = /serviceId: config\?\.serviceId \?\? "([^"]+)"/.exec(readSdkFile('dist-cjs', 'index.js'));
  if (!match?.[1]) throw new Error(`${LAMBDA_SDK_PACKAGE}: no serviceId in dist-cjs/index.js.`);
  return match[1];
}

function readSdkFile(...parts: string[]): string {
  return readFileSync(join(lambdaSdkDir(), ...parts), 'utf8');
}

// ---------------------------------------------------------------------------------------------
// Schema decoding

export type Traits = Record<string, unknown>;

const TRAIT_BITS = ['httpLabel', 'idempotent', 'idempotencyToken', 'sensitive', 'httpPayload', 'httpResponseCode', 'httpQueryParams'] as const;

/** Every trait this extractor understands; any other one stops the extraction. */
const KNOWN_TRAITS = new Set<string>([
  ...TRAIT_BITS,
  'http',
  'httpQuery',
  'httpHeader',
  'httpPrefixHeaders',
  'error',
  'httpError',
  'streaming',
  'eventPayload',
  'xmlName',
  'jsonName',
  'endpoint',
]);

export function decodeTraits(raw: unknown, where: string): Traits {
  if (raw === undefined || raw === null || raw === 0) return {};
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw) || raw < 0 || raw >= 1 << TRAIT_BITS.length) {
      throw new Error(`${where}: unknown trait bits ${raw}.`);
    }
    const traits: Traits = {};
    TRAIT_BITS.forEach((name, bit) => {
      if ((raw >> bit) & 1) traits[name] = 1;
    });
    return traits;
  }
  if (isRecord(raw)) {
    for (const key of Object.keys(raw)) {
      if (!KNOWN_TRAITS.has(key)) throw new Error(`${where}: unknown trait "${key}"; teach extract-lambda-api.ts what it means.`);
    }
    return { ...raw };
  }
  throw new Error(`${where}: traits must be a number or an object, not ${JSON.stringify(raw)}.`);
}

const SIMPLE_CODES: Record<number, { type: SimpleTypeName; streaming?: boolean; timestampFormat?: TimestampFormat }> = {
  0: { type: 'string' },
  1: { type: 'number' },
  2: { type: 'boolean' },
  4: { type: 'timestamp' },
  5: { type: 'timestamp', timestampFormat: 'date-time' },
  6: { type: 'timestamp', timestampFormat: 'http-date' },
  7: { type: 'timestamp', timestampFormat: 'epoch-seconds' },
  15: { type: 'document' },
  17: { type: 'bigInteger' },
  19: { type: 'bigDecimal' },
  21: { type: 'blob' },
  42: { type: 'blob', streaming: true },
};

const LIST_MODIFIER = 0b0100_0000;
const MAP_MODIFIER = 0b1000_0000;

function simpleCode(code: number, where: string): SimpleTypeName {
  const simple = SIMPLE_CODES[code];
  if (!simple) throw new Error(`${where}: unknown schema code ${code}.`);
  return simple.type;
}

/** A schema reference resolved to what a member needs: its type, plus traits its target carries. */
interface ResolvedType {
  ref: TypeRef;
  kind: ValueKind | 'unit';
  sensitive: boolean;
  streaming: boolean;
  timestampFormat?: TimestampFormat;
}

type StaticSchema = unknown[];

function isStaticSchema(value: unknown): value is StaticSchema {
  return Array.isArray(value) && value.length >= 5;
}

function isMemberWrapper(value: unknown): value is [unknown, unknown] {
  return Array.isArray(value) && value.length === 2;
}

function deref(ref: unknown): unknown {
  return typeof ref === 'function' ? (ref as () => unknown)() : ref;
}

/** Unwraps `[ref, traits]` member wrappers (possibly nested), merging their traits outermost last. */
function unwrapMember(ref: unknown, where: string): { target: unknown; traits: Traits } {
  const stack: unknown[] = [];
  let current = deref(ref);
  while (isMemberWrapper(current)) {
    stack.push(current[1]);
    current = deref(current[0]);
  }
  const traits: Traits = {};
  for (let i = stack.length - 1; i >= 0; i--) Object.assign(traits, decodeTraits(stack[i], where));
  return { target: current, traits };
}

function schemaName(schema: StaticSchema, where: string): string {
  const ns = schema[1];
  const name = schema[2];
  if (typeof ns !== 'string' || typeof name !== 'string') throw new Error(`${where}: schema without namespace and name.`);
  if (ns !== LAMBDA_NAMESPACE) throw new Error(`${where}: shape ${ns}#${name} is outside ${LAMBDA_NAMESPACE}.`);
  return name;
}

function stringArray(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
    throw new Error(`${where}: expected a list of member names.`);
  }
  return value;
}

/** Decodes static schemas into named shapes (collected in `shapes`) and type references. */
export class SchemaWalker {
  readonly shapes = new Map<string, ApiShape>();
  /** The schema array each shape name was built from, to detect two different shapes with one name. */
  private readonly origins = new Map<string, StaticSchema>();

  /** Resolves any schema reference (not a member wrapper) to a type reference. */
  resolve(ref: unknown, where: string): ResolvedType {
    const schema = deref(ref);
    if (schema === 'unit') return { ref: 'unit', kind: 'unit', sensitive: false, streaming: false };
    if (typeof schema === 'number') return this.resolveCode(schema, where);
    if (isMemberWrapper(schema)) throw new Error(`${where}: unexpected member wrapper.`);
    if (!isStaticSchema(schema)) throw new Error(`${where}: unrecognized schema ${JSON.stringify(schema)}.`);
    const kind = schema[0];
    const name = schemaName(schema, where);
    switch (kind) {
      case 0: {
        // A named simple shape that carries traits: flatten it into its simple type.
        const traits = decodeTraits(schema[3], `${where} (${name})`);
        const inner = this.resolve(schema[4], `${where} (${name})`);
        return {
          ...inner,
          sensitive: inner.sensitive || traits['sensitive'] !== undefined,
          streaming: inner.streaming || traits['streaming'] !== undefined,
        };
      }
      case 1:
      case 2:
      case 3:
      case -3:
      case 4:
        this.register(name, schema);
        return {
          ref: name,
          kind: kind === 1 ? 'list' : kind === 2 ? 'map' : kind === 4 ? 'union' : 'structure',
          sensitive: false,
          streaming: false,
        };
      default:
        throw new Error(`${where}: schema ${name} has unknown kind ${String(kind)}.`);
    }
  }

  private resolveCode(code: number, where: string): ResolvedType {
    if (code >= MAP_MODIFIER && code < 2 * MAP_MODIFIER) {
      return { ref: `map<string,${simpleCode(code & 0b0011_1111, where)}>`, kind: 'map', sensitive: false, streaming: false };
    }
    if (code >= LIST_MODIFIER && code < MAP_MODIFIER) {
      return { ref: `list<${simpleCode(code & 0b0011_1111, where)}>`, kind: 'list', sensitive: false, streaming: false };
    }
    const simple = SIMPLE_CODES[code];
    if (!simple) throw new Error(`${where}: unknown schema code ${code}.`);
    const resolved: ResolvedType = { ref: simple.type, kind: simple.type, sensitive: false, streaming: simple.streaming === true };
    if (simple.timestampFormat) resolved.timestampFormat = simple.timestampFormat;
    return resolved;
  }

  /** Builds the shape of a named list, map, structure, error or union, once. */
  register(name: string, schema: StaticSchema): void {
    const seen = this.origins.get(name);
    if (seen) {
      if (seen !== schema) throw new Error(`Two different schemas are named ${name}.`);
      return;
    }
    if ((SIMPLE_TYPE_NAMES as readonly string[]).includes(name) || name === 'unit' || /[<>,]/.test(name)) {
      throw new Error(`Shape name ${name} clashes with the type reference syntax.`);
    }
    this.origins.set(name, schema);
    const kind = schema[0];
    const traits = decodeTraits(schema[3], name);
    if (kind === 1) {
      const element = this.memberOf(schema[4], `${name}.member`, false);
      const shape: ApiListShape = { type: 'list', member: element.target };
      if (element.sensitive) shape.memberSensitive = true;
      this.shapes.set(name, shape);
    } else if (kind === 2) {
      const key = this.memberOf(schema[4], `${name}.key`, false);
      const value = this.memberOf(schema[5], `${name}.value`, false);
      const shape: ApiMapShape = { type: 'map', key: key.target, value: value.target };
      if (traits['sensitive'] !== undefined) shape.sensitive = true;
      if (key.sensitive) shape.keySensitive = true;
      if (value.sensitive) shape.valueSensitive = true;
      this.shapes.set(name, shape);
    } else if (kind === 3 || kind === -3 || kind === 4) {
      const memberNames = stringArray(schema[4], name);
      const memberRefs = schema[5];
      if (!Array.isArray(memberRefs) || memberRefs.length !== memberNames.length) {
        throw new Error(`${name}: member names and member schemas differ in number.`);
      }
      const requiredCount = schema[6] ?? 0;
      if (typeof requiredCount !== 'number') throw new Error(`${name}: required member count is not a number.`);
      const members: Record<string, ApiMember> = {};
      // Register the shape before visiting its members, so that recursive shapes terminate.
      if (kind === 4) {
        const shape: ApiUnionShape = { type: 'union', members };
        if (traits['streaming'] !== undefined) shape.streaming = true;
        this.shapes.set(name, shape);
      } else {
        const shape: ApiStructureShape = { type: 'structure', members };
        if (kind === -3) {
          const fault = traits['error'];
          const status = traits['httpError'];
          if (fault !== 'client' && fault !== 'server') throw new Error(`${name}: error without client/server fault.`);
          shape.error = fault;
          if (typeof status === 'number') shape.httpStatus = status;
        }
        this.shapes.set(name, shape);
      }
      memberNames.forEach((memberName, i) => {
        const member = this.memberOf(memberRefs[i], `${name}.${memberName}`, true);
        if (kind !== 4) member.required = i < requiredCount;
        members[memberName] = member;
      });
    } else {
      throw new Error(`${name}: kind ${String(kind)} cannot be a shape.`);
    }
  }

  /** Describes one member (of a structure, union, list or map) from its schema reference. */
  memberOf(ref: unknown, where: string, withBinding: boolean): ApiMember {
    const { target, traits } = unwrapMember(ref, where);
    const resolved = this.resolve(target, where);
    if (resolved.kind === 'unit') throw new Error(`${where}: a member cannot be unit.`);
    const member: ApiMember = { target: resolved.ref, type: resolved.kind };
    if (withBinding) {
      const bindings: Array<[MemberLocation, string | undefined]> = [];
      const memberName = where.slice(where.lastIndexOf('.') + 1);
      if (traits['httpLabel'] !== undefined) bindings.push(['uri', memberName]);
      if (typeof traits['httpQuery'] === 'string') bindings.push(['query', traits['httpQuery']]);
      if (traits['httpQueryParams'] !== undefined) bindings.push(['queryParams', undefined]);
      if (typeof traits['httpHeader'] === 'string') bindings.push(['header', traits['httpHeader']]);
      if (typeof traits['httpPrefixHeaders'] === 'string') bindings.push(['prefixHeaders', traits['httpPrefixHeaders']]);
      if (traits['httpPayload'] !== undefined) bindings.push(['payload', undefined]);
      if (traits['httpResponseCode'] !== undefined) bindings.push(['statusCode', undefined]);
      if (bindings.length > 1) throw new Error(`${where}: more than one HTTP binding.`);
      const binding = bindings[0];
      if (binding) {
        member.location = binding[0];
        if (binding[1] !== undefined) member.locationName = binding[1];
      }
      if (typeof traits['jsonName'] === 'string') member.jsonName = traits['jsonName'];
    }
    if (resolved.sensitive || traits['sensitive'] !== undefined) member.sensitive = true;
    if (resolved.streaming || traits['streaming'] !== undefined) member.streaming = true;
    if (traits['idempotencyToken'] !== undefined) member.idempotencyToken = true;
    if (traits['eventPayload'] !== undefined) member.eventPayload = true;
    if (resolved.timestampFormat) member.timestampFormat = resolved.timestampFormat;
    return member;
  }
}

// ---------------------------------------------------------------------------------------------
// TypeScript declarations: enum names, member -> enum links, operation errors

function parseDeclarations(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
}

/** Names of the string enumerations declared in `dist-types/models/enums.d.ts`. */
export function declaredEnumNames(): string[] {
  const source = parseDeclarations('enums.d.ts', readSdkFile('dist-types', 'models', 'enums.d.ts'));
  const names: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name)) names.push(declaration.name.text);
    }
  }
  return names.sort();
}

/** The enumerations, with their wire values taken from the SDK's runtime objects. */
function extractEnums(sdk: Record<string, unknown>): Record<string, string[]> {
  const enums: Record<string, string[]> = {};
  for (const name of declaredEnumNames()) {
    const value = sdk[name];
    if (!isRecord(value)) throw new Error(`The SDK declares enum ${name} but exports no object of that name.`);
    const values = Object.values(value);
    if (values.length === 0 || !values.every((v): v is string => typeof v === 'string')) {
      throw new Error(`Enum ${name} is not an object of strings.`);
    }
    enums[name] = [...new Set(values)].sort();
  }
  return enums;
}

type EnumLink = Pick<ApiMember, 'enum' | 'memberEnum' | 'keyEnum' | 'valueEnum'>;

/**
 * For every interface (models) and class (errors) of the declarations, the members whose type names
 * an enumeration: `E`, `E[]`, `Record<E, V>` / `Partial<Record<E, V>>` (key) or `Record<string, E>` (value).
 */
export function declaredEnumLinks(enumNames: ReadonlySet<string>): Map<string, Map<string, EnumLink>> {
  const links = new Map<string, Map<string, EnumLink>>();
  const modelsDir = join(lambdaSdkDir(), 'dist-types', 'models');
  const files = readdirSync(modelsDir)
    .filter((f) => /^models_\d+\.d\.ts$/.test(f) || f === 'errors.d.ts')
    .sort();
  for (const file of files) {
    const source = parseDeclarations(file, readSdkFile('dist-types', 'models', file));
    for (const statement of source.statements) {
      if (!(ts.isInterfaceDeclaration(statement) || ts.isClassDeclaration(statement)) || !statement.name) continue;
      const owner = statement.name.text;
      for (const element of statement.members) {
        if (!(ts.isPropertySignature(element) || ts.isPropertyDeclaration(element)) || !element.type) continue;
        if (!ts.isIdentifier(element.name)) continue;
        const link = enumLinkOf(element.type, enumNames, `${file}: ${owner}.${element.name.text}`);
        if (!link) continue;
        let ownerLinks = links.get(owner);
        if (!ownerLinks) links.set(owner, (ownerLinks = new Map()));
        ownerLinks.set(element.name.text, link);
      }
    }
  }
  return links;
}

function enumLinkOf(type: ts.TypeNode, enumNames: ReadonlySet<string>, where: string): EnumLink | undefined {
  let node = type;
  if (ts.isUnionTypeNode(node)) {
    const rest = node.types.filter((t) => !(t.kind === ts.SyntaxKind.UndefinedKeyword));
    if (rest.length !== 1) return mentionsEnum(node, enumNames, where);
    node = rest[0] as ts.TypeNode;
  }
  const enumName = (t: ts.TypeNode | undefined): string | undefined =>
    t && ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && enumNames.has(t.typeName.text) && !t.typeArguments ? t.typeName.text : undefined;
  const direct = enumName(node);
  if (direct) return { enum: direct };
  if (ts.isArrayTypeNode(node)) {
    const element = enumName(node.elementType);
    if (element) return { memberEnum: element };
  }
  if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
    let record: ts.TypeNode = node;
    if (node.typeName.text === 'Partial' && node.typeArguments?.length === 1) record = node.typeArguments[0] as ts.TypeNode;
    if (ts.isTypeReferenceNode(record) && ts.isIdentifier(record.typeName) && record.typeName.text === 'Record' && record.typeArguments?.length === 2) {
      const key = enumName(record.typeArguments[0]);
      const value = enumName(record.typeArguments[1]);
      if (key || value) {
        const link: EnumLink = {};
        if (key) link.keyEnum = key;
        if (value) link.valueEnum = value;
        return link;
      }
    }
  }
  return mentionsEnum(node, enumNames, where);
}

/** Fails when a type this module cannot read still names an enumeration, rather than drop the link. */
function mentionsEnum(node: ts.TypeNode, enumNames: ReadonlySet<string>, where: string): undefined {
  let found: string | undefined;
  const visit = (n: ts.Node): void => {
    if (ts.isTypeReferenceNode(n) && ts.isIdentifier(n.typeName) && enumNames.has(n.typeName.text)) found = n.typeName.text;
    ts.forEachChild(n, visit);
  };
  visit(node);
  if (found) throw new Error(`${where}: type names enum ${found} in a form extract-lambda-api.ts does not understand.`);
  return undefined;
}

/** The error names listed by `@throws {@link X}` in the command's declaration file. */
export function declaredOperationErrors(operation: string): string[] {
  const text = readSdkFile('dist-types', 'commands', `${operation}Command.d.ts`);
  const names = new Set<string>();
  for (const match of text.matchAll(/@throws\s+\{@link\s+(\w+)\}/g)) names.add(match[1] as string);
  return [...names].sort();
}

/** Paginator token names per operation, from `dist-es/pagination/*Paginator.js`. */
export function declaredPaginators(): Map<string, ApiPaginator> {
  const dir = join(lambdaSdkDir(), 'dist-es', 'pagination');
  const paginators = new Map<string, ApiPaginator>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('Paginator.js'))
    .sort()) {
    const text = readFileSync(join(dir, file), 'utf8');
    const match = /createPaginator\(\s*\w+\s*,\s*(\w+)Command\s*,\s*"([^"]+)"\s*,\s*"([^"]+)"\s*(?:,\s*"([^"]+)"\s*)?\)/.exec(text);
    if (!match) throw new Error(`pagination/${file}: no createPaginator(...) call found.`);
    const [, operation, inputToken, outputToken, pageSize] = match as unknown as [string, string, string, string, string | undefined];
    const paginator: ApiPaginator = { inputToken, outputToken };
    if (pageSize !== undefined) paginator.pageSize = pageSize;
    paginators.set(operation, paginator);
  }
  return paginators;
}

// ---------------------------------------------------------------------------------------------
// Extraction

/** Builds the normalized description of every Lambda operation from the installed SDK. */
export function extractLambdaApi(): ApiModelFile {
  const sdk = lambdaSdk as unknown as Record<string, unknown>;
  const walker = new SchemaWalker();
  const operations: Record<string, ApiOperation> = {};
  const exportNames = Object.keys(sdk)
    .filter((k) => k.endsWith('$'))
    .sort();

  for (const exportName of exportNames) {
    const schema = sdk[exportName];
    if (!isStaticSchema(schema)) continue;
    // The synthetic base error (LambdaServiceException) lives in the SDK's own namespace.
    if (schema[1] !== LAMBDA_NAMESPACE) continue;
    if (schema[0] !== 9) {
      walker.resolve(schema, exportName);
      continue;
    }
    const name = schemaName(schema, exportName);
    const traits = decodeTraits(schema[3], name);
    const http = traits['http'];
    if (!Array.isArray(http) || typeof http[0] !== 'string' || typeof http[1] !== 'string' || typeof http[2] !== 'number') {
      throw new Error(`${name}: operation without an http trait [method, path, code].`);
    }
    const input = walker.resolve(schema[4], `${name} input`);
    const output = walker.resolve(schema[5], `${name} output`);
    if (input.kind !== 'structure') throw new Error(`${name}: input is not a structure.`);
    if (output.kind !== 'structure' && output.kind !== 'unit') throw new Error(`${name}: output is not a structure.`);
    const operation: ApiOperation = {
      http: { method: http[0], path: http[1], code: http[2] },
      input: input.ref,
      output: output.ref,
      errors: [],
    };
    const endpoint = traits['endpoint'];
    if (Array.isArray(endpoint) && typeof endpoint[0] === 'string') operation.hostPrefix = endpoint[0];
    operations[name] = operation;
  }

  const shapes = walker.shapes;
  for (const [name, operation] of Object.entries(operations)) {
    operation.errors = declaredOperationErrors(name).filter((e) => e !== 'LambdaServiceException');
    for (const error of operation.errors) {
      const shape = shapes.get(error);
      if (shape?.type !== 'structure' || !shape.error) throw new Error(`${name}: documented error ${error} is not an error shape.`);
    }
  }

  for (const [name, paginator] of declaredPaginators()) {
    const operation = operations[name];
    if (!operation) throw new Error(`Paginator for unknown operation ${name}.`);
    const input = shapes.get(operation.input);
    const output = shapes.get(operation.output);
    const has = (shape: ApiShape | undefined, member: string | undefined) => member === undefined || (shape?.type === 'structure' && member in shape.members);
    if (!has(input, paginator.inputToken) || !has(output, paginator.outputToken) || !has(input, paginator.pageSize)) {
      throw new Error(`Paginator of ${name} names tokens its input or output lacks.`);
    }
    operation.paginator = paginator;
  }

  const enums = extractEnums(sdk);
  const links = declaredEnumLinks(new Set(Object.keys(enums)));
  for (const [owner, members] of links) {
    const shape = shapes.get(owner);
    if (!shape) continue; // A declaration without a schema (e.g. a command's input alias): nothing to link.
    if (shape.type !== 'structure' && shape.type !== 'union') throw new Error(`${owner}: enum links on a ${shape.type}.`);
    for (const [memberName, link] of members) {
      const member = shape.members[memberName];
      if (!member) throw new Error(`${owner}.${memberName} is declared with an enum type but the schema has no such member.`);
      if (link.enum && member.type !== 'string') throw new Error(`${owner}.${memberName}: enum on a ${member.type}.`);
      if (link.memberEnum && member.type !== 'list') throw new Error(`${owner}.${memberName}: element enum on a ${member.type}.`);
      if ((link.keyEnum || link.valueEnum) && member.type !== 'map') throw new Error(`${owner}.${memberName}: map enum on a ${member.type}.`);
      Object.assign(member, link);
    }
  }

  return {
    formatVersion: 1,
    service: 'lambda',
    sdkId: lambdaSdkId(),
    protocol: lambdaProtocol(),
    namespace: LAMBDA_NAMESPACE,
    sdkPackage: LAMBDA_SDK_PACKAGE,
    sdkVersion: lambdaSdkVersion(),
    operations,
    shapes: Object.fromEntries(shapes),
    enums,
  };
}

/** The file text: JSON with every object's keys sorted, two-space indented, ending in a newline. */
export function serializeApiModel(model: ApiModelFile): string {
  return `${JSON.stringify(sortKeys(model), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isRecord(value)) {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) sorted[key] = sortKeys(value[key]);
    return sorted;
  }
  return value;
}
