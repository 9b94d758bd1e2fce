/**
 * `mendix-connector call` on specs of services other than the bundled one, against moto_server: the
 * DynamoDB fixture (AWS JSON 1.0) lists tables created in moto, one page and all pages; the SQS
 * fixture sends, receives and lists.
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../generator/paths.js';
import { runConnectorCli } from '../../runtime/cli/connector-command.js';
import { clearClientCache } from '../../runtime/index.js';
import { captureOutput } from '../support/captured-output.js';
import { motoMissing, shouldSkip, startMoto, type ManagedProcess } from './harness.js';

const KEYS = ['--access-key-id', 'AKIACALLTEST', '--secret-access-key', 'call-test-secret'];
const TABLES = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];

describe.skipIf(shouldSkip('call against moto_server', motoMissing()))('mendix-connector call against moto_server', () => {
  let moto: ManagedProcess | undefined;
  const spec = join(PACKAGE_ROOT, 'test', 'specs', 'aws-dynamodb.connector.yaml');

  beforeAll(async () => {
    moto = await startMoto();
    const admin = new DynamoDBClient({ region: 'eu-west-1', endpoint: moto.endpoint, credentials: { accessKeyId: 'AKIAADMIN', secretAccessKey: 'admin' } });
    for (const name of TABLES) {
      await admin.send(
        new CreateTableCommand({
          TableName: name,
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
    }
    admin.destroy();
  }, 120_000);

  afterAll(async () => {
    clearClientCache();
    await moto?.stop();
  });

  it('sends a message to an SQS queue and receives it back (AWS JSON 1.0 with awsQueryCompatible)', async () => {
    const endpoint = moto?.endpoint ?? '';
    const sqs = new SQSClient({ region: 'eu-west-1', endpoint, credentials: { accessKeyId: 'AKIAADMIN', secretAccessKey: 'admin' } });
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'call-test' }));
    sqs.destroy();
    const sqsSpec = join(PACKAGE_ROOT, 'test', 'specs', 'aws-sqs.connector.yaml');
    const common = ['--region', 'eu-west-1', ...KEYS, '--endpoint-url', endpoint, '--json'];
    const sent = captureOutput();
    expect(await runConnectorCli(['call', sqsSpec, 'SendMessage', ...common, '--input', JSON.stringify({ QueueUrl, MessageBody: 'héllo ✓' })], sent)).toBe(0);
    const sentResult = JSON.parse(sent.stdout) as { MessageId: string; MD5OfMessageBody: string };
    expect(sentResult.MD5OfMessageBody).toBe(createHash('md5').update('héllo ✓', 'utf8').digest('hex'));
    const received = captureOutput();
    expect(
      await runConnectorCli(
        ['call', sqsSpec, 'receive-message', ...common, '--input', JSON.stringify({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 })],
        received,
      ),
    ).toBe(0);
    const messages = (JSON.parse(received.stdout) as { Message_ReceiveMessageResponse: Array<{ MessageId: string; Body: string }> })
      .Message_ReceiveMessageResponse;
    expect(messages.map((m) => [m.MessageId, m.Body])).toEqual([[sentResult.MessageId, 'héllo ✓']]);
    const listed = captureOutput();
    expect(await runConnectorCli(['call', sqsSpec, 'ListQueues', ...common, '--all-pages'], listed)).toBe(0);
    expect((JSON.parse(listed.stdout) as { QueueUrls: string }).QueueUrls.split(',')).toContain(QueueUrl);
  }, 60_000);

  it('lists one page with its continuation, then every page joined', async () => {
    const endpoint = moto?.endpoint ?? '';
    const page = captureOutput();
    const code = await runConnectorCli(
      ['call', spec, 'ListTables', '--region', 'eu-west-1', ...KEYS, '--endpoint-url', endpoint, '--input', '{"Limit": 2}', '--json'],
      page,
    );
    expect(page.stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(page.stdout)).toEqual({ TableNames: 'alpha,bravo', LastEvaluatedTableName: 'bravo' });

    const all = captureOutput();
    expect(
      await runConnectorCli(
        ['call', spec, 'list-tables', '--region', 'eu-west-1', ...KEYS, '--endpoint-url', endpoint, '--input', '{"Limit": 2}', '--all-pages', '--json'],
        all,
      ),
    ).toBe(0);
    expect(JSON.parse(all.stdout)).toEqual({ TableNames: TABLES.join(','), LastEvaluatedTableName: null });
  }, 60_000);
});
