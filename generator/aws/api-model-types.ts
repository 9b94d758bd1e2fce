/**
 * Types of the normalized AWS API model file (`spec/api/aws-lambda.api.json`, and those
 * `mendix-connector api-model <service>` writes). The format is described in detail at the top of
 * `extract-api-model.ts`, which writes it; `java-number-types.ts` adds the Java number widths;
 * `lambda-api.ts` reads it.
 *
 * Fields added after the first (Lambda-only) version are optional in these types, so that models
 * written by hand (tests) stay valid; the extractor writes each of them whenever it applies.
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
  /**
   * A string member (or list of strings) without an enumeration in the JavaScript SDK's model that the
   * AWS SDK for Java types as an enum (its getter returns the enum; `...AsString()` / `...AsStrings()`
   * the text): found on the real jars.
   */
  javaEnum?: boolean;
  sensitive?: boolean;
  streaming?: boolean;
  idempotencyToken?: boolean;
  eventPayload?: boolean;
  /** Only when the wire format is fixed by the model rather than by the protocol. */
  timestampFormat?: TimestampFormat;
  /** JSON body key, when it differs from the member name. */
  jsonName?: string;
  /** XML element (or attribute, or awsQuery key) name, when it differs from the member name. */
  xmlName?: string;
  /** Serialized as an XML attribute of the enclosing element rather than as a child element. */
  xmlAttribute?: boolean;
  /** A list or map serialized without a wrapping element (XML) or `.member.` segment (awsQuery). */
  xmlFlattened?: boolean;
  xmlNamespace?: ApiXmlNamespace;
  /** ec2Query key of the member, which takes precedence over `xmlName` in that protocol. */
  ec2QueryName?: string;
  /** Input members only: the value is substituted into the `hostPrefix` of the operation. */
  hostLabel?: boolean;
  /** Media type of a string or blob value (an httpPayload's Content-Type). */
  mediaType?: string;
  /**
   * The boxed Java type the AWS SDK for Java 2.x uses for this number, read from the real jars
   * (`java-number-types.ts`): on a `number` member its own type, on a list or map member the type
   * of its innermost elements or values when those are numbers. Absent when the model was extracted
   * without the jars (`ApiModelFile.javaSdkVersion` then is absent too), or, with `javaSdkVersion`
   * set, when that Java SDK release has no such getter (a member newer than it, or an operation the
   * Java SDK leaves out): then there is nothing in Java to call.
   */
  javaNumber?: JavaNumberType;
}

/** The Java classes the AWS SDK for Java 2.x uses for Smithy's byte, short, integer, long, float and double. */
export type JavaNumberType = 'Byte' | 'Short' | 'Integer' | 'Long' | 'Float' | 'Double';

export const JAVA_NUMBER_TYPES: readonly JavaNumberType[] = ['Byte', 'Short', 'Integer', 'Long', 'Float', 'Double'];

/** An XML namespace declaration: `xmlns[:prefix]="uri"`. */
export interface ApiXmlNamespace {
  uri: string;
  prefix?: string;
}

export interface ApiStructureShape {
  type: 'structure';
  members: Record<string, ApiMember>;
  /**
   * The AWS SDK for Java's class of the shape when it is not the shape's name (S3's `Object` is
   * `S3Object`): found on the real jars by `api-model --java-number-types`, never guessed.
   */
  javaClass?: string;
  /** Error structures only: who is at fault. */
  error?: 'client' | 'server';
  /** Error structures only: the HTTP status the service answers with. */
  httpStatus?: number;
  /** Error structures of awsQuery (or awsQueryCompatible) services: the error code and HTTP status on the wire. */
  awsQueryError?: { code: string; httpStatus: number };
  /** XML element name of the structure as a document (restXml payloads, response roots). */
  xmlName?: string;
  xmlNamespace?: ApiXmlNamespace;
  /** The whole structure is sensitive (Smithy's trait on the shape): so is every member that targets it. */
  sensitive?: boolean;
}

export interface ApiUnionShape {
  type: 'union';
  members: Record<string, ApiMember>;
  /** As for structures: the Java SDK's class when it is not the shape's name. */
  javaClass?: string;
  /** True for an event stream. */
  streaming?: boolean;
  /** The whole union is sensitive: so is every member that targets it. */
  sensitive?: boolean;
}

export interface ApiListShape {
  type: 'list';
  member: TypeRef;
  memberSensitive?: boolean;
  /** XML element name (awsQuery key segment) of each element, when not `member`. */
  memberXmlName?: string;
  memberXmlNamespace?: ApiXmlNamespace;
  /** The whole list is sensitive: so is every member that targets it. */
  sensitive?: boolean;
}

export interface ApiMapShape {
  type: 'map';
  key: TypeRef;
  value: TypeRef;
  sensitive?: boolean;
  keySensitive?: boolean;
  valueSensitive?: boolean;
  /** XML element names (awsQuery key segments) of keys and values, when not `key` / `value`. */
  keyXmlName?: string;
  valueXmlName?: string;
}

export type ApiShape = ApiStructureShape | ApiUnionShape | ApiListShape | ApiMapShape;

/**
 * For REST protocols, the operation's `http` trait; for awsJson, awsQuery and ec2Query, what the
 * protocol fixes for every operation: POST to `/`, 200 on success.
 */
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
  /** The JavaScript SDK's paginator function, as the package exports it (`paginateListFunctions`). */
  jsFunction?: string;
}

/** The operation's `httpChecksum` trait, as the JavaScript SDK applies it. */
export interface ApiHttpChecksum {
  /** Whether a request checksum must be sent even when the caller picks no algorithm. */
  requestChecksumRequired: boolean;
  /** Input member naming the checksum algorithm the caller chose (sent in its header). */
  requestAlgorithmMember?: string;
  /** Input member that asks for the response checksum to be validated. */
  requestValidationModeMember?: string;
  /** Algorithms the response may carry a checksum in, in the SDK's order of preference. */
  responseAlgorithms?: string[];
}

export interface ApiOperation {
  http: ApiHttpBinding;
  /** Name of the input structure, or `unit` when the operation takes no input (IAM, CloudFormation have such). */
  input: string;
  /** Name of the output structure, or `unit` when the operation returns nothing. */
  output: string;
  /** Error structures the SDK documents the operation may throw (sorted). */
  errors: string[];
  paginator?: ApiPaginator;
  /** Host prefix template, when the operation sends to a prefixed host. */
  hostPrefix?: string;
  /** The JavaScript SDK's command class, as the package exports it (`ListFunctionsCommand`). */
  jsCommand?: string;
  httpChecksum?: ApiHttpChecksum;
  /** The operation's `idempotent` trait: calling it twice with the same input has the effect of once. */
  idempotent?: boolean;
}

export type ApiProtocol = 'restJson1' | 'awsJson1_0' | 'awsJson1_1' | 'awsQuery' | 'restXml' | 'ec2Query';

export const API_PROTOCOLS: readonly ApiProtocol[] = ['restJson1', 'awsJson1_0', 'awsJson1_1', 'awsQuery', 'restXml', 'ec2Query'];

export interface ApiModelFile {
  formatVersion: 1;
  /** The JavaScript SDK package's suffix: `lambda` for `@aws-sdk/client-lambda`, `secrets-manager`, ... */
  service: string;
  /** The wire protocol the service speaks, as Smithy names it (`restJson1`, `awsJson1_0`, `awsQuery`, ...). */
  protocol: ApiProtocol;
  /** The service's sdkId, which both SDKs derive their client names from (`Lambda`, `DynamoDB`, `CloudWatch Logs`). */
  sdkId: string;
  namespace: string;
  sdkPackage: string;
  sdkVersion: string;
  /** The JavaScript SDK's bare client class, as the package exports it (`LambdaClient`, `DynamoDBClient`). */
  jsClient?: string;
  /** The service's API version (`2015-03-31`): the `Version` parameter of awsQuery and ec2Query requests. */
  apiVersion?: string;
  /** awsJson protocols only: the `X-Amz-Target` header is `<jsonTargetPrefix>.<Operation>`. */
  jsonTargetPrefix?: string;
  /** The service's default XML namespace (restXml documents, awsQuery and ec2Query responses), where the SDK carries one. */
  xmlNamespace?: string;
  /** The service's `awsQueryCompatible` trait: an awsJson service that also sends awsQuery error codes (`x-amzn-query-error`). */
  awsQueryCompatible?: boolean;
  /** Version of the AWS SDK for Java 2.x jars the members' `javaNumber` types were read from. */
  javaSdkVersion?: string;
  operations: Record<string, ApiOperation>;
  shapes: Record<string, ApiShape>;
  enums: Record<string, string[]>;
}
