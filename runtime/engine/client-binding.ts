import * as crypto from 'node:crypto';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { AWS_AUTHENTICATION, AWS_AUTHENTICATION_ATTRIBUTES as AUTH, awsAuthenticationRegionCode } from '../../generator/spec/aws-authentication.js';
import { defaultApiCallTimeoutSeconds } from '../../generator/spec/client-settings.js';
import type { ClientSpec, EntitySpec } from '../../generator/spec/types.js';
import { SpecIndex } from '../../generator/spec/spec-index.js';
import { validationError } from './errors.js';
import type { RuntimeSpec } from './runtime-spec.js';
import type { SdkClient, ServiceSdk } from './service-sdk.js';
import { isEmpty, readAttribute } from './values.js';

/**
 * How one call reaches AWS, read from the credentials object, the region and the request's settings
 * through the spec's client binding (`spec.client`). Secrets stay in `credentials` only.
 */
/** Static AWS keys as the SDK takes them. */
interface AwsCredentialIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface ClientBinding {
  region: string;
  endpoint: string | undefined;
  maxAttempts: number | undefined;
  /** Upper bound on one API call, retries included; undefined for none beyond the SDK's. */
  timeoutMs: number | undefined;
  credentials: ResolvedCredentials;
  /** Where assume-role credentials are requested, when not the SDK's own choice (AWS_ENDPOINT_URL_STS or the regional STS). */
  stsEndpoint: string | undefined;
  /** The secret values, to mask out of any message. */
  secrets: string[];
}

export type ResolvedCredentials =
  | { provider: 'staticKeys'; accessKeyId: string; secretAccessKey: string; sessionToken: string | undefined }
  | {
      provider: 'assumeRole';
      roleArn: string;
      externalId: string | undefined;
      roleSessionName: string;
      master: { accessKeyId: string; secretAccessKey: string; sessionToken: string | undefined } | undefined;
    }
  | { provider: 'defaultChain' };

function stringAttribute(object: object | null | undefined, name: string): string | undefined {
  const value = readAttribute(object, name);
  return isEmpty(value) ? undefined : String(value);
}

function attributeDefault(index: SpecIndex, entity: EntitySpec | undefined, name: string): string | undefined {
  const attribute = entity ? index.attribute(entity, name) : undefined;
  return attribute?.default === undefined ? undefined : String(attribute.default);
}

/** Reads the region parameter: an ENUM_Region value name, sent as its apiValue. */
export function resolveRegion(runtime: RuntimeSpec, operation: string, region: string | null | undefined): string {
  if (isEmpty(region)) throw validationError(operation, 'Region is required.');
  const known = regionCodes.get(runtime)?.get(region);
  if (known !== undefined) return known;
  const code = regionCode(runtime, operation, region);
  let codes = regionCodes.get(runtime);
  if (!codes) regionCodes.set(runtime, (codes = new Map()));
  codes.set(region, code);
  return code;
}

/** The region codes of the region values seen, by runtime spec: every call reads one (at most one entry per value of the enumeration). */
const regionCodes = new WeakMap<RuntimeSpec, Map<string, string>>();

function regionCode(runtime: RuntimeSpec, operation: string, region: string): string {
  const awsAuthentication = runtime.spec.client.credentialSource === 'awsAuthentication';
  const enumerationName = awsAuthentication ? AWS_AUTHENTICATION.region : runtime.spec.client.region.enumeration;
  const enumeration = runtime.index.enumeration(enumerationName);
  const value = enumeration?.values.find((v) => v.name === region);
  if (!enumeration || !value) {
    throw validationError(operation, `Region ${JSON.stringify(region)} is not a value of ${enumerationName}.`);
  }
  return awsAuthentication ? awsAuthenticationRegionCode(value.name) : SpecIndex.apiValue(value);
}

/**
 * AWS Authentication's Credentials object, in the shape its entities have: AccessKey and
 * SecretAccessKey, and for TemporaryCredentials the session Token. Always static keys: that module
 * computes temporary credentials itself (IAM Roles Anywhere) before the call.
 */
function awsAuthenticationCredentials(operation: string, credentials: object | null | undefined): ResolvedCredentials {
  if (credentials === null || credentials === undefined) throw validationError(operation, 'Credentials is required.');
  const accessKeyId = stringAttribute(credentials, AUTH.accessKey);
  const secretAccessKey = stringAttribute(credentials, AUTH.secretAccessKey);
  if (accessKeyId === undefined || secretAccessKey === undefined)
    throw validationError(
      operation,
      "Credentials AccessKey and SecretAccessKey are required: get them with AWS Authentication's GetStaticCredentials or GetTemporaryCredentials.",
    );
  return { provider: 'staticKeys', accessKeyId, secretAccessKey, sessionToken: stringAttribute(credentials, AUTH.token) };
}

/** Reads the credentials object through client.credentials. */
export function resolveCredentials(runtime: RuntimeSpec, operation: string, credentials: object | null | undefined): ResolvedCredentials {
  if (runtime.spec.client.credentialSource === 'awsAuthentication') return awsAuthenticationCredentials(operation, credentials);
  const binding = runtime.spec.client.credentials;
  // Defaults are read only for the attributes a caller left empty.
  const entity = () => runtime.index.entity(binding.entity);
  const provider =
    stringAttribute(credentials, binding.providerAttribute) ??
    attributeDefault(runtime.index, entity(), binding.providerAttribute) ??
    binding.providers.defaultChain;
  const accessKeyId = stringAttribute(credentials, binding.accessKeyId);
  const secretAccessKey = stringAttribute(credentials, binding.secretAccessKey);
  const sessionToken = stringAttribute(credentials, binding.sessionToken);
  const keys = accessKeyId !== undefined && secretAccessKey !== undefined ? { accessKeyId, secretAccessKey, sessionToken } : undefined;
  switch (provider) {
    case binding.providers.staticKeys:
      if (!keys)
        throw validationError(operation, `${binding.accessKeyId} and ${binding.secretAccessKey} are required for ${binding.providers.staticKeys} credentials.`);
      return { provider: 'staticKeys', ...keys };
    case binding.providers.assumeRole: {
      const roleArn = stringAttribute(credentials, binding.roleArn);
      if (roleArn === undefined) throw validationError(operation, `${binding.roleArn} is required for ${binding.providers.assumeRole} credentials.`);
      if (accessKeyId !== undefined && secretAccessKey === undefined) {
        throw validationError(operation, `${binding.secretAccessKey} is required when ${binding.accessKeyId} is set.`);
      }
      const roleSessionName =
        stringAttribute(credentials, binding.roleSessionName) ?? attributeDefault(runtime.index, entity(), binding.roleSessionName) ?? 'mendix-connector';
      return { provider: 'assumeRole', roleArn, externalId: stringAttribute(credentials, binding.externalId), roleSessionName, master: keys };
    }
    case binding.providers.defaultChain:
      return { provider: 'defaultChain' };
    default:
      throw validationError(operation, `${binding.providerAttribute} ${JSON.stringify(provider)} is not a credentials provider of this connector.`);
  }
}

/** Settings seen to be http or https URLs: an app calls with a handful of endpoints, each parsed once. */
const knownUrls = new Set<string>();

/** An http or https URL setting of the request; undefined when empty. */
function urlSetting(operation: string, request: object | null | undefined, name: string): string | undefined {
  const value = stringAttribute(request, name);
  if (value === undefined || knownUrls.has(value)) return value;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw validationError(operation, `${name} is not an http or https URL.`);
  if (knownUrls.size >= KNOWN_LIMIT) knownUrls.clear();
  knownUrls.add(value);
  return value;
}

/** Bound on the remembered URLs and cache keys; beyond it they are forgotten and computed again. */
const KNOWN_LIMIT = 256;

function wholeNumberSetting(operation: string, request: object | null | undefined, name: string): number | undefined {
  const value = readAttribute(request, name);
  if (isEmpty(value) || value === 0) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw validationError(operation, `${name} must be a whole number of 0 or more.`);
  }
  return value;
}

/** Everything a call needs to build (or reuse) its client. */
export function resolveClientBinding(
  runtime: RuntimeSpec,
  operation: string,
  credentials: object | null | undefined,
  region: string | null | undefined,
  request: object | null | undefined,
): ClientBinding {
  // Calls in a row mostly give the same values: then the binding is the last one, as it depends on
  // them and the spec alone (a refused value is never remembered).
  const values = bindingValues(runtime, credentials, region, request);
  if (lastBinding !== undefined && lastBinding.runtime === runtime && sameValues(values, lastBinding.values)) return lastBinding.binding;
  const binding =
    runtime.spec.client.credentialSource === 'awsAuthentication'
      ? awsAuthenticationBinding(
          operation,
          resolveRegion(runtime, operation, region),
          resolveCredentials(runtime, operation, credentials),
          request,
          runtime.spec.client.settings,
        )
      : specBinding(runtime, operation, credentials, region, request);
  lastBinding = values.every(isPrimitive) ? { runtime, values, binding } : undefined;
  return binding;
}

/** Compared by identity, an object could have changed since; a primitive value could not. */
function isPrimitive(value: unknown): boolean {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}

/** The last binding resolved, and the caller's values it was resolved from. */
let lastBinding: { runtime: RuntimeSpec; values: unknown[]; binding: ClientBinding } | undefined;

/** Every value of the caller's that a binding depends on: what specBinding or awsAuthenticationBinding reads. */
function bindingValues(
  runtime: RuntimeSpec,
  credentials: object | null | undefined,
  region: string | null | undefined,
  request: object | null | undefined,
): unknown[] {
  if (runtime.spec.client.credentialSource === 'awsAuthentication') {
    const config = associatedObject(request, AWS_AUTHENTICATION.requestClientConfig);
    const policy = associatedObject(config, AWS_AUTHENTICATION.retryPolicy);
    return [
      region,
      readAttribute(credentials, AUTH.accessKey),
      readAttribute(credentials, AUTH.secretAccessKey),
      readAttribute(credentials, AUTH.token),
      readAttribute(config, AUTH.endpointUrl),
      readAttribute(config, AUTH.apiTimeoutMs),
      readAttribute(policy, '$entity'),
      readAttribute(policy, AUTH.maxNumberOfRetries),
    ];
  }
  const c = runtime.spec.client.credentials;
  const settings = runtime.spec.client.settings;
  return [
    region,
    readAttribute(credentials, c.providerAttribute),
    readAttribute(credentials, c.accessKeyId),
    readAttribute(credentials, c.secretAccessKey),
    readAttribute(credentials, c.sessionToken),
    readAttribute(credentials, c.roleArn),
    readAttribute(credentials, c.externalId),
    readAttribute(credentials, c.roleSessionName),
    readAttribute(request, settings.endpointOverride),
    settings.stsEndpointOverride === undefined ? undefined : readAttribute(request, settings.stsEndpointOverride),
    readAttribute(request, settings.apiCallTimeoutSeconds),
    readAttribute(request, settings.maxAttempts),
  ];
}

/** A binding through the spec's own credentials entity and request settings. */
function specBinding(
  runtime: RuntimeSpec,
  operation: string,
  credentials: object | null | undefined,
  region: string | null | undefined,
  request: object | null | undefined,
): ClientBinding {
  const settings: ClientSpec['settings'] = runtime.spec.client.settings;
  const regionCode = resolveRegion(runtime, operation, region);
  const resolved = resolveCredentials(runtime, operation, credentials);
  const endpoint = urlSetting(operation, request, settings.endpointOverride);
  const stsEndpoint =
    (settings.stsEndpointOverride !== undefined ? urlSetting(operation, request, settings.stsEndpointOverride) : undefined) ?? runtime.stsEndpoint;
  // Empty: the spec's default bound, so that a server that never answers cannot hold a call forever; 0: none.
  const timeoutSeconds = isEmpty(readAttribute(request, settings.apiCallTimeoutSeconds))
    ? defaultApiCallTimeoutSeconds(settings)
    : wholeNumberSetting(operation, request, settings.apiCallTimeoutSeconds);
  const maxAttempts = wholeNumberSetting(operation, request, settings.maxAttempts);
  const keys = resolved.provider === 'staticKeys' ? resolved : resolved.provider === 'assumeRole' ? resolved.master : undefined;
  return {
    region: regionCode,
    endpoint,
    maxAttempts,
    timeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000,
    credentials: resolved,
    stsEndpoint,
    secrets: keys ? secretsOf(keys.secretAccessKey, keys.sessionToken) : [],
  };
}

/**
 * The settings of a request that generalizes AWS Authentication's AbstractRequest: its associated
 * BasicClientConfig (EndpointUrl, ApiTimeOutInMs) and, for an SdkClientConfig, the retry policy
 * (NoRetryPolicy: one attempt; NumberRetryPolicy: MaxNumberOfRetries more). Associated objects are
 * given under the qualified association name; a specialization names itself in `$entity`.
 */
function awsAuthenticationBinding(
  operation: string,
  region: string,
  credentials: ResolvedCredentials,
  request: object | null | undefined,
  settings: ClientSpec['settings'],
): ClientBinding {
  const config = associatedObject(request, AWS_AUTHENTICATION.requestClientConfig);
  const endpoint = urlSetting(operation, config, AUTH.endpointUrl);
  const timeout = readAttribute(config, AUTH.apiTimeoutMs);
  if (!isEmpty(timeout) && (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 0))
    throw validationError(operation, 'ApiTimeOutInMs must be a whole number of 0 or more.');
  const timeoutMs = isEmpty(timeout) ? defaultApiCallTimeoutSeconds(settings) * 1000 : timeout === 0 ? undefined : timeout;
  const policy = associatedObject(config, AWS_AUTHENTICATION.retryPolicy);
  let maxAttempts: number | undefined;
  if (readAttribute(policy, '$entity') === AWS_AUTHENTICATION.noRetryPolicy) maxAttempts = 1;
  else if (readAttribute(policy, '$entity') === AWS_AUTHENTICATION.numberRetryPolicy) {
    const retries = readAttribute(policy, AUTH.maxNumberOfRetries);
    if (typeof retries === 'number' && Number.isInteger(retries) && retries >= 0) maxAttempts = retries + 1;
  }
  const secrets = credentials.provider === 'staticKeys' ? secretsOf(credentials.secretAccessKey, credentials.sessionToken) : [];
  return { region, endpoint, maxAttempts, timeoutMs, credentials, stsEndpoint: undefined, secrets };
}

/** The secret values of a set of keys, empty ones left out. */
function secretsOf(secretAccessKey: string, sessionToken: string | undefined): string[] {
  const secrets = secretAccessKey !== '' ? [secretAccessKey] : [];
  if (sessionToken !== undefined && sessionToken !== '') secrets.push(sessionToken);
  return secrets;
}

/** The one object associated with `object` through an association (given as an object or a one-item list). */
function associatedObject(object: object | null | undefined, association: string): object | undefined {
  const value = readAttribute(object, association);
  const one = Array.isArray(value) ? (value.length === 1 ? value[0] : undefined) : value;
  return one !== null && typeof one === 'object' ? one : undefined;
}

/**
 * The cache key of a binding: a SHA-256 digest over every setting that shapes the client (the SDK
 * package included, as one process may serve several services), so the key (which tests and
 * debuggers may see) reveals no secret. The timeout is not part of it: it is applied per call.
 */
export function clientCacheKey(packageName: string, binding: ClientBinding): string {
  const settings = fields([packageName, binding.region, binding.endpoint, binding.stsEndpoint, binding.maxAttempts, ...credentialFields(binding.credentials)]);
  // Every call needs its key: each distinct configuration is hashed once. The remembered settings
  // hold the secrets the cached clients hold anyway, and are never shown.
  let key = cacheKeys.get(settings);
  if (key === undefined) {
    key = sha256Hex(settings);
    if (cacheKeys.size >= KNOWN_LIMIT) cacheKeys.clear();
    cacheKeys.set(settings, key);
  }
  return key;
}

const cacheKeys = new Map<string, string>();
function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Settings as one text that no other settings give: each field with its length (absent: `-`). */
function fields(values: ReadonlyArray<string | number | undefined>): string {
  let text = '';
  for (const value of values) text += value === undefined ? '-;' : `${String(value).length}:${String(value)};`;
  return text;
}

/** The fields of credentials that shape a client. */
function credentialFields(c: ResolvedCredentials): Array<string | undefined> {
  switch (c.provider) {
    case 'staticKeys':
      return [c.provider, c.accessKeyId, c.secretAccessKey, c.sessionToken];
    case 'assumeRole':
      return [c.provider, c.roleArn, c.externalId, c.roleSessionName, c.master?.accessKeyId, c.master?.secretAccessKey, c.master?.sessionToken];
    case 'defaultChain':
      return [c.provider];
  }
}

const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text) : (text) => crypto.createHash('sha256').update(text).digest('hex');

function clientConfig(binding: ClientBinding): Record<string, unknown> {
  const config: Record<string, unknown> = { region: binding.region };
  if (binding.endpoint !== undefined) config['endpoint'] = binding.endpoint;
  if (binding.maxAttempts !== undefined) config['maxAttempts'] = binding.maxAttempts;
  const c = binding.credentials;
  if (c.provider === 'staticKeys') {
    const identity: AwsCredentialIdentity = { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey };
    if (c.sessionToken !== undefined) identity.sessionToken = c.sessionToken;
    config['credentials'] = identity;
  } else if (c.provider === 'assumeRole') {
    const master: AwsCredentialIdentity | undefined = c.master
      ? {
          accessKeyId: c.master.accessKeyId,
          secretAccessKey: c.master.secretAccessKey,
          ...(c.master.sessionToken !== undefined ? { sessionToken: c.master.sessionToken } : {}),
        }
      : undefined;
    // Refreshed before they expire, for as long as the client is cached. The STS endpoint follows the
    // SDK's own settings (AWS_ENDPOINT_URL_STS, profiles), or the binding's STS endpoint when set.
    config['credentials'] = fromTemporaryCredentials({
      params: {
        RoleArn: c.roleArn,
        RoleSessionName: c.roleSessionName,
        ...(c.externalId !== undefined ? { ExternalId: c.externalId } : {}),
      },
      // Without master keys, fromTemporaryCredentials signs the STS call with the default chain.
      ...(master ? { masterCredentials: master } : {}),
      clientConfig: { region: binding.region, ...(binding.stsEndpoint !== undefined ? { endpoint: binding.stsEndpoint } : {}) },
    });
  }
  // defaultChain: no credentials in the config, so the SDK uses its default provider chain.
  return config;
}

/** How many clients the cache keeps; beyond that the least recently used one leaves it. */
export const CLIENT_CACHE_LIMIT = 64;

interface CachedClient {
  client: SdkClient;
  /** Calls using the client now. */
  inUse: number;
  /** Out of the cache: destroyed when the last call using it ends. */
  retired: boolean;
}

/** Least recently used first. */
const cache = new Map<string, CachedClient>();
let created = 0;
let destroyed = 0;

/** One call's use of a cached client: the client stays open until `release()`, even when it leaves the cache meanwhile. */
export interface ClientLease {
  client: SdkClient;
  release(): void;
}

function destroy(entry: CachedClient): void {
  entry.client.destroy();
  destroyed++;
}

/**
 * The client for a binding, reused across calls with the same configuration, created on first use.
 * A client that leaves the cache while calls use it is destroyed only when they have released it,
 * so eviction never breaks a call in flight.
 */
export function leaseClient(sdk: ServiceSdk, binding: ClientBinding): ClientLease {
  // The same binding as the last lease's (resolveClientBinding gives the same object for the same
  // values): its client, unless it has left the cache since.
  let entry = lastLease !== undefined && lastLease.binding === binding && lastLease.sdk === sdk && !lastLease.entry.retired ? lastLease.entry : undefined;
  if (entry === undefined) {
    entry = cachedClient(sdk, binding);
    lastLease = { sdk, binding, entry };
  }
  entry.inUse++;
  return new Lease(entry);
}

/** The last lease's binding and client. */
let lastLease: { sdk: ServiceSdk; binding: ClientBinding; entry: CachedClient } | undefined;

class Lease implements ClientLease {
  readonly client: SdkClient;
  private released = false;

  constructor(private readonly entry: CachedClient) {
    this.client = entry.client;
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.entry.inUse--;
    if (this.entry.retired && this.entry.inUse === 0) destroy(this.entry);
  }
}

/** The cache's client for a binding, made most recently used; created (and the least recently used one evicted) when absent. */
function cachedClient(sdk: ServiceSdk, binding: ClientBinding): CachedClient {
  const key = clientCacheKey(sdk.packageName, binding);
  let entry = cache.get(key);
  if (entry) {
    // Re-insert to mark it most recently used.
    cache.delete(key);
    cache.set(key, entry);
  } else {
    entry = { client: new sdk.Client(clientConfig(binding)), inUse: 0, retired: false };
    created++;
    cache.set(key, entry);
    for (const [oldKey, old] of cache) {
      if (cache.size <= CLIENT_CACHE_LIMIT) break;
      cache.delete(oldKey);
      old.retired = true;
      if (old.inUse === 0) destroy(old);
    }
  }
  return entry;
}

/** The cache keys (hex digests), for inspection. */
export function clientCacheKeys(): string[] {
  return [...cache.keys()];
}

/** Clients created and destroyed since start, and those cached now: for load tests and monitoring. */
export function clientCacheStats(): { cached: number; created: number; destroyed: number } {
  return { cached: cache.size, created, destroyed };
}

/** Forgets every cached client, destroying (closing the sockets of) those no call uses; the others close when released. */
export function clearClientCache(): void {
  for (const entry of cache.values()) {
    entry.retired = true;
    if (entry.inUse === 0) destroy(entry);
  }
  cache.clear();
  lastLease = undefined;
}
