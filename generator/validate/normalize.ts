import type { ConnectorSpec } from '../spec/types.js';

/** Mendix's own default length of a String attribute, used when the spec gives none. */
export const DEFAULT_STRING_LENGTH = 200;

interface RawEntity {
  persistable?: boolean;
  attributes: Array<{ type: string; length?: number | 'unlimited'; secret?: boolean }>;
}

/**
 * Fills in the defaults the schema documents (non-persistable entities, Reference associations owned
 * by their parent, String length 200, no traits), so later steps never guess. Input is schema-valid.
 */
export function normalizeSpec(data: unknown): ConnectorSpec {
  const spec = structuredClone(data) as ConnectorSpec & { $schema?: string };
  delete spec.$schema;
  for (const entity of spec.entities as unknown as RawEntity[]) {
    entity.persistable = entity.persistable ?? false;
    for (const attribute of entity.attributes) {
      attribute.secret = attribute.secret ?? false;
      if (attribute.type === 'String' && attribute.length === undefined) attribute.length = DEFAULT_STRING_LENGTH;
    }
  }
  for (const association of spec.associations) {
    association.type = association.type ?? 'Reference';
    association.owner = association.owner ?? 'Default';
  }
  for (const operation of spec.operations) {
    operation.traits = operation.traits ?? {};
  }
  return spec;
}
