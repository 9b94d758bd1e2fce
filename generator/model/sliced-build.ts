import { domainmodels, type IAbstractElementJson, type IModel } from 'mendixmodelsdk';
import { SpecIndex } from '../spec/spec-index.js';
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
import { assignElementIds, deterministicUuid, listItemPath, moduleUnitPath, unitPaths } from './sdk-deterministic-ids.js';
import { extractUnits, type SdkUnitJson } from './sdk-unit-export.js';
import { startSliceHelper } from './slice-helper.js';

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
 * associations their access rules name, with a stand-in (a name and the final id) for each end the
 * slice does not build. Each slice hands on its entities, and the associations whose parent it
 * holds, in the order of the spec.
 *
 * The result is what `extractUnits` and `assignDeterministicIds` give for `buildModule` on one
 * model: every element is built by the same functions in the same order, and an element's JSON is
 * its own properties (references by name as qualified names), whichever model it was built in. Each
 * entity is given its final id (derived from its path, as assignDeterministicIds would derive it)
 * before it is added to any model, so the associations, the one reference by id between elements of
 * different slices, name their ends by those ids, and the ids within an entity are derived right
 * away (assignElementIds).
 *
 * Slices are independent of one another, so for a large domain model two threads build them: the
 * main thread and a helper (slice-helper.ts), which runs the same code. The output does not depend
 * on which thread built which slice.
 */

/**
 * Entities built per model: some 8 MB of SDK objects at twenty attributes each. Small slices keep
 * two threads' models small and let them finish close together; a model of its own costs a slice
 * little: measured twice each on a busy machine, a thousand entities took 5.3 to 6.4 s of processor
 * time in slices of 20, 50 and 100 entities, no size ahead of the others.
 */
export const DEFAULT_SLICE_SIZE = 20;

/**
 * From this many slices on, a helper thread builds slices beside the main thread: it is ready in some
 * 150 ms, about what five slices take.
 */
export const MIN_SLICES_FOR_HELPER = 5;

export interface SlicedBuildOptions {
  mendixVersion: string;
  /** Entities per slice; DEFAULT_SLICE_SIZE unless set. */
  sliceSize?: number;
  /**
   * The script of a helper thread that builds slices too (see slice-helper.ts); it must give each
   * entity the form `takeEntity` gives it. None when absent or when the script does not exist (the
   * TypeScript sources run without compiled scripts).
   */
  helperScript?: string;
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
  /** How many slices the helper thread built (0 without one). */
  slicesByHelper: number;
}

/** The slices of the spec's entities, and the associations each slice takes, by their index in the spec. */
interface SlicePlan {
  slices: EntitySpec[][];
  associationsBySlice: number[][];
}

function planSlices(spec: ConnectorSpec, sliceSize: number): SlicePlan {
  const slices: EntitySpec[][] = [];
  for (let first = 0; first < spec.entities.length; first += sliceSize) slices.push(spec.entities.slice(first, first + sliceSize));
  // Each association is taken from the slice of its parent (or of its child, when the parent is of another module).
  const sliceOf = new Map<string, number>();
  slices.forEach((slice, i) => slice.forEach((entity) => sliceOf.set(entity.name, i)));
  const associationsBySlice = slices.map((): number[] => []);
  spec.associations.forEach((association, a) => associationsBySlice[sliceOf.get(association.parent) ?? sliceOf.get(association.child) ?? 0]?.push(a));
  return { slices, associationsBySlice };
}

/** A slice as built: the form of each of its entities, and the associations it takes as JSON, by their index in the spec. */
export interface BuiltSlice<T> {
  entities: T[];
  associations: Array<[number, unknown]>;
}

/** What a thread needs to build any slice of the spec, the same in the main thread and the helper. */
export interface SliceJob {
  spec: ConnectorSpec;
  mendixVersion: string;
  sliceSize: number;
}

/**
 * The path of the module's domain model, from which every entity's path and id derive: known from
 * the module's name (unitPaths' rule), so that slices can be built before the frame is.
 */
function domainModelPath(spec: ConnectorSpec): string {
  return `${moduleUnitPath(spec.module.name)}/domainModel`;
}

/** Builds slice `i` of the job in a fresh model of its own, each entity given its final ids and then the form `takeEntity` gives it. */
function sliceBuilder<T>(
  job: SliceJob,
  index: SpecIndex,
  takeEntity: (entity: IAbstractElementJson) => T,
): { count: number; build: (i: number) => Promise<BuiltSlice<T>> } {
  const { spec } = job;
  const plan = planSlices(spec, job.sliceSize);
  const layout = layoutDomainModel(spec, index);
  const own = new Set<EntitySpec>(spec.entities);
  const entityPath = (entity: EntitySpec): string => listItemPath(domainModelPath(spec), 'entities', entity, 0);
  const identify = (entity: EntitySpec): string => deterministicUuid(entityPath(entity));
  return {
    count: plan.slices.length,
    build: async (i) => {
      const slice = plan.slices[i] ?? [];
      const taken = (plan.associationsBySlice[i] ?? []).map((a) => spec.associations[a] as AssociationSpec);
      const built = await inModel(job.mendixVersion, async (model) => buildSlice(model, spec, index, own, slice, taken, layout, identify));
      return {
        entities: built.entities.map((entity, j) => takeEntity(assignElementIds(entity, entityPath(slice[j] as EntitySpec)))),
        associations: (plan.associationsBySlice[i] ?? []).map((a, j) => [a, built.associations[j]]),
      };
    },
  };
}

/**
 * Builds the module as `buildModule` does; each entity, as JSON with its final ids, goes to
 * `takeEntity` as soon as its slice is built.
 *
 * With a helper thread (large domain models), the main thread builds the frame while the helper
 * starts on the slices; then both take slices in turn from a shared counter until none is left. A
 * slice is built the same way whichever thread builds it, and the entities are put in the order of
 * the spec. Slices the helper took but did not deliver (it failed) are built here afterwards.
 */
export async function buildModuleInSlices<T>(
  spec: ConnectorSpec,
  index: SpecIndex,
  options: SlicedBuildOptions,
  takeEntity: (entity: IAbstractElementJson) => T,
): Promise<SlicedModule<T>> {
  const job: SliceJob = { spec, mendixVersion: options.mendixVersion, sliceSize: Math.max(1, options.sliceSize ?? DEFAULT_SLICE_SIZE) };
  const slices = sliceBuilder(job, index, takeEntity);
  const claims = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const taken: T[][] = [];
  const associations = new Map<number, unknown>();
  let slicesByHelper = 0;
  const take = (i: number, built: BuiltSlice<T>): void => {
    taken[i] = built.entities;
    for (const [a, json] of built.associations) associations.set(a, json);
  };
  const helper =
    slices.count >= MIN_SLICES_FOR_HELPER && options.helperScript !== undefined
      ? startSliceHelper<T>(options.helperScript, job, claims, (i, built) => {
          slicesByHelper++;
          take(i, built);
        })
      : undefined;
  try {
    const { units, domainModelId } = await inModel(options.mendixVersion, async (model) => {
      const frame = buildFrame(model, spec, index);
      return { units: await extractUnits(model), domainModelId: frame.domainModelId };
    });
    if (unitPaths(units).get(domainModelId) !== domainModelPath(spec)) {
      throw new Error(`The domain model's path is ${String(unitPaths(units).get(domainModelId))}, not ${domainModelPath(spec)} as its entities' ids assume.`);
    }
    for (let i = Atomics.add(claims, 0, 1); i < slices.count; i = Atomics.add(claims, 0, 1)) take(i, await slices.build(i));
    await helper?.finished;
    for (let i = 0; i < slices.count; i++) if (taken[i] === undefined) take(i, await slices.build(i));

    const domainModel = units.find((unit) => unit.$ID === domainModelId) as SdkUnitJson & { contents: Record<string, unknown> };
    domainModel.contents['entities'] = [];
    domainModel.contents['associations'] = spec.associations.map((_, a) => associations.get(a));
    return { units, domainModelId, entities: taken.flat(), slicesByHelper };
  } finally {
    helper?.stop();
  }
}

/**
 * The helper thread's side (the script of `helperScript`): takes slices from the shared counter until
 * none is left and sends each as it is built, its entities in the form `takeEntity` gives them.
 */
export async function serveSlices<T>(
  job: SliceJob,
  claims: Int32Array,
  takeEntity: (entity: IAbstractElementJson) => T,
  send: (i: number, built: BuiltSlice<T>) => void,
): Promise<void> {
  const slices = sliceBuilder(job, new SpecIndex(job.spec), takeEntity);
  for (let i = Atomics.add(claims, 0, 1); i < slices.count; i = Atomics.add(claims, 0, 1)) send(i, await slices.build(i));
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
): Promise<{ entities: IAbstractElementJson[]; associations: unknown[] }> {
  const associations = new Set<AssociationSpec>([...taken, ...slice.flatMap((entity) => index.associationsFrom(entity))]);
  // Built whole: the slice and every generalization of its entities (their attributes appear in the
  // access rules).
  const needed = new Set<string>();
  for (const entity of slice) for (const e of index.lineage(entity)) if (own.has(e)) needed.add(e.name);
  const neededSpecs = spec.entities.filter((e) => needed.has(e.name));
  const enumerations = new Set(neededSpecs.flatMap((e) => e.attributes.flatMap((a) => (a.enumeration === undefined ? [] : [a.enumeration]))));
  const start = buildModuleSkeleton(model, spec, enumerations);
  const domainModel = buildDomainModel(start.module, spec);
  const roles = buildModuleRoles(start.module, spec);
  const entities = buildEntities(model, domainModel, neededSpecs, start, layout, identify);
  // The other ends of the associations: an association refers to its ends by id only, so an entity
  // with the end's name and final id stands in for each.
  for (const association of associations) {
    for (const name of [association.parent, association.child]) {
      const end = index.entity(name);
      if (!end || !own.has(end) || entities.entities.has(name)) continue;
      const standIn = domainmodels.Entity.create(model);
      standIn.name = name;
      standIn.id = identify(end);
      domainModel.entities.push(standIn);
      entities.entities.set(name, standIn);
    }
  }
  const built = buildAssociations(
    model,
    domainModel,
    spec.associations.filter((a) => associations.has(a)),
    entities,
  );
  for (const entity of slice) buildAccessRule(model, index, entity, roles, entities, built);
  return {
    entities: slice.map((entity) => (entities.entities.get(entity.name) as domainmodels.Entity).toJSON() as IAbstractElementJson),
    associations: taken.map((association) => (built.get(association.name) as domainmodels.Association).toJSON()),
  };
}
