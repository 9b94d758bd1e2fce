/**
 * What the validator needs to know about a cloud API: its operations and the shapes of their input
 * and output. The AWS API model (generator/aws) provides it.
 */

export type ApiValueKind =
  'string' | 'number' | 'bigInteger' | 'bigDecimal' | 'boolean' | 'timestamp' | 'blob' | 'document' | 'structure' | 'union' | 'list' | 'map';

export interface ApiMemberView {
  name: string;
  kind: ApiValueKind;
  /** Type of a structure, list or map member: a shape name, or `list<T>` / `map<K,V>`. */
  shape?: string;
  /** Name of the enum whose values a string member takes. */
  enumName?: string;
  /** Lists: the enum of their elements; maps: the enum of their values (the SDKs then offer `...AsStrings`). */
  elementEnum?: string;
  /** Maps: the enum of their keys. */
  keyEnum?: string;
  /** A string the AWS SDK for Java types as an enum though the API model lists no values (its getter is `...AsString()`). */
  javaEnum?: boolean;
  /** Structure members only: whether the API requires the member. */
  required?: boolean;
}

export interface ApiModelView {
  /** The service's sdkId (`Lambda`, `DynamoDB`): the SDKs name their clients after it. */
  readonly sdkId: string;
  /** The AWS SDK for JavaScript package of the service (`@aws-sdk/client-lambda`). */
  readonly sdkPackage: string;
  /** That package's client class (`LambdaClient`), when the model records it. */
  readonly jsClient: string | undefined;
  /** That package's command class of an operation (`ListFunctionsCommand`), when the model records it. */
  jsCommand(operation: string): string | undefined;
  operationNames(): string[];
  hasOperation(name: string): boolean;
  inputShape(operation: string): string | undefined;
  outputShape(operation: string): string | undefined;
  /** Kind of a shape name or type reference (`map<string,string>`), undefined when unknown. */
  shapeKind(shape: string): ApiValueKind | undefined;
  memberNames(structure: string): string[];
  member(structure: string, name: string): ApiMemberView | undefined;
  /** The element of a list shape, the value of a map shape (its key is a string). */
  elementOf(shape: string): ApiMemberView | undefined;
  enumValues(enumName: string): string[] | undefined;
  /**
   * The code an activity reports for an error the service answers with: for a service with the
   * `awsQueryCompatible` trait (SQS), which sends each error's older awsQuery code beside its type
   * (`x-amzn-query-error`), that code, as the AWS SDKs report it; the error's own name otherwise.
   */
  reportedErrorCode(error: string): string;
  /** The AWS SDK for Java's class name of a structure when the SDK renamed it (`S3Object`); undefined otherwise. */
  javaClass(shape: string): string | undefined;
}
