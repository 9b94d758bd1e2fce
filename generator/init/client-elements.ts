/**
 * The elements every spec `init` writes besides the operations, as the bundled spec has them: the
 * Credentials entity and its provider enumeration, the request base entity with the client
 * settings, the region enumeration (every region of the partitions the AWS SDK knows, from
 * generator/aws/regions.ts) and the client binding that ties them to the client factory.
 */
import { PARTITION_LABELS, regionEnumValueName, type AwsRegion } from '../aws/regions.js';
import type { ClientSpec, EntitySpec, EnumerationSpec } from '../spec/types.js';

export const CREDENTIALS_ENTITY = 'Credentials';
export const REQUEST_BASE_ENTITY = 'AbstractRequest';
export const PROVIDER_ENUMERATION = 'ENUM_CredentialsProvider';
export const REGION_ENUMERATION = 'ENUM_Region';

/** The client settings on the request base, which every request entity inherits. */
export const REQUEST_BASE_ATTRIBUTES = ['EndpointOverride', 'StsEndpointOverride', 'ApiCallTimeoutSeconds', 'MaxAttempts'] as const;

export function clientBinding(): ClientSpec {
  return {
    region: { enumeration: REGION_ENUMERATION },
    credentials: {
      entity: CREDENTIALS_ENTITY,
      providerAttribute: 'Provider',
      providers: { staticKeys: 'StaticKeys', assumeRole: 'AssumeRole', defaultChain: 'DefaultProviderChain' },
      accessKeyId: 'AccessKeyId',
      secretAccessKey: 'SecretAccessKey',
      sessionToken: 'SessionToken',
      roleArn: 'RoleArn',
      externalId: 'ExternalId',
      roleSessionName: 'RoleSessionName',
    },
    settings: {
      entity: REQUEST_BASE_ENTITY,
      endpointOverride: 'EndpointOverride',
      apiCallTimeoutSeconds: 'ApiCallTimeoutSeconds',
      maxAttempts: 'MaxAttempts',
      stsEndpointOverride: 'StsEndpointOverride',
    },
  };
}

export function providerEnumeration(): EnumerationSpec {
  return {
    name: PROVIDER_ENUMERATION,
    documentation: 'Where an activity takes its AWS credentials from. Set it on the Provider attribute of the Credentials object you pass to the activity.',
    values: [
      {
        name: 'StaticKeys',
        caption: 'Static access keys',
        documentation: 'The access key ID, secret access key and, for temporary credentials, the session token stored on the Credentials object.',
      },
      {
        name: 'AssumeRole',
        caption: 'Assume an IAM role',
        documentation:
          'Temporary credentials for the IAM role in RoleArn, obtained from AWS STS. The call to STS is signed with the static keys on the same Credentials object when AccessKeyId is set, and with the default provider chain otherwise.',
      },
      {
        name: 'DefaultProviderChain',
        caption: 'Default provider chain',
        documentation:
          "The AWS SDK's default chain: environment variables, Java system properties, the shared credentials file, and the container or instance role of the machine that runs the app.",
      },
    ],
  };
}

export function regionEnumeration(regions: readonly AwsRegion[], serviceTitle: string): EnumerationSpec {
  return {
    name: REGION_ENUMERATION,
    documentation: `The AWS region whose ${serviceTitle} endpoint an activity calls. The list holds every region of the commercial, AWS GovCloud (US) and China partitions that the AWS SDK knows; the GovCloud and China regions need accounts in those partitions, and a service is not offered in every region.`,
    values: regions.map((r) => ({
      name: regionEnumValueName(r.region),
      caption: r.description,
      apiValue: r.region,
      documentation: `Region ${r.region} in ${PARTITION_LABELS[r.partition]}.`,
    })),
  };
}

export function credentialsEntity(service: string): EntitySpec {
  return {
    name: CREDENTIALS_ENTITY,
    documentation:
      'The AWS credentials an activity signs its request with. Set Provider to choose where they come from: static keys stored on this object, an IAM role assumed through AWS STS, or the default provider chain of the machine that runs the app. Create it in the microflow just before the call and do not store it: it is non-persistable so that secrets never reach the database.',
    persistable: false,
    attributes: [
      {
        name: 'Provider',
        type: 'Enumeration',
        enumeration: PROVIDER_ENUMERATION,
        default: 'DefaultProviderChain',
        secret: false,
        documentation: 'Where the credentials come from. Default provider chain when not set otherwise.',
      },
      {
        name: 'AccessKeyId',
        type: 'String',
        length: 128,
        secret: false,
        documentation:
          'The access key ID (starts with AKIA for long-term keys, ASIA for temporary ones). Used with StaticKeys, and with AssumeRole to sign the call to AWS STS.',
      },
      {
        name: 'SecretAccessKey',
        type: 'String',
        length: 128,
        secret: true,
        documentation: 'The secret access key that belongs to AccessKeyId. Never logged, never included in error messages.',
      },
      {
        name: 'SessionToken',
        type: 'String',
        length: 'unlimited',
        secret: true,
        documentation:
          'The session token of temporary credentials (access keys starting with ASIA). Leave empty for long-term access keys. Never logged, never included in error messages.',
      },
      {
        name: 'RoleArn',
        type: 'String',
        length: 2048,
        secret: false,
        documentation: 'AssumeRole only: the ARN of the IAM role to assume, for example arn:aws:iam::123456789012:role/MendixAppRole.',
      },
      {
        name: 'ExternalId',
        type: 'String',
        length: 1224,
        secret: false,
        documentation: "AssumeRole only, optional: the external ID the role's trust policy requires (2 to 1,224 characters).",
      },
      {
        name: 'RoleSessionName',
        type: 'String',
        length: 64,
        // The session name must be 2 to 64 characters of letters, digits and =,.@-.
        default: `mendix-${service}-connector`.replace(/[^A-Za-z0-9=,.@-]/g, '-').slice(0, 64),
        secret: false,
        documentation:
          'AssumeRole only: the session name that appears in AWS CloudTrail for calls made with the assumed role (2 to 64 characters of letters, digits and =,.@-).',
      },
    ],
  };
}

export function requestBaseEntity(serviceTitle: string): EntitySpec {
  return {
    name: REQUEST_BASE_ENTITY,
    documentation:
      'The settings every request shares: where the call goes, how long it may take and how often it is retried. Every request entity of this module specializes it, so these attributes are available on each of them. Leave them empty for the AWS SDK defaults.',
    persistable: false,
    attributes: [
      {
        name: 'EndpointOverride',
        type: 'String',
        length: 2048,
        secret: false,
        documentation: `Optional URL that replaces the regional ${serviceTitle} endpoint, for example a VPC interface endpoint or a local test endpoint. Empty uses the regional endpoint.`,
      },
      {
        name: 'StsEndpointOverride',
        type: 'String',
        length: 2048,
        secret: false,
        documentation:
          "Optional URL of the AWS STS endpoint that AssumeRole credentials are requested from, for example a VPC interface endpoint of STS. Empty uses the AWS SDK's own choice: the environment variable AWS_ENDPOINT_URL_STS when the app sets it, else the regional STS endpoint.",
      },
      {
        name: 'ApiCallTimeoutSeconds',
        type: 'Integer',
        secret: false,
        documentation: "Optional upper bound, in seconds, on the whole call including retries. Empty means 120 seconds; 0 means no limit beyond the SDK's own.",
      },
      {
        name: 'MaxAttempts',
        type: 'Integer',
        secret: false,
        documentation:
          'Optional maximum number of attempts, the first try included, for calls that fail with a retryable error (throttling, 5xx). Empty or 0 uses the SDK default (3); 1 disables retries.',
      },
    ],
  };
}
