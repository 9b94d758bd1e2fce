import type { AssociationSpec, AttributeSpec, ConnectorSpec, EntitySpec, EnumerationSpec, ObjectMappingSpec, OperationSpec } from './types.js';

/**
 * Lookups over a spec by name. Built once, used by the validator and by every generator step, so all
 * of them resolve references the same way. References match names exactly, as Mendix's qualified
 * names do; uniqueness is checked case-insensitively elsewhere (see nameKey).
 */
export class SpecIndex {
  private readonly entities = new Map<string, EntitySpec>();
  private readonly enumerations = new Map<string, EnumerationSpec>();
  private readonly associations = new Map<string, AssociationSpec>();
  private readonly mappings = new Map<string, ObjectMappingSpec>();
  private readonly operations = new Map<string, OperationSpec>();
  // Attribute lookups run for every mapped field of every call of the runtime: computed once per entity.
  private readonly attributesByEntity = new Map<EntitySpec, AttributeSpec[]>();
  private readonly attributeByName = new Map<EntitySpec, Map<string, AttributeSpec>>();

  constructor(readonly spec: ConnectorSpec) {
    for (const e of spec.entities) if (!this.entities.has(e.name)) this.entities.set(e.name, e);
    for (const e of spec.enumerations) if (!this.enumerations.has(e.name)) this.enumerations.set(e.name, e);
    for (const a of spec.associations) if (!this.associations.has(a.name)) this.associations.set(a.name, a);
    for (const m of spec.objectMappings) if (!this.mappings.has(m.name)) this.mappings.set(m.name, m);
    for (const o of spec.operations) if (!this.operations.has(o.name)) this.operations.set(o.name, o);
    // Elements of other modules of the app, by their qualified names.
    for (const external of spec.externalModules ?? []) {
      for (const e of external.entities) this.entities.set(e.name, e);
      for (const e of external.enumerations) this.enumerations.set(e.name, e);
      for (const a of external.associations) this.associations.set(a.name, a);
    }
  }

  /** Whether an entity, enumeration or association belongs to another module of the app (its name is qualified). */
  static isExternal(name: string): boolean {
    return name.includes('.');
  }

  entity(name: string): EntitySpec | undefined {
    return this.entities.get(name);
  }

  enumeration(name: string): EnumerationSpec | undefined {
    return this.enumerations.get(name);
  }

  association(name: string): AssociationSpec | undefined {
    return this.associations.get(name);
  }

  objectMapping(name: string): ObjectMappingSpec | undefined {
    return this.mappings.get(name);
  }

  operation(name: string): OperationSpec | undefined {
    return this.operations.get(name);
  }

  /** The entity and its generalizations, the entity itself first. Stops at cycles and dangling names. */
  lineage(entity: EntitySpec): EntitySpec[] {
    const chain: EntitySpec[] = [];
    const seen = new Set<string>();
    let current: EntitySpec | undefined = entity;
    while (current && !seen.has(current.name)) {
      chain.push(current);
      seen.add(current.name);
      current = current.generalization ? this.entity(current.generalization) : undefined;
    }
    return chain;
  }

  /** Own and inherited attributes, inherited ones first (the order Studio Pro shows them in). */
  allAttributes(entity: EntitySpec): AttributeSpec[] {
    let attributes = this.attributesByEntity.get(entity);
    if (!attributes) {
      attributes = this.lineage(entity)
        .reverse()
        .flatMap((e) => e.attributes);
      this.attributesByEntity.set(entity, attributes);
    }
    return attributes;
  }

  /** An own or inherited attribute, by name. */
  attribute(entity: EntitySpec, name: string): AttributeSpec | undefined {
    let byName = this.attributeByName.get(entity);
    if (!byName) {
      byName = new Map();
      // The first of two equal names wins, as a search from the top of the lineage would find it.
      for (const attribute of this.allAttributes(entity)) if (!byName.has(attribute.name)) byName.set(attribute.name, attribute);
      this.attributeByName.set(entity, byName);
    }
    return byName.get(name);
  }

  /** True when `entity` is `ancestor` or specializes it, directly or indirectly. */
  specializes(entity: EntitySpec, ancestor: string): boolean {
    return this.lineage(entity).some((e) => e.name === ancestor);
  }

  /** Associations that `entity` (or a generalization of it) takes part in, on either side. */
  associationsOf(entity: EntitySpec): AssociationSpec[] {
    return [...this.associations.values()].filter((a) => this.specializes(entity, a.parent) || this.specializes(entity, a.child));
  }

  /** The entity at the other end of `association`, seen from `entity`. */
  otherEnd(association: AssociationSpec, entity: EntitySpec): EntitySpec | undefined {
    return this.specializes(entity, association.parent) ? this.entity(association.child) : this.entity(association.parent);
  }

  /** The API value of an enumeration value: `apiValue`, or the value name when absent. */
  static apiValue(value: { name: string; apiValue?: string }): string {
    return value.apiValue ?? value.name;
  }
}
