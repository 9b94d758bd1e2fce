/**
 * Types of the normalized AWS API model file (`spec/api/aws-lambda.api.json`). The format is
 * described in detail at the top of `extract-lambda-api.ts`, which writes it; `lambda-api.ts` reads it.
 */

/** Simple (scalar) value types. `number` covers every Smithy numeric type except the big ones. */
export type SimpleTypeName = 'string' | 'boolean' | 'number' | 'bigInteger' | 'bigDecimal' | 'timestamp' | 'blob' | 'document';

export const SIMPLE_TYPE_NAMES: readonly SimpleTypeName[] = ['string', 'boolean', 'number', 'bigInteger', 'bigDecimal', 'timestamp', 'blob', 'document'];

/** What kind of value a type reference denotes. */
export type ValueKind = SimpleTypeName | 'structure' | 'union' | 'list' | 'map';

/**
 * A type reference: a simple type name (`string`), the name of a shape in `shapes`
 * (`FunctionConfiguration`), or an anonymous collection written `list<T>` or `map<string,T>`.
 */
export type TypeRef = string;

/** Where an operation input or output member travels in the HTTP message. Absent: in the JSON body. */
export type MemberLocation = 'uri' | 'query' | 'queryParams' | 'header' | 'prefixHeaders' | 'payload' | 'statusCode';

export type TimestampFormat = 'date-time' | 'http-date' | 'epoch-seconds';

export interface ApiMember {
  /** Type of the member's value. */
  target: TypeRef;
  /** Kind of `target`, spelled out so readers need not resolve it. */
  type: ValueKind;
  /** Structure members only: whether the API requires the member. */
  required?: boolean;
  location?: MemberLocation;
  /** Header name, query parameter name or URI label name (for `uri`, `query`, `header`, `prefixHeaders`). */
  locationName?: string;
  /** Name (in `enums`) of the enumeration a string member takes its value from. */
  enum?: string;
  /** For a list member: the enumeration its elements take their values from. */
  memberEnum?: string;
  /** For a map member: the enumeration its keys take their values from. */
  keyEnum?: string;
  /** For a map member: the enumeration its values take their values from. */
  valueEnum?: string;
  sensitive?: boolean;
  streaming?: boolean;
  idempotencyToken?: boolean;
  eventPayload?: boolean;
  /** Only when the wire format is fixed by the model rather than by the protocol. */
  timestampFormat?: TimestampFormat;
  /** JSON body key, when it differs from the member name. */
  jsonName?: string;
}

export interface ApiStructureShape {
  type: 'structure';
  members: Record<string, ApiMember>;
  /** Error structures only: who is at fault. */
  error?: 'client' | 'server';
  /** Error structures only: the HTTP status the service answers with. */
  httpStatus?: number;
}

export interface ApiUnionShape {
  type: 'union';
  members: Record<string, ApiMember>;
  /** True for an event stream. */
  streaming?: boolean;
}

export interface ApiListShape {
  type: 'list';
  member: TypeRef;
  memberSensitive?: boolean;
}

export interface ApiMapShape {
  type: 'map';
  key: TypeRef;
  value: TypeRef;
  sensitive?: boolean;
  keySensitive?: boolean;
  valueSensitive?: boolean;
}

export type ApiShape = ApiStructureShape | ApiUnionShape | ApiListShape | ApiMapShape;

export interface ApiHttpBinding {
  method: string;
  /** The request URI template, with `{Label}` placeholders and any fixed query string. */
  path: string;
  /** HTTP status of a successful answer. */
  code: number;
}

export interface ApiPaginator {
  inputToken: string;
  outputToken: string;
  pageSize?: string;
}

export interface ApiOperation {
  http: ApiHttpBinding;
  /** Name of the input structure. */
  input: string;
  /** Name of the output structure, or `unit` when the operation returns nothing. */
  output: string;
  /** Error structures the SDK documents the operation may throw (sorted). */
  errors: string[];
  paginator?: ApiPaginator;
  /** Host prefix template, when the operation sends to a prefixed host. */
  hostPrefix?: string;
}

export type ApiProtocol = 'restJson1' | 'awsJson1_0' | 'awsJson1_1' | 'awsQuery' | 'restXml' | 'ec2Query';

export const API_PROTOCOLS: readonly ApiProtocol[] = ['restJson1', 'awsJson1_0', 'awsJson1_1', 'awsQuery', 'restXml', 'ec2Query'];

export interface ApiModelFile {
  formatVersion: 1;
  service: string;
  /** The wire protocol the service speaks, as Smithy names it (`restJson1`, `awsJson1_0`, `awsQuery`, ...). */
  protocol: ApiProtocol;
  /** The service's sdkId, which both SDKs derive their client names from (`Lambda`, `DynamoDB`, `CloudWatch Logs`). */
  sdkId: string;
  namespace: string;
  sdkPackage: string;
  sdkVersion: string;
  operations: Record<string, ApiOperation>;
  shapes: Record<string, ApiShape>;
  enums: Record<string, string[]>;
}
