import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { clearClientCache, listFunctions, type Credentials, type ListFunctionsRequest } from '../../runtime/index.js';
import { createRole } from '../java/endpoints/moto-fixtures.js';
import { startRecordingProxy, type RecordedExchange, type RecordingProxy } from '../java/endpoints/recording-proxy.js';
import { motoMissing, shouldSkip, startMoto, type ManagedProcess } from './harness.js';

/**
 * AssumeRole credentials against moto_server's STS, through a recording proxy that shows who signed
 * each request: the base keys sign AssumeRole only, the temporary keys sign the Lambda calls, the
 * cached client keeps the temporary keys while they are valid and asks STS again once they have
 * expired.
 *
 * moto's temporary credentials last an hour from moto's own clock, which a test cannot move. So the
 * proxy gives each AssumeRole answer an expiry ten minutes after the test's clock (as a role session
 * of DurationSeconds 600 would have), and the test's clock (Date only; timers and sockets stay real)
 * is moved past the first expiry: the new credentials are then valid, the old ones are not.
 */
const BASE_KEY = 'AKIAREFRESHBASE';
const EXTERNAL_ID = 'ext-refresh';
const SESSION_MS = 10 * 60_000;

/** AssumeRole answers of STS with an expiry SESSION_MS after the test's clock. */
function shortSessions(exchange: RecordedExchange, body: Buffer): Buffer {
  if (exchange.service !== 'sts') return body;
  const expiry = new Date(Date.now() + SESSION_MS).toISOString();
  return Buffer.from(body.toString('utf8').replace(/<Expiration>[^<]+<\/Expiration>/, `<Expiration>${expiry}</Expiration>`), 'utf8');
}

/** The temporary credentials in an AssumeRole answer of STS. */
function temporaryCredentials(exchange: RecordedExchange): { accessKeyId: string; sessionToken: string; expiration: number } {
  const xml = exchange.responseBody?.toString('utf8') ?? '';
  const field = (name: string): string => {
    const value = new RegExp(`<${name}>([^<]+)</${name}>`).exec(xml)?.[1];
    if (value === undefined) throw new Error(`The AssumeRole answer has no ${name}: ${xml.slice(0, 300)}`);
    return value;
  };
  return { accessKeyId: field('AccessKeyId'), sessionToken: field('SessionToken'), expiration: Date.parse(field('Expiration')) };
}

describe.skipIf(shouldSkip('AssumeRole against moto_server', motoMissing()))("AssumeRole through moto_server's STS", () => {
  let moto: ManagedProcess | undefined;
  let proxy: RecordingProxy | undefined;
  let roleArn = '';

  beforeAll(async () => {
    moto = await startMoto();
    proxy = await startRecordingProxy(moto.endpoint, shortSessions);
    roleArn = await createRole(moto.endpoint, 'refresh-role', EXTERNAL_ID);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  afterAll(async () => {
    clearClientCache();
    await proxy?.stop();
    await moto?.stop();
  });

  it('signs with the temporary keys, keeps them while they are valid, and assumes the role again once they have expired', async () => {
    const endpoint = proxy?.endpoint ?? 'http://127.0.0.1:1';
    const credentials: Credentials = {
      Provider: 'AssumeRole',
      AccessKeyId: BASE_KEY,
      SecretAccessKey: 'refresh-base-secret',
      RoleArn: roleArn,
      ExternalId: EXTERNAL_ID,
      RoleSessionName: 'refresh-test',
    };
    const request: ListFunctionsRequest = { EndpointOverride: endpoint, StsEndpointOverride: endpoint, MaxAttempts: 1 };
    const assumeRoles = () => proxy?.signedWith(BASE_KEY) ?? [];
    const lambdaCalls = () => (proxy?.exchanges ?? []).filter((e) => e.service === 'lambda');

    await listFunctions(credentials, 'us_east_1', request);
    await listFunctions(credentials, 'us_east_1', request);
    expect(assumeRoles()).toHaveLength(1);
    const [assume] = assumeRoles();
    expect(assume?.service).toBe('sts');
    const asked = new URLSearchParams(assume?.body?.toString('utf8') ?? '');
    expect(Object.fromEntries(['Action', 'RoleArn', 'RoleSessionName', 'ExternalId'].map((name) => [name, asked.get(name)]))).toEqual({
      Action: 'AssumeRole',
      RoleArn: roleArn,
      RoleSessionName: 'refresh-test',
      ExternalId: EXTERNAL_ID,
    });
    const first = temporaryCredentials(assume as RecordedExchange);
    expect(first.accessKeyId).not.toBe(BASE_KEY);
    expect(first.expiration - Date.now()).toBeGreaterThan(SESSION_MS - 60_000);
    expect(lambdaCalls().map((e) => [e.accessKeyId, e.headers['x-amz-security-token']])).toEqual([
      [first.accessKeyId, first.sessionToken],
      [first.accessKeyId, first.sessionToken],
    ]);

    // Past the expiry of the temporary keys: the next call assumes the role again and signs with the new keys.
    vi.useFakeTimers({ toFake: ['Date'], now: first.expiration + 60_000 });
    await listFunctions(credentials, 'us_east_1', request);
    expect(assumeRoles()).toHaveLength(2);
    const second = temporaryCredentials(assumeRoles()[1] as RecordedExchange);
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(second.expiration).toBeGreaterThan(first.expiration);
    expect(lambdaCalls()).toHaveLength(3);
    expect([lambdaCalls()[2]?.accessKeyId, lambdaCalls()[2]?.headers['x-amz-security-token']]).toEqual([second.accessKeyId, second.sessionToken]);
  }, 60_000);
});
