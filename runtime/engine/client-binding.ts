import { createHash } from 'node:crypto';
import { LambdaClient, type LambdaClientConfig } from '@aws-sdk/client-lambda';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { ClientSpec, EntitySpec } from '../../generator/spec/types.js';
import { SpecIndex } from '../../generator/spec/spec-index.js';
import { validationError } from './errors.js';
import type { RuntimeSpec } from './runtime-spec.js';
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
  const enumeration = runtime.index.enumeration(runtime.spec.client.region.enumeration);
  const value = enumeration?.values.find((v) => v.name === region);
  if (!enumeration || !value) {
    throw validationError(operation, `Region ${JSON.stringify(region)} is not a value of ${runtime.spec.client.region.enumeration}.`);
  }
  return SpecIndex.apiValue(value);
}

/** Reads the credentials object through client.credentials. */
export function resolveCredentials(runtime: RuntimeSpec, operation: string, credentials: object | null | undefined): ResolvedCredentials {
  const binding = runtime.spec.client.credentials;
  const entity = runtime.index.entity(binding.entity);
  const provider =
    stringAttribute(credentials, binding.providerAttribute) ??
    attributeDefault(runtime.index, entity, binding.providerAttribute) ??
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
        stringAttribute(credentials, binding.roleSessionName) ?? attributeDefault(runtime.index, entity, binding.roleSessionName) ?? 'mendix-connector';
      return { provider: 'assumeRole', roleArn, externalId: stringAttribute(credentials, binding.externalId), roleSessionName, master: keys };
    }
    case binding.providers.defaultChain:
      return { provider: 'defaultChain' };
    default:
      throw validationError(operation, `${binding.providerAttribute} ${JSON.stringify(provider)} is not a credentials provider of this connector.`);
  }
}

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
  const settings: ClientSpec['settings'] = runtime.spec.client.settings;
  const regionCode = resolveRegion(runtime, operation, region);
  const resolved = resolveCredentials(runtime, operation, credentials);
  const endpoint = stringAttribute(request, settings.endpointOverride);
  if (endpoint !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(endpoint);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw validationError(operation, `${settings.endpointOverride} is not an http or https URL.`);
    }
  }
  const timeoutSeconds = wholeNumberSetting(operation, request, settings.apiCallTimeoutSeconds);
  const maxAttempts = wholeNumberSetting(operation, request, settings.maxAttempts);
  const secrets: string[] = [];
  if (resolved.provider === 'staticKeys') secrets.push(resolved.secretAccessKey, resolved.sessionToken ?? '');
  if (resolved.provider === 'assumeRole' && resolved.master) secrets.push(resolved.master.secretAccessKey, resolved.master.sessionToken ?? '');
  return {
    region: regionCode,
    endpoint,
    maxAttempts,
    timeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000,
    credentials: resolved,
    secrets: secrets.filter((s) => s !== ''),
  };
}

/**
 * The cache key of a binding: a SHA-256 digest over every setting that shapes the client, so the
 * key (which tests and debuggers may see) reveals no secret. The timeout is not part of it: it is
 * applied per call.
 */
export function clientCacheKey(binding: ClientBinding): string {
  const parts = [binding.region, binding.endpoint ?? '', String(binding.maxAttempts ?? ''), JSON.stringify(binding.credentials)];
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

function clientConfig(binding: ClientBinding): LambdaClientConfig {
  const config: LambdaClientConfig = { region: binding.region };
  if (binding.endpoint !== undefined) config.endpoint = binding.endpoint;
  if (binding.maxAttempts !== undefined) config.maxAttempts = binding.maxAttempts;
  const c = binding.credentials;
  if (c.provider === 'staticKeys') {
    const identity: AwsCredentialIdentity = { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey };
    if (c.sessionToken !== undefined) identity.sessionToken = c.sessionToken;
    config.credentials = identity;
  } else if (c.provider === 'assumeRole') {
    const master: AwsCredentialIdentity | undefined = c.master
      ? {
          accessKeyId: c.master.accessKeyId,
          secretAccessKey: c.master.secretAccessKey,
          ...(c.master.sessionToken !== undefined ? { sessionToken: c.master.sessionToken } : {}),
        }
      : undefined;
    config.credentials = fromTemporaryCredentials({
      params: {
        RoleArn: c.roleArn,
        RoleSessionName: c.roleSessionName,
        ...(c.externalId !== undefined ? { ExternalId: c.externalId } : {}),
      },
      // Without master keys, fromTemporaryCredentials signs the STS call with the default chain.
      ...(master ? { masterCredentials: master } : {}),
      clientConfig: { region: binding.region },
    });
  }
  // defaultChain: no credentials in the config, so the SDK uses its default provider chain.
  return config;
}

/** How many clients the cache keeps; the least recently used one is destroyed beyond that. */
export const CLIENT_CACHE_LIMIT = 64;
const cache = new Map<string, LambdaClient>();

/** The client for a binding: reused across calls with the same configuration, created on first use. */
export function clientFor(binding: ClientBinding): LambdaClient {
  const key = clientCacheKey(binding);
  const cached = cache.get(key);
  if (cached) {
    // Re-insert to mark it most recently used.
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const client = new LambdaClient(clientConfig(binding));
  cache.set(key, client);
  while (cache.size > CLIENT_CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.get(oldest)?.destroy();
    cache.delete(oldest);
  }
  return client;
}

/** The cache keys (hex digests), for inspection. */
export function clientCacheKeys(): string[] {
  return [...cache.keys()];
}

/** Destroys every cached client (closing their sockets), for tests and for shutting down. */
export function clearClientCache(): void {
  for (const client of cache.values()) client.destroy();
  cache.clear();
}
