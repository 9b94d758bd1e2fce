/**
 * The one interpretation of a spec's mappings and traits: each operation (and each object mapping)
 * resolved once against the API model into a typed plan — which API member each field path reaches,
 * what it is, which attribute or objects it fills, how pages are followed. The validator builds the
 * plan and reports against it; the Java generator, the runtime, the reference and the test harnesses
 * read the plan and never resolve a path or a trait again. What the plan accepts, every consumer
 * supports; what a consumer cannot do, the plan refuses with a located message.
 */
import type { SpecIndex } from '../spec/spec-index.js';
import { maxPagesOf } from '../spec/pagination.js';
import { didYouMean } from '../spec/suggest.js';
import type {
  AssociationFieldMappingSpec,
  AttributeFieldMappingSpec,
  AssociationSpec,
  AttributeSpec,
  ConnectorSpec,
  EntitySpec,
  FieldMappingSpec,
  FieldTrait,
  ObjectMappingSpec,
  OperationSpec,
} from '../spec/types.js';
import type { ApiMemberView, ApiModelView, ApiValueKind } from '../validate/api-model-view.js';
import { attributeOfType } from '../validate/check-client.js';
import { checkUnique } from '../validate/check-domain-model.js';
import { DiagnosticList, type SpecPath } from '../validate/diagnostics.js';
import { reportUnknownReference } from '../validate/unknown-reference.js';

export type Direction = 'request' | 'response';

/** Where a field's value is read from (or written to). */
export type FieldSource =
  /** A member of the structure, followed through nested structures: `Configuration.FunctionName`. */
  | { from: 'member'; path: ApiMemberView[] }
  /** The key of a map entry (`$key`). */
  | { from: 'mapKey' }
  /** The value of a map entry (`$value`), or a member path inside it (`$value.DataType`). */
  | { from: 'mapValue'; path: ApiMemberView[] }
  /** One item of a list of plain values (`$item`): a list of strings as one object per string. */
  | { from: 'listItem' };

/** A field copied to or from an attribute, with its trait. */
export interface AttributeFieldPlan {
  kind: 'attribute';
  /** The field as the spec writes it. */
  field: string;
  source: FieldSource;
  /** The API value the field reaches (for `$key`, a string). */
  member: ApiMemberView;
  attribute: AttributeSpec;
  trait?: FieldTrait;
  maxBytes?: number;
}

/** A field whose value becomes associated objects, through an object mapping. */
export interface ObjectsFieldPlan {
  kind: 'objects';
  field: string;
  source: FieldSource;
  member: ApiMemberView;
  /** One structure, a list of structures (one object each), or a map (one object per entry, by key). */
  container: 'single' | 'list' | 'map';
  association: AssociationSpec;
  /** The created objects hold the reference (they are the association's parent side). */
  childOwns: boolean;
  mapping: ObjectMappingPlan;
}

export type FieldPlan = AttributeFieldPlan | ObjectsFieldPlan;

/**
 * An object mapping resolved: one structure, or one entry of a map (`$key`, `$value`). Used in a
 * response it creates objects from API values; used in a request it builds API values from the
 * objects associated with the request object.
 */
export interface ObjectMappingPlan {
  name: string;
  entity: EntitySpec;
  shape: string;
  /** The directions the operations use it in (a mapping no operation uses is checked as a response mapping). */
  directions: Direction[];
  /** Maps entries of a map shape rather than structures. */
  entries: boolean;
  /** Maps the items of a list of plain values (`shape: list<string>`, field `$item`). */
  items: boolean;
  /** The map's value, for entry mappings; the list's item, for item mappings. */
  value?: ApiMemberView;
  fields: AttributeFieldPlan[];
}

export interface PaginationPlan {
  /** Input and output members of the page token, and the page-size member. */
  inputToken: ApiMemberView;
  outputToken: ApiMemberView;
  pageSize?: ApiMemberView;
  /**
   * The paged list: mapped to associated objects (one per item), or to a text attribute with the
   * trait joinList. Fetching all pages collects the raw items of every page before mapping, so both
   * kinds see the whole list.
   */
  items: ObjectsFieldPlan | AttributeFieldPlan;
  /** The response attribute that receives the next page's token, when the spec maps it. */
  tokenAttribute?: AttributeSpec;
  fetchAllAttribute: AttributeSpec;
  maxPages: number;
}

export interface OperationPlan {
  operation: OperationSpec;
  requestEntity: EntitySpec;
  responseEntity?: EntitySpec;
  inputShape?: string;
  outputShape?: string;
  /** Request fields: attributes of the request object, or objects associated with it. */
  request: FieldPlan[];
  response: FieldPlan[];
  pagination?: PaginationPlan;
}

export interface ConnectorPlan {
  operations: ReadonlyMap<string, OperationPlan>;
  objectMappings: ReadonlyMap<string, ObjectMappingPlan>;
}

/** Which attribute types a member of each kind maps to, without a trait. */
const PLAIN_TYPES: Partial<Record<ApiValueKind, ReadonlyArray<AttributeSpec['type']>>> = {
  string: ['String', 'Enumeration'],
  // The JavaScript SDK's model does not tell 32-bit from 64-bit numbers; the attribute type decides.
  number: ['Integer', 'Long', 'Decimal'],
  bigInteger: ['Long', 'Decimal'],
  bigDecimal: ['Decimal'],
  boolean: ['Boolean'],
  timestamp: ['DateTime'],
};

/** For each trait: the API kinds it reads, the attribute type it needs, and the directions it works in. */
const TRAIT_RULES: Record<FieldTrait, { kinds: ApiValueKind[]; attribute: AttributeSpec['type']; directions: Direction[]; what: string }> = {
  jsonPayload: { kinds: ['blob'], attribute: 'String', directions: ['request', 'response'], what: 'JSON text carried as bytes' },
  base64Json: { kinds: ['string'], attribute: 'String', directions: ['request'], what: 'JSON text sent base64 encoded' },
  base64Text: { kinds: ['string'], attribute: 'String', directions: ['response'], what: 'base64 received and decoded to text' },
  timestamp: { kinds: ['string', 'timestamp'], attribute: 'DateTime', directions: ['response'], what: 'an ISO 8601 time stamp' },
  joinList: {
    kinds: ['list'],
    attribute: 'String',
    directions: ['request', 'response'],
    what: 'a list of strings as comma-separated text (split at commas in requests)',
  },
};

/** The member a trait names in a shape, when it is of one of the kinds the trait needs; reports what is wrong. */
export function memberOfKind(
  api: ApiModelView,
  shape: string,
  name: string,
  path: SpecPath,
  out: DiagnosticList,
  kinds: ApiValueKind[],
): ApiMemberView | undefined {
  const member = api.member(shape, name);
  if (!member) {
    out.add(
      path,
      `The API shape ${shape} has no field "${name}".`,
      didYouMean(name, api.memberNames(shape), `Fields of ${shape}: ${api.memberNames(shape).join(', ')}.`),
    );
    return undefined;
  }
  if (!kinds.includes(member.kind)) {
    out.add(path, `Field ${shape}.${name} is a ${member.kind}; a ${kinds.join(' or ')} is needed here.`, 'Name a field of the right kind.');
    return undefined;
  }
  return member;
}

/** Builds the plan of a spec, reporting every problem into `out`; the plan holds what resolved. */
export function buildPlan(spec: ConnectorSpec, index: SpecIndex, api: ApiModelView, out: DiagnosticList): ConnectorPlan {
  return new PlanBuilder(spec, index, api, out).build();
}

const plans = new WeakMap<ConnectorSpec, ConnectorPlan>();

/**
 * The plan of a VALIDATED spec, built once per spec object and kept. A spec that passed validation
 * resolves without a problem; one that does not is a fault of the caller.
 */
export function planOf(spec: ConnectorSpec, index: SpecIndex, api: ApiModelView): ConnectorPlan {
  const known = plans.get(spec);
  if (known) return known;
  const problems = new DiagnosticList();
  const plan = buildPlan(spec, index, api, problems);
  if (!problems.isEmpty) throw new Error(`The spec has problems; validate it first: ${problems.items.map((p) => p.message).join(' ')}`);
  plans.set(spec, plan);
  return plan;
}

/** Keeps the plan the validator built for a spec that passed, so that consumers do not build it again. */
export function rememberPlan(spec: ConnectorSpec, plan: ConnectorPlan): void {
  plans.set(spec, plan);
}

/** The plan of one operation of a validated spec. */
export function operationPlan(plan: ConnectorPlan, name: string): OperationPlan {
  const found = plan.operations.get(name);
  if (!found) throw new Error(`The spec has no operation ${name}.`);
  return found;
}

class PlanBuilder {
  private readonly mappings = new Map<string, ObjectMappingPlan>();

  constructor(
    private readonly spec: ConnectorSpec,
    private readonly index: SpecIndex,
    private readonly api: ApiModelView,
    private readonly out: DiagnosticList,
  ) {}

  build(): ConnectorPlan {
    const directions = this.mappingDirections();
    this.spec.objectMappings.forEach((mapping, i) => this.objectMapping(mapping, ['objectMappings', i], directions.get(mapping.name) ?? ['response']));
    const operations = new Map<string, OperationPlan>();
    this.spec.operations.forEach((operation, i) => {
      const plan = this.operation(operation, ['operations', i]);
      if (plan) operations.set(operation.name, plan);
    });
    return { operations, objectMappings: this.mappings };
  }

  /** Which directions the operations use each object mapping in. */
  private mappingDirections(): Map<string, Direction[]> {
    const uses = new Map<string, Direction[]>();
    const use = (fields: readonly FieldMappingSpec[], direction: Direction) => {
      for (const field of fields) {
        if (!('mapping' in field)) continue;
        const known = uses.get(field.mapping) ?? [];
        if (!known.includes(direction)) uses.set(field.mapping, [...known, direction].sort());
      }
    };
    for (const operation of this.spec.operations) {
      use(operation.request, 'request');
      use(operation.response, 'response');
    }
    return uses;
  }

  private objectMapping(mapping: ObjectMappingSpec, path: SpecPath, directions: Direction[]): void {
    const entity = this.index.entity(mapping.entity);
    const kind = this.api.shapeKind(mapping.shape);
    if (kind === undefined) {
      this.out.add(
        [...path, 'shape'],
        `The API model has no shape "${mapping.shape}".`,
        didYouMean(mapping.shape, [], 'Name a structure or map shape of the API model (see the file named by service.apiModel).'),
      );
      return;
    }
    const item = kind === 'list' ? this.api.elementOf(mapping.shape) : undefined;
    const plainItems = item !== undefined && PLAIN_TYPES[item.kind] !== undefined;
    if (kind !== 'structure' && kind !== 'map' && !plainItems) {
      this.out.add(
        [...path, 'shape'],
        `Shape "${mapping.shape}" is a ${kind === 'list' ? 'list of structures' : kind}; an object mapping maps a structure, a map, or a list of plain values.`,
        'Name the structure shape of one object (for a list of structures, the shape of its items).',
      );
      return;
    }
    if (plainItems && directions.includes('request') && item.kind !== 'string') {
      this.out.add(
        [...path, 'shape'],
        `Object mapping "${mapping.name}" builds a list of ${item.kind}s in a request; requests build lists of strings from objects only.`,
        'Map the list from a String attribute with the trait joinList instead.',
      );
      return;
    }
    if (!entity) return;
    const fields: AttributeFieldPlan[] = [];
    mapping.fields.forEach((field, k) => {
      const at: SpecPath = [...path, 'fields', k];
      if (!('attribute' in field)) {
        this.out.add(
          [...at, 'association'],
          `Object mapping "${mapping.name}" maps "${field.field}" to associated objects; an object mapping fills attributes only.`,
          'Map the nested value to an attribute (a dotted field reaches into nested structures), or map it from the operation response.',
        );
        return;
      }
      const resolved = this.resolve(mapping.shape, field.field, [...at, 'field']);
      if (
        resolved &&
        directions.includes('request') &&
        this.nestedInRequest(resolved.source, field.field, at, `Object mapping "${mapping.name}" is used in a request`)
      )
        return;
      const [first, ...others] = directions;
      let plan = this.attributeField(field, resolved, entity, first ?? 'response', at);
      for (const direction of others) if (plan && !this.compatible(plan.member, plan.attribute, plan.trait, direction, at)) plan = undefined;
      if (plan) fields.push(plan);
    });
    this.checkUniqueFields(mapping.fields, [...path, 'fields']);
    const value = kind === 'map' || plainItems ? this.api.elementOf(mapping.shape) : undefined;
    this.mappings.set(mapping.name, {
      name: mapping.name,
      entity,
      shape: mapping.shape,
      directions,
      entries: kind === 'map',
      items: plainItems,
      ...(value ? { value } : {}),
      fields,
    });
  }

  private operation(operation: OperationSpec, path: SpecPath): OperationPlan | undefined {
    const requestEntity = this.index.entity(operation.parameters.find((p) => p.role === 'request')?.entity ?? '');
    const responseEntity = 'entity' in operation.returns ? this.index.entity(operation.returns.entity) : undefined;
    if (!requestEntity || !this.api.hasOperation(operation.action)) return undefined;
    const inputShape = this.api.inputShape(operation.action);
    const outputShape = this.api.outputShape(operation.action);
    const request: FieldPlan[] = [];
    if (inputShape) {
      this.checkUniqueFields(operation.request, [...path, 'request']);
      operation.request.forEach((mapping, k) => {
        const at: SpecPath = [...path, 'request', k];
        const resolved = this.resolve(inputShape, mapping.field, [...at, 'field']);
        if (resolved && this.nestedInRequest(resolved.source, mapping.field, at, 'In a request')) return;
        const plan =
          'attribute' in mapping
            ? this.attributeField(mapping, resolved, requestEntity, 'request', at)
            : this.objectsField(mapping, resolved, requestEntity, at, 'request');
        if (plan) request.push(plan);
      });
    }
    const response: FieldPlan[] = [];
    if (!('entity' in operation.returns) && operation.response.length > 0) {
      this.out.add(
        [...path, 'response'],
        `Operation "${operation.name}" returns a Boolean, so its response cannot map fields.`,
        'Remove the response mappings or return an entity.',
      );
    } else if (responseEntity && outputShape) {
      this.checkUniqueFields(operation.response, [...path, 'response']);
      operation.response.forEach((mapping, k) => {
        const at: SpecPath = [...path, 'response', k];
        const resolved = this.resolve(outputShape, mapping.field, [...at, 'field']);
        const plan =
          'attribute' in mapping
            ? this.attributeField(mapping, resolved, responseEntity, 'response', at)
            : this.objectsField(mapping, resolved, responseEntity, at, 'response');
        if (plan) response.push(plan);
      });
    }
    const plan: OperationPlan = {
      operation,
      requestEntity,
      ...(responseEntity ? { responseEntity } : {}),
      ...(inputShape ? { inputShape } : {}),
      ...(outputShape ? { outputShape } : {}),
      request,
      response,
    };
    const pagination = this.pagination(operation, path, plan);
    if (pagination) plan.pagination = pagination;
    return plan;
  }

  private pagination(operation: OperationSpec, path: SpecPath, plan: OperationPlan): PaginationPlan | undefined {
    const trait = operation.traits.pagination;
    if (!trait) return undefined;
    const p: SpecPath = [...path, 'traits', 'pagination'];
    const { inputShape, outputShape } = plan;
    const inputToken = inputShape ? this.memberOfKind(inputShape, trait.inputToken, [...p, 'inputToken'], ['string']) : undefined;
    const pageSize = inputShape && trait.limit !== undefined ? this.memberOfKind(inputShape, trait.limit, [...p, 'limit'], ['number']) : undefined;
    if (inputShape && !operation.request.some((f) => f.field === trait.inputToken)) {
      this.out.add(
        [...p, 'inputToken'],
        `The marker field "${trait.inputToken}" is not mapped in the request.`,
        'Map it from the request attribute that holds the marker, so one page can continue where another ended.',
      );
    }
    const outputToken = outputShape ? this.memberOfKind(outputShape, trait.outputToken, [...p, 'outputToken'], ['string']) : undefined;
    const itemsMember = outputShape ? this.memberOfKind(outputShape, trait.items, [...p, 'items'], ['list']) : undefined;
    let items: ObjectsFieldPlan | AttributeFieldPlan | undefined;
    if (outputShape && itemsMember) {
      const mapped = plan.response.find((f) => f.field === trait.items);
      const declared = operation.response.find((f) => f.field === trait.items);
      if (!declared) {
        this.out.add([...p, 'items'], `The paged list "${trait.items}" is not mapped in the response.`, 'Map it to the association that collects the items.');
      } else if ('attribute' in declared && declared.trait !== 'joinList') {
        this.out.add(
          [...p, 'items'],
          `The paged list "${trait.items}" is mapped to attribute "${declared.attribute}" without the trait joinList; the items of every page are collected.`,
          'Map the list to an association through an object mapping (one object per item), or a list of strings to a String attribute with the trait joinList.',
        );
      } else if (mapped) items = mapped;
    }
    const fetchAll = attributeOfType(plan.requestEntity, trait.fetchAllAttribute, ['Boolean'], [...p, 'fetchAllAttribute'], this.index, this.out);
    const tokenMapping = plan.response.find((f): f is AttributeFieldPlan => f.kind === 'attribute' && f.field === trait.outputToken);
    if (!inputToken || !outputToken || !items || !fetchAll) return undefined;
    return {
      inputToken,
      outputToken,
      ...(pageSize ? { pageSize } : {}),
      items,
      ...(tokenMapping ? { tokenAttribute: tokenMapping.attribute } : {}),
      fetchAllAttribute: fetchAll,
      maxPages: maxPagesOf(trait),
    };
  }

  /**
   * Requests build their input one level deep: a dotted path would need the structures on the way
   * built from one object. Reports such a path and returns true.
   */
  private nestedInRequest(source: FieldSource, field: string, at: SpecPath, where: string): boolean {
    const depth = source.from === 'mapKey' || source.from === 'listItem' ? 0 : source.path.length;
    if (depth <= 1) return false;
    this.out.add(
      [...at, 'field'],
      `${where}, fields are top-level members, and "${field}" is a nested path.`,
      'Map the nested structure through an association and an object mapping of its own shape.',
    );
    return true;
  }

  private memberOfKind(shape: string, name: string, path: SpecPath, kinds: ApiValueKind[]): ApiMemberView | undefined {
    return memberOfKind(this.api, shape, name, path, this.out, kinds);
  }

  private checkUniqueFields(fields: readonly FieldMappingSpec[], path: SpecPath): void {
    checkUnique(
      fields.map((f, k) => ({ name: f.field, path: [...path, k, 'field'] })),
      'mapped field',
      this.out,
      true,
    );
  }

  /** Resolves a field path (dotted members; in a map shape `$key`, `$value`, `$value.<member>`), reporting what fails. */
  private resolve(shape: string, field: string, path: SpecPath): { source: FieldSource; member: ApiMemberView } | undefined {
    if (this.api.shapeKind(shape) === 'list') {
      const item = this.api.elementOf(shape);
      if (field === '$item' && item) return { source: { from: 'listItem' }, member: item };
      this.out.add(path, `"${field}" is not part of the list ${shape}.`, 'In a mapping of a list of plain values, the one field is $item.');
      return undefined;
    }
    if (this.api.shapeKind(shape) === 'map') {
      if (field === '$key') return { source: { from: 'mapKey' }, member: { name: '$key', kind: 'string' } };
      const value = this.api.elementOf(shape);
      if (field === '$value' && value) return { source: { from: 'mapValue', path: [] }, member: value };
      if (field.startsWith('$value.') && value) {
        if (value.kind !== 'structure' || !value.shape) {
          this.out.add(path, `The values of map ${shape} are ${value.kind}s, so "${field}" cannot go inside them.`, 'Map $value itself.');
          return undefined;
        }
        const inner = this.memberPath(value.shape, field.slice('$value.'.length), field, path);
        return inner ? { source: { from: 'mapValue', path: inner }, member: inner[inner.length - 1] as ApiMemberView } : undefined;
      }
      this.out.add(path, `"${field}" is not part of the map shape ${shape}.`, 'In a mapping of a map shape, the fields are $key, $value and $value.<member>.');
      return undefined;
    }
    const members = this.memberPath(shape, field, field, path);
    return members ? { source: { from: 'member', path: members }, member: members[members.length - 1] as ApiMemberView } : undefined;
  }

  private memberPath(shape: string, dotted: string, field: string, path: SpecPath): ApiMemberView[] | undefined {
    let current = shape;
    const steps: ApiMemberView[] = [];
    const parts = dotted.split('.');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] ?? '';
      const member = this.api.member(current, part);
      if (!member) {
        const names = this.api.memberNames(current);
        this.out.add(
          path,
          `The API shape ${current} has no field "${part}"${parts.length > 1 ? ` (in "${field}")` : ''}.`,
          didYouMean(part, names, `Fields of ${current}: ${names.join(', ')}.`),
        );
        return undefined;
      }
      steps.push(member);
      if (i < parts.length - 1) {
        if (member.kind !== 'structure' || !member.shape) {
          this.out.add(
            path,
            `"${parts.slice(0, i + 1).join('.')}" is a ${member.kind}, so "${field}" cannot go inside it.`,
            'Only structure fields can be followed with a dot.',
          );
          return undefined;
        }
        current = member.shape;
      }
    }
    return steps;
  }

  private attributeField(
    mapping: AttributeFieldMappingSpec,
    resolved: { source: FieldSource; member: ApiMemberView } | undefined,
    entity: EntitySpec,
    direction: Direction,
    at: SpecPath,
  ): AttributeFieldPlan | undefined {
    const attribute = this.index.attribute(entity, mapping.attribute);
    if (!attribute) {
      this.out.add(
        [...at, 'attribute'],
        `Entity "${entity.name}" has no attribute "${mapping.attribute}".`,
        didYouMean(
          mapping.attribute,
          this.index.allAttributes(entity).map((a) => a.name),
          `Name an attribute of ${entity.name} or of its generalizations.`,
        ),
      );
      return undefined;
    }
    let ok = resolved !== undefined;
    if (resolved && !this.compatible(resolved.member, attribute, mapping.trait, direction, at)) ok = false;
    if (mapping.maxBytes !== undefined && mapping.trait !== 'base64Json' && mapping.trait !== 'jsonPayload') {
      this.out.add(
        [...at, 'maxBytes'],
        '"maxBytes" applies to the traits base64Json and jsonPayload only.',
        'Remove "maxBytes", or give the field one of those traits.',
      );
      ok = false;
    }
    if (!ok || !resolved) return undefined;
    return {
      kind: 'attribute',
      field: mapping.field,
      source: resolved.source,
      member: resolved.member,
      attribute,
      ...(mapping.trait ? { trait: mapping.trait } : {}),
      ...(mapping.maxBytes !== undefined ? { maxBytes: mapping.maxBytes } : {}),
    };
  }

  private objectsField(
    mapping: AssociationFieldMappingSpec,
    resolved: { source: FieldSource; member: ApiMemberView } | undefined,
    entity: EntitySpec,
    at: SpecPath,
    direction: Direction,
  ): ObjectsFieldPlan | undefined {
    const association = this.index.association(mapping.association);
    const declared = this.index.objectMapping(mapping.mapping);
    const objectMapping = this.mappings.get(mapping.mapping);
    if (!association)
      reportUnknownReference(
        this.out,
        [...at, 'association'],
        'association',
        mapping.association,
        this.spec.associations.map((a) => a.name),
      );
    if (!declared)
      reportUnknownReference(
        this.out,
        [...at, 'mapping'],
        'object mapping',
        mapping.mapping,
        this.spec.objectMappings.map((m) => m.name),
      );
    if (!resolved || !association || !declared) return undefined;
    const { member } = resolved;
    const target = this.objectShapeOf(member);
    if (!target) {
      this.out.add(
        [...at, 'field'],
        `Field "${mapping.field}" is a ${member.kind}; an association mapping needs a structure, a list or a map.`,
        'Map a plain value to an attribute instead.',
      );
      return undefined;
    }
    if (target.shape !== declared.shape) {
      this.out.add(
        [...at, 'mapping'],
        `Mapping "${declared.name}" maps shape ${declared.shape}, but "${mapping.field}" holds ${target.shape}.`,
        `Use a mapping of shape ${target.shape}.`,
      );
      return undefined;
    }
    const other = this.index.entity(declared.entity);
    if (!other || !objectMapping) return undefined;
    const childOwns = this.index.specializes(other, association.parent) && this.index.specializes(entity, association.child);
    const parentOwns = this.index.specializes(entity, association.parent) && this.index.specializes(other, association.child);
    if (!childOwns && !parentOwns) {
      this.out.add(
        [...at, 'association'],
        `Association "${association.name}" does not link ${entity.name} and ${other.name}.`,
        `It links ${association.parent} (parent) and ${association.child} (child); name an association between ${entity.name} and ${other.name}.`,
      );
      return undefined;
    }
    const many = target.container !== 'single';
    if (many && association.type === 'Reference' && !childOwns) {
      this.out.add(
        [...at, 'association'],
        `"${mapping.field}" holds many objects, but through "${association.name}" one ${entity.name} refers to one ${other.name}.`,
        `Make ${other.name} the parent of a Reference association to ${entity.name} (many ${other.name} objects point to one ${entity.name}), or use a ReferenceSet.`,
      );
      return undefined;
    }
    if (direction === 'request' && target.container === 'map' && !objectMapping.fields.some((f) => f.source.from === 'mapKey')) {
      this.out.add(
        [...at, 'mapping'],
        `Mapping "${objectMapping.name}" fills the map "${mapping.field}" of the request, but maps no attribute to $key.`,
        'Add a field "$key" with the attribute that holds each entry\'s key.',
      );
      return undefined;
    }
    return {
      kind: 'objects',
      field: mapping.field,
      source: resolved.source,
      member,
      container: target.container,
      association,
      childOwns,
      mapping: objectMapping,
    };
  }

  private objectShapeOf(member: ApiMemberView): { shape: string; container: ObjectsFieldPlan['container'] } | undefined {
    if (member.kind === 'structure' && member.shape) return { shape: member.shape, container: 'single' };
    if (member.kind === 'map' && member.shape) return { shape: member.shape, container: 'map' };
    if (member.kind === 'list' && member.shape) {
      const element = this.api.elementOf(member.shape);
      if (element?.kind === 'structure' && element.shape) return { shape: element.shape, container: 'list' };
      // A list of plain values: one object per item, through a mapping of the list itself ($item).
      if (element && PLAIN_TYPES[element.kind] !== undefined) return { shape: member.shape, container: 'list' };
    }
    return undefined;
  }

  /** Whether the API value fits the attribute (with the trait); reports why not. */
  private compatible(member: ApiMemberView, attribute: AttributeSpec, trait: FieldTrait | undefined, direction: Direction, at: SpecPath): boolean {
    if (trait) {
      const rule = TRAIT_RULES[trait];
      if (!rule.directions.includes(direction)) {
        this.out.add(
          [...at, 'trait'],
          `Trait ${trait} (${rule.what}) works in ${rule.directions.join(' and ')} mappings only, not in a ${direction} mapping.`,
          'Remove the trait or move the mapping.',
        );
        return false;
      }
      if (!rule.kinds.includes(member.kind)) {
        this.out.add(
          [...at, 'trait'],
          `Trait ${trait} needs a ${rule.kinds.join(' or ')} field, and "${member.name}" is a ${member.kind}.`,
          'Remove the trait or map another field.',
        );
        return false;
      }
      if (trait === 'joinList' && this.api.elementOf(member.shape ?? '')?.kind !== 'string') {
        this.out.add(
          [...at, 'trait'],
          `Trait joinList needs a list of strings, and "${member.name}" holds other values.`,
          'Map the list through an association instead.',
        );
        return false;
      }
      if (attribute.type !== rule.attribute) {
        this.out.add(
          [...at, 'attribute'],
          `Trait ${trait} produces ${rule.attribute === 'String' ? 'text' : rule.attribute}, but attribute "${attribute.name}" is ${attribute.type}.`,
          `Make "${attribute.name}" a ${rule.attribute} attribute.`,
        );
        return false;
      }
      return true;
    }
    const allowed = PLAIN_TYPES[member.kind];
    if (!allowed) {
      const suggestion =
        member.kind === 'blob'
          ? 'the trait jsonPayload'
          : member.kind === 'list'
            ? 'an association, or the trait joinList for a list of strings'
            : 'an association';
      this.out.add(
        [...at, 'field'],
        `Field "${member.name}" is a ${member.kind} and cannot be copied into attribute "${attribute.name}" as it is.`,
        `Use ${suggestion}.`,
      );
      return false;
    }
    if (!allowed.includes(attribute.type)) {
      const hint =
        attribute.type === 'DateTime' && member.kind === 'string'
          ? 'The API sends this time stamp as text; add "trait: timestamp" to convert it.'
          : `Use an attribute of type ${allowed.join(' or ')}.`;
      this.out.add(
        [...at, 'attribute'],
        `Field "${member.name}" is a ${member.kind}, which does not fit attribute "${attribute.name}" of type ${attribute.type}.`,
        hint,
      );
      return false;
    }
    if (attribute.type === 'Enumeration' && member.enumName && attribute.enumeration) {
      const apiValues = this.api.enumValues(member.enumName);
      const enumeration = this.index.enumeration(attribute.enumeration);
      if (apiValues && enumeration) {
        const unknown = enumeration.values.filter((v) => !v.newerValues && !apiValues.includes(v.apiValue ?? v.name)).map((v) => v.apiValue ?? v.name);
        if (unknown.length > 0) {
          this.out.add(
            [...at, 'attribute'],
            `Enumeration ${enumeration.name} has values the API does not know for "${member.name}": ${unknown.join(', ')}.`,
            `The API's values are: ${apiValues.join(', ')}. Give each value the matching apiValue.`,
          );
          return false;
        }
      }
    }
    return true;
  }
}
