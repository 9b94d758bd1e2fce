import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import type { FromTemporaryCredentialsOptions } from '@aws-sdk/credential-providers';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearClientCache, listFunctions } from '../../runtime/index.js';

/** AssumeRole credentials: what the runtime asks @aws-sdk/credential-providers for (no call reaches STS). */
const requested = vi.hoisted(() => [] as FromTemporaryCredentialsOptions[]);
vi.mock('@aws-sdk/credential-providers', () => ({
  fromTemporaryCredentials: (options: FromTemporaryCredentialsOptions) => {
    requested.push(options);
    return async () => ({ accessKeyId: 'ASIATEMPORARY', secretAccessKey: 'temporary-secret', sessionToken: 'temporary-token' });
  },
}));

const lambdaMock = mockClient(LambdaClient);

beforeEach(() => {
  requested.length = 0;
  lambdaMock.reset();
  lambdaMock.on(ListFunctionsCommand).resolves({ Functions: [] });
  clearClientCache();
});

afterAll(() => {
  lambdaMock.restore();
  clearClientCache();
});

describe('AssumeRole credentials', () => {
  it('assume the role with the static keys as master credentials, and sign with the temporary ones', async () => {
    await listFunctions(
      {
        Provider: 'AssumeRole',
        AccessKeyId: 'AKIAMASTER',
        SecretAccessKey: 'master-secret',
        RoleArn: 'arn:aws:iam::123456789012:role/Invoker',
        ExternalId: 'ext-42',
        RoleSessionName: 'nightly',
      },
      'eu_central_1',
      {},
    );
    expect(requested).toHaveLength(1);
    expect(requested[0]?.params).toEqual({ RoleArn: 'arn:aws:iam::123456789012:role/Invoker', ExternalId: 'ext-42', RoleSessionName: 'nightly' });
    expect(requested[0]?.masterCredentials).toEqual({ accessKeyId: 'AKIAMASTER', secretAccessKey: 'master-secret' });
    expect(requested[0]?.clientConfig).toEqual({ region: 'eu-central-1' });
    const client = lambdaMock.call(0).thisValue as LambdaClient;
    expect(await client.config.credentials()).toMatchObject({ accessKeyId: 'ASIATEMPORARY', sessionToken: 'temporary-token' });
  });

  it("ask the request's STS endpoint for the role when it names one", async () => {
    await listFunctions({ Provider: 'AssumeRole', RoleArn: 'arn:aws:iam::123456789012:role/Invoker' }, 'eu_west_1', {
      StsEndpointOverride: 'https://sts.vpce.example:8443',
    });
    expect(requested[0]?.clientConfig).toEqual({ region: 'eu-west-1', endpoint: 'https://sts.vpce.example:8443' });
  });

  it('use the default chain as master credentials without AccessKeyId, and the spec default session name', async () => {
    await listFunctions({ Provider: 'AssumeRole', RoleArn: 'arn:aws:iam::123456789012:role/Invoker' }, 'us_east_1', {});
    expect(requested[0]?.params).toEqual({ RoleArn: 'arn:aws:iam::123456789012:role/Invoker', RoleSessionName: 'mendix-aws-lambda-connector' });
    expect(requested[0]?.masterCredentials).toBeUndefined();
  });

  it('reuse the client (and so the cached temporary credentials) for the same role', async () => {
    const creds = { Provider: 'AssumeRole', RoleArn: 'arn:aws:iam::123456789012:role/Invoker' } as const;
    await listFunctions(creds, 'us_east_1', {});
    await listFunctions({ ...creds }, 'us_east_1', {});
    await listFunctions({ ...creds, ExternalId: 'other' }, 'us_east_1', {});
    expect(requested).toHaveLength(2);
    expect(lambdaMock.call(1).thisValue).toBe(lambdaMock.call(0).thisValue);
    expect(lambdaMock.call(2).thisValue).not.toBe(lambdaMock.call(0).thisValue);
  });
});
