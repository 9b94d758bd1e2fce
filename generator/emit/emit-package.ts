import type { IAbstractElementJson } from 'mendixmodelsdk';
import { fileURLToPath } from 'node:url';
import { assignDeterministicIds } from '../model/sdk-deterministic-ids.js';
import type { SdkUnitJson } from '../model/sdk-unit-export.js';
import { buildModuleInSlices, serveSlices, type BuiltSlice, type SliceJob } from '../model/sliced-build.js';
import type { MprUnitInput } from '../mpk/mpr.js';
import { packageEntries } from '../mpk/write-package.js';
import { writeZip, type ZipEntryInput } from '../mpk/zip.js';
import type { SpecIndex } from '../spec/spec-index.js';
import type { ConnectorSpec } from '../spec/types.js';
import type { OutputFile } from '../write/write-outputs.js';
import { encodeStorageObject, list, StorageEncoded } from '../mpk/storage-bson.js';
import { projectFrameUnits } from './project-frame.js';
import { CONTAINMENT_NAMES, StorageMappingError, toStorage, type SdkJson } from './storage-mapping.js';
import { loadTarget, type MendixTarget } from './targets.js';

/**
 * The module package: the module built with the Model SDK on an offline working copy, its units
 * converted to storage form through the explicit mapping table, the project frame around it, all
 * in a single-file MPR inside the zip, next to the module's files (Java sources).
 */

export interface ModuleUnits {
  /**
   * SDK unit JSON with deterministic ids, in project-tree order (root first), the domain model's
   * entities left out: they are in `entities`.
   */
  sdkUnits: SdkUnitJson[];
  /** The domain model's entities in storage form, encoded, by the id of their domain model unit. */
  entities: ReadonlyMap<string, StorageEncoded[]>;
  /** How many slices of the domain model a helper thread built. */
  slicesByHelper: number;
}

/** An entity in the form the package stores it: its storage form, encoded. */
function encodedEntity(entity: IAbstractElementJson, target: MendixTarget): Uint8Array {
  return encodeStorageObject(toStorage(entity as unknown as Record<string, SdkJson>, target.storageMapping, '/entities'));
}

/** The helper thread's script (entity-slice-worker.ts), compiled beside this file. */
const ENTITY_SLICE_WORKER = fileURLToPath(new URL('./entity-slice-worker.js', import.meta.url));

/**
 * Builds the module with the SDK (buildModule's steps, in slices of the domain model: see
 * sliced-build.ts) and returns its units as SDK JSON with ids derived from names. Each entity is
 * converted and encoded as soon as its slice is built, so that neither the SDK's model nor copies of
 * it in other forms are ever held whole. A helper thread builds and encodes slices too when the
 * domain model is large.
 */
export async function buildModuleUnits(
  spec: ConnectorSpec,
  index: SpecIndex,
  target: MendixTarget,
  options: { sliceSize?: number; helperScript?: string } = {},
): Promise<ModuleUnits> {
  const built = await buildModuleInSlices(spec, index, { mendixVersion: target.mendixVersion, helperScript: ENTITY_SLICE_WORKER, ...options }, (entity) =>
    encodedEntity(entity, target),
  );
  const units = withoutModules(built.units, new Set((spec.externalModules ?? []).map((m) => m.name)));
  const { units: sdkUnits, idMap } = assignDeterministicIds(units);
  const entities = built.entities.map((bytes) => new StorageEncoded(bytes));
  return { sdkUnits, entities: new Map([[idMap.get(built.domainModelId) as string, entities]]), slicesByHelper: built.slicesByHelper };
}

/**
 * The helper thread's work (entity-slice-worker.ts): slices of `job`, each entity encoded as
 * buildModuleUnits encodes it in the main thread.
 */
export function serveEncodedEntitySlices(job: SliceJob, claims: Int32Array, send: (i: number, built: BuiltSlice<Uint8Array>) => void): Promise<void> {
  const target = loadTarget(job.mendixVersion);
  if (!target) throw new Error(`Mendix ${job.mendixVersion} is not a supported target.`);
  return serveSlices(job, claims, (entity) => encodedEntity(entity, target), send);
}

/**
 * The units without those of the named modules: stand-ins of other modules of the app that the
 * module refers to by name, which the package must not carry (the app has the real ones).
 */
export function withoutModules(units: SdkUnitJson[], names: ReadonlySet<string>): SdkUnitJson[] {
  if (names.size === 0) return units;
  const dropped = new Set<string>();
  // Project-tree order: a container comes before its children.
  for (const unit of units) {
    const contents = unit.contents as { name?: unknown };
    const isDroppedModule = unit.$Type === 'Projects$Module' && typeof contents.name === 'string' && names.has(contents.name);
    if (isDroppedModule || (unit.containerId !== undefined && unit.containerId !== null && dropped.has(String(unit.containerId)))) dropped.add(unit.$ID);
  }
  return units.filter((unit) => !dropped.has(unit.$ID));
}

/** Converts SDK units (with the domain models' entities given apart) to the rows of project.mpr, adding the project frame. */
export function toMprUnits(sdkUnits: SdkUnitJson[], target: MendixTarget, entities: ModuleUnits['entities'] = new Map()): MprUnitInput[] {
  const root = sdkUnits.find((u) => u.$Type === 'Projects$Project');
  if (!root) throw new StorageMappingError('The model has no project root unit.');
  const rows = sdkUnits.map((unit): MprUnitInput => {
    const containmentName = CONTAINMENT_NAMES[unit.containmentName ?? ''];
    if (containmentName === undefined) throw new StorageMappingError(`No storage containment name for "${unit.containmentName}" (${unit.$Type}).`);
    const element = { $ID: unit.$ID, $Type: unit.$Type, ...(unit.contents as Record<string, SdkJson>) };
    const isRoot = unit === root;
    const contents = toStorage(element, target.storageMapping);
    const encoded = entities.get(unit.$ID);
    if (encoded) {
      const property = target.storageMapping[unit.$Type]?.properties['entities'];
      if (property?.conversion.kind !== 'parts') throw new StorageMappingError(`${unit.$Type} has no list of entities to hold the encoded ones.`);
      contents[property.storage] = list(property.conversion.marker, encoded);
    }
    return { unitId: unit.$ID, containerId: isRoot ? unit.$ID : String(unit.containerId), containmentName, contents };
  });
  return [...rows, ...projectFrameUnits(root.$ID, target)];
}

/** The `.mpk` bytes: deterministic for the same spec, target and files. */
export async function emitModulePackage(spec: ConnectorSpec, index: SpecIndex, target: MendixTarget, moduleFiles: OutputFile[]): Promise<Uint8Array> {
  return writeZip(await modulePackageEntries(spec, index, target, moduleFiles));
}

/** The files of the `.mpk`, in package order, to be zipped (writeZip). */
export async function modulePackageEntries(spec: ConnectorSpec, index: SpecIndex, target: MendixTarget, moduleFiles: OutputFile[]): Promise<ZipEntryInput[]> {
  const { sdkUnits, entities } = await buildModuleUnits(spec, index, target);
  return packageEntries({
    moduleName: spec.module.name,
    mpr: {
      metadata: { productVersion: target.productVersion, buildVersion: target.buildVersion, schemaHash: target.schemaHash },
      units: toMprUnits(sdkUnits, target, entities),
      schemaStyle: target.mprSchemaStyle,
    },
    files: moduleFiles.map((f) => ({ path: f.path, data: f.bytes })),
  });
}
