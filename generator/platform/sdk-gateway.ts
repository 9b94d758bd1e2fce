import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IModel, projects } from 'mendixmodelsdk';
import type { OnlineWorkingCopy } from 'mendixplatformsdk';
import { classifyError, redact } from './errors.js';
import { PlatformError, type PlatformErrorKind, type PlatformGateway, type WorkingCopyHandle } from './gateway.js';

/**
 * The real platform, on mendixplatformsdk 5.2 and the Model SDK. This module is only ever loaded with a
 * dynamic `import()` (see push.ts), so the offline generator never loads mendixplatformsdk.
 *
 * Calls used (mendixplatformsdk 5.2.0 / mendixmodelsdk 4.111.0; checked against their .d.ts and
 * JavaScript, not against the live platform):
 *  - `setPlatformConfig({ mendixToken })`, `setLogger(...)`
 *  - `new MendixPlatformClient().getApp(appId)` -> `App`
 *  - `app.getRepository().getInfo()` (repository type -> default branch; 404 = unknown app),
 *    `repository.getBranch(name)` (404 = unknown branch)
 *  - `app.createTemporaryWorkingCopy(branch)` -> `OnlineWorkingCopy`
 *  - `workingCopy.openModel()` -> `IModel`
 *  - `model.putFile(localPath, appPath)` (Node: the SDK streams a local file, so bytes go through a temp file)
 *  - `model.flushChanges()`, then `workingCopy.commitToRepository(branch, { commitMessage })`
 *  - `model.exportModuleMpk(moduleId, localPath)` (written to a temp file, read back)
 *  - `model.closeConnection()`, `model.deleteWorkingCopy()` on close (best effort)
 */

export interface SdkGatewayOptions {
  readonly token: string;
  /** Receives the SDKs' progress messages (already free of the token). */
  readonly log?: (text: string) => void;
}

type PlatformSdk = typeof import('mendixplatformsdk');

async function loadPlatformSdk(): Promise<PlatformSdk> {
  const loaded = (await import('mendixplatformsdk')) as PlatformSdk & { default?: PlatformSdk };
  // CommonJS package: Node exposes its exports as named exports and as `default`.
  return typeof loaded.MendixPlatformClient === 'function' ? loaded : (loaded.default ?? loaded);
}

function describe(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? v : v instanceof Error ? v.message : JSON.stringify(v))).join(' ');
}

/** Wraps any failure as a PlatformError with the token removed from its message. */
function platformFailure(error: unknown, token: string, notFound: PlatformErrorKind = 'unknown'): PlatformError {
  const classified = classifyError(error, notFound) ?? new PlatformError('unknown', error instanceof Error ? error.message : String(error));
  return new PlatformError(classified.kind, redact(classified.message, token));
}

export async function createSdkGateway(options: SdkGatewayOptions): Promise<PlatformGateway> {
  const sdk = await loadPlatformSdk();
  const { token } = options;
  const log = options.log ?? (() => undefined);
  sdk.setPlatformConfig({ mendixToken: token });
  // The SDK logs to the console by default; route its messages through the command's output.
  sdk.setLogger({
    info: (...values: unknown[]) => log(redact(describe(values), token)),
    warn: (...values: unknown[]) => log(redact(describe(values), token)),
    error: (...values: unknown[]) => log(redact(describe(values), token)),
  });
  const client = new sdk.MendixPlatformClient();

  return {
    async openWorkingCopy(appId: string, branch: string | undefined): Promise<WorkingCopyHandle> {
      const app = client.getApp(appId);
      const repository = app.getRepository();
      let branchName = branch;
      try {
        const repositoryInfo = await repository.getInfo();
        branchName ??= repositoryInfo.type === 'svn' ? 'trunk' : 'main';
      } catch (error) {
        throw platformFailure(error, token, 'app-not-found');
      }
      try {
        await repository.getBranch(branchName);
      } catch (error) {
        throw platformFailure(error, token, 'branch-not-found');
      }
      let workingCopy: OnlineWorkingCopy;
      try {
        workingCopy = await app.createTemporaryWorkingCopy(branchName);
      } catch (error) {
        throw platformFailure(error, token, 'branch-not-found');
      }
      return new SdkWorkingCopy(workingCopy, branchName, token);
    },
  };
}

class SdkWorkingCopy implements WorkingCopyHandle {
  private opened: Promise<IModel> | undefined;
  private tempDir: string | undefined;

  constructor(
    private readonly workingCopy: OnlineWorkingCopy,
    readonly branch: string,
    private readonly token: string,
  ) {}

  get workingCopyId(): string {
    return this.workingCopy.workingCopyId;
  }

  model(): Promise<IModel> {
    this.opened ??= this.workingCopy.openModel().catch((error: unknown) => {
      this.opened = undefined;
      throw platformFailure(error, this.token);
    });
    return this.opened;
  }

  private async scratchFile(name: string): Promise<string> {
    this.tempDir ??= await mkdtemp(join(tmpdir(), 'mendix-connector-'));
    return join(this.tempDir, name);
  }

  async putFile(path: string, bytes: Uint8Array): Promise<void> {
    const model = await this.model();
    const local = await this.scratchFile(path.replace(/[\\/]/g, '_'));
    await writeFile(local, bytes);
    try {
      await model.putFile(local, path);
    } catch (error) {
      throw platformFailure(error, this.token);
    }
  }

  async commit(message: string): Promise<void> {
    const model = await this.model();
    try {
      await model.flushChanges();
      await this.workingCopy.commitToRepository(this.branch, { commitMessage: message });
    } catch (error) {
      throw platformFailure(error, this.token);
    }
  }

  async exportModulePackage(moduleName: string): Promise<Uint8Array> {
    const model = await this.model();
    const module: projects.IModule | undefined = model.allModules().find((m) => m.name === moduleName);
    if (!module) throw new Error(`internal: module ${moduleName} is not in the working copy`);
    const local = await this.scratchFile(`${moduleName}.mpk`);
    try {
      await model.exportModuleMpk(module.id, local);
    } catch (error) {
      throw platformFailure(error, this.token);
    }
    return new Uint8Array(await readFile(local));
  }

  async close(): Promise<void> {
    const opened = this.opened;
    this.opened = undefined;
    if (opened) {
      try {
        const model = await opened;
        await model.closeConnection();
        await model.deleteWorkingCopy();
      } catch {
        // Temporary working copies expire on the platform; failing to delete one early is harmless.
      }
    }
    if (this.tempDir) await rm(this.tempDir, { recursive: true, force: true });
  }
}
