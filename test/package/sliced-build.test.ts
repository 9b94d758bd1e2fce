import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModuleUnits, toMprUnits, withoutModules } from '../../generator/emit/emit-package.js';
import { loadTarget } from '../../generator/emit/targets.js';
import { buildModule } from '../../generator/model/build-module.js';
import { openOfflineModel } from '../../generator/model/offline-working-copy.js';
import { assignDeterministicIds } from '../../generator/model/sdk-deterministic-ids.js';
import { extractUnits } from '../../generator/model/sdk-unit-export.js';
import { encodeStorageObject } from '../../generator/mpk/storage-bson.js';
import { PACKAGE_ROOT } from '../../generator/paths.js';
import { withAwsAuthentication } from '../../generator/spec/aws-authentication.js';
import { SpecIndex } from '../../generator/spec/spec-index.js';
import type { ConnectorSpec } from '../../generator/spec/types.js';
import { loadApiModelFile } from '../../generator/validate/api-model-file.js';
import { validateSpecFile } from '../../generator/validate/validate-spec.js';
import { bundledSpecFiles, specName } from './bundled-package.js';

/**
 * The package is built in slices of the domain model (generator/model/sliced-build.ts), each entity
 * encoded on its own: the stored units must be byte for byte those of `buildModule` on one model,
 * converted whole, for every spec and however the entities are cut into slices, down to one entity
 * per slice (every association and generalization then crosses slices).
 */

async function unitsOfOneModel(spec: ConnectorSpec, index: SpecIndex): Promise<Map<string, string>> {
  const target = loadTarget(spec.module.mendixVersion)!;
  const offline = await openOfflineModel({ mendixVersion: target.mendixVersion, recordDeltas: false });
  try {
    buildModule(offline.model, spec, index);
    await offline.flush();
    const units = withoutModules(await extractUnits(offline.model), new Set((spec.externalModules ?? []).map((m) => m.name)));
    return encoded(toMprUnits(assignDeterministicIds(units).units, target));
  } finally {
    await offline.close();
  }
}

async function unitsInSlices(spec: ConnectorSpec, index: SpecIndex, sliceSize: number): Promise<Map<string, string>> {
  const target = loadTarget(spec.module.mendixVersion)!;
  const { sdkUnits, entities } = await buildModuleUnits(spec, index, target, { sliceSize });
  return encoded(toMprUnits(sdkUnits, target, entities));
}

function encoded(rows: ReturnType<typeof toMprUnits>): Map<string, string> {
  return new Map(rows.map((row) => [row.unitId, Buffer.from(encodeStorageObject(row.contents)).toString('base64')]));
}

function validated(file: string): { spec: ConnectorSpec; index: SpecIndex } {
  const result = validateSpecFile(file, loadApiModelFile);
  if (!result.spec || !result.index) throw new Error(`${file}: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return { spec: result.spec, index: result.index };
}

const specs = [...bundledSpecFiles(), ...['minimal', 'aws-dynamodb', 'aws-sqs'].map((name) => join(PACKAGE_ROOT, 'test', 'specs', `${name}.connector.yaml`))];

describe.each(specs.map((file) => ({ file, name: specName(file) })))('the sliced build of $name', ({ file }) => {
  it('stores what buildModule on one model stores, in slices of every size', async () => {
    const { spec, index } = validated(file);
    const whole = await unitsOfOneModel(spec, index);
    for (const sliceSize of [1, 2, 7, spec.entities.length]) expect(await unitsInSlices(spec, index, sliceSize), `slices of ${sliceSize}`).toEqual(whole);
  }, 120_000);

  it('does so with the module against AWS Authentication, whose entities it specializes', async () => {
    const { spec: own } = validated(file);
    const spec = withAwsAuthentication(own);
    const index = new SpecIndex(spec);
    const whole = await unitsOfOneModel(spec, index);
    for (const sliceSize of [1, 5]) expect(await unitsInSlices(spec, index, sliceSize), `slices of ${sliceSize}`).toEqual(whole);
  }, 120_000);
});
