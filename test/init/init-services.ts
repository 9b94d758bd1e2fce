/**
 * The services and operations the acceptance test of `init` writes specs for: eight services of
 * every protocol the installed SDKs speak (awsJson 1.0 and 1.1, awsQuery, restXml), small and large,
 * three to ten operations each, chosen to cover pagination (objects and joined text), request and
 * response associations (structures, lists, maps), enumerations, time stamps, numbers of each width
 * and renamed members. Kept apart so that test/tools/resolve-java-deps.ts can resolve their Java
 * classpath before the tests start.
 */
import type { ApiProtocol } from '../../generator/aws/api-model-types.js';
import type { MavenCoordinate } from '../../generator/java/maven.js';

/** The AWS SDK for Java release the specs depend on (the bundled spec's). */
export const INIT_JAVA_SDK_VERSION = '2.57.8';

export interface InitService {
  /** The package suffix: @aws-sdk/client-<service>. */
  service: string;
  /** The AWS SDK for Java module. */
  artifactId: string;
  /** The wire protocol (checked against the model init writes): it decides whether the Java cases can run. */
  protocol: ApiProtocol;
  operations: string[];
}

export const INIT_SERVICES: readonly InitService[] = [
  {
    service: 'sqs',
    artifactId: 'sqs',
    protocol: 'awsJson1_0',
    operations: ['ListQueues', 'SendMessage', 'ReceiveMessage', 'GetQueueUrl', 'DeleteMessage', 'ListQueueTags'],
  },
  {
    service: 'sns',
    artifactId: 'sns',
    protocol: 'awsQuery',
    operations: ['ListTopics', 'Publish', 'CreateTopic', 'Subscribe', 'GetTopicAttributes', 'ListTagsForResource'],
  },
  {
    service: 'dynamodb',
    artifactId: 'dynamodb',
    protocol: 'awsJson1_0',
    operations: ['ListTables', 'DescribeTable', 'DescribeLimits', 'ListTagsOfResource', 'ListBackups'],
  },
  {
    service: 's3',
    artifactId: 's3',
    protocol: 'restXml',
    operations: ['ListBuckets', 'ListObjectsV2', 'HeadObject', 'GetBucketLocation', 'DeleteObject', 'GetBucketTagging'],
  },
  {
    service: 'kinesis',
    artifactId: 'kinesis',
    protocol: 'awsJson1_1',
    operations: ['ListStreams', 'DescribeStreamSummary', 'ListShards', 'DescribeLimits', 'ListTagsForStream'],
  },
  {
    service: 'secrets-manager',
    artifactId: 'secretsmanager',
    protocol: 'awsJson1_1',
    operations: ['ListSecrets', 'DescribeSecret', 'GetSecretValue', 'CreateSecret', 'ListSecretVersionIds', 'GetRandomPassword'],
  },
  {
    service: 'ssm',
    artifactId: 'ssm',
    protocol: 'awsJson1_1',
    operations: ['GetParameter', 'GetParameters', 'GetParametersByPath', 'PutParameter', 'DescribeParameters', 'DeleteParameter', 'ListTagsForResource'],
  },
  {
    service: 'eventbridge',
    artifactId: 'eventbridge',
    protocol: 'awsJson1_1',
    operations: ['ListEventBuses', 'PutEvents', 'ListRules', 'DescribeRule', 'PutRule'],
  },
];

/**
 * One classpath for all the specs: every service's Java SDK module with STS and the HTTP client, all
 * at one version, so that one javac run compiles the Java of every spec.
 */
export const INIT_CLASSPATH: readonly MavenCoordinate[] = [...INIT_SERVICES.map((s) => s.artifactId), 'sts', 'apache5-client'].map((artifactId) => ({
  groupId: 'software.amazon.awssdk',
  artifactId,
  version: INIT_JAVA_SDK_VERSION,
}));
