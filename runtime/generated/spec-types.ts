// Generated from spec/aws-lambda.connector.yaml by runtime/codegen/spec-types.ts. Do not edit by hand:
// run `UPDATE_SPEC_TYPES=1 npx vitest run test/runtime/spec-types.test.ts` after changing the spec.
/* eslint-disable */

/** Where an activity takes its AWS credentials from. Set it on the Provider attribute of the Credentials object you pass to the activity. On Mendix Cloud the default provider chain finds no credentials you can use: choose StaticKeys there, or AssumeRole with static keys set. */
export type ENUM_CredentialsProvider =
  | "StaticKeys"
  | "AssumeRole"
  | "DefaultProviderChain";

/** How Invoke runs the function. RequestResponse waits for the result (payload up to 6 MB), Event queues the invocation and returns at once (payload up to 1 MB), DryRun only checks that the caller may invoke the function. */
export type ENUM_InvocationType =
  | "RequestResponse"
  | "Event"
  | "DryRun";

/** Whether a synchronous Invoke returns the last 4 KB of the function's execution log. Tail fills InvokeResponse.LogResult; it has no effect on asynchronous invocations. */
export type ENUM_LogType =
  | "None"
  | "Tail";

/** Which versions ListFunctions returns. Leave the attribute empty to list only the unpublished version ($LATEST) of each function; choose ALL to list every published version too. */
export type ENUM_FunctionVersion =
  | "ALL";

/** The state of a function. Only an Active function can be invoked; Pending means AWS is still creating its resources, Inactive means it was reclaimed after a long idle period and is re-activated by the next invoke, Failed means its resources could not be created. */
export type ENUM_FunctionState =
  | "Pending"
  | "Active"
  | "Inactive"
  | "Failed"
  | "Deactivating"
  | "Deactivated"
  | "ActiveNonInvocable"
  | "Deleting"
  | "NewerValue";

/** The outcome of the most recent update of a function's code or configuration. While it is InProgress, further updates are refused. */
export type ENUM_LastUpdateStatus =
  | "Successful"
  | "Failed"
  | "InProgress"
  | "NewerValue";

/** How the function's code is deployed. */
export type ENUM_PackageType =
  | "Zip"
  | "Image"
  | "NewerValue";

/** The AWS region whose Lambda endpoint an activity calls. The list holds every region of the commercial, AWS GovCloud (US) and China partitions that the AWS SDK knows; the GovCloud and China regions need accounts in those partitions. */
export type ENUM_Region =
  | "af_south_1"
  | "ap_east_1"
  | "ap_east_2"
  | "ap_northeast_1"
  | "ap_northeast_2"
  | "ap_northeast_3"
  | "ap_south_1"
  | "ap_south_2"
  | "ap_southeast_1"
  | "ap_southeast_2"
  | "ap_southeast_3"
  | "ap_southeast_4"
  | "ap_southeast_5"
  | "ap_southeast_6"
  | "ap_southeast_7"
  | "ca_central_1"
  | "ca_west_1"
  | "eu_central_1"
  | "eu_central_2"
  | "eu_north_1"
  | "eu_south_1"
  | "eu_south_2"
  | "eu_west_1"
  | "eu_west_2"
  | "eu_west_3"
  | "il_central_1"
  | "me_central_1"
  | "me_south_1"
  | "me_west_1"
  | "mx_central_1"
  | "sa_east_1"
  | "sa_west_1"
  | "us_east_1"
  | "us_east_2"
  | "us_west_1"
  | "us_west_2"
  | "us_gov_east_1"
  | "us_gov_west_1"
  | "cn_north_1"
  | "cn_northwest_1";

/** The AWS credentials an activity signs its request with. Set Provider to choose where they come from: static keys stored on this object, an IAM role assumed through AWS STS, or the default provider chain of the machine that runs the app (only on AWS compute with an IAM role, not on Mendix Cloud). Create it in the microflow just before the call and do not store it: it is non-persistable so that secrets never reach the database. Keep static keys in constants of your own module with no default value, set per environment (on Mendix Cloud in the environment's Model Options), so that no key is committed with the app. */
export interface Credentials {
  /** Where the credentials come from. Default provider chain when not set otherwise. */
  Provider?: ENUM_CredentialsProvider | null;
  /** The access key ID (starts with AKIA for long-term keys, ASIA for temporary ones). Used with StaticKeys, and with AssumeRole to sign the call to AWS STS. Set it from a constant whose value is set per environment, not from a default value in the model. */
  AccessKeyId?: string | null;
  /** The secret access key that belongs to AccessKeyId. Never logged, never included in error messages. Set it from a constant that has no default value and is not exposed to the client; give the constant its value per environment. */
  SecretAccessKey?: string | null;
  /** The session token of temporary credentials (access keys starting with ASIA). Leave empty for long-term access keys. Never logged, never included in error messages. */
  SessionToken?: string | null;
  /** AssumeRole only: the ARN of the IAM role to assume, for example arn:aws:iam::123456789012:role/MendixLambdaInvoker. */
  RoleArn?: string | null;
  /** AssumeRole only, optional: the external ID the role's trust policy requires (2 to 1,224 characters). */
  ExternalId?: string | null;
  /** AssumeRole only: the session name that appears in AWS CloudTrail for calls made with the assumed role (2 to 64 characters of letters, digits and =,.@-). */
  RoleSessionName?: string | null;
}

/** The settings every request shares: where the call goes, how long it may take and how often it is retried. Every request entity of this module specializes it, so these attributes are available on each of them. Leave them empty for the AWS SDK's defaults. */
export interface AbstractRequest {
  /** Optional URL that replaces the regional AWS Lambda endpoint, for example a VPC interface endpoint or a local test endpoint such as http://127.0.0.1:3002. Empty uses the regional endpoint. */
  EndpointOverride?: string | null;
  /** Optional URL of the AWS STS endpoint that AssumeRole credentials are requested from, for example a VPC interface endpoint of STS. Empty uses the AWS SDK's own choice: the environment variable AWS_ENDPOINT_URL_STS when the app sets it, else the regional STS endpoint. */
  StsEndpointOverride?: string | null;
  /** Optional upper bound, in seconds, on the whole call including retries. Empty means 960 seconds (16 minutes: the longest a function can run, and a minute more); 0 means no limit beyond the SDK's own. For a synchronous Invoke, allow for the function's own timeout. */
  ApiCallTimeoutSeconds?: number | null;
  /** Optional maximum number of attempts, the first try included, for calls that fail with a retryable error (throttling, 5xx). Empty or 0 uses the SDK default (3); 1 disables retries. */
  MaxAttempts?: number | null;
}

/** The paging settings of the list activities. AWS Lambda returns at most 50 items per page; a response's NextMarker fetches the next page, or FetchAllPages follows it through every page. */
export interface AbstractListRequest extends AbstractRequest {
  /** Optional: the NextMarker of a previous response, to continue where that page ended. Empty starts at the first page. */
  Marker?: string | null;
  /** Optional: the largest number of items per page, 1 to 10,000. AWS Lambda returns at most 50 per page whatever the value; empty uses 50. */
  MaxItems?: number | null;
  /** When true, the activity follows NextMarker through every page and returns all items in one response (with an empty NextMarker). When false, it returns one page. */
  FetchAllPages?: boolean | null;
}

/** The input of ListFunctions; set the paging attributes, and FunctionVersion to include published versions. */
export interface ListFunctionsRequest extends AbstractListRequest {
  /** Empty lists only the unpublished version ($LATEST) of each function; ALL lists every published version as well. */
  FunctionVersion?: ENUM_FunctionVersion | null;
}

/** The functions ListFunctions found, one Function object each (retrieve them over Function_ListFunctionsResponse), and the marker of the next page. */
export interface ListFunctionsResponse {
  /** Set when more functions remain; pass it as Marker of the next request. Empty on the last page. */
  NextMarker: string | null;
  /** Association Function_ListFunctionsResponse. */
  Function_ListFunctionsResponse: Function[];
}

/** The configuration of one Lambda function (or one version of it): name, ARN, runtime, handler, memory, timeout, state and more. Returned by ListFunctions, ListVersionsByFunction and GetFunction. */
export interface Function {
  /** The name of the function. */
  FunctionName: string | null;
  /** The function's Amazon Resource Name, qualified with the version for published versions. */
  FunctionArn: string | null;
  /** The runtime identifier, for example nodejs20.x, python3.12 or java21. Empty for container images. */
  Runtime: string | null;
  /** The ARN of the function's execution role. */
  Role: string | null;
  /** The method in the code that Lambda calls to run the function, for example index.handler. */
  Handler: string | null;
  /** The size of the function's deployment package, in bytes. */
  CodeSize: number | null;
  /** The description of the function. */
  Description: string | null;
  /** The time, in seconds, that Lambda lets the function run before stopping it (1 to 900). */
  Timeout: number | null;
  /** The memory available to the function at run time, in MB (128 to 10,240). */
  MemorySize: number | null;
  /** When the function was last updated (UTC). */
  LastModified: string | null;
  /** The SHA-256 hash of the deployment package, base64 encoded. */
  CodeSha256: string | null;
  /** The version, $LATEST for the unpublished one, or a number for a published version. */
  Version: string | null;
  /** The function's state; only an Active function can be invoked. */
  State: ENUM_FunctionState | null;
  /** Why the function is in its current state, when AWS gives a reason. */
  StateReason: string | null;
  /** The outcome of the last update of the function. */
  LastUpdateStatus: ENUM_LastUpdateStatus | null;
  /** Whether the code is a .zip archive or a container image. */
  PackageType: ENUM_PackageType | null;
  /** The instruction set architectures, comma separated (x86_64 or arm64). */
  Architectures: string | null;
  /** The revision of the configuration; changes with every update. */
  RevisionId: string | null;
}

/** The input of Invoke: which function to run, how, and with what JSON payload. The payload may be up to 6 MB for a synchronous invocation and 1 MB for an asynchronous one; the activity checks the payload is valid JSON and within the limit before it calls AWS. */
export interface InvokeRequest extends AbstractRequest {
  /** The function to invoke: its name (my-function), its ARN, or a partial ARN (123456789012:function:my-function); a version or alias may be appended after a colon. */
  FunctionName?: string | null;
  /** Optional version number or alias name to invoke. Empty invokes $LATEST (or the qualifier in FunctionName). */
  Qualifier?: string | null;
  /** Synchronous (RequestResponse, the default), asynchronous (Event) or a permission check (DryRun). */
  InvocationType?: ENUM_InvocationType | null;
  /** Tail returns the last 4 KB of the execution log in InvokeResponse.LogResult (synchronous invocations only). */
  LogType?: ENUM_LogType | null;
  /** The JSON the function receives as its event, for example {"orderId": 42}. Must be valid JSON: at most 6 MB (6,291,456 bytes) in UTF-8 for RequestResponse and DryRun, 1 MB (1,048,576 bytes) for Event. Empty sends no payload. */
  Payload?: string | null;
  /** Optional JSON passed to the function's context (context.clientContext), for example {"custom": {"tenant": "acme"}}. Sent base64 encoded; the encoded form may be at most 3,583 bytes. Synchronous invocations only. */
  ClientContext?: string | null;
  /** When true, an error raised by the function itself (InvokeResponse.FunctionError set) makes the activity fail with the function's errorType and errorMessage, so the microflow's error handler runs. When false, the activity succeeds and you inspect FunctionError yourself. */
  FailOnFunctionError?: boolean | null;
}

/** The outcome of Invoke: the HTTP status, the version that ran, the function's result payload and, when the function failed, FunctionError. */
export interface InvokeResponse {
  /** 200 for a synchronous invocation, 202 for an asynchronous one, 204 for a dry run. */
  StatusCode: number | null;
  /** The version of the function that ran (when an alias was invoked, the version it points to). */
  ExecutedVersion: string | null;
  /** Set when the function itself failed: Unhandled for an uncaught error, or the error type the function returned. The Payload then holds the error object (errorMessage, errorType, trace). Empty when the function succeeded. */
  FunctionError: string | null;
  /** With LogType Tail, the last 4 KB of the execution log, already decoded to text. Empty otherwise. */
  LogResult: string | null;
  /** The JSON the function returned (or its error object), as text. Empty for asynchronous invocations and dry runs. */
  Payload: string | null;
}

/** The input of GetFunction. */
export interface GetFunctionRequest extends AbstractRequest {
  /** The function's name, ARN or partial ARN; a version or alias may be appended after a colon. */
  FunctionName?: string | null;
  /** Optional version number or alias name. Empty reads $LATEST. */
  Qualifier?: string | null;
}

/** Everything GetFunction returns about one function: its configuration (the associated Function), where its code can be downloaded (FunctionCode), its tags (Tag objects) and its reserved concurrency. */
export interface GetFunctionResponse {
  /** The number of concurrent executions reserved for the function. Empty when none is reserved and the function uses the account's unreserved pool. */
  ReservedConcurrentExecutions: number | null;
  /** Association GetFunctionResponse_Function. */
  GetFunctionResponse_Function: Function | null;
  /** Association GetFunctionResponse_FunctionCode. */
  GetFunctionResponse_FunctionCode: FunctionCode | null;
  /** Association Tag_GetFunctionResponse. */
  Tag_GetFunctionResponse: Tag[];
}

/** Where a function's deployment package can be downloaded, as returned by GetFunction. */
export interface FunctionCode {
  /** S3 for .zip archives, ECR for container images. */
  RepositoryType: string | null;
  /** A presigned URL to download the deployment package; valid for 10 minutes. */
  Location: string | null;
  /** The URI of the container image, for functions deployed as images. */
  ImageUri: string | null;
  /** The image URI with the digest the function runs. */
  ResolvedImageUri: string | null;
}

/** One tag (key and value) of a function. */
export interface Tag {
  /** The tag key. */
  Key: string | null;
  /** The tag value. */
  Value: string | null;
}

/** The input of ListVersionsByFunction; set FunctionName and the paging attributes. */
export interface ListVersionsByFunctionRequest extends AbstractListRequest {
  /** The function's name, ARN or partial ARN. */
  FunctionName?: string | null;
}

/** The versions of a function, one Function object each (retrieve them over Function_ListVersionsByFunctionResponse), and the marker of the next page. */
export interface ListVersionsByFunctionResponse {
  /** Set when more versions remain; pass it as Marker of the next request. Empty on the last page. */
  NextMarker: string | null;
  /** Association Function_ListVersionsByFunctionResponse. */
  Function_ListVersionsByFunctionResponse: Function[];
}

/** The input of ListAliases; set FunctionName, optionally FunctionVersion, and the paging attributes. */
export interface ListAliasesRequest extends AbstractListRequest {
  /** The function's name, ARN or partial ARN. */
  FunctionName?: string | null;
  /** Optional function version; only aliases that point to it are returned. */
  FunctionVersion?: string | null;
}

/** The aliases of a function, one Alias object each (retrieve them over Alias_ListAliasesResponse), and the marker of the next page. */
export interface ListAliasesResponse {
  /** Set when more aliases remain; pass it as Marker of the next request. Empty on the last page. */
  NextMarker: string | null;
  /** Association Alias_ListAliasesResponse. */
  Alias_ListAliasesResponse: Alias[];
}

/** An alias of a function, a named pointer to one of its versions (for example prod pointing to version 7). */
export interface Alias {
  /** The alias name. */
  Name: string | null;
  /** The alias's Amazon Resource Name. */
  AliasArn: string | null;
  /** The function version the alias points to. */
  FunctionVersion: string | null;
  /** The description of the alias. */
  Description: string | null;
  /** The revision of the alias; changes with every update. */
  RevisionId: string | null;
}

/** The input of DeleteFunction. */
export interface DeleteFunctionRequest extends AbstractRequest {
  /** The function's name, ARN or partial ARN. */
  FunctionName?: string | null;
  /** Optional version number to delete only that version. Empty deletes the function with all its versions and aliases. An alias cannot be given here. */
  Qualifier?: string | null;
}

/** The parameter and result types of each operation. */
export interface OperationTypes {
  ListFunctions: { credentials: Credentials; region: ENUM_Region; request: ListFunctionsRequest; response: ListFunctionsResponse };
  Invoke: { credentials: Credentials; region: ENUM_Region; request: InvokeRequest; response: InvokeResponse };
  GetFunction: { credentials: Credentials; region: ENUM_Region; request: GetFunctionRequest; response: GetFunctionResponse };
  ListVersionsByFunction: { credentials: Credentials; region: ENUM_Region; request: ListVersionsByFunctionRequest; response: ListVersionsByFunctionResponse };
  ListAliases: { credentials: Credentials; region: ENUM_Region; request: ListAliasesRequest; response: ListAliasesResponse };
  DeleteFunction: { credentials: Credentials; region: ENUM_Region; request: DeleteFunctionRequest; response: boolean };
}

export type OperationName = keyof OperationTypes;

export const OPERATION_NAMES: readonly OperationName[] = ["ListFunctions", "Invoke", "GetFunction", "ListVersionsByFunction", "ListAliases", "DeleteFunction"];

/** The item type of each paginated operation. */
export interface PaginatedItemTypes {
  ListFunctions: Function;
  ListVersionsByFunction: Function;
  ListAliases: Alias;
}
