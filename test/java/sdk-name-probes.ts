/**
 * Services whose real AWS SDK for Java jars the naming test resolves: each with its sdkId (from the
 * service's model) and two operations. Kept apart so `npm test` can resolve the jars up front.
 */
import type { MavenCoordinate } from '../../generator/java/maven.js';

export const SDK_NAME_PROBE_VERSION = '2.57.8';

export const SDK_NAME_PROBES: ReadonlyArray<{ sdkId: string; artifactId: string; operations: [string, string] }> = [
  { sdkId: 'Lambda', artifactId: 'lambda', operations: ['ListFunctions', 'Invoke'] },
  { sdkId: 'STS', artifactId: 'sts', operations: ['AssumeRole', 'GetCallerIdentity'] },
  { sdkId: 'SQS', artifactId: 'sqs', operations: ['SendMessage', 'ReceiveMessage'] },
  { sdkId: 'DynamoDB', artifactId: 'dynamodb', operations: ['ListTables', 'GetItem'] },
  { sdkId: 'S3', artifactId: 's3', operations: ['ListObjectsV2', 'GetObject'] },
  { sdkId: 'CloudWatch Logs', artifactId: 'cloudwatchlogs', operations: ['DescribeLogGroups', 'PutLogEvents'] },
  { sdkId: 'API Gateway', artifactId: 'apigateway', operations: ['GetRestApis', 'CreateApiKey'] },
];

export const SDK_NAME_PROBE_JARS: readonly MavenCoordinate[] = SDK_NAME_PROBES.map((p) => ({
  groupId: 'software.amazon.awssdk',
  artifactId: p.artifactId,
  version: SDK_NAME_PROBE_VERSION,
}));
