import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModuleUnits, toMprUnits, withoutModules } from '../../generator/emit/emit-package.js';
import { loadTarget } from '../../generator/emit/targets.js';
import { buildModule } from '../../generator/model/build-module.js';
import { openOfflineModel } from '../../generator/model/offline-working-copy.js';
import { assignDeterministicIds } from '../../generator/model/sdk-deterministic-ids.js';
import { extractUnits } from '../../generator/model/sdk-unit-export.js';
import { HELPER_YOUNG_GENERATION_MB, startSliceHelper } from '../../generator/model/slice-helper.js';
import type { BuiltSlice } from '../../generator/model/sliced-build.js';
import { encodeStorageObject } from '../../generator/mpk/storage-bson.js';
import { PACKAGE_ROOT } from '../../generator/paths.js';
import { withAwsAuthentication } from '../../generator/spec/aws-authentication.js';
import { SpecIndex } from '../../generator/spec/spec-index.js';
import type { ConnectorSpec } from '../../generator/spec/types.js';
import { loadApiModelFile } from '../../generator/validate/api-model-file.js';
import { validateSpecFile } from '../../generator/validate/validate-spec.js';
import { syntheticSpec } from '../bench/synthetic-spec.js';
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

/**
 * The helper thread (generator/model/slice-helper.ts) runs the compiled script
 * build/generator/emit/entity-slice-worker.js, which `npm run build` writes (`npm test` builds first).
 */
const HELPER_SCRIPT = join(PACKAGE_ROOT, 'build', 'generator', 'emit', 'entity-slice-worker.js');
const helperBuilt = existsSync(HELPER_SCRIPT);
const onCi = process.env['CI'] === 'true';
if (!helperBuilt && !onCi) console.warn(`sliced-build helper tests skipped: ${HELPER_SCRIPT} is missing; run "npm run build".`);

describe.skipIf(!helperBuilt && !onCi)('slices built by the helper thread', () => {
  const { spec, index } = validated(join(PACKAGE_ROOT, 'test', 'specs', 'aws-sqs.connector.yaml'));
  const target = loadTarget(spec.module.mendixVersion)!;
  const job = { spec, mendixVersion: target.mendixVersion, sliceSize: 1 };

  it('are byte for byte the slices the main thread builds', async () => {
    if (!helperBuilt) throw new Error(`CI=true but ${HELPER_SCRIPT} is missing: "npm run build" must run before the tests.`);
    // The helper alone takes every slice: the main thread claims none.
    const claims = new Int32Array(new SharedArrayBuffer(4));
    const fromHelper = new Map<number, BuiltSlice<Uint8Array>>();
    const helper = startSliceHelper<Uint8Array>(HELPER_SCRIPT, job, claims, (i, built) => fromHelper.set(i, built));
    expect(helper).toBeDefined();
    await helper?.finished;
    expect(fromHelper.size).toBe(spec.entities.length);
    const { entities } = await buildModuleUnits(spec, index, target, { sliceSize: 1 });
    const mainThread = [...entities.values()][0]!.map((encodedEntity) => Buffer.from(encodedEntity.bytes).toString('base64'));
    const helperThread = [...fromHelper.keys()]
      .sort((a, b) => a - b)
      .flatMap((i) => fromHelper.get(i)!.entities.map((bytes) => Buffer.from(bytes).toString('base64')));
    expect(helperThread).toEqual(mainThread);
  }, 120_000);

  it('make the same package when the helper and the main thread share them', async () => {
    // Large enough that the main thread is still building when the helper is ready.
    const scratch = mkdtempSync(join(tmpdir(), 'slice-helper-'));
    try {
      const file = join(scratch, 'synthetic.json');
      writeFileSync(file, JSON.stringify(syntheticSpec(300)));
      const large = validated(file);
      const alone = await unitsInSlices(large.spec, large.index, 10);
      const { sdkUnits, entities, slicesByHelper } = await buildModuleUnits(large.spec, large.index, target, { sliceSize: 10, helperScript: HELPER_SCRIPT });
      expect(slicesByHelper).toBeGreaterThan(0);
      expect(encoded(toMprUnits(sdkUnits, target, entities))).toEqual(alone);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }, 120_000);

  it('run with the larger young generation the helper is given', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'slice-helper-'));
    try {
      // Reports the limits its thread runs with, as a slice message would be sent.
      const reporting = join(scratch, 'reporting-helper.mjs');
      writeFileSync(
        reporting,
        "import { parentPort, resourceLimits } from 'node:worker_threads';\nparentPort.postMessage({ slice: 0, built: resourceLimits });\n",
      );
      const reported: unknown[] = [];
      const helper = startSliceHelper<unknown>(reporting, job, new Int32Array(new SharedArrayBuffer(4)), (_, limits) => reported.push(limits));
      await helper?.finished;
      expect(reported).toEqual([expect.objectContaining({ maxYoungGenerationSizeMb: HELPER_YOUNG_GENERATION_MB })]);
      expect(HELPER_YOUNG_GENERATION_MB).toBeGreaterThan(48); // V8's default on 64-bit: 3 x 16 MB.
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('are built by the main thread when the helper fails, also after claiming a slice', async () => {
    const alone = await unitsInSlices(spec, index, 1);
    const scratch = mkdtempSync(join(tmpdir(), 'slice-helper-'));
    try {
      // Claims the first slice it sees and dies without sending it.
      const failing = join(scratch, 'failing-helper.mjs');
      writeFileSync(failing, "import { workerData } from 'node:worker_threads';\nAtomics.add(workerData.claims, 0, 1);\nthrow new Error('helper failed');\n");
      const { sdkUnits, entities, slicesByHelper } = await buildModuleUnits(spec, index, target, { sliceSize: 1, helperScript: failing });
      expect(slicesByHelper).toBe(0);
      expect(encoded(toMprUnits(sdkUnits, target, entities))).toEqual(alone);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }, 120_000);
});
