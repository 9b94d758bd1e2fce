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
  // Large domain models ask for lineages and associations per entity and attribute: each is computed once.
  private readonly lineages = new Map<EntitySpec, readonly EntitySpec[]>();
  private readonly associationsByEnd = new Map<EntitySpec, AssociationSpec[]>();
  private readonly associationsByParent = new Map<EntitySpec, AssociationSpec[]>();
  private allAssociationEnds: AssociationEnds | undefined;
  private ownAssociationParents: AssociationEnds | undefined;

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
  lineage(entity: EntitySpec): readonly EntitySpec[] {
    let chain = this.lineages.get(entity);
    if (!chain) {
      const found: EntitySpec[] = [];
      const seen = new Set<string>();
      let current: EntitySpec | undefined = entity;
      while (current && !seen.has(current.name)) {
        found.push(current);
        seen.add(current.name);
        current = current.generalization ? this.entity(current.generalization) : undefined;
      }
      chain = found;
      this.lineages.set(entity, chain);
    }
    return chain;
  }

  /** Own and inherited attributes, inherited ones first (the order Studio Pro shows them in). */
  allAttributes(entity: EntitySpec): AttributeSpec[] {
    let attributes = this.attributesByEntity.get(entity);
    if (!attributes) {
      attributes = [...this.lineage(entity)].reverse().flatMap((e) => e.attributes);
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
    let found = this.associationsByEnd.get(entity);
    if (!found) {
      this.allAssociationEnds ??= new AssociationEnds([...this.associations.values()], true);
      found = this.allAssociationEnds.of(this.lineage(entity));
      this.associationsByEnd.set(entity, found);
    }
    return found;
  }

  /** The spec's own associations whose parent is `entity` or a generalization of it, in the order of the spec. */
  associationsFrom(entity: EntitySpec): AssociationSpec[] {
    let found = this.associationsByParent.get(entity);
    if (!found) {
      this.ownAssociationParents ??= new AssociationEnds(this.spec.associations, false);
      found = this.ownAssociationParents.of(this.lineage(entity));
      this.associationsByParent.set(entity, found);
    }
    return found;
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

/**
 * Associations by the entity at their ends (the parent, and the child when asked), so that the
 * associations of an entity are found without going through all of them.
 */
class AssociationEnds {
  private readonly positions = new Map<string, number[]>();

  constructor(
    private readonly associations: readonly AssociationSpec[],
    withChild: boolean,
  ) {
    associations.forEach((association, position) => {
      const ends = withChild && association.child !== association.parent ? [association.parent, association.child] : [association.parent];
      for (const end of ends) {
        const list = this.positions.get(end);
        if (list) list.push(position);
        else this.positions.set(end, [position]);
      }
    });
  }

  /** The associations with an end among `entities`, each once, in their order. */
  of(entities: readonly EntitySpec[]): AssociationSpec[] {
    const found = new Set<number>();
    for (const entity of entities) for (const position of this.positions.get(entity.name) ?? []) found.add(position);
    return [...found].sort((a, b) => a - b).map((position) => this.associations[position] as AssociationSpec);
  }
}
