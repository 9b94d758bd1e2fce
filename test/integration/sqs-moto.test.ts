/**
 * The bundled Amazon SQS connector (spec/aws-sqs.connector.yaml) through the TypeScript runtime
 * against moto_server: queues created, listed, read, purged and deleted; messages sent one by one and
 * in batches, with message attributes and on FIFO queues, received with long polling, hidden and
 * given back, and deleted one by one and in batches.
 *
 * Every activity call goes through a recording proxy (test/java/endpoints/recording-proxy.ts), so the
 * test sees what went over the wire; results are checked against what an independent client (the AWS
 * SDK for JavaScript, straight to moto) finds, and MD5 digests against digests computed here. Where
 * moto answers differently from Amazon SQS, the assertion states what moto does and a comment says
 * what AWS would do.
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
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../generator/paths.js';
import { clearClientCache, ConnectorError, executeOperation, loadRuntimeSpec, type EntityObject } from '../../runtime/index.js';
import { startRecordingProxy, type RecordedExchange, type RecordingProxy } from '../java/endpoints/recording-proxy.js';
import { motoMissing, shouldSkip, startMoto, type ManagedProcess } from './harness.js';
import { md5, messageAttributesMd5 } from '../support/sqs-digests.js';

const SPEC_FILE = join(PACKAGE_ROOT, 'spec', 'aws-sqs.connector.yaml');
const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';
const SECRET = 'sqs-runtime-test-secret';

function list(value: unknown): EntityObject[] {
  expect(Array.isArray(value), `a list of objects: ${JSON.stringify(value)}`).toBe(true);
  return value as EntityObject[];
}

describe.skipIf(shouldSkip('the SQS connector against moto_server', motoMissing()))('the SQS connector (TypeScript runtime) against moto_server', () => {
  const runtime = loadRuntimeSpec(SPEC_FILE);
  let moto: ManagedProcess | undefined;
  let proxy: RecordingProxy | undefined;
  let admin: SQSClient;

  beforeAll(async () => {
    moto = await startMoto();
    proxy = await startRecordingProxy(moto.endpoint);
    admin = new SQSClient({ region: REGION, endpoint: moto.endpoint, credentials: { accessKeyId: 'AKIASQSADMIN', secretAccessKey: 'admin' } });
  }, 60_000);

  afterAll(async () => {
    admin?.destroy();
    clearClientCache();
    await proxy?.stop();
    await moto?.stop();
  });

  /** Runs an activity, signed with the key of the calling test (so its requests can be told apart at the proxy). */
  async function call(key: string, operation: string, request: Record<string, unknown>): Promise<EntityObject | boolean> {
    return executeOperation(runtime, operation, { Provider: 'StaticKeys', AccessKeyId: key, SecretAccessKey: SECRET }, 'eu_west_1', {
      EndpointOverride: proxy?.endpoint ?? 'http://127.0.0.1:1',
      MaxAttempts: 1,
      ...request,
    });
  }
  async function object(key: string, operation: string, request: Record<string, unknown>): Promise<EntityObject> {
    const result = await call(key, operation, request);
    expect(typeof result).toBe('object');
    return result as EntityObject;
  }
  async function failure(key: string, operation: string, request: Record<string, unknown>): Promise<ConnectorError> {
    try {
      await call(key, operation, request);
    } catch (error) {
      expect(error).toBeInstanceOf(ConnectorError);
      return error as ConnectorError;
    }
    throw new Error(`${operation} succeeded where it should have failed`);
  }
  /** The requests of one action the proxy saw signed with `key`, with their JSON bodies. */
  function sent(key: string, action: string): Array<RecordedExchange & { json: Record<string, unknown> }> {
    return (proxy?.signedWith(key) ?? [])
      .filter((e) => e.headers['x-amz-target'] === `AmazonSQS.${action}`)
      .map((e) => ({ ...e, json: JSON.parse(e.body?.toString('utf8') ?? '{}') as Record<string, unknown> }));
  }
  async function adminQueue(name: string, attributes: Record<string, string> = {}): Promise<string> {
    const { QueueUrl } = await admin.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
    if (!QueueUrl) throw new Error(`moto created no queue ${name}`);
    return QueueUrl;
  }
  async function adminAttributes(url: string): Promise<Record<string, string>> {
    return (await admin.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }))).Attributes ?? {};
  }
  async function adminReceive(url: string) {
    return (await admin.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] }))).Messages ?? [];
  }

  it('CreateQueue creates a queue with its attributes and tags; GetQueueUrl, ListQueues and GetQueueAttributes find it', async () => {
    const key = 'AKIASQSCREATE';
    const created = await object(key, 'CreateQueue', {
      QueueName: 'rt-invoices',
      QueueAttribute_CreateQueueRequest: [
        { Name: 'VisibilityTimeout', Value: '45' },
        { Name: 'MessageRetentionPeriod', Value: '86400' },
      ],
      Tag_CreateQueueRequest: [{ Key: 'team', Value: 'payments' }],
    });
    // The wire: the associated objects became the Attributes and tags maps.
    expect(sent(key, 'CreateQueue').map((e) => e.json)).toEqual([
      { QueueName: 'rt-invoices', Attributes: { VisibilityTimeout: '45', MessageRetentionPeriod: '86400' }, tags: { team: 'payments' } },
    ]);
    // What moto holds, asked by the independent client.
    const url = (await admin.send(new GetQueueUrlCommand({ QueueName: 'rt-invoices' }))).QueueUrl;
    expect(created['QueueUrl']).toBe(url);
    expect(await adminAttributes(String(url))).toMatchObject({ VisibilityTimeout: '45', MessageRetentionPeriod: '86400' });
    expect((await admin.send(new ListQueueTagsCommand({ QueueUrl: url }))).Tags).toEqual({ team: 'payments' });

    expect(await object(key, 'GetQueueUrl', { QueueName: 'rt-invoices' })).toEqual({ QueueUrl: url });

    await adminQueue('rt-invoices-dlq');
    const listed = await object(key, 'ListQueues', { QueueNamePrefix: 'rt-invoices', MaxResults: 1000, FetchAllPages: true });
    const expectedUrls = (await admin.send(new ListQueuesCommand({ QueueNamePrefix: 'rt-invoices' }))).QueueUrls ?? [];
    expect(expectedUrls).toHaveLength(2);
    expect(String(listed['QueueUrls']).split(',').sort()).toEqual([...expectedUrls].sort());
    expect(listed['NextToken']).toBeNull();
    // One request: moto 5.2 answers every queue in one page without a NextToken whatever MaxResults
    // says; AWS would page by MaxResults and the activity would follow NextToken (proven with
    // multi-page answers in the conformance cases).
    expect(sent(key, 'ListQueues').map((e) => e.json)).toEqual([{ QueueNamePrefix: 'rt-invoices', MaxResults: 1000 }]);

    const attributes = await object(key, 'GetQueueAttributes', { QueueUrl: url, AttributeNames: 'VisibilityTimeout,QueueArn' });
    expect(sent(key, 'GetQueueAttributes').map((e) => e.json)).toEqual([{ QueueUrl: url, AttributeNames: ['VisibilityTimeout', 'QueueArn'] }]);
    expect(attributes['QueueAttribute_GetQueueAttributesResponse']).toEqual([
      { Name: 'QueueArn', Value: `arn:aws:sqs:${REGION}:${ACCOUNT}:rt-invoices` },
      { Name: 'VisibilityTimeout', Value: '45' },
    ]);
  }, 30_000);

  it('SendMessage sends the body and the message attributes as given, and returns the MD5 digests of what was sent', async () => {
    const key = 'AKIASQSSEND';
    const url = await adminQueue('rt-send');
    const body = '{"event":"OrderPlaced","text":"héllo wörld ✓"}';
    const attributes = { eventType: { DataType: 'String', StringValue: 'OrderPlaced' }, priority: { DataType: 'Number', StringValue: '2' } };
    const result = await object(key, 'SendMessage', {
      QueueUrl: url,
      MessageBody: body,
      MessageAttribute_SendMessageRequest: Object.entries(attributes).map(([Name, v]) => ({ Name, ...v })),
    });
    expect(result['MD5OfMessageBody']).toBe(md5(body));
    expect(result['MD5OfMessageAttributes']).toBe(messageAttributesMd5(attributes));
    expect(result['SequenceNumber']).toBeNull();
    expect(sent(key, 'SendMessage').map((e) => e.json)).toEqual([{ QueueUrl: url, MessageBody: body, MessageAttributes: attributes }]);
    const [message, ...more] = await adminReceive(url);
    expect(more).toEqual([]);
    expect(message?.MessageId).toBe(result['MessageId']);
    expect(message?.Body).toBe(body);
    expect(message?.MessageAttributes).toEqual(attributes);
  }, 30_000);

  it('ReceiveMessage returns the messages with their receipt handles; DeleteMessage and DeleteMessageBatch delete them, reporting a bad handle per entry', async () => {
    const key = 'AKIASQSWORK';
    const url = await adminQueue('rt-work');
    const bodies = ['first', 'second', 'third ✓'];
    for (const MessageBody of bodies) await admin.send(new SendMessageCommand({ QueueUrl: url, MessageBody }));

    const received = list(
      (await object(key, 'ReceiveMessage', { QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 30 }))[
        'Message_ReceiveMessageResponse'
      ],
    );
    expect(sent(key, 'ReceiveMessage').map((e) => e.json)).toEqual([{ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 30 }]);
    expect(received.map((m) => m['Body']).sort()).toEqual([...bodies].sort());
    for (const m of received) {
      expect(m['MD5OfBody']).toBe(md5(String(m['Body'])));
      expect(String(m['ReceiptHandle']).length).toBeGreaterThan(20);
    }
    // Hidden for the visibility timeout: the independent client finds nothing to receive.
    expect(await adminReceive(url)).toEqual([]);

    const [first, second, third] = received as [EntityObject, EntityObject, EntityObject];
    expect(await call(key, 'DeleteMessage', { QueueUrl: url, ReceiptHandle: first['ReceiptHandle'] })).toBe(true);
    const batch = await object(key, 'DeleteMessageBatch', {
      QueueUrl: url,
      DeleteMessageBatchEntry_DeleteMessageBatchRequest: [
        { EntryId: 'second', ReceiptHandle: second['ReceiptHandle'] },
        { EntryId: 'third', ReceiptHandle: third['ReceiptHandle'] },
        { EntryId: 'bad', ReceiptHandle: 'not-a-receipt-handle' },
      ],
    });
    expect(sent(key, 'DeleteMessageBatch').map((e) => e.json)).toEqual([
      {
        QueueUrl: url,
        Entries: [
          { Id: 'second', ReceiptHandle: second['ReceiptHandle'] },
          { Id: 'third', ReceiptHandle: third['ReceiptHandle'] },
          { Id: 'bad', ReceiptHandle: 'not-a-receipt-handle' },
        ],
      },
    ]);
    expect(batch['DeleteMessageBatchResult_DeleteMessageBatchResponse']).toEqual([{ EntryId: 'second' }, { EntryId: 'third' }]);
    expect(batch['BatchResultError_DeleteMessageBatchResponse']).toEqual([
      {
        EntryId: 'bad',
        SenderFault: true,
        Code: 'ReceiptHandleIsInvalid',
        Message: 'The input receipt handle "not-a-receipt-handle" is not a valid receipt handle.',
      },
    ]);
    // All three are gone, not merely hidden.
    expect(await adminAttributes(url)).toMatchObject({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
  }, 30_000);

  it('SendMessageBatch sends up to ten messages, reports a refused entry beside those sent, and fails for eleven', async () => {
    const key = 'AKIASQSBATCH';
    const url = await adminQueue('rt-batch');
    const result = await object(key, 'SendMessageBatch', {
      QueueUrl: url,
      SendMessageBatchEntry_SendMessageBatchRequest: [
        { EntryId: 'one', MessageBody: 'Order 4712 shipped' },
        { EntryId: 'two', MessageBody: 'Order 4713 shipped', DelaySeconds: 0 },
        { EntryId: 'late', MessageBody: 'too late', DelaySeconds: 1800 },
      ],
    });
    expect(sent(key, 'SendMessageBatch')[0]?.json).toEqual({
      QueueUrl: url,
      Entries: [
        { Id: 'one', MessageBody: 'Order 4712 shipped' },
        { Id: 'two', MessageBody: 'Order 4713 shipped', DelaySeconds: 0 },
        { Id: 'late', MessageBody: 'too late', DelaySeconds: 1800 },
      ],
    });
    const successful = list(result['SendMessageBatchResult_SendMessageBatchResponse']);
    expect(successful.map((r) => [r['EntryId'], r['MD5OfMessageBody']])).toEqual([
      ['one', md5('Order 4712 shipped')],
      ['two', md5('Order 4713 shipped')],
    ]);
    // DelaySeconds above 900 fails that entry alone (moto and AWS alike).
    expect(list(result['BatchResultError_SendMessageBatchResponse'])).toEqual([
      { EntryId: 'late', SenderFault: true, Code: 'InvalidParameterValue', Message: expect.stringContaining('DelaySeconds must be &gt;= 0 and &lt;= 900') },
    ]);
    const delivered = await adminReceive(url);
    expect(delivered.map((m) => m.MessageId).sort()).toEqual(successful.map((r) => r['MessageId']).sort());
    expect(delivered.map((m) => m.Body).sort()).toEqual(['Order 4712 shipped', 'Order 4713 shipped']);

    const eleven = Array.from({ length: 11 }, (_, i) => ({ EntryId: `m${i}`, MessageBody: `message ${i}` }));
    const error = await failure(key, 'SendMessageBatch', { QueueUrl: url, SendMessageBatchEntry_SendMessageBatchRequest: eleven });
    expect({ kind: error.kind, code: error.code, status: error.status }).toEqual({
      kind: 'aws',
      code: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
      status: 400,
    });
    expect(error.message).toMatch(/^SendMessageBatch failed: AWS\.SimpleQueueService\.TooManyEntriesInBatchRequest \(HTTP 400, request ID \w+\): /);
  }, 30_000);

  it('a FIFO queue: the group is required, a repeated deduplication ID is accepted but not delivered again, a group comes in order', async () => {
    const key = 'AKIASQSFIFO';
    const created = await object(key, 'CreateQueue', {
      QueueName: 'rt-orders.fifo',
      QueueAttribute_CreateQueueRequest: [{ Name: 'FifoQueue', Value: 'true' }],
    });
    const url = String(created['QueueUrl']);
    expect(url.endsWith('/rt-orders.fifo')).toBe(true);
    expect(await adminAttributes(url)).toMatchObject({ FifoQueue: 'true', ContentBasedDeduplication: 'false' });

    const send = (body: string, dedup: string) =>
      object(key, 'SendMessage', { QueueUrl: url, MessageBody: body, MessageGroupId: 'order-4711', MessageDeduplicationId: dedup });
    const placed = await send('placed', 'd-placed');
    const paid = await send('paid', 'd-paid');
    const repeated = await send('placed again', 'd-placed');
    const shipped = await send('shipped', 'd-shipped');
    for (const r of [placed, paid, repeated, shipped]) expect(String(r['SequenceNumber'])).toMatch(/^\d{10,40}$/);
    // (AWS's sequence numbers grow within a group; moto 5.2 draws them at random, so their order is not checked.)

    const missing = await failure(key, 'SendMessage', { QueueUrl: url, MessageBody: 'no group', MessageDeduplicationId: 'd-x' });
    expect({ code: missing.code, status: missing.status }).toEqual({ code: 'MissingParameter', status: 400 });
    expect(missing.message).toContain('The request must contain the parameter MessageGroupId.');

    const batch = await object(key, 'SendMessageBatch', {
      QueueUrl: url,
      SendMessageBatchEntry_SendMessageBatchRequest: [
        { EntryId: 'returned', MessageBody: 'returned', MessageGroupId: 'order-4711', MessageDeduplicationId: 'd-returned' },
        { EntryId: 'refunded', MessageBody: 'refunded', MessageGroupId: 'order-4711', MessageDeduplicationId: 'd-refunded' },
      ],
    });
    const results = list(batch['SendMessageBatchResult_SendMessageBatchResponse']);
    expect(results.map((r) => r['EntryId'])).toEqual(['returned', 'refunded']);
    for (const r of results) expect(String(r['SequenceNumber'])).toMatch(/^\d{10,40}$/);

    // The repeated deduplication ID was dropped; the group comes in the order sent.
    const received = list((await object(key, 'ReceiveMessage', { QueueUrl: url, MaxNumberOfMessages: 10 }))['Message_ReceiveMessageResponse']);
    expect(received.map((m) => m['Body'])).toEqual(['placed', 'paid', 'shipped', 'returned', 'refunded']);
    expect(received[0]?.['MessageId']).toBe(placed['MessageId']);

    // Content-based deduplication: the same body twice, without deduplication IDs, is delivered once.
    const dedupUrl = String(
      (
        await object(key, 'CreateQueue', {
          QueueName: 'rt-content.fifo',
          QueueAttribute_CreateQueueRequest: [
            { Name: 'FifoQueue', Value: 'true' },
            { Name: 'ContentBasedDeduplication', Value: 'true' },
          ],
        })
      )['QueueUrl'],
    );
    for (let i = 0; i < 2; i++) await object(key, 'SendMessage', { QueueUrl: dedupUrl, MessageBody: 'same body', MessageGroupId: 'g' });
    expect((await adminReceive(dedupUrl)).map((m) => m.Body)).toEqual(['same body']);
  }, 30_000);

  it('long polling is bounded: WaitTimeSeconds 1 on an empty queue returns no message after about a second, a message ends a wait early, ApiCallTimeoutSeconds ends a longer one', async () => {
    const key = 'AKIASQSPOLL';
    const url = await adminQueue('rt-poll');
    let started = Date.now();
    const empty = await object(key, 'ReceiveMessage', { QueueUrl: url, WaitTimeSeconds: 1 });
    const waited = Date.now() - started;
    expect(empty['Message_ReceiveMessageResponse']).toEqual([]);
    expect(waited).toBeGreaterThanOrEqual(900);
    expect(waited).toBeLessThan(5_000);

    started = Date.now();
    const arriving = setTimeout(() => void admin.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'arrived' })), 500);
    const early = await object(key, 'ReceiveMessage', { QueueUrl: url, WaitTimeSeconds: 10 });
    clearTimeout(arriving);
    expect(list(early['Message_ReceiveMessageResponse']).map((m) => m['Body'])).toEqual(['arrived']);
    expect(Date.now() - started).toBeLessThan(5_000);

    started = Date.now();
    const timeout = await failure(key, 'ReceiveMessage', { QueueUrl: url, WaitTimeSeconds: 5, ApiCallTimeoutSeconds: 1 });
    expect({ kind: timeout.kind, code: timeout.code }).toEqual({ kind: 'aws', code: 'ApiCallTimeout' });
    expect(timeout.message).toBe('ReceiveMessage failed: ApiCallTimeout: the call did not finish within 1 second (ApiCallTimeoutSeconds).');
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(sent(key, 'ReceiveMessage').map((e) => e.json['WaitTimeSeconds'])).toEqual([1, 10, 5]);
  }, 30_000);

  it('ChangeMessageVisibility 0 gives a message back at once; PurgeQueue empties a queue; DeleteQueue deletes it', async () => {
    const key = 'AKIASQSADMINOPS';
    const url = await adminQueue('rt-visibility');
    await admin.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'retry me' }));
    const [message] = list((await object(key, 'ReceiveMessage', { QueueUrl: url, VisibilityTimeout: 300 }))['Message_ReceiveMessageResponse']);
    expect(message?.['Body']).toBe('retry me');
    expect(await adminReceive(url)).toEqual([]);
    expect(await call(key, 'ChangeMessageVisibility', { QueueUrl: url, ReceiptHandle: message?.['ReceiptHandle'], VisibilityTimeout: 0 })).toBe(true);
    expect((await adminReceive(url)).map((m) => m.MessageId)).toEqual([message?.['MessageId']]);

    const purged = await adminQueue('rt-purge');
    for (const MessageBody of ['a', 'b']) await admin.send(new SendMessageCommand({ QueueUrl: purged, MessageBody }));
    expect(await call(key, 'PurgeQueue', { QueueUrl: purged })).toBe(true);
    // AWS takes up to 60 seconds to purge; moto empties the queue at once.
    expect(await adminAttributes(purged)).toMatchObject({ ApproximateNumberOfMessages: '0' });

    expect(await call(key, 'DeleteQueue', { QueueUrl: purged })).toBe(true);
    expect((await admin.send(new ListQueuesCommand({ QueueNamePrefix: 'rt-purge' }))).QueueUrls ?? []).toEqual([]);
  }, 30_000);

  it('fails with the AWS error code, HTTP status and request ID of the answer; AWS.SimpleQueueService.NonExistentQueue for a queue that is not there', async () => {
    const key = 'AKIASQSERRORS';
    const error = await failure(key, 'GetQueueUrl', { QueueName: 'rt-never-created' });
    const [answer] = sent(key, 'GetQueueUrl');
    expect(answer?.status).toBe(400);
    const requestId = answer?.responseHeaders['x-amzn-requestid'];
    expect(requestId).toMatch(/^\w{20,}$/);
    // Amazon SQS (and moto) name the error twice: its JSON type, and the older awsQuery code in
    // x-amzn-query-error. The runtime reports the older code, as the Java actions (the AWS SDK for Java) do.
    expect(answer?.responseHeaders['x-amzn-errortype']).toBe('com.amazonaws.sqs#QueueDoesNotExist');
    expect(answer?.responseHeaders['x-amzn-query-error']).toBe('AWS.SimpleQueueService.NonExistentQueue;Sender');
    expect({ kind: error.kind, code: error.code, status: error.status, requestId: error.requestId, retryable: error.retryable }).toEqual({
      kind: 'aws',
      code: 'AWS.SimpleQueueService.NonExistentQueue',
      status: 400,
      requestId,
      retryable: false,
    });
    expect(error.message).toBe(
      `GetQueueUrl failed: AWS.SimpleQueueService.NonExistentQueue (HTTP 400, request ID ${requestId}): The specified queue does not exist.`,
    );
    expect(error.message).not.toContain(SECRET);

    // The call goes to EndpointOverride, not to the host the queue URL names (nothing listens on port 1).
    const queue = `http://127.0.0.1:1/${ACCOUNT}/rt-never-created`;
    const send = await failure(key, 'SendMessage', { QueueUrl: queue, MessageBody: 'lost' });
    expect({ code: send.code, status: send.status }).toEqual({ code: 'AWS.SimpleQueueService.NonExistentQueue', status: 400 });
  }, 30_000);
});
