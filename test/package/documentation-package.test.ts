import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, datatypes, type IModel } from 'mendixmodelsdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPackageModel, type LoadedPackage } from '../../generator/emit/load-package-model.js';
import { activityDocumentation, moduleDocumentation, versionConstantDocumentation } from '../../generator/model/documentation.js';
import { javaLogLevels } from '../../generator/model/log-levels.js';
import { extractFingerprint, type Fingerprint } from '../../generator/mpk/fingerprint.js';
import { readPackage, type PackageUnit } from '../../generator/mpk/read-package.js';
import { isStorageObject, type StorageValue } from '../../generator/mpk/storage-bson.js';
import { PACKAGE_ROOT } from '../../generator/paths.js';
import { bundledPackage, bundledSpecFiles, specName, type BundledPackage } from './bundled-package.js';

/**
 * Reads the generated package of every bundled spec as Studio Pro would (the stored units of its
 * project.mpr) and checks what a developer reads there: the documentation of the activities and of
 * the module, the version constant, and the folders they sit in.
 */

function text(value: StorageValue | undefined): string {
  if (typeof value !== 'string') throw new Error(`expected text, found ${String(value)}`);
  return value;
}

function unitsOf(units: PackageUnit[], type: string): PackageUnit[] {
  return units.filter((u) => u.contents['$Type'] === type);
}

function unitById(units: PackageUnit[], id: string): PackageUnit {
  const unit = units.find((u) => u.unitId === id);
  if (!unit) throw new Error(`no unit ${id}`);
  return unit;
}

/** The folder names from the module down to a unit's container: `USE_ME/Operations`. */
function folderPathOf(units: PackageUnit[], unit: PackageUnit): string {
  const names: string[] = [];
  let container = unitById(units, unit.containerId);
  while (container.contents['$Type'] === 'Projects$Folder') {
    names.unshift(text(container.contents['Name']));
    container = unitById(units, container.containerId);
  }
  expect(container.contents['$Type']).toBe('Projects$ModuleImpl');
  return names.join('/');
}

describe.each(bundledSpecFiles().map((file) => ({ file, name: specName(file) })))('the package of $name', ({ file }) => {
  let bundled: BundledPackage;
  let units: PackageUnit[];
  let model: IModel;
  let loaded: LoadedPackage | undefined;

  beforeAll(async () => {
    bundled = await bundledPackage(file);
    units = (await readPackage(bundled.mpk)).units;
    loaded = await loadPackageModel(bundled.mpk);
    model = loaded.model;
  }, 60_000);
  afterAll(async () => {
    await loaded?.offline.close();
  });

  it('stores each activity with its composed documentation: permission, limits and errors', () => {
    const { spec, index } = bundled;
    const actions = unitsOf(units, 'JavaActions$JavaAction');
    expect(actions.map((a) => text(a.contents['Name']))).toEqual(spec.operations.map((o) => o.name));
    for (const o of spec.operations) {
      const action = actions.find((a) => a.contents['Name'] === o.name) as PackageUnit;
      const documentation = text(action.contents['Documentation']);
      expect(documentation).toBe(activityDocumentation(spec, index, o));
      expect(documentation).toContain(`IAM permission: ${o.permission}.`);
      expect(documentation).toContain(`"${o.name} refused before calling AWS: <reason>"`);
      expect(documentation).toContain('Limits:\r\n');
      expect(folderPathOf(units, action)).toBe('USE_ME/Operations');
    }
  });

  it('stores the module documentation, with the log node and its levels, in the domain model', () => {
    const { spec } = bundled;
    const [domainModel] = unitsOf(units, 'DomainModels$DomainModel');
    const documentation = text(domainModel?.contents['Documentation']);
    expect(documentation).toBe(moduleDocumentation(spec, javaLogLevels()));
    expect(documentation).toContain(`log node ${spec.module.name}`);
    expect(documentation).toContain('at level Debug');
  });

  it('stores the version constant: a String named <Module>_Version whose default value is the module version', () => {
    const { spec } = bundled;
    const constantUnits = unitsOf(units, 'Constants$Constant');
    expect(constantUnits).toHaveLength(1);
    const constant = constantUnits[0] as PackageUnit;
    expect(constant.contents['Name']).toBe(`${spec.module.name}_Version`);
    const type = constant.contents['Type'];
    expect(isStorageObject(type) ? type['$Type'] : type).toBe('DataTypes$StringType');
    expect(constant.contents['DefaultValue']).toBe(spec.module.version);
    expect(constant.contents['Documentation']).toBe(versionConstantDocumentation(spec));
    expect(constant.contents['ExposedToClient']).toBe(false);
    expect(constant.contents['Excluded']).toBe(false);
    expect(constant.containmentName).toBe('Documents');
    expect(folderPathOf(units, constant)).toBe('_Docs');
  });

  it('lays out the folders: USE_ME with the activities and enumerations, _Docs with the version, nothing else', () => {
    const module = unitsOf(units, 'Projects$ModuleImpl')[0] as PackageUnit;
    const topFolders = unitsOf(units, 'Projects$Folder').filter((f) => f.containerId === module.unitId);
    expect(topFolders.map((f) => text(f.contents['Name'])).sort()).toEqual(['USE_ME', '_Docs']);
    for (const enumeration of unitsOf(units, 'Enumerations$Enumeration')) expect(folderPathOf(units, enumeration)).toBe('USE_ME/Enumerations');
  });

  it('writes the constant in the stored form of a real export, so the storage-fingerprint test covers it', async () => {
    const ours = await extractFingerprint(bundled.mpk);
    const reference = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'test', 'fixtures', 'storage-fingerprint', 'mendix-10.21.0.json'), 'utf8')) as Fingerprint;
    for (const type of ['Constants$Constant', 'DataTypes$StringType']) {
      expect(ours.types[type], `${type} is written`).toBeDefined();
      expect(ours.types[type]?.keyOrders).toEqual([reference.types[type]?.keyOrders[0]]);
    }
    const layout = ours.units.layout.find((l) => l.type === 'Constants$Constant');
    expect(layout).toMatchObject({ containerType: 'Projects$Folder', containmentName: 'Documents' });
  });

  it('reads the version constant back through the Model SDK as a String constant holding the module version', async () => {
    const { spec } = bundled;
    const [constant] = model.allConstants();
    expect(constant?.qualifiedName).toBe(`${spec.module.name}.${spec.module.name}_Version`);
    const loadedConstant = (await constant?.load()) as constants.Constant;
    expect(loadedConstant.type).toBeInstanceOf(datatypes.StringType);
    expect(loadedConstant.defaultValue).toBe(spec.module.version);
    expect(loadedConstant.documentation).toBe(versionConstantDocumentation(spec));
  });
});
