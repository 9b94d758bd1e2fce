import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as lambdaSdk from '@aws-sdk/client-lambda';
import { LambdaClient, LambdaServiceException } from '@aws-sdk/client-lambda';
import { ListQueuesCommand, QueueDoesNotExist, ReceiveMessageCommand, SendMessageCommand, SQSClient, SQSServiceException } from '@aws-sdk/client-sqs';
import { DescribeTableCommand, DynamoDBClient, DynamoDBServiceException, ListTablesCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { loadApiModel, parseApiModel, type ApiMember, type ApiModel, type ApiModelFile, type ApiShape } from '../../generator/aws/api-model.js';
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
async function jsonExchange(
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
    const { input, request, outcome } = await jsonExchange(
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
    const { input, outcome } = await jsonExchange(
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
      const { input, outcome } = await jsonExchange(
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

    const plain = await jsonExchange(sqsModel, 'awsJson1_0', 'SendMessage', send, () => encodeError(sqsModel, 'awsJson1_0', 'SendMessage', error));
    expect(errorOf(plain.outcome)).toEqual(expectedError(error));
    expect('error' in plain.outcome && plain.outcome.error).toBeInstanceOf(QueueDoesNotExist);

    const queryCompatible = await jsonExchange(sqsModel, 'awsJson1_0', 'SendMessage', send, () =>
      encodeError(sqsModel, 'awsJson1_0', 'SendMessage', error, { awsQueryErrorCode: 'AWS.SimpleQueueService.NonExistentQueue' }),
    );
    expect(errorOf(queryCompatible.outcome)).toEqual(expectedError(error));
    const thrown = 'error' in queryCompatible.outcome ? queryCompatible.outcome.error : undefined;
    expect(thrown).toBeInstanceOf(QueueDoesNotExist);
    expect(thrown).toMatchObject({ Code: 'AWS.SimpleQueueService.NonExistentQueue', Type: 'Sender' });
  });

  it('an error the model does not know still carries code, status, message and request ID', async () => {
    const error = { code: 'AccessDenied', status: 403, message: 'Access to the resource is denied.', requestId: 'c0ffee00-1234-4abc-8def-0123456789ac' };
    const { outcome } = await jsonExchange(
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
      const { input, request, outcome } = await jsonExchange(
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
    const found = await jsonExchange(
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
    const missing = await jsonExchange(
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
    expect(() => encodeResponse(lambdaModel, 'awsQuery', 'ListFunctions', {})).toThrow(/does not speak the protocol "awsQuery"/);
  });
});
