import type { SpecIndex } from '../spec/spec-index.js';
import type { AttributeSpec, ConnectorSpec, EntitySpec } from '../spec/types.js';

/**
 * Where each entity sits in the domain model, shared by the module package (entity locations) and
 * the domain-model picture of the technical reference, so both show the same layout.
 *
 * Entities are stacked in columns: first the shared ones (credentials and request bases), then one
 * column per operation with its request, its response and the entities reached from the response,
 * so related entities sit together. Boxes are sized from their text, so none overlap.
 */

export interface EntityBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DomainModelLayout {
  boxes: Map<string, EntityBox>;
  width: number;
  height: number;
}

const MARGIN = 20;
const COLUMN_GAP = 80;
const ROW_GAP = 40;
const HEADER_HEIGHT = 28;
const ROW_HEIGHT = 18;
const CHAR_WIDTH = 7;
const MIN_WIDTH = 160;

/** How an attribute reads in a box: `Name: Type`, with the enumeration or length where it matters. */
export function attributeLabel(attribute: AttributeSpec): string {
  if (attribute.type === 'Enumeration') return `${attribute.name}: ${attribute.enumeration ?? 'Enumeration'}`;
  if (attribute.type === 'String') return `${attribute.name}: String (${attribute.length === 'unlimited' ? 'unlimited' : String(attribute.length ?? 200)})`;
  return `${attribute.name}: ${attribute.type}`;
}

export function entityBoxSize(entity: EntitySpec): { width: number; height: number } {
  const longest = Math.max(entity.name.length + 4, ...entity.attributes.map((a) => attributeLabel(a).length));
  return {
    width: Math.max(MIN_WIDTH, longest * CHAR_WIDTH + 24),
    height: HEADER_HEIGHT + entity.attributes.length * ROW_HEIGHT + 10,
  };
}

export function layoutDomainModel(spec: ConnectorSpec, index: SpecIndex): DomainModelLayout {
  const placed = new Set<string>();
  const columns: EntitySpec[][] = [];
  const take = (column: EntitySpec[], entity: EntitySpec | undefined) => {
    if (entity && !placed.has(entity.name)) {
      placed.add(entity.name);
      column.push(entity);
    }
  };

  const shared: EntitySpec[] = [];
  take(shared, index.entity(spec.client.credentials.entity));
  const bases = spec.entities.filter((e) => spec.entities.some((other) => other.generalization === e.name));
  for (const base of bases) take(shared, base);
  if (shared.length > 0) columns.push(shared);

  for (const operation of spec.operations) {
    const column: EntitySpec[] = [];
    const request = operation.parameters.find((p) => p.role === 'request');
    take(column, request?.entity ? index.entity(request.entity) : undefined);
    const response = 'entity' in operation.returns ? index.entity(operation.returns.entity) : undefined;
    // Breadth-first from the response over associations: the objects the activity returns.
    const queue = response ? [response] : [];
    while (queue.length > 0) {
      const entity = queue.shift() as EntitySpec;
      if (placed.has(entity.name)) continue;
      take(column, entity);
      for (const association of index.associationsOf(entity)) {
        const other = index.otherEnd(association, entity);
        if (other && !placed.has(other.name)) queue.push(other);
      }
    }
    if (column.length > 0) columns.push(column);
  }
  const rest: EntitySpec[] = [];
  for (const entity of spec.entities) take(rest, entity);
  if (rest.length > 0) columns.push(rest);

  const boxes = new Map<string, EntityBox>();
  let x = MARGIN;
  let height = 0;
  for (const column of columns) {
    const width = Math.max(...column.map((e) => entityBoxSize(e).width));
    let y = MARGIN;
    for (const entity of column) {
      const size = entityBoxSize(entity);
      boxes.set(entity.name, { x, y, width: size.width, height: size.height });
      y += size.height + ROW_GAP;
    }
    height = Math.max(height, y - ROW_GAP + MARGIN);
    x += width + COLUMN_GAP;
  }
  return { boxes, width: x - COLUMN_GAP + MARGIN, height };
}
