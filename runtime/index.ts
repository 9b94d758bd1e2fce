/** The TypeScript runtime of the AWS Lambda connector: the public API. */
export {
  deleteFunction,
  getFunction,
  invoke,
  listAliases,
  listFunctions,
  listVersionsByFunction,
  runOperation,
  streamAliases,
  streamFunctions,
  streamOperationItems,
  streamOperationPages,
  streamVersionsByFunction,
  type PaginatedOperationName,
} from './lambda.js';
export { ConnectorError, type ConnectorErrorKind } from './engine/errors.js';
export { clearClientCache, clientCacheKeys, CLIENT_CACHE_LIMIT } from './engine/client-binding.js';
export { executeOperation, streamItems, streamPages, type EntityInput } from './engine/engine.js';
export { bundledSpec, loadRuntimeSpec, type RuntimeSpec } from './engine/runtime-spec.js';
export type { AttributeValue, EntityObject } from './engine/values.js';
export type * from './generated/spec-types.js';
export { OPERATION_NAMES } from './generated/spec-types.js';
