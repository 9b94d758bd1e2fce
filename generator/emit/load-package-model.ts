import type { IModel } from 'mendixmodelsdk';
import { openOfflineModel, type OfflineModel } from '../model/offline-working-copy.js';
import type { SdkUnitJson } from '../model/sdk-unit-export.js';
import { readPackage, type MpkContents } from '../mpk/read-package.js';
import { CONTAINMENT_NAMES, fromStorage, StorageMappingError } from './storage-mapping.js';
import { loadTarget } from './targets.js';

/**
 * Reads a module package back into a Model SDK model: the inverse of the package writer, through the
 * same mapping table. Units outside the table (the project frame) are skipped: they hold no module
 * content.
 */

const SDK_CONTAINMENT_NAMES: ReadonlyMap<string, string> = new Map(Object.entries(CONTAINMENT_NAMES).map(([sdk, storage]) => [storage, sdk]));

export interface LoadedPackage {
  contents: MpkContents;
  sdkUnits: SdkUnitJson[];
  offline: OfflineModel;
  model: IModel;
}

export async function loadPackageModel(bytes: Uint8Array): Promise<LoadedPackage> {
  const contents = await readPackage(bytes);
  const productVersion = contents.metadata.productVersion;
  const mendixVersion = productVersion.split('.').slice(0, 3).join('.');
  const target = loadTarget(mendixVersion);
  if (!target) throw new StorageMappingError(`Packages of Mendix ${productVersion} cannot be read: no storage mapping for that version.`);
  const storageTypes = new Set(Object.values(target.storageMapping).map((m) => m.storageType));
  const sdkUnits: SdkUnitJson[] = [];
  for (const unit of contents.units) {
    if (!storageTypes.has(String(unit.contents['$Type']))) continue;
    const { $ID, $Type, ...rest } = fromStorage(unit.contents, target.storageMapping);
    const containmentName = SDK_CONTAINMENT_NAMES.get(unit.containmentName);
    if (containmentName === undefined) throw new StorageMappingError(`Unknown containment name "${unit.containmentName}".`);
    sdkUnits.push({ $ID: String($ID), $Type: String($Type), containerId: unit.containerId, containmentName, contents: rest } as SdkUnitJson);
  }
  const offline = await openOfflineModel({ mendixVersion, units: sdkUnits });
  return { contents, sdkUnits, offline, model: offline.model };
}
