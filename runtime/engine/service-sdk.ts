/**
 * The AWS SDK for JavaScript v3 package of a spec's service, loaded by the names its API model
 * records (package, client class, command classes); nothing here knows a service. The package is
 * resolved from this tool's own installation, so the same command serves any service whose client
 * package is installed beside it.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../generator/paths.js';
import type { ApiModelView } from '../../generator/validate/api-model-view.js';

/** What the runtime needs of an SDK client: `send` a command, and `destroy` to close its sockets. */
export interface SdkClient {
  send(command: object, options?: SendOptions): Promise<unknown>;
  destroy(): void;
}

/** The abort signal the AWS SDK takes (@smithy/types AbortSignal): `aborted`, and `onabort`, which the SDK sets. */
export interface CallSignal {
  readonly aborted: boolean;
  onabort: (() => void) | null;
}

export interface SendOptions {
  abortSignal?: CallSignal;
}

export type SdkOutput = Record<string, unknown>;
export type SdkClientClass = new (config: Record<string, unknown>) => SdkClient;
export type SdkCommandClass = new (input: object) => object;

/** The service's SDK: its client class and the command class of each operation. */
export interface ServiceSdk {
  packageName: string;
  Client: SdkClientClass;
  command(action: string): SdkCommandClass;
}

/** The package is not installed: the message names it and how to install it. */
export class MissingSdkPackageError extends Error {
  constructor(readonly packageName: string) {
    super(
      `The AWS SDK for JavaScript package ${packageName} is not installed; the runtime needs it to call this service. Install it with: npm install ${packageName}`,
    );
  }
}

const requireFromTool = createRequire(join(PACKAGE_ROOT, 'package.json'));
const loaded = new Map<string, ServiceSdk>();

function isClass(value: unknown): value is new (...args: never[]) => object {
  return typeof value === 'function';
}

/** Loads (once per package) the SDK package an API model names; throws MissingSdkPackageError when absent. */
export function serviceSdk(api: ApiModelView): ServiceSdk {
  const known = loaded.get(api.sdkPackage);
  if (known) return known;
  let exports: Record<string, unknown>;
  try {
    exports = requireFromTool(api.sdkPackage) as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') throw new MissingSdkPackageError(api.sdkPackage);
    throw error;
  }
  const clientName = api.jsClient;
  if (clientName === undefined)
    throw new Error(`The API model of ${api.sdkPackage} does not name its client class; write it anew with "mendix-connector api-model".`);
  const Client = exports[clientName];
  if (!isClass(Client)) throw new Error(`${api.sdkPackage} has no client class ${clientName}; the API model does not fit the installed package.`);
  const sdk: ServiceSdk = {
    packageName: api.sdkPackage,
    Client: Client as unknown as SdkClientClass,
    command(action: string): SdkCommandClass {
      const name = api.jsCommand(action);
      const Command = name === undefined ? undefined : exports[name];
      if (!isClass(Command))
        throw new Error(`${api.sdkPackage} has no command class for ${action}${name ? ` (${name})` : ''}; the API model does not fit the installed package.`);
      return Command as unknown as SdkCommandClass;
    },
  };
  loaded.set(api.sdkPackage, sdk);
  return sdk;
}
