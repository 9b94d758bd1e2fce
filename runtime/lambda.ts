import { executeOperation, streamItems, streamPages } from './engine/engine.js';
import { bundledSpec, type RuntimeSpec } from './engine/runtime-spec.js';
import type {
  Alias,
  Credentials,
  DeleteFunctionRequest,
  ENUM_Region,
  Function as LambdaFunction,
  GetFunctionRequest,
  GetFunctionResponse,
  InvokeRequest,
  InvokeResponse,
  ListAliasesRequest,
  ListAliasesResponse,
  ListFunctionsRequest,
  ListFunctionsResponse,
  ListVersionsByFunctionRequest,
  ListVersionsByFunctionResponse,
  OperationName,
  OperationTypes,
  PaginatedItemTypes,
} from './generated/spec-types.js';

/**
 * The AWS Lambda connector's operations, one function each, all run by the generic engine from the
 * bundled spec (validated once, on first use). Each takes the credentials object, the region (an
 * ENUM_Region value name such as "eu_west_1") and the request object, shaped like the spec's
 * entities, and resolves to the response object (or true), or rejects with a ConnectorError.
 */

export type PaginatedOperationName = keyof PaginatedItemTypes;
type Region = ENUM_Region | null | undefined;

/** Runs any operation of the bundled spec by name. */
export function runOperation<N extends OperationName>(
  name: N,
  credentials: OperationTypes[N]['credentials'] | null | undefined,
  region: Region,
  request: OperationTypes[N]['request'] | null | undefined,
): Promise<OperationTypes[N]['response']> {
  // The engine's promise is returned as it is: one more async step would cost every call a turn of
  // the microtask queue. Loading the bundled spec may throw; that too becomes a rejection.
  let runtime: RuntimeSpec;
  try {
    runtime = bundledSpec();
  } catch (error) {
    return Promise.reject(error);
  }
  // The engine maps the response through the same spec these types are generated from.
  return executeOperation(runtime, name, credentials, region, request) as Promise<OperationTypes[N]['response']>;
}

/** ListFunctions: one page, or every page when request.FetchAllPages is true. */
export function listFunctions(
  credentials: Credentials | null | undefined,
  region: Region,
  request: ListFunctionsRequest | null | undefined,
): Promise<ListFunctionsResponse> {
  return runOperation('ListFunctions', credentials, region, request);
}

/** Invoke: runs a function with a JSON payload. */
export function invoke(credentials: Credentials | null | undefined, region: Region, request: InvokeRequest | null | undefined): Promise<InvokeResponse> {
  return runOperation('Invoke', credentials, region, request);
}

/** GetFunction: a function's configuration, code location, tags and reserved concurrency. */
export function getFunction(
  credentials: Credentials | null | undefined,
  region: Region,
  request: GetFunctionRequest | null | undefined,
): Promise<GetFunctionResponse> {
  return runOperation('GetFunction', credentials, region, request);
}

/** ListVersionsByFunction: one page, or every page when request.FetchAllPages is true. */
export function listVersionsByFunction(
  credentials: Credentials | null | undefined,
  region: Region,
  request: ListVersionsByFunctionRequest | null | undefined,
): Promise<ListVersionsByFunctionResponse> {
  return runOperation('ListVersionsByFunction', credentials, region, request);
}

/** ListAliases: one page, or every page when request.FetchAllPages is true. */
export function listAliases(
  credentials: Credentials | null | undefined,
  region: Region,
  request: ListAliasesRequest | null | undefined,
): Promise<ListAliasesResponse> {
  return runOperation('ListAliases', credentials, region, request);
}

/** DeleteFunction: true once AWS accepted the deletion. */
export function deleteFunction(
  credentials: Credentials | null | undefined,
  region: Region,
  request: DeleteFunctionRequest | null | undefined,
): Promise<boolean> {
  return runOperation('DeleteFunction', credentials, region, request);
}

/**
 * The response objects of a paginated operation, page by page, from request.Marker (or the first
 * page) to the last; FetchAllPages is ignored. One page is held in memory at a time.
 */
export function streamOperationPages<N extends PaginatedOperationName>(
  name: N,
  credentials: Credentials | null | undefined,
  region: Region,
  request: OperationTypes[N]['request'] | null | undefined,
): AsyncGenerator<OperationTypes[N]['response'], void, undefined> {
  return streamPages(bundledSpec(), name, credentials, region, request) as AsyncGenerator<OperationTypes[N]['response'], void, undefined>;
}

/** The items of a paginated operation one by one, fetching the next page when the current one is used up. */
export function streamOperationItems<N extends PaginatedOperationName>(
  name: N,
  credentials: Credentials | null | undefined,
  region: Region,
  request: OperationTypes[N]['request'] | null | undefined,
): AsyncGenerator<PaginatedItemTypes[N], void, undefined> {
  return streamItems(bundledSpec(), name, credentials, region, request) as AsyncGenerator<PaginatedItemTypes[N], void, undefined>;
}

/** Every function of the account and region, streamed page by page (10,000 functions are never held at once). */
export function streamFunctions(
  credentials: Credentials | null | undefined,
  region: Region,
  request: ListFunctionsRequest | null | undefined = {},
): AsyncGenerator<LambdaFunction, void, undefined> {
  return streamOperationItems('ListFunctions', credentials, region, request);
}

/** Every version of a function, streamed page by page. */
export function streamVersionsByFunction(
  credentials: Credentials | null | undefined,
  region: Region,
  request: ListVersionsByFunctionRequest | null | undefined,
): AsyncGenerator<LambdaFunction, void, undefined> {
  return streamOperationItems('ListVersionsByFunction', credentials, region, request);
}

/** Every alias of a function, streamed page by page. */
export function streamAliases(
  credentials: Credentials | null | undefined,
  region: Region,
  request: ListAliasesRequest | null | undefined,
): AsyncGenerator<Alias, void, undefined> {
  return streamOperationItems('ListAliases', credentials, region, request);
}
