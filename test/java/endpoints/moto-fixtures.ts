/**
 * What the Java endpoint tests create in moto_server, through an independent client (the AWS SDK for
 * JavaScript, straight to moto, not through the recording proxy), and remember, so that the Java
 * actions' results are compared with what was created rather than with what moto answered them.
 */
import { createHash } from 'node:crypto';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  GetFunctionCommand,
  LambdaClient,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  UpdateFunctionCodeCommand,
  type Architecture,
  type Runtime,
} from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';

export const MOTO_ACCOUNT = '123456789012';

export interface CreatedFunction {
  FunctionName: string;
  Runtime: string;
  Handler: string;
  Role: string;
  Description: string;
  MemorySize: number;
  Timeout: number;
  Architectures: string;
  /** Of the code $LATEST holds: base64 SHA-256 and size of the zip. */
  CodeSha256: string;
  CodeSize: number;
}

export interface RegionFixture {
  region: string;
  /** Every function created in the region, by name. */
  functions: Map<string, CreatedFunction>;
  /** Wall-clock window in which the functions were created (for LastModified). */
  createdFrom: number;
  createdTo: number;
  tags: Record<string, string>;
  aliases: Array<{ Name: string; FunctionVersion: string; Description: string | undefined }>;
  versionDescriptions: Record<string, string>;
  /** The code of each published version of orders-api. */
  versionCode: Record<string, { CodeSha256: string; CodeSize: number }>;
  reservedConcurrency: number;
  /** The code location moto reports for orders-api to the independent client. */
  ordersCodeLocation: string | undefined;
}

/**
 * Creates an IAM role in moto (CreateFunction needs one, AssumeRole assumes it) and returns its ARN.
 * Its trust policy lets the account assume it with the external ID, as AWS would require; moto does
 * not evaluate trust policies.
 */
export async function createRole(endpoint: string, roleName: string, externalId: string): Promise<string> {
  // moto routes the IAM query API by the service in the signature's credential scope.
  const body = new URLSearchParams({
    Action: 'CreateRole',
    Version: '2010-05-08',
    RoleName: roleName,
    AssumeRolePolicyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${MOTO_ACCOUNT}:root` },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': externalId } },
        },
      ],
    }),
  });
  const response = await fetch(`${endpoint}/`, {
    method: 'POST',
    body,
    signal: AbortSignal.timeout(10_000),
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: 'AWS4-HMAC-SHA256 Credential=AKIAFIXTURESEED/20240101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0',
    },
  });
  const text = await response.text();
  const arn = /<Arn>([^<]+)<\/Arn>/.exec(text)?.[1];
  if (!arn) throw new Error(`CreateRole in moto failed: ${text.slice(0, 300)}`);
  return arn;
}

function zipOf(source: string): Uint8Array {
  // Fixed time stamps: the same source gives the same zip (and CodeSha256).
  return zipSync({ 'index.js': [strToU8(source), { mtime: new Date('2024-01-01T00:00:00Z') }] });
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64');
}

export function adminClient(endpoint: string, region: string): LambdaClient {
  return new LambdaClient({
    region,
    endpoint,
    credentials: { accessKeyId: 'AKIAFIXTURESEED', secretAccessKey: 'fixture-secret' },
    maxAttempts: 1,
    requestHandler: { requestTimeout: 10_000 },
  });
}

/**
 * In one region: `count` functions fn-000, fn-001, ... (each with its own code), `orders-api` with
 * tags, two published versions, two aliases and reserved concurrency, and the given extra functions.
 */
export async function seedRegion(endpoint: string, region: string, roleArn: string, count: number, extra: readonly string[]): Promise<RegionFixture> {
  const admin = adminClient(endpoint, region);
  const functions = new Map<string, CreatedFunction>();
  const create = async (
    name: string,
    options: { runtime: Runtime; handler: string; memory: number; timeout: number; arch: Architecture; tags?: Record<string, string> },
  ) => {
    const zip = zipOf(`exports.handler = async () => ${JSON.stringify(name)};`);
    const created: CreatedFunction = {
      FunctionName: name,
      Runtime: options.runtime,
      Handler: options.handler,
      Role: roleArn,
      Description: `test function ${name}`,
      MemorySize: options.memory,
      Timeout: options.timeout,
      Architectures: options.arch,
      CodeSha256: sha256(zip),
      CodeSize: zip.length,
    };
    functions.set(name, created);
    await admin.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Runtime: options.runtime,
        Role: roleArn,
        Handler: options.handler,
        Code: { ZipFile: zip },
        Description: created.Description,
        MemorySize: options.memory,
        Timeout: options.timeout,
        Architectures: [options.arch],
        ...(options.tags ? { Tags: options.tags } : {}),
      }),
    );
  };
  const createdFrom = Date.now();
  try {
    const names = Array.from({ length: count }, (_, i) => `fn-${String(i).padStart(3, '0')}`);
    for (let i = 0; i < names.length; i += 20)
      await Promise.all(
        names
          .slice(i, i + 20)
          .map((n, k) =>
            create(n, { runtime: 'nodejs20.x', handler: 'index.handler', memory: 128 + 64 * ((i + k) % 4), timeout: 3 + ((i + k) % 7), arch: 'arm64' }),
          ),
      );
    const tags = { team: 'payments', 'cost-center': '4711', env: 'test' };
    await create('orders-api', { runtime: 'python3.12', handler: 'app.handler', memory: 512, timeout: 30, arch: 'x86_64', tags });
    for (const name of extra) await create(name, { runtime: 'nodejs20.x', handler: 'index.handler', memory: 128, timeout: 3, arch: 'x86_64' });
    const createdTo = Date.now();

    const versionDescriptions = { '1': 'first release', '2': 'second release' };
    const v1 = functions.get('orders-api');
    const versionCode: RegionFixture['versionCode'] = { '1': { CodeSha256: v1?.CodeSha256 ?? '', CodeSize: v1?.CodeSize ?? 0 } };
    await admin.send(new PublishVersionCommand({ FunctionName: 'orders-api', Description: versionDescriptions['1'] }));
    // A new version needs changed code, as in AWS.
    const v2 = zipOf('exports.handler = async () => "orders-api v2";');
    await admin.send(new UpdateFunctionCodeCommand({ FunctionName: 'orders-api', ZipFile: v2 }));
    const orders = functions.get('orders-api');
    if (orders) Object.assign(orders, { CodeSha256: sha256(v2), CodeSize: v2.length });
    versionCode['2'] = { CodeSha256: sha256(v2), CodeSize: v2.length };
    await admin.send(new PublishVersionCommand({ FunctionName: 'orders-api', Description: versionDescriptions['2'] }));
    const aliases = [
      { Name: 'prod', FunctionVersion: '1', Description: 'Production traffic' },
      { Name: 'canary', FunctionVersion: '2', Description: undefined },
    ];
    for (const a of aliases) await admin.send(new CreateAliasCommand({ FunctionName: 'orders-api', ...a }));
    await admin.send(new PutFunctionConcurrencyCommand({ FunctionName: 'orders-api', ReservedConcurrentExecutions: 25 }));
    const read = await admin.send(new GetFunctionCommand({ FunctionName: 'orders-api' }));
    return {
      region,
      functions,
      createdFrom,
      createdTo,
      tags,
      aliases,
      versionDescriptions,
      versionCode,
      reservedConcurrency: 25,
      ordersCodeLocation: read.Code?.Location,
    };
  } finally {
    admin.destroy();
  }
}

/** Whether moto still knows the function, asked through the independent client. */
export async function functionExists(endpoint: string, region: string, name: string): Promise<boolean> {
  const admin = adminClient(endpoint, region);
  try {
    await admin.send(new GetFunctionCommand({ FunctionName: name }));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ResourceNotFoundException') return false;
    throw error;
  } finally {
    admin.destroy();
  }
}
