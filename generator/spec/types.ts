/**
 * The connector spec, as the rest of the pipeline sees it after loading and validation.
 *
 * The shape mirrors `spec/connector.schema.json` one to one; the schema is what users and editors
 * see, these types are what the code sees. A test checks that both describe the same keys.
 */

export type AttributeType = 'String' | 'Integer' | 'Long' | 'Decimal' | 'Boolean' | 'DateTime' | 'Enumeration';

export const ATTRIBUTE_TYPES: readonly AttributeType[] = ['String', 'Integer', 'Long', 'Decimal', 'Boolean', 'DateTime', 'Enumeration'];

export interface ConnectorSpec {
  specVersion: 1;
  module: ModuleSpec;
  service: ServiceSpec;
  client: ClientSpec;
  enumerations: EnumerationSpec[];
  entities: EntitySpec[];
  associations: AssociationSpec[];
  objectMappings: ObjectMappingSpec[];
  operations: OperationSpec[];
  /** Modules of the app the generated module refers to (set by withAwsAuthentication, never written in a spec file). */
  externalModules?: ExternalModuleSpec[];
}

export interface ModuleSpec {
  name: string;
  version: string;
  mendixVersion: string;
  toolboxCategory: string;
  /** Operations the technical reference walks through step by step; the first operation when absent. */
  walkthroughs?: string[];
  /** PNG files of the toolbox icon (16 x 16) and image (64 x 64); after validation, absolute paths. */
  toolboxIcon?: { icon: string; image: string };
  javaPackage: string;
  documentation: string;
  moduleRoles: ModuleRoleSpec[];
  javaDependencies: JavaDependencySpec[];
}

export interface ModuleRoleSpec {
  name: string;
  documentation: string;
}

export interface JavaDependencySpec {
  groupId: string;
  artifactId: string;
  version: string;
}

/** The AWS service whose API model the mappings refer to. */
export interface ServiceSpec {
  name: string;
  /** Path of the API model, relative to the spec file. */
  apiModel: string;
}

/** How each activity builds its AWS client: which spec elements carry credentials, region and settings. */
export interface ClientSpec {
  region: { enumeration: string };
  credentials: CredentialsBindingSpec;
  settings: SettingsBindingSpec;
  /**
   * Where the activities take credentials, region and client settings from: the module's own
   * entities and enumeration (`module`, the default), or Mendix's AWS Authentication module
   * (`awsAuthentication`), which then must be in the app; see generator/spec/aws-authentication.ts.
   */
  credentialSource?: CredentialSource;
}

/** Where a module's activities take credentials, region and client settings from. */
export type CredentialSource = 'module' | 'awsAuthentication';
export const CREDENTIAL_SOURCES: readonly CredentialSource[] = ['module', 'awsAuthentication'];

/** A module of the app that the generated module refers to by qualified names; it is not part of the package. */
export interface ExternalModuleSpec {
  name: string;
  /** Entities with qualified names (`AWSAuthentication.Credentials`), generalizations qualified too. */
  entities: EntitySpec[];
  enumerations: EnumerationSpec[];
  associations: AssociationSpec[];
}

export interface CredentialsBindingSpec {
  entity: string;
  /** Enumeration attribute that selects the provider. */
  providerAttribute: string;
  /** Enumeration value names for each provider. */
  providers: { staticKeys: string; assumeRole: string; defaultChain: string };
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  roleArn: string;
  externalId: string;
  roleSessionName: string;
}

export interface SettingsBindingSpec {
  /** The request base entity: every request entity generalizes it. */
  entity: string;
  endpointOverride: string;
  apiCallTimeoutSeconds: string;
  maxAttempts: string;
  /** String attribute of the request base: the STS endpoint assume-role credentials are requested from, when not the SDK's own choice. */
  stsEndpointOverride?: string;
  /** Seconds a call may take when the request leaves apiCallTimeoutSeconds empty (DEFAULT_API_CALL_TIMEOUT_SECONDS when absent). */
  defaultApiCallTimeoutSeconds?: number;
}

export interface EnumerationSpec {
  name: string;
  documentation: string;
  values: EnumerationValueSpec[];
}

export interface EnumerationValueSpec {
  name: string;
  caption: string;
  /** The string the AWS API uses for this value; the value name when absent. */
  apiValue?: string;
  documentation?: string;
  /** Stands for any API value the enumeration does not list (one AWS added later); never sent. */
  newerValues?: true;
}

export interface EntitySpec {
  name: string;
  documentation: string;
  persistable: boolean;
  generalization?: string;
  attributes: AttributeSpec[];
}

export interface AttributeSpec {
  name: string;
  type: AttributeType;
  /** String length in characters, or 'unlimited'. Only for String. */
  length?: number | 'unlimited';
  enumeration?: string;
  default?: string | number | boolean;
  /** Never logged, echoed or written into generated output. */
  secret: boolean;
  documentation: string;
}

export type AssociationType = 'Reference' | 'ReferenceSet';
export type AssociationOwner = 'Default' | 'Both';

export interface AssociationSpec {
  name: string;
  /** The entity that stores the reference (the "from" side in Studio Pro). */
  parent: string;
  /** The entity referred to. */
  child: string;
  type: AssociationType;
  owner: AssociationOwner;
  documentation: string;
}

/** A named mapping from one API shape (structure or map) to an entity, reused by several operations. */
export interface ObjectMappingSpec {
  name: string;
  shape: string;
  entity: string;
  fields: FieldMappingSpec[];
}

export type FieldTrait = 'jsonPayload' | 'base64Json' | 'base64Text' | 'timestamp' | 'joinList';
export const FIELD_TRAITS: readonly FieldTrait[] = ['jsonPayload', 'base64Json', 'base64Text', 'timestamp', 'joinList'];

/**
 * One field of an API shape mapped to an attribute, or to associated objects.
 * `field` is a dotted member path (`Concurrency.ReservedConcurrentExecutions`);
 * in a mapping of a map shape, `$key` and `$value` name an entry's key and value.
 */
export type FieldMappingSpec = AttributeFieldMappingSpec | AssociationFieldMappingSpec;

export interface AttributeFieldMappingSpec {
  field: string;
  attribute: string;
  trait?: FieldTrait;
  /** Upper bound in bytes after the trait's encoding (base64Json, jsonPayload). */
  maxBytes?: number;
}

export interface AssociationFieldMappingSpec {
  field: string;
  association: string;
  mapping: string;
}

export type ParameterRole = 'credentials' | 'region' | 'request';

export interface ParameterSpec {
  name: string;
  role: ParameterRole;
  entity?: string;
  enumeration?: string;
  description: string;
}

export type ReturnSpec = { entity: string; description: string } | { type: 'Boolean'; description: string };

export interface PaginationTraitSpec {
  inputToken: string;
  outputToken: string;
  items: string;
  limit?: string;
  fetchAllAttribute: string;
  /** Most pages a fetch-all call reads before it fails; DEFAULT_MAX_PAGES when absent. */
  maxPages?: number;
}

export interface PayloadLimitsTraitSpec {
  attribute: string;
  byAttribute: string;
  limits: Record<string, number>;
}

export interface FunctionErrorTraitSpec {
  field: string;
  failAttribute: string;
}

export interface OperationTraitsSpec {
  pagination?: PaginationTraitSpec;
  payloadLimits?: PayloadLimitsTraitSpec;
  functionError?: FunctionErrorTraitSpec;
}

export interface OperationSpec {
  name: string;
  caption: string;
  documentation: string;
  /** The AWS API action (operation name in the API model). */
  action: string;
  /** AWS IAM permission the activity needs. */
  permission: string;
  parameters: ParameterSpec[];
  returns: ReturnSpec;
  request: FieldMappingSpec[];
  response: FieldMappingSpec[];
  traits: OperationTraitsSpec;
  cases: ConformanceCaseSpec[];
}

/** Values of one entity object in a case: attribute and association names to values. */
export type CaseValue = null | boolean | number | string | CaseValue[] | { [key: string]: CaseValue };
export type CaseObject = { [key: string]: CaseValue };

export interface CaseExchangeSpec {
  /** The exact command input the SDK receives. */
  request: CaseObject;
  /** The API's answer: output members, or an error. */
  response?: CaseObject;
  error?: CaseAwsErrorSpec;
}

export interface CaseAwsErrorSpec {
  code: string;
  status: number;
  message: string;
  requestId: string;
}

export interface CaseExpectedErrorSpec {
  /** `aws`: the API refused; `validation`: refused before any call; `functionError`: the function failed. */
  kind: 'aws' | 'validation' | 'functionError';
  message: string;
  code?: string;
  status?: number;
  requestId?: string;
}

export interface ConformanceCaseSpec {
  name: string;
  description?: string;
  /** Parameter values by parameter name: objects for entities, value names for enumerations. */
  input: CaseObject;
  exchanges: CaseExchangeSpec[];
  expect: { result: CaseValue } | { error: CaseExpectedErrorSpec };
}
