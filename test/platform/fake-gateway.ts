import type { IModel } from 'mendixmodelsdk';
import { openOfflineModel, type OfflineModel } from '../../generator/model/offline-working-copy.js';
import { extractUnits, type SdkUnitJson } from '../../generator/model/sdk-unit-export.js';
import { PlatformError, type PlatformGateway, type WorkingCopyHandle } from '../../generator/platform/gateway.js';

/**
 * A test double of the Mendix platform. Apps and branches are held as SDK unit JSON; a working copy is
 * the project's own offline working copy (`openOfflineModel`) loaded with the branch's units, and a
 * commit writes the working copy's units (and uploaded files) back to the branch, so a second push sees
 * what the first one committed. Every call is recorded; faults can be injected per operation.
 */

export interface FakeBranch {
  units: SdkUnitJson[];
  files: Map<string, Uint8Array>;
  commits: string[];
}

export interface FakeApp {
  mendixVersion: string;
  repositoryType: 'git' | 'svn';
  branches: Map<string, FakeBranch>;
}

export type FakeOperation = 'openWorkingCopy' | 'model' | 'putFile' | 'commit' | 'exportModulePackage';

export interface Fault {
  readonly operation: FakeOperation;
  /** How many calls fail before the operation works again (Infinity: always). */
  remaining: number;
  readonly error: () => unknown;
}

export function emptyBranch(units: SdkUnitJson[] = []): FakeBranch {
  return { units, files: new Map(), commits: [] };
}

export class FakePlatform implements PlatformGateway {
  readonly calls: string[] = [];
  readonly faults: Fault[] = [];
  readonly apps = new Map<string, FakeApp>();
  private readonly open: OfflineModel[] = [];

  /** `token`: what the command passed; `validToken`: what the platform accepts. */
  constructor(
    readonly token: string,
    private readonly validToken: string,
  ) {}

  addApp(appId: string, mendixVersion: string, branches: Record<string, FakeBranch> = { main: emptyBranch() }, repositoryType: 'git' | 'svn' = 'git'): FakeApp {
    const app: FakeApp = { mendixVersion, repositoryType, branches: new Map(Object.entries(branches)) };
    this.apps.set(appId, app);
    return app;
  }

  fail(operation: FakeOperation, times: number, error: () => unknown): void {
    this.faults.push({ operation, remaining: times, error });
  }

  count(operation: FakeOperation): number {
    return this.calls.filter((c) => c.startsWith(`${operation}(`)).length;
  }

  private call(operation: FakeOperation, detail: string): void {
    this.calls.push(`${operation}(${detail})`);
    const fault = this.faults.find((f) => f.operation === operation && f.remaining > 0);
    if (fault) {
      fault.remaining -= 1;
      throw fault.error();
    }
  }

  async openWorkingCopy(appId: string, branch: string | undefined): Promise<WorkingCopyHandle> {
    this.call('openWorkingCopy', `${appId}, ${branch ?? '<default>'}`);
    if (this.token !== this.validToken) {
      // As the platform SDK reports it; the message even echoes the header, to prove redaction.
      throw Object.assign(
        new Error(`Request failed, GET '/v1/repositories/${appId}/info' message: Response code 401 (Unauthorized) for MxToken ${this.token}`),
        {
          responseStatus: 401,
        },
      );
    }
    const app = this.apps.get(appId);
    if (!app) throw new PlatformError('app-not-found', `Response code 404 (Not Found) for app ${appId}`);
    const branchName = branch ?? (app.repositoryType === 'svn' ? 'trunk' : 'main');
    const stored = app.branches.get(branchName);
    if (!stored) throw new PlatformError('branch-not-found', `Response code 404 (Not Found) for branch ${branchName}`);
    await Promise.resolve();
    return new FakeWorkingCopy(this, app, stored, branchName, `wc-${this.calls.length}`);
  }

  /** @internal */
  track(model: OfflineModel): void {
    this.open.push(model);
  }

  /** @internal */
  record(operation: FakeOperation, detail: string): void {
    this.call(operation, detail);
  }

  async closeAll(): Promise<void> {
    for (const model of this.open.splice(0)) await model.close().catch(() => undefined);
  }
}

class FakeWorkingCopy implements WorkingCopyHandle {
  private offline: OfflineModel | undefined;
  private readonly pendingFiles = new Map<string, Uint8Array>();
  closed = false;

  constructor(
    private readonly platform: FakePlatform,
    private readonly app: FakeApp,
    private readonly stored: FakeBranch,
    readonly branch: string,
    readonly workingCopyId: string,
  ) {}

  async model(): Promise<IModel> {
    this.platform.record('model', this.workingCopyId);
    if (!this.offline) {
      this.offline = await openOfflineModel({ mendixVersion: this.app.mendixVersion, units: this.stored.units, recordDeltas: false });
      this.platform.track(this.offline);
    }
    return this.offline.model;
  }

  async putFile(path: string, bytes: Uint8Array): Promise<void> {
    this.platform.record('putFile', path);
    await Promise.resolve();
    this.pendingFiles.set(path, bytes);
  }

  async commit(message: string): Promise<void> {
    this.platform.record('commit', message);
    if (!this.offline) throw new Error('commit before the model was opened');
    await this.offline.flush();
    this.stored.units = await extractUnits(this.offline.model);
    for (const [path, bytes] of this.pendingFiles) this.stored.files.set(path, bytes);
    this.stored.commits.push(message);
  }

  async exportModulePackage(moduleName: string): Promise<Uint8Array> {
    this.platform.record('exportModulePackage', moduleName);
    if (!this.offline) throw new Error('export before the model was opened');
    const module = this.offline.model.allModules().find((m) => m.name === moduleName);
    if (!module) throw new Error(`no module ${moduleName}`);
    const units = await extractUnits(this.offline.model, { under: module });
    return new TextEncoder().encode(JSON.stringify({ fakeMpk: moduleName, units: units.length }));
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.offline) await this.offline.close();
  }
}
