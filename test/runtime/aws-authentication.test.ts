/**
 * The runtime against AWS Authentication takes the same shapes as the generated Java in that form:
 * the module's Credentials (TemporaryCredentials with their Token), its ENUM_Region keys, and the
 * request's associated BasicClientConfig / SdkClientConfig with a retry policy. And it refuses what
 * the Java refuses, naming AWS Authentication's attributes.
 */
import { describe, expect, it } from 'vitest';
import { BUNDLED_SPEC_FILE } from '../../generator/paths.js';
import { AWS_AUTHENTICATION } from '../../generator/spec/aws-authentication.js';
import { resolveClientBinding } from '../../runtime/engine/client-binding.js';
import { ConnectorError } from '../../runtime/engine/errors.js';
import { loadRuntimeSpec } from '../../runtime/engine/runtime-spec.js';

const runtime = loadRuntimeSpec(BUNDLED_SPEC_FILE, { credentialSource: 'awsAuthentication' });
const KEYS = { AccessKey: 'AKIAIOSFODNN7EXAMPLE', SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ConnectorError) return error.message;
    throw error;
  }
  throw new Error('not refused');
}

describe('the runtime against AWS Authentication', () => {
  it('has the operations with AWS Authentication parameters and none of the own credential model', () => {
    const operation = runtime.index.operation('ListFunctions');
    expect(operation?.parameters.find((p) => p.role === 'credentials')?.entity).toBe(AWS_AUTHENTICATION.credentials);
    expect(operation?.parameters.find((p) => p.role === 'region')?.enumeration).toBe(AWS_AUTHENTICATION.region);
    expect(runtime.spec.entities.map((e) => e.name)).not.toContain('Credentials');
    expect(runtime.spec.enumerations.map((e) => e.name)).not.toContain('ENUM_Region');
  });

  it('reads temporary credentials, the region key and an SdkClientConfig with a NumberRetryPolicy', () => {
    const binding = resolveClientBinding(
      runtime,
      'ListFunctions',
      { $entity: AWS_AUTHENTICATION.temporaryCredentials, ...KEYS, Token: 'temporary-token-1' },
      'ap_southeast_2',
      {
        [AWS_AUTHENTICATION.requestClientConfig]: {
          $entity: AWS_AUTHENTICATION.sdkClientConfig,
          EndpointUrl: 'http://127.0.0.1:4566',
          ApiTimeOutInMs: 2500,
          [AWS_AUTHENTICATION.retryPolicy]: { $entity: AWS_AUTHENTICATION.numberRetryPolicy, MaxNumberOfRetries: 2 },
        },
      },
    );
    expect(binding).toMatchObject({
      region: 'ap-southeast-2',
      endpoint: 'http://127.0.0.1:4566',
      timeoutMs: 2500,
      maxAttempts: 3,
      credentials: { provider: 'staticKeys', accessKeyId: KEYS.AccessKey, secretAccessKey: KEYS.SecretAccessKey, sessionToken: 'temporary-token-1' },
    });
    expect(binding.secrets).toEqual([KEYS.SecretAccessKey, 'temporary-token-1']);
  });

  it('makes one attempt with a NoRetryPolicy, and takes the default timeout without a client configuration', () => {
    const once = resolveClientBinding(runtime, 'ListFunctions', KEYS, 'us_east_1', {
      [AWS_AUTHENTICATION.requestClientConfig]: { [AWS_AUTHENTICATION.retryPolicy]: { $entity: AWS_AUTHENTICATION.noRetryPolicy } },
    });
    expect(once.maxAttempts).toBe(1);
    const plain = resolveClientBinding(runtime, 'ListFunctions', KEYS, 'us_east_1', {});
    expect(plain).toMatchObject({ endpoint: undefined, maxAttempts: undefined, timeoutMs: 960_000 });
    expect(plain.credentials).toMatchObject({ provider: 'staticKeys', sessionToken: undefined });
  });

  it('gives the last binding for the same values, and sees a change made to the same objects since', () => {
    const policy: Record<string, unknown> = { $entity: AWS_AUTHENTICATION.numberRetryPolicy, MaxNumberOfRetries: 1 };
    const config: Record<string, unknown> = { EndpointUrl: 'http://127.0.0.1:4566', [AWS_AUTHENTICATION.retryPolicy]: policy };
    const request = { [AWS_AUTHENTICATION.requestClientConfig]: config };
    const credentials: Record<string, unknown> = { ...KEYS };
    const first = resolveClientBinding(runtime, 'ListFunctions', credentials, 'us_east_1', request);
    expect(resolveClientBinding(runtime, 'ListFunctions', { ...credentials }, 'us_east_1', request)).toBe(first);
    policy['MaxNumberOfRetries'] = 4;
    expect(resolveClientBinding(runtime, 'ListFunctions', credentials, 'us_east_1', request)).toMatchObject({
      maxAttempts: 5,
      endpoint: 'http://127.0.0.1:4566',
    });
    config['EndpointUrl'] = 'http://127.0.0.1:4567';
    expect(resolveClientBinding(runtime, 'ListFunctions', credentials, 'us_east_1', request).endpoint).toBe('http://127.0.0.1:4567');
    credentials['Token'] = 'temporary-token-2';
    expect(resolveClientBinding(runtime, 'ListFunctions', credentials, 'us_east_1', request).secrets).toEqual([KEYS.SecretAccessKey, 'temporary-token-2']);
    expect(resolveClientBinding(runtime, 'ListFunctions', credentials, 'us_east_2', request).region).toBe('us-east-2');
    config['EndpointUrl'] = 'localhost-3002';
    expect(refusal(() => resolveClientBinding(runtime, 'ListFunctions', credentials, 'us_east_2', request))).toBe(
      'ListFunctions refused before calling AWS: EndpointUrl is not an http or https URL.',
    );
  });

  it('refuses missing keys, a region AWS Authentication does not list, and an endpoint that is not a URL', () => {
    expect(refusal(() => resolveClientBinding(runtime, 'ListFunctions', { AccessKey: KEYS.AccessKey }, 'us_east_1', {}))).toBe(
      "ListFunctions refused before calling AWS: Credentials AccessKey and SecretAccessKey are required: get them with AWS Authentication's GetStaticCredentials or GetTemporaryCredentials.",
    );
    expect(refusal(() => resolveClientBinding(runtime, 'ListFunctions', KEYS, 'cn_north_1', {}))).toBe(
      'ListFunctions refused before calling AWS: Region "cn_north_1" is not a value of AWSAuthentication.ENUM_Region.',
    );
    expect(
      refusal(() =>
        resolveClientBinding(runtime, 'ListFunctions', KEYS, 'us_east_1', { [AWS_AUTHENTICATION.requestClientConfig]: { EndpointUrl: 'localhost-3002' } }),
      ),
    ).toBe('ListFunctions refused before calling AWS: EndpointUrl is not an http or https URL.');
    expect(refusal(() => resolveClientBinding(runtime, 'ListFunctions', null, 'us_east_1', {}))).toBe(
      'ListFunctions refused before calling AWS: Credentials is required.',
    );
  });
});
