import type { Output } from '../../generator/cli/output.js';
import { buildModule } from '../../generator/model/build-module.js';
import { openOfflineModel } from '../../generator/model/offline-working-copy.js';
import { extractUnits, type SdkUnitJson } from '../../generator/model/sdk-unit-export.js';
import { BUNDLED_SPEC_FILE } from '../../generator/paths.js';
import { stripMarker } from '../../generator/platform/sync-module.js';
import { SpecIndex } from '../../generator/spec/spec-index.js';
import type { ConnectorSpec } from '../../generator/spec/types.js';
import { loadApiModelFile } from '../../generator/validate/api-model-file.js';
import { validateSpecFile } from '../../generator/validate/validate-spec.js';
import type { FakeBranch } from './fake-gateway.js';

export const TOKEN = 'mxpat-SECRET-0123456789abcdef';

export function bundledSpec(): { spec: ConnectorSpec; index: SpecIndex } {
  const result = validateSpecFile(BUNDLED_SPEC_FILE, loadApiModelFile);
  if (!result.spec || !result.index) throw new Error('bundled spec is invalid');
  return { spec: result.spec, index: result.index };
}

/** A changed spec: one operation, its request entity and one association gone; one attribute and one enumeration added. */
export function changedSpec(base: ConnectorSpec): { spec: ConnectorSpec; index: SpecIndex } {
  const spec = structuredClone(base);
  spec.operations = spec.operations.filter((o) => o.name !== 'DeleteFunction');
  spec.entities = spec.entities.filter((e) => e.name !== 'DeleteFunctionRequest');
  spec.objectMappings = spec.objectMappings.filter((m) => JSON.stringify(m).indexOf('DeleteFunctionRequest') < 0);
  spec.associations = spec.associations.filter((a) => a.name !== 'Alias_ListAliasesResponse');
  const fn = spec.entities.find((e) => e.name === 'Function');
  if (!fn) throw new Error('no Function entity');
  fn.attributes.push({ name: 'Note', type: 'String', secret: false, documentation: 'Added in the new spec.' });
  fn.documentation = 'Changed documentation.';
  spec.enumerations.push({ name: 'ENUM_Extra', documentation: 'New.', values: [{ name: 'One', caption: 'One' }] });
  return { spec, index: new SpecIndex(spec) };
}

export interface Captured extends Output {
  readonly lines: string[];
  text(): string;
}

export function capture(): Captured {
  const lines: string[] = [];
  return {
    lines,
    result: (t) => lines.push(`out: ${t}`),
    json: (v) => lines.push(`json: ${JSON.stringify(v)}`),
    info: (t) => lines.push(`info: ${t}`),
    error: (t) => lines.push(`err: ${t}`),
    text: () => lines.join('\n'),
  };
}

/** The units of the named module (and everything under it) in a branch. */
export async function branchModuleUnits(branch: FakeBranch, mendixVersion: string, moduleName: string): Promise<SdkUnitJson[]> {
  const offline = await openOfflineModel({ mendixVersion, units: branch.units, recordDeltas: false });
  try {
    const module = offline.model.allModules().find((m) => m.name === moduleName);
    if (!module) throw new Error(`branch has no module ${moduleName}`);
    return await extractUnits(offline.model, { under: module });
  } finally {
    await offline.close();
  }
}

export function modulesNamed(branch: FakeBranch, name: string): number {
  return branch.units.filter((u) => u.$Type === 'Projects$Module' && (u.contents as { name?: unknown }).name === name).length;
}

/** The module as the offline package path builds it. */
export async function offlineModuleUnits(spec: ConnectorSpec, index: SpecIndex, mendixVersion: string): Promise<SdkUnitJson[]> {
  const offline = await openOfflineModel({ mendixVersion, recordDeltas: false });
  try {
    const module = buildModule(offline.model, spec, index);
    return await extractUnits(offline.model, { under: module });
  } finally {
    await offline.close();
  }
}

/**
 * Units with ids replaced by their order of first appearance (so references by id still match), the
 * mendix-connector marker removed from documentation and, optionally, layout dropped.
 */
export function normalize(units: readonly SdkUnitJson[], options: { dropLayout?: boolean } = {}): unknown {
  const ids = new Map<string, string>();
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      // Element ids and data storage GUIDs are random per build; number them in order of appearance.
      for (const key of ['$ID', 'dataStorageGuid']) {
        const id = record[key];
        if (typeof id === 'string' && id !== '' && !ids.has(id)) ids.set(id, `#${ids.size}`);
      }
      Object.values(record).forEach(collect);
    }
  };
  collect(units);
  const layoutKeys = new Set(['location', 'parentConnection', 'childConnection']);
  const rewrite = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => rewrite(v));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (options.dropLayout && layoutKeys.has(k)) continue;
        out[k] = rewrite(v, k);
      }
      return out;
    }
    if (typeof value === 'string') {
      if (key === 'documentation') return stripMarker(value);
      return ids.get(value) ?? value;
    }
    return value;
  };
  return rewrite(units);
}

/** Names of the elements of a kind anywhere in the units, e.g. `DomainModels$Entity`. */
export function namesOf(units: readonly SdkUnitJson[], type: string): string[] {
  const names: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (record['$Type'] === type && typeof record['name'] === 'string') names.push(record['name']);
      const contents = record['contents'];
      if (contents !== null && typeof contents === 'object' && record['$Type'] === type && typeof (contents as Record<string, unknown>)['name'] === 'string') {
        names.push((contents as Record<string, unknown>)['name'] as string);
      }
      Object.values(record).forEach(visit);
    }
  };
  visit(units);
  return names;
}

/** id of each element of a kind by name, e.g. entity ids. */
export function idsOf(units: readonly SdkUnitJson[], type: string): Map<string, string> {
  const ids = new Map<string, string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (record['$Type'] === type && typeof record['name'] === 'string' && typeof record['$ID'] === 'string') ids.set(record['name'], record['$ID']);
      Object.values(record).forEach(visit);
    }
  };
  visit(units);
  return ids;
}
