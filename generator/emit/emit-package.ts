import { buildModule } from '../model/build-module.js';
import { openOfflineModel } from '../model/offline-working-copy.js';
import { assignDeterministicIds } from '../model/sdk-deterministic-ids.js';
import { extractUnits, type SdkUnitJson } from '../model/sdk-unit-export.js';
import type { MprUnitInput } from '../mpk/mpr.js';
import { writePackage } from '../mpk/write-package.js';
import type { SpecIndex } from '../spec/spec-index.js';
import type { ConnectorSpec } from '../spec/types.js';
import type { OutputFile } from '../write/write-outputs.js';
import { projectFrameUnits } from './project-frame.js';
import { CONTAINMENT_NAMES, StorageMappingError, toStorage, type SdkJson } from './storage-mapping.js';
import type { MendixTarget } from './targets.js';

/**
 * The module package: the module built with the Model SDK on an offline working copy, its units
 * converted to storage form through the explicit mapping table, the project frame around it, all
 * in a single-file MPR inside the zip, next to the module's files (Java sources).
 */

export interface ModuleUnits {
  /** SDK unit JSON with deterministic ids, in project-tree order (root first). */
  sdkUnits: SdkUnitJson[];
}

/** Builds the module with the SDK and returns its units as SDK JSON with ids derived from names. */
export async function buildModuleUnits(spec: ConnectorSpec, index: SpecIndex, target: MendixTarget): Promise<ModuleUnits> {
  const offline = await openOfflineModel({ mendixVersion: target.mendixVersion, recordDeltas: false });
  try {
    buildModule(offline.model, spec, index);
    await offline.flush();
    const units = withoutModules(await extractUnits(offline.model), new Set((spec.externalModules ?? []).map((m) => m.name)));
    return { sdkUnits: assignDeterministicIds(units).units };
  } finally {
    await offline.close();
    // The SDK lets go of the closed model only in a later turn of the event loop; wait for it, so
    // the model (half a gigabyte for a thousand entities) can be collected before the next steps.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/**
 * The units without those of the named modules: stand-ins of other modules of the app that the
 * module refers to by name, which the package must not carry (the app has the real ones).
 */
function withoutModules(units: SdkUnitJson[], names: ReadonlySet<string>): SdkUnitJson[] {
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

/** Converts SDK units to the rows of project.mpr, adding the project frame. */
export function toMprUnits(sdkUnits: SdkUnitJson[], target: MendixTarget): MprUnitInput[] {
  const root = sdkUnits.find((u) => u.$Type === 'Projects$Project');
  if (!root) throw new StorageMappingError('The model has no project root unit.');
  const rows = sdkUnits.map((unit): MprUnitInput => {
    const containmentName = CONTAINMENT_NAMES[unit.containmentName ?? ''];
    if (containmentName === undefined) throw new StorageMappingError(`No storage containment name for "${unit.containmentName}" (${unit.$Type}).`);
    const element = { $ID: unit.$ID, $Type: unit.$Type, ...(unit.contents as Record<string, SdkJson>) };
    const isRoot = unit === root;
    return {
      unitId: unit.$ID,
      containerId: isRoot ? unit.$ID : String(unit.containerId),
      containmentName,
      contents: toStorage(element, target.storageMapping),
    };
  });
  return [...rows, ...projectFrameUnits(root.$ID, target)];
}

/** The `.mpk` bytes: deterministic for the same spec, target and files. */
export async function emitModulePackage(spec: ConnectorSpec, index: SpecIndex, target: MendixTarget, moduleFiles: OutputFile[]): Promise<Uint8Array> {
  const { sdkUnits } = await buildModuleUnits(spec, index, target);
  return writePackage({
    moduleName: spec.module.name,
    mpr: {
      metadata: { productVersion: target.productVersion, buildVersion: target.buildVersion, schemaHash: target.schemaHash },
      units: toMprUnits(sdkUnits, target),
      schemaStyle: target.mprSchemaStyle,
    },
    files: moduleFiles.map((f) => ({ path: f.path, data: f.bytes })),
  });
}
