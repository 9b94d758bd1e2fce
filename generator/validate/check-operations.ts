import { buildPlan, memberOfKind, type ConnectorPlan } from '../plan/operation-plan.js';
import type { SpecIndex } from '../spec/spec-index.js';
import type { ConnectorSpec, EntitySpec, OperationSpec } from '../spec/types.js';
import type { ApiModelView } from './api-model-view.js';
import { attributeOfType } from './check-client.js';
import { checkDocumentation, checkParameterName, checkUnique } from './check-domain-model.js';
import type { DiagnosticList, SpecPath } from './diagnostics.js';
import { reportUnknownReference } from './unknown-reference.js';
import { didYouMean } from '../spec/suggest.js';

/**
 * Semantic checks of the operations: parameters and return type resolve and follow the client binding,
 * and every mapping names API fields that exist for that action, with compatible attribute types.
 */
export function checkOperations(spec: ConnectorSpec, index: SpecIndex, api: ApiModelView, out: DiagnosticList): ConnectorPlan {
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
    if (!index.entity(mapping.entity))
      reportUnknownReference(
        out,
        ['objectMappings', i, 'entity'],
        'entity',
        mapping.entity,
        spec.entities.map((e) => e.name),
      );
  });
  checkUnique(
    spec.objectMappings.map((m, i) => ({ name: m.name, path: ['objectMappings', i, 'name'] })),
    'object mapping',
    out,
  );
  // The mappings and the pagination trait are checked by resolving them into the plan every consumer reads.
  return buildPlan(spec, index, api, out);
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
  checkTraits(operation, path, requestEntity, api.outputShape(operation.action), index, api, out);
}

function checkTraits(
  operation: OperationSpec,
  path: SpecPath,
  request: EntitySpec | undefined,
  output: string | undefined,
  index: SpecIndex,
  api: ApiModelView,
  out: DiagnosticList,
): void {
  const { payloadLimits, functionError } = operation.traits;
  const at: SpecPath = [...path, 'traits'];
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
    if (output) memberOfKind(api, output, functionError.field, [...p, 'field'], out, ['string']);
    if (request) attributeOfType(request, functionError.failAttribute, ['Boolean'], [...p, 'failAttribute'], index, out);
  }
}
