import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as lambdaSdk from '@aws-sdk/client-lambda';
import { LambdaClient, LambdaServiceException } from '@aws-sdk/client-lambda';
import {
  CreateQueueCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  SQSServiceException,
} from '@aws-sdk/client-sqs';
import {
  CheckIfPhoneNumberIsOptedOutCommand,
  CreateTopicCommand,
  GetTopicAttributesCommand,
  InternalErrorException,
  ListOriginationNumbersCommand,
  ListTagsForResourceCommand,
  ListTopicsCommand,
  NotFoundException,
  PublishBatchCommand,
  PublishCommand,
  SetTopicAttributesCommand,
  SNSClient,
  SNSServiceException,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketAclCommand,
  GetBucketLocationCommand,
  GetBucketTaggingCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  NoSuchBucket,
  NotFound,
  PutBucketAclCommand,
  PutBucketTaggingCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { AwsQueryProtocol } from '@aws-sdk/core/protocols';
import { DescribeTableCommand, DynamoDBClient, DynamoDBServiceException, ListTablesCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { loadApiModel, parseApiModel, type ApiMember, type ApiModel, type ApiModelFile, type ApiShape } from '../../generator/aws/api-model.js';
import { extractApiModel } from '../../generator/aws/extract-api-model.js';
import { BUNDLED_SPEC_FILE } from '../../generator/paths.js';
import type { CaseAwsErrorSpec, CaseObject, CaseValue } from '../../generator/spec/types.js';
import { bundledSpec } from '../../runtime/engine/runtime-spec.js';
import { comparable, expectedInput, toSdkValue } from '../runtime/case-support.js';
import { decodeRequest, encodeError, encodeResponse, protocolOf, type Protocol, type WireRequest, type WireResponse } from './aws-wire.js';

/**
 * The wire codec against the real AWS SDK for JavaScript: the SDK serializes each request, the codec
 * reads it back and must find exactly the case's input; the codec answers, the SDK parses, and the
 * SDK's output or error must be exactly the case's. Both directions use the real protocol code of the
 * SDK, so a rule the codec gets wrong on either side fails here.
 */

// ---------------------------------------------------------------------------------------------
// A request handler for the SDK clients that records the HTTP request and answers with a WireResponse

/** The parts of the SDK's HttpRequest the handler reads. */
interface SdkHttpRequest {
  method: string;
  path: string;
  query?: Record<string, string | string[] | null | undefined>;
  headers: Record<string, string>;
  body?: unknown;
}

class WireHandler {
  readonly requests: WireRequest[] = [];

  constructor(private readonly answer: (request: WireRequest) => WireResponse) {}

  async handle(request: SdkHttpRequest): Promise<{ response: { statusCode: number; headers: Record<string, string>; body: Uint8Array } }> {
    const wire: WireRequest = {
      method: request.method,
      path: request.path,
      query: rawQuery(request.query ?? {}),
      headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v])),
      body: bodyBytes(request.body),
    };
    this.requests.push(wire);
    const response = this.answer(wire);
    return { response: { statusCode: response.status, headers: { ...response.headers }, body: response.body } };
  }

  /** The one request of a single call. */
  only(): WireRequest {
    expect(this.requests).toHaveLength(1);
    return this.requests[0] as WireRequest;
  }
}

/**
 * The query string as the SDK's Node.js HTTP handler puts it on the wire: the SDK keeps the query as
 * decoded key/value pairs and percent-encodes every character outside RFC 3986's unreserved set.
 */
function rawQuery(query: Record<string, string | string[] | null | undefined>): string {
  const encode = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (value === null) parts.push(encode(key));
    else for (const item of Array.isArray(value) ? value : [value]) parts.push(`${encode(key)}=${encode(item)}`);
  }
  return parts.join('&');
}

function bodyBytes(body: unknown): Uint8Array {
  if (body === undefined || body === null) return new Uint8Array();
  if (typeof body === 'string') return new Uint8Array(Buffer.from(body, 'utf8'));
  if (body instanceof Uint8Array) return new Uint8Array(body);
  throw new Error(`The SDK sent a body the test handler cannot read: ${Object.prototype.toString.call(body)}`);
}

const clientSettings = (handler: WireHandler) => ({
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  // One attempt: a 5xx or throttling answer must reach the test as it is, not be retried.
  maxAttempts: 1,
  requestHandler: handler,
});

type Outcome = { output: Record<string, unknown> } | { error: unknown };

async function outcomeOf(call: () => Promise<object>): Promise<Outcome> {
  try {
    return { output: (await call()) as Record<string, unknown> };
  } catch (error) {
    return { error };
  }
}

/** A command output without its $metadata, in the comparable form (bytes as {$base64}, dates as ISO text). */
function outputOf(outcome: Outcome): { output: unknown; metadata: { httpStatusCode?: number; requestId?: string } } {
  if (!('output' in outcome)) throw outcome.error;
  const { $metadata, ...output } = outcome.output;
  return { output: comparable(output), metadata: $metadata as { httpStatusCode?: number; requestId?: string } };
}

interface SdkErrorView {
  name: string;
  message: string;
  fault: unknown;
  status: number | undefined;
  requestId: string | undefined;
}

function errorOf(outcome: Outcome): SdkErrorView {
  if (!('error' in outcome)) throw new Error(`expected an error, got the output ${JSON.stringify(outcome.output)}`);
  const error = outcome.error as Error & { $fault?: unknown; $metadata?: { httpStatusCode?: number; requestId?: string } };
  return { name: error.name, message: error.message, fault: error.$fault, status: error.$metadata?.httpStatusCode, requestId: error.$metadata?.requestId };
}

/** What the SDK must report for an error answer of the case. */
function expectedError(error: CaseAwsErrorSpec): SdkErrorView {
  return { name: error.code, message: error.message, fault: error.status >= 500 ? 'server' : 'client', status: error.status, requestId: error.requestId };
}

const SUCCESS_REQUEST_ID = '3f1c2a4e-8d6b-4e2f-9a7c-5b0d1e2f3a4b';

// ---------------------------------------------------------------------------------------------
// restJson1: every conformance case of the bundled Lambda spec

const runtime = bundledSpec();
const lambdaModel = loadApiModel(join(dirname(BUNDLED_SPEC_FILE), runtime.spec.service.apiModel));

type LambdaCommand = Parameters<LambdaClient['send']>[0];

function lambdaCommand(action: string, input: unknown): LambdaCommand {
  const Command = (lambdaSdk as unknown as Record<string, unknown>)[`${action}Command`];
  if (typeof Command !== 'function') throw new Error(`@aws-sdk/client-lambda has no ${action}Command`);
  return new (Command as new (input: unknown) => LambdaCommand)(input);
}

/**
 * The output the SDK returns for a case's response. Two things differ from the case by the nature of
 * the wire: a member bound to the status code is always filled from the HTTP status (a case that
 * leaves it out means the operation's success code), and an empty blob payload is an empty body,
 * which the SDK reports as no payload (null).
 */
function expectedLambdaOutput(action: string, response: CaseObject): { output: unknown; status: number } {
  const operation = lambdaModel.operation(action);
  const shape = operation ? lambdaModel.shape(operation.output) : undefined;
  if (!operation || shape?.type !== 'structure') throw new Error(`no output structure for ${action}`);
  const expected: CaseObject = { ...response };
  let status = operation.http.code;
  for (const [name, member] of Object.entries(shape.members)) {
    const given = expected[name];
    if (member.location === 'statusCode') {
      if (typeof given === 'number') status = given;
      else expected[name] = operation.http.code;
    }
    if (member.location === 'payload' && member.type === 'blob' && isEmptyBlob(given)) expected[name] = null;
  }
  return { output: expectedInput(expected), status };
}

function isEmptyBlob(value: CaseValue | undefined): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return value['$text'] === '' || value['$base64'] === '';
}

describe('restJson1 against @aws-sdk/client-lambda: every conformance case of the bundled spec', () => {
  const exchanges = runtime.spec.operations.flatMap((operation) =>
    operation.cases.flatMap((testCase) => testCase.exchanges.map((exchange, i) => ({ operation, testCase, exchange, i }))),
  );

  it('the spec has exchanges with answers and with errors', () => {
    expect(exchanges.filter((x) => x.exchange.error).length).toBeGreaterThan(0);
    expect(exchanges.filter((x) => x.exchange.response).length).toBeGreaterThan(0);
  });

  for (const { operation, testCase, exchange, i } of exchanges) {
    const action = operation.action;
    it(`${operation.name}: ${testCase.name} (exchange ${i + 1})`, async () => {
      const handler = new WireHandler(() =>
        exchange.error
          ? encodeError(lambdaModel, 'restJson1', action, exchange.error)
          : encodeResponse(lambdaModel, 'restJson1', action, exchange.response ?? {}, { requestId: SUCCESS_REQUEST_ID }),
      );
      const client = new LambdaClient(clientSettings(handler));
      const outcome = await outcomeOf(() => client.send(lambdaCommand(action, toSdkValue(exchange.request))));

      expect(decodeRequest(lambdaModel, 'restJson1', action, handler.only())).toEqual(expectedInput(exchange.request));

      if (exchange.error) {
        expect(errorOf(outcome)).toEqual(expectedError(exchange.error));
        const error = 'error' in outcome ? outcome.error : undefined;
        expect(error).toBeInstanceOf(LambdaServiceException);
        // A code the model declares comes back as the SDK's class of that error.
        const modeled = (lambdaSdk as unknown as Record<string, unknown>)[exchange.error.code];
        if (lambdaModel.shape(exchange.error.code)) expect(error).toBeInstanceOf(modeled as new () => Error);
        return;
      }
      const expected = expectedLambdaOutput(action, exchange.response ?? {});
      const { output, metadata } = outputOf(outcome);
      expect(output).toEqual(expected.output);
      expect(metadata).toMatchObject({ httpStatusCode: expected.status, requestId: SUCCESS_REQUEST_ID });
    });
  }
});

describe('restJson1 against @aws-sdk/client-lambda: bindings the cases do not reach', () => {
  async function exchange(action: string, input: object, answer: () => WireResponse): Promise<{ request: WireRequest; outcome: Outcome }> {
    const handler = new WireHandler(answer);
    const client = new LambdaClient(clientSettings(handler));
    const outcome = await outcomeOf(() => client.send(lambdaCommand(action, input)));
    return { request: handler.only(), outcome };
  }

  it('query timestamps, lists and booleans, and epoch-seconds timestamps in the JSON body', async () => {
    const response = {
      DurableExecutions: [
        {
          DurableExecutionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-api:$LATEST/durable-execution/run-1/4f2c',
          DurableExecutionName: 'run-1',
          FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-api:$LATEST',
          Status: 'SUCCEEDED',
          StartTimestamp: '2025-12-02T08:15:30.250Z',
          EndTimestamp: '2025-12-02T08:16:00.000Z',
        },
      ],
      NextMarker: 'next page/2',
    };
    const { request, outcome } = await exchange(
      'ListDurableExecutionsByFunction',
      {
        FunctionName: 'orders-api',
        Qualifier: '$LATEST',
        StartedAfter: new Date('2025-12-01T00:00:00.000Z'),
        Statuses: ['SUCCEEDED', 'FAILED'],
        ReverseOrder: true,
        MaxItems: 10,
        Marker: 'a+b/c=d&e f',
      },
      () => encodeResponse(lambdaModel, 'restJson1', 'ListDurableExecutionsByFunction', response),
    );
    expect(decodeRequest(lambdaModel, 'restJson1', 'ListDurableExecutionsByFunction', request)).toEqual({
      FunctionName: 'orders-api',
      Qualifier: '$LATEST',
      StartedAfter: '2025-12-01T00:00:00.000Z',
      Statuses: ['SUCCEEDED', 'FAILED'],
      ReverseOrder: true,
      MaxItems: 10,
      Marker: 'a+b/c=d&e f',
    });
    expect(outputOf(outcome).output).toEqual(response);
  });

  it('a structure payload, a URI label that needs percent-encoding, and a required timestamp', async () => {
    const arn = 'arn:aws:lambda:us-east-1:123456789012:function:orders-api:$LATEST/durable-execution/run 1/4f2c';
    const { request, outcome } = await exchange(
      'StopDurableExecution',
      { DurableExecutionArn: arn, Error: { ErrorType: 'Cancelled', ErrorMessage: 'stopped by operator', StackTrace: ['at step 3'] } },
      () => encodeResponse(lambdaModel, 'restJson1', 'StopDurableExecution', { StopTimestamp: '2025-12-02T09:00:01.500Z' }),
    );
    expect(request.path).not.toContain(' ');
    expect(decodeRequest(lambdaModel, 'restJson1', 'StopDurableExecution', request)).toEqual({
      DurableExecutionArn: arn,
      Error: { ErrorType: 'Cancelled', ErrorMessage: 'stopped by operator', StackTrace: ['at step 3'] },
    });
    expect(outputOf(outcome).output).toEqual({ StopTimestamp: '2025-12-02T09:00:01.500Z' });
  });

  it('a JSON body beside a URI label (PUT)', async () => {
    const { request, outcome } = await exchange('PutFunctionConcurrency', { FunctionName: 'orders-api', ReservedConcurrentExecutions: 25 }, () =>
      encodeResponse(lambdaModel, 'restJson1', 'PutFunctionConcurrency', { ReservedConcurrentExecutions: 25 }),
    );
    expect(request.method).toBe('PUT');
    expect(decodeRequest(lambdaModel, 'restJson1', 'PutFunctionConcurrency', request)).toEqual({
      FunctionName: 'orders-api',
      ReservedConcurrentExecutions: 25,
    });
    expect(outputOf(outcome).output).toEqual({ ReservedConcurrentExecutions: 25 });
  });

  it('an error whose model spells the message member "message" and one that spells it "Message"', async () => {
    for (const code of ['ResourceConflictException', 'ServiceException']) {
      const error = { code, status: code === 'ServiceException' ? 500 : 409, message: `${code} says no`, requestId: 'b5a0f1c2-0000-4000-8000-000000000001' };
      const { outcome } = await exchange('DeleteFunction', { FunctionName: 'orders-api' }, () =>
        encodeError(lambdaModel, 'restJson1', 'DeleteFunction', error),
      );
      expect(errorOf(outcome)).toEqual(expectedError(error));
    }
  });
});

// ---------------------------------------------------------------------------------------------
// awsJson1_0: SQS and DynamoDB, with minimal models read off the SDKs' schemas

const structure = (members: Record<string, ApiMember>, extra: Partial<Extract<ApiShape, { type: 'structure' }>> = {}): ApiShape => ({
  type: 'structure',
  members,
  ...extra,
});
const member = (target: string, type: ApiMember['type'], required = false): ApiMember => ({ target, type, required });

/** SQS (com.amazonaws.sqs, AmazonSQS target, awsQueryCompatible): shapes as in @aws-sdk/client-sqs's schemas. */
const sqsModelFile = {
  formatVersion: 1,
  service: 'sqs',
  protocol: 'awsJson1_0',
  sdkId: 'SQS',
  namespace: 'com.amazonaws.sqs',
  sdkPackage: '@aws-sdk/client-sqs',
  sdkVersion: '3.1162.0',
  operations: {
    SendMessage: { http: { method: 'POST', path: '/', code: 200 }, input: 'SendMessageRequest', output: 'SendMessageResult', errors: ['QueueDoesNotExist'] },
    ReceiveMessage: {
      http: { method: 'POST', path: '/', code: 200 },
      input: 'ReceiveMessageRequest',
      output: 'ReceiveMessageResult',
      errors: ['QueueDoesNotExist'],
    },
    ListQueues: {
      http: { method: 'POST', path: '/', code: 200 },
      input: 'ListQueuesRequest',
      output: 'ListQueuesResult',
      errors: [],
      paginator: { inputToken: 'NextToken', outputToken: 'NextToken', pageSize: 'MaxResults' },
    },
  },
  shapes: {
    SendMessageRequest: structure({
      QueueUrl: member('string', 'string', true),
      MessageBody: member('string', 'string', true),
      DelaySeconds: member('number', 'number'),
      MessageAttributes: member('MessageBodyAttributeMap', 'map'),
      MessageSystemAttributes: member('MessageBodySystemAttributeMap', 'map'),
      MessageDeduplicationId: member('string', 'string'),
      MessageGroupId: member('string', 'string'),
    }),
    SendMessageResult: structure({
      MD5OfMessageBody: member('string', 'string'),
      MD5OfMessageAttributes: member('string', 'string'),
      MD5OfMessageSystemAttributes: member('string', 'string'),
      MessageId: member('string', 'string'),
      SequenceNumber: member('string', 'string'),
    }),
    ReceiveMessageRequest: structure({
      QueueUrl: member('string', 'string', true),
      AttributeNames: member('list<string>', 'list'),
      MessageSystemAttributeNames: member('list<string>', 'list'),
      MessageAttributeNames: member('list<string>', 'list'),
      MaxNumberOfMessages: member('number', 'number'),
      VisibilityTimeout: member('number', 'number'),
      WaitTimeSeconds: member('number', 'number'),
      ReceiveRequestAttemptId: member('string', 'string'),
    }),
    ReceiveMessageResult: structure({ Messages: member('MessageList', 'list') }),
    MessageList: { type: 'list', member: 'Message' },
    Message: structure({
      MessageId: member('string', 'string'),
      ReceiptHandle: member('string', 'string'),
      MD5OfBody: member('string', 'string'),
      Body: member('string', 'string'),
      Attributes: member('map<string,string>', 'map'),
      MD5OfMessageAttributes: member('string', 'string'),
      MessageAttributes: member('MessageBodyAttributeMap', 'map'),
    }),
    MessageBodyAttributeMap: { type: 'map', key: 'string', value: 'MessageAttributeValue' },
    MessageBodySystemAttributeMap: { type: 'map', key: 'string', value: 'MessageSystemAttributeValue' },
    MessageAttributeValue: structure({
      DataType: member('string', 'string', true),
      StringValue: member('string', 'string'),
      BinaryValue: member('blob', 'blob'),
      StringListValues: member('list<string>', 'list'),
      BinaryListValues: member('list<blob>', 'list'),
    }),
    MessageSystemAttributeValue: structure({
      DataType: member('string', 'string', true),
      StringValue: member('string', 'string'),
      BinaryValue: member('blob', 'blob'),
      StringListValues: member('list<string>', 'list'),
      BinaryListValues: member('list<blob>', 'list'),
    }),
    ListQueuesRequest: structure({
      QueueNamePrefix: member('string', 'string'),
      NextToken: member('string', 'string'),
      MaxResults: member('number', 'number'),
    }),
    ListQueuesResult: structure({ QueueUrls: member('list<string>', 'list'), NextToken: member('string', 'string') }),
    QueueDoesNotExist: structure({ message: member('string', 'string') }, { error: 'client', httpStatus: 400 }),
  },
  enums: {},
} satisfies ApiModelFile;
const sqsModel: ApiModel = parseApiModel(sqsModelFile, 'SQS test model');

/** DynamoDB (com.amazonaws.dynamodb.v20120810, DynamoDB_20120810 target): a subset of TableDescription is enough here. */
const dynamoModel: ApiModel = parseApiModel(
  {
    formatVersion: 1,
    service: 'dynamodb',
    protocol: 'awsJson1_0',
    sdkId: 'DynamoDB',
    namespace: 'com.amazonaws.dynamodb.v20120810',
    sdkPackage: '@aws-sdk/client-dynamodb',
    sdkVersion: '3.1162.0',
    operations: {
      ListTables: {
        http: { method: 'POST', path: '/', code: 200 },
        input: 'ListTablesInput',
        output: 'ListTablesOutput',
        errors: [],
        paginator: { inputToken: 'ExclusiveStartTableName', outputToken: 'LastEvaluatedTableName', pageSize: 'Limit' },
      },
      DescribeTable: {
        http: { method: 'POST', path: '/', code: 200 },
        input: 'DescribeTableInput',
        output: 'DescribeTableOutput',
        errors: ['ResourceNotFoundException'],
      },
    },
    shapes: {
      ListTablesInput: structure({ ExclusiveStartTableName: member('string', 'string'), Limit: member('number', 'number') }),
      ListTablesOutput: structure({ TableNames: member('list<string>', 'list'), LastEvaluatedTableName: member('string', 'string') }),
      DescribeTableInput: structure({ TableName: member('string', 'string', true) }),
      DescribeTableOutput: structure({ Table: member('TableDescription', 'structure') }),
      TableDescription: structure({
        TableName: member('string', 'string'),
        TableStatus: member('string', 'string'),
        CreationDateTime: member('timestamp', 'timestamp'),
        ItemCount: member('number', 'number'),
        TableSizeBytes: member('number', 'number'),
        KeySchema: member('KeySchema', 'list'),
      }),
      KeySchema: { type: 'list', member: 'KeySchemaElement' },
      KeySchemaElement: structure({ AttributeName: member('string', 'string', true), KeyType: member('string', 'string', true) }),
      ResourceNotFoundException: structure({ message: member('string', 'string') }, { error: 'client', httpStatus: 400 }),
    },
    enums: {},
  } satisfies ApiModelFile,
  'DynamoDB test model',
);

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');
const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/orders';

/** One SDK call answered through the codec; the request is decoded with the same protocol and operation. */
async function sdkExchange(
  model: ApiModel,
  protocol: Protocol,
  operation: string,
  send: (handler: WireHandler) => Promise<object>,
  answer: () => WireResponse,
): Promise<{ input: CaseObject; request: WireRequest; outcome: Outcome }> {
  const handler = new WireHandler(answer);
  const outcome = await outcomeOf(() => send(handler));
  const request = handler.only();
  return { input: decodeRequest(model, protocol, operation, request), request, outcome };
}

describe('awsJson1_0 against @aws-sdk/client-sqs', () => {
  const sqs = (handler: WireHandler) => new SQSClient(clientSettings(handler));

  it('SendMessage with message attributes (a map of structures with strings, blobs and lists)', async () => {
    const body = '{"orderId":4711,"note":"naïve café"}';
    const response = {
      MessageId: '5fea7756-0ea4-451a-a703-a558b933e274',
      MD5OfMessageBody: md5(body),
      MD5OfMessageAttributes: '3ae8f24a165a8cedc005670c81a27295',
      SequenceNumber: '18849496460467696128',
    };
    const { input, request, outcome } = await sdkExchange(
      sqsModel,
      'awsJson1_0',
      'SendMessage',
      (handler) =>
        sqs(handler).send(
          new SendMessageCommand({
            QueueUrl: QUEUE_URL,
            MessageBody: body,
            DelaySeconds: 5,
            MessageGroupId: 'orders',
            MessageDeduplicationId: 'order-4711',
            MessageAttributes: {
              tenant: { DataType: 'String', StringValue: 'acme' },
              priority: { DataType: 'Number', StringValue: '3' },
              thumbnail: { DataType: 'Binary', BinaryValue: new Uint8Array([0, 1, 2, 253, 254, 255]) },
            },
          }),
        ),
      () => encodeResponse(sqsModel, 'awsJson1_0', 'SendMessage', response, { requestId: SUCCESS_REQUEST_ID }),
    );
    expect(request.headers['x-amz-target']).toBe('AmazonSQS.SendMessage');
    expect(input).toEqual({
      QueueUrl: QUEUE_URL,
      MessageBody: body,
      DelaySeconds: 5,
      MessageGroupId: 'orders',
      MessageDeduplicationId: 'order-4711',
      MessageAttributes: {
        tenant: { DataType: 'String', StringValue: 'acme' },
        priority: { DataType: 'Number', StringValue: '3' },
        thumbnail: { DataType: 'Binary', BinaryValue: { $base64: 'AAEC/f7/' } },
      },
    });
    const { output, metadata } = outputOf(outcome);
    expect(output).toEqual(response);
    expect(metadata).toMatchObject({ httpStatusCode: 200, requestId: SUCCESS_REQUEST_ID });
  });

  it('ReceiveMessage with attribute name lists, system attributes and message attributes', async () => {
    const messages: CaseObject[] = [
      {
        MessageId: 'a1b2c3d4-0000-4000-8000-000000000001',
        ReceiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...',
        MD5OfBody: md5('first'),
        Body: 'first',
        Attributes: { SentTimestamp: '1733125530250', ApproximateReceiveCount: '1' },
        MD5OfMessageAttributes: 'd25a6aea97eb8f585bfa92d314504a92',
        MessageAttributes: {
          tags: { DataType: 'String.List', StringListValues: ['red', 'green'] },
          raw: { DataType: 'Binary', BinaryValue: { $text: 'bytes' } },
        },
      },
      { MessageId: 'a1b2c3d4-0000-4000-8000-000000000002', ReceiptHandle: 'AQEBzbVv...', MD5OfBody: md5('second'), Body: 'second' },
    ];
    const { input, outcome } = await sdkExchange(
      sqsModel,
      'awsJson1_0',
      'ReceiveMessage',
      (handler) =>
        sqs(handler).send(
          new ReceiveMessageCommand({
            QueueUrl: QUEUE_URL,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 20,
            VisibilityTimeout: 30,
            MessageAttributeNames: ['All'],
            MessageSystemAttributeNames: ['SentTimestamp', 'ApproximateReceiveCount'],
          }),
        ),
      () => encodeResponse(sqsModel, 'awsJson1_0', 'ReceiveMessage', { Messages: messages }),
    );
    expect(input).toEqual({
      QueueUrl: QUEUE_URL,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 20,
      VisibilityTimeout: 30,
      MessageAttributeNames: ['All'],
      MessageSystemAttributeNames: ['SentTimestamp', 'ApproximateReceiveCount'],
    });
    expect(outputOf(outcome).output).toEqual(expectedInput({ Messages: messages }));
  });

  it('ListQueues follows NextToken', async () => {
    const pages: Array<{ request: { QueueNamePrefix?: string; MaxResults?: number; NextToken?: string }; response: CaseObject }> = [
      { request: { QueueNamePrefix: 'orders', MaxResults: 2 }, response: { QueueUrls: [QUEUE_URL, `${QUEUE_URL}-dlq`], NextToken: 'token/1+=' } },
      { request: { QueueNamePrefix: 'orders', MaxResults: 2, NextToken: 'token/1+=' }, response: { QueueUrls: [`${QUEUE_URL}-archive`] } },
    ];
    for (const page of pages) {
      const { input, outcome } = await sdkExchange(
        sqsModel,
        'awsJson1_0',
        'ListQueues',
        (handler) => sqs(handler).send(new ListQueuesCommand(page.request)),
        () => encodeResponse(sqsModel, 'awsJson1_0', 'ListQueues', page.response),
      );
      expect(input).toEqual(page.request);
      expect(outputOf(outcome).output).toEqual(page.response);
    }
  });

  it('an error by its __type, and by its awsQuery code for an awsQueryCompatible service', async () => {
    const error = { code: 'QueueDoesNotExist', status: 400, message: 'The specified queue does not exist.', requestId: 'c0ffee00-1234-4abc-8def-0123456789ab' };
    const send = (handler: WireHandler) => sqs(handler).send(new SendMessageCommand({ QueueUrl: `${QUEUE_URL}-gone`, MessageBody: 'x' }));

    const plain = await sdkExchange(sqsModel, 'awsJson1_0', 'SendMessage', send, () => encodeError(sqsModel, 'awsJson1_0', 'SendMessage', error));
    expect(errorOf(plain.outcome)).toEqual(expectedError(error));
    expect('error' in plain.outcome && plain.outcome.error).toBeInstanceOf(QueueDoesNotExist);

    const queryCompatible = await sdkExchange(sqsModel, 'awsJson1_0', 'SendMessage', send, () =>
      encodeError(sqsModel, 'awsJson1_0', 'SendMessage', error, { awsQueryErrorCode: 'AWS.SimpleQueueService.NonExistentQueue' }),
    );
    expect(errorOf(queryCompatible.outcome)).toEqual(expectedError(error));
    const thrown = 'error' in queryCompatible.outcome ? queryCompatible.outcome.error : undefined;
    expect(thrown).toBeInstanceOf(QueueDoesNotExist);
    expect(thrown).toMatchObject({ Code: 'AWS.SimpleQueueService.NonExistentQueue', Type: 'Sender' });
  });

  it('an error the model does not know still carries code, status, message and request ID', async () => {
    const error = { code: 'AccessDenied', status: 403, message: 'Access to the resource is denied.', requestId: 'c0ffee00-1234-4abc-8def-0123456789ac' };
    const { outcome } = await sdkExchange(
      sqsModel,
      'awsJson1_0',
      'ListQueues',
      (handler) => sqs(handler).send(new ListQueuesCommand({})),
      () => encodeError(sqsModel, 'awsJson1_0', 'ListQueues', error),
    );
    expect(errorOf(outcome)).toEqual(expectedError(error));
    expect('error' in outcome && outcome.error).toBeInstanceOf(SQSServiceException);
  });
});

describe('awsJson1_0 against @aws-sdk/client-dynamodb', () => {
  const dynamo = (handler: WireHandler) => new DynamoDBClient(clientSettings(handler));

  it('ListTables pages with ExclusiveStartTableName and LastEvaluatedTableName', async () => {
    const pages: Array<{ request: { Limit?: number; ExclusiveStartTableName?: string }; response: CaseObject }> = [
      { request: { Limit: 2 }, response: { TableNames: ['orders', 'payments'], LastEvaluatedTableName: 'payments' } },
      { request: { Limit: 2, ExclusiveStartTableName: 'payments' }, response: { TableNames: ['users'] } },
      { request: {}, response: { TableNames: [] } },
    ];
    for (const page of pages) {
      const { input, request, outcome } = await sdkExchange(
        dynamoModel,
        'awsJson1_0',
        'ListTables',
        (handler) => dynamo(handler).send(new ListTablesCommand(page.request)),
        () => encodeResponse(dynamoModel, 'awsJson1_0', 'ListTables', page.response, { requestId: SUCCESS_REQUEST_ID }),
      );
      expect(request.headers['x-amz-target']).toBe('DynamoDB_20120810.ListTables');
      expect(input).toEqual(page.request);
      const { output, metadata } = outputOf(outcome);
      expect(output).toEqual(page.response);
      expect(metadata.requestId).toBe(SUCCESS_REQUEST_ID);
    }
  });

  it('DescribeTable: epoch-seconds timestamps and nested structures, and a modeled error', async () => {
    const table = {
      TableName: 'orders',
      TableStatus: 'ACTIVE',
      CreationDateTime: '2024-05-01T12:34:56.789Z',
      ItemCount: 1234,
      TableSizeBytes: 56789,
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    };
    const found = await sdkExchange(
      dynamoModel,
      'awsJson1_0',
      'DescribeTable',
      (handler) => dynamo(handler).send(new DescribeTableCommand({ TableName: 'orders' })),
      () => encodeResponse(dynamoModel, 'awsJson1_0', 'DescribeTable', { Table: table }),
    );
    expect(found.input).toEqual({ TableName: 'orders' });
    expect(outputOf(found.outcome).output).toEqual({ Table: table });

    const error = {
      code: 'ResourceNotFoundException',
      status: 400,
      message: 'Requested resource not found: Table: gone not found',
      requestId: 'D1E2F3A4B5C6D7E8F9A0B1C2D3E4F5A6B7C8D9E0F1A2B3C4D5E6',
    };
    const missing = await sdkExchange(
      dynamoModel,
      'awsJson1_0',
      'DescribeTable',
      (handler) => dynamo(handler).send(new DescribeTableCommand({ TableName: 'gone' })),
      () => encodeError(dynamoModel, 'awsJson1_0', 'DescribeTable', error),
    );
    expect(errorOf(missing.outcome)).toEqual(expectedError(error));
    const thrown = 'error' in missing.outcome ? missing.outcome.error : undefined;
    expect(thrown).toBeInstanceOf(ResourceNotFoundException);
    expect(thrown).toBeInstanceOf(DynamoDBServiceException);
  });
});

// ---------------------------------------------------------------------------------------------
// restJson1 bindings no installed SDK exercises, against hand-written wire text from the protocol rules

/** A made-up REST-JSON service with the bindings Lambda does not use. */
const widgetModel: ApiModel = parseApiModel(
  {
    formatVersion: 1,
    service: 'widgets',
    protocol: 'restJson1',
    sdkId: 'Widgets',
    namespace: 'example.widgets',
    sdkPackage: 'none',
    sdkVersion: '0',
    operations: {
      GetWidgetHistory: {
        http: { method: 'GET', path: '/widgets/{Owner}/{Key+}/history?view=full', code: 200 },
        input: 'GetWidgetHistoryInput',
        output: 'GetWidgetHistoryOutput',
        errors: [],
      },
    },
    shapes: {
      GetWidgetHistoryInput: structure({
        Owner: { ...member('string', 'string', true), location: 'uri', locationName: 'Owner' },
        Key: { ...member('string', 'string', true), location: 'uri', locationName: 'Key' },
        Since: { ...member('timestamp', 'timestamp'), location: 'query', locationName: 'since' },
        Tags: { ...member('list<string>', 'list'), location: 'query', locationName: 'tag' },
        Extra: { ...member('map<string,list<string>>', 'map'), location: 'queryParams' },
        IfModifiedSince: { ...member('timestamp', 'timestamp'), location: 'header', locationName: 'If-Modified-Since' },
        Ids: { ...member('list<string>', 'list'), location: 'header', locationName: 'X-Ids' },
        Seen: { ...member('list<timestamp>', 'list'), location: 'header', locationName: 'X-Seen' },
        Meta: { ...member('map<string,string>', 'map'), location: 'prefixHeaders', locationName: 'X-Meta-' },
      }),
      GetWidgetHistoryOutput: structure({
        Dates: { ...member('list<timestamp>', 'list'), location: 'header', locationName: 'X-Dates' },
        Labels: { ...member('list<string>', 'list'), location: 'header', locationName: 'X-Labels' },
        Flag: { ...member('boolean', 'boolean'), location: 'header', locationName: 'X-Flag' },
        Count: { ...member('number', 'number'), location: 'header', locationName: 'X-Count' },
        Meta: { ...member('map<string,string>', 'map'), location: 'prefixHeaders', locationName: 'X-Meta-' },
        Name: { ...member('string', 'string'), jsonName: 'name' },
        Created: { ...member('timestamp', 'timestamp'), timestampFormat: 'date-time' },
        Updated: member('timestamp', 'timestamp'),
        Expires: { ...member('timestamp', 'timestamp'), timestampFormat: 'http-date' },
      }),
    },
    enums: {},
  } satisfies ApiModelFile,
  'widget test model',
);

describe('restJson1 bindings beyond Lambda, by the protocol rules', () => {
  const request: WireRequest = {
    method: 'GET',
    path: '/widgets/alice/a/b%20c/d/history',
    query: 'view=full&since=2024-05-01T12%3A00%3A00Z&tag=x&tag=y%2Cz&color=red&color=blue&size=L',
    headers: {
      'if-modified-since': 'Wed, 01 May 2024 12:34:56 GMT',
      'x-ids': '1, "2,3", "say \\"hi\\""',
      'x-seen': 'Wed, 01 May 2024 12:34:56 GMT, Thu, 02 May 2024 00:00:00 GMT',
      'x-meta-a': 'one',
      'x-meta-b': 'two',
      'user-agent': 'test',
    },
    body: new Uint8Array(),
  };

  it('reads a greedy label, fixed and free query parameters, header lists and prefix headers', () => {
    expect(decodeRequest(widgetModel, 'restJson1', 'GetWidgetHistory', request)).toEqual({
      Owner: 'alice',
      Key: 'a/b c/d',
      Since: '2024-05-01T12:00:00.000Z',
      Tags: ['x', 'y,z'],
      Extra: { color: ['red', 'blue'], size: ['L'] },
      IfModifiedSince: '2024-05-01T12:34:56.000Z',
      Ids: ['1', '2,3', 'say "hi"'],
      Seen: ['2024-05-01T12:34:56.000Z', '2024-05-02T00:00:00.000Z'],
      Meta: { a: 'one', b: 'two' },
    });
  });

  it("refuses a request without the template's fixed query parameter, or with a bare '+'", () => {
    expect(() => decodeRequest(widgetModel, 'restJson1', 'GetWidgetHistory', { ...request, query: 'view=summary' })).toThrow(
      /requires the query parameter view=full/,
    );
    expect(() => decodeRequest(widgetModel, 'restJson1', 'GetWidgetHistory', { ...request, query: 'view=full&tag=a+b' })).toThrow(/bare '\+'/);
  });

  it('writes header lists (quoted where needed, http-dates unquoted), prefix headers, jsonName and each timestamp format', () => {
    const response = encodeResponse(
      widgetModel,
      'restJson1',
      'GetWidgetHistory',
      {
        Dates: ['2024-05-01T12:34:56.000Z', '2024-05-02T00:00:00.000Z'],
        Labels: ['plain', 'with,comma', 'with"quote'],
        Flag: true,
        Count: 3,
        Meta: { Owner: 'alice' },
        Name: 'w',
        Created: '2024-05-01T12:34:56.789Z',
        Updated: '2024-05-01T12:34:56.789Z',
        Expires: '2024-06-01T00:00:00.000Z',
      },
      { requestId: 'req-1' },
    );
    expect(response.status).toBe(200);
    expect(response.headers).toEqual({
      'x-dates': 'Wed, 01 May 2024 12:34:56 GMT, Thu, 02 May 2024 00:00:00 GMT',
      'x-labels': 'plain, "with,comma", "with\\"quote"',
      'x-flag': 'true',
      'x-count': '3',
      'x-meta-owner': 'alice',
      'x-amzn-requestid': 'req-1',
      'content-type': 'application/json',
    });
    expect(JSON.parse(Buffer.from(response.body).toString('utf8'))).toEqual({
      name: 'w',
      Created: '2024-05-01T12:34:56.789Z',
      Updated: 1714566896.789,
      Expires: 'Sat, 01 Jun 2024 00:00:00 GMT',
    });
  });

  it('refuses an http-date with milliseconds and a header value with a line break', () => {
    expect(() => encodeResponse(widgetModel, 'restJson1', 'GetWidgetHistory', { Expires: '2024-06-01T00:00:00.500Z' })).toThrow(
      /GetWidgetHistoryOutput\.Expires: an http-date timestamp has whole seconds/,
    );
    expect(() => encodeResponse(widgetModel, 'restJson1', 'GetWidgetHistory', { Labels: ['a\r\nX-Evil: 1'] })).toThrow(
      /GetWidgetHistoryOutput\.Labels: .* cannot be sent as an HTTP header value/,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// awsQuery: SNS with the API model extracted from @aws-sdk/client-sns, and SQS's older awsQuery form

const snsModel: ApiModel = parseApiModel(extractApiModel('sns'), 'SNS API model');

describe('awsQuery against @aws-sdk/client-sns', () => {
  const sns = (handler: WireHandler) => new SNSClient(clientSettings(handler));
  const TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:orders';

  it('Publish with message attributes (a map with keyXmlName Name and valueXmlName Value, of structures with strings and blobs)', async () => {
    const response = { MessageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e', SequenceNumber: '10000000000000003000' };
    const { input, request, outcome } = await sdkExchange(
      snsModel,
      'awsQuery',
      'Publish',
      (handler) =>
        sns(handler).send(
          new PublishCommand({
            TopicArn: TOPIC_ARN,
            Subject: 'Order 4711 & co: <shipped>',
            Message: 'naïve café + 100% = "done"\nsecond line',
            MessageGroupId: 'orders',
            MessageDeduplicationId: 'order-4711',
            MessageAttributes: {
              tenant: { DataType: 'String', StringValue: 'acme' },
              'sizes.list': { DataType: 'String.Array', StringValue: '["S","M"]' },
              thumbnail: { DataType: 'Binary', BinaryValue: new Uint8Array([0, 1, 2, 253, 254, 255]) },
            },
          }),
        ),
      () => encodeResponse(snsModel, 'awsQuery', 'Publish', response, { requestId: SUCCESS_REQUEST_ID }),
    );
    expect(Buffer.from(request.body).toString('utf8')).toContain('MessageAttributes.entry.1.Name=tenant&MessageAttributes.entry.1.Value.DataType=String');
    expect(input).toEqual({
      TopicArn: TOPIC_ARN,
      Subject: 'Order 4711 & co: <shipped>',
      Message: 'naïve café + 100% = "done"\nsecond line',
      MessageGroupId: 'orders',
      MessageDeduplicationId: 'order-4711',
      MessageAttributes: {
        tenant: { DataType: 'String', StringValue: 'acme' },
        'sizes.list': { DataType: 'String.Array', StringValue: '["S","M"]' },
        thumbnail: { DataType: 'Binary', BinaryValue: { $base64: 'AAEC/f7/' } },
      },
    });
    const { output, metadata } = outputOf(outcome);
    expect(output).toEqual(response);
    expect(metadata).toMatchObject({ httpStatusCode: 200, requestId: SUCCESS_REQUEST_ID });
  });

  it('CreateTopic with an attribute map (entry.N.key / value), a list of tag structures, and an empty list', async () => {
    for (const tags of [
      [
        { Key: 'team', Value: 'payments' },
        { Key: 'cost-center', Value: '' },
      ],
      [],
    ]) {
      const { input, outcome } = await sdkExchange(
        snsModel,
        'awsQuery',
        'CreateTopic',
        (handler) => sns(handler).send(new CreateTopicCommand({ Name: 'orders.fifo', Attributes: { FifoTopic: 'true', DisplayName: 'Orders' }, Tags: tags })),
        () => encodeResponse(snsModel, 'awsQuery', 'CreateTopic', { TopicArn: `${TOPIC_ARN}.fifo` }),
      );
      expect(input).toEqual({ Name: 'orders.fifo', Attributes: { FifoTopic: 'true', DisplayName: 'Orders' }, Tags: tags });
      expect(outputOf(outcome).output).toEqual({ TopicArn: `${TOPIC_ARN}.fifo` });
    }
  });

  it('Subscribe with a boolean, true and false', async () => {
    for (const flag of [true, false]) {
      const request = { TopicArn: TOPIC_ARN, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:123456789012:orders', ReturnSubscriptionArn: flag };
      const { input, outcome } = await sdkExchange(
        snsModel,
        'awsQuery',
        'Subscribe',
        (handler) => sns(handler).send(new SubscribeCommand(request)),
        () => encodeResponse(snsModel, 'awsQuery', 'Subscribe', { SubscriptionArn: `${TOPIC_ARN}:5f0d` }),
      );
      expect(input).toEqual(request);
      expect(outputOf(outcome).output).toEqual({ SubscriptionArn: `${TOPIC_ARN}:5f0d` });
    }
  });

  it('ListTopics follows NextToken through a list of structures', async () => {
    const pages: Array<{ request: { NextToken?: string }; response: CaseObject }> = [
      { request: {}, response: { Topics: [{ TopicArn: TOPIC_ARN }, { TopicArn: `${TOPIC_ARN}-dlq` }], NextToken: 'token/1+=' } },
      { request: { NextToken: 'token/1+=' }, response: { Topics: [{ TopicArn: `${TOPIC_ARN}-archive` }] } },
      { request: {}, response: { Topics: [] } },
    ];
    for (const page of pages) {
      const { input, outcome } = await sdkExchange(
        snsModel,
        'awsQuery',
        'ListTopics',
        (handler) => sns(handler).send(new ListTopicsCommand(page.request)),
        () => encodeResponse(snsModel, 'awsQuery', 'ListTopics', page.response),
      );
      expect(input).toEqual(page.request);
      expect(outputOf(outcome).output).toEqual(page.response);
    }
  });

  it('GetTopicAttributes answers a map; ListTagsForResource a list of structures', async () => {
    const attributes = { Policy: '{"Version":"2012-10-17","Statement":[]}', DisplayName: 'Orders <main>', SubscriptionsConfirmed: '3' };
    const got = await sdkExchange(
      snsModel,
      'awsQuery',
      'GetTopicAttributes',
      (handler) => sns(handler).send(new GetTopicAttributesCommand({ TopicArn: TOPIC_ARN })),
      () => encodeResponse(snsModel, 'awsQuery', 'GetTopicAttributes', { Attributes: attributes }),
    );
    expect(got.input).toEqual({ TopicArn: TOPIC_ARN });
    expect(outputOf(got.outcome).output).toEqual({ Attributes: attributes });

    const tags = { Tags: [{ Key: 'team', Value: 'payments' }] };
    const listed = await sdkExchange(
      snsModel,
      'awsQuery',
      'ListTagsForResource',
      (handler) => sns(handler).send(new ListTagsForResourceCommand({ ResourceArn: TOPIC_ARN })),
      () => encodeResponse(snsModel, 'awsQuery', 'ListTagsForResource', tags),
    );
    expect(listed.input).toEqual({ ResourceArn: TOPIC_ARN });
    expect(outputOf(listed.outcome).output).toEqual(tags);
  });

  it('ListOriginationNumbers: a number in, timestamps and lists of strings out', async () => {
    const response: CaseObject = {
      PhoneNumbers: [
        {
          CreatedAt: '2024-05-01T12:34:56.789Z',
          PhoneNumber: '+12065550100',
          Status: 'ACTIVE',
          Iso2CountryCode: 'US',
          RouteType: 'Transactional',
          NumberCapabilities: ['SMS', 'VOICE'],
        },
        { CreatedAt: '2023-01-01T00:00:00.000Z', PhoneNumber: '+12065550101', NumberCapabilities: [] },
      ],
      NextToken: 'next',
    };
    const { input, outcome } = await sdkExchange(
      snsModel,
      'awsQuery',
      'ListOriginationNumbers',
      (handler) => sns(handler).send(new ListOriginationNumbersCommand({ MaxResults: 30, NextToken: 'first' })),
      () => encodeResponse(snsModel, 'awsQuery', 'ListOriginationNumbers', response),
    );
    expect(input).toEqual({ MaxResults: 30, NextToken: 'first' });
    expect(outputOf(outcome).output).toEqual(response);
  });

  it('PublishBatch: a list of structures holding maps in, lists of structures with booleans out', async () => {
    const entries = [
      { Id: 'a', Message: 'first', MessageAttributes: { n: { DataType: 'Number', StringValue: '1.5' } } },
      { Id: 'b', Message: 'second', Subject: 'two' },
    ];
    const response = {
      Successful: [{ Id: 'a', MessageId: 'm-1', SequenceNumber: '1' }],
      Failed: [{ Id: 'b', Code: 'InvalidParameter', Message: 'bad subject', SenderFault: true }],
    };
    const { input, outcome } = await sdkExchange(
      snsModel,
      'awsQuery',
      'PublishBatch',
      (handler) => sns(handler).send(new PublishBatchCommand({ TopicArn: TOPIC_ARN, PublishBatchRequestEntries: entries })),
      () => encodeResponse(snsModel, 'awsQuery', 'PublishBatch', response),
    );
    expect(input).toEqual({ TopicArn: TOPIC_ARN, PublishBatchRequestEntries: entries });
    expect(outputOf(outcome).output).toEqual(response);
  });

  it('CheckIfPhoneNumberIsOptedOut answers a boolean; SetTopicAttributes nothing', async () => {
    const checked = await sdkExchange(
      snsModel,
      'awsQuery',
      'CheckIfPhoneNumberIsOptedOut',
      (handler) => sns(handler).send(new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber: '+12065550100' })),
      () => encodeResponse(snsModel, 'awsQuery', 'CheckIfPhoneNumberIsOptedOut', { isOptedOut: false }),
    );
    expect(checked.input).toEqual({ phoneNumber: '+12065550100' });
    expect(outputOf(checked.outcome).output).toEqual({ isOptedOut: false });

    const set = await sdkExchange(
      snsModel,
      'awsQuery',
      'SetTopicAttributes',
      (handler) => sns(handler).send(new SetTopicAttributesCommand({ TopicArn: TOPIC_ARN, AttributeName: 'DisplayName', AttributeValue: 'Orders' })),
      () => encodeResponse(snsModel, 'awsQuery', 'SetTopicAttributes', {}, { requestId: SUCCESS_REQUEST_ID }),
    );
    expect(set.input).toEqual({ TopicArn: TOPIC_ARN, AttributeName: 'DisplayName', AttributeValue: 'Orders' });
    expect(outputOf(set.outcome)).toEqual({ output: {}, metadata: expect.objectContaining({ requestId: SUCCESS_REQUEST_ID }) });
  });

  it('errors by their awsQueryError code, modeled or not, client or server', async () => {
    const cases: Array<{ error: CaseAwsErrorSpec; wireCode: string; type: new (...args: never[]) => Error }> = [
      {
        error: { code: 'NotFoundException', status: 404, message: 'Topic does not exist', requestId: 'a0b1c2d3-0000-4000-8000-000000000001' },
        wireCode: 'NotFound',
        type: NotFoundException,
      },
      {
        error: { code: 'InternalErrorException', status: 500, message: 'Internal failure', requestId: 'a0b1c2d3-0000-4000-8000-000000000002' },
        wireCode: 'InternalError',
        type: InternalErrorException,
      },
      {
        error: { code: 'Throttling', status: 400, message: 'Rate exceeded', requestId: 'a0b1c2d3-0000-4000-8000-000000000003' },
        wireCode: 'Throttling',
        type: SNSServiceException,
      },
    ];
    for (const { error, wireCode, type } of cases) {
      const wire = encodeError(snsModel, 'awsQuery', 'Publish', error);
      expect(Buffer.from(wire.body).toString('utf8')).toContain(`<Code>${wireCode}</Code>`);
      const { outcome } = await sdkExchange(
        snsModel,
        'awsQuery',
        'Publish',
        (handler) => sns(handler).send(new PublishCommand({ TopicArn: TOPIC_ARN, Message: 'x' })),
        () => wire,
      );
      expect(errorOf(outcome)).toEqual(expectedError(error));
      expect('error' in outcome && outcome.error).toBeInstanceOf(type);
      expect('error' in outcome && outcome.error).toMatchObject({ Error: { Code: wireCode, Type: error.status >= 500 ? 'Receiver' : 'Sender' } });
    }
    expect(() => encodeError(snsModel, 'awsQuery', 'Publish', { code: 'NotFoundException', status: 400, message: 'm', requestId: 'r' })).toThrow(
      /error NotFoundException: the API model answers it with HTTP 404, not 400/,
    );
  });
});

const SQS_NAMESPACE = 'http://queue.amazonaws.com/doc/2012-11-05/';

/** SQS as an awsQuery service, as it was before JSON: its model keeps the traits (flattened lists and maps, xmlName). */
const sqsQueryModel: ApiModel = parseApiModel(
  { ...(loadApiModel(join(dirname(BUNDLED_SPEC_FILE), 'api', 'aws-sqs.api.json')).file as ApiModelFile), protocol: 'awsQuery', xmlNamespace: SQS_NAMESPACE },
  'SQS API model (awsQuery)',
);

describe("SQS's older awsQuery form against @aws-sdk/client-sqs with the SDK's AwsQueryProtocol", () => {
  /** The SQS client with its own schemas, speaking awsQuery instead of awsJson1_0. */
  const sqs = (handler: WireHandler) => {
    const defaults = new SQSClient({ region: 'us-east-1' }).config.protocolSettings;
    return new SQSClient({
      ...clientSettings(handler),
      endpoint: 'https://sqs.us-east-1.amazonaws.com',
      useQueueUrlAsEndpoint: false,
      protocol: AwsQueryProtocol,
      protocolSettings: { ...defaults, xmlNamespace: SQS_NAMESPACE },
    });
  };

  it('SendMessage: a flattened map (MessageAttribute.N.Name / Value) of structures with flattened lists', async () => {
    const body = '{"orderId":4711,"note":"naïve café"}';
    const response = {
      MessageId: '5fea7756-0ea4-451a-a703-a558b933e274',
      MD5OfMessageBody: md5(body),
      MD5OfMessageAttributes: '3ae8f24a165a8cedc005670c81a27295',
      SequenceNumber: '18849496460467696128',
    };
    const messageAttributes = {
      tenant: { DataType: 'String', StringValue: 'acme' },
      priority: { DataType: 'Number', StringValue: '3' },
      thumbnail: { DataType: 'Binary', BinaryValue: new Uint8Array([0, 1, 2, 253, 254, 255]) },
    };
    const { input, request, outcome } = await sdkExchange(
      sqsQueryModel,
      'awsQuery',
      'SendMessage',
      (handler) =>
        sqs(handler).send(
          new SendMessageCommand({ QueueUrl: QUEUE_URL, MessageBody: body, DelaySeconds: 5, MessageGroupId: 'orders', MessageAttributes: messageAttributes }),
        ),
      () => encodeResponse(sqsQueryModel, 'awsQuery', 'SendMessage', response, { requestId: SUCCESS_REQUEST_ID }),
    );
    expect(Buffer.from(request.body).toString('utf8')).toContain('&MessageAttribute.1.Name=tenant&MessageAttribute.1.Value.DataType=String');
    expect(input).toEqual({
      QueueUrl: QUEUE_URL,
      MessageBody: body,
      DelaySeconds: 5,
      MessageGroupId: 'orders',
      MessageAttributes: expectedInput(toCase(messageAttributes)),
    });
    expect(outputOf(outcome)).toEqual({ output: response, metadata: expect.objectContaining({ requestId: SUCCESS_REQUEST_ID }) });
  });

  it('ReceiveMessage: flattened lists in, flattened lists and maps (Attribute.N.Name / Value) out', async () => {
    const messages: CaseObject[] = [
      {
        MessageId: 'a1b2c3d4-0000-4000-8000-000000000001',
        ReceiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...',
        MD5OfBody: md5('first'),
        Body: 'first',
        Attributes: { SentTimestamp: '1733125530250', ApproximateReceiveCount: '1' },
        MD5OfMessageAttributes: 'd25a6aea97eb8f585bfa92d314504a92',
        MessageAttributes: {
          tags: { DataType: 'String.List', StringListValues: ['red', 'green'] },
          raw: { DataType: 'Binary', BinaryValue: { $text: 'bytes' } },
        },
      },
      { MessageId: 'a1b2c3d4-0000-4000-8000-000000000002', ReceiptHandle: 'AQEBzbVv...', MD5OfBody: md5('second'), Body: 'second' },
    ];
    const { input, outcome } = await sdkExchange(
      sqsQueryModel,
      'awsQuery',
      'ReceiveMessage',
      (handler) =>
        sqs(handler).send(
          new ReceiveMessageCommand({ QueueUrl: QUEUE_URL, MaxNumberOfMessages: 10, WaitTimeSeconds: 20, MessageAttributeNames: ['tags', 'raw'] }),
        ),
      () => encodeResponse(sqsQueryModel, 'awsQuery', 'ReceiveMessage', { Messages: messages }),
    );
    expect(input).toEqual({ QueueUrl: QUEUE_URL, MaxNumberOfMessages: 10, WaitTimeSeconds: 20, MessageAttributeNames: ['tags', 'raw'] });
    expect(outputOf(outcome).output).toEqual(expectedInput({ Messages: messages }));

    // AttributeNames and the newer MessageSystemAttributeNames share the key AttributeName.N in SQS's model.
    const handler = new WireHandler(() => encodeResponse(sqsQueryModel, 'awsQuery', 'ReceiveMessage', {}));
    await sqs(handler).send(new ReceiveMessageCommand({ QueueUrl: QUEUE_URL, AttributeNames: ['All'] }));
    expect(() => decodeRequest(sqsQueryModel, 'awsQuery', 'ReceiveMessage', handler.only())).toThrow(
      /the parameter AttributeName\.1 belongs to ReceiveMessageRequest\.AttributeNames\[0\] as well/,
    );
  });

  it('CreateQueue and ListQueueTags: flattened maps with keyXmlName and valueXmlName both ways; ListQueues a flattened list of strings', async () => {
    const created = await sdkExchange(
      sqsQueryModel,
      'awsQuery',
      'CreateQueue',
      (handler) =>
        sqs(handler).send(new CreateQueueCommand({ QueueName: 'orders', Attributes: { DelaySeconds: '5', FifoQueue: 'false' }, tags: { team: 'payments' } })),
      () => encodeResponse(sqsQueryModel, 'awsQuery', 'CreateQueue', { QueueUrl: QUEUE_URL }),
    );
    expect(Buffer.from(created.request.body).toString('utf8')).toContain('&Tag.1.Key=team&Tag.1.Value=payments');
    expect(created.input).toEqual({ QueueName: 'orders', Attributes: { DelaySeconds: '5', FifoQueue: 'false' }, tags: { team: 'payments' } });
    expect(outputOf(created.outcome).output).toEqual({ QueueUrl: QUEUE_URL });

    const tagged = await sdkExchange(
      sqsQueryModel,
      'awsQuery',
      'ListQueueTags',
      (handler) => sqs(handler).send(new ListQueueTagsCommand({ QueueUrl: QUEUE_URL })),
      () => encodeResponse(sqsQueryModel, 'awsQuery', 'ListQueueTags', { Tags: { team: 'payments', env: 'prod' } }),
    );
    expect(outputOf(tagged.outcome).output).toEqual({ Tags: { team: 'payments', env: 'prod' } });

    const listed = await sdkExchange(
      sqsQueryModel,
      'awsQuery',
      'ListQueues',
      (handler) => sqs(handler).send(new ListQueuesCommand({ QueueNamePrefix: 'orders', MaxResults: 2 })),
      () => encodeResponse(sqsQueryModel, 'awsQuery', 'ListQueues', { QueueUrls: [QUEUE_URL, `${QUEUE_URL}-dlq`], NextToken: 'n' }),
    );
    expect(listed.input).toEqual({ QueueNamePrefix: 'orders', MaxResults: 2 });
    expect(outputOf(listed.outcome).output).toEqual({ QueueUrls: [QUEUE_URL, `${QUEUE_URL}-dlq`], NextToken: 'n' });
  });

  it('an error by its awsQueryError code (AWS.SimpleQueueService.NonExistentQueue)', async () => {
    const error = { code: 'QueueDoesNotExist', status: 400, message: 'The specified queue does not exist.', requestId: 'c0ffee00-1234-4abc-8def-0123456789ab' };
    const wire = encodeError(sqsQueryModel, 'awsQuery', 'SendMessage', error);
    expect(Buffer.from(wire.body).toString('utf8')).toBe(
      '<ErrorResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/"><Error><Type>Sender</Type><Code>AWS.SimpleQueueService.NonExistentQueue</Code>' +
        '<Message>The specified queue does not exist.</Message></Error><RequestId>c0ffee00-1234-4abc-8def-0123456789ab</RequestId></ErrorResponse>',
    );
    const { outcome } = await sdkExchange(
      sqsQueryModel,
      'awsQuery',
      'SendMessage',
      (handler) => sqs(handler).send(new SendMessageCommand({ QueueUrl: `${QUEUE_URL}-gone`, MessageBody: 'x' })),
      () => wire,
    );
    expect(errorOf(outcome)).toEqual(expectedError(error));
    expect('error' in outcome && outcome.error).toBeInstanceOf(QueueDoesNotExist);
  });
});

/** SDK values (bytes) in case notation ({$base64}). */
function toCase(value: unknown): CaseValue {
  return comparable(value) as CaseValue;
}

// ---------------------------------------------------------------------------------------------
// restXml: S3 with the API model extracted from @aws-sdk/client-s3

const s3Model: ApiModel = parseApiModel(extractApiModel('s3'), 'S3 API model');

describe('restXml against @aws-sdk/client-s3 (path-style, as the SDKs address S3 at an IP address)', () => {
  const s3 = (handler: WireHandler) => new S3Client({ ...clientSettings(handler), forcePathStyle: true });
  const OWNER = { DisplayName: 'alice', ID: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be' };

  it('ListObjectsV2: the bucket in the path, query parameters and headers in; flattened lists, nested structures, timestamps, numbers and booleans out', async () => {
    const request = {
      Bucket: 'photos-2024',
      Prefix: 'summer/2024 beach+sun/',
      Delimiter: '/',
      MaxKeys: 2,
      FetchOwner: true,
      ContinuationToken: '1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=',
      StartAfter: 'summer/a&b <c>.jpg',
      ExpectedBucketOwner: '123456789012',
      RequestPayer: 'requester' as const,
      OptionalObjectAttributes: ['RestoreStatus' as const],
    };
    const response: CaseObject = {
      Name: 'photos-2024',
      Prefix: 'summer/2024 beach+sun/',
      Delimiter: '/',
      MaxKeys: 2,
      KeyCount: 3,
      IsTruncated: true,
      ContinuationToken: '1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=',
      NextContinuationToken: '1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwN=',
      StartAfter: 'summer/a&b <c>.jpg',
      Contents: [
        {
          Key: 'summer/2024 beach+sun/IMG_0001.jpg',
          LastModified: '2024-07-01T10:15:30.250Z',
          ETag: '"6805f2cfc46c0f04559748bb039d69ae"',
          ChecksumAlgorithm: ['CRC32', 'CRC64NVME'],
          ChecksumType: 'FULL_OBJECT',
          Size: 2_147_483_648,
          StorageClass: 'GLACIER',
          Owner: OWNER,
          RestoreStatus: { IsRestoreInProgress: false, RestoreExpiryDate: '2024-08-01T00:00:00.000Z' },
        },
        { Key: 'summer/2024 beach+sun/IMG_0002.jpg', LastModified: '2024-07-01T10:15:31.000Z', ETag: '"abc"', Size: 0, StorageClass: 'STANDARD' },
      ],
      CommonPrefixes: [{ Prefix: 'summer/2024 beach+sun/raw/' }],
      RequestCharged: 'requester',
    };
    const {
      input,
      request: wire,
      outcome,
    } = await sdkExchange(
      s3Model,
      'restXml',
      'ListObjectsV2',
      (handler) => s3(handler).send(new ListObjectsV2Command(request)),
      () => encodeResponse(s3Model, 'restXml', 'ListObjectsV2', response, { requestId: SUCCESS_REQUEST_ID }),
    );
    expect(wire.path).toBe('/photos-2024/');
    expect(input).toEqual(request);
    const { output, metadata } = outputOf(outcome);
    expect(output).toEqual(response);
    expect(metadata).toMatchObject({ httpStatusCode: 200, requestId: SUCCESS_REQUEST_ID });
  });

  it('ListBuckets: a list with a member xmlName under a renamed root; the x-id literal of the URI template may be left out', async () => {
    const response: CaseObject = {
      Buckets: [
        { Name: 'photos-2024', CreationDate: '2024-01-02T03:04:05.000Z', BucketRegion: 'eu-west-1', BucketArn: 'arn:aws:s3:::photos-2024' },
        { Name: 'logs', CreationDate: '2019-12-31T23:59:59.999Z' },
      ],
      Owner: OWNER,
      ContinuationToken: 'next-page',
      Prefix: 'p',
    };
    const { input, request, outcome } = await sdkExchange(
      s3Model,
      'restXml',
      'ListBuckets',
      (handler) => s3(handler).send(new ListBucketsCommand({ MaxBuckets: 100, Prefix: 'p', BucketRegion: 'eu-west-1' })),
      () => encodeResponse(s3Model, 'restXml', 'ListBuckets', response),
    );
    expect(Buffer.from(encodeResponse(s3Model, 'restXml', 'ListBuckets', { Buckets: [] }).body).toString('utf8')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Buckets/></ListAllMyBucketsResult>',
    );
    expect(input).toEqual({ MaxBuckets: 100, Prefix: 'p', BucketRegion: 'eu-west-1' });
    expect(outputOf(outcome).output).toEqual(response);
    // The AWS SDK for Java's S3 model has no x-id literal: the same request without it.
    const withoutXId = { ...request, query: request.query.replace(/(^|&)x-id=ListBuckets/, '').replace(/^&/, '') };
    expect(withoutXId.query).not.toContain('x-id');
    expect(decodeRequest(s3Model, 'restXml', 'ListBuckets', withoutXId)).toEqual(input);
  });

  it('HeadObject: a greedy key, http-date headers and query values in; header members of every kind, prefix headers and the status out', async () => {
    const request = {
      Bucket: 'photos-2024',
      Key: 'summer/2024 beach+sun/IMG 0001 (copy).jpg',
      VersionId: '3/L4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo',
      IfModifiedSince: new Date('2024-05-01T12:34:56.000Z'),
      IfNoneMatch: '"6805f2cfc46c0f04559748bb039d69ae"',
      Range: 'bytes=0-1023',
      PartNumber: 1,
      ResponseExpires: new Date('2024-06-01T00:00:00.000Z'),
      ResponseContentType: 'image/jpeg; charset=binary',
      ChecksumMode: 'ENABLED' as const,
    };
    const response = {
      ContentLength: 2048,
      ContentType: 'image/jpeg',
      ETag: '"6805f2cfc46c0f04559748bb039d69ae"',
      LastModified: '2024-07-01T10:15:30.000Z',
      Metadata: { camera: 'x100v', 'taken-by': 'alice' },
      BucketKeyEnabled: true,
      DeleteMarker: false,
      MissingMeta: 0,
      PartsCount: 3,
      ObjectLockRetainUntilDate: '2030-01-01T00:00:00.500Z',
      ObjectLockMode: 'GOVERNANCE',
      StorageClass: 'STANDARD_IA',
      AcceptRanges: 'bytes',
      CacheControl: 'max-age=3600, must-revalidate',
      ChecksumCRC32: 'i9aeUg==',
      VersionId: '3/L4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo',
    };
    const {
      input,
      request: wire,
      outcome,
    } = await sdkExchange(
      s3Model,
      'restXml',
      'HeadObject',
      (handler) => s3(handler).send(new HeadObjectCommand(request)),
      () => encodeResponse(s3Model, 'restXml', 'HeadObject', response, { requestId: SUCCESS_REQUEST_ID }),
    );
    expect(wire.method).toBe('HEAD');
    expect(input).toEqual(comparable(request));
    const { output, metadata } = outputOf(outcome);
    expect(output).toEqual(response);
    expect(metadata).toMatchObject({ httpStatusCode: 200, requestId: SUCCESS_REQUEST_ID });

    // A HEAD error has no body: the SDK knows it by its status.
    const error = { code: 'NotFound', status: 404, message: 'Not Found', requestId: 'F1E2D3C4B5A69788' };
    const missing = await sdkExchange(
      s3Model,
      'restXml',
      'HeadObject',
      (handler) => s3(handler).send(new HeadObjectCommand({ Bucket: 'photos-2024', Key: 'gone.jpg' })),
      () => encodeError(s3Model, 'restXml', 'HeadObject', error),
    );
    expect(errorOf(missing.outcome)).toMatchObject({ name: 'NotFound', status: 404, requestId: error.requestId, fault: 'client' });
    expect('error' in missing.outcome && missing.outcome.error).toBeInstanceOf(NotFound);
  });

  it('HeadObject: ExpiresString is the text of the Expires header, a date or not', async () => {
    for (const response of [
      { ExpiresString: 'never' },
      { Expires: '2024-06-01T00:00:00.000Z', ExpiresString: 'Sat, 01 Jun 2024 00:00:00 GMT' },
    ] as CaseObject[]) {
      const wire = encodeResponse(s3Model, 'restXml', 'HeadObject', response);
      expect(wire.headers).toEqual({ expires: response['ExpiresString'] });
      const { outcome } = await sdkExchange(
        s3Model,
        'restXml',
        'HeadObject',
        (handler) => s3(handler).send(new HeadObjectCommand({ Bucket: 'photos-2024', Key: 'a.jpg' })),
        () => wire,
      );
      // The SDK reports the prefix-header map even when no header has the prefix.
      expect(outputOf(outcome).output).toEqual({ ...response, Metadata: {} });
    }
    expect(() => encodeResponse(s3Model, 'restXml', 'HeadObject', { Expires: '2024-06-01T00:00:00.000Z', ExpiresString: 'never' })).toThrow(
      /HeadObject: S3 sends Expires and ExpiresString in one header, Expires; "Sat, 01 Jun 2024 00:00:00 GMT" and "never" differ/,
    );
  });

  it('GetBucketLocation: the one member is the text of the root element', async () => {
    for (const response of [{ LocationConstraint: 'eu-west-1' }, {}] as CaseObject[]) {
      const { input, outcome } = await sdkExchange(
        s3Model,
        'restXml',
        'GetBucketLocation',
        (handler) => s3(handler).send(new GetBucketLocationCommand({ Bucket: 'photos-2024', ExpectedBucketOwner: '123456789012' })),
        () => encodeResponse(s3Model, 'restXml', 'GetBucketLocation', response),
      );
      expect(input).toEqual({ Bucket: 'photos-2024', ExpectedBucketOwner: '123456789012' });
      expect(outputOf(outcome).output).toEqual(response);
    }
    expect(Buffer.from(encodeResponse(s3Model, 'restXml', 'GetBucketLocation', { LocationConstraint: 'EU' }).body).toString('utf8')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">EU</LocationConstraint>',
    );
  });

  it('DeleteObject: boolean, number and http-date headers in; 204 with header members out', async () => {
    const request = {
      Bucket: 'photos-2024',
      Key: 'a/b/c.txt',
      VersionId: 'v1',
      MFA: '20899872 301749',
      BypassGovernanceRetention: true,
      IfMatchSize: 1024,
      IfMatchLastModifiedTime: new Date('2024-05-01T12:34:56.000Z'),
    };
    const response = { DeleteMarker: true, VersionId: 'v2', RequestCharged: 'requester' };
    const { input, outcome } = await sdkExchange(
      s3Model,
      'restXml',
      'DeleteObject',
      (handler) => s3(handler).send(new DeleteObjectCommand(request)),
      () => encodeResponse(s3Model, 'restXml', 'DeleteObject', response),
    );
    expect(input).toEqual(comparable(request));
    const { output, metadata } = outputOf(outcome);
    expect(output).toEqual(response);
    expect(metadata.httpStatusCode).toBe(204);
  });

  it('GetBucketTagging and PutBucketTagging: a list with a member xmlName, out and as a request payload', async () => {
    const tagging = {
      TagSet: [
        { Key: 'team', Value: 'payments' },
        { Key: 'note', Value: 'a < b & "c"' },
      ],
    };
    const got = await sdkExchange(
      s3Model,
      'restXml',
      'GetBucketTagging',
      (handler) => s3(handler).send(new GetBucketTaggingCommand({ Bucket: 'photos-2024' })),
      () => encodeResponse(s3Model, 'restXml', 'GetBucketTagging', tagging),
    );
    expect(got.input).toEqual({ Bucket: 'photos-2024' });
    expect(outputOf(got.outcome).output).toEqual(tagging);

    const put = await sdkExchange(
      s3Model,
      'restXml',
      'PutBucketTagging',
      (handler) => s3(handler).send(new PutBucketTaggingCommand({ Bucket: 'photos-2024', Tagging: tagging })),
      () => encodeResponse(s3Model, 'restXml', 'PutBucketTagging', {}, { requestId: SUCCESS_REQUEST_ID }),
    );
    // The operation requires a checksum: the SDK picks CRC32 and says so in the header bound to ChecksumAlgorithm.
    expect(put.input).toEqual({ Bucket: 'photos-2024', Tagging: tagging, ChecksumAlgorithm: 'CRC32' });
    expect(outputOf(put.outcome)).toEqual({ output: {}, metadata: expect.objectContaining({ httpStatusCode: 200, requestId: SUCCESS_REQUEST_ID }) });
  });

  it('DeleteObjects: flattened lists with an xmlName, http-date timestamps, numbers and booleans in the payload and in the answer', async () => {
    const del = {
      Objects: [{ Key: 'a.txt', VersionId: 'v1', ETag: '"e1"', Size: 12, LastModifiedTime: new Date('2024-05-01T12:34:56.000Z') }, { Key: 'dir/b c.txt' }],
      Quiet: false,
    };
    const response = {
      Deleted: [{ Key: 'a.txt', VersionId: 'v1', DeleteMarker: true, DeleteMarkerVersionId: 'v9' }],
      Errors: [{ Key: 'dir/b c.txt', Code: 'AccessDenied', Message: 'Access Denied' }],
    };
    const { input, outcome } = await sdkExchange(
      s3Model,
      'restXml',
      'DeleteObjects',
      (handler) => s3(handler).send(new DeleteObjectsCommand({ Bucket: 'photos-2024', Delete: del })),
      () => encodeResponse(s3Model, 'restXml', 'DeleteObjects', response),
    );
    expect(input).toEqual({ Bucket: 'photos-2024', Delete: comparable(del), ChecksumAlgorithm: 'CRC32' });
    expect(outputOf(outcome).output).toEqual(response);
  });

  it('PutBucketAcl and GetBucketAcl: an attribute in a prefixed namespace (xsi:type), and a renamed list', async () => {
    const policy = {
      Owner: OWNER,
      Grants: [
        { Grantee: { Type: 'CanonicalUser' as const, ID: OWNER.ID, DisplayName: 'alice' }, Permission: 'FULL_CONTROL' as const },
        { Grantee: { Type: 'Group' as const, URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' as const },
      ],
    };
    const put = await sdkExchange(
      s3Model,
      'restXml',
      'PutBucketAcl',
      (handler) => s3(handler).send(new PutBucketAclCommand({ Bucket: 'photos-2024', AccessControlPolicy: policy })),
      () => encodeResponse(s3Model, 'restXml', 'PutBucketAcl', {}),
    );
    expect(Buffer.from(put.request.body).toString('utf8')).toContain('xsi:type="CanonicalUser"');
    expect(put.input).toEqual({ Bucket: 'photos-2024', AccessControlPolicy: policy, ChecksumAlgorithm: 'CRC32' });

    const wire = encodeResponse(s3Model, 'restXml', 'GetBucketAcl', toCase(policy) as CaseObject);
    expect(Buffer.from(wire.body).toString('utf8')).toContain(
      '<AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser">',
    );
    const got = await sdkExchange(
      s3Model,
      'restXml',
      'GetBucketAcl',
      (handler) => s3(handler).send(new GetBucketAclCommand({ Bucket: 'photos-2024' })),
      () => wire,
    );
    expect(got.input).toEqual({ Bucket: 'photos-2024' });
    expect(outputOf(got.outcome).output).toEqual(policy);
  });

  it('errors as S3 writes them: modeled, and not, client and server', async () => {
    const cases: Array<{ error: CaseAwsErrorSpec; type: new (...args: never[]) => Error }> = [
      { error: { code: 'NoSuchBucket', status: 404, message: 'The specified bucket does not exist', requestId: '4442587FB7D0A2F9' }, type: NoSuchBucket },
      { error: { code: 'SlowDown', status: 503, message: 'Please reduce your request rate.', requestId: '4442587FB7D0A2FA' }, type: S3ServiceException },
      { error: { code: 'AccessDenied', status: 403, message: 'Access Denied', requestId: '4442587FB7D0A2FB' }, type: S3ServiceException },
    ];
    for (const { error, type } of cases) {
      const wire = encodeError(s3Model, 'restXml', 'ListObjectsV2', error);
      expect(Buffer.from(wire.body).toString('utf8')).toBe(
        `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${error.code}</Code><Message>${error.message}</Message><RequestId>${error.requestId}</RequestId></Error>`,
      );
      const { outcome } = await sdkExchange(
        s3Model,
        'restXml',
        'ListObjectsV2',
        (handler) => s3(handler).send(new ListObjectsV2Command({ Bucket: 'gone' })),
        () => wire,
      );
      expect(errorOf(outcome)).toEqual(expectedError(error));
      expect('error' in outcome && outcome.error).toBeInstanceOf(type);
    }
  });

  it('refuses a virtual-hosted request (the bucket in the host name), which it cannot tell from a path', () => {
    const request: WireRequest = {
      method: 'GET',
      path: '/',
      query: 'list-type=2',
      headers: { host: 'photos-2024.s3.us-east-1.amazonaws.com' },
      body: new Uint8Array(),
    };
    expect(() => decodeRequest(s3Model, 'restXml', 'ListObjectsV2', request)).toThrow(/does not fit the URI template \/\{Bucket\}\//);
  });
});

// ---------------------------------------------------------------------------------------------
// restXml and awsQuery rules no installed SDK exercises, against hand-written wire text

/** A made-up REST-XML service with maps, nested lists, namespaces, attributes and every timestamp format. */
const gadgetModel: ApiModel = parseApiModel(
  {
    formatVersion: 1,
    service: 'gadgets',
    protocol: 'restXml',
    sdkId: 'Gadgets',
    namespace: 'example.gadgets',
    sdkPackage: 'none',
    sdkVersion: '0',
    xmlNamespace: 'https://gadgets.example/doc/2024-01-01/',
    operations: {
      PutGadget: { http: { method: 'PUT', path: '/gadgets/{Name}', code: 200 }, input: 'PutGadgetInput', output: 'PutGadgetOutput', errors: [] },
    },
    shapes: {
      PutGadgetInput: structure(
        {
          Name: { ...member('string', 'string', true), location: 'uri', locationName: 'Name' },
          Labels: member('map<string,string>', 'map'),
          Props: { ...member('PropMap', 'map'), xmlFlattened: true, xmlName: 'Prop' },
          Grid: member('list<list<number>>', 'list'),
          Parts: { ...member('PartList', 'list'), xmlFlattened: true, xmlName: 'Part' },
          Made: member('timestamp', 'timestamp'),
          Seen: { ...member('timestamp', 'timestamp'), timestampFormat: 'epoch-seconds' },
          Expires: { ...member('timestamp', 'timestamp'), timestampFormat: 'http-date' },
          Data: member('blob', 'blob'),
          Flag: { ...member('boolean', 'boolean'), xmlName: 'IsFlagged' },
          Note: { ...member('string', 'string'), xmlNamespace: { uri: 'https://notes.example/' } },
        },
        { xmlName: 'Gadget' },
      ),
      PutGadgetOutput: structure({
        Part: member('Part', 'structure'),
        Labels: { ...member('map<string,string>', 'map'), xmlFlattened: true },
        Codes: { ...member('CodeList', 'list'), xmlName: 'CodeSet' },
      }),
      PropMap: { type: 'map', key: 'string', value: 'number', keyXmlName: 'K', valueXmlName: 'V' },
      PartList: { type: 'list', member: 'Part' },
      CodeList: { type: 'list', member: 'string', memberXmlName: 'Code' },
      Part: structure({ Id: { ...member('string', 'string'), xmlAttribute: true, xmlName: 'id' }, Weight: member('number', 'number') }),
    },
    enums: {},
  } satisfies ApiModelFile,
  'gadget test model',
);

describe('restXml bindings beyond S3, by the protocol rules', () => {
  const xmlRequest = (xml: string): WireRequest => ({
    method: 'PUT',
    path: '/gadgets/g1',
    query: '',
    headers: { 'content-type': 'application/xml' },
    body: new Uint8Array(Buffer.from(xml, 'utf8')),
  });
  const expected: CaseObject = {
    Name: 'g1',
    Labels: { colour: 'red & blue', size: '<L>' },
    Props: { volts: 3.3, amps: -2 },
    Grid: [[1, 2], [], [3]],
    Parts: [{ Id: 'p-1', Weight: 1.5 }, { Weight: 2 }],
    Made: '2024-05-01T12:34:56.789Z',
    Seen: '2024-05-01T12:34:56.500Z',
    Expires: '2024-06-01T00:00:00.000Z',
    Data: { $base64: 'AAEC/f7/' },
    Flag: true,
    Note: 'a\r\nb  ',
  };

  it('reads a document with maps (flattened or not), nested and flattened lists, attributes, every timestamp format, CDATA and references', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment -->
<Gadget xmlns="https://gadgets.example/doc/2024-01-01/">
  <Labels>
    <entry><key>colour</key><value>red &amp; blue</value></entry>
    <entry><key>size</key><value><![CDATA[<L>]]></value></entry>
  </Labels>
  <Prop><K>volts</K><V>3.3</V></Prop>
  <Prop><K>amps</K><V>-2</V></Prop>
  <Grid><member><member>1</member><member>2</member></member><member/><member><member>3</member></member></Grid>
  <Part id="p-1"><Weight>1.5</Weight></Part>
  <Part><Weight>2</Weight></Part>
  <Made>2024-05-01T12:34:56.789Z</Made>
  <Seen>1714566896.5</Seen>
  <Expires>Sat, 01 Jun 2024 00:00:00 GMT</Expires>
  <Data>AAEC/f7/</Data>
  <IsFlagged>true</IsFlagged>
  <Note xmlns="https://notes.example/">a&#13;&#x0A;b  </Note>
</Gadget>`;
    expect(decodeRequest(gadgetModel, 'restXml', 'PutGadget', xmlRequest(xml))).toEqual(expected);
  });

  it('writes such a document and reads it back', () => {
    const input: CaseObject = { ...expected };
    delete input['Name'];
    // An input encoded as if it were an output: the same structure under the output's rules.
    const outputModel = parseApiModel(
      {
        ...gadgetModel.file,
        operations: { PutGadget: { http: { method: 'PUT', path: '/gadgets/{Name}', code: 200 }, input: 'PutGadgetInput', output: 'EchoOutput', errors: [] } },
        shapes: { ...gadgetModel.file.shapes, EchoOutput: { ...(gadgetModel.file.shapes['PutGadgetInput'] as ApiShape), members: withoutName() } },
      },
      'gadget echo model',
    );
    const response = encodeResponse(outputModel, 'restXml', 'PutGadget', input);
    const body = Buffer.from(response.body).toString('utf8');
    expect(body).toContain('<Note xmlns="https://notes.example/">a&#13;\nb  </Note>');
    expect(body).toContain('<Prop><K>volts</K><V>3.3</V></Prop><Prop><K>amps</K><V>-2</V></Prop>');
    expect(body).toContain('<Seen>1714566896.5</Seen>');
    expect(decodeRequest(gadgetModel, 'restXml', 'PutGadget', xmlRequest(body))).toEqual(expected);
  });

  it('writes an attribute on a nested structure, a flattened map with default key and value names, and a list with a member xmlName', () => {
    const response = encodeResponse(gadgetModel, 'restXml', 'PutGadget', { Part: { Id: 'p "1"', Weight: 0.25 }, Labels: { a: '1' }, Codes: ['x', 'y'] });
    expect(Buffer.from(response.body).toString('utf8')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><PutGadgetOutput xmlns="https://gadgets.example/doc/2024-01-01/">' +
        '<Part id="p &quot;1&quot;"><Weight>0.25</Weight></Part><Labels><key>a</key><value>1</value></Labels>' +
        '<CodeSet><Code>x</Code><Code>y</Code></CodeSet></PutGadgetOutput>',
    );
    expect(response.headers['content-type']).toBe('application/xml');
  });

  it('refuses what is not well-formed, a DOCTYPE, another root, an unknown element, a repeated member, text XML cannot carry', () => {
    const decode = (xml: string) => decodeRequest(gadgetModel, 'restXml', 'PutGadget', xmlRequest(xml));
    expect(() => decode('<Gadget><Made>x</Gadget>')).toThrow(/not well-formed XML: <\/Gadget> does not close <Made>/);
    expect(() => decode('<!DOCTYPE g [<!ENTITY x "y">]><Gadget/>')).toThrow(/DOCTYPE/);
    expect(() => decode('<Gizmo/>')).toThrow(/root element is <Gizmo>, not <Gadget>/);
    expect(() => decode('<Gadget><Colour>red</Colour></Gadget>')).toThrow(/the element <Colour> is no member of PutGadgetInput/);
    expect(() => decode('<Gadget><Made>2024-05-01T12:34:56Z</Made><Made>2024-05-01T12:34:56Z</Made></Gadget>')).toThrow(
      /PutGadgetInput\.Made: the element <Made> occurs 2 times/,
    );
    expect(() => decode('<Gadget><Data>&nbsp;</Data></Gadget>')).toThrow(/&nbsp; is no predefined entity/);
    expect(() => encodeResponse(gadgetModel, 'restXml', 'PutGadget', { Codes: ['bell\u0007'] })).toThrow(
      /PutGadgetOutput\.Codes\[0\]: .* XML 1\.0 cannot carry/,
    );
  });
});

function withoutName(): Record<string, ApiMember> {
  const shape = gadgetModel.shape('PutGadgetInput');
  if (shape?.type !== 'structure') throw new Error('no PutGadgetInput');
  const { Name: _name, ...members } = shape.members;
  return members;
}

describe('awsQuery rules, by the protocol description', () => {
  const form = (body: string, contentType = 'application/x-www-form-urlencoded; charset=utf-8'): WireRequest => ({
    method: 'POST',
    path: '/',
    query: '',
    headers: { 'content-type': contentType },
    body: new Uint8Array(Buffer.from(body, 'utf8')),
  });

  it("reads '+' as a space, numbered items in any order, and the empty list", () => {
    expect(
      decodeRequest(
        snsModel,
        'awsQuery',
        'CreateTopic',
        form('Action=CreateTopic&Version=2010-03-31&Name=a+b%2Bc&Tags.member.2.Key=k2&Tags.member.2.Value=v2&Tags.member.1.Key=k1&Tags.member.1.Value=v1'),
      ),
    ).toEqual({
      Name: 'a b+c',
      Tags: [
        { Key: 'k1', Value: 'v1' },
        { Key: 'k2', Value: 'v2' },
      ],
    });
  });

  it('refuses another action or version, an unknown or repeated parameter, gaps in the numbering, a missing map value', () => {
    const decode = (body: string) => decodeRequest(snsModel, 'awsQuery', 'CreateTopic', form(body));
    expect(() => decode('Action=DeleteTopic&Version=2010-03-31&Name=a')).toThrow(/Action is "DeleteTopic", not CreateTopic/);
    expect(() => decode('Action=CreateTopic&Version=2009-01-01&Name=a')).toThrow(/Version is "2009-01-01", not 2010-03-31/);
    expect(() => decode('Action=CreateTopic&Version=2010-03-31&Name=a&Colour=blue')).toThrow(/the parameter "Colour", which no member/);
    expect(() => decode('Action=CreateTopic&Version=2010-03-31&Name=a&Name=b')).toThrow(/the parameter "Name" is repeated/);
    expect(() => decode('Action=CreateTopic&Version=2010-03-31&Name=a&Tags.member.2.Key=k&Tags.member.2.Value=v')).toThrow(
      /CreateTopicInput\.Tags: the parameters Tags\.member\.N are not numbered 1 to 1/,
    );
    expect(() => decode('Action=CreateTopic&Version=2010-03-31&Name=a&Attributes.entry.1.key=k')).toThrow(/no parameter Attributes\.entry\.1\.value/);
    expect(() => decodeRequest(snsModel, 'awsQuery', 'CreateTopic', form('Action=CreateTopic&Version=2010-03-31&Name=a', 'application/json'))).toThrow(
      /must be sent as application\/x-www-form-urlencoded/,
    );
  });

  it('writes the response document with the service namespace, the result and the request ID', () => {
    const response = encodeResponse(snsModel, 'awsQuery', 'GetTopicAttributes', { Attributes: { DisplayName: 'a&b' } }, { requestId: 'r-1' });
    expect(Buffer.from(response.body).toString('utf8')).toBe(
      '<GetTopicAttributesResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><GetTopicAttributesResult><Attributes>' +
        '<entry><key>DisplayName</key><value>a&amp;b</value></entry></Attributes></GetTopicAttributesResult>' +
        '<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetTopicAttributesResponse>',
    );
    expect(response.headers).toEqual({ 'content-type': 'text/xml', 'x-amzn-requestid': 'r-1' });
  });
});

// ---------------------------------------------------------------------------------------------
// Rules checked without an SDK: what the codec refuses, and the awsJson1_1 media type

describe('the codec refuses what it cannot read or write', () => {
  const sqsRequest = (target: string, contentType = 'application/x-amz-json-1.0'): WireRequest => ({
    method: 'POST',
    path: '/',
    query: '',
    headers: { 'x-amz-target': target, 'content-type': contentType },
    body: new Uint8Array(Buffer.from(JSON.stringify({ QueueUrl: QUEUE_URL }))),
  });

  it('an awsJson request whose x-amz-target names another operation', () => {
    expect(decodeRequest(sqsModel, 'awsJson1_0', 'ReceiveMessage', sqsRequest('AmazonSQS.ReceiveMessage'))).toEqual({ QueueUrl: QUEUE_URL });
    expect(() => decodeRequest(sqsModel, 'awsJson1_0', 'ReceiveMessage', sqsRequest('AmazonSQS.DeleteMessage'))).toThrow(
      /names DeleteMessage, not ReceiveMessage/,
    );
    expect(() => decodeRequest(sqsModel, 'awsJson1_0', 'ReceiveMessage', { ...sqsRequest('x'), headers: {} })).toThrow(/no x-amz-target/);
  });

  it('awsJson1_1 differs from awsJson1_0 in the media type', () => {
    // The same operations, declared as an awsJson1_1 service.
    const sqs11 = parseApiModel({ ...sqsModelFile, protocol: 'awsJson1_1' }, 'SQS test model (awsJson1_1)');
    expect(encodeResponse(sqs11, 'awsJson1_1', 'ListQueues', {}).headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(encodeError(sqs11, 'awsJson1_1', 'ListQueues', { code: 'X', status: 400, message: 'm', requestId: 'r' }).headers['content-type']).toBe(
      'application/x-amz-json-1.1',
    );
    expect(decodeRequest(sqs11, 'awsJson1_1', 'ReceiveMessage', sqsRequest('AmazonSQS.ReceiveMessage', 'application/x-amz-json-1.1'))).toEqual({
      QueueUrl: QUEUE_URL,
    });
    expect(() => decodeRequest(sqs11, 'awsJson1_1', 'ReceiveMessage', sqsRequest('AmazonSQS.ReceiveMessage'))).toThrow(/application\/x-amz-json-1\.1/);
  });

  it("another protocol than the model's", () => {
    expect(protocolOf(lambdaModel)).toBe('restJson1');
    expect(protocolOf(sqsModel)).toBe('awsJson1_0');
    expect(() => decodeRequest(sqsModel, 'restJson1', 'ReceiveMessage', sqsRequest('AmazonSQS.ReceiveMessage'))).toThrow(/speaks awsJson1_0, not restJson1/);
    expect(() => encodeResponse(lambdaModel, 'awsJson1_0', 'ListFunctions', {})).toThrow(/speaks restJson1, not awsJson1_0/);
  });

  it('a JSON key, query parameter or output member the model does not know, naming it', () => {
    const body = new Uint8Array(Buffer.from(JSON.stringify({ QueueUrl: QUEUE_URL, Colour: 'blue' })));
    expect(() => decodeRequest(sqsModel, 'awsJson1_0', 'ReceiveMessage', { ...sqsRequest('AmazonSQS.ReceiveMessage'), body })).toThrow(/"Colour"/);
    const listFunctions: WireRequest = { method: 'GET', path: '/2015-03-31/functions', query: 'MaxItems=5&Colour=blue', headers: {}, body: new Uint8Array() };
    expect(() => decodeRequest(lambdaModel, 'restJson1', 'ListFunctions', listFunctions)).toThrow(/query parameter "Colour"/);
    expect(() => encodeResponse(lambdaModel, 'restJson1', 'ListFunctions', { Functions: [], Colour: 'blue' })).toThrow(
      /ListFunctionsResponse has no member "Colour"/,
    );
    expect(() => encodeResponse(lambdaModel, 'restJson1', 'ListFunctions', { Functions: [{ FunctionName: 'f', Colour: 'blue' }] })).toThrow(
      /ListFunctionsResponse\.Functions\[0\].*no member "Colour"/,
    );
  });

  it('a request for another path or method', () => {
    const request: WireRequest = { method: 'GET', path: '/2015-03-31/functions/orders-api/versions', query: '', headers: {}, body: new Uint8Array() };
    expect(decodeRequest(lambdaModel, 'restJson1', 'ListVersionsByFunction', request)).toEqual({ FunctionName: 'orders-api' });
    expect(() => decodeRequest(lambdaModel, 'restJson1', 'ListAliases', request)).toThrow(/does not fit the URI template/);
    expect(() => decodeRequest(lambdaModel, 'restJson1', 'ListVersionsByFunction', { ...request, method: 'DELETE' })).toThrow(/sent with GET/);
  });

  it('values of the wrong type, with the member path', () => {
    expect(() => encodeResponse(lambdaModel, 'restJson1', 'Invoke', { Payload: 'not a blob' })).toThrow(/InvocationResponse\.Payload: a blob is written/);
    expect(() => encodeResponse(lambdaModel, 'restJson1', 'GetFunction', { Concurrency: { ReservedConcurrentExecutions: '25' } })).toThrow(
      /GetFunctionResponse\.Concurrency\.ReservedConcurrentExecutions: expected a number/,
    );
    expect(() => encodeResponse(lambdaModel, 'restJson1', 'StopDurableExecution', { StopTimestamp: '2025-12-02 09:00' })).toThrow(
      /StopDurableExecutionResponse\.StopTimestamp: timestamps are written as RFC 3339/,
    );
  });

  it('what it does not implement: event streams, big numbers, sparse collections, another protocol', () => {
    expect(() => encodeResponse(lambdaModel, 'restJson1', 'InvokeWithResponseStream', { EventStream: { PayloadChunk: { Payload: { $text: 'x' } } } })).toThrow(
      /InvokeWithResponseStreamResponse\.EventStream: event streams are not supported/,
    );
    const bigModel = parseApiModel({
      formatVersion: 1,
      service: 'big',
      protocol: 'awsJson1_0',
      sdkId: 'Big',
      namespace: 'example.big',
      sdkPackage: 'none',
      sdkVersion: '0',
      operations: { Count: { http: { method: 'POST', path: '/', code: 200 }, input: 'CountInput', output: 'CountOutput', errors: [] } },
      shapes: { CountInput: structure({}), CountOutput: structure({ Total: member('bigInteger', 'bigInteger') }) },
      enums: {},
    } satisfies ApiModelFile);
    expect(() => encodeResponse(bigModel, 'awsJson1_0', 'Count', { Total: 1 })).toThrow(/CountOutput\.Total: bigInteger values are not supported/);
    expect(() => encodeResponse(lambdaModel, 'restJson1', 'ListFunctions', { Functions: [null] })).toThrow(/Functions\[0\]: null elements need a sparse list/);
    expect(() => encodeResponse(lambdaModel, 'ec2Query', 'ListFunctions', {})).toThrow(/does not speak the protocol "ec2Query"/);
  });
});
