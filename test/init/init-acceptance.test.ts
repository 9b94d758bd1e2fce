/**
 * The acceptance test of `init`: for eight services of every protocol (test/init/init-services.ts),
 * `init` writes a spec into a temporary folder, and with no edit each spec
 *
 *   - validates clean (validateSpecFile),
 *   - generates a module package (generateModule),
 *   - compiles, with every other spec, in one javac run against the real AWS SDK for Java jars and
 *     the Mendix stand-ins (`javac --release 11 -Xlint:all -Werror`, test/java/java-build.ts),
 *   - passes its conformance cases in the TypeScript runtime (the service's SDK client mocked), and
 *   - passes them in the compiled Java on the real SDK, whose HTTP requests are decoded and compared
 *     and whose AWS answers are encoded in the service's protocol (test/wire/aws-wire.ts: awsJson,
 *     awsQuery, restXml).
 *
 * Java steps skip with a printed reason without a JDK or Maven, and fail instead under CI=true.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApiModel } from '../../generator/aws/api-model.js';
import { runInit } from '../../generator/cli/init-command.js';
import { generateModule } from '../../generator/generate.js';
import { planInit } from '../../generator/init/init-spec.js';
import { BUNDLED_SPEC_FILE } from '../../generator/paths.js';
import { cachedClasspath } from '../../generator/java/maven.js';
import type { ConformanceCaseSpec, OperationSpec } from '../../generator/spec/types.js';
import { loadApiModelFile } from '../../generator/validate/api-model-file.js';
import { validateSpecFile } from '../../generator/validate/validate-spec.js';
import { clearClientCache, ConnectorError } from '../../runtime/index.js';
import { executeOperation } from '../../runtime/engine/engine.js';
import { planFor } from '../../runtime/engine/mapping.js';
import type { RuntimeSpec } from '../../runtime/engine/runtime-spec.js';
import { serviceSdk } from '../../runtime/engine/service-sdk.js';
import { harnessSource, javac, moduleSources, standInSources, writeTree, type SourceFile } from '../java/java-build.js';
import { caseInput, expectResult, wireRequest, type RunOutput } from '../java/java-cases.js';
import { MAVEN_CACHE_DIR, skipJavaTests } from '../java/java-classpath.js';
import { domainModelJson, proxySources } from '../java/mendix-proxies.js';
import { comparable, completeExpected, expectedInput, serviceError, toSdkValue } from '../runtime/case-support.js';
import { captureOutput } from '../support/captured-output.js';
import type { CatalogSpec } from '../support/spec-catalog.js';
import { decodeRequest } from '../wire/aws-wire.js';
import { INIT_CLASSPATH, INIT_SERVICES } from './init-services.js';

/** Request associations (and request joinList) are part of the spec format: init writes them. */
const REQUEST_ASSOCIATIONS = true;

const skipJava = skipJavaTests('the Java compile and conformance tests of the specs init writes');
const work = mkdtempSync(join(tmpdir(), 'init-acceptance-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Written {
  service: string;
  file: string;
  code: number;
  stderr: string;
  entry?: CatalogSpec;
}

const written: Written[] = [];
let jars: string[] = [];

beforeAll(async () => {
  // The jars give init the Java number types, and the compiler its classpath (pre-resolved by npm test).
  jars = skipJava ? [] : await cachedClasspath(INIT_CLASSPATH, MAVEN_CACHE_DIR);
  for (const s of INIT_SERVICES) {
    const file = join(work, `aws-${s.service}.connector.yaml`);
    const out = captureOutput();
    const code = runInit(
      {
        service: s.service,
        operations: s.operations.join(','),
        out: file,
        force: false,
        json: false,
        requestAssociations: REQUEST_ASSOCIATIONS,
        ...(jars.length > 0 ? { resolveJars: () => jars } : {}),
      },
      out,
    );
    const entry: Written = { service: s.service, file, code, stderr: out.stderr };
    if (code === 0) {
      const result = validateSpecFile(file, loadApiModelFile);
      if (result.spec && result.index && result.api) entry.entry = { name: s.service, file, spec: result.spec, index: result.index, api: result.api };
    }
    written.push(entry);
  }
}, 240_000);

function writtenOf(service: string): Written {
  const found = written.find((w) => w.service === service);
  if (!found) throw new Error(`init did not run for ${service}`);
  return found;
}

describe('init writes specs that validate and generate without edits', () => {
  for (const s of INIT_SERVICES) {
    it(`${s.service}: ${s.operations.length} operations validate clean`, () => {
      const w = writtenOf(s.service);
      expect(w.stderr).not.toContain('error');
      expect(w.code).toBe(0);
      const result = validateSpecFile(w.file, loadApiModelFile);
      expect(result.diagnostics).toEqual([]);
      expect(result.spec?.operations.map((o) => o.name)).toEqual(s.operations);
      // The model sits next to the spec, where service.apiModel points.
      expect(result.spec?.service.apiModel).toBe(`api/aws-${s.service}.api.json`);
      expect(loadApiModel(join(work, 'api', `aws-${s.service}.api.json`)).protocol).toBe(s.protocol);
    });

    it(`${s.service}: generates a module package`, async () => {
      const entry = writtenOf(s.service).entry;
      expect(entry).toBeDefined();
      if (!entry) return;
      const generated = await generateModule(entry.spec, entry.index, entry.api);
      expect(generated.outputs.map((o) => o.path)).toContain(`${entry.spec.module.name}.mpk`);
      expect(generated.moduleFiles.length).toBeGreaterThan(entry.spec.operations.length);
    }, 60_000);
  }

  it('writes request and response entities, objects, enumerations, paging, renames, permissions and the bundled client', () => {
    const sqs = writtenOf('sqs').entry?.spec;
    const ssm = writtenOf('ssm').entry?.spec;
    const secrets = writtenOf('secrets-manager').entry?.spec;
    const bundled = parse(readFileSync(BUNDLED_SPEC_FILE, 'utf8')) as { module: { javaDependencies: Array<{ artifactId: string; version: string }> } };
    if (!sqs || !ssm || !secrets) throw new Error('a spec is missing');
    const listQueues = sqs.operations.find((o) => o.name === 'ListQueues');
    expect(listQueues?.traits.pagination).toEqual({
      inputToken: 'NextToken',
      outputToken: 'NextToken',
      items: 'QueueUrls',
      limit: 'MaxResults',
      fetchAllAttribute: 'FetchAllPages',
    });
    expect(listQueues?.response).toContainEqual({ field: 'QueueUrls', attribute: 'QueueUrls', trait: 'joinList' });
    const sendMessage = sqs.operations.find((o) => o.name === 'SendMessage');
    expect(sendMessage?.permission).toBe('sqs:SendMessage');
    expect(sendMessage?.request).toContainEqual({
      field: 'MessageAttributes',
      association: 'MessageAttribute_SendMessageRequest',
      mapping: 'MessageAttributeToApi',
    });
    expect(sqs.associations).toContainEqual(
      expect.objectContaining({ name: 'MessageAttribute_SendMessageRequest', parent: 'MessageAttribute', child: 'SendMessageRequest' }),
    );
    expect(sqs.objectMappings.find((m) => m.name === 'MessageAttributeToApi')?.fields).toContainEqual({ field: '$key', attribute: 'Key' });
    expect(sqs.entities.find((e) => e.name === 'SendMessageRequest')?.generalization).toBe('AbstractRequest');
    expect(sqs.entities.find((e) => e.name === 'Message')?.documentation).toContain('Not mapped: Attributes (a nested map)');
    // SSM's Type clashes with the static getType() of Studio Pro's proxies: renamed, the API name kept in the field.
    expect(ssm.operations.find((o) => o.name === 'PutParameter')?.request).toContainEqual({ field: 'Type', attribute: 'TypeValue' });
    const parameterType = ssm.enumerations.find((e) => e.name === 'ENUM_ParameterType');
    expect(parameterType?.values.map((v) => v.name)).toEqual(['SecureString', 'String', 'StringList', 'NewerValue']);
    // The last value stands for the values AWS adds later: a response reads them as it, a request refuses it.
    expect(parameterType?.values.filter((v) => v.newerValues).map((v) => v.name)).toEqual(['NewerValue']);
    expect(secrets.entities.find((e) => e.name === 'CreateSecretRequest')?.attributes.find((a) => a.name === 'SecretString')?.secret).toBe(true);
    // The client binding, credentials and regions as in the bundled spec; the AWS SDK for Java at the bundled spec's version.
    expect(sqs.client.settings).toMatchObject({ entity: 'AbstractRequest', endpointOverride: 'EndpointOverride', stsEndpointOverride: 'StsEndpointOverride' });
    expect(sqs.enumerations.find((e) => e.name === 'ENUM_Region')?.values.length).toBeGreaterThan(30);
    const version = bundled.module.javaDependencies[0]?.version;
    expect(sqs.module.javaDependencies).toEqual(
      ['sqs', 'sts', 'apache5-client'].map((artifactId) => ({ groupId: 'software.amazon.awssdk', artifactId, version })),
    );
    for (const entry of written) for (const operation of entry.entry?.spec.operations ?? []) expect(operation.cases).toHaveLength(1);
  });

  it('writes the same bytes for the same input', () => {
    const s = INIT_SERVICES[0];
    if (!s) return;
    const w = writtenOf(s.service);
    const again = planInit({
      service: s.service,
      operations: s.operations,
      out: w.file,
      force: false,
      requestAssociations: REQUEST_ASSOCIATIONS,
      ...(jars.length > 0 ? { resolveJars: () => jars } : {}),
    });
    expect(again.specText).toBe(readFileSync(w.file, 'utf8'));
    expect(again.apiModelText).toBe(readFileSync(join(dirname(w.file), 'api', `aws-${s.service}.api.json`), 'utf8'));
  });
});

/** One case through the runtime, the service's SDK client mocked: exact command inputs, then the exact result. */
async function runRuntimeCase(
  runtime: RuntimeSpec,
  mock: ReturnType<typeof mockClient>,
  operation: OperationSpec,
  testCase: ConformanceCaseSpec,
): Promise<void> {
  const received: unknown[] = [];
  let next = 0;
  mock.onAnyCommand().callsFake((input: unknown) => {
    received.push(comparable(input));
    const exchange = testCase.exchanges[next++];
    if (!exchange) throw new Error(`unexpected call number ${next}`);
    if (exchange.error) throw serviceError(exchange.error);
    return toSdkValue(exchange.response ?? {});
  });
  const parameter = (role: string) => {
    const p = operation.parameters.find((x) => x.role === role);
    return p ? (testCase.input[p.name] ?? null) : null;
  };
  const region = parameter('region');
  let result: unknown;
  try {
    result = await executeOperation(
      runtime,
      operation.name,
      parameter('credentials') as object | null,
      typeof region === 'string' ? region : null,
      parameter('request') as object | null,
    );
  } catch (error) {
    throw error instanceof ConnectorError ? new Error(`${operation.name}: ${error.message}`) : error;
  }
  expect(received).toEqual(testCase.exchanges.map((x) => expectedInput(x.request)));
  if (!('result' in testCase.expect)) throw new Error('init writes cases that expect a result');
  const plan = planFor(runtime, operation);
  const expected = plan.responseEntity ? completeExpected(runtime, plan.responseEntity, plan.response, testCase.expect.result) : testCase.expect.result;
  expect(result).toEqual(expected);
}

describe('the cases of the specs init writes pass in the TypeScript runtime', () => {
  for (const s of INIT_SERVICES) {
    it(`${s.service}: every case`, async () => {
      const entry = writtenOf(s.service).entry;
      expect(entry).toBeDefined();
      if (!entry) return;
      const runtime: RuntimeSpec = { spec: entry.spec, index: entry.index, api: entry.api };
      const mock = mockClient(serviceSdk(runtime.api).Client as unknown as Parameters<typeof mockClient>[0]);
      try {
        for (const operation of entry.spec.operations) {
          for (const testCase of operation.cases) {
            mock.reset();
            clearClientCache();
            await runRuntimeCase(runtime, mock, operation, testCase);
          }
        }
      } finally {
        mock.restore();
        clearClientCache();
      }
    });
  }
});

describe.skipIf(skipJava)('the Java of the specs init writes, on the real AWS SDK jars', () => {
  const javaWork = join(work, 'java');
  let compiled: { ok: boolean; output: string; classpath: string } = { ok: false, output: 'not compiled', classpath: '' };

  beforeAll(() => {
    // Every spec's actions, helpers and proxies, each spec's CaseRunner in a package of its own: one javac run for all.
    const files: SourceFile[] = [];
    for (const w of written) {
      if (!w.entry) continue;
      const { spec, index, api } = w.entry;
      const pkg = spec.module.javaPackage;
      files.push(...moduleSources(spec, index, api), ...proxySources(spec));
      files.push({ path: `initcases/${pkg}/CaseRunner.java`, text: `package initcases.${pkg};\n${harnessSource('CaseRunner.java', pkg).text}` });
    }
    const sources = writeTree(join(javaWork, 'src'), files);
    const classes = join(javaWork, 'classes');
    const result = javac([...standInSources(), ...sources], classes, jars);
    compiled = { ...result, classpath: [classes, ...jars].join(process.platform === 'win32' ? ';' : ':') };
  }, 300_000);

  it('compiles the Java of every spec together with javac --release 11, without a warning', () => {
    expect(written.filter((w) => !w.entry).map((w) => w.service)).toEqual([]);
    expect(compiled.output).toBe('');
    expect(compiled.ok).toBe(true);
  });

  for (const s of INIT_SERVICES) {
    it(`${s.service}: every case through the compiled actions and the real SDK`, () => {
      expect(compiled.ok).toBe(true);
      const entry = writtenOf(s.service).entry;
      if (!entry) throw new Error(`no spec for ${s.service}`);
      const model = loadApiModel(resolve(dirname(entry.file), entry.spec.service.apiModel));
      const runs = entry.spec.operations.flatMap((op) => op.cases.map((c) => ({ op, c, input: caseInput(entry, model, op, c) })));
      const inputFile = join(javaWork, `${s.service}-cases.json`);
      writeFileSync(inputFile, JSON.stringify({ domainModel: domainModelJson(entry.spec), cases: runs.map((r) => r.input) }));
      // JSON on the wire: the SDK would speak CBOR to some services (the codec, like a JSON service, reads JSON).
      const stdout = execFileSync(
        'java',
        ['-Daws.cborEnabled=false', '-cp', compiled.classpath, `initcases.${entry.spec.module.javaPackage}.CaseRunner`, inputFile],
        {
          encoding: 'utf8',
          maxBuffer: 256 * 1024 * 1024,
          // No default credentials or region of this machine.
          env: {
            PATH: process.env['PATH'] ?? '',
            AWS_ACCESS_KEY_ID: 'AKIADEFAULTCHAINTEST',
            AWS_SECRET_ACCESS_KEY: 'default-chain-secret',
            AWS_CONFIG_FILE: '/nonexistent',
            AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
            AWS_EC2_METADATA_DISABLED: 'true',
          },
        },
      );
      const outputs = stdout
        .split('\n')
        .filter((l) => l.length > 0)
        .map((l) => JSON.parse(l) as RunOutput);
      expect(outputs).toHaveLength(runs.length);
      runs.forEach(({ op, c }, i) => {
        const where = `${s.service} ${op.name}: ${c.name}`;
        const actual = outputs[i] ?? { requests: [], clientsCreated: 0, error: 'no output', result: null };
        expect(actual.error, where).toBeNull();
        const sent = actual.requests.map((r) => decodeRequest(model, model.protocol, op.action, wireRequest(r)));
        expect(sent, `${where}: requests`).toEqual(c.exchanges.map((e) => expectedInput(e.request)));
        if ('result' in c.expect) expectResult(actual.result, c.expect.result, where);
      });
    }, 120_000);
  }
});
