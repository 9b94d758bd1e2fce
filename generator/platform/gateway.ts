import type { IModel } from 'mendixmodelsdk';

/**
 * The narrow seam between the push command and the Mendix platform. Everything the command needs
 * from mendixplatformsdk and the Model API goes through these two interfaces, so the command can be
 * tested with a double that serves an in-process offline model, and so the SDK is only loaded
 * (lazily) when a push is actually made.
 */
export interface PlatformGateway {
  /**
   * Creates a temporary working copy of the app's branch. `branch` undefined means the repository's
   * default branch ("main" for Git, "trunk" for Subversion).
   * Rejects with a {@link PlatformError} of kind `auth`, `app-not-found`, `branch-not-found`,
   * `network` or `unknown`.
   */
  openWorkingCopy(appId: string, branch: string | undefined): Promise<WorkingCopyHandle>;
}

export interface WorkingCopyHandle {
  /** The branch the working copy was made from (the default branch resolved, when none was asked for). */
  readonly branch: string;
  /** Id of the working copy on the Model API (for messages only). */
  readonly workingCopyId: string;
  /** Opens (once) and returns the working copy's model. */
  model(): Promise<IModel>;
  /** Uploads one file of the app folder, e.g. `javasource/<package>/actions/Invoke.java`. Safe to repeat. */
  putFile(path: string, bytes: Uint8Array): Promise<void>;
  /** Sends pending model changes and commits the working copy to its branch. NOT safe to repeat blindly. */
  commit(message: string): Promise<void>;
  /** The module package (.mpk) of the named module in the working copy. Read-only, safe to repeat. */
  exportModulePackage(moduleName: string): Promise<Uint8Array>;
  /** Releases the working copy (best effort; never throws). */
  close(): Promise<void>;
}

export type PlatformErrorKind = 'auth' | 'app-not-found' | 'branch-not-found' | 'network' | 'unknown';

/** A platform failure, classified so the command can say what to do about it. */
export class PlatformError extends Error {
  constructor(
    readonly kind: PlatformErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'PlatformError';
  }
}

/** Only network-level failures (and server overload) are worth another attempt. */
export function isRetryable(error: unknown): boolean {
  return error instanceof PlatformError && error.kind === 'network';
}
