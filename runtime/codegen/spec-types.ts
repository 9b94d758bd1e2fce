import type { AttributeSpec, OperationSpec } from '../../generator/spec/types.js';
import { planOf, type FieldPlan } from '../../generator/plan/operation-plan.js';
import type { RuntimeSpec } from '../engine/runtime-spec.js';

/**
 * Writes the TypeScript types of a spec's enumerations, entities and operations (the committed
 * runtime/generated/spec-types.ts). Request and credentials entities (and their generalizations) get
 * optional attributes, as a caller fills only some; every other entity is a response entity, whose
 * attributes are always present (null when empty) and which carries its associated objects under the
 * association's name, as the runtime returns them.
 */
export function generateSpecTypes(runtime: RuntimeSpec, specLabel: string): string {
  const { spec, index } = runtime;
  const lines: string[] = [
    `// Generated from ${specLabel} by runtime/codegen/spec-types.ts. Do not edit by hand:`,
    '// run `UPDATE_SPEC_TYPES=1 npx vitest run test/runtime/spec-types.test.ts` after changing the spec.',
    '/* eslint-disable */',
    '',
  ];

  for (const enumeration of spec.enumerations) {
    lines.push(doc(enumeration.documentation, ''));
    lines.push(`export type ${enumeration.name} =`);
    enumeration.values.forEach((v, i) => lines.push(`  | ${JSON.stringify(v.name)}${i === enumeration.values.length - 1 ? ';' : ''}`));
    lines.push('');
  }

  const inputEntities = new Set<string>();
  for (const operation of spec.operations) {
    for (const parameter of operation.parameters) {
      const entity = parameter.entity ? index.entity(parameter.entity) : undefined;
      if (entity) for (const e of index.lineage(entity)) inputEntities.add(e.name);
    }
  }
  const associations = associationProperties(runtime);

  for (const entity of spec.entities) {
    const input = inputEntities.has(entity.name);
    lines.push(doc(entity.documentation, ''));
    // Response entities list inherited attributes too, as the runtime fills them all.
    const extendsClause = input && entity.generalization ? ` extends ${entity.generalization}` : '';
    lines.push(`export interface ${entity.name}${extendsClause} {`);
    const attributes = input ? entity.attributes : index.allAttributes(entity);
    for (const attribute of attributes) {
      lines.push(doc(attribute.documentation, '  '));
      lines.push(`  ${attribute.name}${input ? '?' : ''}: ${attributeType(attribute)} | null;`);
    }
    for (const property of associations.get(entity.name) ?? []) {
      lines.push(`  /** Association ${property.association}. */`);
      lines.push(`  ${property.association}${property.optional ? '?' : ''}: ${property.many ? `${property.entity}[]` : `${property.entity} | null`};`);
    }
    lines.push('}', '');
  }

  lines.push('/** The parameter and result types of each operation. */');
  lines.push('export interface OperationTypes {');
  for (const operation of spec.operations) {
    const param = (role: string) => {
      const p = operation.parameters.find((x) => x.role === role);
      return p?.entity ?? p?.enumeration ?? 'never';
    };
    const response = 'entity' in operation.returns ? operation.returns.entity : 'boolean';
    lines.push(
      `  ${operation.name}: { credentials: ${param('credentials')}; region: ${param('region')}; request: ${param('request')}; response: ${response} };`,
    );
  }
  lines.push('}', '');
  lines.push('export type OperationName = keyof OperationTypes;', '');
  lines.push(`export const OPERATION_NAMES: readonly OperationName[] = [${spec.operations.map((o) => JSON.stringify(o.name)).join(', ')}];`, '');

  lines.push('/** The item type of each paginated operation. */');
  lines.push('export interface PaginatedItemTypes {');
  for (const operation of spec.operations) {
    const items = pagedItemEntity(runtime, operation);
    if (items) lines.push(`  ${operation.name}: ${items};`);
  }
  lines.push('}', '');
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

function doc(text: string, indent: string): string {
  const clean = text.replace(/\*\//g, '*\\/').trim();
  return `${indent}/** ${clean} */`;
}

function attributeType(attribute: AttributeSpec): string {
  switch (attribute.type) {
    case 'String':
      return 'string';
    case 'Integer':
    case 'Long':
    case 'Decimal':
      return 'number';
    case 'Boolean':
      return 'boolean';
    case 'DateTime':
      // ISO 8601 UTC text with milliseconds, e.g. 2024-05-01T12:34:56.789Z.
      return 'string';
    case 'Enumeration':
      return attribute.enumeration ?? 'string';
  }
}

interface AssociationProperty {
  association: string;
  entity: string;
  many: boolean;
  /** Request objects: the caller may leave associated objects out. */
  optional: boolean;
}

/**
 * The association properties each entity carries, from the plan's objects fields: response entities
 * as the runtime fills them, request entities as a caller may give them.
 */
function associationProperties(runtime: RuntimeSpec): Map<string, AssociationProperty[]> {
  const found = new Map<string, AssociationProperty[]>();
  const collect = (entityName: string, fields: readonly FieldPlan[], optional: boolean) => {
    for (const field of fields) {
      if (field.kind !== 'objects') continue;
      const list = found.get(entityName) ?? [];
      if (!list.some((p) => p.association === field.association.name))
        list.push({ association: field.association.name, entity: field.mapping.entity.name, many: field.container !== 'single', optional });
      found.set(entityName, list);
    }
  };
  const plan = planOf(runtime.spec, runtime.index, runtime.api);
  for (const operation of runtime.spec.operations) {
    const op = plan.operations.get(operation.name);
    if (op) collect(op.requestEntity.name, op.request, true);
    if (op?.responseEntity) collect(op.responseEntity.name, op.response, false);
  }
  for (const mapping of plan.objectMappings.values()) collect(mapping.entity.name, mapping.fields, false);
  return found;
}

function pagedItemEntity(runtime: RuntimeSpec, operation: OperationSpec): string | undefined {
  const pagination = operation.traits.pagination;
  if (!pagination) return undefined;
  const field = operation.response.find((f) => f.field === pagination.items);
  if (!field || !('association' in field)) return undefined;
  return runtime.index.objectMapping(field.mapping)?.entity;
}
