/**
 * Extracts a machine-readable description of an AWS service's API from its installed AWS SDK for
 * JavaScript v3 package (`@aws-sdk/client-<service>`), whatever protocol the service speaks
 * (restJson1, awsJson1_0, awsJson1_1, awsQuery, restXml, ec2Query). The spec validator and the
 * emitters read the result (`lambda-api.ts`); `java-number-types.ts` may add the Java number widths.
 *
 * The package is loaded by name at run time from the project root, so any installed client works
 * without this file importing it.
 *
 * SOURCES
 *   - Operations and shapes: the package's runtime schema objects. It exports them (`ListFunctions$`,
 *     `InvocationRequest$`, ...); they are plain arrays in the compact "static schema" encoding of
 *     `@smithy/core/schema`, decoded below (see SCHEMA ENCODING).
 *   - The client class and the command classes: the package's exports. The client is the export
 *     whose direct base class is the exported `__Client`; each command is the exported class whose
 *     instances carry an operation schema (`new XCommand({}).schema`), so no name is built by rule.
 *   - Protocol, sdkId, API version, awsJson target prefix, XML namespace, awsQueryCompatible: the
 *     defaults of the client's runtime configuration in the package's main file (`dist-cjs/index.js`),
 *     read with the TypeScript parser: `protocol: config?.protocol ?? <Class>`,
 *     `protocolSettings: config?.protocolSettings ?? { version, serviceTarget, xmlNamespace, ... }`,
 *     `serviceId: config?.serviceId ?? "<sdkId>"`. The protocol class is loaded and its class chain
 *     compared with the protocol classes of `@aws-sdk/core/protocols` (S3's `S3RestXmlProtocol`
 *     derives from `AwsRestXmlProtocol`).
 *   - The `httpChecksum` trait's settings: the schema only marks the operation ("-"); the settings are
 *     the `getFlexibleChecksumsPlugin(config, {...})` call of the command's middleware in the main file.
 *   - Enumerations: the runtime objects the package exports (`InvocationType`, `Runtime`, ...), whose
 *     names are taken from `dist-types/models/enums.d.ts` (absent when the service has none).
 *   - Which member takes which enumeration: the TypeScript declarations of the models
 *     (`dist-types/models/models_<n>.d.ts`, `errors.d.ts`), read with the TypeScript compiler API. The
 *     runtime schema types every enum as a plain string.
 *   - Errors of each operation: the `@throws {@link X}` lines of `dist-types/commands/<Command>.d.ts`.
 *     The runtime schema registers errors for the whole service, not per operation.
 *   - Paginators: the `export const <paginateX> = createPaginator(<Client>, <Command>, "<inputToken>",
 *     "<outputToken>", "<pageSize>")` lines of `dist-es/pagination/*Paginator.js`; the token names
 *     are not reachable at run time. The function name is checked against the exports.
 *
 * OUTPUT FORMAT (spec/api/aws-lambda.api.json; every object's keys are sorted; types in api-model-types.ts)
 *   {
 *     "formatVersion": 1, "service": "lambda", "sdkId": "Lambda", "protocol": "restJson1",
 *     "namespace": "com.amazonaws.lambda", "sdkPackage": "@aws-sdk/client-lambda", "sdkVersion": "3.x.y",
 *     "jsClient": "LambdaClient", "apiVersion": "2015-03-31",
 *     "jsonTargetPrefix": "AmazonSQS",                                     // awsJson protocols only
 *     "xmlNamespace": "http://...", "awsQueryCompatible": true,            // only when the SDK has them
 *     "javaSdkVersion": "2.x.y",                                           // only with Java number types
 *     "operations": {
 *       "<Operation>": {
 *         "http": { "method": "GET", "path": "/2015-03-31/functions", "code": 200 },
 *                  // awsJson / awsQuery / ec2Query: { "method": "POST", "path": "/", "code": 200 }
 *         "input": "<structure name>", "output": "<structure name>" | "unit",
 *         "errors": ["<error structure name>", ...],                       // sorted
 *         "jsCommand": "ListFunctionsCommand",
 *         "paginator": { "inputToken": "Marker", "outputToken": "NextMarker", "pageSize": "MaxItems",
 *                        "jsFunction": "paginateListFunctions" },
 *         "hostPrefix": "...",                                             // only when present
 *         "httpChecksum": { "requestChecksumRequired": true, "requestAlgorithmMember": "ChecksumAlgorithm",
 *                           "requestValidationModeMember": "...", "responseAlgorithms": [...] }
 *       } },
 *     "shapes": {
 *       "<Name>": { "type": "structure", "members": { "<Member>": <member> },
 *                   "error": "client" | "server", "httpStatus": 404,       // errors only
 *                   "awsQueryError": { "code": "...", "httpStatus": 400 },  // errors only
 *                   "xmlName": "...", "xmlNamespace": <xml namespace> },
 *       "<Name>": { "type": "union", "members": {...}, "streaming": true },  // streaming: event streams
 *       "<Name>": { "type": "list", "member": <type ref>, "memberSensitive": true,
 *                   "memberXmlName": "...", "memberXmlNamespace": <xml namespace> },
 *       "<Name>": { "type": "map", "key": <type ref>, "value": <type ref>,
 *                   "sensitive"/"keySensitive"/"valueSensitive": true, "keyXmlName"/"valueXmlName": "..." } },
 *     "enums": { "<EnumName>": ["<wire value>", ...] }                     // values sorted
 *   }
 *   <member> = { "target": <type ref>, "type": <kind of target>,
 *                "required": true|false (structure members only),
 *                "location": "uri"|"query"|"queryParams"|"header"|"prefixHeaders"|"payload"|"statusCode",
 *                "locationName": "<label, query parameter or header name>",
 *                "enum" | "memberEnum" | "keyEnum" | "valueEnum": "<EnumName>",
 *                "sensitive" | "streaming" | "idempotencyToken" | "eventPayload" | "hostLabel": true,
 *                "xmlAttribute" | "xmlFlattened": true, "xmlName" | "ec2QueryName" | "jsonName" | "mediaType": "...",
 *                "xmlNamespace": <xml namespace>,
 *                "timestampFormat": "date-time"|"http-date"|"epoch-seconds",
 *                "javaNumber": "Integer"|"Long"|"Short"|"Byte"|"Float"|"Double" (java-number-types.ts) }
 *     Optional keys are left out when they do not apply (a missing "location" means the body).
 *   <xml namespace> = { "uri": "...", "prefix": "xsi" }                   // prefix only when declared
 *   <type ref> = a simple type: string | boolean | number | bigInteger | bigDecimal | timestamp | blob
 *                | document; or the name of a shape in "shapes"; or an anonymous collection that the
 *                SDK encodes without a name: "list<T>" or "map<string,T>" (T is then a simple type).
 *   <kind> = one of the simple types, or structure | union | list | map.
 *
 * WHAT EACH PROTOCOL NEEDED
 *   - restJson1 (Lambda): the http trait of each operation, the HTTP bindings of members, jsonName.
 *   - awsJson1_0 / awsJson1_1 (SQS, DynamoDB, Kinesis, ...): no http trait: the protocol posts every
 *     operation to `/`; the `X-Amz-Target` prefix (the settings' `serviceTarget`); SQS is also
 *     `awsQueryCompatible`, with `awsQueryError` codes on its errors and xml traits left from its
 *     awsQuery past (recorded as they are).
 *   - awsQuery (SNS, STS, ...): no http trait either; the API version (`Version=` parameter), the XML
 *     namespace of responses, `awsQueryError`, and the xmlName / xmlFlattened traits that shape the
 *     query keys and the response documents.
 *   - restXml (S3): the http trait and bindings, xmlName on structures, members, list members and map
 *     keys and values, xmlFlattened, xmlAttribute, xmlNamespace (service and members), hostLabel with
 *     the endpoint trait's host prefix, and the httpChecksum settings.
 *   - ec2Query: like awsQuery, plus ec2QueryName on members (no package installed here to try it).
 *
 * WHAT THE SDK DOES NOT CARRY (and this file therefore cannot record)
 *   - integer / long / short / byte / float / double: all are one "numeric" code at run time and
 *     `number` in the TypeScript declarations, so each is recorded as `number`; the Java widths come
 *     from the Java SDK's jars instead (`java-number-types.ts`, member field `javaNumber`).
 *   - Enum constraints in the schema: enums are plain strings there; the link comes from the d.ts.
 *   - Names of simple shapes (`FunctionName`, `Arn`, ...) and their constraints (length, pattern,
 *     range): the schema keeps a named simple shape only when it carries a trait (e.g. `sensitive`);
 *     such shapes are flattened into their simple type and their traits are copied onto the member
 *     (member traits win, as in Smithy).
 *   - Names of lists and maps of simple values (`ArchitecturesList`, `Tags`): encoded as bare codes,
 *     hence the anonymous `list<T>` / `map<string,T>` references.
 *   - Documentation, default values, deprecation, the `items` member of paginators.
 *   - The http trait of operations of RPC protocols (awsJson, awsQuery, ec2Query), which the
 *     protocol ignores: such operations are recorded with what the protocol sends.
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
 *     error, httpError, awsQueryError [code, status], streaming, eventPayload, jsonName, xmlName,
 *     xmlAttribute, xmlFlattened, xmlNamespace [prefix, uri], ec2QueryName, hostLabel, mediaType,
 *     timestampFormat, endpoint [hostPrefix], httpChecksum ("-": settings in the middleware).
 *   An unknown kind, code or trait makes the extraction fail, and so does a known trait where this
 *   file records nothing for it (say, xmlName on a union), so an SDK upgrade or a new service that
 *   changes the encoding cannot go unnoticed and nothing is dropped silently.
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import {
  SIMPLE_TYPE_NAMES,
  type ApiHttpBinding,
  type ApiHttpChecksum,
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
  type ApiXmlNamespace,
  type MemberLocation,
  type SimpleTypeName,
  type TimestampFormat,
  type TypeRef,
  type ValueKind,
} from './api-model-types.js';
import { PACKAGE_ROOT } from '../paths.js';
import { isRecord } from '../spec/is-record.js';

// ---------------------------------------------------------------------------------------------
// Installed SDK packages

/** The npm scope and prefix of the AWS SDK for JavaScript v3 service clients. */
const CLIENT_PREFIX = '@aws-sdk/client-';

/** The package of a service: `sqs` -> `@aws-sdk/client-sqs`. */
export function sdkPackageName(service: string): string {
  return `${CLIENT_PREFIX}${service}`;
}

/**
 * The package suffix a user means: `sqs`, `client-sqs` and `@aws-sdk/client-sqs` all name SQS.
 * Undefined when the text cannot be a package suffix (so it never reaches the module resolver).
 */
export function normalizeServiceName(text: string): string | undefined {
  const service = text
    .trim()
    .replace(/^@aws-sdk\//, '')
    .replace(/^client-/, '');
  return /^[a-z0-9][a-z0-9-]*$/.test(service) ? service : undefined;
}

/** The services whose client package is installed in the project (`lambda`, `sqs`, ...), sorted. */
export function installedSdkServices(): string[] {
  const scope = join(PACKAGE_ROOT, 'node_modules', '@aws-sdk');
  if (!existsSync(scope)) return [];
  return readdirSync(scope)
    .filter((name) => name.startsWith('client-') && existsSync(join(scope, name, 'package.json')))
    .map((name) => name.slice('client-'.length))
    .sort();
}

/** The service's client package is not installed; the message says what to install. */
export class SdkPackageMissingError extends Error {
  constructor(
    readonly service: string,
    readonly packageName: string = sdkPackageName(service),
  ) {
    super(`Install ${packageName} (npm install ${packageName}) to read the ${service} API model.`);
    this.name = 'SdkPackageMissingError';
  }
}

/** An installed client package, loaded. */
export interface SdkPackage {
  service: string;
  name: string;
  version: string;
  dir: string;
  /** The package's main (CommonJS) file, whose source holds the client's runtime defaults. */
  mainFile: string;
  exports: Record<string, unknown>;
  /** Resolves modules as the package itself does (its own dependencies first). */
  require: NodeJS.Require;
}

const requireFromRoot = createRequire(join(PACKAGE_ROOT, 'package.json'));

/** Loads `@aws-sdk/client-<service>` from the project, or throws SdkPackageMissingError. */
export function loadSdkPackage(service: string): SdkPackage {
  const name = sdkPackageName(service);
  if (normalizeServiceName(service) !== service) throw new SdkPackageMissingError(service, name);
  let packageJson: string;
  try {
    packageJson = requireFromRoot.resolve(`${name}/package.json`);
  } catch {
    throw new SdkPackageMissingError(service, name);
  }
  const pkg: unknown = JSON.parse(readFileSync(packageJson, 'utf8'));
  const version = isRecord(pkg) ? pkg['version'] : undefined;
  const main = isRecord(pkg) && typeof pkg['main'] === 'string' ? pkg['main'] : './dist-cjs/index.js';
  if (typeof version !== 'string') throw new Error(`${name}/package.json has no version.`);
  const loaded: unknown = requireFromRoot(name);
  if (!isRecord(loaded)) throw new Error(`${name} exports no object.`);
  const dir = dirname(packageJson);
  return { service, name, version, dir, mainFile: join(dir, main), exports: loaded, require: createRequire(packageJson) };
}

function readPackageFile(pkg: SdkPackage, ...parts: string[]): string {
  return readFileSync(join(pkg.dir, ...parts), 'utf8');
}

// ---------------------------------------------------------------------------------------------
// The package's main file: runtime defaults and checksum middleware

function parseScript(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.JS);
}

/** The runtime configuration defaults of the client, as written in its main file. */
export interface RuntimeDefaults {
  /** Local name of the default protocol class. */
  protocolClass: string;
  serviceId: string;
  /** The literal entries of the default protocolSettings (`errorTypeRegistries`, a variable, left out). */
  protocolSettings: Record<string, string | boolean>;
}

/** `<name>: config?.<name> ?? <default>`: the defaults of every such property in the file. */
function configDefaults(source: ts.SourceFile, names: ReadonlySet<string>): Map<string, ts.Expression[]> {
  const found = new Map<string, ts.Expression[]>();
  const visit = (node: ts.Node): void => {
    if (
      ts.isPropertyAssignment(node) &&
      ts.isIdentifier(node.name) &&
      names.has(node.name.text) &&
      ts.isBinaryExpression(node.initializer) &&
      node.initializer.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken &&
      ts.isPropertyAccessExpression(node.initializer.left) &&
      node.initializer.left.name.text === node.name.text
    ) {
      const list = found.get(node.name.text) ?? [];
      list.push(node.initializer.right);
      found.set(node.name.text, list);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Evaluates a literal expression (strings, numbers, booleans, arrays, objects) of the SDK's source. */
function literalValue(node: ts.Expression, where: string): unknown {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isArrayLiteralExpression(node)) return node.elements.map((e) => literalValue(e, where));
  if (ts.isObjectLiteralExpression(node)) {
    const value: Record<string, unknown> = {};
    for (const property of node.properties) {
      if (!ts.isPropertyAssignment(property) || !(ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) {
        throw new Error(`${where}: not a literal object.`);
      }
      value[property.name.text] = literalValue(property.initializer, where);
    }
    return value;
  }
  throw new Error(`${where}: not a literal value (${ts.SyntaxKind[node.kind]}).`);
}

/**
 * protocolSettings entries that are pieces of the JavaScript implementation, not facts of the API:
 * the error registries (the schemas already give the errors) and DynamoDB's `jsonCodec`, a faster
 * writer of AttributeValue that puts the same JSON on the wire.
 */
const IMPLEMENTATION_SETTINGS = new Set(['errorTypeRegistries', 'jsonCodec']);

export function readRuntimeDefaults(source: ts.SourceFile, where: string): RuntimeDefaults {
  const defaults = configDefaults(source, new Set(['protocol', 'protocolSettings', 'serviceId']));
  const single = (name: string): ts.Expression => {
    const values = defaults.get(name) ?? [];
    const texts = new Set(values.map((v) => v.getText(source)));
    if (values.length === 0 || texts.size !== 1) {
      throw new Error(`${where}: expected one default "${name}: config?.${name} ?? ..." in the client's runtime configuration, found ${values.length}.`);
    }
    return values[0] as ts.Expression;
  };
  const protocol = single('protocol');
  if (!ts.isIdentifier(protocol)) throw new Error(`${where}: the default protocol is not a class name (${protocol.getText(source)}).`);
  const serviceId = single('serviceId');
  if (!ts.isStringLiteral(serviceId)) throw new Error(`${where}: the default serviceId is not a string.`);
  const settings = single('protocolSettings');
  if (!ts.isObjectLiteralExpression(settings)) throw new Error(`${where}: the default protocolSettings are not an object.`);
  const protocolSettings: Record<string, string | boolean> = {};
  for (const property of settings.properties) {
    if (property.name && ts.isIdentifier(property.name) && IMPLEMENTATION_SETTINGS.has(property.name.text)) continue;
    if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name)) {
      throw new Error(`${where}: protocolSettings entry ${property.getText(source)} is not a literal.`);
    }
    const value = literalValue(property.initializer, `${where}: protocolSettings.${property.name.text}`);
    if (typeof value !== 'string' && typeof value !== 'boolean')
      throw new Error(`${where}: protocolSettings.${property.name.text} is not a string or boolean.`);
    protocolSettings[property.name.text] = value;
  }
  return { protocolClass: protocol.text, serviceId: serviceId.text, protocolSettings };
}

/** `const { a, b: c } = require("m")` at the top of the file: where a local name comes from. */
function importedBinding(source: ts.SourceFile, localName: string): { module: string; exportName: string } | undefined {
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const init = declaration.initializer;
      if (!ts.isObjectBindingPattern(declaration.name) || !init || !ts.isCallExpression(init)) continue;
      if (!ts.isIdentifier(init.expression) || init.expression.text !== 'require') continue;
      const moduleName = init.arguments[0];
      if (!moduleName || !ts.isStringLiteral(moduleName)) continue;
      for (const element of declaration.name.elements) {
        if (!ts.isIdentifier(element.name) || element.name.text !== localName) continue;
        const exported = element.propertyName && ts.isIdentifier(element.propertyName) ? element.propertyName.text : localName;
        return { module: moduleName.text, exportName: exported };
      }
    }
  }
  return undefined;
}

/** `class <name> extends <Base>` at the top of the file: the base's local name. */
function localClassBase(source: ts.SourceFile, name: string): string | undefined {
  for (const statement of source.statements) {
    if (!ts.isClassDeclaration(statement) || statement.name?.text !== name) continue;
    const base = statement.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
    if (base && ts.isIdentifier(base)) return base.text;
  }
  return undefined;
}

/** The JavaScript SDK's protocol classes (`@aws-sdk/core/protocols`), by the Smithy protocol they implement. */
const PROTOCOL_CLASSES: Record<string, ApiProtocol> = {
  AwsRestJsonProtocol: 'restJson1',
  AwsJson1_0Protocol: 'awsJson1_0',
  AwsJson1_1Protocol: 'awsJson1_1',
  AwsQueryProtocol: 'awsQuery',
  AwsRestXmlProtocol: 'restXml',
  AwsEc2QueryProtocol: 'ec2Query',
};

/** The protocols whose operations all go as POST to `/`, without an http trait. */
const RPC_PROTOCOLS: ReadonlySet<ApiProtocol> = new Set<ApiProtocol>(['awsJson1_0', 'awsJson1_1', 'awsQuery', 'ec2Query']);

/**
 * The Smithy protocol of the client's default protocol class: the class is loaded as the package
 * loads it and its class chain compared, most derived first, with `@aws-sdk/core/protocols`.
 */
export function protocolOfClass(pkg: SdkPackage, source: ts.SourceFile, localName: string): ApiProtocol {
  let name = localName;
  let imported = importedBinding(source, name);
  // A class the main file declares itself: follow its bases to an imported one.
  for (let depth = 0; !imported && depth < 10; depth++) {
    const base = localClassBase(source, name);
    if (!base) break;
    name = base;
    imported = importedBinding(source, name);
  }
  if (!imported) throw new Error(`${pkg.name}: cannot tell where the protocol class ${localName} comes from.`);
  const module: unknown = pkg.require(imported.module);
  const core: unknown = pkg.require('@aws-sdk/core/protocols');
  const cls = isRecord(module) ? module[imported.exportName] : undefined;
  if (typeof cls !== 'function' || !isRecord(core)) throw new Error(`${pkg.name}: ${imported.module} has no class ${imported.exportName}.`);
  for (let c: unknown = cls; typeof c === 'function'; c = Object.getPrototypeOf(c)) {
    for (const [className, protocol] of Object.entries(PROTOCOL_CLASSES)) if (core[className] === c) return protocol;
  }
  throw new Error(
    `${pkg.name}: the protocol class ${localName} derives from none of ${Object.keys(PROTOCOL_CLASSES).join(', ')}; api-model-types.ts has no protocol for it.`,
  );
}

/** The options of `getFlexibleChecksumsPlugin(config, {...})` in the middleware of an operation's command. */
export function checksumSettings(source: ts.SourceFile, operation: string, where: string): Record<string, unknown> | undefined {
  // class <Op>Command extends command(<endpoint params>, <middleware>, "<Op>", <schema>) {}
  let middleware: string | undefined;
  for (const statement of source.statements) {
    if (!ts.isClassDeclaration(statement)) continue;
    const call = statement.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
    if (!call || !ts.isCallExpression(call) || call.arguments.length < 4) continue;
    const op = call.arguments[2];
    const mw = call.arguments[1];
    if (op && ts.isStringLiteral(op) && op.text === operation && mw && ts.isIdentifier(mw)) middleware = mw.text;
  }
  if (middleware === undefined) return undefined;
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || declaration.name.text !== middleware) continue;
      const init = declaration.initializer;
      if (!init || !ts.isArrowFunction(init)) continue;
      let body: ts.Node = init.body;
      while (ts.isParenthesizedExpression(body)) body = body.expression;
      if (!ts.isArrayLiteralExpression(body)) continue;
      for (const element of body.elements) {
        if (!ts.isCallExpression(element) || !ts.isIdentifier(element.expression)) continue;
        const callee = element.expression.text;
        const exported = importedBinding(source, callee)?.exportName ?? callee;
        if (exported !== 'getFlexibleChecksumsPlugin') continue;
        const options = element.arguments[1];
        if (!options) throw new Error(`${where}: getFlexibleChecksumsPlugin without options.`);
        const value = literalValue(options, where);
        if (!isRecord(value)) throw new Error(`${where}: the checksum options are not an object.`);
        return value;
      }
    }
  }
  return undefined;
}

/** The httpChecksum record from the plugin options, refusing options this file does not know. */
function httpChecksumOf(options: Record<string, unknown>, input: ApiStructureShape, where: string): ApiHttpChecksum {
  const known = new Set(['requestChecksumRequired', 'requestAlgorithmMember', 'requestValidationModeMember', 'responseAlgorithms']);
  for (const key of Object.keys(options)) if (!known.has(key)) throw new Error(`${where}: unknown httpChecksum setting "${key}".`);
  const checksum: ApiHttpChecksum = { requestChecksumRequired: options['requestChecksumRequired'] === true };
  const algorithm = options['requestAlgorithmMember'];
  if (algorithm !== undefined) {
    if (!isRecord(algorithm) || typeof algorithm['name'] !== 'string') throw new Error(`${where}: requestAlgorithmMember is not {name, httpHeader}.`);
    const member = input.members[algorithm['name']];
    // The header is the member's own binding; recorded once, on the member.
    if (!member || member.locationName !== algorithm['httpHeader'])
      throw new Error(`${where}: requestAlgorithmMember ${algorithm['name']} is not a header member of the input.`);
    checksum.requestAlgorithmMember = algorithm['name'];
  }
  const validation = options['requestValidationModeMember'];
  if (validation !== undefined) {
    if (typeof validation !== 'string' || !input.members[validation]) throw new Error(`${where}: requestValidationModeMember is not an input member.`);
    checksum.requestValidationModeMember = validation;
  }
  const algorithms = options['responseAlgorithms'];
  if (algorithms !== undefined) {
    if (!Array.isArray(algorithms) || !algorithms.every((a): a is string => typeof a === 'string'))
      throw new Error(`${where}: responseAlgorithms is not a list of names.`);
    checksum.responseAlgorithms = algorithms;
  }
  return checksum;
}

// ---------------------------------------------------------------------------------------------
// Traits

export type Traits = Record<string, unknown>;

const TRAIT_BITS = ['httpLabel', 'idempotent', 'idempotencyToken', 'sensitive', 'httpPayload', 'httpResponseCode', 'httpQueryParams'] as const;

/** Every trait this extractor understands; any other one stops the extraction. */
const KNOWN_TRAITS = new Set<string>([
  ...TRAIT_BITS,
  'http',
  'httpQuery',
  'httpHeader',
  'httpPrefixHeaders',
  'httpChecksum',
  'error',
  'httpError',
  'awsQueryError',
  'streaming',
  'eventPayload',
  'jsonName',
  'xmlName',
  'xmlAttribute',
  'xmlFlattened',
  'xmlNamespace',
  'ec2QueryName',
  'hostLabel',
  'mediaType',
  'timestampFormat',
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
      if (!KNOWN_TRAITS.has(key)) throw new Error(`${where}: unknown trait "${key}"; teach extract-api-model.ts what it means.`);
    }
    return { ...raw };
  }
  throw new Error(`${where}: traits must be a number or an object, not ${JSON.stringify(raw)}.`);
}

/**
 * Reads traits one by one and remembers which were read, so that `done` can refuse any trait that
 * was present but that nothing recorded: the model must not lose a trait without anyone noticing.
 */
class TraitReader {
  private readonly read = new Set<string>();

  constructor(
    private readonly traits: Traits,
    private readonly where: string,
  ) {}

  has(name: string): boolean {
    this.read.add(name);
    return this.traits[name] !== undefined;
  }

  string(name: string): string | undefined {
    this.read.add(name);
    const value = this.traits[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw new Error(`${this.where}: trait ${name} is not a string (${JSON.stringify(value)}).`);
    return value;
  }

  value(name: string): unknown {
    this.read.add(name);
    return this.traits[name];
  }

  timestampFormat(): TimestampFormat | undefined {
    const value = this.string('timestampFormat');
    if (value === undefined || value === 'date-time' || value === 'http-date' || value === 'epoch-seconds') return value;
    throw new Error(`${this.where}: unknown timestampFormat "${value}".`);
  }

  xmlNamespace(): ApiXmlNamespace | undefined {
    const value = this.value('xmlNamespace');
    if (value === undefined) return undefined;
    // Encoded [prefix, uri], as @aws-sdk/core's XML serializer reads it; the prefix may be empty.
    if (!Array.isArray(value) || typeof value[1] !== 'string' || (value[0] !== undefined && typeof value[0] !== 'string')) {
      throw new Error(`${this.where}: xmlNamespace is not [prefix, uri] (${JSON.stringify(value)}).`);
    }
    const namespace: ApiXmlNamespace = { uri: value[1] };
    if (typeof value[0] === 'string' && value[0] !== '') namespace.prefix = value[0];
    return namespace;
  }

  done(context: string): void {
    const left = Object.keys(this.traits).filter((k) => !this.read.has(k));
    if (left.length > 0) {
      throw new Error(
        `${this.where}: extract-api-model.ts records no ${left.map((k) => `"${k}"`).join(', ')} trait on ${context}; teach it what the trait means there.`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Schema decoding

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

/** The element code of an anonymous list or map: only plain simple types, which `list<T>` can say in full. */
function collectionElement(code: number, where: string): SimpleTypeName {
  const simple = SIMPLE_CODES[code];
  if (!simple) throw new Error(`${where}: unknown schema code ${code}.`);
  if (simple.streaming || simple.timestampFormat)
    throw new Error(`${where}: a list or map of ${JSON.stringify(simple)} cannot be recorded as list<T> or map<string,T>.`);
  return simple.type;
}

/** A schema reference resolved to what a member needs: its type, plus the traits a named simple target carries. */
interface ResolvedType {
  ref: TypeRef;
  kind: ValueKind | 'unit';
  streaming: boolean;
  timestampFormat?: TimestampFormat;
  /** Traits of named simple shapes flattened into this type (innermost first, outer ones win). */
  targetTraits: Traits;
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

function stringArray(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
    throw new Error(`${where}: expected a list of member names.`);
  }
  return value;
}

/** Whether two schema references say the same, comparing inline copies element by element. */
function sameSchema(a: unknown, b: unknown, depth: number): boolean {
  const x = deref(a);
  const y = deref(b);
  if (x === y) return true;
  if (depth > 20) return false;
  if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, i) => sameSchema(v, y[i], depth + 1));
  if (isRecord(x) && isRecord(y)) {
    const keys = Object.keys(x).sort();
    return keys.join() === Object.keys(y).sort().join() && keys.every((k) => sameSchema(x[k], y[k], depth + 1));
  }
  return false;
}

/** Decodes static schemas of one service namespace into named shapes (collected in `shapes`) and type references. */
export class SchemaWalker {
  readonly shapes = new Map<string, ApiShape>();
  /** The schema array each shape name was built from, to detect two different shapes with one name. */
  private readonly origins = new Map<string, StaticSchema>();

  constructor(readonly namespace: string) {}

  /** The shape name of a schema, refusing other namespaces: the model names shapes without one. */
  schemaName(schema: StaticSchema, where: string): string {
    const ns = schema[1];
    const name = schema[2];
    if (typeof ns !== 'string' || typeof name !== 'string') throw new Error(`${where}: schema without namespace and name.`);
    if (ns !== this.namespace) throw new Error(`${where}: shape ${ns}#${name} is outside ${this.namespace}.`);
    return name;
  }

  /** Resolves any schema reference (not a member wrapper) to a type reference. */
  resolve(ref: unknown, where: string): ResolvedType {
    const schema = deref(ref);
    if (schema === 'unit') return { ref: 'unit', kind: 'unit', streaming: false, targetTraits: {} };
    if (typeof schema === 'number') return this.resolveCode(schema, where);
    if (isMemberWrapper(schema)) throw new Error(`${where}: unexpected member wrapper.`);
    if (!isStaticSchema(schema)) throw new Error(`${where}: unrecognized schema ${JSON.stringify(schema)}.`);
    const kind = schema[0];
    const name = this.schemaName(schema, where);
    switch (kind) {
      case 0: {
        // A named simple shape that carries traits: flatten it into its simple type, keeping the traits.
        const traits = decodeTraits(schema[3], `${where} (${name})`);
        const inner = this.resolve(schema[4], `${where} (${name})`);
        return { ...inner, targetTraits: { ...inner.targetTraits, ...traits } };
      }
      case 1:
      case 2:
      case 3:
      case -3:
      case 4:
        this.register(name, schema);
        return { ref: name, kind: kind === 1 ? 'list' : kind === 2 ? 'map' : kind === 4 ? 'union' : 'structure', streaming: false, targetTraits: {} };
      default:
        throw new Error(`${where}: schema ${name} has unknown kind ${String(kind)}.`);
    }
  }

  private resolveCode(code: number, where: string): ResolvedType {
    if (code >= MAP_MODIFIER && code < 2 * MAP_MODIFIER) {
      return { ref: `map<string,${collectionElement(code & 0b0011_1111, where)}>`, kind: 'map', streaming: false, targetTraits: {} };
    }
    if (code >= LIST_MODIFIER && code < MAP_MODIFIER) {
      return { ref: `list<${collectionElement(code & 0b0011_1111, where)}>`, kind: 'list', streaming: false, targetTraits: {} };
    }
    const simple = SIMPLE_CODES[code];
    if (!simple) throw new Error(`${where}: unknown schema code ${code}.`);
    const resolved: ResolvedType = { ref: simple.type, kind: simple.type, streaming: simple.streaming === true, targetTraits: {} };
    if (simple.timestampFormat) resolved.timestampFormat = simple.timestampFormat;
    return resolved;
  }

  /** Builds the shape of a named list, map, structure, error or union, once. */
  register(name: string, schema: StaticSchema): void {
    const seen = this.origins.get(name);
    if (seen) {
      // The SDK writes lists and maps without an export inline, once per use: equal copies are one shape.
      if (seen !== schema && !sameSchema(seen, schema, 0)) throw new Error(`Two different schemas are named ${name}.`);
      return;
    }
    if ((SIMPLE_TYPE_NAMES as readonly string[]).includes(name) || name === 'unit' || /[<>,]/.test(name)) {
      throw new Error(`Shape name ${name} clashes with the type reference syntax.`);
    }
    this.origins.set(name, schema);
    const kind = schema[0];
    const traits = new TraitReader(decodeTraits(schema[3], name), name);
    if (kind === 1) {
      const element = this.elementOf(schema[4], `${name}.member`);
      const shape: ApiListShape = { type: 'list', member: element.target };
      if (element.sensitive) shape.memberSensitive = true;
      if (element.xmlName !== undefined) shape.memberXmlName = element.xmlName;
      if (element.xmlNamespace) shape.memberXmlNamespace = element.xmlNamespace;
      if (traits.has('sensitive')) shape.sensitive = true;
      traits.done(`list ${name}`);
      this.shapes.set(name, shape);
    } else if (kind === 2) {
      const key = this.elementOf(schema[4], `${name}.key`);
      const value = this.elementOf(schema[5], `${name}.value`);
      if (key.xmlNamespace || value.xmlNamespace) throw new Error(`${name}: xmlNamespace on a map key or value is not recorded.`);
      const shape: ApiMapShape = { type: 'map', key: key.target, value: value.target };
      if (traits.has('sensitive')) shape.sensitive = true;
      if (key.sensitive) shape.keySensitive = true;
      if (value.sensitive) shape.valueSensitive = true;
      if (key.xmlName !== undefined) shape.keyXmlName = key.xmlName;
      if (value.xmlName !== undefined) shape.valueXmlName = value.xmlName;
      traits.done(`map ${name}`);
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
        if (traits.has('streaming')) shape.streaming = true;
        if (traits.has('sensitive')) shape.sensitive = true;
        traits.done(`union ${name}`);
        this.shapes.set(name, shape);
      } else {
        const shape: ApiStructureShape = { type: 'structure', members };
        if (kind === -3) {
          const fault = traits.value('error');
          const status = traits.value('httpError');
          if (fault !== 'client' && fault !== 'server') throw new Error(`${name}: error without client/server fault.`);
          shape.error = fault;
          if (typeof status === 'number') shape.httpStatus = status;
          const queryError = traits.value('awsQueryError');
          if (queryError !== undefined) {
            if (!Array.isArray(queryError) || typeof queryError[0] !== 'string' || typeof queryError[1] !== 'number') {
              throw new Error(`${name}: awsQueryError is not [code, httpStatus].`);
            }
            shape.awsQueryError = { code: queryError[0], httpStatus: queryError[1] };
          }
        }
        const xmlName = traits.string('xmlName');
        if (xmlName !== undefined) shape.xmlName = xmlName;
        const xmlNamespace = traits.xmlNamespace();
        if (xmlNamespace) shape.xmlNamespace = xmlNamespace;
        if (traits.has('sensitive')) shape.sensitive = true;
        traits.done(kind === -3 ? `error ${name}` : `structure ${name}`);
        this.shapes.set(name, shape);
      }
      memberNames.forEach((memberName, i) => {
        const member = this.memberOf(memberRefs[i], name, memberName);
        if (kind !== 4) member.required = i < requiredCount;
        members[memberName] = member;
      });
    } else {
      throw new Error(`${name}: kind ${String(kind)} cannot be a shape.`);
    }
  }

  /** A list member or map key or value: its type and the few traits recorded for elements. */
  private elementOf(ref: unknown, where: string): { target: TypeRef; sensitive: boolean; xmlName?: string; xmlNamespace?: ApiXmlNamespace } {
    const { target, traits: own } = unwrapMember(ref, where);
    const resolved = this.resolve(target, where);
    if (resolved.kind === 'unit') throw new Error(`${where}: an element cannot be unit.`);
    if (resolved.streaming || resolved.timestampFormat) throw new Error(`${where}: a streaming or formatted element cannot be recorded.`);
    const traits = new TraitReader({ ...resolved.targetTraits, ...own }, where);
    const element: { target: TypeRef; sensitive: boolean; xmlName?: string; xmlNamespace?: ApiXmlNamespace } = {
      target: resolved.ref,
      sensitive: traits.has('sensitive'),
    };
    const xmlName = traits.string('xmlName');
    if (xmlName !== undefined) element.xmlName = xmlName;
    const xmlNamespace = traits.xmlNamespace();
    if (xmlNamespace) element.xmlNamespace = xmlNamespace;
    traits.done('a list member or map key or value');
    return element;
  }

  /** Describes one member of a structure or union from its schema reference. */
  memberOf(ref: unknown, owner: string, memberName: string): ApiMember {
    const where = `${owner}.${memberName}`;
    const { target, traits: own } = unwrapMember(ref, where);
    const resolved = this.resolve(target, where);
    if (resolved.kind === 'unit') throw new Error(`${where}: a member cannot be unit.`);
    // Member traits override those of the (flattened) target, as in Smithy.
    const traits = new TraitReader({ ...resolved.targetTraits, ...own }, where);
    const member: ApiMember = { target: resolved.ref, type: resolved.kind };
    const bindings: Array<[MemberLocation, string | undefined]> = [];
    if (traits.has('httpLabel')) bindings.push(['uri', memberName]);
    const query = traits.string('httpQuery');
    if (query !== undefined) bindings.push(['query', query]);
    if (traits.has('httpQueryParams')) bindings.push(['queryParams', undefined]);
    const header = traits.string('httpHeader');
    if (header !== undefined) bindings.push(['header', header]);
    const prefixHeaders = traits.string('httpPrefixHeaders');
    if (prefixHeaders !== undefined) bindings.push(['prefixHeaders', prefixHeaders]);
    if (traits.has('httpPayload')) bindings.push(['payload', undefined]);
    if (traits.has('httpResponseCode')) bindings.push(['statusCode', undefined]);
    if (bindings.length > 1) throw new Error(`${where}: more than one HTTP binding.`);
    const binding = bindings[0];
    if (binding) {
      member.location = binding[0];
      if (binding[1] !== undefined) member.locationName = binding[1];
    }
    const jsonName = traits.string('jsonName');
    if (jsonName !== undefined) member.jsonName = jsonName;
    const xmlName = traits.string('xmlName');
    if (xmlName !== undefined) member.xmlName = xmlName;
    if (traits.has('xmlAttribute')) member.xmlAttribute = true;
    if (traits.has('xmlFlattened')) member.xmlFlattened = true;
    const xmlNamespace = traits.xmlNamespace();
    if (xmlNamespace) member.xmlNamespace = xmlNamespace;
    const ec2QueryName = traits.string('ec2QueryName');
    if (ec2QueryName !== undefined) member.ec2QueryName = ec2QueryName;
    if (traits.has('hostLabel')) member.hostLabel = true;
    const mediaType = traits.string('mediaType');
    if (mediaType !== undefined) member.mediaType = mediaType;
    if (traits.has('sensitive')) member.sensitive = true;
    if (traits.has('streaming') || resolved.streaming) member.streaming = true;
    if (traits.has('idempotencyToken')) member.idempotencyToken = true;
    if (traits.has('eventPayload')) member.eventPayload = true;
    const timestampFormat = traits.timestampFormat() ?? resolved.timestampFormat;
    if (timestampFormat) {
      if (member.type !== 'timestamp') throw new Error(`${where}: timestampFormat on a ${member.type}.`);
      member.timestampFormat = timestampFormat;
    }
    traits.done('a member');
    return member;
  }
}

// ---------------------------------------------------------------------------------------------
// TypeScript declarations: enum names, member -> enum links, operation errors

function parseDeclarations(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
}

/** Names of the string enumerations declared in `dist-types/models/enums.d.ts` (none when it is absent). */
export function declaredEnumNames(pkg: SdkPackage): string[] {
  const file = join(pkg.dir, 'dist-types', 'models', 'enums.d.ts');
  if (!existsSync(file)) return [];
  const source = parseDeclarations('enums.d.ts', readFileSync(file, 'utf8'));
  const names: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name)) names.push(declaration.name.text);
    }
  }
  return names.sort();
}

/** The enumerations, with their wire values taken from the package's runtime objects. */
function extractEnums(pkg: SdkPackage): Record<string, string[]> {
  const enums: Record<string, string[]> = {};
  for (const name of declaredEnumNames(pkg)) {
    const value = pkg.exports[name];
    if (!isRecord(value)) throw new Error(`${pkg.name} declares enum ${name} but exports no object of that name.`);
    const values = Object.values(value);
    if (values.length === 0 || !values.every((v): v is string => typeof v === 'string')) {
      throw new Error(`${pkg.name}: enum ${name} is not an object of strings.`);
    }
    enums[name] = [...new Set(values)].sort();
  }
  return enums;
}

type EnumLink = Pick<ApiMember, 'enum' | 'memberEnum' | 'keyEnum' | 'valueEnum'>;

/** The model declaration files: `models_<n>.d.ts` and `errors.d.ts`, sorted. */
export function modelDeclarationFiles(pkg: SdkPackage): string[] {
  return readdirSync(join(pkg.dir, 'dist-types', 'models'))
    .filter((f) => /^models_\d+\.d\.ts$/.test(f) || f === 'errors.d.ts')
    .sort();
}

/**
 * For every interface (models) and class (errors) of the declarations, the members whose type names
 * an enumeration: `E`, `E[]`, `Record<E, V>` / `Partial<Record<E, V>>` (key) or `Record<string, E>` (value).
 */
export function declaredEnumLinks(pkg: SdkPackage, enumNames: ReadonlySet<string>): Map<string, Map<string, EnumLink>> {
  const links = new Map<string, Map<string, EnumLink>>();
  if (enumNames.size === 0) return links;
  for (const file of modelDeclarationFiles(pkg)) {
    const source = parseDeclarations(file, readPackageFile(pkg, 'dist-types', 'models', file));
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
  if (found) throw new Error(`${where}: type names enum ${found} in a form extract-api-model.ts does not understand.`);
  return undefined;
}

/** The error names listed by `@throws {@link X}` in a command's declaration file. */
export function declaredCommandErrors(pkg: SdkPackage, commandClass: string): string[] {
  const text = readPackageFile(pkg, 'dist-types', 'commands', `${commandClass}.d.ts`);
  const names = new Set<string>();
  for (const match of text.matchAll(/@throws\s+\{@link\s+(\w+)\}/g)) names.add(match[1] as string);
  return [...names].sort();
}

/** A paginator as `dist-es/pagination` declares it: the exported function, its command and its tokens. */
export interface DeclaredPaginator extends ApiPaginator {
  jsFunction: string;
  command: string;
}

/** Paginators declared in `dist-es/pagination/*Paginator.js` (none when the service has none). */
export function declaredPaginators(pkg: SdkPackage): DeclaredPaginator[] {
  const dir = join(pkg.dir, 'dist-es', 'pagination');
  if (!existsSync(dir)) return [];
  const paginators: DeclaredPaginator[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('Paginator.js'))
    .sort()) {
    const text = readFileSync(join(dir, file), 'utf8');
    const match = /export const (\w+) = createPaginator\(\s*\w+\s*,\s*(\w+)\s*,\s*"([^"]+)"\s*,\s*"([^"]+)"\s*(?:,\s*"([^"]*)"\s*)?\)/.exec(text);
    if (!match) throw new Error(`${pkg.name} pagination/${file}: no "export const paginateX = createPaginator(...)" found.`);
    const [, jsFunction, command, inputToken, outputToken, pageSize] = match as unknown as [string, string, string, string, string, string | undefined];
    const paginator: DeclaredPaginator = { jsFunction, command, inputToken, outputToken };
    // An empty page size ("") means the operation takes none.
    if (pageSize) paginator.pageSize = pageSize;
    paginators.push(paginator);
  }
  return paginators;
}

// ---------------------------------------------------------------------------------------------
// Exported classes

/** The bare client class: the export whose direct base class is the exported smithy `__Client`. */
export function clientClassName(pkg: SdkPackage): string {
  const base = pkg.exports['__Client'];
  if (typeof base !== 'function') throw new Error(`${pkg.name} exports no __Client base class.`);
  const clients = Object.entries(pkg.exports)
    .filter(([, value]) => typeof value === 'function' && Object.getPrototypeOf(value) === base)
    .map(([name]) => name);
  if (clients.length !== 1) throw new Error(`${pkg.name}: expected one class extending __Client, found ${clients.length} (${clients.join(', ')}).`);
  return clients[0] as string;
}

function derivesFrom(cls: unknown, base: unknown): boolean {
  for (let c = cls; typeof c === 'function'; c = Object.getPrototypeOf(c)) if (c === base) return true;
  return false;
}

/**
 * The exported command classes by the operation schema their instances carry. A command's
 * constructor only stores its input, so building one with an empty input is harmless.
 */
export function commandClasses(pkg: SdkPackage): Map<unknown, string> {
  const client = pkg.exports['__Client'];
  const commands = new Map<unknown, string>();
  for (const [name, value] of Object.entries(pkg.exports).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (typeof value !== 'function' || derivesFrom(value, client)) continue;
    const prototype: unknown = value.prototype;
    if (typeof prototype !== 'object' || prototype === null) continue;
    // Commands, and only they, resolve their own middleware stack.
    if (typeof (prototype as { resolveMiddleware?: unknown }).resolveMiddleware !== 'function') continue;
    const instance: unknown = new (value as new (input: object) => unknown)({});
    const schema = typeof instance === 'object' && instance !== null ? (instance as { schema?: unknown }).schema : undefined;
    if (!isStaticSchema(schema) || schema[0] !== 9) continue;
    const known = commands.get(schema);
    if (known) throw new Error(`${pkg.name}: both ${known} and ${name} run operation ${String(schema[2])}.`);
    commands.set(schema, name);
  }
  return commands;
}

// ---------------------------------------------------------------------------------------------
// Extraction

/** What the RPC protocols send for every operation, whatever its model says. */
const RPC_HTTP: ApiHttpBinding = { method: 'POST', path: '/', code: 200 };

/** The settings of protocolSettings this file knows, and where each goes. */
const KNOWN_SETTINGS = new Set(['defaultNamespace', 'version', 'serviceTarget', 'xmlNamespace', 'awsQueryCompatible']);

/** Builds the normalized description of every operation of `@aws-sdk/client-<service>`. */
export function extractApiModel(service: string): ApiModelFile {
  const pkg = loadSdkPackage(service);
  const mainSource = parseScript(pkg.mainFile, readFileSync(pkg.mainFile, 'utf8'));
  const defaults = readRuntimeDefaults(mainSource, pkg.name);
  const protocol = protocolOfClass(pkg, mainSource, defaults.protocolClass);
  const settings = defaults.protocolSettings;
  for (const key of Object.keys(settings)) {
    if (!KNOWN_SETTINGS.has(key)) throw new Error(`${pkg.name}: unknown protocol setting "${key}"; teach extract-api-model.ts what it means.`);
  }

  const commands = commandClasses(pkg);
  if (commands.size === 0) {
    throw new Error(
      `${pkg.name} ${pkg.version} has no command classes with operation schemas; the extractor reads clients built on @smithy/core/schema (update the package).`,
    );
  }
  const operationSchemas = [...commands.keys()].filter(isStaticSchema);
  const namespaces = new Set(operationSchemas.map((s) => s[1]));
  const namespace = [...namespaces][0];
  if (namespaces.size !== 1 || typeof namespace !== 'string') throw new Error(`${pkg.name}: operations in ${namespaces.size} namespaces.`);
  if (settings['defaultNamespace'] !== undefined && settings['defaultNamespace'] !== namespace) {
    throw new Error(`${pkg.name}: the client's default namespace ${String(settings['defaultNamespace'])} is not its operations' ${namespace}.`);
  }

  const walker = new SchemaWalker(namespace);
  const operations: Record<string, ApiOperation> = {};
  const checksums = new Map<string, Record<string, unknown>>();
  const syntheticErrors = new Set<string>();
  const exportNames = Object.keys(pkg.exports)
    .filter((k) => k.endsWith('$'))
    .sort();
  for (const exportName of exportNames) {
    const schema = pkg.exports[exportName];
    if (!isStaticSchema(schema)) continue;
    // The synthetic base error (<Service>ServiceException) lives in the SDK's own namespace.
    if (typeof schema[1] === 'string' && schema[1].startsWith('smithy.ts.sdk.synthetic.')) {
      if (typeof schema[2] === 'string') syntheticErrors.add(schema[2]);
      continue;
    }
    if (schema[0] !== 9) {
      walker.resolve(schema, exportName);
      continue;
    }
    const name = walker.schemaName(schema, exportName);
    const jsCommand = commands.get(schema);
    if (!jsCommand) throw new Error(`${pkg.name}: no exported command class runs operation ${name}.`);
    const traits = new TraitReader(decodeTraits(schema[3], name), name);
    const http = traits.value('http');
    let binding: ApiHttpBinding;
    if (RPC_PROTOCOLS.has(protocol)) {
      binding = { ...RPC_HTTP };
    } else {
      if (!Array.isArray(http) || typeof http[0] !== 'string' || typeof http[1] !== 'string' || typeof http[2] !== 'number') {
        throw new Error(`${name}: a ${protocol} operation without an http trait [method, path, code].`);
      }
      binding = { method: http[0], path: http[1], code: http[2] };
    }
    const input = walker.resolve(schema[4], `${name} input`);
    const output = walker.resolve(schema[5], `${name} output`);
    if (input.kind !== 'structure' && input.kind !== 'unit') throw new Error(`${name}: input is not a structure.`);
    if (output.kind !== 'structure' && output.kind !== 'unit') throw new Error(`${name}: output is not a structure.`);
    const operation: ApiOperation = { http: binding, input: input.ref, output: output.ref, errors: [], jsCommand };
    if (traits.has('idempotent')) operation.idempotent = true;
    const endpoint = traits.value('endpoint');
    if (endpoint !== undefined) {
      if (!Array.isArray(endpoint) || typeof endpoint[0] !== 'string') throw new Error(`${name}: endpoint trait is not [hostPrefix].`);
      operation.hostPrefix = endpoint[0];
    }
    if (traits.has('httpChecksum')) {
      const options = checksumSettings(mainSource, name, `${pkg.name} ${name}`);
      if (!options) throw new Error(`${pkg.name}: ${name} has the httpChecksum trait, but its command adds no getFlexibleChecksumsPlugin.`);
      checksums.set(name, options);
    }
    traits.done(`operation ${name}`);
    operations[name] = operation;
  }
  if (Object.keys(operations).length !== commands.size) {
    throw new Error(`${pkg.name}: ${commands.size} command classes but ${Object.keys(operations).length} exported operation schemas.`);
  }

  const shapes = walker.shapes;
  const structureOf = (name: string): ApiStructureShape | undefined => {
    const shape = shapes.get(name);
    return shape?.type === 'structure' ? shape : undefined;
  };
  for (const [name, operation] of Object.entries(operations)) {
    operation.errors = declaredCommandErrors(pkg, operation.jsCommand as string).filter((e) => !syntheticErrors.has(e));
    for (const error of operation.errors) {
      if (!structureOf(error)?.error) throw new Error(`${name}: documented error ${error} is not an error shape.`);
    }
    const options = checksums.get(name);
    const input = structureOf(operation.input);
    if (options && input) operation.httpChecksum = httpChecksumOf(options, input, `${pkg.name} ${name} httpChecksum`);
  }

  const operationByCommand = new Map(Object.entries(operations).map(([name, op]) => [op.jsCommand as string, name]));
  for (const declared of declaredPaginators(pkg)) {
    const name = operationByCommand.get(declared.command);
    const operation = name === undefined ? undefined : operations[name];
    if (!operation) throw new Error(`${pkg.name}: paginator ${declared.jsFunction} for unknown command ${declared.command}.`);
    if (typeof pkg.exports[declared.jsFunction] !== 'function') throw new Error(`${pkg.name} does not export the paginator ${declared.jsFunction}.`);
    const input = structureOf(operation.input);
    const output = structureOf(operation.output);
    const has = (shape: ApiStructureShape | undefined, member: string | undefined) => member === undefined || (shape !== undefined && member in shape.members);
    if (!has(input, declared.inputToken) || !has(output, declared.outputToken) || !has(input, declared.pageSize)) {
      throw new Error(`${pkg.name}: the paginator of ${name} names tokens its input or output lacks.`);
    }
    const paginator: ApiPaginator = { inputToken: declared.inputToken, outputToken: declared.outputToken, jsFunction: declared.jsFunction };
    if (declared.pageSize !== undefined) paginator.pageSize = declared.pageSize;
    operation.paginator = paginator;
  }

  const enums = extractEnums(pkg);
  const links = declaredEnumLinks(pkg, new Set(Object.keys(enums)));
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

  const model: ApiModelFile = {
    formatVersion: 1,
    service,
    sdkId: defaults.serviceId,
    protocol,
    namespace,
    sdkPackage: pkg.name,
    sdkVersion: pkg.version,
    jsClient: clientClassName(pkg),
    operations,
    shapes: Object.fromEntries(shapes),
    enums,
  };
  const version = settings['version'];
  if (typeof version === 'string') model.apiVersion = version;
  // Other protocols carry a serviceTarget too, unused on their wire: it is recorded only where it is the target prefix.
  const target = settings['serviceTarget'];
  if (protocol === 'awsJson1_0' || protocol === 'awsJson1_1') {
    if (typeof target !== 'string') throw new Error(`${pkg.name}: an ${protocol} client without a serviceTarget (the X-Amz-Target prefix).`);
    model.jsonTargetPrefix = target;
  }
  const xmlNamespace = settings['xmlNamespace'];
  if (typeof xmlNamespace === 'string') model.xmlNamespace = xmlNamespace;
  if (settings['awsQueryCompatible'] === true) model.awsQueryCompatible = true;
  return model;
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
