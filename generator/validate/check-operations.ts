import type { SpecIndex } from '../spec/spec-index.js';
import type { AttributeSpec, ConnectorSpec, EntitySpec, FieldMappingSpec, FieldTrait, OperationSpec } from '../spec/types.js';
import type { ApiMemberView, ApiModelView, ApiValueKind } from './api-model-view.js';
import { attributeOfType } from './check-client.js';
import { checkDocumentation, checkParameterName, checkUnique } from './check-domain-model.js';
import type { DiagnosticList, SpecPath } from './diagnostics.js';
import { reportUnknownReference } from './unknown-reference.js';
import { didYouMean } from '../spec/suggest.js';

type Direction = 'request' | 'response';

/**
 * Semantic checks of the operations: parameters and return type resolve and follow the client binding,
 * and every mapping names API fields that exist for that action, with compatible attribute types.
 */
export function checkOperations(spec: ConnectorSpec, index: SpecIndex, api: ApiModelView, out: DiagnosticList): void {
  checkUnique(
    spec.operations.map((o, i) => ({ name: o.name, path: ['operations', i, 'name'] })),
    'operation',
    out,
  );
  (spec.module.walkthroughs ?? []).forEach((name, i) => {
    if (!index.operation(name))
      reportUnknownReference(
        out,
        ['module', 'walkthroughs', i],
        'operation',
        name,
        spec.operations.map((o) => o.name),
      );
  });
  spec.operations.forEach((operation, i) => {
    const path: SpecPath = ['operations', i];
    if (index.enumeration(operation.name)) {
      out.add(
        [...path, 'name'],
        `Operation "${operation.name}" has the name of an enumeration.`,
        'Java actions and enumerations are documents of the same module and need distinct names.',
      );
    }
    checkDocumentation([...path, 'documentation'], operation.documentation, `operation ${operation.name}`, out);
    checkOperation(operation, path, spec, index, api, out);
  });
  spec.objectMappings.forEach((mapping, i) => {
    const path: SpecPath = ['objectMappings', i];
    const entity = index.entity(mapping.entity);
    if (!entity)
      reportUnknownReference(
        out,
        [...path, 'entity'],
        'entity',
        mapping.entity,
        spec.entities.map((e) => e.name),
      );
    const kind = api.shapeKind(mapping.shape);
    if (kind === undefined) {
      out.add(
        [...path, 'shape'],
        `The API model has no shape "${mapping.shape}".`,
        didYouMean(mapping.shape, [], 'Name a structure or map shape of the API model (see the file named by service.apiModel).'),
      );
    } else if (kind !== 'structure' && kind !== 'map') {
      out.add(
        [...path, 'shape'],
        `Shape "${mapping.shape}" is a ${kind}; an object mapping maps a structure or a map.`,
        'Name the structure shape of one object (for a list, the shape of its items).',
      );
    } else if (entity) {
      checkFieldMappings(mapping.fields, [...path, 'fields'], mapping.shape, entity, 'response', spec, index, api, out);
    }
  });
  checkUnique(
    spec.objectMappings.map((m, i) => ({ name: m.name, path: ['objectMappings', i, 'name'] })),
    'object mapping',
    out,
  );
}

function checkOperation(operation: OperationSpec, path: SpecPath, spec: ConnectorSpec, index: SpecIndex, api: ApiModelView, out: DiagnosticList): void {
  checkUnique(
    operation.parameters.map((p, j) => ({ name: p.name, path: [...path, 'parameters', j, 'name'] })),
    `parameter of ${operation.name}`,
    out,
  );
  let requestEntity: EntitySpec | undefined;
  const roles = new Map<string, number>();
  operation.parameters.forEach((parameter, j) => {
    const at: SpecPath = [...path, 'parameters', j];
    checkParameterName([...at, 'name'], parameter.name, out);
    checkDocumentation([...at, 'description'], parameter.description, `parameter ${operation.name}.${parameter.name}`, out);
    roles.set(parameter.role, (roles.get(parameter.role) ?? 0) + 1);
    if ((parameter.entity === undefined) === (parameter.enumeration === undefined)) {
      out.add(
        at,
        `Parameter "${parameter.name}" must name exactly one of "entity" or "enumeration".`,
        'Give the parameter its type: entity: <Entity> or enumeration: <Enumeration>.',
      );
      return;
    }
    if (parameter.role === 'region') {
      if (parameter.enumeration !== spec.client.region.enumeration) {
        out.add(
          at,
          `Region parameter "${parameter.name}" must be of enumeration ${spec.client.region.enumeration}.`,
          `Write "enumeration: ${spec.client.region.enumeration}" (see client.region).`,
        );
      }
      return;
    }
    if (parameter.enumeration !== undefined) {
      out.add(
        [...at, 'enumeration'],
        `Parameter "${parameter.name}" with role ${parameter.role} must be an entity.`,
        'Only the region parameter is an enumeration.',
      );
      return;
    }
    const entity = index.entity(parameter.entity ?? '');
    if (!entity) {
      reportUnknownReference(
        out,
        [...at, 'entity'],
        'entity',
        parameter.entity ?? '',
        spec.entities.map((e) => e.name),
        `Parameter "${parameter.name}" is of entity "${parameter.entity}", which`,
      );
      return;
    }
    if (parameter.role === 'credentials' && entity.name !== spec.client.credentials.entity) {
      out.add(
        [...at, 'entity'],
        `Credentials parameter "${parameter.name}" must be of entity ${spec.client.credentials.entity}.`,
        'See client.credentials.entity.',
      );
    }
    if (parameter.role === 'request') {
      if (!index.specializes(entity, spec.client.settings.entity)) {
        out.add(
          [...at, 'entity'],
          `Request entity "${entity.name}" does not specialize the request base "${spec.client.settings.entity}".`,
          `Add "generalization: ${spec.client.settings.entity}" (or an entity that specializes it) to ${entity.name}, so it carries the client settings.`,
        );
      }
      requestEntity = entity;
    }
  });
  for (const role of ['credentials', 'region', 'request'] as const) {
    const count = roles.get(role) ?? 0;
    if (count !== 1) {
      out.add(
        [...path, 'parameters'],
        `Operation "${operation.name}" has ${count} parameters with role ${role}; it needs exactly one.`,
        `Every activity takes one credentials, one region and one request parameter.`,
      );
    }
  }

  let responseEntity: EntitySpec | undefined;
  if ('entity' in operation.returns) {
    responseEntity = index.entity(operation.returns.entity);
    if (!responseEntity)
      reportUnknownReference(
        out,
        [...path, 'returns', 'entity'],
        'entity',
        operation.returns.entity,
        spec.entities.map((e) => e.name),
        `Return type "${operation.returns.entity}"`,
      );
  }
  checkDocumentation([...path, 'returns', 'description'], operation.returns.description, `the return value of ${operation.name}`, out);

  if (!api.hasOperation(operation.action)) {
    out.add(
      [...path, 'action'],
      `The API has no action "${operation.action}".`,
      didYouMean(operation.action, api.operationNames(), 'Name an operation of the API model.'),
    );
    return;
  }
  const input = api.inputShape(operation.action);
  const output = api.outputShape(operation.action);
  if (requestEntity && input) checkFieldMappings(operation.request, [...path, 'request'], input, requestEntity, 'request', spec, index, api, out);
  if (!('entity' in operation.returns) && operation.response.length > 0) {
    out.add(
      [...path, 'response'],
      `Operation "${operation.name}" returns a Boolean, so its response cannot map fields.`,
      'Remove the response mappings or return an entity.',
    );
  } else if (responseEntity && output) {
    checkFieldMappings(operation.response, [...path, 'response'], output, responseEntity, 'response', spec, index, api, out);
  }
  checkTraits(operation, path, requestEntity, input, output, index, api, out);
}

function checkTraits(
  operation: OperationSpec,
  path: SpecPath,
  request: EntitySpec | undefined,
  input: string | undefined,
  output: string | undefined,
  index: SpecIndex,
  api: ApiModelView,
  out: DiagnosticList,
): void {
  const { pagination, payloadLimits, functionError } = operation.traits;
  const at: SpecPath = [...path, 'traits'];
  if (pagination) {
    const p: SpecPath = [...at, 'pagination'];
    if (input) {
      memberOrReport(api, input, pagination.inputToken, [...p, 'inputToken'], out, ['string']);
      if (pagination.limit !== undefined) memberOrReport(api, input, pagination.limit, [...p, 'limit'], out, ['number']);
      if (!operation.request.some((f) => f.field === pagination.inputToken)) {
        out.add(
          [...p, 'inputToken'],
          `The marker field "${pagination.inputToken}" is not mapped in the request.`,
          'Map it from the request attribute that holds the marker, so one page can continue where another ended.',
        );
      }
    }
    if (output) {
      memberOrReport(api, output, pagination.outputToken, [...p, 'outputToken'], out, ['string']);
      memberOrReport(api, output, pagination.items, [...p, 'items'], out, ['list']);
      if (!operation.response.some((f) => f.field === pagination.items)) {
        out.add([...p, 'items'], `The paged list "${pagination.items}" is not mapped in the response.`, 'Map it to the association that collects the items.');
      }
    }
    if (request) attributeOfType(request, pagination.fetchAllAttribute, ['Boolean'], [...p, 'fetchAllAttribute'], index, out);
  }
  if (payloadLimits) {
    const p: SpecPath = [...at, 'payloadLimits'];
    if (request) {
      attributeOfType(request, payloadLimits.attribute, ['String'], [...p, 'attribute'], index, out);
      const selector = attributeOfType(request, payloadLimits.byAttribute, ['Enumeration'], [...p, 'byAttribute'], index, out);
      const enumeration = selector?.enumeration ? index.enumeration(selector.enumeration) : undefined;
      if (enumeration) {
        const names = enumeration.values.map((v) => v.name);
        for (const key of Object.keys(payloadLimits.limits)) {
          if (!names.includes(key))
            out.add(
              [...p, 'limits', key],
              `"${key}" is not a value of ${enumeration.name}.`,
              didYouMean(key, names, `Use the values of ${enumeration.name}: ${names.join(', ')}.`),
              { atKey: true },
            );
        }
        const missing = names.filter((n) => !(n in payloadLimits.limits));
        if (missing.length > 0)
          out.add(
            [...p, 'limits'],
            `No payload limit for ${missing.join(', ')} of ${enumeration.name}.`,
            'Give a limit in bytes for every value, so no invocation type goes unchecked.',
          );
      }
    }
  }
  if (functionError) {
    const p: SpecPath = [...at, 'functionError'];
    if (output) memberOrReport(api, output, functionError.field, [...p, 'field'], out, ['string']);
    if (request) attributeOfType(request, functionError.failAttribute, ['Boolean'], [...p, 'failAttribute'], index, out);
  }
}

function memberOrReport(api: ApiModelView, shape: string, name: string, path: SpecPath, out: DiagnosticList, kinds: ApiValueKind[]): ApiMemberView | undefined {
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

/** Resolves a dotted field path (or $key / $value in a map) to an API member, reporting what fails. */
function resolveField(api: ApiModelView, shape: string, field: string, path: SpecPath, out: DiagnosticList): ApiMemberView | undefined {
  if (api.shapeKind(shape) === 'map') {
    if (field === '$key') return { name: '$key', kind: 'string' };
    if (field === '$value') return api.elementOf(shape);
    out.add(path, `"${field}" is not part of the map shape ${shape}.`, 'In a mapping of a map shape, the fields are $key and $value.');
    return undefined;
  }
  let current = shape;
  let member: ApiMemberView | undefined;
  const parts = field.split('.');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    member = api.member(current, part);
    if (!member) {
      const names = api.memberNames(current);
      out.add(
        path,
        `The API shape ${current} has no field "${part}"${parts.length > 1 ? ` (in "${field}")` : ''}.`,
        didYouMean(part, names, `Fields of ${current}: ${names.join(', ')}.`),
      );
      return undefined;
    }
    if (i < parts.length - 1) {
      if (member.kind !== 'structure' || !member.shape) {
        out.add(
          path,
          `"${parts.slice(0, i + 1).join('.')}" is a ${member.kind}, so "${field}" cannot go inside it.`,
          'Only structure fields can be followed with a dot.',
        );
        return undefined;
      }
      current = member.shape;
    }
  }
  return member;
}

function checkFieldMappings(
  fields: FieldMappingSpec[],
  path: SpecPath,
  shape: string,
  entity: EntitySpec,
  direction: Direction,
  spec: ConnectorSpec,
  index: SpecIndex,
  api: ApiModelView,
  out: DiagnosticList,
): void {
  checkUnique(
    fields.map((f, k) => ({ name: f.field, path: [...path, k, 'field'] })),
    'mapped field',
    out,
    true,
  );
  fields.forEach((mapping, k) => {
    const at: SpecPath = [...path, k];
    const member = resolveField(api, shape, mapping.field, [...at, 'field'], out);
    if ('attribute' in mapping) {
      const attribute = index.attribute(entity, mapping.attribute);
      if (!attribute) {
        out.add(
          [...at, 'attribute'],
          `Entity "${entity.name}" has no attribute "${mapping.attribute}".`,
          didYouMean(
            mapping.attribute,
            index.allAttributes(entity).map((a) => a.name),
            `Name an attribute of ${entity.name} or of its generalizations.`,
          ),
        );
        return;
      }
      if (member) checkAttributeCompatibility(member, attribute, mapping.trait, direction, at, index, api, out);
      if (mapping.maxBytes !== undefined && mapping.trait !== 'base64Json' && mapping.trait !== 'jsonPayload') {
        out.add(
          [...at, 'maxBytes'],
          '"maxBytes" applies to the traits base64Json and jsonPayload only.',
          'Remove "maxBytes", or give the field one of those traits.',
        );
      }
      return;
    }
    if (direction === 'request') {
      out.add(
        [...at, 'association'],
        'Request mappings copy attributes only; associated request objects are not supported.',
        'Map each request field from an attribute of the request entity.',
      );
      return;
    }
    const association = index.association(mapping.association);
    const objectMapping = index.objectMapping(mapping.mapping);
    if (!association)
      reportUnknownReference(
        out,
        [...at, 'association'],
        'association',
        mapping.association,
        spec.associations.map((a) => a.name),
      );
    if (!objectMapping)
      reportUnknownReference(
        out,
        [...at, 'mapping'],
        'object mapping',
        mapping.mapping,
        spec.objectMappings.map((m) => m.name),
      );
    if (!member || !association || !objectMapping) return;
    const target = objectShapeOf(member, api);
    if (!target) {
      out.add(
        [...at, 'field'],
        `Field "${mapping.field}" is a ${member.kind}; an association mapping needs a structure, a list of structures or a map.`,
        'Map a plain value to an attribute instead.',
      );
      return;
    }
    if (target.shape !== objectMapping.shape) {
      out.add(
        [...at, 'mapping'],
        `Mapping "${objectMapping.name}" maps shape ${objectMapping.shape}, but "${mapping.field}" holds ${target.shape}.`,
        `Use a mapping of shape ${target.shape}.`,
      );
    }
    const other = index.entity(objectMapping.entity);
    if (!other) return;
    const links =
      (index.specializes(entity, association.parent) && index.specializes(other, association.child)) ||
      (index.specializes(entity, association.child) && index.specializes(other, association.parent));
    if (!links) {
      out.add(
        [...at, 'association'],
        `Association "${association.name}" does not link ${entity.name} and ${other.name}.`,
        `It links ${association.parent} (parent) and ${association.child} (child); name an association between ${entity.name} and ${other.name}.`,
      );
      return;
    }
    if (target.many && association.type === 'Reference' && !index.specializes(entity, association.child)) {
      out.add(
        [...at, 'association'],
        `"${mapping.field}" holds many objects, but through "${association.name}" one ${entity.name} refers to one ${other.name}.`,
        `Make ${other.name} the parent of a Reference association to ${entity.name} (many ${other.name} objects point to one ${entity.name}), or use a ReferenceSet.`,
      );
    }
  });
}

function objectShapeOf(member: ApiMemberView, api: ApiModelView): { shape: string; many: boolean } | undefined {
  if (member.kind === 'structure' && member.shape) return { shape: member.shape, many: false };
  if (member.kind === 'map' && member.shape && api.elementOf(member.shape)?.kind !== 'structure') return { shape: member.shape, many: true };
  if (member.kind === 'list' && member.shape) {
    const element = api.elementOf(member.shape);
    if (element?.kind === 'structure' && element.shape) return { shape: element.shape, many: true };
  }
  return undefined;
}

/** Which attribute types a member of each kind maps to, without a trait. */
const PLAIN_TYPES: Partial<Record<ApiValueKind, ReadonlyArray<AttributeSpec['type']>>> = {
  string: ['String', 'Enumeration'],
  // The SDK's model does not tell 32-bit from 64-bit numbers; the attribute type decides.
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
  joinList: { kinds: ['list'], attribute: 'String', directions: ['response'], what: 'a list of strings joined with commas' },
};

function checkAttributeCompatibility(
  member: ApiMemberView,
  attribute: AttributeSpec,
  trait: FieldTrait | undefined,
  direction: Direction,
  at: SpecPath,
  index: SpecIndex,
  api: ApiModelView,
  out: DiagnosticList,
): void {
  if (trait) {
    const rule = TRAIT_RULES[trait];
    if (!rule.directions.includes(direction)) {
      out.add(
        [...at, 'trait'],
        `Trait ${trait} (${rule.what}) works in ${rule.directions.join(' and ')} mappings only, not in a ${direction} mapping.`,
        'Remove the trait or move the mapping.',
      );
      return;
    }
    if (!rule.kinds.includes(member.kind)) {
      out.add(
        [...at, 'trait'],
        `Trait ${trait} needs a ${rule.kinds.join(' or ')} field, and "${member.name}" is a ${member.kind}.`,
        'Remove the trait or map another field.',
      );
      return;
    }
    if (trait === 'joinList' && api.elementOf(member.shape ?? '')?.kind !== 'string') {
      out.add(
        [...at, 'trait'],
        `Trait joinList needs a list of strings, and "${member.name}" holds other values.`,
        'Map the list through an association instead.',
      );
      return;
    }
    if (attribute.type !== rule.attribute) {
      out.add(
        [...at, 'attribute'],
        `Trait ${trait} produces ${rule.attribute === 'String' ? 'text' : rule.attribute}, but attribute "${attribute.name}" is ${attribute.type}.`,
        `Make "${attribute.name}" a ${rule.attribute} attribute.`,
      );
    }
    return;
  }
  const allowed = PLAIN_TYPES[member.kind];
  if (!allowed) {
    const suggestion =
      member.kind === 'blob'
        ? 'the trait jsonPayload'
        : member.kind === 'list'
          ? 'an association, or the trait joinList for a list of strings'
          : 'an association';
    out.add(
      [...at, 'field'],
      `Field "${member.name}" is a ${member.kind} and cannot be copied into attribute "${attribute.name}" as it is.`,
      `Use ${suggestion}.`,
    );
    return;
  }
  if (!allowed.includes(attribute.type)) {
    const hint =
      attribute.type === 'DateTime' && member.kind === 'string'
        ? 'The API sends this time stamp as text; add "trait: timestamp" to convert it.'
        : `Use an attribute of type ${allowed.join(' or ')}.`;
    out.add(
      [...at, 'attribute'],
      `Field "${member.name}" is a ${member.kind}, which does not fit attribute "${attribute.name}" of type ${attribute.type}.`,
      hint,
    );
    return;
  }
  if (attribute.type === 'Enumeration' && member.enumName && attribute.enumeration) {
    const apiValues = api.enumValues(member.enumName);
    const enumeration = index.enumeration(attribute.enumeration);
    if (apiValues && enumeration) {
      const unknown = enumeration.values.filter((v) => !apiValues.includes(v.apiValue ?? v.name)).map((v) => v.apiValue ?? v.name);
      if (unknown.length > 0) {
        out.add(
          [...at, 'attribute'],
          `Enumeration ${enumeration.name} has values the API does not know for "${member.name}": ${unknown.join(', ')}.`,
          `The API's values are: ${apiValues.join(', ')}. Give each value the matching apiValue.`,
        );
      }
    }
  }
}
