/**
 * Small hand-built models for the storage-layer tests: a project root, one module and a domain
 * model with one entity, shaped like the 10.21 units (see test/fixtures/storage-fingerprint).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deterministicUuid as deterministicGuid } from '../../generator/model/sdk-deterministic-ids.js';
import type { MprMetadata, MprUnitInput } from '../../generator/mpk/mpr.js';
import { binary, double, guidValue, int64, list, type StorageObject } from '../../generator/mpk/storage-bson.js';
import type { Fingerprint } from '../../generator/mpk/fingerprint.js';
import { PACKAGE_ROOT } from '../../generator/paths.js';

export function loadFingerprint(version: '10.21.0' | '9.24.0' | '9.0.5'): Fingerprint {
  const file = join(PACKAGE_ROOT, 'test', 'fixtures', 'storage-fingerprint', `mendix-${version}.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as Fingerprint;
}

export const METADATA_10_21: MprMetadata = {
  productVersion: '10.21.0.64362',
  buildVersion: '10.21.0.64362',
  schemaHash: loadFingerprint('10.21.0').metadata.schemaHash,
};

export const ids = {
  project: deterministicGuid('test#project'),
  module: deterministicGuid('test#module'),
  domainModel: deterministicGuid('test#domainModel'),
  folder: deterministicGuid('test#folder'),
  entity: deterministicGuid('test#entity'),
};

function unit(unitId: string, containerId: string, containmentName: string, contents: Omit<StorageObject, '$ID'>): MprUnitInput {
  return { unitId, containerId, containmentName, contents: { $ID: guidValue(unitId), ...contents } };
}

export function sampleUnits(): MprUnitInput[] {
  return [
    unit(ids.project, ids.project, '', { $Type: 'Projects$Project', IsSystemProject: false }),
    unit(ids.module, ids.project, 'Modules', {
      $Type: 'Projects$ModuleImpl',
      AppStoreGuid: '',
      AppStorePackageId: int64(0),
      AppStoreVersion: '',
      AppStoreVersionGuid: '',
      FromAppStore: false,
      IsThemeModule: false,
      Name: 'Demo',
      NewSortIndex: double(3),
    }),
    unit(ids.domainModel, ids.module, 'DomainModel', {
      $Type: 'DomainModels$DomainModel',
      Annotations: list(3),
      Associations: list(3),
      CrossAssociations: list(3),
      Documentation: '',
      Entities: list(3, [
        {
          $ID: guidValue(ids.entity),
          $Type: 'DomainModels$EntityImpl',
          Name: 'Thing',
          Location: '10;20',
          ImageData: binary(),
          Source: null,
          AccessRules: list(3),
        },
      ]),
    }),
    unit(ids.folder, ids.module, 'Folders', { $Type: 'Projects$Folder', Name: 'Actions' }),
  ];
}
