/**
 * The generated Java actions of the bundled Amazon SQS connector (spec/aws-sqs.connector.yaml),
 * compiled on the REAL AWS SDK for Java 2.x (both classpaths: the module's own, and beside Mendix's
 * AWS Authentication jars) and run against moto_server: queues created, found, listed, read, purged
 * and deleted; messages sent one by one and in batches, with message attributes and on FIFO queues,
 * received with long polling, given back and deleted. The same flows as the runtime's
 * test/integration/sqs-moto.test.ts.
 *
 * Each case sets EndpointOverride to a recording proxy in front of moto (test/java/endpoints), which
 * shows what the SDK really sent and what moto answered. The JVM runs in phases, since a later
 * activity needs what an earlier one returned (receipt handles). Results are compared with what an
 * independent client (the AWS SDK for JavaScript, straight to moto) finds and with digests computed
 * here, never with the action's own output. Each classpath works in its own region of moto (module:
 * us-east-1, mendixApp: eu-west-1) with queues of its own, so the two JVMs run side by side.
 *
 * Where moto answers differently from Amazon SQS, the assertion states what moto does and a comment
 * says what AWS would do.
 */
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueueTagsCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApiModel } from '../../generator/aws/api-model.js';
import type { CaseObject, CaseValue, OperationSpec } from '../../generator/spec/types.js';
import { motoMissing, shouldSkip, startMoto, type ManagedProcess } from '../integration/harness.js';
import { loadCatalog, type CatalogSpec } from '../support/spec-catalog.js';
import { buildJava, moduleSources, type JavaBuild } from './java-build.js';
import { caseInput, type RunOutput } from './java-cases.js';
import { CLASSPATH_KINDS, skipJavaTests, type ClasspathKind } from './java-classpath.js';
import { domainModelJson } from './mendix-proxies.js';
import { MOTO_ACCOUNT } from './endpoints/moto-fixtures.js';
import { startRecordingProxy, type RecordedExchange, type RecordingProxy } from './endpoints/recording-proxy.js';
import { runCasesAsync } from './endpoints/run-cases-async.js';
import { caseRunReader, listOf } from './endpoints/case-runs.js';
import { md5, messageAttributesMd5 } from '../support/sqs-digests.js';

const javaSkip = skipJavaTests('the SQS Java actions against moto_server');
const skipMoto = shouldSkip('the SQS Java actions against moto_server', motoMissing());

const SPEC_NAME = 'spec/aws-sqs.connector.yaml';
const found = loadCatalog().specs.find((s) => s.name === SPEC_NAME);
const work = mkdtempSync(join(tmpdir(), 'java-sqs-endpoint-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const REGIONS: Record<ClasspathKind, { value: string; code: string; prefix: string; key: string }> = {
  module: { value: 'us_east_1', code: 'us-east-1', prefix: 'jmod-', key: 'MOD' },
  mendixApp: { value: 'eu_west_1', code: 'eu-west-1', prefix: 'japp-', key: 'APP' },
};
const SECRET = 'java-sqs-endpoint-secret';
/** The three long polls of an empty queue, one second each, and the call stopped by ApiCallTimeoutSeconds after one. */
const POLLS = 3;
/** Time a JVM may need beyond the waits themselves: start-up, class loading, the first client. */
const JVM_ALLOWANCE_MS = 20_000;

type Obj = Record<string, CaseValue>;
interface SqsCase {
  id: string;
  operation: string;
  accessKeyId: string;
  input: CaseObject;
}
interface KindRun {
  queues: Record<string, string>;
  cases: Map<string, SqsCase>;
  outputs: Map<string, RunOutput>;
  pollMs: number;
}

const ATTRIBUTES = { eventType: { DataType: 'String', StringValue: 'OrderPlaced' }, priority: { DataType: 'Number', StringValue: '2' } };
const SENT_BODY = '{"event":"OrderPlaced","text":"héllo wörld ✓"}';
const WORK_BODIES = ['first', 'second', 'third ✓'];

describe.skipIf(javaSkip || skipMoto)('generated SQS Java actions against moto_server', () => {
  if (!found) throw new Error(`${SPEC_NAME} does not validate.`);
  const entry: CatalogSpec = found;
  const model = loadApiModel(resolve(dirname(entry.file), entry.spec.service.apiModel));
  const operation = (name: string): OperationSpec => {
    const op = entry.spec.operations.find((o) => o.name === name);
    if (!op) throw new Error(`no operation ${name}`);
    return op;
  };

  let moto: ManagedProcess | undefined;
  let proxy: RecordingProxy | undefined;
  const admins = new Map<ClasspathKind, SQSClient>();
  const runs = new Map<ClasspathKind, KindRun>();
  const started = Date.now();
  const phases: string[] = [];

  const keyOf = (kind: ClasspathKind, id: string) => `AKIA${REGIONS[kind].key}${id.toUpperCase()}`;
  const admin = (kind: ClasspathKind): SQSClient => {
    const client = admins.get(kind);
    if (!client) throw new Error('no admin client');
    return client;
  };

  function makeCase(kind: ClasspathKind, id: string, op: string, request: Obj): SqsCase {
    const parameter = operation(op).parameters.find((p) => p.role === 'request')?.name;
    if (!parameter) throw new Error(`no request parameter on ${op}`);
    const accessKeyId = keyOf(kind, id);
    return {
      id,
      operation: op,
      accessKeyId,
      input: {
        Credentials: { Provider: 'StaticKeys', AccessKeyId: accessKeyId, SecretAccessKey: SECRET },
        Region: REGIONS[kind].value,
        [parameter]: { EndpointOverride: proxy?.endpoint ?? 'http://127.0.0.1:1', MaxAttempts: 1, ApiCallTimeoutSeconds: 30, ...request },
      },
    };
  }

  async function runPhase(kind: ClasspathKind, build: JavaBuild, cases: SqsCase[], run: KindRun): Promise<number> {
    const inputs = cases.map((c) => caseInput(entry, model, operation(c.operation), { name: c.id, input: c.input, exchanges: [], expect: { result: null } }));
    const dir = join(work, kind);
    mkdirSync(dir, { recursive: true });
    const t = Date.now();
    const { outputs } = await runCasesAsync(build, dir, domainModelJson(entry.spec), inputs, {}, 120_000);
    const ms = Date.now() - t;
    cases.forEach((c, i) => {
      run.cases.set(c.id, c);
      run.outputs.set(c.id, outputs[i] as RunOutput);
    });
    return ms;
  }

  /** Queues of one classpath, made by the independent client, and the messages the flows start from. */
  async function seed(kind: ClasspathKind): Promise<Record<string, string>> {
    const { prefix } = REGIONS[kind];
    const client = admin(kind);
    const queues: Record<string, string> = {};
    const make = async (name: string, attributes: Record<string, string> = {}) => {
      const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: `${prefix}${name}`, Attributes: attributes }));
      queues[name] = QueueUrl ?? '';
    };
    for (const name of ['work', 'send', 'batch', 'poll', 'visibility', 'purge', 'doomed']) await make(name);
    await make('attrs', { VisibilityTimeout: '45', DelaySeconds: '5' });
    await make('orders.fifo', { FifoQueue: 'true' });
    for (const MessageBody of WORK_BODIES) await client.send(new SendMessageCommand({ QueueUrl: queues['work'], MessageBody }));
    await client.send(new SendMessageCommand({ QueueUrl: queues['visibility'], MessageBody: 'retry me' }));
    for (const MessageBody of ['a', 'b']) await client.send(new SendMessageCommand({ QueueUrl: queues['purge'], MessageBody }));
    return queues;
  }

  async function runKind(kind: ClasspathKind, build: JavaBuild): Promise<KindRun> {
    const queues = await seed(kind);
    const { prefix } = REGIONS[kind];
    const run: KindRun = { queues, cases: new Map(), outputs: new Map(), pollMs: 0 };
    const q = (name: string) => queues[name] ?? '';
    const fifo = (id: string, body: string, dedup: string) =>
      makeCase(kind, id, 'SendMessage', { QueueUrl: q('orders.fifo'), MessageBody: body, MessageGroupId: 'order-4711', MessageDeduplicationId: dedup });

    // Phase 1: queues, sends and batches, and the errors that need nothing received.
    await runPhase(
      kind,
      build,
      [
        makeCase(kind, 'create', 'CreateQueue', {
          QueueName: `${prefix}created`,
          QueueAttribute_CreateQueueRequest: [
            { Name: 'VisibilityTimeout', Value: '45' },
            { Name: 'MessageRetentionPeriod', Value: '86400' },
          ],
          Tag_CreateQueueRequest: [{ Key: 'team', Value: 'payments' }],
        }),
        makeCase(kind, 'createfifo', 'CreateQueue', {
          QueueName: `${prefix}created.fifo`,
          QueueAttribute_CreateQueueRequest: [
            { Name: 'FifoQueue', Value: 'true' },
            { Name: 'ContentBasedDeduplication', Value: 'true' },
          ],
        }),
        makeCase(kind, 'geturl', 'GetQueueUrl', { QueueName: `${prefix}work` }),
        makeCase(kind, 'missing', 'GetQueueUrl', { QueueName: `${prefix}never-created` }),
        makeCase(kind, 'list', 'ListQueues', { QueueNamePrefix: prefix, MaxResults: 1000, FetchAllPages: true }),
        makeCase(kind, 'attrs', 'GetQueueAttributes', { QueueUrl: q('attrs'), AttributeNames: 'All' }),
        makeCase(kind, 'attrsnamed', 'GetQueueAttributes', { QueueUrl: q('attrs'), AttributeNames: 'VisibilityTimeout,QueueArn' }),
        makeCase(kind, 'send', 'SendMessage', {
          QueueUrl: q('send'),
          MessageBody: SENT_BODY,
          MessageAttribute_SendMessageRequest: Object.entries(ATTRIBUTES).map(([Name, v]) => ({ Name, ...v })),
        }),
        makeCase(kind, 'batch', 'SendMessageBatch', {
          QueueUrl: q('batch'),
          SendMessageBatchEntry_SendMessageBatchRequest: [
            { EntryId: 'one', MessageBody: 'Order 4712 shipped' },
            { EntryId: 'two', MessageBody: 'Order 4713 shipped', DelaySeconds: 0 },
            { EntryId: 'late', MessageBody: 'too late', DelaySeconds: 1800 },
          ],
        }),
        makeCase(kind, 'toomany', 'SendMessageBatch', {
          QueueUrl: q('batch'),
          SendMessageBatchEntry_SendMessageBatchRequest: Array.from({ length: 11 }, (_, i) => ({ EntryId: `m${i}`, MessageBody: `message ${i}` })),
        }),
        fifo('fifoplaced', 'placed', 'd-placed'),
        fifo('fifopaid', 'paid', 'd-paid'),
        fifo('fiforepeated', 'placed again', 'd-placed'),
        fifo('fifoshipped', 'shipped', 'd-shipped'),
        makeCase(kind, 'fifonogroup', 'SendMessage', { QueueUrl: q('orders.fifo'), MessageBody: 'no group', MessageDeduplicationId: 'd-x' }),
      ],
      run,
    );
    // Phase 2: receive what the first phase and the seeding sent.
    await runPhase(
      kind,
      build,
      [
        makeCase(kind, 'receive', 'ReceiveMessage', { QueueUrl: q('work'), MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 30 }),
        makeCase(kind, 'receivefifo', 'ReceiveMessage', { QueueUrl: q('orders.fifo'), MaxNumberOfMessages: 10 }),
        makeCase(kind, 'receivevisibility', 'ReceiveMessage', { QueueUrl: q('visibility'), VisibilityTimeout: 300 }),
      ],
      run,
    );
    // Phase 3: long polls of an empty queue in a JVM of their own, timed as a whole.
    run.pollMs = await runPhase(
      kind,
      build,
      [
        ...Array.from({ length: POLLS }, (_, i) => makeCase(kind, `poll${i}`, 'ReceiveMessage', { QueueUrl: q('poll'), WaitTimeSeconds: 1 })),
        makeCase(kind, 'polltimeout', 'ReceiveMessage', { QueueUrl: q('poll'), WaitTimeSeconds: 5, ApiCallTimeoutSeconds: 1 }),
      ],
      run,
    );
    // Phase 4: with the receipt handles of phase 2; then the queues go.
    const handle = (id: string, n: number) => {
      const messages = run.outputs.get(id)?.result;
      const list = messages !== null && typeof messages === 'object' && !Array.isArray(messages) ? messages['Message_ReceiveMessageResponse'] : undefined;
      const message = Array.isArray(list) ? list[n] : undefined;
      return message !== null && typeof message === 'object' && !Array.isArray(message) ? (message['ReceiptHandle'] ?? null) : null;
    };
    await runPhase(
      kind,
      build,
      [
        makeCase(kind, 'delete', 'DeleteMessage', { QueueUrl: q('work'), ReceiptHandle: handle('receive', 0) }),
        makeCase(kind, 'deletebatch', 'DeleteMessageBatch', {
          QueueUrl: q('work'),
          DeleteMessageBatchEntry_DeleteMessageBatchRequest: [
            { EntryId: 'second', ReceiptHandle: handle('receive', 1) },
            { EntryId: 'third', ReceiptHandle: handle('receive', 2) },
            { EntryId: 'bad', ReceiptHandle: 'not-a-receipt-handle' },
          ],
        }),
        makeCase(kind, 'giveback', 'ChangeMessageVisibility', {
          QueueUrl: q('visibility'),
          ReceiptHandle: handle('receivevisibility', 0),
          VisibilityTimeout: 0,
        }),
        makeCase(kind, 'purge', 'PurgeQueue', { QueueUrl: q('purge') }),
        makeCase(kind, 'deletequeue', 'DeleteQueue', { QueueUrl: q('doomed') }),
        makeCase(kind, 'afterdelete', 'GetQueueUrl', { QueueName: `${prefix}doomed` }),
      ],
      run,
    );
    return run;
  }

  beforeAll(async () => {
    // moto starts while javac compiles (its start-up is mostly waiting).
    const starting = startMoto();
    starting.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    let t = Date.now();
    const builds = new Map<ClasspathKind, JavaBuild>();
    for (const kind of CLASSPATH_KINDS)
      builds.set(kind, await buildJava(join(work, `build-${kind}`), entry.spec, moduleSources(entry.spec, entry.index, entry.api), { kind, harness: true }));
    phases.push(`javac ${Date.now() - t} ms`);
    moto = await starting;
    for (const [kind, build] of builds) if (!build.ok) throw new Error(`javac failed on the ${kind} classpath:\n${build.output}`);
    proxy = await startRecordingProxy(moto.endpoint);
    for (const kind of CLASSPATH_KINDS)
      admins.set(
        kind,
        new SQSClient({ region: REGIONS[kind].code, endpoint: moto.endpoint, credentials: { accessKeyId: 'AKIASQSADMIN', secretAccessKey: 'admin' } }),
      );
    t = Date.now();
    const done = await Promise.all(CLASSPATH_KINDS.map(async (kind) => [kind, await runKind(kind, builds.get(kind) as JavaBuild)] as const));
    for (const [kind, run] of done) runs.set(kind, run);
    phases.push(`JVM runs ${Date.now() - t} ms`);
  }, 300_000);

  afterAll(async () => {
    for (const client of admins.values()) client.destroy();
    await proxy?.stop();
    await moto?.stop();
    console.info(`[java-sqs-endpoint] ${Date.now() - started} ms in all: ${phases.join(', ')}`);
  }, 20_000);

  const { kindRun, output, result } = caseRunReader(runs);
  /** The requests of a case at the proxy, with their JSON bodies. */
  function sent(kind: ClasspathKind, id: string): Array<RecordedExchange & { json: Record<string, unknown> }> {
    const c = kindRun(kind).cases.get(id);
    if (!proxy || !c) throw new Error(`no case ${id} or no proxy`);
    return proxy.signedWith(c.accessKeyId).map((e) => ({ ...e, json: JSON.parse(e.body?.toString('utf8') ?? '{}') as Record<string, unknown> }));
  }
  const queue = (kind: ClasspathKind, name: string) => kindRun(kind).queues[name] ?? '';
  async function adminAttributes(kind: ClasspathKind, url: string): Promise<Record<string, string>> {
    return (await admin(kind).send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }))).Attributes ?? {};
  }
  async function adminReceive(kind: ClasspathKind, url: string) {
    return (await admin(kind).send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] }))).Messages ?? [];
  }

  for (const kind of CLASSPATH_KINDS) {
    const { code: region, prefix } = REGIONS[kind];
    describe(`on the ${kind === 'module' ? "module's own" : 'Mendix app (with AWS Authentication)'} classpath`, () => {
      it('CreateQueue sends the attributes and tags as maps and creates the queue; a FIFO queue too', async () => {
        const out = result(kind, 'create');
        const [request] = sent(kind, 'create');
        expect(request?.headers['x-amz-target']).toBe('AmazonSQS.CreateQueue');
        expect(request?.json).toEqual({
          QueueName: `${prefix}created`,
          Attributes: { VisibilityTimeout: '45', MessageRetentionPeriod: '86400' },
          tags: { team: 'payments' },
        });
        const url = (await admin(kind).send(new GetQueueUrlCommand({ QueueName: `${prefix}created` }))).QueueUrl;
        expect(out['QueueUrl']).toBe(url);
        expect(await adminAttributes(kind, String(url))).toMatchObject({
          VisibilityTimeout: '45',
          MessageRetentionPeriod: '86400',
          QueueArn: `arn:aws:sqs:${region}:${MOTO_ACCOUNT}:${prefix}created`,
        });
        expect((await admin(kind).send(new ListQueueTagsCommand({ QueueUrl: url }))).Tags).toEqual({ team: 'payments' });

        const fifo = String(result(kind, 'createfifo')['QueueUrl']);
        expect(fifo.endsWith(`/${prefix}created.fifo`)).toBe(true);
        expect(await adminAttributes(kind, fifo)).toMatchObject({ FifoQueue: 'true', ContentBasedDeduplication: 'true' });
      });

      it('signs with the static keys in the chosen region, for the sqs service', () => {
        const [request] = sent(kind, 'geturl');
        expect(request?.headers['authorization']).toMatch(
          new RegExp(`^AWS4-HMAC-SHA256 Credential=${keyOf(kind, 'geturl')}/\\d{8}/${region}/sqs/aws4_request, `),
        );
        expect(request?.headers['x-amz-security-token']).toBeUndefined();
      });

      it('GetQueueUrl finds a queue; ListQueues with FetchAllPages lists every queue of the prefix', async () => {
        expect(result(kind, 'geturl')).toEqual({ QueueUrl: queue(kind, 'work') });
        const listed = String(result(kind, 'list')['QueueUrls']).split(',').sort();
        const expected = (await admin(kind).send(new ListQueuesCommand({ QueueNamePrefix: prefix }))).QueueUrls ?? [];
        // Every queue of this classpath's prefix that existed when ListQueues ran: those seeded and the
        // two CreateQueue made before it (DeleteQueue came later, so the doomed queue is listed too).
        expect(listed).toEqual([...expected, queue(kind, 'doomed')].filter((u, i, all) => all.indexOf(u) === i).sort());
        expect(listed).toContain(queue(kind, 'orders.fifo'));
        // One request: moto 5.2 answers every queue in one page without a NextToken; AWS would page by
        // MaxResults and the action would follow NextToken (proven in java-conformance.test.ts).
        expect(sent(kind, 'list').map((r) => r.json)).toEqual([{ QueueNamePrefix: prefix, MaxResults: 1000 }]);
      });

      it('GetQueueAttributes returns the attributes as QueueAttribute objects, sorted by name; named ones split from the text', () => {
        const all = listOf(result(kind, 'attrs')['QueueAttribute_GetQueueAttributesResponse']);
        const names = all.map((a) => String(a['Name']));
        expect(names).toEqual([...names].sort());
        const values = Object.fromEntries(all.map((a) => [a['Name'], a['Value']]));
        expect(values).toMatchObject({ VisibilityTimeout: '45', DelaySeconds: '5', QueueArn: `arn:aws:sqs:${region}:${MOTO_ACCOUNT}:${prefix}attrs` });
        expect(sent(kind, 'attrs').map((r) => r.json)).toEqual([{ QueueUrl: queue(kind, 'attrs'), AttributeNames: ['All'] }]);
        expect(result(kind, 'attrsnamed')['QueueAttribute_GetQueueAttributesResponse']).toEqual([
          { Name: 'QueueArn', Value: `arn:aws:sqs:${region}:${MOTO_ACCOUNT}:${prefix}attrs` },
          { Name: 'VisibilityTimeout', Value: '45' },
        ]);
        expect(sent(kind, 'attrsnamed').map((r) => r.json)).toEqual([{ QueueUrl: queue(kind, 'attrs'), AttributeNames: ['VisibilityTimeout', 'QueueArn'] }]);
      });

      it('SendMessage sends the body and the message attributes; the digests are those of what was sent', async () => {
        const out = result(kind, 'send');
        expect(sent(kind, 'send').map((r) => r.json)).toEqual([{ QueueUrl: queue(kind, 'send'), MessageBody: SENT_BODY, MessageAttributes: ATTRIBUTES }]);
        expect(out['MD5OfMessageBody']).toBe(md5(SENT_BODY));
        expect(out['MD5OfMessageAttributes']).toBe(messageAttributesMd5(ATTRIBUTES));
        const [message, ...more] = await adminReceive(kind, queue(kind, 'send'));
        expect(more).toEqual([]);
        expect(message?.MessageId).toBe(out['MessageId']);
        expect(message?.Body).toBe(SENT_BODY);
        expect(message?.MessageAttributes).toEqual(ATTRIBUTES);
      });

      it('SendMessageBatch sends the entries, reports the refused one beside those sent, and fails for eleven', async () => {
        const out = result(kind, 'batch');
        expect(sent(kind, 'batch')[0]?.json).toEqual({
          QueueUrl: queue(kind, 'batch'),
          Entries: [
            { Id: 'one', MessageBody: 'Order 4712 shipped' },
            { Id: 'two', MessageBody: 'Order 4713 shipped', DelaySeconds: 0 },
            { Id: 'late', MessageBody: 'too late', DelaySeconds: 1800 },
          ],
        });
        const successful = listOf(out['SendMessageBatchResult_SendMessageBatchResponse']);
        expect(successful.map((r) => [r['EntryId'], r['MD5OfMessageBody']])).toEqual([
          ['one', md5('Order 4712 shipped')],
          ['two', md5('Order 4713 shipped')],
        ]);
        const failed = listOf(out['BatchResultError_SendMessageBatchResponse']);
        expect(failed.map((f) => [f['EntryId'], f['SenderFault'], f['Code']])).toEqual([['late', true, 'InvalidParameterValue']]);
        expect(String(failed[0]?.['Message'])).toContain('DelaySeconds must be');
        const delivered = await adminReceive(kind, queue(kind, 'batch'));
        expect(delivered.map((m) => m.MessageId).sort()).toEqual(successful.map((r) => String(r['MessageId'])).sort());

        const tooMany = output(kind, 'toomany');
        const [answer] = sent(kind, 'toomany');
        expect(answer?.status).toBe(400);
        expect(tooMany.result).toBeNull();
        expect(tooMany.error).toMatch(
          new RegExp(
            `^SendMessageBatch failed: AWS\\.SimpleQueueService\\.TooManyEntriesInBatchRequest \\(HTTP 400, request ID ${answer?.responseHeaders['x-amzn-requestid'] ?? ''}\\): `,
          ),
        );
      });

      it('a FIFO queue: the group is required, a repeated deduplication ID is not delivered again, a group comes in order', () => {
        for (const id of ['fifoplaced', 'fifopaid', 'fiforepeated', 'fifoshipped']) expect(String(result(kind, id)['SequenceNumber'])).toMatch(/^\d{10,40}$/);
        // (AWS's sequence numbers grow within a group; moto 5.2 draws them at random, so their order is not checked.)
        const noGroup = output(kind, 'fifonogroup');
        expect(noGroup.result).toBeNull();
        expect(noGroup.error).toMatch(
          /^SendMessage failed: MissingParameter \(HTTP 400, request ID \w+\): The request must contain the parameter MessageGroupId\.$/,
        );
        const received = listOf(result(kind, 'receivefifo')['Message_ReceiveMessageResponse']);
        expect(received.map((m) => m['Body'])).toEqual(['placed', 'paid', 'shipped']);
        expect(received[0]?.['MessageId']).toBe(result(kind, 'fifoplaced')['MessageId']);
      });

      it('ReceiveMessage returns the messages with digests and receipt handles; DeleteMessage and DeleteMessageBatch delete them', async () => {
        const received = listOf(result(kind, 'receive')['Message_ReceiveMessageResponse']);
        expect(sent(kind, 'receive').map((r) => r.json)).toEqual([
          { QueueUrl: queue(kind, 'work'), MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 30 },
        ]);
        expect(received.map((m) => m['Body']).sort()).toEqual([...WORK_BODIES].sort());
        for (const m of received) expect(m['MD5OfBody']).toBe(md5(String(m['Body'])));

        expect(output(kind, 'delete')).toMatchObject({ error: null, result: true });
        const batch = result(kind, 'deletebatch');
        expect(batch['DeleteMessageBatchResult_DeleteMessageBatchResponse']).toEqual([{ EntryId: 'second' }, { EntryId: 'third' }]);
        expect(batch['BatchResultError_DeleteMessageBatchResponse']).toEqual([
          {
            EntryId: 'bad',
            SenderFault: true,
            Code: 'ReceiptHandleIsInvalid',
            Message: 'The input receipt handle "not-a-receipt-handle" is not a valid receipt handle.',
          },
        ]);
        expect(await adminAttributes(kind, queue(kind, 'work'))).toMatchObject({
          ApproximateNumberOfMessages: '0',
          ApproximateNumberOfMessagesNotVisible: '0',
        });
      });

      it(`long polling is bounded: ${POLLS} polls of an empty queue with WaitTimeSeconds 1 each wait a second, and ApiCallTimeoutSeconds 1 ends a wait of 5`, () => {
        for (let i = 0; i < POLLS; i++) expect(result(kind, `poll${i}`)['Message_ReceiveMessageResponse']).toEqual([]);
        const timeout = output(kind, 'polltimeout');
        expect(timeout.result).toBeNull();
        // The SDK's own message, where the runtime says "ReceiveMessage failed: ApiCallTimeout: the call did
        // not finish within 1 second (ApiCallTimeoutSeconds)." (test/integration/sqs-moto.test.ts).
        expect(timeout.error).toBe('ReceiveMessage failed: Client execution did not complete before the specified timeout configuration: 1000 millis');
        const { pollMs } = kindRun(kind);
        // The JVM ran the polls one after another: at least their waits, and the waits plus start-up at most.
        expect(pollMs).toBeGreaterThanOrEqual((POLLS + 1) * 1000);
        expect(pollMs).toBeLessThan((POLLS + 1) * 1000 + JVM_ALLOWANCE_MS);
        expect(sent(kind, 'polltimeout').map((r) => r.json['WaitTimeSeconds'])).toEqual([5]);
      });

      it('ChangeMessageVisibility 0 gives a hidden message back at once', async () => {
        const [hidden] = listOf(result(kind, 'receivevisibility')['Message_ReceiveMessageResponse']);
        expect(hidden?.['Body']).toBe('retry me');
        expect(output(kind, 'giveback')).toMatchObject({ error: null, result: true });
        expect((await adminReceive(kind, queue(kind, 'visibility'))).map((m) => m.MessageId)).toEqual([hidden?.['MessageId']]);
      });

      it('PurgeQueue empties a queue; DeleteQueue deletes one, after which GetQueueUrl fails', async () => {
        expect(output(kind, 'purge')).toMatchObject({ error: null, result: true });
        // AWS takes up to 60 seconds to purge; moto empties the queue at once.
        expect(await adminAttributes(kind, queue(kind, 'purge'))).toMatchObject({ ApproximateNumberOfMessages: '0' });
        expect(output(kind, 'deletequeue')).toMatchObject({ error: null, result: true });
        expect((await admin(kind).send(new ListQueuesCommand({ QueueNamePrefix: `${prefix}doomed` }))).QueueUrls ?? []).toEqual([]);
        const after = output(kind, 'afterdelete');
        expect(after.result).toBeNull();
        expect(after.error).toMatch(/^GetQueueUrl failed: AWS\.SimpleQueueService\.NonExistentQueue \(HTTP 400, request ID \w+\): /);
      });

      it('fails with the error code, HTTP status and request ID of the answer for a queue that does not exist', () => {
        const out = output(kind, 'missing');
        const [answer] = sent(kind, 'missing');
        expect(answer?.status).toBe(400);
        const requestId = answer?.responseHeaders['x-amzn-requestid'] ?? '';
        expect(requestId).toMatch(/^\w{20,}$/);
        // Amazon SQS (and moto) name the error twice: its JSON type (com.amazonaws.sqs#QueueDoesNotExist)
        // and the older awsQuery code in x-amzn-query-error. The AWS SDK for Java reports the awsQuery
        // code, so the action does (and the runtime and the conformance cases too).
        expect(answer?.responseHeaders['x-amzn-errortype']).toBe('com.amazonaws.sqs#QueueDoesNotExist');
        expect(answer?.responseHeaders['x-amzn-query-error']).toBe('AWS.SimpleQueueService.NonExistentQueue;Sender');
        expect(out.result).toBeNull();
        expect(out.error).toBe(
          `GetQueueUrl failed: AWS.SimpleQueueService.NonExistentQueue (HTTP 400, request ID ${requestId}): The specified queue does not exist.`,
        );
        expect(out.error).not.toContain(SECRET);
      });
    });
  }
});
