import { maxPagesOf } from '../../generator/spec/pagination.js';
import type { OperationSpec } from '../../generator/spec/types.js';
import { leaseClient, resolveClientBinding, type ClientBinding, type ClientLease } from './client-binding.js';
import { awsError, ConnectorError, formatCount, maskSecrets, validationError } from './errors.js';
import { compileMappers, planFor, requestEntityOf, type OperationMappers } from './mapping.js';
import type { RuntimeSpec } from './runtime-spec.js';
import { endDeadline, startDeadline, type CallDeadline } from './call-deadlines.js';
import { serviceSdk, type SdkCommandClass, type SdkOutput, type ServiceSdk } from './service-sdk.js';
import { isEmpty, readAttribute, utf8ByteLength, utf8Text, type EntityObject } from './values.js';

/**
 * The generic engine: runs any operation of a spec from the spec's data alone (client binding,
 * request and response mappings, field and operation traits).
 */

/** An entity-shaped object a caller passes: attribute names to values. */
export type EntityInput = object | null | undefined;

/** What every call of an operation needs from the spec, found on its first call. */
interface OperationRunner {
  operation: OperationSpec;
  mappers: OperationMappers;
  /** What the payloadLimits trait reads from the spec; undefined without the trait. */
  payloadLimits: PayloadLimitFacts | undefined;
  sdk: ServiceSdk;
  Command: SdkCommandClass;
}

/** One call, checked and mapped, ready to send. */
interface PreparedCall extends OperationRunner {
  binding: ClientBinding;
  input: Record<string, unknown>;
}

export function operationSpec(runtime: RuntimeSpec, name: string): OperationSpec {
  const operation = runtime.index.operation(name);
  if (!operation) throw new Error(`The connector spec has no operation ${name}.`);
  return operation;
}

type PayloadLimits = NonNullable<OperationSpec['traits']['payloadLimits']>;

/** The payloadLimits trait with what it reads from the spec: the selecting attribute's default, and the largest limit. */
interface PayloadLimitFacts {
  limits: PayloadLimits;
  defaultValue: string | undefined;
  largest: number;
}

function payloadLimitFacts(runtime: RuntimeSpec, operation: OperationSpec, limits: PayloadLimits): PayloadLimitFacts {
  const selector = runtime.index.attribute(requestEntityOf(runtime, operation), limits.byAttribute);
  return { limits, defaultValue: selector?.default === undefined ? undefined : String(selector.default), largest: Math.max(...Object.values(limits.limits)) };
}

/** Checks the operation traits that refuse input before any call (payload limits). */
function checkPayloadLimits(operation: OperationSpec, facts: PayloadLimitFacts | undefined, request: EntityInput): void {
  if (!facts) return;
  const { limits } = facts;
  const payload = readAttribute(request, limits.attribute);
  if (typeof payload !== 'string' || payload === '') return;
  const chosen = readAttribute(request, limits.byAttribute);
  const valueName = isEmpty(chosen) ? facts.defaultValue : String(chosen);
  // Without a value and without a default the largest limit applies, which AWS enforces anyway.
  const limit = valueName !== undefined && valueName in limits.limits ? limits.limits[valueName] : facts.largest;
  if (limit === undefined) return;
  const size = utf8ByteLength(payload);
  if (size > limit) {
    const which = valueName !== undefined ? ` for ${limits.byAttribute} ${valueName}` : '';
    throw validationError(operation.name, `${limits.attribute} is ${formatCount(size)} bytes; the limit${which} is ${formatCount(limit)} bytes.`);
  }
}

/** The runner of each operation, by runtime spec. */
const runners = new WeakMap<RuntimeSpec, Map<string, OperationRunner>>();

function runnerOf(runtime: RuntimeSpec, operationName: string): OperationRunner {
  let byName = runners.get(runtime);
  let runner = byName?.get(operationName);
  if (runner === undefined) {
    const operation = operationSpec(runtime, operationName);
    const limits = operation.traits.payloadLimits;
    const sdk = serviceSdk(runtime.api);
    runner = {
      operation,
      mappers: compileMappers(runtime, operation),
      payloadLimits: limits ? payloadLimitFacts(runtime, operation, limits) : undefined,
      sdk,
      Command: sdk.command(operation.action),
    };
    if (!byName) runners.set(runtime, (byName = new Map()));
    byName.set(operationName, runner);
  }
  return runner;
}

/** Everything that can be checked before a call; throws a validation ConnectorError when the input is refused. */
function prepare(runtime: RuntimeSpec, operationName: string, credentials: EntityInput, region: string | null | undefined, request: EntityInput): PreparedCall {
  const runner = runnerOf(runtime, operationName);
  const binding = resolveClientBinding(runtime, runner.operation.name, credentials, region, request);
  checkPayloadLimits(runner.operation, runner.payloadLimits, request);
  // The runner's fields named one by one: copied with a spread they cost some 2 µs more a call
  // (measured on the mocked client: own work 3.9 µs with the spread, 1.8 µs without).
  const { operation, mappers, payloadLimits, sdk, Command } = runner;
  return { operation, mappers, payloadLimits, sdk, Command, binding, input: mappers.input(request) };
}

/** The response object of a call, through the operation's response mapping. */
function mapOutput(call: PreparedCall, output: unknown): EntityObject {
  const map = call.mappers.output;
  if (!map) throw new Error(`Operation ${call.operation.name} returns no entity.`);
  return map(output);
}

function callFailure(call: PreparedCall, deadline: CallDeadline | undefined, error: unknown): ConnectorError {
  if (error instanceof ConnectorError) return error;
  if (deadline?.fired) {
    const seconds = (call.binding.timeoutMs ?? 0) / 1000;
    return new ConnectorError({
      kind: 'aws',
      operation: call.operation.name,
      code: 'ApiCallTimeout',
      retryable: true,
      message: `${call.operation.name} failed: ApiCallTimeout: the call did not finish within ${formatCount(seconds)} second${seconds === 1 ? '' : 's'} (ApiCallTimeoutSeconds).`,
    });
  }
  return awsError(call.operation.name, error, call.binding.secrets);
}

/**
 * One API call with the given input, on a leased client, within the call's timeout. Not an async
 * function: the SDK's promise is continued once, where each await would cost a turn of the
 * microtask queue.
 */
function send(call: PreparedCall, input: Record<string, unknown>): Promise<SdkOutput> {
  let lease: ClientLease;
  try {
    lease = leaseClient(call.sdk, call.binding);
  } catch (error) {
    // A client the SDK refuses to build: a rejection, as from an async function.
    return Promise.reject(error);
  }
  const timeoutMs = call.binding.timeoutMs;
  const deadline = timeoutMs === undefined ? undefined : startDeadline(timeoutMs);
  const end = (): void => {
    if (deadline) endDeadline(deadline);
    lease.release();
  };
  let sent: Promise<unknown>;
  try {
    // An SDK client's promise comes back as it is; a client answering with a plain value works too.
    sent = Promise.resolve(lease.client.send(new call.Command(input), deadline ? { abortSignal: deadline } : {}));
  } catch (error) {
    end();
    return Promise.reject(callFailure(call, deadline, error));
  }
  return sent.then(
    (output) => {
      end();
      return output as SdkOutput;
    },
    (error: unknown) => {
      end();
      throw callFailure(call, deadline, error);
    },
  );
}

/**
 * The raw API pages of a paginated call: the output token of each page goes into the input token of
 * the next, until a page has none. A token the service repeats, or more pages than the trait's
 * maxPages, is an error rather than a silent stop or an endless loop (the Java does the same).
 */
async function* rawPages(call: PreparedCall): AsyncGenerator<SdkOutput> {
  const pagination = call.operation.traits.pagination;
  if (!pagination) throw new Error(`Operation ${call.operation.name} has no pagination trait.`);
  const maxPages = maxPagesOf(pagination);
  const input = { ...call.input };
  let previous: unknown;
  for (let pages = 1; ; pages++) {
    const page = await send(call, input);
    yield page;
    const token = page[pagination.outputToken];
    if (isEmpty(token)) return;
    if (previous !== undefined && token === previous) {
      throw pagingError(call, `AWS returned the same page token twice; stopped after ${formatCount(pages)} page${pages === 1 ? '' : 's'}.`);
    }
    if (pages >= maxPages) throw pagingError(call, `AWS returned more than ${formatCount(maxPages)} pages; stopped there (the pagination trait's maxPages).`);
    previous = token;
    input[pagination.inputToken] = token;
  }
}

function pagingError(call: PreparedCall, detail: string): ConnectorError {
  return new ConnectorError({
    kind: 'aws',
    operation: call.operation.name,
    code: 'PagingStopped',
    retryable: false,
    message: `${call.operation.name} failed: ${detail}`,
  });
}

export interface PaginationParts {
  /** The association that collects a page's items; undefined when they are joined into a text attribute. */
  itemsAssociation: string | undefined;
  /** The response attribute that holds the next page's marker. */
  tokenAttribute: string | undefined;
}

/** Where a paginated operation's items and next marker are, from its plan. */
export function paginationParts(runtime: RuntimeSpec, operation: OperationSpec): PaginationParts {
  const pagination = planFor(runtime, operation).pagination;
  if (!pagination) throw new Error(`Operation ${operation.name} has no pagination trait.`);
  return {
    itemsAssociation: pagination.items.kind === 'objects' ? pagination.items.association.name : undefined,
    tokenAttribute: pagination.tokenAttribute?.name,
  };
}

function pageItems(page: EntityObject, association: string): EntityObject[] {
  const items = page[association];
  return Array.isArray(items) ? items : [];
}

/** The functionError trait: fail with the function's errorType and errorMessage when the request asks to. */
function checkFunctionError(call: PreparedCall, request: EntityInput, output: SdkOutput): void {
  const trait = call.operation.traits.functionError;
  if (!trait) return;
  const functionError = output[trait.field];
  if (isEmpty(functionError) || readAttribute(request, trait.failAttribute) !== true) return;
  const payloadMapping = call.operation.response.find((f) => 'attribute' in f && f.trait === 'jsonPayload');
  const rawPayload = payloadMapping ? output[payloadMapping.field] : undefined;
  const text = rawPayload instanceof Uint8Array ? utf8Text(rawPayload) : typeof rawPayload === 'string' ? rawPayload : '';
  let errorType: string | undefined;
  let errorMessage: string | undefined;
  let trace: string[] | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const body = parsed as Record<string, unknown>;
      if (typeof body['errorType'] === 'string') errorType = body['errorType'];
      if (typeof body['errorMessage'] === 'string') errorMessage = body['errorMessage'];
      if (Array.isArray(body['trace'])) trace = body['trace'].map((line) => String(line));
    }
  } catch {
    // Not JSON: the payload text itself is the best description there is.
  }
  const secrets = call.binding.secrets;
  if (errorType !== undefined) errorType = maskSecrets(errorType, secrets);
  if (errorMessage !== undefined) errorMessage = maskSecrets(errorMessage, secrets);
  if (trace !== undefined) trace = trace.map((line) => maskSecrets(line, secrets));
  const description =
    errorType !== undefined && errorMessage !== undefined
      ? `${errorType}: ${errorMessage}`
      : (errorMessage ?? errorType ?? (text.length > 1000 ? `${text.slice(0, 1000)}...` : text) ?? 'no details');
  throw new ConnectorError({
    kind: 'functionError',
    operation: call.operation.name,
    message: maskSecrets(`${call.operation.name} failed: the function returned an error (${String(functionError)}): ${description}`, secrets),
    functionError: String(functionError),
    ...(errorType !== undefined ? { errorType } : {}),
    ...(errorMessage !== undefined ? { errorMessage } : {}),
    ...(trace !== undefined ? { trace } : {}),
  });
}

/** Every page of a paginated call, as one response object. */
async function allPages(runtime: RuntimeSpec, call: PreparedCall, pagination: NonNullable<OperationSpec['traits']['pagination']>): Promise<EntityObject> {
  const parts = paginationParts(runtime, call.operation);
  const association = parts.itemsAssociation;
  if (association === undefined) {
    // Items joined into text: collect the raw items of every page, then map the whole list once.
    let first: SdkOutput | undefined;
    const raw: unknown[] = [];
    for await (const page of rawPages(call)) {
      first ??= page;
      const list = page[pagination.items];
      if (Array.isArray(list)) raw.push(...list);
    }
    return mapOutput(call, { ...(first ?? {}), [pagination.items]: raw, [pagination.outputToken]: undefined });
  }
  // Objects: each page is mapped and dropped, so only the mapped items are held.
  let combined: EntityObject | undefined;
  const items: EntityObject[] = [];
  for await (const page of rawPages(call)) {
    const mapped = mapOutput(call, page);
    combined ??= mapped;
    for (const item of pageItems(mapped, association)) items.push(item);
  }
  const result = combined ?? mapOutput(call, {});
  result[association] = items;
  if (parts.tokenAttribute !== undefined) result[parts.tokenAttribute] = null;
  return result;
}

/**
 * Runs one operation: checks and maps the request, calls AWS (every page when the pagination
 * trait's fetch-all attribute is true), maps the answer. Resolves to the response object, or true
 * for an operation that returns a Boolean; rejects with a ConnectorError (a refused input too).
 */
export function executeOperation(
  runtime: RuntimeSpec,
  operationName: string,
  credentials: EntityInput,
  region: string | null | undefined,
  request: EntityInput,
): Promise<EntityObject | boolean> {
  let call: PreparedCall;
  try {
    call = prepare(runtime, operationName, credentials, region, request);
  } catch (error) {
    return Promise.reject(error);
  }
  const pagination = call.operation.traits.pagination;
  if (pagination && readAttribute(request, pagination.fetchAllAttribute) === true) return allPages(runtime, call, pagination);
  return send(call, call.input).then((output) => {
    checkFunctionError(call, request, output);
    return 'entity' in call.operation.returns ? mapOutput(call, output) : true;
  });
}

/**
 * Streams the response objects of a paginated operation page by page, from the request's marker
 * (or the first page) to the last page, whatever the fetch-all attribute says. Only one page is held
 * at a time.
 */
export async function* streamPages(
  runtime: RuntimeSpec,
  operationName: string,
  credentials: EntityInput,
  region: string | null | undefined,
  request: EntityInput,
): AsyncGenerator<EntityObject, void, undefined> {
  const call = prepare(runtime, operationName, credentials, region, request);
  paginationParts(runtime, call.operation);
  for await (const page of rawPages(call)) yield mapOutput(call, page);
}

/** Streams the items (e.g. Function objects) of a paginated operation one by one, fetching page after page. */
export async function* streamItems(
  runtime: RuntimeSpec,
  operationName: string,
  credentials: EntityInput,
  region: string | null | undefined,
  request: EntityInput,
): AsyncGenerator<EntityObject, void, undefined> {
  const operation = operationSpec(runtime, operationName);
  const { itemsAssociation } = paginationParts(runtime, operation);
  if (itemsAssociation === undefined) throw new Error(`Operation ${operation.name} joins its paged list into text; there are no item objects to stream.`);
  for await (const page of streamPages(runtime, operationName, credentials, region, request)) {
    yield* pageItems(page, itemsAssociation);
  }
}
