import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { IModel } from 'mendixmodelsdk';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PlatformError } from '../../generator/platform/gateway.js';
import { createSdkGateway } from '../../generator/platform/sdk-gateway.js';
import { TOKEN } from './helpers.js';

/**
 * The real gateway against a stand-in for mendixplatformsdk with the shapes its .d.ts declares: proves
 * which calls the adapter makes, with what, and how it classifies their failures. It cannot prove that
 * the platform behaves as those declarations say.
 */
const sdk = vi.hoisted(() => {
  const calls: string[] = [];
  const state = {
    repositoryType: 'git' as 'git' | 'svn',
    infoError: undefined as unknown,
    branchError: undefined as unknown,
    createError: undefined as unknown,
    uploaded: new Map<string, string>(),
    uploadedFrom: [] as string[],
    logger: undefined as undefined | { info: (...v: unknown[]) => unknown },
  };
  const model = {
    putFile: async (local: string, path: string) => {
      calls.push(`model.putFile(${path})`);
      state.uploadedFrom.push(local);
      state.uploaded.set(path, (await import('node:fs')).readFileSync(local, 'utf8'));
    },
    flushChanges: async () => void calls.push('model.flushChanges()'),
    allModules: () => [{ name: 'AWSLambdaConnector', id: 'module-id-1' }],
    exportModuleMpk: async (id: string, local: string) => {
      calls.push(`model.exportModuleMpk(${id})`);
      (await import('node:fs')).writeFileSync(local, 'MPK-BYTES');
    },
    closeConnection: async () => void calls.push('model.closeConnection()'),
    deleteWorkingCopy: async () => void calls.push('model.deleteWorkingCopy()'),
  };
  class MendixPlatformClient {
    getApp(appId: string) {
      calls.push(`getApp(${appId})`);
      return {
        getRepository: () => ({
          getInfo: async () => {
            calls.push('repository.getInfo()');
            if (state.infoError) throw state.infoError;
            return { type: state.repositoryType, url: 'https://example.invalid' };
          },
          getBranch: async (name: string) => {
            calls.push(`repository.getBranch(${name})`);
            if (state.branchError) throw state.branchError;
            return { name };
          },
        }),
        createTemporaryWorkingCopy: async (branch: string) => {
          calls.push(`app.createTemporaryWorkingCopy(${branch})`);
          if (state.createError) throw state.createError;
          return {
            workingCopyId: 'wc-42',
            openModel: async () => {
              calls.push('workingCopy.openModel()');
              return model;
            },
            commitToRepository: async (branchName: string, options: { commitMessage: string }) => {
              calls.push(`workingCopy.commitToRepository(${branchName}, ${options.commitMessage})`);
            },
          };
        },
      };
    }
  }
  return {
    calls,
    state,
    module: {
      MendixPlatformClient,
      setPlatformConfig: (config: { mendixToken: string }) =>
        void calls.push(`setPlatformConfig(${config.mendixToken === TOKEN_FOR_MOCK ? 'the token' : 'other'})`),
      setLogger: (logger: { info: (...v: unknown[]) => unknown }) => {
        state.logger = logger;
      },
    },
  };
});
const TOKEN_FOR_MOCK = 'mxpat-SECRET-0123456789abcdef';

vi.mock('mendixplatformsdk', () => sdk.module);

beforeEach(() => {
  sdk.calls.length = 0;
  Object.assign(sdk.state, { repositoryType: 'git', infoError: undefined, branchError: undefined, createError: undefined });
  sdk.state.uploaded.clear();
  sdk.state.uploadedFrom.length = 0;
});

async function kindOf(promise: Promise<unknown>): Promise<PlatformError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PlatformError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('the mendixplatformsdk gateway', () => {
  it('configures the token, resolves the default branch and opens a temporary working copy of it', async () => {
    expect(TOKEN_FOR_MOCK).toBe(TOKEN);
    const gateway = await createSdkGateway({ token: TOKEN });
    const handle = await gateway.openWorkingCopy('app-9', undefined);
    expect(handle.branch).toBe('main');
    expect(handle.workingCopyId).toBe('wc-42');
    expect(sdk.calls).toEqual([
      'setPlatformConfig(the token)',
      'getApp(app-9)',
      'repository.getInfo()',
      'repository.getBranch(main)',
      'app.createTemporaryWorkingCopy(main)',
    ]);

    sdk.state.repositoryType = 'svn';
    expect((await gateway.openWorkingCopy('app-9', undefined)).branch).toBe('trunk');
    expect((await gateway.openWorkingCopy('app-9', 'branches/dev')).branch).toBe('branches/dev');
  });

  it('uploads files through a temporary local file, commits after flushing, exports by module id, and cleans up', async () => {
    const gateway = await createSdkGateway({ token: TOKEN });
    const handle = await gateway.openWorkingCopy('app-9', 'main');
    const model: IModel = await handle.model();
    expect(model).toBe(await handle.model());
    await handle.putFile('javasource/awslambdaconnector/actions/Invoke.java', new TextEncoder().encode('class Invoke {}'));
    expect(sdk.state.uploaded.get('javasource/awslambdaconnector/actions/Invoke.java')).toBe('class Invoke {}');
    await handle.commit('Update the connector');
    const bytes = await handle.exportModulePackage('AWSLambdaConnector');
    expect(new TextDecoder().decode(bytes)).toBe('MPK-BYTES');
    await handle.close();
    const tail = sdk.calls.slice(sdk.calls.indexOf('workingCopy.openModel()'));
    expect(tail).toEqual([
      'workingCopy.openModel()',
      'model.putFile(javasource/awslambdaconnector/actions/Invoke.java)',
      'model.flushChanges()',
      'workingCopy.commitToRepository(main, Update the connector)',
      'model.exportModuleMpk(module-id-1)',
      'model.closeConnection()',
      'model.deleteWorkingCopy()',
    ]);
    expect(existsSync(dirname(sdk.state.uploadedFrom[0]!))).toBe(false);
  });

  it('classifies failures: unknown app, unknown branch, rejected token, network', async () => {
    const gateway = await createSdkGateway({ token: TOKEN });
    sdk.state.infoError = Object.assign(new Error("Request failed, GET '/v1/repositories/x/info' message: Response code 404 (Not Found)"), {
      responseStatus: 404,
    });
    expect((await kindOf(gateway.openWorkingCopy('x', undefined))).kind).toBe('app-not-found');

    sdk.state.infoError = Object.assign(new Error(`Response code 401 (Unauthorized) MxToken ${TOKEN}`), { responseStatus: 401 });
    const auth = await kindOf(gateway.openWorkingCopy('x', undefined));
    expect(auth.kind).toBe('auth');
    expect(auth.message).not.toContain(TOKEN);

    sdk.state.infoError = undefined;
    sdk.state.branchError = Object.assign(new Error('Response code 404 (Not Found)'), { responseStatus: 404 });
    expect((await kindOf(gateway.openWorkingCopy('x', 'nope'))).kind).toBe('branch-not-found');

    sdk.state.branchError = undefined;
    sdk.state.createError = new Error("Request failed, POST '/v1/repositories/x/branches/main/working-copies' message: connect ECONNREFUSED 1.2.3.4:443");
    expect((await kindOf(gateway.openWorkingCopy('x', 'main'))).kind).toBe('network');
  });

  it("routes the SDK's log messages through the command's output without the token", async () => {
    const lines: string[] = [];
    await createSdkGateway({ token: TOKEN, log: (t) => lines.push(t) });
    sdk.state.logger?.info(`Creating temporary working copy with token ${TOKEN}`, { id: 1 });
    expect(lines).toEqual(['Creating temporary working copy with token *** {"id":1}']);
  });
});

describe('the offline path does not load mendixplatformsdk', () => {
  it('only sdk-gateway.ts imports mendixplatformsdk, and only push.ts loads sdk-gateway.ts, dynamically', async () => {
    const { readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = join(dirname(new URL(import.meta.url).pathname), '..', '..', 'generator');
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name));
        else if (entry.name.endsWith('.ts')) files.push(join(dir, entry.name));
      }
    };
    walk(root);
    expect(files.length).toBeGreaterThan(20);
    const valueImport = (source: string, module: string): boolean =>
      new RegExp(`^\\s*import\\s+(?!type\\b)[^;]*from\\s+['"]${module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}['"]`, 'm').test(source) ||
      new RegExp(`^\\s*export\\s+(?!type\\b)[^;]*from\\s+['"]${module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}['"]`, 'm').test(source);
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      if (!file.endsWith('sdk-gateway.ts')) expect(valueImport(source, 'mendixplatformsdk'), file).toBe(false);
      expect(valueImport(source, './sdk-gateway.js') || valueImport(source, '../platform/sdk-gateway.js'), file).toBe(false);
    }
    expect(readFileSync(join(root, 'platform', 'push.ts'), 'utf8')).toContain("await import('./sdk-gateway.js')");
    // The check itself can fail: a value import is recognised.
    expect(valueImport("import { App } from 'mendixplatformsdk';", 'mendixplatformsdk')).toBe(true);
    expect(valueImport("import type { App } from 'mendixplatformsdk';", 'mendixplatformsdk')).toBe(false);
  });
});
