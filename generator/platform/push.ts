import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EXIT_OK, UserError } from '../cli/exit-codes.js';
import type { Output } from '../cli/output.js';
import type { SpecIndex } from '../spec/spec-index.js';
import type { ConnectorSpec } from '../spec/types.js';
import { classifyError, redact } from './errors.js';
import { PlatformError, isRetryable, type PlatformGateway, type WorkingCopyHandle } from './gateway.js';
import { ForeignModuleError, appMeetsSpecVersion, appMendixVersion, syncModule, type SyncReport } from './sync-module.js';

/**
 * `mendix-connector generate --app-id <id>`: puts the connector module into a real Mendix app through
 * a temporary working copy, with the same model-building code as the offline package.
 *
 * Steps: open a temporary working copy of the branch, check the app's Mendix version, create or update
 * the module in place, upload the Java sources, commit, optionally export the module package. Nothing
 * reaches the app's repository before the commit, so a failure before it leaves the app unchanged.
 * Network failures are retried (bounded exponential backoff) for the steps that are safe to repeat:
 * opening the working copy and model, uploading files and exporting. The commit is not retried: its
 * outcome is unknown after a network failure.
 */

/** The environment variable that holds the Mendix personal access token. */
export const TOKEN_VARIABLE = 'MENDIX_TOKEN';

export interface JavaSourceFile {
  /** Path in the app folder, `javasource/<javaPackage>/...`. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

export interface RetryPolicy {
  /** Attempts per step, the first included (at least 1). */
  readonly attempts: number;
  /** Delay before the second attempt; doubled for each further one. */
  readonly baseDelayMs: number;
  /** Upper bound of one delay. */
  readonly maxDelayMs: number;
  /** Waits; replaced in tests. */
  readonly sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 1000, maxDelayMs: 8000 };

export interface PlatformPushOptions {
  readonly appId: string;
  /** Branch to base the working copy on and commit to; the repository's default branch when absent. */
  readonly branch?: string | undefined;
  /** Commit message; a default naming the module and its version when absent. */
  readonly message?: string | undefined;
  /** Write the module package (.mpk) exported from the working copy to this file. */
  readonly exportFile?: string | undefined;
  /** Update a module of that name even when mendix-connector did not generate it. */
  readonly force: boolean;
  readonly spec: ConnectorSpec;
  readonly index: SpecIndex;
  readonly javaFiles: readonly JavaSourceFile[];
  /** Print the result as JSON on stdout. */
  readonly json?: boolean;
  /** The platform; default: mendixplatformsdk, loaded on first use, authenticated with the token. */
  readonly gateway?: PlatformGateway;
  /** Builds the platform from the token (used when `gateway` is absent); for tests and other SDKs. */
  readonly createGateway?: (token: string, log: (text: string) => void) => Promise<PlatformGateway>;
  /** Where the token is read from; default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly retry?: RetryPolicy;
}

export interface PlatformPushResult {
  readonly appId: string;
  readonly branch: string;
  readonly module: string;
  readonly mendixVersion: string;
  readonly report: SyncReport;
  readonly filesUploaded: number;
  readonly committed: boolean;
  readonly exportFile: string | null;
}

async function defaultGateway(token: string, log: (text: string) => void): Promise<PlatformGateway> {
  // Loaded here only: the offline path never loads mendixplatformsdk.
  const { createSdkGateway } = await import('./sdk-gateway.js');
  return createSdkGateway({ token, log });
}

function sleepFor(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** Returns the exit code (0); problems the user can fix are thrown as `UserError` with a hint. */
export async function runPlatformPush(options: PlatformPushOptions, out: Output): Promise<number> {
  const env = options.env ?? process.env;
  const token = (env[TOKEN_VARIABLE] ?? '').trim();
  const safe = (text: string): string => redact(text, token);
  if (token === '') {
    throw new UserError(
      `No Mendix personal access token: the environment variable ${TOKEN_VARIABLE} is not set.`,
      `Create a personal access token in the Mendix Portal (User Settings > Developer Settings > Personal Access Tokens) with the model repository read and write scopes, then run again with ${TOKEN_VARIABLE}=<token> in the environment. Without --app-id, generate builds the package offline and needs no token.`,
    );
  }
  for (const file of options.javaFiles) {
    if (!file.path.startsWith('javasource/') || file.path.split('/').includes('..')) {
      throw new Error(`internal: Java source path ${file.path} is not under javasource/`);
    }
  }

  const policy = options.retry ?? DEFAULT_RETRY;
  const sleep = policy.sleep ?? sleepFor;
  const moduleName = options.spec.module.name;
  const info = (text: string): void => {
    if (!options.json) out.info(safe(text));
  };
  const progress = new Progress();
  let stage = 'connecting to the Mendix platform';
  /** Attempts made at the step that failed (1 for steps that are not retried). */
  let attemptsMade = 1;
  let handle: WorkingCopyHandle | undefined;

  /** Runs a step that is safe to repeat, retrying network failures with backoff. */
  const repeatable = async <T>(what: string, step: () => Promise<T>): Promise<T> => {
    stage = what;
    for (let attempt = 1; ; attempt++) {
      attemptsMade = attempt;
      try {
        return await step();
      } catch (error) {
        const classified = classifyError(error);
        if (!classified || !isRetryable(classified) || attempt >= policy.attempts) throw classified ?? error;
        const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
        info(
          `Network problem while ${what} (${classified.message}); retrying in ${Math.round(delay / 100) / 10} s (attempt ${attempt + 1} of ${policy.attempts}).`,
        );
        await sleep(delay);
      }
    }
  };

  try {
    const gateway = options.gateway ?? (await (options.createGateway ?? defaultGateway)(token, (text) => info(text)));
    const branchLabel = options.branch ?? 'the default branch';
    handle = await repeatable(`creating a temporary working copy of app ${options.appId} (${branchLabel})`, () =>
      gateway.openWorkingCopy(options.appId, options.branch),
    );
    const wc = handle;
    progress.done(`created temporary working copy ${wc.workingCopyId} of branch ${wc.branch}`);
    const model = await repeatable('opening the working copy model', () => wc.model());
    const mendixVersion = appMendixVersion(model);

    stage = 'checking the app version';
    attemptsMade = 1;
    if (!appMeetsSpecVersion(model, options.spec)) {
      throw new UserError(
        `App ${options.appId} (branch ${wc.branch}) uses Mendix ${mendixVersion}, but the ${moduleName} module needs Mendix ${options.spec.module.mendixVersion} or newer. Nothing was changed.`,
        `Upgrade the app to Mendix ${options.spec.module.mendixVersion} or newer in Studio Pro and commit, then run again; or generate the package offline (without --app-id).`,
      );
    }

    stage = `updating module ${moduleName} in the working copy`;
    attemptsMade = 1;
    let report: SyncReport;
    try {
      report = await syncModule(model, options.spec, options.index, { force: options.force });
      await model.flushChanges();
    } catch (error) {
      if (error instanceof ForeignModuleError) {
        throw new UserError(
          `App ${options.appId} already has a module named ${moduleName} that mendix-connector did not generate (its domain model documentation has no mendix-connector marker). Nothing was changed.`,
          `Rename or delete that module in Studio Pro, or run again with --force to update it: elements named as in the spec are overwritten, everything else in the module is kept. (A module imported from an offline package has no marker either; --force adopts it once.)`,
        );
      }
      throw error;
    }
    progress.done(`${report.action} module ${moduleName} in the working copy`);

    let uploaded = 0;
    for (const file of options.javaFiles) {
      await repeatable(`uploading ${file.path}`, () => wc.putFile(file.path, file.bytes));
      uploaded++;
    }
    if (options.javaFiles.length > 0) progress.done(`uploaded ${uploaded} Java source file${uploaded === 1 ? '' : 's'}`);

    stage = `committing to branch ${wc.branch}`;
    attemptsMade = 1;
    progress.committing = true;
    const message = options.message ?? `Update ${moduleName} ${options.spec.module.version} (generated by mendix-connector)`;
    await wc.commit(message);
    progress.committing = false;
    progress.committed = true;
    progress.done(`committed to branch ${wc.branch}`);

    let exportFile: string | null = null;
    if (options.exportFile !== undefined) {
      const bytes = await repeatable(`exporting module ${moduleName}`, () => wc.exportModulePackage(moduleName));
      exportFile = resolve(options.exportFile);
      stage = `writing ${exportFile}`;
      try {
        mkdirSync(dirname(exportFile), { recursive: true });
        writeFileSync(exportFile, bytes);
      } catch (error) {
        throw new UserError(
          `Cannot write the module package to ${exportFile}: ${error instanceof Error ? error.message : String(error)}`,
          `The commit was made; check that the folder can be written to and run again with --export (the module is updated in place).`,
        );
      }
      progress.done(`exported the module package to ${exportFile}`);
    }

    const result: PlatformPushResult = {
      appId: options.appId,
      branch: wc.branch,
      module: moduleName,
      mendixVersion,
      report,
      filesUploaded: uploaded,
      committed: true,
      exportFile,
    };
    printResult(result, options.json === true, out, safe);
    return EXIT_OK;
  } catch (error) {
    throw toUserFacing(error, { appId: options.appId, branch: options.branch, stage, progress, attempts: attemptsMade, safe });
  } finally {
    if (handle) await handle.close();
  }
}

function printResult(result: PlatformPushResult, json: boolean, out: Output, safe: (text: string) => string): void {
  if (json) {
    out.json(JSON.parse(safe(JSON.stringify({ action: 'pushed', ...result }))) as unknown);
    return;
  }
  const { report } = result;
  out.result(
    safe(
      `${report.action === 'created' ? 'Created' : 'Updated'} module ${result.module} in app ${result.appId} (branch ${result.branch}, Mendix ${result.mendixVersion}) and committed.`,
    ),
  );
  const list = (label: string, items: readonly string[]): void => {
    if (items.length === 0) return;
    out.result(`  ${label} (${items.length}):`);
    for (const item of items) out.result(`    ${safe(item)}`);
  };
  list('added', report.added);
  if (report.updated.length > 0) out.result(`  updated in place: ${report.updated.length} element${report.updated.length === 1 ? '' : 's'}`);
  list('removed (no longer in the spec)', report.removed);
  list('kept (added by users, not generated)', report.keptUserElements);
  out.result(`  Java sources uploaded: ${result.filesUploaded}`);
  if (result.exportFile) out.result(safe(`  module package: ${result.exportFile}`));
}

/** What has been done so far, for the message when a step fails. */
class Progress {
  readonly steps: string[] = [];
  committing = false;
  committed = false;
  done(step: string): void {
    this.steps.push(step);
  }
  describe(): string {
    const done = this.steps.length === 0 ? 'nothing' : this.steps.join('; ');
    let state: string;
    if (this.committed) state = 'The commit was made, so the app has the updated module.';
    else if (this.committing) state = 'The commit was sent but not confirmed: check the branch history in the Mendix Portal.';
    else state = 'Nothing was committed, so the app is unchanged.';
    return `Done: ${done}. ${state} Running the command again is safe: it updates the module in place.`;
  }
}

interface FailureContext {
  readonly appId: string;
  readonly branch: string | undefined;
  readonly stage: string;
  readonly progress: Progress;
  readonly attempts: number;
  readonly safe: (text: string) => string;
}

function toUserFacing(error: unknown, context: FailureContext): Error {
  const { safe } = context;
  if (error instanceof UserError) return new UserError(safe(error.message), error.hint === undefined ? undefined : safe(error.hint));
  const platform = error instanceof PlatformError ? error : classifyError(error);
  if (!platform) {
    // A fault of the tool: keep it an internal error, but never let the token through.
    const internal = new Error(safe(error instanceof Error ? error.message : String(error)));
    if (error instanceof Error && error.stack) internal.stack = safe(error.stack);
    return internal;
  }
  const detail = safe(platform.message);
  const progress = context.progress.describe();
  switch (platform.kind) {
    case 'auth':
      return new UserError(
        `The Mendix platform rejected the personal access token in MENDIX_TOKEN while ${context.stage} (${detail}).`,
        `Check that the token is current and has the model repository read and write scopes, and that its user is a member of app ${context.appId}; create a new one in the Mendix Portal (User Settings > Developer Settings > Personal Access Tokens) if needed. ${progress}`,
      );
    case 'app-not-found':
      return new UserError(
        `No Mendix app with id ${context.appId} was found (${detail}).`,
        `Use the App ID from the app's General settings in the Mendix Portal, and check that the token's user is a member of the app. ${progress}`,
      );
    case 'branch-not-found':
      return new UserError(
        `App ${context.appId} has no branch ${context.branch ?? '(default)'} (${detail}).`,
        `Name an existing branch with --branch: "main" is the default of Git apps, "trunk" of Subversion apps, other Subversion branches are "branches/<name>". ${progress}`,
      );
    case 'network':
      return new UserError(
        context.progress.committing
          ? `Network failure while ${context.stage}; a commit is not retried because its outcome is unknown (${detail}).`
          : `Network failure while ${context.stage}; gave up after ${context.attempts} attempt${context.attempts === 1 ? '' : 's'} (${detail}).`,
        `Check the connection to the Mendix platform (model.api.mendix.com, repository.api.mendix.com) and run again. ${progress}`,
      );
    case 'unknown':
      return new UserError(`The Mendix platform reported an error while ${context.stage}: ${detail}`, progress);
  }
}
