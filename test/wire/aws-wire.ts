/**
 * A codec between the API level of an AWS operation and the HTTP messages on the wire, driven by the
 * project's normalized API model (generator/aws/api-model-types.ts).
 *
 * The conformance cases describe every call by the operation's input and output structures. To answer
 * a real AWS SDK (Java or JavaScript) from a local HTTP server, a test needs the other side of each
 * protocol: read the HTTP request the SDK sends back into the input structure (to compare it with the
 * case's `request`), and put the case's `response` or `error` on the wire as the service would.
 *
 * Values on the API side use the case notation: blobs `{$base64: ...}` (decoding always gives this
 * form; encoding also takes `{$text: ...}`), timestamps ISO 8601 text (decoding gives
 * `Date.toISOString()` form), `null` for an absent member, errors `{code, status, message, requestId}`.
 *
 * Written from the protocol descriptions (Smithy `aws.protocols#restJson1`, `awsJson1_0`,
 * `awsJson1_1`, and the HTTP binding traits). Anything they allow that this codec does not implement
 * throws an Error naming the member and what is missing, rather than producing a guess.
 */
import type {
  ApiMember,
  ApiModel,
  ApiOperation,
  ApiProtocol,
  ApiStructureShape,
  SimpleTypeName,
  TimestampFormat,
  TypeRef,
} from '../../generator/aws/api-model.js';
import type { CaseAwsErrorSpec, CaseObject, CaseValue } from '../../generator/spec/types.js';

/**
 * The wire protocols this codec speaks. The functions below take any protocol a model may declare
 * (`ApiProtocol`) and refuse the others by name; awsQuery or restXml would be further entries of
 * `PROTOCOLS`.
 */
export type Protocol = 'restJson1' | 'awsJson1_0' | 'awsJson1_1';

export const PROTOCOL_NAMES = ['restJson1', 'awsJson1_0', 'awsJson1_1'] as const satisfies readonly ApiProtocol[];

/** The protocol an API model declares, when the codec speaks it. */
export function protocolOf(model: ApiModel): Protocol {
  const declared = model.file.protocol;
  const supported = PROTOCOL_NAMES.find((p) => p === declared);
  if (!supported)
    throw new Error(`The API model of ${model.service} speaks ${declared}, which the wire codec does not (it speaks ${PROTOCOL_NAMES.join(', ')}).`);
  return supported;
}

/** An HTTP request as a server receives it. */
export interface WireRequest {
  method: string;
  /** The request target's path, still percent-encoded. */
  path: string;
  /** The raw query string, without '?', still percent-encoded. */
  query: string;
  /** Header values by lower-case name. */
  headers: Record<string, string>;
  body: Uint8Array;
}

/** An HTTP response as a server sends it. Content-Length is left to the HTTP layer. */
export interface WireResponse {
  status: number;
  /** Header values by lower-case name. */
  headers: Record<string, string>;
  body: Uint8Array;
}

/** An AWS error answer in case notation. */
export type WireErrorSpec = CaseAwsErrorSpec;

export interface EncodeResponseOptions {
  /** Sent as `x-amzn-requestid`; the SDKs report it as the request ID. Left out when not given. */
  requestId?: string;
}

export interface EncodeErrorOptions {
  /**
   * For services with the `awsQueryCompatible` trait (SQS): the error's old awsQuery code, sent as
   * `x-amzn-query-error: <code>;<Sender|Receiver>`. SDKs then report that code as the error code.
   * The normalized model does not record the trait, so the caller says it.
   */
  awsQueryErrorCode?: string;
}

/** The HTTP response the service sends for an operation's output (in case notation). */
export function encodeResponse(
  model: ApiModel,
  protocol: ApiProtocol,
  operation: string,
  output: CaseObject,
  options: EncodeResponseOptions = {},
): WireResponse {
  return rulesOf(protocol).encodeResponse(new OperationContext(model, protocol, operation), output, options);
}

/** The HTTP response the service sends for an AWS error: its code, status, message and request ID. */
export function encodeError(model: ApiModel, protocol: ApiProtocol, operation: string, error: WireErrorSpec, options: EncodeErrorOptions = {}): WireResponse {
  return rulesOf(protocol).encodeError(new OperationContext(model, protocol, operation), error, options);
}

/** The operation input (in case notation) an HTTP request carries; throws when the request is not one of this operation. */
export function decodeRequest(model: ApiModel, protocol: ApiProtocol, operation: string, request: WireRequest): CaseObject {
  return rulesOf(protocol).decodeRequest(new OperationContext(model, protocol, operation), request);
}

// ---------------------------------------------------------------------------------------------
// Protocols

interface ProtocolRules {
  decodeRequest(context: OperationContext, request: WireRequest): CaseObject;
  encodeResponse(context: OperationContext, output: CaseObject, options: EncodeResponseOptions): WireResponse;
  encodeError(context: OperationContext, error: WireErrorSpec, options: EncodeErrorOptions): WireResponse;
}

function rulesOf(protocol: ApiProtocol): ProtocolRules {
  const rules = own<ProtocolRules>(PROTOCOLS, protocol);
  if (!rules) throw new Error(`The wire codec does not speak the protocol "${String(protocol)}" (it speaks ${PROTOCOL_NAMES.join(', ')}).`);
  return rules;
}

/** The operation being encoded or decoded, with its model and protocol. */
class OperationContext {
  readonly operation: ApiOperation;
  readonly json: JsonValueCodec;

  constructor(
    readonly model: ApiModel,
    readonly protocol: ApiProtocol,
    readonly name: string,
  ) {
    // Reading one protocol's messages with another's rules would "work" and produce nonsense.
    if (model.file.protocol !== protocol) throw new Error(`The API model of ${model.service} speaks ${model.file.protocol}, not ${protocol}.`);
    const operation = model.operation(name);
    if (!operation) throw new Error(`The API model of ${model.service} has no operation "${name}".`);
    this.operation = operation;
    // jsonName is a restJson1 trait; the awsJson protocols always key the body by member name.
    this.json = new JsonValueCodec(model, protocol === 'restJson1');
  }

  inputShape(): StructureOf {
    return this.structure(this.operation.input, 'input');
  }

  /** The output structure, or undefined when the operation returns nothing (`unit`). */
  outputShape(): StructureOf | undefined {
    return this.operation.output === 'unit' ? undefined : this.structure(this.operation.output, 'output');
  }

  private structure(name: string, role: string): StructureOf {
    const shape = this.model.shape(name);
    if (shape?.type !== 'structure') throw new Error(`${this.name}: the ${role} "${name}" is not a structure in the API model.`);
    return { name, shape };
  }

  /** The error structure a code names, when the model has one. */
  errorShape(code: string): ApiStructureShape | undefined {
    const shape = this.model.shape(code);
    return shape?.type === 'structure' && shape.error ? shape : undefined;
  }

  /** The body key of an error's message: the model's `message` or `Message` member, else `message`. */
  errorMessageKey(code: string): string {
    const shape = this.errorShape(code);
    for (const name of ['message', 'Message']) {
      const member = shape ? own(shape.members, name) : undefined;
      if (member) return this.json.wireName(name, member);
    }
    return 'message';
  }
}

interface StructureOf {
  name: string;
  shape: ApiStructureShape;
}

const REQUEST_ID_HEADER = 'x-amzn-requestid';

/**
 * restJson1: the HTTP binding traits place each top-level member in the URI, query string, headers,
 * status code or payload; the members without a binding form a JSON object body (keys by jsonName).
 * Defaults: timestamps epoch-seconds in the body, date-time in URI and query, http-date in headers;
 * blobs base64 except as the whole payload. Errors: `x-amzn-errortype` header and a JSON message.
 */
const restJson1: ProtocolRules = {
  decodeRequest(context, request) {
    const { name, shape } = context.inputShape();
    const http = context.operation.http;
    if (request.method.toUpperCase() !== http.method.toUpperCase()) {
      throw new Error(`${context.name} is sent with ${http.method}, but the request uses ${request.method}.`);
    }
    const template = parseUriTemplate(http.path, context.name);
    const labels = matchPath(template, request.path, context.name);
    const query = parseQuery(request.query, `${context.name} query string`);
    const headers = lowerCaseKeys(request.headers);
    const result: CaseObject = {};

    // Literal query parameters of the URI template (`?versions`) belong to the operation, not to members.
    const claimed = new Set<string>();
    for (const [key, value] of template.query) {
      const present = query.filter(([k]) => k === key);
      if (!present.some(([, v]) => value === undefined || v === value)) {
        throw new Error(
          `${context.name}: the URI template requires the query parameter ${key}${value === undefined ? '' : `=${value}`}, which the request lacks.`,
        );
      }
      claimed.add(key);
    }
    for (const member of membersWith(shape, 'query')) claimed.add(locationNameOf(name, member));

    const bodyMembers: Array<[string, ApiMember]> = [];
    let payload: [string, ApiMember] | undefined;
    let queryParams: [string, ApiMember] | undefined;
    for (const [memberName, member] of Object.entries(shape.members)) {
      const where = `${name}.${memberName}`;
      switch (member.location) {
        case undefined:
          bodyMembers.push([memberName, member]);
          break;
        case 'uri': {
          const label = locationNameOf(name, [memberName, member]);
          const text = labels.get(label);
          if (text === undefined) throw new Error(`${where}: the URI template ${http.path} has no label {${label}}.`);
          result[memberName] = textToScalar(context.model, member, text, 'date-time', where);
          break;
        }
        case 'query': {
          const key = locationNameOf(name, [memberName, member]);
          const values = query.filter(([k]) => k === key).map(([, v]) => v);
          if (values.length > 0) result[memberName] = textsToMember(context.model, member, values, 'date-time', where, `query parameter ${key}`);
          break;
        }
        case 'queryParams':
          queryParams = [memberName, member];
          break;
        case 'header': {
          const header = locationNameOf(name, [memberName, member]).toLowerCase();
          const text = own(headers, header);
          if (text !== undefined) result[memberName] = headerToMember(context.model, member, text, where);
          break;
        }
        case 'prefixHeaders': {
          const prefix = (member.locationName ?? '').toLowerCase();
          const map = prefixedHeaders(context.model, member, headers, prefix, where);
          if (Object.keys(map).length > 0) result[memberName] = map;
          break;
        }
        case 'payload':
          payload = [memberName, member];
          break;
        case 'statusCode':
          throw new Error(`${where}: an input member cannot be bound to the HTTP status code.`);
        default:
          throw unsupportedLocation(where, member.location);
      }
    }

    const unclaimed = query.filter(([k]) => !claimed.has(k));
    if (queryParams) {
      const [memberName, member] = queryParams;
      const map = queryParamsToMap(context.model, member, unclaimed, `${name}.${memberName}`);
      if (Object.keys(map).length > 0) result[memberName] = map;
    } else if (unclaimed.length > 0) {
      throw new Error(`${name}: the request carries the query parameter "${unclaimed[0]?.[0]}", which no member of the input binds.`);
    }

    if (payload) {
      const [memberName, member] = payload;
      const value = decodePayload(context, member, request.body, `${name}.${memberName}`);
      if (value !== undefined) result[memberName] = value;
    } else if (bodyMembers.length > 0) {
      const body = parseJsonObject(request.body, `${name} body`);
      Object.assign(result, context.json.readMembers(name, bodyMembers, body, `${name}`));
    } else if (request.body.length > 0) {
      throw new Error(`${name}: the request has a ${request.body.length}-byte body, but no member of the input travels in the body.`);
    }
    return result;
  },

  encodeResponse(context, output, options) {
    const structure = context.outputShape();
    const headers: Record<string, string> = {};
    if (options.requestId !== undefined) headers[REQUEST_ID_HEADER] = options.requestId;
    let status = context.operation.http.code;
    if (!structure) {
      expectNoMembers(output, `${context.name} output`);
      return { status, headers, body: new Uint8Array() };
    }
    const { name, shape } = structure;
    checkKnownMembers(name, shape, output);
    const bodyMembers: Array<[string, ApiMember]> = [];
    let body: Uint8Array | undefined;
    for (const [memberName, member] of Object.entries(shape.members)) {
      const where = `${name}.${memberName}`;
      const value = output[memberName];
      switch (member.location) {
        case undefined:
          bodyMembers.push([memberName, member]);
          break;
        case 'statusCode':
          if (value !== undefined && value !== null) status = statusOf(value, where);
          break;
        case 'header':
          if (value !== undefined && value !== null) {
            headers[locationNameOf(name, [memberName, member]).toLowerCase()] = memberToHeader(context.model, member, value, where);
          }
          break;
        case 'prefixHeaders':
          if (value !== undefined && value !== null) Object.assign(headers, mapToPrefixedHeaders(context.model, member, value, where));
          break;
        case 'payload': {
          // The payload member owns the body even when absent: then the body stays empty.
          const encoded = value === undefined || value === null ? undefined : encodePayload(context, member, value, where);
          body = encoded?.body ?? new Uint8Array();
          if (encoded) headers['content-type'] = encoded.contentType;
          break;
        }
        case 'uri':
        case 'query':
        case 'queryParams':
          throw new Error(`${where}: an output member cannot be bound to the ${member.location === 'uri' ? 'URI' : 'query string'}.`);
        default:
          throw unsupportedLocation(where, member.location);
      }
    }
    if (body === undefined && bodyMembers.length > 0) {
      body = jsonBytes(context.json.writeMembers(bodyMembers, output, name));
      headers['content-type'] = 'application/json';
    }
    return { status, headers, body: body ?? new Uint8Array() };
  },

  encodeError(context, error, options) {
    if (options.awsQueryErrorCode !== undefined)
      throw new Error(`${context.name}: awsQuery error codes belong to awsJson services with awsQueryCompatible, not to restJson1.`);
    const headers: Record<string, string> = {
      'x-amzn-errortype': error.code,
      [REQUEST_ID_HEADER]: error.requestId,
      'content-type': 'application/json',
    };
    const body = { [context.errorMessageKey(error.code)]: error.message };
    return { status: statusOf(error.status, `error ${error.code}`), headers, body: jsonBytes(body) };
  },
};

/**
 * awsJson1_0 / awsJson1_1: every request is a POST to `/` naming the operation in `x-amz-target`
 * (`<service target>.<operation>`), input and output are JSON objects of all members keyed by member
 * name (no HTTP bindings, no jsonName), timestamps epoch-seconds, blobs base64. Errors carry
 * `__type`. The two versions differ only in the media type.
 */
function awsJson(version: '1.0' | '1.1'): ProtocolRules {
  const contentType = `application/x-amz-json-${version}`;
  const allMembers = (shape: ApiStructureShape) => Object.entries(shape.members);
  return {
    decodeRequest(context, request) {
      const { name, shape } = context.inputShape();
      if (request.method.toUpperCase() !== 'POST') throw new Error(`${context.name}: awsJson requests are POSTs, not ${request.method}.`);
      if (request.path !== '/') throw new Error(`${context.name}: awsJson requests go to the path /, not ${request.path}.`);
      const headers = lowerCaseKeys(request.headers);
      const target = own(headers, 'x-amz-target');
      if (target === undefined) throw new Error(`${context.name}: the request has no x-amz-target header naming the operation.`);
      const operation = target.slice(target.lastIndexOf('.') + 1);
      if (!target.includes('.') || operation !== context.name) {
        throw new Error(
          `${context.name}: the x-amz-target header "${target}" names ${target.includes('.') ? operation : 'no operation'}, not ${context.name}.`,
        );
      }
      const mediaType = (own(headers, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase();
      if (mediaType !== contentType) throw new Error(`${context.name}: an awsJson${version} request must be sent as ${contentType}, not "${mediaType ?? ''}".`);
      if (request.query !== '') throw new Error(`${context.name}: awsJson requests carry no query string, but this one has "${request.query}".`);
      const body = parseJsonObject(request.body, `${name} body`);
      return context.json.readMembers(name, allMembers(shape), body, name);
    },

    encodeResponse(context, output, options) {
      const headers: Record<string, string> = { 'content-type': contentType };
      if (options.requestId !== undefined) headers[REQUEST_ID_HEADER] = options.requestId;
      const structure = context.outputShape();
      if (!structure) {
        expectNoMembers(output, `${context.name} output`);
        return { status: 200, headers, body: jsonBytes({}) };
      }
      checkKnownMembers(structure.name, structure.shape, output);
      const body = context.json.writeMembers(allMembers(structure.shape), output, structure.name);
      return { status: 200, headers, body: jsonBytes(body) };
    },

    encodeError(context, error, options) {
      const headers: Record<string, string> = { 'content-type': contentType, [REQUEST_ID_HEADER]: error.requestId };
      if (options.awsQueryErrorCode !== undefined) {
        const fault = (context.errorShape(error.code)?.error ?? (error.status >= 500 ? 'server' : 'client')) === 'server' ? 'Receiver' : 'Sender';
        headers['x-amzn-query-error'] = `${options.awsQueryErrorCode};${fault}`;
      }
      // Services qualify the type with the Smithy namespace; clients keep what follows '#'.
      const body = { __type: `${context.model.file.namespace}#${error.code}`, [context.errorMessageKey(error.code)]: error.message };
      return { status: statusOf(error.status, `error ${error.code}`), headers, body: jsonBytes(body) };
    },
  };
}

const PROTOCOLS: Record<Protocol, ProtocolRules> = {
  restJson1,
  awsJson1_0: awsJson('1.0'),
  awsJson1_1: awsJson('1.1'),
};

// ---------------------------------------------------------------------------------------------
// Types of the model

type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
type JsonObject = { [key: string]: JsonValue };

/** A type reference resolved to what a codec needs to know about it. */
type Resolved =
  | { kind: SimpleTypeName }
  | { kind: 'structure' | 'union'; name: string; members: Record<string, ApiMember>; streaming: boolean }
  | { kind: 'list'; item: TypeRef }
  | { kind: 'map'; key: TypeRef; value: TypeRef };

function resolve(model: ApiModel, ref: TypeRef, where: string): Resolved {
  const kind = model.kindOf(ref);
  switch (kind) {
    case undefined:
      throw new Error(`${where}: the API model has no type "${ref}".`);
    case 'structure':
    case 'union': {
      const shape = model.shape(ref);
      if (shape?.type !== kind) throw new Error(`${where}: "${ref}" is not a ${kind} shape.`);
      return { kind, name: ref, members: shape.members, streaming: shape.type === 'union' && shape.streaming === true };
    }
    case 'list': {
      const item = model.listItemType(ref);
      if (item === undefined) throw new Error(`${where}: the list "${ref}" has no element type.`);
      return { kind, item };
    }
    case 'map': {
      const key = model.mapKeyType(ref);
      const value = model.mapValueType(ref);
      if (key === undefined || value === undefined) throw new Error(`${where}: the map "${ref}" lacks its key or value type.`);
      if (model.kindOf(key) !== 'string') throw new Error(`${where}: map keys of type "${key}" are not supported (only strings).`);
      return { kind, key, value };
    }
    default:
      return { kind };
  }
}

function membersWith(shape: ApiStructureShape, location: ApiMember['location']): Array<[string, ApiMember]> {
  return Object.entries(shape.members).filter(([, member]) => member.location === location);
}

function locationNameOf(structure: string, [memberName, member]: [string, ApiMember]): string {
  if (member.locationName === undefined)
    throw new Error(`${structure}.${memberName}: the ${member.location ?? 'body'} member has no locationName in the API model.`);
  return member.locationName;
}

function unsupportedLocation(where: string, location: string): Error {
  return new Error(`${where}: the wire codec does not support the member location "${location}".`);
}

function checkKnownMembers(structure: string, shape: ApiStructureShape, value: CaseObject): void {
  for (const key of Object.keys(value)) {
    if (own(shape.members, key) === undefined) throw new Error(`${structure} has no member "${key}" (the case gives one).`);
  }
}

function expectNoMembers(value: CaseObject, where: string): void {
  const keys = Object.keys(value).filter((k) => value[k] !== null);
  if (keys.length > 0) throw new Error(`${where}: the operation returns nothing, but the case gives ${keys.join(', ')}.`);
}

// ---------------------------------------------------------------------------------------------
// JSON documents

/** Converts between case values and the JSON the protocols put in bodies. */
class JsonValueCodec {
  constructor(
    private readonly model: ApiModel,
    private readonly useJsonName: boolean,
  ) {}

  wireName(memberName: string, member: ApiMember): string {
    return this.useJsonName && member.jsonName !== undefined ? member.jsonName : memberName;
  }

  /** Top-level members into a JSON object; absent (null) members are left out. */
  writeMembers(members: Array<[string, ApiMember]>, value: CaseObject, where: string): JsonObject {
    const out: JsonObject = {};
    for (const [memberName, member] of members) {
      const item = value[memberName];
      if (item === undefined || item === null) continue;
      out[this.wireName(memberName, member)] = this.write(member.target, item, `${where}.${memberName}`, member);
    }
    return out;
  }

  /** A JSON object into top-level members; keys no member claims are an error, JSON null is absence. */
  readMembers(structure: string, members: Array<[string, ApiMember]>, json: JsonObject, where: string): CaseObject {
    const byWireName = new Map(members.map(([memberName, member]) => [this.wireName(memberName, member), [memberName, member] as const]));
    const out: CaseObject = {};
    for (const [key, item] of Object.entries(json)) {
      const entry = byWireName.get(key);
      if (!entry) throw new Error(`${where}: the JSON key "${key}" is no body member of ${structure}.`);
      if (item === null) continue;
      const [memberName, member] = entry;
      out[memberName] = this.read(member.target, item, `${where}.${memberName}`, member);
    }
    return out;
  }

  write(ref: TypeRef, value: CaseValue, where: string, member?: ApiMember): JsonValue {
    const type = resolve(this.model, ref, where);
    switch (type.kind) {
      case 'string':
        return expectType(value, 'string', where);
      case 'boolean':
        return expectType(value, 'boolean', where);
      case 'number':
        return expectNumber(value, where);
      case 'bigInteger':
      case 'bigDecimal':
        throw unsupportedBigNumber(type.kind, where);
      case 'timestamp':
        return formatTimestamp(parseCaseTimestamp(value, where), member?.timestampFormat ?? 'epoch-seconds', where);
      case 'blob':
        return Buffer.from(caseBlob(value, where)).toString('base64');
      case 'document':
        return value;
      case 'structure':
      case 'union': {
        if (type.streaming) throw unsupportedEventStream(where);
        const object = expectObject(value, where);
        const entries = Object.entries(object).filter(([, v]) => v !== null);
        if (type.kind === 'union' && entries.length !== 1) throw new Error(`${where}: a union value sets exactly one member, this one sets ${entries.length}.`);
        const out: JsonObject = {};
        for (const [key, item] of entries) {
          const child = own(type.members, key);
          if (!child) throw new Error(`${where}: ${type.name} has no member "${key}".`);
          out[this.wireName(key, child)] = this.write(child.target, item, `${where}.${key}`, child);
        }
        return out;
      }
      case 'list':
        return expectArray(value, where).map((item, i) => this.write(type.item, notNull(item, `${where}[${i}]`), `${where}[${i}]`));
      case 'map':
        // fromEntries keeps a key such as "__proto__" an ordinary key.
        return Object.fromEntries(
          Object.entries(expectObject(value, where)).map(([key, item]) => [
            key,
            this.write(type.value, notNull(item, `${where}["${key}"]`), `${where}["${key}"]`),
          ]),
        );
    }
  }

  read(ref: TypeRef, json: JsonValue, where: string, member?: ApiMember): CaseValue {
    const type = resolve(this.model, ref, where);
    switch (type.kind) {
      case 'string':
        return expectType(json, 'string', where);
      case 'boolean':
        return expectType(json, 'boolean', where);
      case 'number':
        // JSON has no NaN or infinities; the protocols send them as these strings.
        if (json === 'NaN' || json === 'Infinity' || json === '-Infinity') return Number(json);
        return expectType(json, 'number', where);
      case 'bigInteger':
      case 'bigDecimal':
        throw unsupportedBigNumber(type.kind, where);
      case 'timestamp': {
        const format = member?.timestampFormat ?? 'epoch-seconds';
        if (format === 'epoch-seconds') return isoOf(epochSecondsToMillis(expectType(json, 'number', where), where));
        return isoOf(parseTextTimestamp(expectType(json, 'string', where), format, where));
      }
      case 'blob':
        return { $base64: strictBase64(expectType(json, 'string', where), where) };
      case 'document':
        return json;
      case 'structure':
      case 'union': {
        if (type.streaming) throw unsupportedEventStream(where);
        const out: CaseObject = {};
        for (const [key, item] of Object.entries(expectObject(json, where))) {
          // Unions may carry `__type`, which readers ignore.
          if (type.kind === 'union' && key === '__type') continue;
          const entry = Object.entries(type.members).find(([memberName, child]) => this.wireName(memberName, child) === key);
          if (!entry) throw new Error(`${where}: the JSON key "${key}" is no member of ${type.name}.`);
          if (item === null) continue;
          out[entry[0]] = this.read(entry[1].target, item, `${where}.${entry[0]}`, entry[1]);
        }
        if (type.kind === 'union' && Object.keys(out).length !== 1)
          throw new Error(`${where}: a union value sets exactly one member, this one sets ${Object.keys(out).length}.`);
        return out;
      }
      case 'list':
        return expectArray(json, where).map((item, i) => this.read(type.item, notNull(item, `${where}[${i}]`), `${where}[${i}]`));
      case 'map':
        return Object.fromEntries(
          Object.entries(expectObject(json, where)).map(([key, item]) => [
            key,
            this.read(type.value, notNull(item, `${where}["${key}"]`), `${where}["${key}"]`),
          ]),
        );
    }
  }
}

function jsonBytes(value: JsonValue): Uint8Array {
  return new Uint8Array(Buffer.from(JSON.stringify(value), 'utf8'));
}

function parseJsonObject(body: Uint8Array, where: string): JsonObject {
  // An empty body stands for an empty object: clients may leave it out when no member is set.
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8(body, where));
  } catch (error) {
    throw new Error(`${where} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${where} is not a JSON object.`);
  return parsed as JsonObject;
}

function utf8(bytes: Uint8Array, where: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`${where} is not valid UTF-8.`);
  }
}

// ---------------------------------------------------------------------------------------------
// Payloads

function encodePayload(context: OperationContext, member: ApiMember, value: CaseValue, where: string): { body: Uint8Array; contentType: string } {
  const type = resolve(context.model, member.target, where);
  switch (type.kind) {
    case 'blob':
      return { body: caseBlob(value, where), contentType: 'application/octet-stream' };
    case 'string':
      return { body: new Uint8Array(Buffer.from(expectType(value, 'string', where), 'utf8')), contentType: 'text/plain' };
    case 'structure':
    case 'union':
    case 'document':
      return { body: jsonBytes(context.json.write(member.target, value, where, member)), contentType: 'application/json' };
    default:
      throw new Error(`${where}: a ${type.kind} cannot be the HTTP payload.`);
  }
}

/**
 * The payload member's value, or undefined for an empty body (the wire cannot tell an empty payload
 * from none). The other way round, an SDK may send `{}` for an unset structure payload (the
 * JavaScript SDK does), which reads as an empty structure: the wire cannot tell those apart either.
 */
function decodePayload(context: OperationContext, member: ApiMember, body: Uint8Array, where: string): CaseValue | undefined {
  if (body.length === 0) return undefined;
  const type = resolve(context.model, member.target, where);
  switch (type.kind) {
    case 'blob':
      return { $base64: Buffer.from(body).toString('base64') };
    case 'string':
      return utf8(body, where);
    case 'structure':
    case 'union':
    case 'document': {
      let parsed: JsonValue;
      try {
        parsed = JSON.parse(utf8(body, where)) as JsonValue;
      } catch (error) {
        throw new Error(`${where}: the payload is not JSON: ${error instanceof Error ? error.message : String(error)}`);
      }
      return context.json.read(member.target, parsed, where, member);
    }
    default:
      throw new Error(`${where}: a ${type.kind} cannot be the HTTP payload.`);
  }
}

// ---------------------------------------------------------------------------------------------
// Scalars as text (URI labels, query parameters, headers)

/** A scalar member or list element as text; `defaultFormat` is the location's timestamp format. */
function scalarToText(model: ApiModel, ref: TypeRef, value: CaseValue, defaultFormat: TimestampFormat, where: string, member?: ApiMember): string {
  const type = resolve(model, ref, where);
  switch (type.kind) {
    case 'string':
      return expectType(value, 'string', where);
    case 'boolean':
      return expectType(value, 'boolean', where) ? 'true' : 'false';
    case 'number':
      return String(expectNumber(value, where));
    case 'timestamp':
      return String(formatTimestamp(parseCaseTimestamp(value, where), member?.timestampFormat ?? defaultFormat, where));
    case 'blob':
      return Buffer.from(caseBlob(value, where)).toString('base64');
    case 'bigInteger':
    case 'bigDecimal':
      throw unsupportedBigNumber(type.kind, where);
    default:
      throw new Error(`${where}: a ${type.kind} cannot be written as text here.`);
  }
}

function textToScalarRef(model: ApiModel, ref: TypeRef, text: string, defaultFormat: TimestampFormat, where: string, member?: ApiMember): CaseValue {
  const type = resolve(model, ref, where);
  switch (type.kind) {
    case 'string':
      return text;
    case 'boolean':
      if (text === 'true' || text === 'false') return text === 'true';
      throw new Error(`${where}: "${text}" is not a boolean (true or false).`);
    case 'number':
      if (/^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text) || text === 'NaN' || text === 'Infinity' || text === '-Infinity') return Number(text);
      throw new Error(`${where}: "${text}" is not a number.`);
    case 'timestamp': {
      const format = member?.timestampFormat ?? defaultFormat;
      if (format === 'epoch-seconds') {
        if (!/^-?\d+(\.\d+)?$/.test(text)) throw new Error(`${where}: "${text}" is not an epoch-seconds timestamp.`);
        return isoOf(epochSecondsToMillis(Number(text), where));
      }
      return isoOf(parseTextTimestamp(text, format, where));
    }
    case 'blob':
      return { $base64: strictBase64(text, where) };
    case 'bigInteger':
    case 'bigDecimal':
      throw unsupportedBigNumber(type.kind, where);
    default:
      throw new Error(`${where}: a ${type.kind} cannot be read from text here.`);
  }
}

function textToScalar(model: ApiModel, member: ApiMember, text: string, defaultFormat: TimestampFormat, where: string): CaseValue {
  return textToScalarRef(model, member.target, text, defaultFormat, where, member);
}

/** A query member from all values of its parameter: a list takes them all, a scalar exactly one. */
function textsToMember(model: ApiModel, member: ApiMember, values: string[], defaultFormat: TimestampFormat, where: string, what: string): CaseValue {
  const type = resolve(model, member.target, where);
  if (type.kind === 'list') return values.map((text, i) => textToScalarRef(model, type.item, text, defaultFormat, `${where}[${i}]`));
  if (values.length !== 1) throw new Error(`${where}: the request repeats the ${what} ${values.length} times, but the member is a single ${type.kind}.`);
  return textToScalar(model, member, values[0] as string, defaultFormat, where);
}

function queryParamsToMap(model: ApiModel, member: ApiMember, params: Array<[string, string]>, where: string): CaseObject {
  const type = resolve(model, member.target, where);
  if (type.kind !== 'map') throw new Error(`${where}: query parameters bind to a map, not a ${type.kind}.`);
  const value = resolve(model, type.value, where);
  const out = new Map<string, CaseValue>();
  for (const [key, text] of params) {
    const previous = out.get(key);
    if (value.kind === 'list') {
      out.set(key, [...((previous ?? []) as CaseValue[]), textToScalarRef(model, value.item, text, 'date-time', `${where}["${key}"]`)]);
    } else if (previous !== undefined) {
      throw new Error(`${where}: the query parameter "${key}" is repeated, but the map holds one value per key.`);
    } else {
      out.set(key, textToScalarRef(model, type.value, text, 'date-time', `${where}["${key}"]`));
    }
  }
  return Object.fromEntries(out);
}

// ---------------------------------------------------------------------------------------------
// Headers

/**
 * A header member as text. Lists are comma-separated, an element quoted when it holds a comma or a
 * double quote; http-date timestamps are never quoted although they contain a comma.
 */
function memberToHeader(model: ApiModel, member: ApiMember, value: CaseValue, where: string): string {
  const type = resolve(model, member.target, where);
  let text: string;
  if (type.kind === 'list') {
    const item = resolve(model, type.item, where);
    const httpDates = item.kind === 'timestamp';
    text = expectArray(value, where)
      .map((element, i) => {
        const part = scalarToText(model, type.item, notNull(element, `${where}[${i}]`), 'http-date', `${where}[${i}]`);
        return !httpDates && /[",]/.test(part) ? `"${part.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : part;
      })
      .join(', ');
  } else {
    text = scalarToText(model, member.target, value, 'http-date', where, member);
  }
  checkHeaderText(text, where);
  return text;
}

function headerToMember(model: ApiModel, member: ApiMember, text: string, where: string): CaseValue {
  const type = resolve(model, member.target, where);
  if (type.kind !== 'list') return textToScalar(model, member, text, 'http-date', where);
  const item = resolve(model, type.item, where);
  const parts = item.kind === 'timestamp' ? splitHttpDates(text, where) : splitHeaderList(text, where);
  return parts.map((part, i) => textToScalarRef(model, type.item, part, 'http-date', `${where}[${i}]`));
}

function splitHeaderList(text: string, where: string): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i <= text.length) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (text[i] === '"') {
      let part = '';
      i++;
      for (;;) {
        const c = text[i];
        if (c === undefined) throw new Error(`${where}: the header list "${text}" has an unterminated quoted string.`);
        i++;
        if (c === '"') break;
        if (c === '\\') {
          const escaped = text[i];
          if (escaped === undefined) throw new Error(`${where}: the header list "${text}" ends inside an escape.`);
          part += escaped;
          i++;
        } else {
          part += c;
        }
      }
      parts.push(part);
      while (text[i] === ' ' || text[i] === '\t') i++;
      if (i < text.length && text[i] !== ',') throw new Error(`${where}: the header list "${text}" has text after a quoted string.`);
      i++;
    } else {
      const end = text.indexOf(',', i);
      parts.push(text.slice(i, end === -1 ? text.length : end).trim());
      if (end === -1) break;
      i = end + 1;
    }
  }
  return parts;
}

/** http-date values contain one comma each ("Wed, 01 May 2024 ..."): a list of them splits at every second comma. */
function splitHttpDates(text: string, where: string): string[] {
  const pieces = text.split(',');
  if (pieces.length % 2 !== 0) throw new Error(`${where}: "${text}" is not a list of http-date timestamps.`);
  const out: string[] = [];
  for (let i = 0; i < pieces.length; i += 2) out.push(`${(pieces[i] as string).trim()},${pieces[i + 1] as string}`.trim());
  return out;
}

function mapToPrefixedHeaders(model: ApiModel, member: ApiMember, value: CaseValue, where: string): Record<string, string> {
  const type = resolve(model, member.target, where);
  if (type.kind !== 'map' || resolve(model, type.value, where).kind !== 'string') throw new Error(`${where}: prefix headers bind to a map of strings.`);
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(expectObject(value, where))) {
    const text = expectType(notNull(item, `${where}["${key}"]`), 'string', `${where}["${key}"]`);
    checkHeaderText(text, `${where}["${key}"]`);
    out[`${member.locationName ?? ''}${key}`.toLowerCase()] = text;
  }
  return out;
}

/** Headers with the prefix, keyed by the rest of their (lower-case) name. */
function prefixedHeaders(model: ApiModel, member: ApiMember, headers: Record<string, string>, prefix: string, where: string): CaseObject {
  const type = resolve(model, member.target, where);
  if (type.kind !== 'map' || resolve(model, type.value, where).kind !== 'string') throw new Error(`${where}: prefix headers bind to a map of strings.`);
  return Object.fromEntries(Object.entries(headers).flatMap(([name, text]) => (name.startsWith(prefix) ? [[name.slice(prefix.length), text]] : [])));
}

function checkHeaderText(text: string, where: string): void {
  // Field values are visible ASCII, space, tab and obs-text; line breaks would split the message.
  if (/[^\t\x20-\x7e\x80-\xff]/.test(text)) throw new Error(`${where}: ${JSON.stringify(text)} cannot be sent as an HTTP header value.`);
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

// ---------------------------------------------------------------------------------------------
// URI template and query string

type TemplateSegment = { literal: string } | { label: string; greedy: boolean };

interface UriTemplate {
  segments: TemplateSegment[];
  /** Fixed query parameters of the template; undefined value: the key alone. */
  query: Array<[string, string | undefined]>;
}

function parseUriTemplate(template: string, where: string): UriTemplate {
  const [path = '', fixedQuery] = template.split('?', 2);
  const segments = path
    .replace(/^\//, '')
    .split('/')
    .map((segment): TemplateSegment => {
      const label = /^\{([A-Za-z0-9_]+)(\+?)\}$/.exec(segment);
      if (label) return { label: label[1] as string, greedy: label[2] === '+' };
      if (segment.includes('{')) throw new Error(`${where}: the URI template ${template} has a label inside a segment, which the codec does not support.`);
      return { literal: segment };
    });
  if (segments.filter((s) => 'greedy' in s && s.greedy).length > 1) throw new Error(`${where}: the URI template ${template} has more than one greedy label.`);
  const query: Array<[string, string | undefined]> =
    fixedQuery === undefined || fixedQuery === ''
      ? []
      : fixedQuery.split('&').map((part) => {
          const eq = part.indexOf('=');
          return eq === -1 ? [part, undefined] : [part.slice(0, eq), part.slice(eq + 1)];
        });
  return { segments, query };
}

/** The decoded label values of a request path, by label name; throws when the path does not fit. */
function matchPath(template: UriTemplate, rawPath: string, where: string): Map<string, string> {
  const parts = rawPath.replace(/^\//, '').split('/');
  const shown = () => template.segments.map((s) => ('literal' in s ? s.literal : `{${s.label}${s.greedy ? '+' : ''}}`)).join('/');
  const mismatch = () => new Error(`${where}: the request path ${rawPath} does not fit the URI template /${shown()}.`);
  const greedyAt = template.segments.findIndex((s) => 'greedy' in s && s.greedy);
  const labels = new Map<string, string>();
  const bind = (segment: TemplateSegment, raw: string[]) => {
    if ('literal' in segment) {
      if (raw.length !== 1 || decodePercent(raw[0] as string, where) !== segment.literal) throw mismatch();
      return;
    }
    // A label is never empty; a greedy one spans several segments, each decoded on its own.
    if (raw.some((r) => r === '')) throw mismatch();
    labels.set(segment.label, raw.map((r) => decodePercent(r, where)).join('/'));
  };
  if (greedyAt === -1) {
    if (parts.length !== template.segments.length) throw mismatch();
    template.segments.forEach((segment, i) => bind(segment, [parts[i] as string]));
    return labels;
  }
  const after = template.segments.length - greedyAt - 1;
  if (parts.length < template.segments.length) throw mismatch();
  template.segments.slice(0, greedyAt).forEach((segment, i) => bind(segment, [parts[i] as string]));
  bind(template.segments[greedyAt] as TemplateSegment, parts.slice(greedyAt, parts.length - after));
  template.segments.slice(greedyAt + 1).forEach((segment, i) => bind(segment, [parts[parts.length - after + i] as string]));
  return labels;
}

/** The decoded key/value pairs of a raw query string, in order. */
function parseQuery(raw: string, where: string): Array<[string, string]> {
  if (raw === '') return [];
  // RFC 3986 reads a bare '+' as a plus, HTML forms as a space. The AWS SDKs percent-encode both
  // characters, so a bare '+' means a client this codec does not know; it refuses to pick a reading.
  if (raw.includes('+'))
    throw new Error(`${where}: "${raw}" holds a bare '+', which is a plus to RFC 3986 and a space to HTML forms; AWS SDKs send %2B or %20.`);
  return raw.split('&').map((part) => {
    const eq = part.indexOf('=');
    const key = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? '' : part.slice(eq + 1);
    return [decodePercent(key, where), decodePercent(value, where)];
  });
}

function decodePercent(text: string, where: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new Error(`${where}: "${text}" is not valid percent-encoded UTF-8.`);
  }
}

// ---------------------------------------------------------------------------------------------
// Timestamps

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;

/** A case timestamp (RFC 3339 text) in milliseconds since the epoch. */
function parseCaseTimestamp(value: CaseValue, where: string): number {
  const text = expectType(value, 'string', where);
  if (!DATE_TIME.test(text)) throw new Error(`${where}: timestamps are written as RFC 3339 text (2024-05-01T12:34:56.000Z), not "${text}".`);
  return parseTextTimestamp(text, 'date-time', where);
}

function parseTextTimestamp(text: string, format: 'date-time' | 'http-date', where: string): number {
  if (format === 'http-date') {
    if (!HTTP_DATE.test(text)) throw new Error(`${where}: "${text}" is not an http-date (IMF-fixdate) timestamp.`);
    return Date.parse(text);
  }
  const match = DATE_TIME.exec(text);
  if (!match) throw new Error(`${where}: "${text}" is not a date-time (RFC 3339) timestamp.`);
  // Date keeps milliseconds; finer digits would be dropped without notice.
  if (/[1-9]/.test((match[7] ?? '').slice(4))) throw new Error(`${where}: "${text}" is more precise than milliseconds, which the codec cannot keep.`);
  const millis = Date.parse(text);
  if (Number.isNaN(millis)) throw new Error(`${where}: "${text}" is not a valid date.`);
  return millis;
}

function formatTimestamp(millis: number, format: TimestampFormat, where: string): number | string {
  switch (format) {
    case 'epoch-seconds':
      return millis / 1000;
    case 'date-time':
      return new Date(millis).toISOString();
    case 'http-date':
      if (millis % 1000 !== 0) throw new Error(`${where}: an http-date timestamp has whole seconds; ${isoOf(millis)} would lose its milliseconds.`);
      return new Date(millis).toUTCString();
  }
}

function epochSecondsToMillis(seconds: number, where: string): number {
  const millis = Math.round(seconds * 1000);
  // A hundredth of a millisecond is far above the rounding error of the product and far below a digit a sender meant.
  if (Math.abs(millis - seconds * 1000) > 0.01) throw new Error(`${where}: ${seconds} is more precise than milliseconds, which the codec cannot keep.`);
  return millis;
}

function isoOf(millis: number): string {
  return new Date(millis).toISOString();
}

// ---------------------------------------------------------------------------------------------
// Case values

function caseBlob(value: CaseValue, where: string): Uint8Array {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1) {
    const text = value['$text'];
    if (typeof text === 'string') return new Uint8Array(Buffer.from(text, 'utf8'));
    const base64 = value['$base64'];
    if (typeof base64 === 'string') return new Uint8Array(Buffer.from(strictBase64(base64, where), 'base64'));
  }
  throw new Error(`${where}: a blob is written {$text: ...} or {$base64: ...}, not ${JSON.stringify(value)}.`);
}

/** Base64 text checked to be canonical, so that no stray character is dropped without notice. */
function strictBase64(text: string, where: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0 || Buffer.from(text, 'base64').toString('base64') !== text) {
    throw new Error(`${where}: "${text.length > 40 ? `${text.slice(0, 40)}...` : text}" is not canonical base64.`);
  }
  return text;
}

interface TypeNames {
  string: string;
  boolean: boolean;
  number: number;
}

function expectType<K extends keyof TypeNames>(value: CaseValue | JsonValue, type: K, where: string): TypeNames[K] {
  if (typeof value !== type) throw new Error(`${where}: expected a ${type}, got ${JSON.stringify(value)}.`);
  return value as TypeNames[K];
}

function expectNumber(value: CaseValue, where: string): number {
  const number = expectType(value, 'number', where);
  if (!Number.isFinite(number)) throw new Error(`${where}: ${number} cannot be written as a JSON number.`);
  return number;
}

function expectObject<T extends CaseValue | JsonValue>(value: T, where: string): { [key: string]: T } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${where}: expected an object, got ${JSON.stringify(value)}.`);
  return value as { [key: string]: T };
}

function expectArray<T extends CaseValue | JsonValue>(value: T, where: string): T[] {
  if (!Array.isArray(value)) throw new Error(`${where}: expected a list, got ${JSON.stringify(value)}.`);
  return value as T[];
}

function notNull<T>(value: T | null, where: string): T {
  // Sparse lists and maps may hold nulls, but the normalized model does not record which are sparse.
  if (value === null) throw new Error(`${where}: null elements need a sparse list or map, which the API model does not record.`);
  return value;
}

function statusOf(value: CaseValue, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 100 || value > 599)
    throw new Error(`${where}: ${JSON.stringify(value)} is not an HTTP status code.`);
  return value;
}

function unsupportedBigNumber(kind: string, where: string): Error {
  return new Error(`${where}: ${kind} values are not supported by the wire codec (a JavaScript number cannot hold them exactly).`);
}

function unsupportedEventStream(where: string): Error {
  return new Error(`${where}: event streams are not supported by the wire codec.`);
}

/** A record's own entry; inherited names such as `constructor` are no keys of a model or a message. */
function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}
