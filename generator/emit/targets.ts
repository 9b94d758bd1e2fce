import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';
import type { MprSchemaStyle } from '../mpk/mpr.js';
import { STORAGE_MAPPING_10_21, type TypeMapping } from './storage-mapping.js';

/**
 * The Mendix versions the generator can target, each verified against a real Studio Pro export of
 * that version (see test/fixtures/storage-fingerprint). A package imports into its own version and
 * every later one, so the oldest verified version reaches the most apps.
 */
export interface MendixTarget {
  mendixVersion: string;
  /** `_MetaData` values of that version's project files. */
  productVersion: string;
  buildVersion: string;
  schemaHash: string;
  mprSchemaStyle: MprSchemaStyle;
  /** One-time model conversions a project of that version has had; Studio Pro reads them on import. */
  oneTimeConversions: string[];
  storageMapping: Readonly<Record<string, TypeMapping>>;
}

export const DEFAULT_MENDIX_VERSION = '10.21.0';
export const SUPPORTED_MENDIX_VERSIONS: readonly string[] = ['10.21.0'];

const STORAGE_MAPPINGS: Readonly<Record<string, Readonly<Record<string, TypeMapping>>>> = {
  '10.21.0': STORAGE_MAPPING_10_21,
};

export function loadTarget(mendixVersion: string): MendixTarget | undefined {
  const mapping = STORAGE_MAPPINGS[mendixVersion];
  if (!mapping) return undefined;
  const facts = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'generator', 'emit', 'targets', `mendix-${mendixVersion}.json`), 'utf8')) as Omit<
    MendixTarget,
    'storageMapping'
  >;
  return { ...facts, storageMapping: mapping };
}
