/**
 * Turns a validated spec into the view models the Java templates render: one per Java action and one
 * per shared helper class. All decisions (names, conversions, which trait code to emit) are made here,
 * from the spec's mappings and traits and the API model; the templates only lay the data out.
 */
import type { ApiMemberView, ApiModelView } from '../validate/api-model-view.js';
import { SpecIndex } from '../spec/spec-index.js';
import type { AttributeFieldMappingSpec, AttributeSpec, AttributeType, ConnectorSpec, EntitySpec, OperationSpec, ParameterSpec } from '../spec/types.js';
import {
  operationPlan,
  planOf,
  type AttributeFieldPlan,
  type ConnectorPlan,
  type FieldPlan,
  type ObjectMappingPlan,
  type ObjectsFieldPlan,
  type OperationPlan,
} from '../plan/operation-plan.js';
import { formatCount } from '../spec/format-count.js';
import { defaultApiCallTimeoutSeconds } from '../spec/client-settings.js';
import { AWS_AUTHENTICATION } from '../spec/aws-authentication.js';
import { javaName, javaStringLiteral, sdkClientClass, sdkOperationClass, sdkShapeClass, upperFirst } from './java-names.js';

/** Thrown when a spec uses a construct the Java generator cannot express. */
export class JavaGenerationError extends Error {}

export interface JavaCommonView {
  javaPackage: string;
  moduleName: string;
  /** `"AWSLambdaConnector"`: the log node name as a Java literal. */
  logNodeLiteral: string;
  implPackage: string;
  clientClass: string;
  serviceLiteral: string;
}

/**
 * One parameter of a Java action, declared the way Studio Pro 10 declares it:
 * - an entity parameter arrives as `IMendixObject <Name>Parameter1`, is kept in the field
 *   `__<Name>` and turned into its proxy `<Name>` at the start of executeAction();
 * - an enumeration parameter arrives as the value name (`java.lang.String <Name>`) and is turned into
 *   the enumeration proxy in the constructor (`<pkg>.proxies.<Enum>.valueOf(<Name>)`), so the field
 *   `<Name>` has the proxy enum type. This is the one choice the generator makes for enumerations; the
 *   code in USER CODE only uses the fields, whose names and types are the same as Studio Pro's, so it
 *   keeps compiling when Studio Pro regenerates the rest of the file.
 */
export interface ActionParameterView {
  field: string;
  /** Entity parameters: the IMendixObject field and constructor argument. */
  isEntity: boolean;
  objectField: string;
  argument: string;
  argumentType: string;
  proxyClass: string;
  /** Enumeration parameters: the enum proxy class whose valueOf converts the value name. */
  isEnumeration: boolean;
}

export interface RequiredCheckView {
  field: string;
  messageLiteral: string;
}

export interface RequestFieldView {
  /** Declaration of the local holding the converted value: `final <type> <local> = <init>;`. */
  localType: string;
  local: string;
  init: string;
  presentCheck: string;
  builderMethod: string;
  argument: string;
}

/** Objects associated with the request object, built through an object mapping into the API input. */
export interface RequestAssociationView {
  isSingle: boolean;
  isList: boolean;
  isMap: boolean;
  local: string;
  /** The qualified association name, as Core.retrieveByPath takes it. */
  pathLiteral: string;
  associationLiteral: string;
  fieldLiteral: string;
  childClass: string;
  /** ObjectMappings method that builds one API value from one associated object. */
  toApiMethod: string;
  /** Java type of a list element or map value. */
  valueType: string;
  builderMethod: string;
  /** Map entries: the key as API text, read from the proxy `entry`, and the key attribute's qualified name for messages. */
  keyExpression: string;
  keyAttributeLiteral: string;
}

export interface PayloadLimitView {
  attributeLiteral: string;
  getter: string;
  byAttributeLiteral: string;
  byGetter: string;
  defaultValueLiteral: string;
  valueNamesLiteral: string;
  limitsLiteral: string;
}

export interface PaginationView {
  elementClass: string;
  itemsMember: string;
  outputTokenMember: string;
  inputTokenMethod: string;
  fetchAllGetter: string;
  /** The most pages a fetch-all call reads (the trait's maxPages), and the same with thousands separators for messages. */
  maxPages: number;
  maxPagesText: string;
}

export interface FunctionErrorView {
  errorMember: string;
  failGetter: string;
  /** Expression (on awsResponse) of the payload text holding the error details, or `null`. */
  detailsExpression: string;
}

export interface ResponseAttributeView {
  setter: string;
  value: string;
}

export interface ResponseAssociationView {
  /** `single` (structure), `list` (list of structures) or `map` (entries sorted by key). */
  isSingle: boolean;
  isList: boolean;
  isMap: boolean;
  local: string;
  sourceType: string;
  source: string;
  elementType: string;
  mapValueType: string;
  childClass: string;
  mappingMethod: string;
  link: string;
  /** ReferenceSet owned by the result: collected then set once. */
  collect: boolean;
  collectSetter: string;
}

export interface ActionView extends JavaCommonView {
  className: string;
  operationLiteral: string;
  javadoc: string[];
  returnsObject: boolean;
  returnType: string;
  parameters: ActionParameterView[];
  requiredChecks: RequiredCheckView[];
  credentialsField: string;
  regionField: string;
  requestField: string;
  requestClass: string;
  sdkRequestClass: string;
  sdkResponseClass: string;
  clientMethod: string;
  requestFields: RequestFieldView[];
  requestAssociations: RequestAssociationView[];
  payloadLimits: PayloadLimitView[];
  pagination: PaginationView | null;
  functionError: FunctionErrorView | null;
  resultClass: string;
  responseAttributes: ResponseAttributeView[];
  responseAssociations: ResponseAssociationView[];
}

export interface ObjectMappingView {
  /** Used in a response: creates an object from an API value. */
  fromApi: boolean;
  methodName: string;
  javadoc: string;
  entityClass: string;
  parameters: string;
  assignments: ResponseAttributeView[];
  /** Used in a request: builds an API value from an associated object. */
  toApi: ToApiMappingView | null;
}

export interface ToApiMappingView {
  methodName: string;
  javadoc: string;
  resultType: string;
  /** A structure is built member by member; a map entry whose value is one plain value returns it. */
  isStructure: boolean;
  fields: RequestFieldView[];
  whole: RequestFieldView | null;
  /** What an empty plain value becomes: the empty text for strings (an empty tag value is valid), else null (entry left out). */
  emptyValue: string;
}

export interface EnumValueView {
  constant: string;
  apiLiteral: string;
}

export interface EnumView {
  proxyClass: string;
  fromMethod: string;
  /** The values with an API value of their own. */
  values: EnumValueView[];
  /** The constant that stands for API values the enumeration does not list; empty when it has none. */
  newerConstant: string;
}

export interface ClientFactoryView extends JavaCommonView {
  /** The activities take AWS Authentication's Credentials, ENUM_Region and AbstractRequest (its client configuration). */
  awsAuthentication: boolean;
  temporaryCredentialsClass: string;
  basicClientConfigClass: string;
  sdkClientConfigClass: string;
  noRetryPolicyClass: string;
  numberRetryPolicyClass: string;
  apacheHttpConfigClass: string;
  clientConfigAssociationLiteral: string;
  retryPolicyAssociationLiteral: string;
  httpConfigAssociationLiteral: string;
  credentialsClass: string;
  providerGetter: string;
  providerClass: string;
  staticKeysConstant: string;
  assumeRoleConstant: string;
  defaultChainConstant: string;
  accessKeyIdGetter: string;
  secretAccessKeyGetter: string;
  sessionTokenGetter: string;
  roleArnGetter: string;
  externalIdGetter: string;
  roleSessionNameGetter: string;
  defaultSessionNameLiteral: string;
  regionClass: string;
  settingsClass: string;
  endpointOverrideGetter: string;
  apiCallTimeoutGetter: string;
  maxAttemptsGetter: string;
  accessKeyIdLiteral: string;
  secretAccessKeyLiteral: string;
  roleArnLiteral: string;
  regionLiteral: string;
  endpointOverrideLiteral: string;
  /** The JVM property that overrides the bound on cached clients: `<javaPackage>.maxCachedClients`. */
  maxCachedClientsPropertyLiteral: string;
  /** Seconds a call may take when the request leaves its timeout empty. */
  defaultApiCallTimeoutSeconds: number;
  /** Getter of the request's STS endpoint attribute; empty when the spec binds none. */
  stsEndpointOverrideGetter: string;
  stsEndpointOverrideLiteral: string;
}

export interface JavaViewModel {
  common: JavaCommonView;
  actions: ActionView[];
  clientFactory: ClientFactoryView;
  objectMappings: ObjectMappingView[];
  enums: EnumView[];
}

const NO_AWS_AUTHENTICATION = {
  awsAuthentication: false,
  temporaryCredentialsClass: '',
  basicClientConfigClass: '',
  sdkClientConfigClass: '',
  noRetryPolicyClass: '',
  numberRetryPolicyClass: '',
  apacheHttpConfigClass: '',
  clientConfigAssociationLiteral: '',
  retryPolicyAssociationLiteral: '',
  httpConfigAssociationLiteral: '',
} as const;

const ATTRIBUTE_JAVA_TYPES: Record<Exclude<AttributeType, 'Enumeration'>, string> = {
  String: 'java.lang.String',
  Integer: 'java.lang.Integer',
  Long: 'java.lang.Long',
  Decimal: 'java.math.BigDecimal',
  Boolean: 'java.lang.Boolean',
  DateTime: 'java.util.Date',
};

/** Builds every view model of the Java sources of a validated spec. */
export function buildJavaViewModel(spec: ConnectorSpec, index: SpecIndex, api: ApiModelView): JavaViewModel {
  const javaPackage = spec.module.javaPackage;
  const common: JavaCommonView = {
    javaPackage,
    moduleName: spec.module.name,
    logNodeLiteral: javaStringLiteral(spec.module.name),
    implPackage: `${javaPackage}.impl`,
    clientClass: sdkClientClass(api.sdkId),
    serviceLiteral: javaStringLiteral(spec.service.name),
  };
  const ctx = new Context(spec, index, api, common);
  return {
    common,
    actions: [...spec.operations].sort((a, b) => compareText(a.name, b.name)).map((o) => ctx.action(o)),
    clientFactory: ctx.clientFactory(),
    objectMappings: ctx.objectMappingPlans().map((m) => ctx.objectMapping(m)),
    enums: [...spec.enumerations]
      .sort((a, b) => compareText(a.name, b.name))
      .map((e) => ({
        proxyClass: ctx.proxy(e.name),
        fromMethod: enumFromMethod(e.name),
        values: e.values
          .filter((v) => !v.newerValues)
          .map((v) => ({ constant: javaName('enumConstant', v.name), apiLiteral: javaStringLiteral(SpecIndex.apiValue(v)) })),
        newerConstant: ((n) => (n ? javaName('enumConstant', n.name) : ''))(e.values.find((v) => v.newerValues)),
      })),
  };
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Name of the EnumValues method that turns an API value into a constant of the enumeration. */
export function enumFromMethod(enumeration: string): string {
  return javaName('enumFromApiMethod', enumeration);
}

/** A list or map of enum values in the AWS SDK for Java: read with `...AsStrings()`, built with `...WithStrings(...)`. */
function enumCollection(member: ApiMemberView): boolean {
  return member.elementEnum !== undefined || member.keyEnum !== undefined || (member.kind === 'list' && member.javaEnum === true);
}

/** Name of the ObjectMappings method of a named object mapping. */
export function objectMappingMethod(mapping: string): string {
  return javaName('variable', mapping);
}

/** Name of the ObjectMappings method that builds an API value through a mapping used in a request. */
export function toApiMethod(mapping: string): string {
  return `build${upperFirst(javaName('variable', mapping))}`;
}

/**
 * Spec text made safe inside a Java comment. javac turns `\u` escapes into characters before it reads
 * comments at all, so a backslash could break the file (`C:\users`: "illegal unicode escape") or end
 * the comment (`\u002a/`) and let the rest be compiled as code: backslashes, comment ends and control
 * characters become HTML character references, which Javadoc shows as the original characters.
 */
export function javaCommentText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/\\/g, '&#92;')
    .replace(/\*\//g, '*&#47;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Javadoc body lines: the text made comment-safe (javaCommentText) and wrapped at about 100 columns. */
export function javadocLines(text: string, width = 96): string[] {
  const words = javaCommentText(text)
    .split(/\s+/)
    .filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line.length > 0 && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line.length > 0 ? `${line} ${word}` : word;
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

class Context {
  private readonly plan: ConnectorPlan;

  constructor(
    private readonly spec: ConnectorSpec,
    private readonly index: SpecIndex,
    private readonly api: ApiModelView,
    private readonly common: JavaCommonView,
  ) {
    this.plan = planOf(spec, index, api);
  }

  /** The resolved object mappings, in name order. */
  objectMappingPlans(): ObjectMappingPlan[] {
    return [...this.plan.objectMappings.values()].sort((a, b) => compareText(a.name, b.name));
  }

  proxy(name: string): string {
    return javaName('proxyClass', name, this.common.javaPackage);
  }

  private impl(className: string): string {
    return `${this.common.implPackage}.${className}`;
  }

  private entity(name: string): EntitySpec {
    const entity = this.index.entity(name);
    if (!entity) throw new JavaGenerationError(`Entity "${name}" is not declared.`);
    return entity;
  }

  private attribute(entity: EntitySpec, name: string): AttributeSpec {
    const attribute = this.index.attribute(entity, name);
    if (!attribute) throw new JavaGenerationError(`Entity "${entity.name}" has no attribute "${name}".`);
    return attribute;
  }

  private attributeJavaType(attribute: AttributeSpec): string {
    if (attribute.type === 'Enumeration') return this.proxy(attribute.enumeration ?? '');
    return ATTRIBUTE_JAVA_TYPES[attribute.type];
  }

  private parameter(operation: OperationSpec, role: ParameterSpec['role']): ParameterSpec {
    const parameter = operation.parameters.find((p) => p.role === role);
    if (!parameter) throw new JavaGenerationError(`Operation "${operation.name}" has no ${role} parameter.`);
    return parameter;
  }

  action(operation: OperationSpec): ActionView {
    const service = this.api.sdkId;
    const opLiteral = javaStringLiteral(operation.name);
    const parameters: ActionParameterView[] = operation.parameters.map((p) => {
      const field = javaName('actionField', p.name);
      const isEntity = p.entity !== undefined;
      return {
        field,
        isEntity,
        isEnumeration: !isEntity,
        objectField: javaName('actionObjectField', p.name),
        argument: isEntity ? javaName('actionObjectArgument', p.name) : field,
        argumentType: isEntity ? 'IMendixObject' : 'java.lang.String',
        proxyClass: this.proxy(isEntity ? (p.entity ?? '') : (p.enumeration ?? '')),
      };
    });
    const credentials = this.parameter(operation, 'credentials');
    const region = this.parameter(operation, 'region');
    const requestParameter = this.parameter(operation, 'request');
    const plan = operationPlan(this.plan, operation.name);
    const requestEntity = plan.requestEntity;

    const requiredChecks = [credentials, region, requestParameter].map((p) => ({
      field: javaName('actionField', p.name),
      messageLiteral: javaStringLiteral(`${p.name} is required.`),
    }));

    const requestObject = `this.${javaName('actionField', requestParameter.name)}`;
    const requestFields: RequestFieldView[] = [];
    const requestAssociations: RequestAssociationView[] = [];
    for (const field of plan.request) {
      if (field.kind === 'attribute') requestFields.push(this.requestField(field, requestObject, `${field.field} of ${operation.name}`));
      else requestAssociations.push(this.requestAssociation(field));
    }
    const traits = operation.traits;
    const payloadLimits: PayloadLimitView[] = [];
    if (traits.payloadLimits) {
      const t = traits.payloadLimits;
      const byAttribute = this.attribute(requestEntity, t.byAttribute);
      const names = Object.keys(t.limits).sort(compareText);
      const fallback = byAttribute.default !== undefined ? String(byAttribute.default) : undefined;
      payloadLimits.push({
        attributeLiteral: javaStringLiteral(t.attribute),
        getter: javaName('proxyGetter', this.attribute(requestEntity, t.attribute).name),
        byAttributeLiteral: javaStringLiteral(t.byAttribute),
        byGetter: javaName('proxyGetter', byAttribute.name),
        defaultValueLiteral: fallback !== undefined ? javaStringLiteral(fallback) : 'null',
        valueNamesLiteral: `new java.lang.String[] { ${names.map((n) => javaStringLiteral(n)).join(', ')} }`,
        limitsLiteral: `new long[] { ${names.map((n) => `${t.limits[n] ?? 0}L`).join(', ')} }`,
      });
    }

    let pagination: PaginationView | null = null;
    if (plan.pagination) {
      const p = plan.pagination;
      const element = p.items.member.shape !== undefined ? this.api.elementOf(p.items.member.shape) : undefined;
      if (!element) throw new JavaGenerationError(`Pagination items "${p.items.field}" of ${operation.action} is not a list.`);
      pagination = {
        elementClass: this.valueClass(element),
        itemsMember: javaName('sdkMember', p.items.member.name),
        outputTokenMember: javaName('sdkMember', p.outputToken.name),
        inputTokenMethod: javaName('sdkMember', p.inputToken.name),
        fetchAllGetter: javaName('proxyGetter', p.fetchAllAttribute.name),
        maxPages: p.maxPages,
        maxPagesText: formatCount(p.maxPages),
      };
    }

    let functionError: FunctionErrorView | null = null;
    if (traits.functionError) {
      const t = traits.functionError;
      const payloadField = operation.response.find((m): m is AttributeFieldMappingSpec => 'attribute' in m && m.trait === 'jsonPayload');
      const detailsExpression = payloadField ? `${this.impl('ResponseMapping')}.utf8Text(awsResponse.${javaName('sdkMember', payloadField.field)}())` : 'null';
      functionError = {
        errorMember: javaName('sdkMember', t.field),
        failGetter: javaName('proxyGetter', this.attribute(requestEntity, t.failAttribute).name),
        detailsExpression,
      };
    }

    const returnsObject = 'entity' in operation.returns;
    const resultEntity = plan.responseEntity;
    const responseAttributes: ResponseAttributeView[] = [];
    const responseAssociations: ResponseAssociationView[] = [];
    for (const field of plan.response) {
      if (field.kind === 'attribute') responseAttributes.push(this.responseAttribute(field, 'awsResponse'));
      else responseAssociations.push(this.responseAssociation(field, plan));
    }

    return {
      ...this.common,
      className: javaName('actionField', operation.name),
      operationLiteral: opLiteral,
      javadoc: javadocLines(operation.documentation),
      returnsObject,
      returnType: returnsObject ? 'IMendixObject' : 'java.lang.Boolean',
      parameters,
      requiredChecks,
      credentialsField: javaName('actionField', credentials.name),
      regionField: javaName('actionField', region.name),
      requestField: javaName('actionField', requestParameter.name),
      requestClass: this.proxy(requestEntity.name),
      sdkRequestClass: sdkOperationClass(service, operation.action, 'Request'),
      sdkResponseClass: sdkOperationClass(service, operation.action, 'Response'),
      clientMethod: javaName('sdkOperationMethod', operation.action),
      requestFields,
      requestAssociations,
      payloadLimits,
      pagination,
      functionError,
      resultClass: resultEntity ? this.proxy(resultEntity.name) : '',
      responseAttributes,
      responseAssociations,
    };
  }

  /** The Java class of an API value: an SDK model class for structures, a JDK type otherwise. */
  private valueClass(member: ApiMemberView): string {
    switch (member.kind) {
      case 'structure':
      case 'union':
        return sdkShapeClass(this.api.sdkId, member.shape ?? '', this.api.javaClass(member.shape ?? ''));
      case 'string':
        return 'java.lang.String';
      case 'boolean':
        return 'java.lang.Boolean';
      case 'number':
        return 'java.lang.Number';
      case 'timestamp':
        return 'java.time.Instant';
      case 'blob':
        return 'software.amazon.awssdk.core.SdkBytes';
      default:
        throw new JavaGenerationError(`Values of kind ${member.kind} cannot be mapped to objects.`);
    }
  }

  /**
   * One attribute of `source` (a proxy expression) converted for the builder of an API structure: the
   * request, or a structure built from an associated object.
   */
  private requestField(mapping: AttributeFieldPlan, source: string, where: string): RequestFieldView {
    const member = mapping.member;
    const attribute = mapping.attribute;
    const request = `${source}.${javaName('proxyGetter', attribute.name)}()`;
    const local = javaName('variable', `in${attribute.name}`);
    const apiName = mapping.source.from === 'mapKey' ? '$key' : mapping.source.from === 'listItem' ? '$item' : (mapping.source.path[0]?.name ?? '$value');
    const builderMethod = javaName(enumCollection(member) ? 'sdkMemberWithStrings' : 'sdkMember', apiName);
    const rm = this.impl('RequestMapping');
    const op = 'operation';
    const name = javaStringLiteral(attribute.name);
    const maxBytes = mapping.maxBytes !== undefined ? `${mapping.maxBytes}L` : '-1L';
    if (mapping.trait === 'jsonPayload') {
      const init = `${rm}.jsonPayload(${op}, ${name}, ${request}, ${maxBytes})`;
      const argument =
        member.kind === 'blob'
          ? `software.amazon.awssdk.core.SdkBytes.fromByteArray(${local})`
          : `new java.lang.String(${local}, java.nio.charset.StandardCharsets.UTF_8)`;
      return { localType: 'byte[]', local, init, presentCheck: `${local} != null`, builderMethod, argument };
    }
    if (mapping.trait === 'base64Json') {
      const init = `${rm}.base64Json(${op}, ${name}, ${request}, ${maxBytes})`;
      const argument = member.kind === 'blob' ? `software.amazon.awssdk.core.SdkBytes.fromUtf8String(${local})` : local;
      return { localType: 'java.lang.String', local, init, presentCheck: `${local} != null`, builderMethod, argument };
    }
    if (mapping.trait === 'joinList') {
      const init = `${rm}.splitList(${request})`;
      return { localType: 'java.util.List<java.lang.String>', local, init, presentCheck: `${local} != null`, builderMethod, argument: local };
    }
    if (mapping.trait !== undefined) throw new JavaGenerationError(`Trait ${mapping.trait} applies to responses only (${where}).`);
    const localType = this.attributeJavaType(attribute);
    let argument = local;
    let presentCheck = `${local} != null`;
    switch (attribute.type) {
      case 'String':
        presentCheck = `!${rm}.isEmpty(${local})`;
        if (member.kind === 'blob') argument = `software.amazon.awssdk.core.SdkBytes.fromUtf8String(${local})`;
        break;
      case 'Enumeration': {
        argument = `${this.impl('EnumValues')}.apiValue(${local})`;
        const enumeration = this.index.enumeration(attribute.enumeration ?? '');
        // A value standing for newer API values has none to send: refused before the call.
        if (enumeration?.values.some((v) => v.newerValues))
          return {
            localType,
            local,
            init: `${this.impl('EnumValues')}.sendable(operation, ${javaStringLiteral(attribute.name)}, ${request})`,
            presentCheck,
            builderMethod,
            argument,
          };
        break;
      }
      case 'Decimal':
        if (member.kind === 'number') argument = `${local}.doubleValue()`;
        break;
      case 'DateTime':
        argument = member.kind === 'timestamp' ? `${local}.toInstant()` : `${rm}.isoTimestamp(${local})`;
        break;
      default:
        break;
    }
    return { localType, local, init: request, presentCheck, builderMethod, argument };
  }

  /** A Java expression reading a member path (resolved by the plan) from `root`, null-safe through structures. */
  private readSteps(steps: readonly ApiMemberView[], root: string): string {
    let expression = root;
    steps.forEach((member, i) => {
      const last = i === steps.length - 1;
      const kind = !last
        ? 'sdkMember'
        : member.enumName !== undefined || (member.kind === 'string' && member.javaEnum === true)
          ? 'sdkMemberAsString'
          : enumCollection(member)
            ? 'sdkMemberAsStrings'
            : 'sdkMember';
      const getter = javaName(kind, member.name);
      if (i === 0) expression = `${root}.${getter}()`;
      else expression = `${i === 1 ? `java.util.Optional.ofNullable(${expression})` : expression}.map(v -> v.${getter}())`;
    });
    return steps.length > 1 ? `${expression}.orElse(null)` : expression;
  }

  /** The Java expression of a field's value: from a structure (`root`), or from a map entry (`key`, `value`). */
  private readField(field: FieldPlan, root: string): string {
    switch (field.source.from) {
      case 'member':
        return this.readSteps(field.source.path, root);
      case 'mapKey':
        return 'key';
      case 'mapValue':
        return field.source.path.length === 0 ? 'value' : this.readSteps(field.source.path, 'value');
      case 'listItem':
        return 'item';
      default:
        throw new JavaGenerationError(`Field "${field.field}" has no source the Java generator knows.`);
    }
  }

  /** Converts an API value expression to the Java type of an attribute, applying the field trait. */
  private convertResponse(
    expression: string,
    member: ApiMemberView,
    attribute: AttributeSpec,
    trait: AttributeFieldMappingSpec['trait'],
    where: string,
  ): string {
    const rm = this.impl('ResponseMapping');
    switch (trait) {
      case 'jsonPayload':
        return `${rm}.utf8Text(${expression})`;
      case 'base64Text':
        return `${rm}.base64Text(${expression})`;
      case 'timestamp':
        return member.kind === 'timestamp' ? `${rm}.date(${expression})` : `${rm}.timestamp(${expression})`;
      case 'joinList':
        return `${rm}.joinList(${expression})`;
      case 'base64Json':
        throw new JavaGenerationError(`Trait base64Json applies to requests only (${where}).`);
      default:
        break;
    }
    switch (attribute.type) {
      case 'String':
        if (member.kind === 'string') return expression;
        if (member.kind === 'blob') return `${rm}.utf8Text(${expression})`;
        return `${rm}.text(${expression})`;
      case 'Enumeration':
        return `${this.impl('EnumValues')}.${enumFromMethod(attribute.enumeration ?? '')}(${member.kind === 'string' ? expression : `${rm}.text(${expression})`})`;
      case 'Integer':
        return `${rm}.toInteger(${expression})`;
      case 'Long':
        return `${rm}.toLong(${expression})`;
      case 'Decimal':
        return `${rm}.toDecimal(${expression})`;
      case 'Boolean':
        return expression;
      case 'DateTime':
        return member.kind === 'timestamp' ? `${rm}.date(${expression})` : `${rm}.timestamp(${expression})`;
    }
  }

  private responseAttribute(field: AttributeFieldPlan, root: string): ResponseAttributeView {
    return {
      setter: javaName('proxySetter', field.attribute.name),
      value: this.convertResponse(this.readField(field, root), field.member, field.attribute, field.trait, `${field.attribute.name} <- ${field.field}`),
    };
  }

  private responseAssociation(field: ObjectsFieldPlan, plan: OperationPlan): ResponseAssociationView {
    const association = field.association;
    const child = field.mapping.entity;
    if (!plan.responseEntity) throw new JavaGenerationError(`Operation "${plan.operation.name}" maps objects but returns no entity.`);
    const source = this.readField(field, 'awsResponse');
    const setter = javaName('associationSetter', association.name);
    const local = javaName('variable', `out${field.field.split('.').join('')}`);
    const isReferenceSet = association.type === 'ReferenceSet';
    let link: string;
    let collect = false;
    if (field.childOwns) link = isReferenceSet ? `child.${setter}(java.util.Collections.singletonList(result));` : `child.${setter}(result);`;
    else if (isReferenceSet) {
      collect = true;
      link = `${local}.add(child);`;
    } else link = `result.${setter}(child);`;
    const base = {
      local,
      source,
      childClass: this.proxy(child.name),
      mappingMethod: `${this.impl('ObjectMappings')}.${objectMappingMethod(field.mapping.name)}`,
      link,
      collect,
      collectSetter: setter,
    };
    if (field.container === 'single') {
      return { ...base, isSingle: true, isList: false, isMap: false, sourceType: this.valueClass(field.member), elementType: '', mapValueType: '' };
    }
    const element = field.member.shape !== undefined ? this.api.elementOf(field.member.shape) : undefined;
    if (!element) throw new JavaGenerationError(`"${field.field}" has no element type.`);
    if (field.container === 'list') {
      return { ...base, isSingle: false, isList: true, isMap: false, sourceType: '', elementType: this.valueClass(element), mapValueType: '' };
    }
    return { ...base, isSingle: false, isList: false, isMap: true, sourceType: '', elementType: '', mapValueType: this.valueClass(element) };
  }

  private requestAssociation(field: ObjectsFieldPlan): RequestAssociationView {
    const mapping = field.mapping;
    const keyField = mapping.fields.find((f) => f.source.from === 'mapKey');
    const element = field.container === 'single' ? field.member : field.member.shape !== undefined ? this.api.elementOf(field.member.shape) : undefined;
    if (!element) throw new JavaGenerationError(`"${field.field}" has no element type.`);
    const enumStrings = enumCollection(field.member);
    return {
      isSingle: field.container === 'single',
      isList: field.container === 'list',
      isMap: field.container === 'map',
      local: javaName('variable', `linked${field.field}`),
      pathLiteral: javaStringLiteral(`${this.common.moduleName}.${field.association.name}`),
      associationLiteral: javaStringLiteral(field.association.name),
      fieldLiteral: javaStringLiteral(field.field),
      childClass: this.proxy(mapping.entity.name),
      toApiMethod: `${this.impl('ObjectMappings')}.${toApiMethod(mapping.name)}`,
      valueType: this.valueClass(element),
      builderMethod: javaName(enumStrings ? 'sdkMemberWithStrings' : 'sdkMember', field.field),
      keyExpression: keyField ? this.keyExpression(keyField) : 'null',
      keyAttributeLiteral: javaStringLiteral(keyField ? `${mapping.entity.name}.${keyField.attribute.name}` : ''),
    };
  }

  /** A map key from the attribute mapped to `$key`: text as it is, an enumeration value as its API value. */
  private keyExpression(field: AttributeFieldPlan): string {
    const getter = `entry.${javaName('proxyGetter', field.attribute.name)}()`;
    return field.attribute.type === 'Enumeration' ? `${this.impl('EnumValues')}.apiValue(${getter})` : getter;
  }

  private toApiMapping(mapping: ObjectMappingPlan): ToApiMappingView {
    const where = `mapping ${mapping.name}`;
    const whole = mapping.fields.find((f) => (f.source.from === 'mapValue' && f.source.path.length === 0) || f.source.from === 'listItem');
    const built = mapping.fields.filter((f) => f.source.from !== 'mapKey' && f !== whole);
    let resultType: string;
    if (mapping.entries || mapping.items) {
      if (!mapping.value) throw new JavaGenerationError(`Map shape "${mapping.shape}" has no value type.`);
      resultType = this.valueClass(mapping.value);
    } else resultType = sdkShapeClass(this.api.sdkId, mapping.shape, this.api.javaClass(mapping.shape));
    const article = /^[AEIOU]/i.test(mapping.entity.name) ? 'an' : 'a';
    return {
      methodName: toApiMethod(mapping.name),
      javadoc: `Builds the ${mapping.entries ? `value of one ${mapping.shape} entry` : mapping.items ? `item of one ${mapping.shape}` : mapping.shape} of the API from ${article} ${mapping.entity.name} object (mapping ${mapping.name}).`,
      resultType,
      isStructure: whole === undefined,
      fields: built.map((f) => this.requestField(f, 'source', where)),
      whole: whole ? this.requestField(whole, 'source', where) : null,
      emptyValue: mapping.entries && whole?.member.kind === 'string' ? '""' : 'null',
    };
  }

  objectMapping(mapping: ObjectMappingPlan): ObjectMappingView {
    let parameters: string;
    if (mapping.entries) {
      if (!mapping.value) throw new JavaGenerationError(`Map shape "${mapping.shape}" has no value type.`);
      parameters = `java.lang.String key, ${this.valueClass(mapping.value)} value`;
    } else if (mapping.items) {
      if (!mapping.value) throw new JavaGenerationError(`List "${mapping.shape}" has no item type.`);
      parameters = `${this.valueClass(mapping.value)} item`;
    } else parameters = `${sdkShapeClass(this.api.sdkId, mapping.shape, this.api.javaClass(mapping.shape))} source`;
    return {
      fromApi: mapping.directions.includes('response'),
      toApi: mapping.directions.includes('request') ? this.toApiMapping(mapping) : null,
      methodName: objectMappingMethod(mapping.name),
      javadoc: `Creates ${/^[AEIOU]/i.test(mapping.entity.name) ? 'an' : 'a'} ${mapping.entity.name} object from one ${mapping.shape} of the API (mapping ${mapping.name}).`,
      entityClass: this.proxy(mapping.entity.name),
      parameters,
      assignments: mapping.fields.map((f) => this.responseAttribute(f, 'source')),
    };
  }

  clientFactory(): ClientFactoryView {
    if (this.spec.client.credentialSource === 'awsAuthentication') return this.awsAuthenticationClientFactory();
    const c = this.spec.client.credentials;
    const s = this.spec.client.settings;
    const credentials = this.entity(c.entity);
    const provider = this.attribute(credentials, c.providerAttribute);
    const sessionName = this.attribute(credentials, c.roleSessionName);
    const get = (name: string): string => javaName('proxyGetter', name);
    return {
      ...this.common,
      credentialsClass: this.proxy(credentials.name),
      providerGetter: get(provider.name),
      providerClass: this.proxy(provider.enumeration ?? ''),
      staticKeysConstant: javaName('enumConstant', c.providers.staticKeys),
      assumeRoleConstant: javaName('enumConstant', c.providers.assumeRole),
      defaultChainConstant: javaName('enumConstant', c.providers.defaultChain),
      accessKeyIdGetter: get(c.accessKeyId),
      secretAccessKeyGetter: get(c.secretAccessKey),
      sessionTokenGetter: get(c.sessionToken),
      roleArnGetter: get(c.roleArn),
      externalIdGetter: get(c.externalId),
      roleSessionNameGetter: get(c.roleSessionName),
      defaultSessionNameLiteral: javaStringLiteral(sessionName.default !== undefined ? String(sessionName.default) : `mendix-${this.spec.module.javaPackage}`),
      regionClass: this.proxy(this.spec.client.region.enumeration),
      settingsClass: this.proxy(s.entity),
      endpointOverrideGetter: get(s.endpointOverride),
      apiCallTimeoutGetter: get(s.apiCallTimeoutSeconds),
      maxAttemptsGetter: get(s.maxAttempts),
      accessKeyIdLiteral: javaStringLiteral(c.accessKeyId),
      secretAccessKeyLiteral: javaStringLiteral(c.secretAccessKey),
      roleArnLiteral: javaStringLiteral(c.roleArn),
      regionLiteral: javaStringLiteral('Region'),
      endpointOverrideLiteral: javaStringLiteral(s.endpointOverride),
      maxCachedClientsPropertyLiteral: javaStringLiteral(`${this.spec.module.javaPackage}.maxCachedClients`),
      defaultApiCallTimeoutSeconds: defaultApiCallTimeoutSeconds(s),
      stsEndpointOverrideGetter: s.stsEndpointOverride !== undefined ? get(s.stsEndpointOverride) : '',
      stsEndpointOverrideLiteral: javaStringLiteral(s.stsEndpointOverride ?? ''),
      ...NO_AWS_AUTHENTICATION,
    };
  }

  /** The client factory of a module generated against AWS Authentication: it reads that module's objects. */
  private awsAuthenticationClientFactory(): ClientFactoryView {
    const a = AWS_AUTHENTICATION;
    const unused = '';
    return {
      ...this.common,
      awsAuthentication: true,
      credentialsClass: this.proxy(a.credentials),
      temporaryCredentialsClass: this.proxy(a.temporaryCredentials),
      regionClass: this.proxy(a.region),
      settingsClass: this.proxy(a.abstractRequest),
      basicClientConfigClass: this.proxy(a.basicClientConfig),
      sdkClientConfigClass: this.proxy(a.sdkClientConfig),
      noRetryPolicyClass: this.proxy(a.noRetryPolicy),
      numberRetryPolicyClass: this.proxy(a.numberRetryPolicy),
      apacheHttpConfigClass: this.proxy(a.apacheHttpConfig),
      clientConfigAssociationLiteral: javaStringLiteral(a.requestClientConfig),
      retryPolicyAssociationLiteral: javaStringLiteral(a.retryPolicy),
      httpConfigAssociationLiteral: javaStringLiteral(a.httpConfig),
      regionLiteral: javaStringLiteral('Region'),
      maxCachedClientsPropertyLiteral: javaStringLiteral(`${this.spec.module.javaPackage}.maxCachedClients`),
      defaultApiCallTimeoutSeconds: defaultApiCallTimeoutSeconds(this.spec.client.settings),
      // The own credential model's fields: not rendered in this form.
      providerGetter: unused,
      providerClass: unused,
      staticKeysConstant: unused,
      assumeRoleConstant: unused,
      defaultChainConstant: unused,
      accessKeyIdGetter: unused,
      secretAccessKeyGetter: unused,
      sessionTokenGetter: unused,
      roleArnGetter: unused,
      externalIdGetter: unused,
      roleSessionNameGetter: unused,
      defaultSessionNameLiteral: unused,
      endpointOverrideGetter: unused,
      apiCallTimeoutGetter: unused,
      maxAttemptsGetter: unused,
      accessKeyIdLiteral: unused,
      secretAccessKeyLiteral: unused,
      roleArnLiteral: unused,
      endpointOverrideLiteral: unused,
      stsEndpointOverrideGetter: unused,
      stsEndpointOverrideLiteral: unused,
    };
  }
}
