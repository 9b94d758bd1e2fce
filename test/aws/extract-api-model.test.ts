/**
 * The API model extractor on every installed kind of service: restJson1 (Lambda), awsJson1_0 (SQS,
 * DynamoDB), awsJson1_1 (Kinesis, Secrets Manager, SSM, EventBridge), awsQuery (SNS, STS) and restXml
 * (S3). Facts are checked against the packages themselves by another road than the extractor's: the
 * protocol, sdkId, API version and target prefix against a client the package builds, class and
 * function names against its exports. Then the Java number widths against the real AWS SDK for Java
 * jars, and the `api-model` command.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiModelFile, ApiStructureShape } from '../../generator/aws/api-model-types.js';
import {
  extractApiModel,
  installedSdkServices,
  loadSdkPackage,
  normalizeServiceName,
  SchemaWalker,
  SdkPackageMissingError,
  serializeApiModel,
} from '../../generator/aws/extract-api-model.js';
import { addJavaNumberTypes, DEFAULT_JAVA_SDK_VERSION, JavaNumberTypesError, javaSdkArtifact } from '../../generator/aws/java-number-types.js';
import { parseApiModel, type ApiModel } from '../../generator/aws/api-model.js';
import { runCli } from '../../generator/cli/run-cli.js';
import { cachedClasspath } from '../../generator/java/maven.js';
import { PACKAGE_ROOT } from '../../generator/paths.js';
import { captureOutput } from '../support/captured-output.js';
import { MAVEN_CACHE_DIR, skipJavaTests } from '../java/java-classpath.js';
import { SDK_NAME_PROBE_JARS, SDK_NAME_PROBE_VERSION } from '../java/sdk-name-probes.js';

const scratch = mkdtempSync(join(tmpdir(), 'api-model-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Each service with the protocol its package's client configures, and its sdkId. */
const SERVICES = [
  { service: 'lambda', protocol: 'restJson1', sdkId: 'Lambda' },
  { service: 'sqs', protocol: 'awsJson1_0', sdkId: 'SQS' },
  { service: 'dynamodb', protocol: 'awsJson1_0', sdkId: 'DynamoDB' },
  { service: 's3', protocol: 'restXml', sdkId: 'S3' },
  { service: 'sns', protocol: 'awsQuery', sdkId: 'SNS' },
  { service: 'sts', protocol: 'awsQuery', sdkId: 'STS' },
  { service: 'kinesis', protocol: 'awsJson1_1', sdkId: 'Kinesis' },
  { service: 'secrets-manager', protocol: 'awsJson1_1', sdkId: 'Secrets Manager' },
  { service: 'ssm', protocol: 'awsJson1_1', sdkId: 'SSM' },
  { service: 'eventbridge', protocol: 'awsJson1_1', sdkId: 'EventBridge' },
] as const;

/** The protocol classes of @aws-sdk/core, by the Smithy protocol each implements. */
const PROTOCOL_CLASS = {
  restJson1: 'AwsRestJsonProtocol',
  awsJson1_0: 'AwsJson1_0Protocol',
  awsJson1_1: 'AwsJson1_1Protocol',
  awsQuery: 'AwsQueryProtocol',
  restXml: 'AwsRestXmlProtocol',
  ec2Query: 'AwsEc2QueryProtocol',
} as const;

const extracted = new Map<string, ApiModelFile>();
function modelFile(service: string): ApiModelFile {
  let file = extracted.get(service);
  if (!file) extracted.set(service, (file = extractApiModel(service)));
  return file;
}
const model = (service: string): ApiModel => parseApiModel(structuredClone(modelFile(service)), service);

/** What the package's own client holds after construction: its resolved runtime configuration. */
function clientConfig(service: string, clientClass: string): Record<string, unknown> {
  const sdk = loadSdkPackage(service).exports;
  const Client = sdk[clientClass] as new (config: object) => { config: Record<string, unknown>; destroy(): void };
  const client = new Client({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
  client.destroy();
  return client.config;
}

describe.each(SERVICES)('api model of @aws-sdk/client-$service', ({ service, protocol, sdkId }) => {
  it('is accepted by parseApiModel, with the package, version and namespace recorded', () => {
    const file = modelFile(service);
    const pkg = loadSdkPackage(service);
    expect(() => parseApiModel(structuredClone(file), service)).not.toThrow();
    expect(file).toMatchObject({ formatVersion: 1, service, sdkPackage: `@aws-sdk/client-${service}`, sdkVersion: pkg.version });
    expect(file.namespace).toMatch(/^com\.amazonaws\./);
    expect(Object.keys(file.operations).length).toBeGreaterThan(5);
  });

  it(`speaks ${protocol}: the protocol, sdkId, API version and target prefix of the client the package builds`, () => {
    const file = modelFile(service);
    expect(file.protocol).toBe(protocol);
    expect(file.sdkId).toBe(sdkId);
    const config = clientConfig(service, file.jsClient ?? '');
    const core = createRequire(join(loadSdkPackage(service).dir, 'package.json'))('@aws-sdk/core/protocols') as Record<string, new () => unknown>;
    expect(config['protocol']).toBeInstanceOf(core[PROTOCOL_CLASS[protocol]]);
    expect(config['serviceId']).toBe(sdkId);
    expect(config['apiVersion']).toBe(file.apiVersion);
    const serviceTarget = (config['protocol'] as { serviceTarget?: unknown }).serviceTarget;
    if (protocol === 'awsJson1_0' || protocol === 'awsJson1_1') expect(file.jsonTargetPrefix).toBe(serviceTarget);
    else expect(file.jsonTargetPrefix).toBeUndefined();
  });

  it('operations without an http trait go as the protocol sends them; REST ones keep theirs', () => {
    const https = Object.values(modelFile(service).operations).map((op) => op.http);
    if (protocol === 'restJson1' || protocol === 'restXml') expect(https.some((h) => h.path !== '/')).toBe(true);
    else expect(https.every((h) => h.method === 'POST' && h.path === '/' && h.code === 200)).toBe(true);
  });

  it('names the client class, every command class and every paginator the package exports', () => {
    const file = modelFile(service);
    const sdk = loadSdkPackage(service).exports;
    const client = sdk[file.jsClient ?? ''];
    expect(typeof client === 'function' && client.name).toBe(file.jsClient);
    const exportedCommands = Object.keys(sdk)
      .filter((k) => /^[A-Z]\w*Command$/.test(k) && typeof sdk[k] === 'function')
      .sort();
    const commands = Object.entries(file.operations).map(([name, op]) => {
      const Command = sdk[op.jsCommand ?? ''] as new (input: object) => { schema: unknown[] };
      // The command class runs this very operation.
      expect(new Command({}).schema[2], op.jsCommand).toBe(name);
      return op.jsCommand;
    });
    expect(commands.sort()).toEqual(exportedCommands);
    const paginators = Object.values(file.operations).flatMap((op) => (op.paginator ? [op.paginator.jsFunction] : []));
    for (const name of paginators) expect(typeof sdk[name ?? ''], name).toBe('function');
    expect(paginators.sort()).toEqual(
      Object.keys(sdk)
        .filter((k) => k.startsWith('paginate') && typeof sdk[k] === 'function')
        .sort(),
    );
  });

  it('is deterministic: the same text twice, keys sorted', () => {
    const text = serializeApiModel(modelFile(service));
    expect(serializeApiModel(extractApiModel(service))).toBe(text);
    expect(Object.keys(JSON.parse(text) as object)).toEqual(Object.keys(JSON.parse(text) as object).sort());
  });
});

describe('protocol facts', () => {
  it('SQS (awsJson1_0, awsQueryCompatible): SendMessage MessageAttributes is a flattened map of structures', () => {
    const sqs = model('sqs');
    expect(sqs.file.jsonTargetPrefix).toBe('AmazonSQS');
    expect(sqs.file.awsQueryCompatible).toBe(true);
    const attributes = sqs.member('SendMessageRequest', 'MessageAttributes');
    expect(attributes).toMatchObject({ type: 'map', xmlFlattened: true, xmlName: 'MessageAttribute' });
    const value = sqs.mapValueType(attributes?.target ?? '') ?? '';
    expect(value).toBe('MessageAttributeValue');
    expect(sqs.kindOf(value)).toBe('structure');
    expect(sqs.mapKeyType(attributes?.target ?? '')).toBe('string');
    expect(sqs.shape(attributes?.target ?? '')).toMatchObject({ keyXmlName: 'Name', valueXmlName: 'Value' });
    expect(sqs.memberNames('MessageAttributeValue')).toEqual(['BinaryListValues', 'BinaryValue', 'DataType', 'StringListValues', 'StringValue']);
    expect(sqs.shape('QueueDoesNotExist')).toMatchObject({
      error: 'client',
      awsQueryError: { code: 'AWS.SimpleQueueService.NonExistentQueue', httpStatus: 400 },
    });
    expect(sqs.operation('SendMessage')).toMatchObject({ http: { method: 'POST', path: '/', code: 200 }, jsCommand: 'SendMessageCommand' });
  });

  it("DynamoDB: ListTables' paginator, from the package's paginator declaration", () => {
    const ddb = model('dynamodb');
    expect(ddb.operation('ListTables')?.paginator).toEqual({
      inputToken: 'ExclusiveStartTableName',
      outputToken: 'LastEvaluatedTableName',
      pageSize: 'Limit',
      jsFunction: 'paginateListTables',
    });
    expect(ddb.file.jsonTargetPrefix).toBe('DynamoDB_20120810');
    expect(ddb.file.jsClient).toBe('DynamoDBClient');
  });

  it('S3 (restXml through S3RestXmlProtocol): xml names, attributes, namespaces, host labels and checksums', () => {
    const s3 = model('s3');
    expect(s3.file.xmlNamespace).toBe('http://s3.amazonaws.com/doc/2006-03-01/');
    expect(s3.member('Grantee', 'Type')).toMatchObject({ xmlName: 'xsi:type', xmlAttribute: true, enum: 'Type' });
    expect(s3.member('Grant', 'Grantee')?.xmlNamespace).toEqual({ prefix: 'xsi', uri: 'http://www.w3.org/2001/XMLSchema-instance' });
    expect(s3.shape('ListObjectsV2Output')).toMatchObject({ xmlName: 'ListBucketResult' });
    expect(s3.member('ListObjectsV2Output', 'Contents')).toMatchObject({ type: 'list', xmlFlattened: true });
    expect(s3.member('Delete', 'Objects')).toMatchObject({ xmlFlattened: true, xmlName: 'Object' });
    expect(s3.operation('WriteGetObjectResponse')?.hostPrefix).toBe('{RequestRoute}.');
    expect(s3.member('WriteGetObjectResponseRequest', 'RequestRoute')).toMatchObject({ hostLabel: true, location: 'header' });
    expect(s3.operation('PutObject')?.httpChecksum).toEqual({ requestChecksumRequired: false, requestAlgorithmMember: 'ChecksumAlgorithm' });
    expect(s3.operation('GetObject')?.httpChecksum).toMatchObject({ requestChecksumRequired: false, requestValidationModeMember: 'ChecksumMode' });
    expect(s3.operation('GetObject')?.httpChecksum?.responseAlgorithms).toContain('CRC32');
    expect(s3.operation('DeleteObjects')?.httpChecksum?.requestChecksumRequired).toBe(true);
    expect(s3.operation('ListBuckets')?.httpChecksum).toBeUndefined();
    expect(s3.member('GetObjectOutput', 'Body')).toMatchObject({ type: 'blob', streaming: true, location: 'payload' });
  });

  it('SNS and STS (awsQuery): API version, XML namespace, query error codes; STS has no enums', () => {
    const sns = model('sns');
    expect(sns.file).toMatchObject({ apiVersion: '2010-03-31', xmlNamespace: 'http://sns.amazonaws.com/doc/2010-03-31/' });
    expect(sns.shape('NotFoundException')).toMatchObject({ awsQueryError: { code: 'NotFound', httpStatus: 404 } });
    const sts = model('sts');
    expect(sts.file).toMatchObject({ apiVersion: '2011-06-15', xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/', enums: {} });
    expect(sts.operation('AssumeRole')).toMatchObject({ http: { method: 'POST', path: '/', code: 200 }, input: 'AssumeRoleRequest' });
    expect(sts.member('AssumeRoleRequest', 'DurationSeconds')).toMatchObject({ type: 'number' });
  });

  it('Kinesis and EventBridge (awsJson1_1): their X-Amz-Target prefixes; list shapes marked sensitive as a whole', () => {
    expect(modelFile('kinesis').jsonTargetPrefix).toBe('Kinesis_20131202');
    expect(modelFile('eventbridge').jsonTargetPrefix).toBe('AWSEvents');
    expect(modelFile('eventbridge').shapes['Sqls']).toMatchObject({ type: 'list', sensitive: true });
  });
});

describe('schema decoding across protocols', () => {
  const ns = 'com.amazonaws.example';

  it('records xml traits on members, list members, map keys and values, and structures', () => {
    const tags = [2, ns, 'Tags', 0, [0, { xmlName: 'Name' }], [0, { xmlName: 'Value' }]];
    const ids = [1, ns, 'Ids', 0, [0, { xmlName: 'Id' }]];
    const doc = [
      3,
      ns,
      'Doc',
      { xmlName: 'Document', xmlNamespace: ['', 'urn:x'] },
      ['Kind', 'Tags', 'Ids', 'Name'],
      [
        [0, { xmlAttribute: 1, xmlName: 'kind' }],
        [() => tags, { xmlFlattened: 1, xmlName: 'Tag' }],
        [() => ids, 0],
        [0, { ec2QueryName: 'NameQ' }],
      ],
    ];
    const walker = new SchemaWalker(ns);
    walker.resolve(() => doc, 'test');
    expect(walker.shapes.get('Doc')).toMatchObject({ xmlName: 'Document', xmlNamespace: { uri: 'urn:x' } });
    expect(walker.shapes.get('Tags')).toEqual({ type: 'map', key: 'string', value: 'string', keyXmlName: 'Name', valueXmlName: 'Value' });
    expect(walker.shapes.get('Ids')).toEqual({ type: 'list', member: 'string', memberXmlName: 'Id' });
    const members = (walker.shapes.get('Doc') as ApiStructureShape).members;
    expect(members['Kind']).toMatchObject({ xmlAttribute: true, xmlName: 'kind' });
    expect(members['Tags']).toMatchObject({ xmlFlattened: true, xmlName: 'Tag' });
    expect(members['Name']).toMatchObject({ ec2QueryName: 'NameQ' });
  });

  it('copies the traits of a flattened simple shape onto the member, the member winning', () => {
    const secret = [0, ns, 'Json', { sensitive: 1, mediaType: 'application/json' }, 0];
    const holder = [3, ns, 'Holder', 0, ['A', 'B'], [() => secret, [() => secret, { mediaType: 'text/plain' }]]];
    const walker = new SchemaWalker(ns);
    walker.resolve(() => holder, 'test');
    const members = (walker.shapes.get('Holder') as ApiStructureShape).members;
    expect(members['A']).toMatchObject({ sensitive: true, mediaType: 'application/json' });
    expect(members['B']).toMatchObject({ sensitive: true, mediaType: 'text/plain' });
  });

  it('refuses a known trait where it records nothing, rather than drop it', () => {
    const union = [4, ns, 'U', { xmlName: 'Odd' }, ['A'], [0]];
    expect(() => new SchemaWalker(ns).resolve(() => union, 'test')).toThrow(/records no "xmlName" trait on union U/);
    const list = [1, ns, 'L', 0, [0, { httpHeader: 'x-a' }]];
    expect(() => new SchemaWalker(ns).resolve(() => list, 'test')).toThrow(/records no "httpHeader" trait on a list member/);
  });

  it('takes equal inline copies of an unexported list as one shape, and refuses two different ones', () => {
    const a = [
      3,
      ns,
      'A',
      0,
      ['X', 'Y'],
      [
        [1, ns, 'Strings', 0, 0],
        [1, ns, 'Strings', 0, 0],
      ],
    ];
    const walker = new SchemaWalker(ns);
    walker.resolve(() => a, 'test');
    expect(walker.shapes.get('Strings')).toEqual({ type: 'list', member: 'string' });
    const b = [
      3,
      ns,
      'B',
      0,
      ['X', 'Y'],
      [
        [1, ns, 'Strings', 0, 0],
        [1, ns, 'Strings', 0, 1],
      ],
    ];
    expect(() => new SchemaWalker(ns).resolve(() => b, 'test')).toThrow(/Two different schemas are named Strings/);
  });
});

describe('installed packages', () => {
  it('names the package to install when a service has none', () => {
    expect(() => extractApiModel('no-such-service')).toThrow(SdkPackageMissingError);
    expect(() => extractApiModel('no-such-service')).toThrow(
      'Install @aws-sdk/client-no-such-service (npm install @aws-sdk/client-no-such-service) to read the no-such-service API model.',
    );
  });

  it('lists the installed clients and reads package names in any usual spelling', () => {
    expect(installedSdkServices()).toEqual(expect.arrayContaining(SERVICES.map((s) => s.service)));
    expect(normalizeServiceName('@aws-sdk/client-sqs')).toBe('sqs');
    expect(normalizeServiceName('client-secrets-manager')).toBe('secrets-manager');
    expect(normalizeServiceName('../sqs')).toBeUndefined();
  });
});

describe.skipIf(skipJavaTests('the Java number types against the real AWS SDK jars'))('Java number types from the AWS SDK for Java jars', () => {
  const jars = (): Promise<string[]> => cachedClasspath(SDK_NAME_PROBE_JARS, MAVEN_CACHE_DIR);

  it('defaults to the release the naming tests resolve, and finds the artifact by the Java package', () => {
    expect(DEFAULT_JAVA_SDK_VERSION).toBe(SDK_NAME_PROBE_VERSION);
    expect(javaSdkArtifact({ sdkId: 'Secrets Manager' })).toEqual({ groupId: 'software.amazon.awssdk', artifactId: 'secretsmanager', version: '2.57.8' });
  });

  it('Lambda: CodeSize is Long, MemorySize Integer, a map of numbers Double', async () => {
    const { model: typed, unmatched } = addJavaNumberTypes(modelFile('lambda'), await jars());
    const lambda = parseApiModel(typed, 'lambda');
    expect(typed.javaSdkVersion).toBe(SDK_NAME_PROBE_VERSION);
    expect(lambda.member('FunctionConfiguration', 'CodeSize')?.javaNumber).toBe('Long');
    expect(lambda.member('FunctionConfiguration', 'MemorySize')?.javaNumber).toBe('Integer');
    expect(lambda.member('ListFunctionsRequest', 'MaxItems')?.javaNumber).toBe('Integer');
    expect(lambda.member('AliasRoutingConfiguration', 'AdditionalVersionWeights')).toMatchObject({ type: 'map', javaNumber: 'Double' });
    expect(lambda.member('FunctionConfiguration', 'FunctionName')?.javaNumber).toBeUndefined();
    // InvokeAsync is deprecated and left out of the Java SDK: its response has no class there.
    expect(unmatched).toEqual(['InvokeAsyncResponse.Status: no class software.amazon.awssdk.services.lambda.model.InvokeAsyncResponse']);
  }, 180_000);

  it('SQS: every number member has a width', async () => {
    const { model: typed, unmatched } = addJavaNumberTypes(modelFile('sqs'), await jars());
    expect(unmatched).toEqual([]);
    const sqs = parseApiModel(typed, 'sqs');
    expect(sqs.member('SendMessageRequest', 'DelaySeconds')?.javaNumber).toBe('Integer');
    expect(sqs.member('ReceiveMessageRequest', 'MaxNumberOfMessages')?.javaNumber).toBe('Integer');
    const numbers = Object.values(typed.shapes).flatMap((s) => (s.type === 'structure' ? Object.values(s.members).filter((m) => m.type === 'number') : []));
    expect(numbers.length).toBeGreaterThan(5);
    expect(numbers.filter((m) => m.javaNumber === undefined)).toEqual([]);
  }, 180_000);

  it('DynamoDB: Long, Integer and Double; only members newer than the Java release stay without a width', async () => {
    const { model: typed, unmatched } = addJavaNumberTypes(modelFile('dynamodb'), await jars());
    const ddb = parseApiModel(typed, 'dynamodb');
    expect(ddb.member('TableDescription', 'TableSizeBytes')?.javaNumber).toBe('Long');
    expect(ddb.member('TableDescription', 'ItemCount')?.javaNumber).toBe('Long');
    expect(ddb.member('ListTablesInput', 'Limit')?.javaNumber).toBe('Integer');
    expect(ddb.member('ConsumedCapacity', 'CapacityUnits')?.javaNumber).toBe('Double');
    // The bulk operations came to the JavaScript SDK after Java 2.57.8.
    expect(unmatched.filter((u) => !/Bulk/.test(u))).toEqual([]);
  }, 180_000);

  it('stops when a getter returns no number, and leaves a member of an unknown class unmatched (the checks can fail)', async () => {
    const classpath = await jars();
    const broken = structuredClone(modelFile('sqs'));
    const request = broken.shapes['SendMessageRequest'] as ApiStructureShape;
    request.members['MessageBody'] = { target: 'number', type: 'number', required: true };
    expect(() => addJavaNumberTypes(broken, classpath)).toThrow(
      /SendMessageRequest\.MessageBody: .*messageBody\(\) returns java\.lang\.String, not a boxed number/,
    );
    expect(() => addJavaNumberTypes(broken, classpath)).toThrow(JavaNumberTypesError);
    const extra = structuredClone(modelFile('sqs'));
    extra.shapes['NoSuchShape'] = { type: 'structure', members: { Size: { target: 'number', type: 'number', required: false } } };
    const { unmatched } = addJavaNumberTypes(extra, classpath);
    expect(unmatched).toEqual(['NoSuchShape.Size: no class software.amazon.awssdk.services.sqs.model.NoSuchShape']);
  }, 180_000);

  it('the command adds them too: "api-model lambda --java-number-types" prints the committed model', async () => {
    const out = captureOutput();
    expect(await runCli(['api-model', 'lambda', '--java-number-types'], out)).toBe(0);
    expect(out.stdout).toBe(readFileSync(join(PACKAGE_ROOT, 'spec', 'api', 'aws-lambda.api.json'), 'utf8'));
    expect(out.stderr).toContain('warning: no Java width for InvokeAsyncResponse.Status');
    expect(out.stderr).toContain('Java number types from the AWS SDK for Java 2.57.8');
  }, 300_000);
});

describe('mendix-connector api-model', () => {
  it('writes a model to --out that parseApiModel accepts; a second run leaves it unchanged', async () => {
    const file = join(scratch, 'sqs', 'aws-sqs.api.json');
    const out = captureOutput();
    expect(await runCli(['api-model', 'sqs', '--out', file], out)).toBe(0);
    expect(out.stdout).toMatch(/^Wrote .*aws-sqs\.api\.json: 23 operations, \d+ shapes, \d+ enums from @aws-sdk\/client-sqs [\d.]+ \(awsJson1_0\)\.\n$/);
    expect(parseApiModel(JSON.parse(readFileSync(file, 'utf8')), 'sqs').protocol).toBe('awsJson1_0');
    const again = captureOutput();
    expect(await runCli(['api-model', 'sqs', '--out', file, '--json'], again)).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ service: 'sqs', protocol: 'awsJson1_0', status: 'unchanged', operations: 23 });
  });

  it('refuses to replace a different file (exit 1, untouched) unless --force', async () => {
    const file = join(scratch, 'mine.json');
    writeFileSync(file, '{"mine": true}\n');
    const out = captureOutput();
    expect(await runCli(['api-model', 'sts', '--out', file], out)).toBe(1);
    expect(out.stderr).toContain('exists and differs from the extracted model; nothing was written.');
    expect(out.stderr).toContain('--force');
    expect(readFileSync(file, 'utf8')).toBe('{"mine": true}\n');
    const forced = captureOutput();
    expect(await runCli(['api-model', 'sts', '--out', file, '--force'], forced)).toBe(0);
    expect(forced.stdout).toMatch(/^Updated /);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ service: 'sts', protocol: 'awsQuery' });
  });

  it('prints the model on stdout without --out, the summary on stderr', async () => {
    const out = captureOutput();
    expect(await runCli(['api-model', '@aws-sdk/client-sts'], out)).toBe(0);
    expect(parseApiModel(JSON.parse(out.stdout), 'stdout').sdkId).toBe('STS');
    expect(out.stderr).toMatch(/^Extracted 11 operations, /);
  });

  it('an unknown service: exit 1, the package to install, and "did you mean" among the installed clients', async () => {
    const out = captureOutput();
    expect(await runCli(['api-model', 'sqss'], out)).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain('error: Install @aws-sdk/client-sqss (npm install @aws-sdk/client-sqss) to read the sqss API model.');
    expect(out.stderr).toContain('hint: Did you mean "sqs"');
    expect(out.stderr).toMatch(/Installed: .*\blambda\b.*\bsqs\b/);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });

  it('a name no client package can have: exit 1, how packages are named, and the installed services, for api-model and init alike', async () => {
    for (const argv of [
      ['api-model', 'Simple Queue'],
      ['init', '--service', 'Simple Queue'],
    ]) {
      const out = captureOutput();
      expect(await runCli(argv, out)).toBe(1);
      expect(out.stdout).toBe('');
      expect(out.stderr).toContain('error: "Simple Queue" is not the name of an AWS SDK for JavaScript client package.');
      expect(out.stderr).toContain('hint: Name the service as its package does: <service> in @aws-sdk/client-<service>, in lower case with dashes.');
      expect(out.stderr).toMatch(/Installed: .*\blambda\b.*\bsqs\b/);
    }
  });

  it('usage errors exit 2', async () => {
    for (const argv of [['api-model'], ['api-model', 'sqs', '--force'], ['api-model', 'sqs', '--java-sdk-version', '2.57.8'], ['api-model', 'sqs', '--frob']]) {
      const out = captureOutput();
      expect(await runCli(argv, out), argv.join(' ')).toBe(2);
    }
  });

  it('without Maven, --java-number-types says so and keeps the model without widths (exit 0)', async () => {
    const file = join(scratch, 'no-maven', 'sts.json');
    mkdirSync(join(scratch, 'no-maven'), { recursive: true });
    const saved = process.env['MAVEN_CMD'];
    process.env['MAVEN_CMD'] = join(scratch, 'no-such-mvn');
    try {
      const out = captureOutput();
      expect(await runCli(['api-model', 'sts', '--java-number-types', '--out', file, '--json'], out)).toBe(0);
      expect(out.stderr).toContain('warning: Java number types need a JDK (11 or later) and Maven');
      expect(out.stderr).toContain('Maven ("mvn") is not installed');
      expect(JSON.parse(out.stdout)).toMatchObject({ status: 'created', javaNumberTypes: { added: false } });
      const written = readFileSync(file, 'utf8');
      expect(written).not.toContain('javaNumber');
      expect(written).not.toContain('javaSdkVersion');
    } finally {
      if (saved === undefined) delete process.env['MAVEN_CMD'];
      else process.env['MAVEN_CMD'] = saved;
    }
    expect(existsSync(file)).toBe(true);
  });
});
