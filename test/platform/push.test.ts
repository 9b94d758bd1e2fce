import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, domainmodels, enumerations, type IModel } from 'mendixmodelsdk';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../generator/cli/exit-codes.js';
import { buildModule } from '../../generator/model/build-module.js';
import { openOfflineModel } from '../../generator/model/offline-working-copy.js';
import { extractUnits } from '../../generator/model/sdk-unit-export.js';
import { PlatformError } from '../../generator/platform/gateway.js';
import { runPlatformPush, type PlatformPushOptions } from '../../generator/platform/push.js';
import { MARKER_PREFIX } from '../../generator/platform/sync-module.js';
import type { SpecIndex } from '../../generator/spec/spec-index.js';
import type { ConnectorSpec } from '../../generator/spec/types.js';
import { FakePlatform, emptyBranch, type FakeBranch } from './fake-gateway.js';
import {
  TOKEN,
  branchModuleUnits,
  bundledSpec,
  capture,
  changedSpec,
  idsOf,
  modulesNamed,
  namesOf,
  normalize,
  offlineModuleUnits,
  type Captured,
} from './helpers.js';

const APP = 'app-1';
const JAVA = [
  { path: 'javasource/awslambdaconnector/actions/Invoke.java', bytes: new TextEncoder().encode('class Invoke {}') },
  { path: 'javasource/awslambdaconnector/impl/Client.java', bytes: new TextEncoder().encode('class Client {}') },
];

let spec: ConnectorSpec;
let index: SpecIndex;
let fake: FakePlatform;
let sleeps: number[];

beforeAll(() => {
  ({ spec, index } = bundledSpec());
});

afterEach(async () => {
  await fake.closeAll();
});

function newPlatform(token = TOKEN): FakePlatform {
  fake = new FakePlatform(token, TOKEN);
  sleeps = [];
  return fake;
}

async function push(out: Captured, overrides: Partial<PlatformPushOptions> = {}): Promise<number> {
  return runPlatformPush(
    {
      appId: APP,
      force: false,
      spec,
      index,
      javaFiles: JAVA,
      gateway: fake,
      env: { MENDIX_TOKEN: TOKEN },
      retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 1000, sleep: async (ms) => void sleeps.push(ms) },
      ...overrides,
    },
    out,
  );
}

/** Runs a push expected to fail and returns the UserError. */
async function pushFails(out: Captured, overrides: Partial<PlatformPushOptions> = {}): Promise<UserError> {
  try {
    await push(out, overrides);
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('push succeeded');
}

function branchOf(appId = APP, name = 'main'): FakeBranch {
  const branch = fake.apps.get(appId)?.branches.get(name);
  if (!branch) throw new Error('no branch');
  return branch;
}

/** Edits a branch as a Studio Pro user would, then commits the result back to the fake branch. */
async function editBranch(branch: FakeBranch, mendixVersion: string, edit: (model: IModel) => void | Promise<void>): Promise<void> {
  const offline = await openOfflineModel({ mendixVersion, units: branch.units, recordDeltas: false });
  await edit(offline.model);
  await offline.flush();
  branch.units = await extractUnits(offline.model);
  await offline.close();
}

describe('push into an app through the platform gateway', () => {
  it('builds the same module as the offline package (same units modulo ids and the marker) and commits files', async () => {
    newPlatform().addApp(APP, '10.21.0');
    const out = capture();
    expect(await push(out)).toBe(0);

    const branch = branchOf();
    expect(branch.commits).toHaveLength(1);
    const pushed = await branchModuleUnits(branch, '10.21.0', spec.module.name);
    const offline = await offlineModuleUnits(spec, index, '10.21.0');
    expect(pushed.length).toBe(offline.length);
    expect(normalize(pushed)).toEqual(normalize(offline));
    // The marker is the only difference, and it is there.
    const domainModel = pushed.find((u) => u.$Type === 'DomainModels$DomainModel');
    expect(String((domainModel?.contents as { documentation: string }).documentation)).toContain(MARKER_PREFIX);
    expect([...branch.files.keys()].sort()).toEqual(JAVA.map((f) => f.path).sort());
    expect(out.text()).toContain(`Created module ${spec.module.name}`);
  });

  it('is idempotent: a second run updates the one module in place (same ids) and leaves it equal to the offline build', async () => {
    newPlatform().addApp(APP, '10.21.0');
    await push(capture());
    const first = await branchModuleUnits(branchOf(), '10.21.0', spec.module.name);
    const out = capture();
    expect(await push(out, { json: true })).toBe(0);

    const branch = branchOf();
    expect(modulesNamed(branch, spec.module.name)).toBe(1);
    expect(branch.commits).toHaveLength(2);
    const second = await branchModuleUnits(branch, '10.21.0', spec.module.name);
    expect(normalize(second)).toEqual(normalize(await offlineModuleUnits(spec, index, '10.21.0')));
    // Updated in place: entities, attributes and associations keep their ids.
    for (const type of ['DomainModels$Entity', 'DomainModels$Attribute', 'DomainModels$Association']) {
      expect(idsOf(second, type)).toEqual(idsOf(first, type));
      expect(idsOf(second, type).size).toBeGreaterThan(0);
    }
    // Data storage GUIDs (table and column identities) are kept too.
    const guids = (units: typeof first): string[] => JSON.stringify(units).match(/"dataStorageGuid":"[^"]+"/g) ?? [];
    expect(guids(second)).toEqual(guids(first));
    expect(guids(first).length).toBeGreaterThan(10);
    const json = JSON.parse(out.lines.find((l) => l.startsWith('json: '))!.slice(6)) as { report: { action: string; added: string[]; removed: string[] } };
    expect(json.report.action).toBe('updated');
    expect(json.report.added).toEqual([]);
    expect(json.report.removed).toEqual([]);
  });

  it('removes what the spec no longer has, adds what is new, and matches the offline build of the new spec', async () => {
    newPlatform().addApp(APP, '10.21.0');
    await push(capture());
    const changed = changedSpec(spec);
    const out = capture();
    await push(out, { spec: changed.spec, index: changed.index, json: true });

    const units = await branchModuleUnits(branchOf(), '10.21.0', spec.module.name);
    expect(namesOf(units, 'JavaActions$JavaAction')).not.toContain('DeleteFunction');
    expect(namesOf(units, 'DomainModels$Entity')).not.toContain('DeleteFunctionRequest');
    expect(namesOf(units, 'DomainModels$Association')).not.toContain('Alias_ListAliasesResponse');
    expect(namesOf(units, 'Enumerations$Enumeration')).toContain('ENUM_Extra');
    const offline = await offlineModuleUnits(changed.spec, changed.index, '10.21.0');
    // Layout of existing entities is the user's and kept; everything else is what the new spec builds.
    expect(normalize(units, { dropLayout: true })).toEqual(normalize(offline, { dropLayout: true }));
    const report = (JSON.parse(out.lines.find((l) => l.startsWith('json: '))!.slice(6)) as { report: { added: string[]; removed: string[] } }).report;
    expect(report.removed.sort()).toEqual(['association Alias_ListAliasesResponse', 'entity DeleteFunctionRequest', 'java action DeleteFunction'].sort());
    expect(report.added).toEqual(['enumeration ENUM_Extra']);
  });

  it('keeps and reports what users added to the module, including their association to a connector entity', async () => {
    newPlatform().addApp(APP, '10.21.0');
    await push(capture());
    await editBranch(branchOf(), '10.21.0', async (model) => {
      const module = model.allModules().find((m) => m.name === spec.module.name)!;
      const domainModel = await module.domainModel.load();
      const note = domainmodels.Entity.createIn(domainModel);
      note.name = 'MyNote';
      const association = domainmodels.Association.createIn(domainModel);
      association.name = 'MyNote_Function';
      association.parent = note;
      association.child = domainModel.entities.find((e) => e.name === 'Function')!;
      const enumeration = enumerations.Enumeration.createIn(module as never);
      enumeration.name = 'MyEnum';
      const constant = constants.Constant.createIn(module as never);
      constant.name = 'MyConstant';
    });
    const changed = changedSpec(spec);
    const out = capture();
    await push(out, { spec: changed.spec, index: changed.index });

    const units = await branchModuleUnits(branchOf(), '10.21.0', spec.module.name);
    expect(namesOf(units, 'DomainModels$Entity')).toContain('MyNote');
    expect(namesOf(units, 'Enumerations$Enumeration')).toContain('MyEnum');
    expect(namesOf(units, 'Constants$Constant')).toContain('MyConstant');
    // The user's association still points at the (updated in place) connector entity.
    const functionId = idsOf(units, 'DomainModels$Entity').get('Function');
    const domainModel = units.find((u) => u.$Type === 'DomainModels$DomainModel')!;
    const associations = (domainModel.contents as { associations: Array<{ name: string; child: string }> }).associations;
    expect(associations.find((a) => a.name === 'MyNote_Function')?.child).toBe(functionId);
    for (const kept of ['entity MyNote', 'association MyNote_Function', 'enumeration MyEnum', 'constant MyConstant']) {
      expect(out.text()).toContain(kept);
    }
    expect(out.text()).toContain('kept (added by users, not generated) (4)');
  });

  it('refuses a module of that name that mendix-connector did not generate, unless --force', async () => {
    newPlatform().addApp(APP, '10.21.0');
    // As if the offline package had been imported and a user had added an entity: no marker.
    await editBranch(branchOf(), '10.21.0', (model) => {
      const module = buildModule(model, spec, index);
      domainmodels.Entity.createIn(module.domainModel as domainmodels.DomainModel).name = 'Mine';
    });
    const before = structuredClone(branchOf().units);
    const error = await pushFails(capture());
    expect(error.message).toContain('not generate');
    expect(error.hint).toContain('--force');
    expect(branchOf().commits).toHaveLength(0);
    expect(branchOf().units).toEqual(before);

    const out = capture();
    expect(await push(out, { force: true })).toBe(0);
    const units = await branchModuleUnits(branchOf(), '10.21.0', spec.module.name);
    expect(modulesNamed(branchOf(), spec.module.name)).toBe(1);
    expect(namesOf(units, 'DomainModels$Entity')).toContain('Mine');
    expect(out.text()).toContain('entity Mine');
    const domainModel = units.find((u) => u.$Type === 'DomainModels$DomainModel')!;
    expect(String((domainModel.contents as { documentation: string }).documentation)).toContain(MARKER_PREFIX);
  });

  it('refuses an app older than the Mendix version the spec needs, and works on a newer one', async () => {
    newPlatform().addApp(APP, '10.18.0');
    const error = await pushFails(capture());
    expect(error.message).toContain('uses Mendix 10.18.0');
    expect(error.message).toContain(`needs Mendix ${spec.module.mendixVersion} or newer`);
    expect(fake.count('commit')).toBe(0);
    expect(fake.count('putFile')).toBe(0);

    newPlatform().addApp(APP, '10.24.0');
    await push(capture());
    expect(await push(capture())).toBe(0);
    expect(modulesNamed(branchOf(), spec.module.name)).toBe(1);
    const units = await branchModuleUnits(branchOf(), '10.24.0', spec.module.name);
    expect(normalize(units)).toEqual(normalize(await offlineModuleUnits(spec, index, '10.24.0')));
  });

  it('exports the module package when asked', async () => {
    newPlatform().addApp(APP, '10.21.0');
    const dir = mkdtempSync(join(tmpdir(), 'push-export-'));
    try {
      const file = join(dir, 'sub', 'AWSLambdaConnector.mpk');
      const out = capture();
      await push(out, { exportFile: file });
      expect(existsSync(file)).toBe(true);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ fakeMpk: spec.module.name });
      expect(fake.calls.indexOf('exportModulePackage(AWSLambdaConnector)')).toBeGreaterThan(fake.calls.findIndex((c) => c.startsWith('commit(')));
      expect(out.text()).toContain(file);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses the given branch and commit message', async () => {
    newPlatform().addApp(APP, '10.21.0', { main: emptyBranch(), 'feature-x': emptyBranch() });
    await push(capture(), { branch: 'feature-x', message: 'Add the Lambda connector' });
    expect(branchOf(APP, 'feature-x').commits).toEqual(['Add the Lambda connector']);
    expect(branchOf(APP, 'main').commits).toEqual([]);
  });
});

describe('errors', () => {
  function expectNoToken(out: Captured, error?: Error & { hint?: string | undefined }): void {
    expect(out.text()).not.toContain(TOKEN);
    if (error) {
      expect(error.message).not.toContain(TOKEN);
      expect(error.hint ?? '').not.toContain(TOKEN);
      expect(error.stack ?? '').not.toContain(TOKEN);
    }
  }

  it('a missing token stops before any platform call', async () => {
    newPlatform().addApp(APP, '10.21.0');
    for (const env of [{}, { MENDIX_TOKEN: '  ' }]) {
      const error = await pushFails(capture(), { env });
      expect(error.message).toContain('MENDIX_TOKEN');
      expect(error.hint).toContain('Personal Access Tokens');
    }
    expect(fake.calls).toEqual([]);
  });

  it('an invalid token is reported without ever printing the token', async () => {
    const wrong = 'mxpat-WRONG-token-value-42';
    newPlatform(wrong).addApp(APP, '10.21.0');
    const out = capture();
    const error = await pushFails(out, { env: { MENDIX_TOKEN: wrong } });
    expect(error.message).toContain('rejected the personal access token');
    expect(error.message).not.toContain(wrong);
    expect(error.message).toContain('***');
    expect(out.text()).not.toContain(wrong);
  });

  it('unknown app and unknown branch say which and how to fix it', async () => {
    newPlatform().addApp(APP, '10.21.0');
    const noApp = await pushFails(capture(), { appId: 'no-such-app' });
    expect(noApp.message).toContain('No Mendix app with id no-such-app');
    expect(noApp.hint).toContain('App ID');
    const noBranch = await pushFails(capture(), { branch: 'nope' });
    expect(noBranch.message).toContain('has no branch nope');
    expect(noBranch.hint).toContain('--branch');
    expect(fake.count('commit')).toBe(0);
  });

  it('retries network failures of safe steps with a growing, bounded backoff, then succeeds', async () => {
    newPlatform().addApp(APP, '10.21.0');
    fake.fail('openWorkingCopy', 2, () => Object.assign(new Error(`connect ECONNRESET (MxToken ${TOKEN})`), { code: 'ECONNRESET' }));
    const out = capture();
    expect(await push(out)).toBe(0);
    expect(fake.count('openWorkingCopy')).toBe(3);
    expect(sleeps).toEqual([100, 200]);
    expect(out.text()).toContain('retrying');
    expectNoToken(out);
  });

  it('gives up after the bounded retries and says what was and was not done', async () => {
    newPlatform().addApp(APP, '10.21.0');
    fake.fail('putFile', Infinity, () => Object.assign(new Error(`Request failed, PUT files message: socket hang up ${TOKEN}`), { responseStatus: 503 }));
    const out = capture();
    const error = await pushFails(out);
    expect(fake.count('putFile')).toBe(3);
    expect(sleeps).toEqual([100, 200]);
    expect(error.message).toContain('Network failure while uploading javasource/awslambdaconnector/actions/Invoke.java');
    expect(error.message).toContain('gave up after 3 attempts');
    expect(error.hint).toContain('Done: created temporary working copy');
    expect(error.hint).toContain(`updated module ${spec.module.name}`.replace('updated', 'created'));
    expect(error.hint).toContain('Nothing was committed, so the app is unchanged.');
    expect(branchOf().commits).toHaveLength(0);
    expect(branchOf().units).toEqual([]);
    expectNoToken(out, error);
  });

  it('never retries a commit and says its outcome is unknown', async () => {
    newPlatform().addApp(APP, '10.21.0');
    fake.fail('commit', 1, () => Object.assign(new Error('read ETIMEDOUT'), { code: 'ETIMEDOUT' }));
    const error = await pushFails(capture());
    expect(fake.count('commit')).toBe(1);
    expect(error.message).toContain('a commit is not retried');
    expect(error.hint).toContain('uploaded 2 Java source files');
    expect(error.hint).toContain('check the branch history');
    expect(error.hint).toContain('Running the command again is safe');
  });

  it('a platform error of unknown kind is reported as such with the progress', async () => {
    newPlatform().addApp(APP, '10.21.0');
    fake.fail('model', 1, () => new PlatformError('unknown', `working copy is locked (token ${TOKEN})`));
    const out = capture();
    const error = await pushFails(out);
    expect(error.message).toContain('while opening the working copy model: working copy is locked');
    expect(error.hint).toContain('Nothing was committed');
    expect(fake.count('model')).toBe(1);
    expectNoToken(out, error);
  });

  it('the token never appears in any output of a successful run', async () => {
    newPlatform().addApp(APP, '10.21.0');
    const out = capture();
    await push(out);
    await push(out, { json: true });
    expect(out.lines.length).toBeGreaterThan(3);
    expectNoToken(out);
  });
});
