/**
 * Mendix's AWS Authentication module (Marketplace component 120333) as a credential source: the part
 * of its domain model a connector generated against it uses, and the step that turns a spec into that
 * form. Every Mendix AWS connector takes the module's `Credentials` and `ENUM_Region` and lets its
 * requests generalize `AbstractRequest`, so an app configures AWS once for all of them.
 *
 * Facts from AWS Authentication 4.1.3 (its domain model as stored in an app on Studio Pro 10.24:
 * github.com/Entidad/mendix-aws-kms-connector @ 6bfe2b25a4a7d1d6d4e2bfac7ea45d72ce668eb5) and 3.2.2
 * (github.com/mendix/genai-showcase-app @ 53389ac7d51ba4117f9bf1c5b0b4204f2054249c), which have the
 * same entities, attributes and associations used here; Mendix's documentation of the module:
 * docs.mendix.com, "AWS Authentication" (content/en/docs/marketplace/platform-supported-content/
 * modules/aws/aws-authentication.md).
 */
import type { AttributeSpec, CaseValue, ConnectorSpec, CredentialSource, EntitySpec, ExternalModuleSpec, ParameterSpec } from './types.js';

export const AWS_AUTHENTICATION_MODULE = 'AWSAuthentication';
/** The versions whose domain model the generated module was built and tested against. */
export const AWS_AUTHENTICATION_VERSIONS = '3.x and 4.x';

const q = (name: string): string => `${AWS_AUTHENTICATION_MODULE}.${name}`;

/** Qualified names of what the activities use. */
export const AWS_AUTHENTICATION = {
  credentials: q('Credentials'),
  temporaryCredentials: q('TemporaryCredentials'),
  region: q('ENUM_Region'),
  abstractRequest: q('AbstractRequest'),
  basicClientConfig: q('BasicClientConfig'),
  sdkClientConfig: q('SdkClientConfig'),
  noRetryPolicy: q('NoRetryPolicy'),
  numberRetryPolicy: q('NumberRetryPolicy'),
  apacheHttpConfig: q('ApacheHttpConfig'),
  requestClientConfig: q('AbstractRequest_BasicClientConfig'),
  retryPolicy: q('SdkClientConfig_AbstractRetryPolicy'),
  httpConfig: q('SdkClientConfig_AbstractHttpConfig'),
} as const;

/** The attributes of AWS Authentication's entities that the activities read (credentials and client settings). */
export const AWS_AUTHENTICATION_ATTRIBUTES = {
  accessKey: 'AccessKey',
  secretAccessKey: 'SecretAccessKey',
  token: 'Token',
  apiTimeoutMs: 'ApiTimeOutInMs',
  endpointUrl: 'EndpointUrl',
  maxNumberOfRetries: 'MaxNumberOfRetries',
} as const;
const A = AWS_AUTHENTICATION_ATTRIBUTES;

/** The 32 keys of AWS Authentication 4.1.3's ENUM_Region with their captions (`<code> (<place>)`). */
const REGIONS: ReadonlyArray<readonly [string, string]> = [
  ['us_east_1', 'N. Virginia'],
  ['us_east_2', 'Ohio'],
  ['us_west_1', 'N. California'],
  ['us_west_2', 'Oregon'],
  ['af_south_1', 'Cape Town'],
  ['ap_east_1', 'Hong Kong'],
  ['ap_northeast_1', 'Tokyo'],
  ['ap_northeast_2', 'Seoul'],
  ['ap_northeast_3', 'Osaka'],
  ['ap_south_1', 'Mumbai'],
  ['ap_south_2', 'Hyderabad'],
  ['ap_southeast_1', 'Singapore'],
  ['ap_southeast_2', 'Sydney'],
  ['ap_southeast_3', 'Jakarta'],
  ['ap_southeast_4', 'Melbourne'],
  ['ca_central_1', 'Canada Central'],
  ['ca_west_1', 'Calgary'],
  ['eu_central_1', 'Frankfurt'],
  ['eu_central_2', 'Zurich'],
  ['eu_north_1', 'Stockholm'],
  ['eu_south_1', 'Milan'],
  ['eu_south_2', 'Spain'],
  ['eu_west_1', 'Ireland'],
  ['eu_west_2', 'London'],
  ['eu_west_3', 'Paris'],
  ['il_central_1', 'Tel Aviv'],
  ['me_central_1', 'UAE'],
  ['me_south_1', 'Bahrain'],
  ['mx_central_1', 'Mexico Central'],
  ['sa_east_1', 'São Paulo'],
  ['us_gov_east_1', 'GovCloud (US-East)'],
  ['us_gov_west_1', 'GovCloud (US-West)'],
];

/** The region code of a key of ENUM_Region, as AWS Authentication's Utils.convertAWSRegion derives it. */
export function awsAuthenticationRegionCode(key: string): string {
  return key.replace(/_/g, '-');
}

const attr = (name: string, type: AttributeSpec['type'], documentation: string, secret = false): AttributeSpec => ({ name, type, secret, documentation });
const text = (name: string, length: number | 'unlimited', documentation: string, secret = false): AttributeSpec => ({
  ...attr(name, 'String', documentation, secret),
  length,
});
const long = (name: string, documentation: string): AttributeSpec => attr(name, 'Long', documentation);
const entity = (name: string, generalization: string | undefined, attributes: EntitySpec['attributes'], documentation: string): EntitySpec => ({
  name: q(name),
  ...(generalization ? { generalization: q(generalization) } : {}),
  documentation,
  // Non-persistable: AWS Authentication's entities (but its Settings) live in memory only.
  persistable: false,
  attributes,
});

/** The part of AWS Authentication's domain model the generated module refers to or reads. */
export function awsAuthenticationModule(): ExternalModuleSpec {
  return {
    name: AWS_AUTHENTICATION_MODULE,
    entities: [
      entity(
        'Credentials',
        undefined,
        [text(A.accessKey, 200, 'The access key ID.'), text(A.secretAccessKey, 500, 'The secret access key.', true)],
        'Static credentials (or the base of temporary ones).',
      ),
      entity(
        'TemporaryCredentials',
        'Credentials',
        [text(A.token, 'unlimited', 'The session token.', true), attr('Expiration', 'DateTime', 'When the credentials expire.')],
        'Temporary credentials, as the module gets them through IAM Roles Anywhere.',
      ),
      entity('AbstractRequest', undefined, [], 'The base of every request entity of the AWS connectors.'),
      entity(
        'BasicClientConfig',
        undefined,
        [long(A.apiTimeoutMs, 'Milliseconds the whole call may take.'), text(A.endpointUrl, 'unlimited', 'The endpoint to call instead of the default.')],
        'Client settings of a request.',
      ),
      entity(
        'SdkClientConfig',
        'BasicClientConfig',
        [long('ApiAttemptTimeOutInMs', 'Milliseconds one attempt may take.')],
        'Client settings with retries and HTTP settings.',
      ),
      entity('AbstractRetryPolicy', undefined, [], 'How failed calls are retried.'),
      entity('NoRetryPolicy', 'AbstractRetryPolicy', [], 'Calls are not retried.'),
      entity(
        'NumberRetryPolicy',
        'AbstractRetryPolicy',
        [attr(A.maxNumberOfRetries, 'Integer', 'Retries after the first attempt.')],
        'Calls are retried a number of times.',
      ),
      entity('AbstractHttpConfig', undefined, [], 'HTTP client settings.'),
      entity(
        'ApacheHttpConfig',
        'AbstractHttpConfig',
        [
          long('ConnectionTimeOutInMs', 'Milliseconds to open a connection.'),
          long('SocketTimeOutInMs', 'Milliseconds to wait for data.'),
          long('ConnectionAcquisitionTimeOutInMs', 'Milliseconds to wait for a pooled connection.'),
          long('ConnectionMaxIdleTimeInMs', 'Milliseconds a pooled connection may stay idle.'),
          long('ConnectionTimeToLiveInMs', 'Milliseconds a pooled connection may live.'),
          attr('MaxConnections', 'Integer', 'Most open connections.'),
        ],
        'Settings of the Apache HTTP client.',
      ),
    ],
    enumerations: [
      {
        name: q('ENUM_Region'),
        documentation: 'AWS regions.',
        values: REGIONS.map(([key, place]) => ({ name: key, caption: `${awsAuthenticationRegionCode(key)} (${place})` })),
      },
    ],
    associations: [
      {
        name: q('AbstractRequest_BasicClientConfig'),
        parent: q('AbstractRequest'),
        child: q('BasicClientConfig'),
        type: 'Reference',
        owner: 'Both',
        documentation: '',
      },
      {
        name: q('SdkClientConfig_AbstractRetryPolicy'),
        parent: q('SdkClientConfig'),
        child: q('AbstractRetryPolicy'),
        type: 'Reference',
        owner: 'Both',
        documentation: '',
      },
      {
        name: q('SdkClientConfig_AbstractHttpConfig'),
        parent: q('SdkClientConfig'),
        child: q('AbstractHttpConfig'),
        type: 'Reference',
        owner: 'Both',
        documentation: '',
      },
    ],
  };
}

/** What a module generated against AWS Authentication needs in the app, in the words of its documentation. */
export function awsAuthenticationPrerequisite(): string {
  return (
    `This form of the module takes its credentials, region and client settings from Mendix's AWS Authentication module (${AWS_AUTHENTICATION_VERSIONS}), ` +
    "which must be in the app before this module is imported: pass the Credentials from AWS Authentication's GetStaticCredentials or GetTemporaryCredentials " +
    'and one of its ENUM_Region values; the client settings go on a BasicClientConfig or SdkClientConfig associated with the request.'
  );
}

/** The credential source a spec asks for, unless a command line option overrides it. */
export function credentialSourceOf(spec: ConnectorSpec, override?: CredentialSource): CredentialSource {
  return override ?? spec.client.credentialSource ?? 'module';
}

/**
 * The spec of the module generated against AWS Authentication: the spec's own credential entity,
 * provider enumeration, region enumeration and request base are left out; the activities take
 * AWS Authentication's Credentials and ENUM_Region, and the request entities generalize its
 * AbstractRequest. Cases that give static keys are kept, in AWS Authentication's shape; the others
 * (assume-role and default-chain credentials, regions AWS Authentication does not list) are left out,
 * since that module has no such inputs.
 */
export function withAwsAuthentication(spec: ConnectorSpec): ConnectorSpec {
  const client = spec.client;
  const own = client.credentials;
  const settings = client.settings;
  const provider = spec.entities.find((e) => e.name === own.entity)?.attributes.find((a) => a.name === own.providerAttribute);
  const dropped = new Set([own.entity, settings.entity]);
  const droppedEnumerations = new Set([client.region.enumeration, ...(provider?.enumeration ? [provider.enumeration] : [])]);
  const external = awsAuthenticationModule();
  const regionKeys = new Set(REGIONS.map(([key]) => key));
  const parameter = (p: ParameterSpec): ParameterSpec => {
    if (p.role === 'credentials') return { ...p, entity: AWS_AUTHENTICATION.credentials };
    if (p.role === 'region') return { ...p, enumeration: AWS_AUTHENTICATION.region };
    return p;
  };
  return {
    ...spec,
    module: { ...spec.module, documentation: `${spec.module.documentation.trimEnd()} ${awsAuthenticationPrerequisite()}` },
    client: { ...client, credentialSource: 'awsAuthentication' },
    externalModules: [external],
    enumerations: spec.enumerations.filter((e) => !droppedEnumerations.has(e.name) || usedElsewhere(spec, e.name, own.entity)),
    entities: spec.entities
      .filter((e) => !dropped.has(e.name))
      .map((e) => (e.generalization === settings.entity ? { ...e, generalization: AWS_AUTHENTICATION.abstractRequest } : e)),
    operations: spec.operations.map((operation) => {
      const credentials = operation.parameters.find((p) => p.role === 'credentials')?.name ?? '';
      const region = operation.parameters.find((p) => p.role === 'region')?.name ?? '';
      const request = operation.parameters.find((p) => p.role === 'request')?.name ?? '';
      const cases = operation.cases.flatMap((c) => {
        const given = c.input[credentials];
        const regionValue = c.input[region];
        if (!isObject(given) || given[own.providerAttribute] !== own.providers.staticKeys) return [];
        if (typeof regionValue === 'string' && !regionKeys.has(regionValue)) return [];
        const token = given[own.sessionToken];
        const requestValue = c.input[request];
        return [
          {
            ...c,
            input: {
              ...c.input,
              [credentials]: {
                $entity: token !== undefined && token !== null ? AWS_AUTHENTICATION.temporaryCredentials : AWS_AUTHENTICATION.credentials,
                AccessKey: given[own.accessKeyId] ?? null,
                SecretAccessKey: given[own.secretAccessKey] ?? null,
                ...(token !== undefined && token !== null ? { Token: token } : {}),
              },
              [request]: isObject(requestValue) ? requestWithClientConfig(requestValue, spec) : (requestValue ?? null),
            },
          },
        ];
      });
      return { ...operation, parameters: operation.parameters.map(parameter), cases };
    }),
  };
}

/** The request settings of a case (endpoint, timeout, attempts) moved to an associated SdkClientConfig. */
function requestWithClientConfig(request: Record<string, CaseValue>, spec: ConnectorSpec): Record<string, CaseValue> {
  const s = spec.client.settings;
  const settingNames = new Set([s.endpointOverride, s.apiCallTimeoutSeconds, s.maxAttempts, ...(s.stsEndpointOverride ? [s.stsEndpointOverride] : [])]);
  const rest = Object.fromEntries(Object.entries(request).filter(([k]) => !settingNames.has(k)));
  const endpoint = request[s.endpointOverride];
  const timeout = request[s.apiCallTimeoutSeconds];
  const attempts = request[s.maxAttempts];
  const config: Record<string, CaseValue> = { $entity: AWS_AUTHENTICATION.sdkClientConfig };
  if (typeof endpoint === 'string') config[A.endpointUrl] = endpoint;
  if (typeof timeout === 'number') config[A.apiTimeoutMs] = timeout * 1000;
  if (typeof attempts === 'number')
    config[AWS_AUTHENTICATION.retryPolicy] =
      attempts <= 1 ? { $entity: AWS_AUTHENTICATION.noRetryPolicy } : { $entity: AWS_AUTHENTICATION.numberRetryPolicy, [A.maxNumberOfRetries]: attempts - 1 };
  return Object.keys(config).length > 1 ? { ...rest, [AWS_AUTHENTICATION.requestClientConfig]: config } : rest;
}

function isObject(value: unknown): value is Record<string, CaseValue> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Whether an enumeration is used by an attribute outside the credential entity (then it stays in the module). */
function usedElsewhere(spec: ConnectorSpec, enumeration: string, credentialEntity: string): boolean {
  return spec.entities.some((e) => e.name !== credentialEntity && e.attributes.some((a) => a.enumeration === enumeration));
}
