/**
 * The generated Java actions compiled on the REAL AWS SDK for Java 2.x (both classpaths: the module's
 * own, and beside Mendix's AWS Authentication jars) and run for real against local endpoints:
 * moto_server for the Lambda control plane, IAM and STS, and serverless-offline for Invoke with real
 * Node.js handlers (test/lambda-functions). Each case sets EndpointOverride, so CaseRunner's own
 * answering server is not involved; the SDK talks to a recording proxy (test/java/endpoints) in front
 * of the endpoint, which shows what was really sent (who signed it, with which session token, how many
 * requests, how large) and what the endpoint really answered.
 *
 * Results are compared with what the test created in moto through an independent client (the AWS SDK
 * for JavaScript), never with the action's own output. Each classpath works in its own region of moto
 * (module: us-east-1, mendixApp: eu-west-1), so the two JVMs run side by side without seeing each
 * other's functions, and the region binding is checked on the way (ARNs and signatures carry it).
 *
 * Where moto or serverless-offline answer differently from real AWS, the assertion states what the
 * emulator really does and a comment says what AWS would do.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApiModel } from '../../generator/aws/api-model.js';
import type { CaseObject, CaseValue, OperationSpec } from '../../generator/spec/types.js';
import { motoMissing, serverlessMissing, shouldSkip, startMoto, startServerlessOffline, type ManagedProcess } from '../integration/harness.js';
import { loadCatalog, type CatalogSpec } from '../support/spec-catalog.js';
import { buildJava, moduleSources, type JavaBuild } from './java-build.js';
import { caseInput, type RunOutput } from './java-cases.js';
import { CLASSPATH_KINDS, skipJavaTests, type ClasspathKind } from './java-classpath.js';
import { domainModelJson } from './mendix-proxies.js';
import { createRole, functionExists, MOTO_ACCOUNT, seedRegion, type RegionFixture } from './endpoints/moto-fixtures.js';
import { startRecordingProxy, type RecordedExchange, type RecordingProxy } from './endpoints/recording-proxy.js';
import { runCasesAsync } from './endpoints/run-cases-async.js';
import { caseRunReader, listOf } from './endpoints/case-runs.js';

const javaSkip = skipJavaTests('the Java actions against local endpoints');
const skipMoto = shouldSkip('Java actions against moto_server', motoMissing());
const skipOffline = shouldSkip('Java actions against serverless-offline', serverlessMissing());

const found = loadCatalog().specs.find((s) => s.name === 'spec/aws-lambda.connector.yaml');
const work = mkdtempSync(join(tmpdir(), 'java-endpoints-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** More than two pages of real Lambda's 50, so that a paginating endpoint would need several requests. */
const FUNCTION_COUNT = 120;
/** Invoke's synchronous payload limit (6 MB), and serverless-offline's request body limit too. */
const SYNC_LIMIT = 6 * 1024 * 1024;
const REGIONS: Record<ClasspathKind, { value: string; code: string }> = {
  module: { value: 'us_east_1', code: 'us-east-1' },
  mendixApp: { value: 'eu_west_1', code: 'eu-west-1' },
};
const ROLE_NAME = 'java-endpoint-test-role';
/** What the thrower handler's uncaught TypeError says (test/lambda-functions/handlers.js). */
const THROWER_MESSAGE = "Cannot read properties of undefined (reading 'property')";
const SECRET = 'java-endpoint-test-secret';
const EXTERNAL_ID = 'external-4711';
const SESSION_TOKEN = 'static-session-token-for-the-endpoint-test';

/**
 * The role session whose AssumeRole answers the proxy gives a short expiry (shortRoleSessions), and
 * that expiry: two minutes, inside the five minutes before expiry in which the Java SDK's
 * StsAssumeRoleCredentialsProvider fetches new credentials on the next use, outside the last minute
 * in which it refuses to use them at all. moto's own sessions last an hour.
 */
const REFRESH_SESSION_SUFFIX = '-refresh';
const SHORT_SESSION_MS = 2 * 60_000;

/** AssumeRole answers for the refresh cases' session, with an expiry SHORT_SESSION_MS from now. */
function shortRoleSessions(exchange: RecordedExchange, body: Buffer): Buffer {
  if (exchange.service !== 'sts') return body;
  const session = new URLSearchParams(exchange.body?.toString('utf8') ?? '').get('RoleSessionName') ?? '';
  if (!session.endsWith(REFRESH_SESSION_SUFFIX)) return body;
  const expiry = new Date(Date.now() + SHORT_SESSION_MS).toISOString();
  return Buffer.from(body.toString('utf8').replace(/<Expiration>[^<]+<\/Expiration>/, `<Expiration>${expiry}</Expiration>`), 'utf8');
}

/** The temporary access key in an AssumeRole answer of STS. */
function temporaryKeyOf(exchange: RecordedExchange | undefined): string {
  return /<AccessKeyId>([^<]+)<\/AccessKeyId>/.exec(exchange?.responseBody?.toString('utf8') ?? '')?.[1] ?? '';
}

type Obj = Record<string, CaseValue>;
interface EndpointCase {
  id: string;
  operation: string;
  /** The access key the case's requests are signed with (its base key for AssumeRole). */
  accessKeyId: string;
  /** How many times CaseRunner runs the activity, with the same objects. */
  repeat: number;
  input: CaseObject;
}
interface KindRun {
  kind: ClasspathKind;
  fixture: RegionFixture | undefined;
  cases: Map<string, EndpointCase>;
  outputs: Map<string, RunOutput>;
}

/** A JSON text of exactly `bytes` bytes in UTF-8 that the slow handler reads as "answer at once". */
function payloadOfSize(bytes: number): string {
  const head = '{"ms":0,"pad":"';
  const tail = '"}';
  return `${head}${'x'.repeat(bytes - head.length - tail.length)}${tail}`;
}

describe.skipIf(javaSkip || (skipMoto && skipOffline))('generated Java actions against real local endpoints (moto_server, serverless-offline)', () => {
  if (!found) throw new Error('The bundled spec does not validate.');
  const entry: CatalogSpec = found;
  const model = loadApiModel(resolve(dirname(entry.file), entry.spec.service.apiModel));
  const operation = (name: string): OperationSpec => {
    const op = entry.spec.operations.find((o) => o.name === name);
    if (!op) throw new Error(`no operation ${name}`);
    return op;
  };

  let moto: ManagedProcess | undefined;
  let offline: ManagedProcess | undefined;
  let motoProxy: RecordingProxy | undefined;
  let offlineProxy: RecordingProxy | undefined;
  let roleArn = '';
  const runs = new Map<ClasspathKind, KindRun>();
  const started = Date.now();
  /** Where the time went, for the summary line. */
  const phases: string[] = [];
  const phase = (name: string, since: number) => phases.push(`${name} ${Date.now() - since} ms`);

  const keyOf = (kind: ClasspathKind, id: string) => `AKIA${kind === 'module' ? 'MOD' : 'APP'}${id.toUpperCase()}`;

  /** AssumeRole credentials whose base keys are the case's own key. */
  const assumeRole = (kind: ClasspathKind, id: string): Obj => ({
    Provider: 'AssumeRole',
    AccessKeyId: keyOf(kind, id),
    SecretAccessKey: SECRET,
    RoleArn: roleArn,
    RoleSessionName: `endpoint-test-${kind}-${id}`,
    ExternalId: EXTERNAL_ID,
  });

  /**
   * The cases of one classpath: `main` runs everything with AWS_ENDPOINT_URL_STS set; `stsProperty`
   * runs the AssumeRole case again in a JVM that gets moto's STS from the JVM property instead.
   */
  function casesFor(kind: ClasspathKind, variant: 'main' | 'stsProperty' | 'stsSetting'): EndpointCase[] {
    const region = REGIONS[kind].value;
    const cases: EndpointCase[] = [];
    const add = (id: string, op: string, request: Obj, credentials?: Obj, repeat = 1) => {
      const accessKeyId = typeof credentials?.['AccessKeyId'] === 'string' ? credentials['AccessKeyId'] : keyOf(kind, id);
      const requestEntity = operation(op).parameters.find((p) => p.entity !== undefined && p.entity !== entry.spec.client.credentials.entity)?.name;
      if (!requestEntity) throw new Error(`no request parameter on ${op}`);
      cases.push({
        id,
        operation: op,
        accessKeyId,
        repeat,
        input: {
          Credentials: credentials ?? { Provider: 'StaticKeys', AccessKeyId: accessKeyId, SecretAccessKey: SECRET },
          Region: region,
          [requestEntity]: { MaxAttempts: 1, ApiCallTimeoutSeconds: 20, ...request },
        },
      });
    };
    if (variant === 'stsProperty') {
      if (!skipMoto && motoProxy)
        add('assumeprop', 'GetFunction', { EndpointOverride: motoProxy.endpoint, FunctionName: 'orders-api' }, assumeRole(kind, 'assumeprop'));
      return cases;
    }
    if (variant === 'stsSetting') {
      if (!skipMoto && motoProxy)
        add(
          'assumeset',
          'GetFunction',
          { EndpointOverride: motoProxy.endpoint, StsEndpointOverride: motoProxy.endpoint, FunctionName: 'orders-api' },
          assumeRole(kind, 'assumeset'),
        );
      return cases;
    }
    if (!skipMoto && motoProxy) {
      const endpoint = motoProxy.endpoint;
      add('listall', 'ListFunctions', { EndpointOverride: endpoint, FetchAllPages: true });
      add('listpage', 'ListFunctions', { EndpointOverride: endpoint, FetchAllPages: false, MaxItems: 50 });
      add('getorders', 'GetFunction', { EndpointOverride: endpoint, FunctionName: 'orders-api' });
      add('versions', 'ListVersionsByFunction', { EndpointOverride: endpoint, FunctionName: 'orders-api', FetchAllPages: true });
      add(
        'aliases',
        'ListAliases',
        { EndpointOverride: endpoint, FunctionName: 'orders-api' },
        { Provider: 'StaticKeys', AccessKeyId: keyOf(kind, 'aliases'), SecretAccessKey: SECRET, SessionToken: SESSION_TOKEN },
      );
      add('delete', 'DeleteFunction', { EndpointOverride: endpoint, FunctionName: 'short-lived' });
      add('getdeleted', 'GetFunction', { EndpointOverride: endpoint, FunctionName: 'short-lived' });
      add('assume', 'GetFunction', { EndpointOverride: endpoint, FunctionName: 'orders-api' }, assumeRole(kind, 'assume'));
      // Each runs its activity twice in a row with the same AssumeRole credentials, so on one cached
      // client (CaseRunner's repeat). The role session expires in two minutes (shortRoleSessions) or,
      // as moto gives it, in an hour.
      add('refresh', 'GetFunction', { EndpointOverride: endpoint, FunctionName: 'orders-api' }, assumeRole(kind, REFRESH_SESSION_SUFFIX.slice(1)), 2);
      add('keep', 'GetFunction', { EndpointOverride: endpoint, FunctionName: 'orders-api' }, assumeRole(kind, 'keep'), 2);
    }
    if (!skipOffline && offlineProxy) {
      const endpoint = offlineProxy.endpoint;
      const fn = (name: string) => `rt-dev-${name}`;
      add('invokesync', 'Invoke', {
        EndpointOverride: endpoint,
        FunctionName: fn('echo'),
        InvocationType: 'RequestResponse',
        Payload: '{"name":"Mendix","n":[1,2],"text":"héllo wörld ✓"}',
      });
      add('invokeevent', 'Invoke', { EndpointOverride: endpoint, FunctionName: fn('echo'), InvocationType: 'Event', Payload: '{"async":true}' });
      add('throwfail', 'Invoke', { EndpointOverride: endpoint, FunctionName: fn('thrower'), Payload: '{}', FailOnFunctionError: true });
      add('throwresult', 'Invoke', { EndpointOverride: endpoint, FunctionName: fn('thrower'), Payload: '{}', FailOnFunctionError: false });
      add('tail', 'Invoke', { EndpointOverride: endpoint, FunctionName: fn('echo'), LogType: 'Tail', Payload: '{"logs":"please"}' });
      add('atlimit', 'Invoke', { EndpointOverride: endpoint, FunctionName: fn('slow'), Payload: payloadOfSize(SYNC_LIMIT) });
      add('overlimit', 'Invoke', { EndpointOverride: endpoint, FunctionName: fn('slow'), Payload: payloadOfSize(SYNC_LIMIT + 1) });
      add('missing', 'Invoke', { EndpointOverride: endpoint, FunctionName: fn('missing'), Payload: '{}' });
    }
    return cases;
  }

  async function runKind(kind: ClasspathKind, build: JavaBuild, fixture: RegionFixture | undefined): Promise<KindRun> {
    const run = async (cases: EndpointCase[], env: Record<string, string>) => {
      if (cases.length === 0) return [];
      const inputs = cases.map((c) => ({
        ...caseInput(entry, model, operation(c.operation), { name: c.id, input: c.input, exchanges: [], expect: { result: null } }),
        repeat: c.repeat,
      }));
      return (await runCasesAsync(build, join(work, kind), domainModelJson(entry.spec), inputs, env, 60_000)).outputs;
    };
    const main = casesFor(kind, 'main');
    const property = casesFor(kind, 'stsProperty');
    const setting = casesFor(kind, 'stsSetting');
    const sts = motoProxy?.endpoint ?? 'http://127.0.0.1:1';
    // The STS client of the factory follows the SDK's own endpoint settings. The Java SDK 2.57
    // honours both the environment variable AWS_ENDPOINT_URL_STS and the JVM property
    // aws.endpointUrlSts (here through JAVA_TOOL_OPTIONS); without either it would ask the real STS.
    // The third JVM has neither: its request names the STS endpoint (StsEndpointOverride).
    const [mainOut, propertyOut, settingOut] = await Promise.all([
      run(main, { AWS_ENDPOINT_URL_STS: sts }),
      run(property, { JAVA_TOOL_OPTIONS: `-Daws.endpointUrlSts=${sts}` }),
      run(setting, {}),
    ]);
    const cases = [...main, ...property, ...setting];
    const outputs = [...mainOut, ...propertyOut, ...settingOut];
    return {
      kind,
      fixture,
      cases: new Map(cases.map((c) => [c.id, c])),
      outputs: new Map(cases.map((c, i) => [c.id, outputs[i] as RunOutput])),
    };
  }

  beforeAll(async () => {
    // The endpoints start while javac compiles (their start-up is mostly waiting). allSettled: a failed
    // start must not leave the other endpoint running, nor reject unhandled while javac runs.
    const starting = Promise.allSettled([skipMoto ? undefined : startMoto(), skipOffline ? undefined : startServerlessOffline()]);
    // Let both spawn before javac (run synchronously) holds the event loop.
    await new Promise((r) => setTimeout(r, 200));
    const builds = new Map<ClasspathKind, JavaBuild>();
    let t = Date.now();
    try {
      for (const kind of CLASSPATH_KINDS)
        builds.set(kind, await buildJava(join(work, kind), entry.spec, moduleSources(entry.spec, entry.index, entry.api), { kind, harness: true }));
      phase('javac', t);
    } finally {
      t = Date.now();
      const [motoStart, offlineStart] = await starting;
      phase('endpoints ready after javac', t);
      if (motoStart.status === 'fulfilled') moto = motoStart.value;
      if (offlineStart.status === 'fulfilled') offline = offlineStart.value;
      if (motoStart.status === 'rejected') throw motoStart.reason;
      if (offlineStart.status === 'rejected') throw offlineStart.reason;
    }
    for (const [kind, build] of builds) if (!build.ok) throw new Error(`javac failed on the ${kind} classpath:\n${build.output}`);
    if (moto) motoProxy = await startRecordingProxy(moto.endpoint, shortRoleSessions);
    if (offline) offlineProxy = await startRecordingProxy(offline.endpoint);

    const fixtures = new Map<ClasspathKind, RegionFixture>();
    t = Date.now();
    if (moto) {
      const endpoint = moto.endpoint;
      roleArn = await createRole(endpoint, ROLE_NAME, EXTERNAL_ID);
      for (const kind of CLASSPATH_KINDS) fixtures.set(kind, await seedRegion(endpoint, REGIONS[kind].code, roleArn, FUNCTION_COUNT, ['short-lived']));
    }
    phase('moto seeded', t);
    t = Date.now();
    const done = await Promise.all(CLASSPATH_KINDS.map((kind) => runKind(kind, builds.get(kind) as JavaBuild, fixtures.get(kind))));
    for (const run of done) runs.set(run.kind, run);
    phase('JVM runs', t);
  }, 150_000);

  afterAll(async () => {
    await motoProxy?.stop();
    await offlineProxy?.stop();
    await moto?.stop();
    await offline?.stop();
    console.info(`[java-endpoints] ${Date.now() - started} ms in all: ${phases.join(', ')}`);
  }, 20_000);

  const { kindRun, output, result } = caseRunReader(runs);
  /** The requests the proxy saw signed with the case's key. */
  function sent(proxy: RecordingProxy | undefined, kind: ClasspathKind, id: string): RecordedExchange[] {
    const c = kindRun(kind).cases.get(id);
    if (!proxy || !c) throw new Error(`no case ${id} or no proxy`);
    return proxy.signedWith(c.accessKeyId);
  }
  function fixture(kind: ClasspathKind): RegionFixture {
    const f = kindRun(kind).fixture;
    if (!f) throw new Error('moto was not seeded');
    return f;
  }
  function responseJson(exchange: RecordedExchange | undefined): Record<string, unknown> {
    if (!exchange?.responseBody) throw new Error('no recorded response body');
    return JSON.parse(exchange.responseBody.toString('utf8')) as Record<string, unknown>;
  }

  /** A Function object against the configuration the test created, field by field. */
  function expectCreatedFunction(kind: ClasspathKind, actual: Obj, version = '$LATEST'): void {
    const f = fixture(kind);
    const name = String(actual['FunctionName']);
    const created = f.functions.get(name);
    expect(created, `a function named ${name} was created`).toBeDefined();
    if (!created) return;
    const code = version === '$LATEST' ? created : f.versionCode[version];
    const qualifier = version === '$LATEST' ? '' : `:${version}`;
    const description = version === '$LATEST' ? created.Description : f.versionDescriptions[version];
    expect(actual, name).toMatchObject({
      FunctionArn: `arn:aws:lambda:${f.region}:${MOTO_ACCOUNT}:function:${name}${qualifier}`,
      Runtime: created.Runtime,
      Handler: created.Handler,
      Role: created.Role,
      Description: description,
      MemorySize: created.MemorySize,
      Timeout: created.Timeout,
      Architectures: created.Architectures,
      CodeSha256: code?.CodeSha256,
      CodeSize: code?.CodeSize,
      Version: version,
      PackageType: 'Zip',
      State: 'Active',
    });
    // A DateTime attribute parsed from LastModified: within the time the test created the functions
    // (moto's clock is this machine's; it stamps to the microsecond, AWS to the millisecond).
    const lastModified = Date.parse(String(actual['LastModified']));
    expect(lastModified).toBeGreaterThanOrEqual(Math.floor(f.createdFrom / 1000) * 1000 - 1000);
    expect(lastModified).toBeLessThanOrEqual(Date.now());
  }

  for (const kind of CLASSPATH_KINDS) {
    describe(`on the ${kind === 'module' ? "module's own" : 'Mendix app (with AWS Authentication)'} classpath`, () => {
      describe.skipIf(skipMoto)('against moto_server', () => {
        it(`ListFunctions with FetchAllPages returns all ${FUNCTION_COUNT + 2} functions created in the region, each as created`, () => {
          const f = fixture(kind);
          const functions = listOf(result(kind, 'listall')['Function_ListFunctionsResponse']);
          expect(functions.map((x) => x['FunctionName']).sort()).toEqual([...f.functions.keys()].sort());
          for (const fn of functions) expectCreatedFunction(kind, fn);
          expect(result(kind, 'listall')['NextMarker'] ?? null).toBeNull();
          // moto 5.2 does not paginate ListFunctions: one answer holds every function and no
          // NextMarker, so FetchAllPages made exactly one request here (real Lambda answers at most 50
          // per page with a NextMarker, and the action would follow it; paging itself is proven with
          // multi-page answers in java-conformance.test.ts).
          const requests = sent(motoProxy, kind, 'listall');
          expect(requests.map((r) => `${r.method} ${r.path}?${r.query}`)).toEqual(['GET /2015-03-31/functions?']);
          const answer = responseJson(requests[0]);
          const raw = answer['Functions'] as Array<{ FunctionName: string; LastModified: string }>;
          expect(raw.length).toBe(FUNCTION_COUNT + 2);
          expect(answer['NextMarker']).toBeUndefined();
          // moto writes LastModified with nine fraction digits and Z (2024-01-01T12:00:00.123456000Z),
          // AWS with three and +0000 (2024-01-01T12:00:00.123+0000). The action reads moto's to the millisecond.
          const modified = new Map(functions.map((x) => [x['FunctionName'], Date.parse(String(x['LastModified']))]));
          for (const fn of raw) {
            const parts = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3})\d{6}Z$/.exec(fn.LastModified);
            expect(parts, fn.LastModified).not.toBeNull();
            expect(modified.get(fn.FunctionName), fn.FunctionName).toBe(Date.parse(`${parts?.[1] ?? ''}Z`));
          }
        });

        it('ListFunctions without FetchAllPages, MaxItems 50: moto ignores MaxItems and returns everything in one page', () => {
          const f = fixture(kind);
          const out = result(kind, 'listpage');
          // The request asks for 50 ...
          const requests = sent(motoProxy, kind, 'listpage');
          expect(requests.map((r) => `${r.method} ${r.path}?${r.query}`)).toEqual(['GET /2015-03-31/functions?MaxItems=50']);
          // ... and moto 5.2 answers with all of them and no NextMarker, where real Lambda would
          // return 50 and a NextMarker. The action returns that one page as it came.
          const functions = listOf(out['Function_ListFunctionsResponse']);
          expect(functions).toHaveLength(f.functions.size);
          expect(new Set(functions.map((x) => x['FunctionName'])).size).toBe(f.functions.size);
          expect(out['NextMarker'] ?? null).toBeNull();
        });

        it('GetFunction returns the configuration, the code location and the tags (sorted by key) as associated objects', () => {
          const f = fixture(kind);
          const out = result(kind, 'getorders');
          expectCreatedFunction(kind, out['GetFunctionResponse_Function'] as Obj);
          expect((out['GetFunctionResponse_Function'] as Obj)['FunctionName']).toBe('orders-api');
          // moto's code location is a plain (not presigned) S3 URL of the region; AWS gives a
          // presigned URL valid for 10 minutes.
          expect(out['GetFunctionResponse_FunctionCode']).toEqual({ RepositoryType: 'S3', Location: f.ordersCodeLocation });
          expect(f.ordersCodeLocation).toMatch(new RegExp(`^https://awslambda-${f.region}-tasks\\.s3\\.${f.region}\\.amazonaws\\.com/[^?]+$`));
          expect(out['Tag_GetFunctionResponse']).toEqual(
            Object.entries(f.tags)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([Key, Value]) => ({ Key, Value })),
          );
          expect(out['ReservedConcurrentExecutions']).toBe(f.reservedConcurrency);
        });

        it('ListVersionsByFunction returns $LATEST and both published versions with their own code and description', () => {
          const out = result(kind, 'versions');
          const versions = listOf(out['Function_ListVersionsByFunctionResponse']);
          expect(versions.map((v) => v['Version'])).toEqual(['$LATEST', '1', '2']);
          // Here $LATEST's ARN carries its qualifier (moto and AWS alike), unlike in ListFunctions and GetFunction.
          const f = fixture(kind);
          const unqualified = `arn:aws:lambda:${f.region}:${MOTO_ACCOUNT}:function:orders-api`;
          const [latest, ...published] = versions;
          expect(latest?.['FunctionArn']).toBe(`${unqualified}:$LATEST`);
          if (latest) expectCreatedFunction(kind, { ...latest, FunctionArn: unqualified });
          for (const v of published) expectCreatedFunction(kind, v, String(v['Version']));
          expect(out['NextMarker'] ?? null).toBeNull();
          expect(sent(motoProxy, kind, 'versions').map((r) => `${r.method} ${r.path}`)).toEqual(['GET /2015-03-31/functions/orders-api/versions']);
        });

        it('ListAliases returns both aliases with the versions they point to', () => {
          const f = fixture(kind);
          const out = result(kind, 'aliases');
          const aliases = listOf(out['Alias_ListAliasesResponse']);
          const byName = new Map(aliases.map((a) => [a['Name'], a]));
          expect([...byName.keys()].sort()).toEqual(f.aliases.map((a) => a.Name).sort());
          for (const a of f.aliases) {
            const got = byName.get(a.Name);
            expect(got).toMatchObject({
              FunctionVersion: a.FunctionVersion,
              AliasArn: `arn:aws:lambda:${f.region}:${MOTO_ACCOUNT}:function:orders-api:${a.Name}`,
            });
            // moto answers Description "" for an alias made without one, and the action keeps it.
            expect(got?.['Description']).toBe(a.Description ?? '');
            expect(got?.['RevisionId']).toMatch(/^[0-9a-f-]{36}$/);
          }
        });

        it('DeleteFunction deletes the function in moto; GetFunction then fails with ResourceNotFoundException', async () => {
          const f = fixture(kind);
          const deleted = output(kind, 'delete');
          expect(deleted.error).toBeNull();
          expect(deleted.result).toBe(true);
          const requests = sent(motoProxy, kind, 'delete');
          expect(requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['DELETE /2015-03-31/functions/short-lived 204']);
          // Gone for the independent client too.
          expect(await functionExists(moto?.endpoint ?? '', f.region, 'short-lived')).toBe(false);
          expect(await functionExists(moto?.endpoint ?? '', f.region, 'orders-api')).toBe(true);

          const after = output(kind, 'getdeleted');
          const [get] = sent(motoProxy, kind, 'getdeleted');
          expect(get?.status).toBe(404);
          const requestId = get?.responseHeaders['x-amzn-requestid'];
          expect(requestId).toMatch(/^\w{20,}$/);
          expect(after.result).toBeNull();
          expect(after.error).toBe(
            `GetFunction failed: ResourceNotFoundException (HTTP 404, request ID ${requestId}): Function not found: arn:aws:lambda:${f.region}:${MOTO_ACCOUNT}:function:short-lived`,
          );
        });

        it('signs with the static keys, in the chosen region, without a session token', () => {
          const c = kindRun(kind).cases.get('getorders');
          const [request] = sent(motoProxy, kind, 'getorders');
          expect(request?.headers['authorization']).toMatch(
            new RegExp(`^AWS4-HMAC-SHA256 Credential=${c?.accessKeyId}/\\d{8}/${REGIONS[kind].code}/lambda/aws4_request, SignedHeaders=`),
          );
          expect(request?.headers['x-amz-security-token']).toBeUndefined();
        });

        it('sends the session token of static keys with every request', () => {
          const requests = sent(motoProxy, kind, 'aliases');
          expect(requests).toHaveLength(1);
          expect(requests[0]?.service).toBe('lambda');
          expect(requests[0]?.headers['x-amz-security-token']).toBe(SESSION_TOKEN);
        });

        for (const [id, how] of [
          ['assume', 'AWS_ENDPOINT_URL_STS'],
          ['assumeprop', 'the JVM property aws.endpointUrlSts'],
          ['assumeset', "the request's StsEndpointOverride"],
        ] as const) {
          it(`assumes the role through moto's STS (${how}) and signs the Lambda call with the temporary credentials`, () => {
            const f = fixture(kind);
            const baseKey = keyOf(kind, id);
            // The base keys sign exactly one request: AssumeRole at moto's STS, for the role and session asked.
            // (moto neither checks signatures nor evaluates the role's trust policy; AWS does both.)
            const withBase = sent(motoProxy, kind, id);
            expect(withBase.map((r) => `${r.service} ${r.method} ${r.path} ${r.status}`)).toEqual(['sts POST / 200']);
            const sts = withBase[0];
            expect(sts?.headers['authorization']).toMatch(new RegExp(`Credential=${baseKey}/\\d{8}/${f.region}/sts/aws4_request`));
            const form = new URLSearchParams(sts?.body?.toString('utf8') ?? '');
            expect(Object.fromEntries(form)).toMatchObject({
              Action: 'AssumeRole',
              RoleArn: roleArn,
              RoleSessionName: `endpoint-test-${kind}-${id}`,
              ExternalId: EXTERNAL_ID,
            });
            // What moto handed out ...
            const xml = sts?.responseBody?.toString('utf8') ?? '';
            const temporaryKey = /<AccessKeyId>([^<]+)<\/AccessKeyId>/.exec(xml)?.[1] ?? '';
            const token = /<SessionToken>([^<]+)<\/SessionToken>/.exec(xml)?.[1] ?? '';
            expect(temporaryKey).toMatch(/^ASIA/);
            expect(token.length).toBeGreaterThan(20);
            expect(xml).toContain(`<Arn>arn:aws:sts::${MOTO_ACCOUNT}:assumed-role/${ROLE_NAME}/endpoint-test-${kind}-${id}</Arn>`);
            // ... signs the Lambda call, with its session token; the base key signs no Lambda call.
            const lambda = motoProxy?.signedWith(temporaryKey) ?? [];
            expect(lambda.map((r) => `${r.service} ${r.method} ${r.path} ${r.status}`)).toEqual(['lambda GET /2015-03-31/functions/orders-api 200']);
            expect(lambda[0]?.headers['authorization']).toMatch(new RegExp(`Credential=${temporaryKey}/\\d{8}/${f.region}/lambda/aws4_request`));
            expect(lambda[0]?.headers['x-amz-security-token']).toBe(token);
            // The activity succeeded as the role.
            expectCreatedFunction(kind, result(kind, id)['GetFunctionResponse_Function'] as Obj);
          });
        }

        /** What the proxy saw of a case with AssumeRole credentials, in the order it saw it. */
        const roleTraffic = (id: string): string[] => {
          const assumed = sent(motoProxy, kind, id);
          const keys = assumed.map(temporaryKeyOf);
          return (motoProxy?.exchanges ?? [])
            .filter((e) => assumed.includes(e) || (e.accessKeyId !== undefined && keys.includes(e.accessKeyId)))
            .map((e) => `${e.service} ${e.path} ${e.status} ${assumed.includes(e) ? 'base key' : `role key ${keys.indexOf(e.accessKeyId ?? '') + 1}`}`);
        };

        it('keeps the role credentials of a cached client while they are fresh: one AssumeRole for two activities', () => {
          expect(roleTraffic('keep')).toEqual([
            'sts / 200 base key',
            'lambda /2015-03-31/functions/orders-api 200 role key 1',
            'lambda /2015-03-31/functions/orders-api 200 role key 1',
          ]);
          expect(output(kind, 'keep').clientsCreated).toBe(1);
          expectCreatedFunction(kind, result(kind, 'keep')['GetFunctionResponse_Function'] as Obj);
        });

        it('assumes the role again for the next activity once the cached credentials are about to expire', () => {
          // One client serves both activities, yet the second is signed with new role credentials: the
          // client's credentials provider refreshes them itself, as it would near the end of a role
          // session in an app (an hour by default).
          expect(roleTraffic('refresh')).toEqual([
            'sts / 200 base key',
            'lambda /2015-03-31/functions/orders-api 200 role key 1',
            'sts / 200 base key',
            'lambda /2015-03-31/functions/orders-api 200 role key 2',
          ]);
          expect(output(kind, 'refresh').clientsCreated).toBe(1);
          const keys = sent(motoProxy, kind, 'refresh').map(temporaryKeyOf);
          expect(keys[0]).toMatch(/^ASIA/);
          expect(keys[1]).toMatch(/^ASIA/);
          expect(keys[1]).not.toBe(keys[0]);
          expectCreatedFunction(kind, result(kind, 'refresh')['GetFunctionResponse_Function'] as Obj);
        });
      });

      describe.skipIf(skipOffline)('against serverless-offline', () => {
        const one = (id: string): RecordedExchange => {
          const requests = sent(offlineProxy, kind, id);
          expect(requests, `${id}: requests`).toHaveLength(1);
          return requests[0] as RecordedExchange;
        };

        it('Invoke RequestResponse sends the payload byte for byte and returns the handler result', () => {
          const out = result(kind, 'invokesync');
          const payload = '{"name":"Mendix","n":[1,2],"text":"héllo wörld ✓"}';
          const request = one('invokesync');
          expect(request.path).toBe('/2015-03-31/functions/rt-dev-echo/invocations');
          expect(request.headers['x-amz-invocation-type']).toBe('RequestResponse');
          expect(request.body?.equals(Buffer.from(payload, 'utf8'))).toBe(true);
          expect(responseJson(request)).toMatchObject({ echo: { text: 'héllo wörld ✓' } });
          expect(out['StatusCode']).toBe(200);
          expect(out['FunctionError'] ?? null).toBeNull();
          expect(JSON.parse(String(out['Payload']))).toEqual({ echo: JSON.parse(payload), clientContext: null, functionName: 'rt-dev-echo' });
          // serverless-offline sends no X-Amz-Executed-Version (AWS: $LATEST), so ExecutedVersion stays empty.
          expect(request.responseHeaders['x-amz-executed-version']).toBeUndefined();
          expect(out['ExecutedVersion'] ?? null).toBeNull();
        });

        it('Invoke Event is queued: status 202, no payload', () => {
          const out = result(kind, 'invokeevent');
          const request = one('invokeevent');
          expect(request.headers['x-amz-invocation-type']).toBe('Event');
          expect(request.status).toBe(202);
          expect(out['StatusCode']).toBe(202);
          expect(out['Payload'] ?? null).toBeNull();
        });

        it('a function that throws fails the activity with its errorType and errorMessage when FailOnFunctionError is true', () => {
          const out = output(kind, 'throwfail');
          const answer = responseJson(one('throwfail'));
          // serverless-offline reports errorType "Error" where AWS reports the thrown class, "TypeError".
          expect(answer).toMatchObject({ errorType: 'Error', errorMessage: THROWER_MESSAGE });
          expect(out.result).toBeNull();
          expect(out.error).toBe(`Invoke failed: the function returned an error (Unhandled): Error: ${THROWER_MESSAGE}`);
        });

        it('a function that throws gives a result with FunctionError and the error payload when FailOnFunctionError is false', () => {
          const out = result(kind, 'throwresult');
          expect(one('throwresult').responseHeaders['x-amz-function-error']).toBe('Unhandled');
          expect(out['StatusCode']).toBe(200);
          expect(out['FunctionError']).toBe('Unhandled');
          const payload = JSON.parse(String(out['Payload'])) as { errorType: string; errorMessage: string; trace: string[] };
          expect(payload.errorMessage).toBe(THROWER_MESSAGE);
          expect(payload.errorType).toBe('Error');
          expect(payload.trace[0]).toBe(`TypeError: ${THROWER_MESSAGE}`);
        });

        it('LogType Tail is sent, and serverless-offline answers without a log (LogResult stays empty)', () => {
          const out = result(kind, 'tail');
          const request = one('tail');
          expect(request.headers['x-amz-log-type']).toBe('Tail');
          // Real Lambda answers X-Amz-Log-Result (the base64 log tail, decoded into LogResult);
          // serverless-offline ignores LogType.
          expect(request.responseHeaders['x-amz-log-result']).toBeUndefined();
          expect(out['LogResult'] ?? null).toBeNull();
          expect(JSON.parse(String(out['Payload']))).toMatchObject({ echo: { logs: 'please' } });
        });

        it(`sends a payload of exactly ${SYNC_LIMIT.toLocaleString('en-US')} bytes, and refuses one byte more before any request`, () => {
          const atLimit = result(kind, 'atlimit');
          const request = one('atlimit');
          expect(request.bodyLength).toBe(SYNC_LIMIT);
          expect(request.status).toBe(200);
          // The handler parsed all of it: it read ms 0 from the event (its default is 3000).
          expect(JSON.parse(String(atLimit['Payload']))).toEqual({ sleptMs: 0 });

          const over = output(kind, 'overlimit');
          expect(over.result).toBeNull();
          expect(over.error).toBe(
            'Invoke refused before calling AWS: Payload is 6,291,457 bytes in UTF-8; the limit for InvocationType RequestResponse is 6,291,456 bytes.',
          );
          expect(sent(offlineProxy, kind, 'overlimit')).toHaveLength(0);
          expect(over.clientsCreated).toBe(0);
        });

        it('Invoke of a missing function fails with ResourceNotFoundException as the action reports it', () => {
          const out = output(kind, 'missing');
          const request = one('missing');
          expect(request.status).toBe(404);
          expect(request.responseHeaders['x-amzn-errortype']).toBe('ResourceNotFoundException');
          // serverless-offline sends no request ID (AWS always does, and the message then names it)
          // and names the function as asked, where AWS gives its ARN: "Function not found: arn:aws:lambda:...".
          expect(request.responseHeaders['x-amzn-requestid']).toBeUndefined();
          expect(out.result).toBeNull();
          expect(out.error).toBe('Invoke failed: ResourceNotFoundException (HTTP 404): Function not found: rt-dev-missing');
        });
      });
    });
  }
});
