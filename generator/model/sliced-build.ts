import { domainmodels, type IAbstractElementJson, type IModel } from 'mendixmodelsdk';
import type { SpecIndex } from '../spec/spec-index.js';
import type { AssociationSpec, ConnectorSpec, EntitySpec } from '../spec/types.js';
import {
  buildAccessRule,
  buildAssociations,
  buildDomainModel,
  buildEntities,
  buildJavaActions,
  buildModuleRoles,
  buildModuleSkeleton,
  buildModuleStart,
  buildSettings,
} from './build-module.js';
import { layoutDomainModel, type DomainModelLayout } from './layout.js';
import { openOfflineModel } from './offline-working-copy.js';
import { assignElementIds, deterministicUuid, listItemPath, unitPaths } from './sdk-deterministic-ids.js';
import { extractUnits, type SdkUnitJson } from './sdk-unit-export.js';

/**
 * The module of `buildModule`, built for the offline package in slices of its domain model.
 *
 * Why: the Model SDK keeps several kilobytes per element (an observable box, interceptor and
 * listener per property), some 15 KB per attribute with its type, value and member access, so the
 * model of a thousand entities of twenty attributes held half a gigabyte, and its garbage collection
 * took a third of the run. Built here, no SDK model ever holds more than a slice of the entities,
 * and each entity leaves as soon as it is built, in the form its consumer makes of it.
 *
 * How: one offline model (the frame) holds everything but the domain model's contents: folders,
 * enumerations, the version constant, the domain model with a stand-in (a name) of each entity a Java
 * action names, the module roles, the settings and the Java actions. Then each slice of entities
 * is built in a fresh model of its own, with what its elements refer to: the enumerations, the module
 * roles, the entities they specialize (their attributes appear in the access rules) and the
 * associations their access rules name, with those associations' ends. Each slice hands on its
 * entities, and the associations whose parent it holds, in the order of the spec.
 *
 * The result is what `extractUnits` and `assignDeterministicIds` give for `buildModule` on one
 * model: every element is built by the same functions in the same order, and an element's JSON is
 * its own properties (references by name as qualified names), whichever model it was built in. Each
 * entity is given its final id (derived from its path, as assignDeterministicIds would derive it)
 * before it is added to any model, so the associations, the one reference by id between elements of
 * different slices, name their ends by those ids, and the ids within an entity are derived right
 * away (assignElementIds).
 */

/** Entities built per model: about 40 MB of SDK objects at twenty attributes each. */
export const DEFAULT_SLICE_SIZE = 100;

export interface SlicedBuildOptions {
  mendixVersion: string;
  /** Entities per slice; DEFAULT_SLICE_SIZE unless set. */
  sliceSize?: number;
}

export interface SlicedModule<T> {
  /**
   * The module's units in project-tree order, ids still the SDK's (but for the associations' ends),
   * with the domain model's entities left out: its `entities` list is empty.
   */
  units: SdkUnitJson[];
  /** The id of the module's domain model among `units`. */
  domainModelId: string;
  /** What `takeEntity` made of each entity, in the order of the spec. */
  entities: T[];
}

/**
 * Builds the module as `buildModule` does; each entity, as JSON with its final ids, goes to
 * `takeEntity` as soon as its slice is built.
 */
export async function buildModuleInSlices<T>(
  spec: ConnectorSpec,
  index: SpecIndex,
  options: SlicedBuildOptions,
  takeEntity: (entity: IAbstractElementJson) => T,
): Promise<SlicedModule<T>> {
  const sliceSize = Math.max(1, options.sliceSize ?? DEFAULT_SLICE_SIZE);
  const layout = layoutDomainModel(spec, index);
  const own = new Set<EntitySpec>(spec.entities);
  const slices: EntitySpec[][] = [];
  for (let first = 0; first < spec.entities.length; first += sliceSize) slices.push(spec.entities.slice(first, first + sliceSize));
  // Each association is taken from the slice of its parent (or of its child, when the parent is of another module).
  const sliceOf = new Map<string, number>();
  slices.forEach((slice, i) => slice.forEach((entity) => sliceOf.set(entity.name, i)));
  const associationsBySlice = slices.map((): AssociationSpec[] => []);
  for (const association of spec.associations) associationsBySlice[sliceOf.get(association.parent) ?? sliceOf.get(association.child) ?? 0]?.push(association);

  // The frame first: its domain model's path gives the entities' paths, and so their ids.
  const { units, domainModelId } = await inModel(options.mendixVersion, async (model) => {
    const frame = buildFrame(model, spec, index);
    return { units: await extractUnits(model), domainModelId: frame.domainModelId };
  });
  const domainModelPath = unitPaths(units).get(domainModelId) as string;
  const entityPath = (entity: EntitySpec): string => listItemPath(domainModelPath, 'entities', entity, 0);
  const identify = (entity: EntitySpec): string => deterministicUuid(entityPath(entity));
  const entities: T[] = [];
  const associations = new Map<AssociationSpec, unknown>();
  for (const [i, slice] of slices.entries()) {
    const built = await inModel(options.mendixVersion, async (model) =>
      buildSlice(model, spec, index, own, slice, associationsBySlice[i] ?? [], layout, identify),
    );
    for (const [j, entity] of built.entities.entries()) entities.push(takeEntity(assignElementIds(entity, entityPath(slice[j] as EntitySpec))));
    for (const [association, json] of built.associations) associations.set(association, json);
  }
  const domainModel = units.find((unit) => unit.$ID === domainModelId) as SdkUnitJson & { contents: Record<string, unknown> };
  domainModel.contents['entities'] = [];
  domainModel.contents['associations'] = spec.associations.map((association) => associations.get(association));
  return { units, domainModelId, entities };
}

/** Runs `build` on a fresh offline model and closes it; the model is garbage once this returns. */
async function inModel<T>(mendixVersion: string, build: (model: IModel) => Promise<T>): Promise<T> {
  const offline = await openOfflineModel({ mendixVersion, recordDeltas: false });
  try {
    const result = await build(offline.model);
    await offline.flush();
    return result;
  } finally {
    await offline.close();
    // The SDK lets go of a closed model only in a later turn of the event loop.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/**
 * The frame: buildModule's steps without the domain model's contents, with a stand-in (a name) for
 * each entity the Java actions name.
 */
function buildFrame(model: IModel, spec: ConnectorSpec, index: SpecIndex): { domainModelId: string } {
  const start = buildModuleStart(model, spec);
  const domainModel = buildDomainModel(start.module, spec);
  const named = new Set(
    spec.operations.flatMap((operation) => [
      ...operation.parameters.flatMap((parameter) => (parameter.entity === undefined ? [] : [parameter.entity])),
      ...('entity' in operation.returns ? [operation.returns.entity] : []),
    ]),
  );
  const standIns = new Map<string, domainmodels.Entity>();
  for (const entitySpec of spec.entities) {
    if (!named.has(entitySpec.name)) continue;
    const entity = domainmodels.Entity.create(model);
    entity.name = entitySpec.name;
    domainModel.entities.push(entity);
    standIns.set(entitySpec.name, entity);
  }
  buildModuleRoles(start.module, spec);
  buildSettings(start.module, spec);
  buildJavaActions(start.module, spec, index, new Map<string, domainmodels.IEntity>([...start.external.entities, ...standIns]), start);
  return { domainModelId: domainModel.id };
}

/** One slice's entities, complete with their access rules, and the associations it takes, as JSON in the order given. */
async function buildSlice(
  model: IModel,
  spec: ConnectorSpec,
  index: SpecIndex,
  own: ReadonlySet<EntitySpec>,
  slice: readonly EntitySpec[],
  taken: readonly AssociationSpec[],
  layout: DomainModelLayout,
  identify: (entity: EntitySpec) => string,
): Promise<{ entities: IAbstractElementJson[]; associations: Map<AssociationSpec, unknown> }> {
  const associations = new Set<AssociationSpec>([...taken, ...slice.flatMap((entity) => index.associationsFrom(entity))]);
  // The slice, the ends of the associations its access rules name, and every generalization of those.
  const needed = new Set<string>();
  const need = (name: string) => {
    const entity = index.entity(name);
    if (entity && own.has(entity)) for (const e of index.lineage(entity)) needed.add(e.name);
  };
  for (const entity of slice) need(entity.name);
  for (const association of associations) {
    need(association.parent);
    need(association.child);
  }
  const neededSpecs = spec.entities.filter((e) => needed.has(e.name));
  const enumerations = new Set(neededSpecs.flatMap((e) => e.attributes.flatMap((a) => (a.enumeration === undefined ? [] : [a.enumeration]))));
  const start = buildModuleSkeleton(model, spec, enumerations);
  const domainModel = buildDomainModel(start.module, spec);
  const roles = buildModuleRoles(start.module, spec);
  const entities = buildEntities(model, domainModel, neededSpecs, start, layout, identify);
  const built = buildAssociations(
    model,
    domainModel,
    spec.associations.filter((a) => associations.has(a)),
    entities,
  );
  for (const entity of slice) buildAccessRule(model, index, entity, roles, entities, built);
  return {
    entities: slice.map((entity) => (entities.entities.get(entity.name) as domainmodels.Entity).toJSON() as IAbstractElementJson),
    associations: new Map(taken.map((association) => [association, (built.get(association.name) as domainmodels.Association).toJSON()])),
  };
}
