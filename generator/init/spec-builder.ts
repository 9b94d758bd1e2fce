/**
 * Builds the spec `init` writes, in memory: for each chosen operation a request entity (generalizing
 * the request base) and a response entity with an attribute per member that maps (type-mapping.ts),
 * entities, object mappings and associations for the structures, lists of structures and maps at
 * the top level of the input and output, enumerations for the API enums those attributes take, the
 * pagination trait the model's paginator describes, and documentation on every element. What cannot
 * be mapped is listed in the documentation of its entity rather than written into a spec that would
 * fail validation. The conformance cases come from cases.ts, the YAML text from spec-yaml.ts.
 */
import type { ApiModel } from '../aws/api-model.js';
import type { ApiMember } from '../aws/api-model-types.js';
import type { AwsRegion } from '../aws/regions.js';
import { sdkPascalCase } from '../java/java-names.js';
import type {
  AssociationSpec,
  AttributeSpec,
  ConnectorSpec,
  EntitySpec,
  EnumerationSpec,
  EnumerationValueSpec,
  FieldMappingSpec,
  ObjectMappingSpec,
  OperationSpec,
  PaginationTraitSpec,
} from '../spec/types.js';
import { DEFAULT_MENDIX_VERSION } from '../emit/targets.js';
import type { ApiDocs } from './api-docs.js';
import {
  clientBinding,
  credentialsEntity,
  CREDENTIALS_ENTITY,
  PROVIDER_ENUMERATION,
  providerEnumeration,
  REGION_ENUMERATION,
  regionEnumeration,
  REQUEST_BASE_ATTRIBUTES,
  REQUEST_BASE_ENTITY,
  requestBaseEntity,
} from './client-elements.js';
import { memberKey } from './java-members.js';
import { documentationText, htmlToText, summarize, type SummaryLimits } from './html-text.js';
import { attributeNameFor, entityNameFor, enumCaptionFor, enumValueNameFor, identifierOf, NameSet, operationCaption, singularName } from './names.js';
import { memberMapping, scalarMapping, type Direction, type MappingContext, type ScalarMapping } from './type-mapping.js';

export interface BuildOptions {
  model: ApiModel;
  docs: ApiDocs;
  /** API operations, in the order the spec lists them. */
  operations: readonly string[];
  moduleName: string;
  /** IAM prefix of the permissions (iam-prefix.ts). */
  iamPrefix: string;
  /** Maven artifact of the service's AWS SDK for Java module, and the SDK version of every AWS SDK artifact. */
  javaArtifact: string;
  javaSdkVersion: string;
  /** service.apiModel: the model file, relative to the spec. */
  apiModelPath: string;
  regions: readonly AwsRegion[];
  /** Map structures, lists and maps of the input to associated request objects, and lists of strings to joined text. */
  requestAssociations: boolean;
  /** Structures whose Java class is not where the Java generator looks for it (init-spec.ts reads them from the jars). */
  missingJavaClasses?: ReadonlySet<string>;
  /** Members (java-members.ts memberKey) whose getter the Java classes lack. */
  missingJavaMembers?: ReadonlySet<string>;
}

/** One field of a mapping, with what the case builder needs to make a sample of it. */
export interface DraftAttributeField {
  kind: 'attribute';
  /** As the spec writes it: a member, `$key`, `$value` or `$value.<member>`. */
  field: string;
  attribute: AttributeSpec;
  scalar: ScalarMapping;
  /** The map key's enum, for `$key` fields. */
  keyEnum?: string;
}

export interface DraftMapping {
  name: string;
  shape: string;
  entity: EntitySpec;
  entries: boolean;
  direction: Direction;
  fields: DraftAttributeField[];
}

export interface DraftObjectsField {
  kind: 'objects';
  field: string;
  association: AssociationSpec;
  container: 'single' | 'list' | 'map';
  mapping: DraftMapping;
}

export type DraftField = DraftAttributeField | DraftObjectsField;

export interface DraftOperation {
  spec: OperationSpec;
  requestEntity: EntitySpec;
  responseEntity?: EntitySpec;
  request: DraftField[];
  response: DraftField[];
  /** Remarks for the spec's comments on this operation (a guessed paged list, a required member left out). */
  remarks: string[];
}

export interface DraftSpec {
  spec: ConnectorSpec;
  operations: DraftOperation[];
  /** Things the user should know, for the command's output. */
  warnings: string[];
}

const ATTRIBUTE_DOC: SummaryLimits = { sentences: 2, characters: 320 };
const ELEMENT_DOC: SummaryLimits = { sentences: 3, characters: 600 };

/** A sentence as documentation: trimmed, ending with a full stop. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return trimmed === '' || /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function joinSentences(...texts: Array<string | undefined>): string {
  return texts
    .filter((t): t is string => t !== undefined && t.trim() !== '')
    .map(sentence)
    .join(' ');
}

/** Members left out of an entity, by field, with why (per direction when the directions differ). */
class SkipNotes {
  private readonly reasons = new Map<string, Map<Direction, string>>();

  add(field: string, direction: Direction, reason: string): void {
    const known = this.reasons.get(field) ?? new Map<Direction, string>();
    known.set(direction, reason);
    this.reasons.set(field, known);
  }

  /** "Not mapped: X (reason), Y (in requests: reason)." for the fields that no direction mapped. */
  text(mapped: ReadonlySet<string>, usedIn: ReadonlySet<Direction>): string | undefined {
    const parts: string[] = [];
    for (const [field, byDirection] of this.reasons) {
      const reasons = new Set(byDirection.values());
      if (mapped.has(field)) {
        // Mapped one way only: say which way it is left out.
        for (const [direction, reason] of byDirection) parts.push(`${field} (in ${direction}s: ${reason})`);
      } else if (reasons.size === 1 || usedIn.size === 1) parts.push(`${field} (${[...reasons][0] ?? ''})`);
      else parts.push(`${field} (${[...byDirection].map(([d, r]) => `in ${d}s: ${r}`).join('; ')})`);
    }
    return parts.length === 0 ? undefined : `Not mapped: ${parts.join(', ')}.`;
  }
}

/** An entity under construction: attributes by field, in the order of its fields. */
class DraftEntity {
  readonly names = new NameSet();
  readonly attributes = new Map<string, AttributeSpec>();
  readonly skipped = new SkipNotes();
  readonly directions = new Set<Direction>();
  readonly entity: EntitySpec;

  constructor(
    name: string,
    /** The entity's fields in the order its attributes are listed. */
    readonly fieldOrder: readonly string[],
    readonly baseDocumentation: string,
    generalization?: string,
    reserved: readonly string[] = [],
  ) {
    for (const taken of reserved) this.names.take(taken);
    this.entity = { name, documentation: baseDocumentation, persistable: false, attributes: [], ...(generalization ? { generalization } : {}) };
  }

  attributeFor(field: string, preferred: string, make: (name: string) => AttributeSpec): AttributeSpec {
    const known = this.attributes.get(field);
    if (known) return known;
    const attribute = make(this.names.claim(preferred, `${preferred}Value`));
    this.attributes.set(field, attribute);
    return attribute;
  }

  /** The "Not mapped" note of the entity, if anything was left out. */
  notMapped(): string | undefined {
    return this.skipped.text(new Set(this.attributes.keys()), this.directions);
  }

  /** Writes the attributes in field order, and the documentation: the base, then `extra`, then the "Not mapped" note. */
  finish(extra: Array<string | undefined> = []): void {
    const order = new Map(this.fieldOrder.map((f, i) => [f, i]));
    this.entity.attributes = [...this.attributes.entries()]
      .sort(([a], [b]) => (order.get(a) ?? Number.MAX_SAFE_INTEGER) - (order.get(b) ?? Number.MAX_SAFE_INTEGER))
      .map(([, attribute]) => attribute);
    this.entity.documentation = joinSentences(this.baseDocumentation, ...extra, this.notMapped());
  }
}

class SpecBuilder {
  private readonly model: ApiModel;
  private readonly docs: ApiDocs;
  private readonly title: string;
  private readonly entityNames = new NameSet();
  private readonly associationNames = new NameSet();
  private readonly mappingNames = new NameSet();
  private readonly enumerationNames = new NameSet();
  private readonly enumerations = new Map<string, EnumerationSpec>();
  private readonly children = new Map<string, DraftEntity>();
  private readonly mappings = new Map<string, DraftMapping>();
  private readonly associations: AssociationSpec[] = [];
  private readonly warnings: string[] = [];

  constructor(private readonly options: BuildOptions) {
    this.model = options.model;
    this.docs = options.docs;
    this.title = options.model.sdkId;
    for (const name of [CREDENTIALS_ENTITY, REQUEST_BASE_ENTITY]) this.entityNames.take(name);
    for (const name of [PROVIDER_ENUMERATION, REGION_ENUMERATION]) this.enumerationNames.take(name);
    // Request and response entities keep their conventional names; nested objects take what is left.
    for (const operation of options.operations) {
      this.entityNames.take(`${operation}Request`);
      this.entityNames.take(`${operation}Response`);
    }
  }

  private context(direction: Direction, nested: boolean): MappingContext {
    return {
      model: this.model,
      direction,
      nested,
      requestAssociations: this.options.requestAssociations,
      deprecated: (shape, member) => this.docs.deprecated(shape, member),
      missingJavaClasses: this.options.missingJavaClasses,
      missingJavaMember: (shape, member) => this.options.missingJavaMembers?.has(memberKey(shape, member)) === true,
    };
  }

  private memberDoc(shape: string, member: string, fallback: string): string {
    return documentationText(this.docs.member(shape, member), ATTRIBUTE_DOC) || fallback;
  }

  /** The enumeration of an API enum, created on first use. */
  private enumeration(apiEnum: string): string {
    const known = this.enumerations.get(apiEnum);
    if (known) return known.name;
    const base = `ENUM_${identifierOf(apiEnum)}`;
    const name = this.enumerationNames.claim(base, `${base}Values`);
    const valueNames = new NameSet();
    const values: EnumerationValueSpec[] = (this.model.enumValues(apiEnum) ?? []).map((apiValue) => {
      const valueName = valueNames.claim(enumValueNameFor(apiValue));
      return { name: valueName, caption: enumCaptionFor(apiValue), ...(valueName === apiValue ? {} : { apiValue }) };
    });
    // AWS adds values to its enums: a response reads one this spec does not list as this value.
    const newer = valueNames.claim('NewerValue', 'NewerApiValue');
    values.push({
      name: newer,
      caption: 'Another value',
      newerValues: true,
      documentation: `A value of ${apiEnum} that AWS added after this module was generated; it cannot be sent.`,
    });
    this.enumerations.set(apiEnum, {
      name,
      documentation: `The values of ${apiEnum} in the ${this.title} API. A value AWS adds after this spec was written reads as ${newer}.`,
      values,
    });
    return name;
  }

  /** An attribute for a scalar mapping. */
  private attribute(name: string, scalar: ScalarMapping, documentation: string): AttributeSpec {
    const attribute: AttributeSpec = { name, type: scalar.type, secret: scalar.secret, documentation };
    if (scalar.type === 'String') attribute.length = scalar.length ?? 'unlimited';
    if (scalar.type === 'Enumeration' && scalar.apiEnum !== undefined) attribute.enumeration = this.enumeration(scalar.apiEnum);
    return attribute;
  }

  private attributeDocumentation(owner: string, member: string, renamed: boolean, scalar: ScalarMapping, required: boolean): string {
    const base = this.memberDoc(owner, member, `The ${member} of ${owner}.`);
    return joinSentences(
      base,
      scalar.trait === 'joinList' ? 'A list in the API, written here as text separated by commas' : undefined,
      required ? 'Required by the API' : undefined,
      renamed ? `API name: ${member}` : undefined,
    );
  }

  // -------------------------------------------------------------------------------------------
  // Objects of their own: structures, list items, map entries

  private structureChild(shape: string): DraftEntity {
    const key = `structure:${shape}`;
    const known = this.children.get(key);
    if (known) return known;
    const base = entityNameFor(shape);
    const name = this.entityNames.claim(base, `${base}Item`);
    const doc = documentationText(this.docs.shape(shape), ELEMENT_DOC) || `One ${shape} of the ${this.title} API.`;
    const child = new DraftEntity(name, this.model.memberNames(shape), doc);
    this.children.set(key, child);
    return child;
  }

  private mapChild(memberName: string, mapRef: string): DraftEntity {
    const base = entityNameFor(singularName(memberName));
    const key = `map:${base}:${mapRef}`;
    const known = this.children.get(key);
    if (known) return known;
    const name = this.entityNames.claim(base, `${base}Entry`);
    const value = this.model.mapValueType(mapRef) ?? 'string';
    const valueFields = this.model.kindOf(value) === 'structure' ? this.model.memberNames(value).map((m) => `$value.${m}`) : ['$value'];
    const valueDoc = this.model.kindOf(value) === 'structure' ? documentationText(this.docs.shape(value), ATTRIBUTE_DOC) : '';
    const doc = joinSentences(`One entry of ${memberName}: its key and value`, valueDoc);
    const child = new DraftEntity(name, ['$key', ...valueFields], doc);
    this.children.set(key, child);
    return child;
  }

  /** The object mapping of a child entity in one direction, with the fields that map that way. */
  private childMapping(child: DraftEntity, shape: string, entries: boolean, direction: Direction, valueOwner: ApiMember | undefined): DraftMapping {
    const key = `${child.entity.name}:${direction}`;
    const known = this.mappings.get(key);
    if (known) return known;
    child.directions.add(direction);
    const name = this.mappingNames.claim(`${child.entity.name}${direction === 'response' ? 'FromApi' : 'ToApi'}`);
    const fields: DraftAttributeField[] = [];
    const context = this.context(direction, true);
    if (entries) {
      const keyEnum = valueOwner?.keyEnum;
      const mapShape = this.model.shape(shape);
      const keyScalar: ScalarMapping = {
        type: 'String',
        length: 'unlimited',
        secret: mapShape?.type === 'map' && mapShape.keySensitive === true,
        sample: 'string',
      };
      const keyAttribute = child.attributeFor('$key', 'Key', (n) => this.attribute(n, keyScalar, 'The key of the entry.'));
      fields.push({ kind: 'attribute', field: '$key', attribute: keyAttribute, scalar: keyScalar, ...(keyEnum ? { keyEnum } : {}) });
      const value = this.model.mapValueType(shape) ?? 'string';
      if (this.model.kindOf(value) === 'structure') {
        for (const memberName of this.model.memberNames(value)) this.childField(child, value, memberName, `$value.${memberName}`, context, fields);
      } else {
        const owner: ApiMember = { ...(valueOwner ?? { target: value, type: 'string' }), target: value };
        delete owner.enum;
        const mapped = scalarMapping(value, 'Value', owner, context);
        if (mapped.kind === 'attribute') {
          const attribute = child.attributeFor('$value', 'Value', (n) => this.attribute(n, mapped.scalar, 'The value of the entry.'));
          fields.push({ kind: 'attribute', field: '$value', attribute, scalar: mapped.scalar });
        } else child.skipped.add('$value', direction, mapped.kind === 'skip' ? mapped.reason : 'nested objects');
      }
    } else {
      for (const memberName of this.model.memberNames(shape)) this.childField(child, shape, memberName, memberName, context, fields);
    }
    const mapping: DraftMapping = { name, shape, entity: child.entity, entries, direction, fields };
    this.mappings.set(key, mapping);
    return mapping;
  }

  private childField(child: DraftEntity, structure: string, memberName: string, field: string, context: MappingContext, fields: DraftAttributeField[]): void {
    const member = this.model.member(structure, memberName);
    if (!member) return;
    const mapped = memberMapping(structure, memberName, member, context);
    if (mapped.kind !== 'attribute') {
      child.skipped.add(memberName, context.direction, mapped.kind === 'skip' ? mapped.reason : 'nested objects');
      return;
    }
    const preferred = attributeNameFor(memberName);
    const attribute = child.attributeFor(field, preferred, (n) =>
      this.attribute(n, mapped.scalar, this.attributeDocumentation(structure, memberName, n !== memberName, mapped.scalar, false)),
    );
    fields.push({ kind: 'attribute', field, attribute, scalar: mapped.scalar });
  }

  /** Objects of a top-level member: the child entity, its mapping and the association to the parent. */
  private objectsField(
    parent: DraftEntity,
    memberName: string,
    member: ApiMember,
    container: 'single' | 'list' | 'map',
    shape: string,
    direction: Direction,
  ): DraftObjectsField {
    const child = container === 'map' ? this.mapChild(memberName, shape) : this.structureChild(shape);
    const mapping = this.childMapping(child, shape, container === 'map', direction, container === 'map' ? member : undefined);
    const parentName = parent.entity.name;
    const childName = child.entity.name;
    const name = this.associationNames.claim(`${childName}_${parentName}`, `${childName}_${parentName}_${identifierOf(memberName)}`);
    const verb = direction === 'request' ? 'sends' : 'returned';
    const documentation =
      container === 'single'
        ? `The ${memberName} of the ${parentName} (the ${childName} object refers to the ${parentName} that ${verb} it).`
        : `Links each ${childName} of ${memberName} to the ${parentName} that ${verb} it.`;
    // The objects own the reference, so that one request or response can have many of them.
    const association: AssociationSpec = { name, parent: childName, child: parentName, type: 'Reference', owner: 'Default', documentation };
    this.associations.push(association);
    return { kind: 'objects', field: memberName, association, container, mapping };
  }

  // -------------------------------------------------------------------------------------------
  // Operations

  private topFields(entity: DraftEntity, shape: string | undefined, direction: Direction): DraftField[] {
    if (shape === undefined) return [];
    entity.directions.add(direction);
    const fields: DraftField[] = [];
    const context = this.context(direction, false);
    const structure = this.model.shape(shape);
    for (const memberName of this.model.memberNames(shape)) {
      const member = this.model.member(shape, memberName);
      if (!member) continue;
      const mapped = memberMapping(shape, memberName, member, context);
      if (mapped.kind === 'skip') {
        entity.skipped.add(memberName, direction, mapped.reason);
        continue;
      }
      if (mapped.kind === 'objects') {
        fields.push(this.objectsField(entity, memberName, member, mapped.container, mapped.shape, direction));
        continue;
      }
      const required = direction === 'request' && structure?.type === 'structure' && member.required === true;
      const attribute = entity.attributeFor(memberName, attributeNameFor(memberName), (n) =>
        this.attribute(n, mapped.scalar, this.attributeDocumentation(shape, memberName, n !== memberName, mapped.scalar, required)),
      );
      fields.push({ kind: 'attribute', field: memberName, attribute, scalar: mapped.scalar });
    }
    return fields;
  }

  /**
   * The paged list of a paginated operation, which the model does not name: the output's list that
   * maps (to objects, or text for strings), other than the token. With several, the one whose name
   * (or item shape) shares most words with the operation's, then lists of structures, then by name.
   */
  private pagedItems(operation: string, response: readonly DraftField[], outputToken: string): { field: DraftField; others: string[] } | undefined {
    const candidates = response.filter(
      (f) => f.field !== outputToken && ((f.kind === 'objects' && f.container === 'list') || (f.kind === 'attribute' && f.scalar.trait === 'joinList')),
    );
    if (candidates.length === 0) return undefined;
    const words = (text: string) => new Set(singularWords(text));
    const operationWords = words(operation);
    const score = (f: DraftField) => {
      const own = new Set([...words(f.field), ...(f.kind === 'objects' ? words(f.mapping.shape) : [])]);
      return [...own].filter((w) => operationWords.has(w)).length;
    };
    const ranked = [...candidates].sort(
      (a, b) => score(b) - score(a) || (b.kind === 'objects' ? 1 : 0) - (a.kind === 'objects' ? 1 : 0) || (a.field < b.field ? -1 : a.field > b.field ? 1 : 0),
    );
    const [first] = ranked;
    return first ? { field: first, others: ranked.slice(1).map((f) => f.field) } : undefined;
  }

  private operation(name: string): DraftOperation {
    const model = this.model;
    const apiOperation = model.operation(name);
    if (!apiOperation) throw new Error(`The API model has no operation ${name}.`);
    const inputShape = model.inputShape(name);
    const outputShape = model.outputShape(name);
    const summary = documentationText(this.docs.operation(name), ELEMENT_DOC) || `Calls the ${name} action of ${this.title}.`;
    const firstSentence = documentationText(this.docs.operation(name), { sentences: 1, characters: 240 });
    const remarks: string[] = [];

    const requestEntity = new DraftEntity(
      `${name}Request`,
      inputShape ? model.memberNames(inputShape) : [],
      joinSentences(`The input of ${name}`, firstSentence),
      REQUEST_BASE_ENTITY,
      [...REQUEST_BASE_ATTRIBUTES],
    );
    const request = this.topFields(requestEntity, inputShape, 'request');

    const outputMembers = outputShape ? model.memberNames(outputShape) : [];
    const responseEntity = new DraftEntity(`${name}Response`, outputMembers, `The output of ${name}.`);
    const response = this.topFields(responseEntity, outputShape, 'response');
    const returnsObject = response.length > 0;

    const traits: OperationSpec['traits'] = {};
    let pagingSentence: string | undefined;
    const paginator = apiOperation.paginator;
    if (paginator && inputShape && outputShape) {
      const inputToken = request.find((f) => f.kind === 'attribute' && f.field === paginator.inputToken && f.scalar.type === 'String');
      const outputToken = response.find((f) => f.kind === 'attribute' && f.field === paginator.outputToken && f.scalar.type === 'String');
      const items = this.pagedItems(name, response, paginator.outputToken);
      const limit = paginator.pageSize !== undefined && model.member(inputShape, paginator.pageSize)?.type === 'number' ? paginator.pageSize : undefined;
      if (inputToken && outputToken && items) {
        const fetchAll = requestEntity.attributeFor('$fetchAllPages', 'FetchAllPages', (n) => ({
          name: n,
          type: 'Boolean',
          default: false,
          secret: false,
          documentation: `When true, the activity follows ${outputToken.kind === 'attribute' ? outputToken.attribute.name : paginator.outputToken} through every page and returns all items of ${items.field.field} in one response. When false, it returns one page.`,
        }));
        const pagination: PaginationTraitSpec = {
          inputToken: paginator.inputToken,
          outputToken: paginator.outputToken,
          items: items.field.field,
          ...(limit ? { limit } : {}),
          fetchAllAttribute: fetchAll.name,
        };
        traits.pagination = pagination;
        const tokenAttribute = outputToken.kind === 'attribute' ? outputToken.attribute.name : paginator.outputToken;
        const inputAttribute = inputToken.kind === 'attribute' ? inputToken.attribute.name : paginator.inputToken;
        pagingSentence = `Returns one page, with ${tokenAttribute} set when more remain (pass it as ${inputAttribute} of the next request), or every page at once when the request's ${fetchAll.name} is true`;
        const unmapped = outputMembers.filter((m) => model.member(outputShape, m)?.type === 'list' && !response.some((f) => f.field === m));
        if (items.others.length > 0 || unmapped.length > 0) {
          const over = [...items.others, ...unmapped.map((m) => `${m} (not mapped)`)];
          remarks.push(
            `The API model does not name the paged list; init chose ${items.field.field} over ${over.join(', ')}. Check it against the API reference.`,
          );
        }
      } else {
        const missing = !items ? 'no list of the output maps' : 'a page token does not map to text';
        remarks.push(`${name} is paginated in the API, but ${missing}, so the spec has no pagination trait; page with the token attributes yourself.`);
      }
    }

    const requiredLeftOut = inputShape
      ? model.memberNames(inputShape).filter((m) => model.member(inputShape, m)?.required === true && !request.some((f) => f.field === m))
      : [];
    if (requiredLeftOut.length > 0) {
      const message = `${name}: the request cannot carry ${requiredLeftOut.join(', ')}, which the API requires; calls fail until the spec maps ${requiredLeftOut.length === 1 ? 'it' : 'them'}.`;
      remarks.push(message);
      this.warnings.push(message);
    }

    const associationsOf = (fields: readonly DraftField[]) =>
      fields.filter((f): f is DraftObjectsField => f.kind === 'objects').map((f) => `${f.mapping.entity.name} over ${f.association.name}`);
    const requestObjects = associationsOf(request);
    const responseObjects = associationsOf(response);
    requestEntity.finish([requestObjects.length > 0 ? `Associate its objects before the call: ${requestObjects.join(', ')}` : undefined]);
    responseEntity.finish([responseObjects.length > 0 ? `Its objects: ${responseObjects.join(', ')}` : undefined]);

    const documentation = joinSentences(
      summary,
      pagingSentence,
      'Fails with the AWS error code, HTTP status and request ID when AWS refuses the call',
      requiredLeftOut.length > 0 ? `The request cannot carry ${requiredLeftOut.join(', ')}, which the API requires` : undefined,
      // Without a response entity, what the output holds beyond is said here.
      !returnsObject && responseEntity.notMapped() !== undefined ? `Of the output, n${(responseEntity.notMapped() ?? '').slice(1)}` : undefined,
    );
    const toSpec = (fields: readonly DraftField[]): FieldMappingSpec[] =>
      fields.map((f) =>
        f.kind === 'attribute'
          ? { field: f.field, attribute: f.attribute.name, ...(f.scalar.trait ? { trait: f.scalar.trait } : {}) }
          : { field: f.field, association: f.association.name, mapping: f.mapping.name },
      );
    const spec: OperationSpec = {
      name,
      caption: operationCaption(name),
      documentation,
      action: name,
      permission: `${this.options.iamPrefix}:${name}`,
      parameters: [
        { name: 'Credentials', role: 'credentials', entity: CREDENTIALS_ENTITY, description: 'The credentials to sign the call with.' },
        { name: 'Region', role: 'region', enumeration: REGION_ENUMERATION, description: `The AWS region whose ${this.title} endpoint is called.` },
        {
          name: `${name}Request`,
          role: 'request',
          entity: requestEntity.entity.name,
          description: request.length > 0 ? `The input of ${name}.` : `The client settings of the call; ${name} takes no input the spec maps.`,
        },
      ],
      returns: returnsObject
        ? { entity: responseEntity.entity.name, description: `The output of ${name}.` }
        : { type: 'Boolean', description: 'True when AWS accepted the call.' },
      request: toSpec(request),
      response: returnsObject ? toSpec(response) : [],
      traits,
      cases: [],
    };
    return {
      spec,
      requestEntity: requestEntity.entity,
      ...(returnsObject ? { responseEntity: responseEntity.entity } : {}),
      request,
      response: returnsObject ? response : [],
      remarks,
    };
  }

  build(): DraftSpec {
    const { options } = this;
    const operations = options.operations.map((name) => this.operation(name));
    for (const child of this.children.values()) child.finish();

    // The service's reference usually opens by greeting its reader ("Welcome to the ... API Reference"), which says nothing here.
    const serviceSummary = summarize(htmlToText(this.docs.service ?? '').replace(/^Welcome to [^.]*\.\s*/, ''), ELEMENT_DOC);
    const entities: EntitySpec[] = [
      credentialsEntity(options.model.service),
      requestBaseEntity(this.title),
      ...operations.flatMap((o) => [o.requestEntity, ...(o.responseEntity ? [o.responseEntity] : [])]),
      ...[...this.children.values()].map((c) => c.entity),
    ];
    const objectMappings: ObjectMappingSpec[] = [...this.mappings.values()].map((m) => ({
      name: m.name,
      shape: m.shape,
      entity: m.entity.name,
      fields: m.fields.map((f) => ({ field: f.field, attribute: f.attribute.name, ...(f.scalar.trait ? { trait: f.scalar.trait } : {}) })),
    }));
    const spec: ConnectorSpec = {
      specVersion: 1,
      module: {
        name: options.moduleName,
        version: '0.1.0',
        mendixVersion: DEFAULT_MENDIX_VERSION,
        toolboxCategory: `AWS ${this.title}`,
        javaPackage: options.moduleName.toLowerCase(),
        documentation: joinSentences(`Calls ${this.title} from microflows: ${options.operations.join(', ')}`, serviceSummary),
        moduleRoles: [
          {
            name: 'User',
            documentation: `Grants access to the connector's non-persistable entities, so that microflows run on behalf of a signed-in user can create requests and read responses. Give this module role to every user role whose microflows call the ${this.title} activities.`,
          },
        ],
        // The service's own module, and those of the client factory (its STS module may be the service's own).
        javaDependencies: [...new Set([options.javaArtifact, 'sts', 'apache5-client'])].map((artifactId) => ({
          groupId: 'software.amazon.awssdk',
          artifactId,
          version: options.javaSdkVersion,
        })),
      },
      service: { name: options.javaArtifact, apiModel: options.apiModelPath },
      client: clientBinding(),
      enumerations: [providerEnumeration(), regionEnumeration(options.regions, this.title), ...this.enumerations.values()],
      entities,
      associations: this.associations,
      objectMappings,
      operations: operations.map((o) => o.spec),
    };
    return { spec, operations, warnings: this.warnings };
  }
}

/** The words of a name in the singular, lower case: ListObjectsV2 -> list, object, v2. */
function singularWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => singularName(w).toLowerCase());
}

/** The default module name of a service: its sdkId in pascal case with "Connector" (DynamoDB -> DynamoDbConnector). */
export function defaultModuleName(sdkId: string): string {
  return `${sdkPascalCase(sdkId)}Connector`;
}

export function buildSpec(options: BuildOptions): DraftSpec {
  return new SpecBuilder(options).build();
}
