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
 * `awsJson1_1`, `awsQuery`, `restXml`, the HTTP binding traits and the XML binding traits). Anything
 * they allow that this codec does not implement throws an Error naming the member and what is
 * missing, rather than producing a guess.
 */
import type {
  ApiMember,
  ApiModel,
  ApiOperation,
  ApiProtocol,
  ApiStructureShape,
  ApiXmlNamespace,
  SimpleTypeName,
  TimestampFormat,
  TypeRef,
} from '../../generator/aws/api-model.js';
import type { CaseAwsErrorSpec, CaseObject, CaseValue } from '../../generator/spec/types.js';

/**
 * The wire protocols this codec speaks. The functions below take any protocol a model may declare
 * (`ApiProtocol`) and refuse the others by name; ec2Query would be a further entry of `PROTOCOLS`.
 */
export type Protocol = 'restJson1' | 'awsJson1_0' | 'awsJson1_1' | 'awsQuery' | 'restXml';

export const PROTOCOL_NAMES = ['restJson1', 'awsJson1_0', 'awsJson1_1', 'awsQuery', 'restXml'] as const satisfies readonly ApiProtocol[];

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
  /**
   * The request ID the SDKs report: sent as `x-amzn-requestid` (restXml: `x-amz-request-id`, as S3
   * sends it; awsQuery: also in the body's `ResponseMetadata`). Left out when not given.
   */
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
  readonly xml: XmlValueCodec;

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
    this.xml = new XmlValueCodec(model);
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
 * The REST protocols (restJson1, restXml): the HTTP binding traits place each top-level member in the
 * URI, query string, headers, status code or payload; the members without a binding form the body,
 * whose format (`RestBody`) is the protocol's. Defaults: date-time timestamps in URI and query,
 * http-date in headers; blobs base64 except as the whole payload.
 */
interface RestBody {
  /** The members without a binding, read from the request body (possibly empty). */
  readMembers(context: OperationContext, structure: StructureOf, members: Array<[string, ApiMember]>, body: Uint8Array): CaseObject;
  /** The members without a binding as the response body. */
  writeMembers(context: OperationContext, structure: StructureOf, members: Array<[string, ApiMember]>, value: CaseObject): EncodedBody;
  /** A structure, union or document payload from a non-empty body. */
  readPayload(context: OperationContext, member: ApiMember, body: Uint8Array, where: string): CaseValue;
  /** A structure, union or document payload. */
  writePayload(context: OperationContext, member: ApiMember, value: CaseValue, where: string): EncodedBody;
}

interface EncodedBody {
  body: Uint8Array;
  contentType: string;
}

function restRules(format: RestBody, requestIdHeader: string): Pick<ProtocolRules, 'decodeRequest' | 'encodeResponse'> {
  return {
    decodeRequest(context, request) {
      const { name, shape } = context.inputShape();
      const http = context.operation.http;
      if (request.method.toUpperCase() !== http.method.toUpperCase()) {
        throw new Error(`${context.name} is sent with ${http.method}, but the request uses ${request.method}.`);
      }
      const template = parseUriTemplate(http.path, context.name);
      const templateLabels = new Set(template.segments.flatMap((s) => ('label' in s ? [s.label] : [])));
      // URI members the template does not name are bound by the endpoint rules instead (S3's Bucket):
      // path-style addressing, which the SDKs use against an IP address, puts them ahead of the path.
      const endpointLabels = membersWith(shape, 'uri')
        .map((m) => locationNameOf(name, m))
        .filter((label) => !templateLabels.has(label));
      const labels = matchPath(template, request.path, context.name, endpointLabels);
      const query = parseQuery(request.query, `${context.name} query string`);
      const headers = lowerCaseKeys(request.headers);
      const result: CaseObject = {};

      // Literal query parameters of the URI template (`?versions`) belong to the operation, not to members.
      const claimed = new Set<string>();
      for (const [key, value] of template.query) {
        const present = query.filter(([k]) => k === key);
        // S3's Smithy model adds `x-id=<Operation>` to some templates to tell operations apart; S3 does
        // not need it, and the AWS SDK for Java (whose S3 model predates it) does not send it.
        if (present.length === 0 && key === 'x-id') continue;
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
        const value = decodePayload(context, format, member, request.body, `${name}.${memberName}`);
        if (value !== undefined) result[memberName] = value;
      } else if (bodyMembers.length > 0) {
        Object.assign(result, format.readMembers(context, { name, shape }, bodyMembers, request.body));
      } else if (request.body.length > 0) {
        throw new Error(`${name}: the request has a ${request.body.length}-byte body, but no member of the input travels in the body.`);
      }
      return result;
    },

    encodeResponse(context, output, options) {
      const structure = context.outputShape();
      const headers: Record<string, string> = {};
      if (options.requestId !== undefined) headers[requestIdHeader] = options.requestId;
      let status = context.operation.http.code;
      if (!structure) {
        expectNoMembers(output, `${context.name} output`);
        return { status, headers, body: new Uint8Array() };
      }
      const { name, shape } = structure;
      checkKnownMembers(name, shape, output);
      const bodyMembers: Array<[string, ApiMember]> = [];
      let body: EncodedBody | undefined;
      let payloadBound = false;
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
          case 'payload':
            // The payload member owns the body even when absent: then the body stays empty.
            payloadBound = true;
            if (value !== undefined && value !== null) body = encodePayload(context, format, member, value, where);
            break;
          case 'uri':
          case 'query':
          case 'queryParams':
            throw new Error(`${where}: an output member cannot be bound to the ${member.location === 'uri' ? 'URI' : 'query string'}.`);
          default:
            throw unsupportedLocation(where, member.location);
        }
      }
      if (!payloadBound && bodyMembers.length > 0) body = format.writeMembers(context, structure, bodyMembers, output);
      // A member bound to Content-Type (S3's ContentType) says what the body is.
      if (body && own(headers, 'content-type') === undefined) headers['content-type'] = body.contentType;
      return { status, headers, body: body?.body ?? new Uint8Array() };
    },
  };
}

/**
 * restJson1: the body is a JSON object of the unbound members (keys by jsonName, timestamps
 * epoch-seconds); a structure payload is such an object. Errors: `x-amzn-errortype` and a JSON message.
 */
const JSON_BODY: RestBody = {
  readMembers(context, { name }, members, body) {
    return context.json.readMembers(name, members, parseJsonObject(body, `${name} body`), name);
  },
  writeMembers(context, { name }, members, value) {
    return { body: jsonBytes(context.json.writeMembers(members, value, name)), contentType: 'application/json' };
  },
  readPayload(context, member, body, where) {
    let parsed: JsonValue;
    try {
      parsed = JSON.parse(utf8(body, where)) as JsonValue;
    } catch (error) {
      throw new Error(`${where}: the payload is not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    return context.json.read(member.target, parsed, where, member);
  },
  writePayload(context, member, value, where) {
    return { body: jsonBytes(context.json.write(member.target, value, where, member)), contentType: 'application/json' };
  },
};

const restJson1: ProtocolRules = {
  ...restRules(JSON_BODY, REQUEST_ID_HEADER),

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
 * restXml: the body is an XML document of the unbound members, its root element named by the
 * structure's xmlName (else the structure's name) in the service's namespace; a structure payload is
 * a document whose root is named by the payload member's xmlName (else its structure's xmlName or
 * name). Timestamps in the body are date-time. The request ID goes in `x-amz-request-id`, as S3
 * sends it (the SDKs read it there as well as from `x-amzn-requestid`).
 *
 * Errors are written as S3 writes them, `<Error><Code/><Message/><RequestId/></Error>` (the
 * `noErrorWrapping` form; the model does not record whether a service wraps them in
 * `<ErrorResponse>`, and the SDKs read both). An answer to HEAD has no body, as with S3: the SDKs
 * then know the error by its status only (404: `NotFound`).
 */
const S3_REQUEST_ID_HEADER = 'x-amz-request-id';

const XML_BODY: RestBody = {
  readMembers(context, { name, shape }, members, body) {
    // An SDK may leave the body out when no body member is set.
    if (body.length === 0) return {};
    const root = parseXml(body, `${name} body`);
    const expected = shape.xmlName ?? name;
    if (root.name !== expected) throw new Error(`${name} body: the root element is <${root.name}>, not <${expected}>.`);
    return context.xml.readMembers(name, members, root, name);
  },
  writeMembers(context, { name, shape }, members, value) {
    const root = xmlElement(shape.xmlName ?? name);
    const namespace = shape.xmlNamespace ?? serviceNamespace(context.model);
    declareNamespace(root, namespace);
    // S3's GetBucketLocation answers <LocationConstraint>EU</LocationConstraint>: an output whose one
    // body member is named like its root element is the root's text (both SDKs read it so).
    const only = members.length === 1 ? members[0] : undefined;
    if (only && (only[1].xmlName ?? only[0]) === root.name && isSimpleKind(resolve(context.model, only[1].target, name).kind)) {
      const item = value[only[0]];
      if (item !== undefined && item !== null) root.text = xmlScalarText(context.model, only[1].target, item, `${name}.${only[0]}`, only[1]);
    } else {
      context.xml.writeMembersInto(root, members, value, name, defaultNamespaceOf(namespace, undefined));
    }
    return { body: xmlDocumentBytes(root), contentType: 'application/xml' };
  },
  readPayload(context, member, body, where) {
    const root = parseXml(body, where);
    const expected = payloadRootName(context.model, member, where);
    if (root.name !== expected) throw new Error(`${where}: the payload's root element is <${root.name}>, not <${expected}>.`);
    return context.xml.read(member.target, root, where, member);
  },
  writePayload(context, member, value, where) {
    const root = context.xml.rootElement(member, value, payloadRootName(context.model, member, where), where);
    return { body: xmlDocumentBytes(root), contentType: 'application/xml' };
  },
};

/**
 * S3's `ExpiresString` is the text of its `Expires` header, which S3 sends even when it is no date.
 * The model binds the member to a header named `ExpiresString`, and both SDKs read it from `Expires`
 * instead (the JavaScript SDK copies the header over; the Java SDK's S3 model binds it so), so the
 * answer carries it in `Expires`, which must then agree with the `Expires` timestamp when both are set.
 */
function withS3ExpiresString(response: WireResponse, where: string): WireResponse {
  const text = own(response.headers, 'expiresstring');
  if (text === undefined) return response;
  const headers = Object.fromEntries(Object.entries(response.headers).filter(([name]) => name !== 'expiresstring'));
  const expires = own(headers, 'expires');
  if (expires !== undefined && expires !== text)
    throw new Error(`${where}: S3 sends Expires and ExpiresString in one header, Expires; "${expires}" and "${text}" differ.`);
  headers['expires'] = text;
  return { ...response, headers };
}

function payloadRootName(model: ApiModel, member: ApiMember, where: string): string {
  const type = resolve(model, member.target, where);
  if (type.kind !== 'structure' && type.kind !== 'union') throw new Error(`${where}: a ${type.kind} payload cannot be written as XML.`);
  const shape = model.shape(member.target);
  return member.xmlName ?? (shape?.type === 'structure' ? shape.xmlName : undefined) ?? member.target;
}

const restXmlBindings = restRules(XML_BODY, S3_REQUEST_ID_HEADER);

const restXml: ProtocolRules = {
  decodeRequest: restXmlBindings.decodeRequest,

  encodeResponse(context, output, options) {
    const response = restXmlBindings.encodeResponse(context, output, options);
    return context.model.sdkId === 'S3' ? withS3ExpiresString(response, context.name) : response;
  },

  encodeError(context, error, options) {
    if (options.awsQueryErrorCode !== undefined)
      throw new Error(`${context.name}: awsQuery error codes belong to awsJson services with awsQueryCompatible, not to restXml.`);
    const status = statusOf(error.status, `error ${error.code}`);
    const headers: Record<string, string> = { [S3_REQUEST_ID_HEADER]: error.requestId };
    if (context.operation.http.method.toUpperCase() === 'HEAD') return { status, headers, body: new Uint8Array() };
    const root = xmlElement('Error');
    root.children.push(
      textElement('Code', error.code, `error ${error.code}`),
      textElement('Message', error.message, `error ${error.code} message`),
      textElement('RequestId', error.requestId, `error ${error.code} request ID`),
    );
    headers['content-type'] = 'application/xml';
    return { status, headers, body: xmlDocumentBytes(root) };
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

/**
 * awsQuery (SNS, STS, SQS before its JSON protocol): every request is a form-encoded POST to `/`
 * with `Action=<Operation>&Version=<API version>` and the input flattened into keys: structure
 * members by xmlName (else member name), `<list>.member.N` (`<list>.N` when flattened; the list's
 * member xmlName replaces `member`), `<map>.entry.N.key` / `.value` (`<map>.N.key` when flattened;
 * keyXmlName / valueXmlName replace `key` / `value`), an empty list as the bare key with an empty
 * value. Timestamps are date-time, blobs base64.
 *
 * Responses are `<OperationResponse xmlns="<service namespace>"><OperationResult>` holding the
 * output as XML (as restXml writes structure members) and `<ResponseMetadata><RequestId>`; errors
 * are `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>` with the
 * error's awsQueryError code where the model has one.
 */
const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

const awsQuery: ProtocolRules = {
  decodeRequest(context, request) {
    if (request.method.toUpperCase() !== 'POST') throw new Error(`${context.name}: awsQuery requests are POSTs, not ${request.method}.`);
    if (request.path !== '/') throw new Error(`${context.name}: awsQuery requests go to the path /, not ${request.path}.`);
    if (request.query !== '')
      throw new Error(`${context.name}: awsQuery requests carry their parameters in the body, but this one has the query "${request.query}".`);
    const headers = lowerCaseKeys(request.headers);
    const mediaType = (own(headers, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (mediaType !== FORM_MEDIA_TYPE) throw new Error(`${context.name}: an awsQuery request must be sent as ${FORM_MEDIA_TYPE}, not "${mediaType ?? ''}".`);
    const params = parseForm(request.body, `${context.name} body`);
    const action = params.get('Action');
    if (action !== context.name)
      throw new Error(`${context.name}: the request's Action is ${action === undefined ? 'missing' : `"${action}"`}, not ${context.name}.`);
    const version = params.get('Version');
    const expected = context.model.file.apiVersion;
    if (version === undefined || (expected !== undefined && version !== expected)) {
      throw new Error(`${context.name}: the request's Version is ${version === undefined ? 'missing' : `"${version}"`}, not ${expected ?? 'given'}.`);
    }
    params.delete('Action');
    params.delete('Version');
    const reader = new QueryReader(context.model, params);
    const input = context.operation.input === 'unit' ? undefined : context.inputShape();
    const result = input ? reader.readMembers(Object.entries(input.shape.members), '', input.name) : {};
    reader.checkAllRead(input?.name ?? `${context.name} input`);
    return result;
  },

  encodeResponse(context, output, options) {
    const namespace = serviceNamespace(context.model);
    const root = xmlElement(`${context.name}Response`);
    declareNamespace(root, namespace);
    const structure = context.outputShape();
    if (!structure) {
      expectNoMembers(output, `${context.name} output`);
    } else {
      checkKnownMembers(structure.name, structure.shape, output);
      const result = xmlElement(`${context.name}Result`);
      context.xml.writeMembersInto(result, Object.entries(structure.shape.members), output, structure.name, namespace?.uri);
      root.children.push(result);
    }
    const headers: Record<string, string> = { 'content-type': 'text/xml' };
    if (options.requestId !== undefined) {
      const metadata = xmlElement('ResponseMetadata');
      metadata.children.push(textElement('RequestId', options.requestId, `${context.name} request ID`));
      root.children.push(metadata);
      headers[REQUEST_ID_HEADER] = options.requestId;
    }
    return { status: 200, headers, body: xmlDocumentBytes(root, false) };
  },

  encodeError(context, error, options) {
    if (options.awsQueryErrorCode !== undefined)
      throw new Error(`${context.name}: an awsQuery service's error codes come from its model (awsQueryError), not from awsQueryErrorCode.`);
    const where = `error ${error.code}`;
    const status = statusOf(error.status, where);
    const shape = context.errorShape(error.code);
    const wire = shape?.awsQueryError;
    if (wire && wire.httpStatus !== status) throw new Error(`${where}: the API model answers it with HTTP ${wire.httpStatus}, not ${status}.`);
    const fault = (shape?.error ?? (status >= 500 ? 'server' : 'client')) === 'server' ? 'Receiver' : 'Sender';
    const root = xmlElement('ErrorResponse');
    declareNamespace(root, serviceNamespace(context.model));
    const detail = xmlElement('Error');
    detail.children.push(
      textElement('Type', fault, where),
      textElement('Code', wire?.code ?? error.code, where),
      textElement('Message', error.message, `${where} message`),
    );
    root.children.push(detail, textElement('RequestId', error.requestId, `${where} request ID`));
    const headers = { 'content-type': 'text/xml', [REQUEST_ID_HEADER]: error.requestId };
    return { status, headers, body: xmlDocumentBytes(root, false) };
  },
};

const PROTOCOLS: Record<Protocol, ProtocolRules> = {
  restJson1,
  awsJson1_0: awsJson('1.0'),
  awsJson1_1: awsJson('1.1'),
  awsQuery,
  restXml,
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
// XML documents (restXml bodies, awsQuery responses)

/** An XML element: its attributes in order, child elements, and its own character data. */
interface XmlElement {
  name: string;
  attributes: Array<[string, string]>;
  children: XmlElement[];
  /** Character data and CDATA directly inside the element (entities resolved), without the children's. */
  text: string;
}

function xmlElement(name: string): XmlElement {
  return { name, attributes: [], children: [], text: '' };
}

function textElement(name: string, text: string, where: string): XmlElement {
  const element = xmlElement(name);
  element.text = checkXmlText(text, where);
  return element;
}

function serviceNamespace(model: ApiModel): ApiXmlNamespace | undefined {
  return model.file.xmlNamespace === undefined ? undefined : { uri: model.file.xmlNamespace };
}

function declareNamespace(element: XmlElement, namespace: ApiXmlNamespace | undefined): void {
  if (namespace) element.attributes.push([namespace.prefix === undefined ? 'xmlns' : `xmlns:${namespace.prefix}`, namespace.uri]);
}

/** The default namespace inside an element that declares `namespace` (a prefixed one leaves it as it was). */
function defaultNamespaceOf(namespace: ApiXmlNamespace | undefined, outer: string | undefined): string | undefined {
  return namespace && namespace.prefix === undefined ? namespace.uri : outer;
}

function isSimpleKind(kind: Resolved['kind']): boolean {
  return kind !== 'structure' && kind !== 'union' && kind !== 'list' && kind !== 'map' && kind !== 'document';
}

/** The element name of a list's items when the list is not flattened. */
function listItemXmlName(model: ApiModel, ref: TypeRef): string {
  const shape = model.shape(ref);
  return (shape?.type === 'list' ? shape.memberXmlName : undefined) ?? 'member';
}

function mapXmlNames(model: ApiModel, ref: TypeRef): { key: string; value: string } {
  const shape = model.shape(ref);
  return shape?.type === 'map' ? { key: shape.keyXmlName ?? 'key', value: shape.valueXmlName ?? 'value' } : { key: 'key', value: 'value' };
}

/** A scalar as XML character data; timestamps default to date-time. */
function xmlScalarText(model: ApiModel, ref: TypeRef, value: CaseValue, where: string, member?: ApiMember): string {
  return checkXmlText(scalarToText(model, ref, value, 'date-time', where, member), where);
}

/** Text XML 1.0 can carry: no control characters but tab, line feed and carriage return, no lone surrogates. */
function checkXmlText(text: string, where: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text))
    throw new Error(`${where}: ${JSON.stringify(text)} holds a character XML 1.0 cannot carry.`);
  return text;
}

function escapeXml(text: string, attribute: boolean): string {
  // A carriage return is written as a reference: XML parsers turn a literal one into a line feed.
  const out = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
  // Attribute values lose literal tabs and line feeds to spaces.
  return attribute ? out.replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;') : out;
}

function xmlString(element: XmlElement): string {
  const attributes = element.attributes.map(([name, value]) => ` ${name}="${escapeXml(value, true)}"`).join('');
  const content = escapeXml(element.text, false) + element.children.map(xmlString).join('');
  return content === '' ? `<${element.name}${attributes}/>` : `<${element.name}${attributes}>${content}</${element.name}>`;
}

function xmlDocumentBytes(root: XmlElement, declaration = true): Uint8Array {
  return new Uint8Array(Buffer.from(`${declaration ? '<?xml version="1.0" encoding="UTF-8"?>' : ''}${xmlString(root)}`, 'utf8'));
}

/**
 * A UTF-8 XML document's root element. Reads elements, attributes, character data, CDATA, character
 * and the predefined entity references, and skips the declaration, comments and processing
 * instructions; refuses DOCTYPEs (so no other entity) and anything not well-formed.
 */
function parseXml(bytes: Uint8Array, where: string): XmlElement {
  let text = utf8(bytes, where).replace(/\r\n?/g, '\n');
  if (text.startsWith('\ufeff')) text = text.slice(1);
  let i = 0;
  const fail = (what: string): Error => new Error(`${where} is not well-formed XML: ${what} (at character ${i}).`);
  const skipSpace = () => {
    while (/[ \t\n]/.test(text.charAt(i))) i++;
  };
  const readTo = (stop: string): string => {
    const end = text.indexOf(stop, i);
    if (end === -1) throw fail(`"${stop}" is missing`);
    const read = text.slice(i, end);
    i = end + stop.length;
    return read;
  };
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (text.startsWith('<?', i)) readTo('?>');
      else if (text.startsWith('<!--', i)) readTo('-->');
      else if (text.startsWith('<!', i)) throw fail('a DOCTYPE, which the codec does not read');
      else return;
    }
  };
  const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
  const readName = (): string => {
    NAME.lastIndex = i;
    const match = NAME.exec(text);
    if (!match) throw fail('a name is expected');
    i = NAME.lastIndex;
    return match[0];
  };
  const readElement = (): XmlElement => {
    i++; // '<'
    const element = xmlElement(readName());
    for (;;) {
      const before = i;
      skipSpace();
      if (text.startsWith('/>', i)) {
        i += 2;
        return element;
      }
      if (text.charAt(i) === '>') {
        i++;
        break;
      }
      if (i === before) throw fail(`<${element.name}> has something other than an attribute in its tag`);
      const name = readName();
      skipSpace();
      if (text.charAt(i) !== '=') throw fail(`the attribute ${name} has no value`);
      i++;
      skipSpace();
      const quote = text.charAt(i);
      if (quote !== '"' && quote !== "'") throw fail(`the value of the attribute ${name} is not quoted`);
      i++;
      const raw = readTo(quote);
      if (raw.includes('<')) throw fail(`the value of the attribute ${name} holds '<'`);
      if (element.attributes.some(([n]) => n === name)) throw fail(`<${element.name}> repeats the attribute ${name}`);
      element.attributes.push([name, decodeXmlReferences(raw.replace(/[\t\n]/g, ' '), fail)]);
    }
    for (;;) {
      if (i >= text.length) throw fail(`<${element.name}> is not closed`);
      if (text.startsWith('</', i)) {
        i += 2;
        const name = readName();
        skipSpace();
        if (text.charAt(i) !== '>' || name !== element.name) throw fail(`</${name}> does not close <${element.name}>`);
        i++;
        return element;
      }
      if (text.startsWith('<!--', i)) readTo('-->');
      else if (text.startsWith('<![CDATA[', i)) {
        i += 9;
        element.text += readTo(']]>');
      } else if (text.startsWith('<?', i)) readTo('?>');
      else if (text.charAt(i) === '<') element.children.push(readElement());
      else {
        const end = text.indexOf('<', i);
        const raw = text.slice(i, end === -1 ? text.length : end);
        i = end === -1 ? text.length : end;
        element.text += decodeXmlReferences(raw, fail);
      }
    }
  };
  skipMisc();
  if (text.charAt(i) !== '<') throw fail('there is no root element');
  const root = readElement();
  skipMisc();
  if (i < text.length) throw fail('there is content after the root element');
  return root;
}

function decodeXmlReferences(raw: string, fail: (what: string) => Error): string {
  const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
  let out = '';
  let at = 0;
  for (;;) {
    const amp = raw.indexOf('&', at);
    if (amp === -1) return out + raw.slice(at);
    const semicolon = raw.indexOf(';', amp);
    if (semicolon === -1) throw fail(`"${raw.slice(amp, amp + 10)}" is no reference`);
    const ref = raw.slice(amp + 1, semicolon);
    const code = /^#x[0-9a-fA-F]{1,6}$/.test(ref) ? parseInt(ref.slice(2), 16) : /^#[0-9]{1,7}$/.test(ref) ? parseInt(ref.slice(1), 10) : undefined;
    if (code !== undefined) {
      if (code > 0x10ffff) throw fail(`&${ref}; is no character`);
      out += raw.slice(at, amp) + String.fromCodePoint(code);
    } else {
      const entity = own(named, ref);
      if (entity === undefined) throw fail(`&${ref}; is no predefined entity`);
      out += raw.slice(at, amp) + entity;
    }
    at = semicolon + 1;
  }
}

/**
 * Converts between case values and XML elements by the XML binding traits: members by xmlName (else
 * member name) or, with xmlAttribute, as attributes; lists as an element of `member` items (the
 * list's member xmlName) or, with xmlFlattened, as repeated elements named like the member; maps
 * as `entry` elements of `key` and `value` (keyXmlName / valueXmlName) or, flattened, as repeated
 * elements of those; xmlNamespace declared on the element. Timestamps default to date-time.
 */
class XmlValueCodec {
  constructor(private readonly model: ApiModel) {}

  /** A structure's members into an element: xmlAttribute members as attributes, the others as children. */
  writeMembersInto(element: XmlElement, members: Array<[string, ApiMember]>, value: CaseObject, where: string, defaultNamespace: string | undefined): void {
    for (const [memberName, member] of members) {
      const item = value[memberName];
      if (item === undefined || item === null) continue;
      const at = `${where}.${memberName}`;
      const name = member.xmlName ?? memberName;
      if (member.xmlAttribute) element.attributes.push([name, xmlScalarText(this.model, member.target, item, at, member)]);
      else element.children.push(...this.write(member.target, item, name, at, defaultNamespace, member));
    }
  }

  /** A payload member as a document's root element, in its own, its structure's or the service's namespace. */
  rootElement(member: ApiMember, value: CaseValue, name: string, where: string): XmlElement {
    const shape = this.model.shape(member.target);
    const namespace = member.xmlNamespace ?? (shape?.type === 'structure' ? shape.xmlNamespace : undefined) ?? serviceNamespace(this.model);
    return this.element(member.target, value, name, where, undefined, namespace, member);
  }

  /** The elements of a member: one, or one per item of a flattened list or map. */
  private write(ref: TypeRef, value: CaseValue, name: string, where: string, defaultNamespace: string | undefined, member?: ApiMember): XmlElement[] {
    if (!member?.xmlFlattened) return [this.element(ref, value, name, where, defaultNamespace, member?.xmlNamespace, member)];
    const type = resolve(this.model, ref, where);
    if (type.kind === 'list') {
      return expectArray(value, where).map((item, i) =>
        this.element(type.item, notNull(item, `${where}[${i}]`), name, `${where}[${i}]`, defaultNamespace, member.xmlNamespace),
      );
    }
    if (type.kind === 'map') {
      return Object.entries(expectObject(value, where)).map(([key, item]) => {
        const entry = xmlElement(name);
        const inner = this.declare(entry, member.xmlNamespace, defaultNamespace);
        this.writeEntry(ref, key, notNull(item, `${where}["${key}"]`), entry, `${where}["${key}"]`, inner);
        return entry;
      });
    }
    throw new Error(`${where}: xmlFlattened applies to lists and maps, not to a ${type.kind}.`);
  }

  private declare(element: XmlElement, namespace: ApiXmlNamespace | undefined, defaultNamespace: string | undefined): string | undefined {
    if (namespace && !(namespace.prefix === undefined && namespace.uri === defaultNamespace)) declareNamespace(element, namespace);
    return defaultNamespaceOf(namespace, defaultNamespace);
  }

  private element(
    ref: TypeRef,
    value: CaseValue,
    name: string,
    where: string,
    defaultNamespace: string | undefined,
    namespace?: ApiXmlNamespace,
    member?: ApiMember,
  ): XmlElement {
    const type = resolve(this.model, ref, where);
    const shape = this.model.shape(ref);
    const element = xmlElement(name);
    const inner = this.declare(element, namespace ?? (shape?.type === 'structure' ? shape.xmlNamespace : undefined), defaultNamespace);
    switch (type.kind) {
      case 'structure':
      case 'union': {
        if (type.streaming) throw unsupportedEventStream(where);
        const object = expectObject(value, where);
        for (const key of Object.keys(object)) if (own(type.members, key) === undefined) throw new Error(`${where}: ${type.name} has no member "${key}".`);
        const set = Object.values(object).filter((v) => v !== null).length;
        if (type.kind === 'union' && set !== 1) throw new Error(`${where}: a union value sets exactly one member, this one sets ${set}.`);
        this.writeMembersInto(element, Object.entries(type.members), object, where, inner);
        break;
      }
      case 'list': {
        const itemName = listItemXmlName(this.model, ref);
        const itemNamespace = shape?.type === 'list' ? shape.memberXmlNamespace : undefined;
        expectArray(value, where).forEach((item, i) => {
          element.children.push(this.element(type.item, notNull(item, `${where}[${i}]`), itemName, `${where}[${i}]`, inner, itemNamespace));
        });
        break;
      }
      case 'map':
        for (const [key, item] of Object.entries(expectObject(value, where))) {
          const entry = xmlElement('entry');
          this.writeEntry(ref, key, notNull(item, `${where}["${key}"]`), entry, `${where}["${key}"]`, inner);
          element.children.push(entry);
        }
        break;
      case 'document':
        throw new Error(`${where}: document values are not supported in XML by the wire codec.`);
      default:
        element.text = xmlScalarText(this.model, ref, value, where, member);
    }
    return element;
  }

  private writeEntry(mapRef: TypeRef, key: string, value: CaseValue, entry: XmlElement, where: string, defaultNamespace: string | undefined): void {
    const type = resolve(this.model, mapRef, where);
    if (type.kind !== 'map') throw new Error(`${where}: "${mapRef}" is not a map.`);
    const names = mapXmlNames(this.model, mapRef);
    entry.children.push(textElement(names.key, key, where), this.element(type.value, value, names.value, where, defaultNamespace));
  }

  /** Members of a structure from an element; an element or attribute no member claims is an error. */
  readMembers(owner: string, members: Array<[string, ApiMember]>, element: XmlElement, where: string): CaseObject {
    const out: CaseObject = {};
    const claimed = new Set<XmlElement>();
    const claimedAttributes = new Set<string>();
    for (const [memberName, member] of members) {
      const at = `${where}.${memberName}`;
      const name = member.xmlName ?? memberName;
      if (member.xmlAttribute) {
        const text = element.attributes.find(([n]) => n === name)?.[1];
        if (text !== undefined) {
          claimedAttributes.add(name);
          out[memberName] = textToScalar(this.model, member, text, 'date-time', at);
        }
        continue;
      }
      const found = element.children.filter((child) => child.name === name);
      if (found.length === 0) continue;
      for (const child of found) claimed.add(child);
      if (member.xmlFlattened) out[memberName] = this.readFlattened(member.target, found, at);
      else if (found.length > 1) throw new Error(`${at}: the element <${name}> occurs ${found.length} times, but the member is no flattened list or map.`);
      else out[memberName] = this.read(member.target, found[0] as XmlElement, at, member);
    }
    const stray = element.children.find((child) => !claimed.has(child));
    if (stray) throw new Error(`${where}: the element <${stray.name}> is no member of ${owner}.`);
    const strayAttribute = element.attributes.find(([n]) => !claimedAttributes.has(n) && n !== 'xmlns' && !n.startsWith('xmlns:'));
    if (strayAttribute) throw new Error(`${where}: the attribute ${strayAttribute[0]} is no member of ${owner}.`);
    if (element.text.trim() !== '') throw new Error(`${where}: <${element.name}> holds text beside the members of ${owner}.`);
    return out;
  }

  read(ref: TypeRef, element: XmlElement, where: string, member?: ApiMember): CaseValue {
    const type = resolve(this.model, ref, where);
    switch (type.kind) {
      case 'structure':
      case 'union': {
        if (type.streaming) throw unsupportedEventStream(where);
        const value = this.readMembers(type.name, Object.entries(type.members), element, where);
        if (type.kind === 'union' && Object.keys(value).length !== 1)
          throw new Error(`${where}: a union value sets exactly one member, this one sets ${Object.keys(value).length}.`);
        return value;
      }
      case 'list': {
        const itemName = listItemXmlName(this.model, ref);
        this.expectOnlyElements(element, where);
        return element.children.map((child, i) => {
          if (child.name !== itemName) throw new Error(`${where}: the list holds <${child.name}>, not <${itemName}>.`);
          return this.read(type.item, child, `${where}[${i}]`);
        });
      }
      case 'map': {
        this.expectOnlyElements(element, where);
        return this.entries(
          ref,
          element.children.map((child) => {
            if (child.name !== 'entry') throw new Error(`${where}: the map holds <${child.name}>, not <entry>.`);
            return child;
          }),
          where,
        );
      }
      case 'document':
        throw new Error(`${where}: document values are not supported in XML by the wire codec.`);
      default:
        if (element.children.length > 0) throw new Error(`${where}: <${element.name}> holds elements, but the member is a ${type.kind}.`);
        return textToScalarRef(this.model, ref, element.text, 'date-time', where, member);
    }
  }

  private readFlattened(ref: TypeRef, elements: XmlElement[], where: string): CaseValue {
    const type = resolve(this.model, ref, where);
    if (type.kind === 'list') return elements.map((element, i) => this.read(type.item, element, `${where}[${i}]`));
    if (type.kind === 'map') return this.entries(ref, elements, where);
    throw new Error(`${where}: xmlFlattened applies to lists and maps, not to a ${type.kind}.`);
  }

  /** A map from its entry elements, each holding one key and one value element. */
  private entries(mapRef: TypeRef, entries: XmlElement[], where: string): CaseObject {
    const type = resolve(this.model, mapRef, where);
    if (type.kind !== 'map') throw new Error(`${where}: "${mapRef}" is not a map.`);
    const names = mapXmlNames(this.model, mapRef);
    const out = new Map<string, CaseValue>();
    for (const entry of entries) {
      this.expectOnlyElements(entry, where);
      const keys = entry.children.filter((c) => c.name === names.key);
      const values = entry.children.filter((c) => c.name === names.value);
      if (keys.length !== 1 || values.length !== 1 || entry.children.length !== 2)
        throw new Error(
          `${where}: a map entry holds one <${names.key}> and one <${names.value}>, not ${entry.children.map((c) => `<${c.name}>`).join(' ') || 'nothing'}.`,
        );
      const key = this.read(type.key, keys[0] as XmlElement, `${where} key`);
      if (typeof key !== 'string') throw new Error(`${where}: map keys are strings.`);
      if (out.has(key)) throw new Error(`${where}: the key "${key}" occurs twice.`);
      out.set(key, this.read(type.value, values[0] as XmlElement, `${where}["${key}"]`));
    }
    return Object.fromEntries(out);
  }

  private expectOnlyElements(element: XmlElement, where: string): void {
    if (element.text.trim() !== '') throw new Error(`${where}: <${element.name}> holds text, not only elements.`);
    if (element.attributes.some(([n]) => n !== 'xmlns' && !n.startsWith('xmlns:')))
      throw new Error(`${where}: <${element.name}> has attributes no member claims.`);
  }
}

// ---------------------------------------------------------------------------------------------
// awsQuery parameters

/** The parameters of a form-encoded body, by decoded key; a repeated key is an error. */
function parseForm(body: Uint8Array, where: string): Map<string, string> {
  const params = new Map<string, string>();
  const text = utf8(body, where);
  if (text === '') return params;
  // In the form media type a '+' is a space (the SDKs send %20 and %2B, so nothing hangs on it).
  const decode = (raw: string) => decodePercent(raw.replace(/\+/g, ' '), where);
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decode(eq === -1 ? part : part.slice(0, eq));
    if (params.has(key)) throw new Error(`${where}: the parameter "${key}" is repeated.`);
    params.set(key, eq === -1 ? '' : decode(part.slice(eq + 1)));
  }
  return params;
}

/**
 * Reads members from awsQuery's flattened keys, keeping track of which member read each key: a key
 * two members claim (SQS's model gives AttributeNames and MessageSystemAttributeNames the one key
 * `AttributeName`) is an error rather than a value for both.
 */
class QueryReader {
  private readonly consumed = new Map<string, string>();

  constructor(
    private readonly model: ApiModel,
    private readonly params: Map<string, string>,
  ) {}

  readMembers(members: Array<[string, ApiMember]>, prefix: string, where: string): CaseObject {
    const out: CaseObject = {};
    for (const [memberName, member] of members) {
      const value = this.value(member.target, `${prefix}${member.xmlName ?? memberName}`, `${where}.${memberName}`, member);
      if (value !== undefined) out[memberName] = value;
    }
    return out;
  }

  /** Every parameter must belong to a member. */
  checkAllRead(owner: string): void {
    for (const key of this.params.keys()) {
      if (!this.consumed.has(key)) throw new Error(`${owner}: the request carries the parameter "${key}", which no member of the input binds.`);
    }
  }

  /** The value under a key, undefined when the request has nothing under it. */
  private value(ref: TypeRef, key: string, where: string, member?: ApiMember): CaseValue | undefined {
    const type = resolve(this.model, ref, where);
    switch (type.kind) {
      case 'structure':
      case 'union': {
        if (type.streaming) throw unsupportedEventStream(where);
        const value = this.readMembers(Object.entries(type.members), `${key}.`, where);
        const set = Object.keys(value).length;
        if (set === 0) return undefined;
        if (type.kind === 'union' && set !== 1) throw new Error(`${where}: a union value sets exactly one member, this one sets ${set}.`);
        return value;
      }
      case 'list': {
        // An empty list is the bare key with an empty value.
        if (this.params.get(key) === '') {
          this.consume(key, where);
          return [];
        }
        const itemPrefix = member?.xmlFlattened ? key : `${key}.${listItemXmlName(this.model, ref)}`;
        const count = this.count(itemPrefix, where);
        if (count === 0) return undefined;
        return Array.from({ length: count }, (_, i) => this.required(type.item, `${itemPrefix}.${i + 1}`, `${where}[${i}]`));
      }
      case 'map': {
        const entryPrefix = member?.xmlFlattened ? key : `${key}.entry`;
        const names = mapXmlNames(this.model, ref);
        const count = this.count(entryPrefix, where);
        if (count === 0) return undefined;
        const out = new Map<string, CaseValue>();
        for (let i = 1; i <= count; i++) {
          const mapKey = this.required(type.key, `${entryPrefix}.${i}.${names.key}`, `${where} key ${i}`);
          if (typeof mapKey !== 'string') throw new Error(`${where}: map keys are strings.`);
          if (out.has(mapKey)) throw new Error(`${where}: the key "${mapKey}" occurs twice.`);
          out.set(mapKey, this.required(type.value, `${entryPrefix}.${i}.${names.value}`, `${where}["${mapKey}"]`));
        }
        return Object.fromEntries(out);
      }
      case 'document':
        throw new Error(`${where}: document values are not supported in awsQuery by the wire codec.`);
      default: {
        const text = this.params.get(key);
        if (text === undefined) return undefined;
        this.consume(key, where);
        return textToScalarRef(this.model, ref, text, 'date-time', where, member);
      }
    }
  }

  private consume(key: string, where: string): void {
    const other = this.consumed.get(key);
    if (other !== undefined && other !== where)
      throw new Error(`${where}: the parameter ${key} belongs to ${other} as well; the API model gives both members the same key.`);
    this.consumed.set(key, where);
  }

  private required(ref: TypeRef, key: string, where: string): CaseValue {
    const value = this.value(ref, key, where);
    if (value === undefined) throw new Error(`${where}: the request has no parameter ${key}.`);
    return value;
  }

  /** How many items `<prefix>.N...` numbers, checking they are numbered 1 to N. */
  private count(prefix: string, where: string): number {
    const numbers = new Set<number>();
    for (const key of this.params.keys()) {
      if (!key.startsWith(`${prefix}.`)) continue;
      const match = /^([1-9][0-9]*)(\.|$)/.exec(key.slice(prefix.length + 1));
      if (match) numbers.add(Number(match[1]));
    }
    for (let i = 1; i <= numbers.size; i++) {
      if (!numbers.has(i)) throw new Error(`${where}: the parameters ${prefix}.N are not numbered 1 to ${numbers.size}.`);
    }
    return numbers.size;
  }
}

// ---------------------------------------------------------------------------------------------
// Payloads

function encodePayload(context: OperationContext, format: RestBody, member: ApiMember, value: CaseValue, where: string): EncodedBody {
  const type = resolve(context.model, member.target, where);
  switch (type.kind) {
    case 'blob':
      return { body: caseBlob(value, where), contentType: member.mediaType ?? 'application/octet-stream' };
    case 'string':
      return { body: new Uint8Array(Buffer.from(expectType(value, 'string', where), 'utf8')), contentType: member.mediaType ?? 'text/plain' };
    case 'structure':
    case 'union':
    case 'document':
      return format.writePayload(context, member, value, where);
    default:
      throw new Error(`${where}: a ${type.kind} cannot be the HTTP payload.`);
  }
}

/**
 * The payload member's value, or undefined for an empty body (the wire cannot tell an empty payload
 * from none). The other way round, an SDK may send `{}` for an unset structure payload (the
 * JavaScript SDK does), which reads as an empty structure: the wire cannot tell those apart either.
 */
function decodePayload(context: OperationContext, format: RestBody, member: ApiMember, body: Uint8Array, where: string): CaseValue | undefined {
  if (body.length === 0) return undefined;
  const type = resolve(context.model, member.target, where);
  switch (type.kind) {
    case 'blob':
      return { $base64: Buffer.from(body).toString('base64') };
    case 'string':
      return utf8(body, where);
    case 'structure':
    case 'union':
    case 'document':
      return format.readPayload(context, member, body, where);
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

/**
 * The decoded label values of a request path, by label name; throws when the path does not fit.
 * `leadingLabels` are labels the endpoint puts ahead of the template's path (S3's bucket, path-style);
 * after them, an empty rest stands for the template's `/`.
 */
function matchPath(template: UriTemplate, rawPath: string, where: string, leadingLabels: readonly string[] = []): Map<string, string> {
  const shown = () =>
    [...leadingLabels.map((l) => `{${l}}`), ...template.segments.map((s) => ('literal' in s ? s.literal : `{${s.label}${s.greedy ? '+' : ''}}`))].join('/');
  const mismatch = () => new Error(`${where}: the request path ${rawPath} does not fit the URI template /${shown()}.`);
  const labels = new Map<string, string>();
  let parts = rawPath.replace(/^\//, '').split('/');
  if (leadingLabels.length > 0) {
    if (parts.length < leadingLabels.length) throw mismatch();
    leadingLabels.forEach((label, i) => {
      const raw = parts[i] as string;
      if (raw === '') throw mismatch();
      labels.set(label, decodePercent(raw, where));
    });
    parts = parts.slice(leadingLabels.length);
    if (parts.length === 0) parts = [''];
  }
  const greedyAt = template.segments.findIndex((s) => 'greedy' in s && s.greedy);
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
