import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { generateModule } from '../generate.js';
import { displayPath } from '../load/load-spec.js';
import { formatCount } from '../spec/format-count.js';
import { formatJavaWriteReport, javaKnownTargets, planJavaSources, type JavaWriteReport } from '../java/java-out.js';
import { copyJars, MavenResolveError, MavenUnavailableError } from '../java/maven.js';
import { renderJavaSources } from '../java/render-java.js';
import { marketplaceCollision, moduleNameProblem, renameModule } from '../spec/module-name.js';
import { AWS_AUTHENTICATION_VERSIONS, credentialSourceOf, withAwsAuthentication } from '../spec/aws-authentication.js';
import { SpecIndex } from '../spec/spec-index.js';
import type { CredentialSource } from '../spec/types.js';
import type { ConnectorSpec } from '../spec/types.js';
import { FolderLocks, LockBusyError } from '../write/folder-lock.js';
import { commitWrites, hasJournal, recoverFolder, RecoveryError, WriteFailure } from '../write/transaction.js';
import type { WriteFs } from '../write/write-fs.js';
import { manifestPaths, MANIFEST_NAME, outputWrites, planOutputs, type OutputFile, type PlannedFile } from '../write/write-outputs.js';
import { EXIT_BAD_INPUT, EXIT_OK, UserError } from './exit-codes.js';
import type { Output } from './output.js';
import { validateForCommand } from './validate-command.js';

export interface GenerateArgs {
  spec: string;
  out: string;
  mendixVersion?: string | undefined;
  dryRun: boolean;
  check: boolean;
  force: boolean;
  json: boolean;
  /** Push into this Mendix app instead of writing files (mendixplatformsdk, token in MENDIX_TOKEN). */
  appId?: string | undefined;
  branch?: string | undefined;
  message?: string | undefined;
  exportFile?: string | undefined;
  /** Also write the Java sources into this existing app's javasource folder. */
  javaOut?: string | undefined;
  /** Put the resolved Java libraries into the package's vendorlib/ folder. */
  bundleJars?: boolean | undefined;
  /** Generate the module under this name (and its Java package in lower case) instead of the spec's. */
  moduleName?: string | undefined;
  /** Overrides the spec's client.credentialSource. */
  credentialSource?: CredentialSource | undefined;
}

/**
 * The module's Java libraries with what they need, resolved from Maven Central as Studio Pro would,
 * as `vendorlib/<jar>` files (sorted, as Studio Pro's own exports list them).
 */
function vendorJars(spec: ConnectorSpec): OutputFile[] {
  const dir = mkdtempSync(join(tmpdir(), 'mendix-connector-vendorlib-'));
  try {
    const names = copyJars(spec.module.javaDependencies, dir);
    return names.map((name) => ({ path: `vendorlib/${name}`, bytes: new Uint8Array(readFileSync(join(dir, name))) }));
  } catch (error) {
    if (error instanceof MavenUnavailableError)
      throw new UserError(error.message, 'Without --bundle-jars the package declares the libraries and Studio Pro resolves them itself. Nothing was written.');
    if (error instanceof MavenResolveError)
      throw new UserError(error.message, "Check the javaDependencies coordinates and the machine's access to Maven Central. Nothing was written.");
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function describe(file: PlannedFile): string {
  const size = `${formatCount(file.bytes)} bytes`;
  switch (file.status) {
    case 'create':
      return `create    ${file.path} (${size})`;
    case 'update':
      return `update    ${file.path} (${size})`;
    case 'unchanged':
      return `unchanged ${file.path}`;
    case 'conflict':
      return `conflict  ${file.path}: ${file.reason ?? 'changed outside mendix-connector'}`;
  }
}

/** The javasource folder `--java-out` names, checked before anything is written. */
function checkJavaOut(javaOut: string): string {
  const javasource = resolve(javaOut);
  if (basename(javasource) !== 'javasource' || !existsSync(javasource)) {
    throw new UserError(
      `--java-out must name the javasource folder of an existing Mendix app; ${displayPath(javasource)} is not one.`,
      "Pass <app folder>/javasource, the folder Studio Pro keeps the app's Java code in.",
    );
  }
  return javasource;
}

/** The calls that change the disk, for tests that make them fail (a full disk); node:fs otherwise. */
export interface GenerateIo {
  fs?: WriteFs;
}

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

/** Lists paths for a message, the first few of many. */
function listPaths(paths: readonly string[]): string {
  const shown = paths.slice(0, 8).map(displayPath);
  return paths.length > shown.length ? `${shown.join(', ')} and ${paths.length - shown.length} more` : shown.join(', ');
}

/** A failed write as the user needs to hear it: where, why, and exactly what was and was not written. */
function writeFailureError(failure: WriteFailure, outDir: string, javasource: string | undefined): UserError {
  const where = displayPath(outDir);
  const inJava = javasource !== undefined && failure.target !== undefined && (failure.target + sep).startsWith(javasource + sep);
  const subject = inJava ? `Cannot write the Java sources into ${displayPath(javasource)}` : `Cannot write to ${where}/`;
  if (failure.phase === 'stage') {
    const check = inJava ? 'Check that the javasource folder is writable' : 'Check that the output folder can be created and written to';
    const unchanged = javasource === undefined ? `${where}/ did not change` : `neither ${where}/ nor ${displayPath(javasource)} changed`;
    const outcome =
      failure.leftovers.length === 0
        ? `nothing was written (${unchanged})`
        : `no file was replaced, but ${plural(failure.leftovers.length, 'temporary file')} could not be removed (${listPaths(failure.leftovers)}); the next generate removes them`;
    const file = failure.target === undefined ? '' : `${displayPath(failure.target)}: `;
    return new UserError(`${subject}: ${file}${failure.message}`, `${check}; ${outcome}.`);
  }
  const total = failure.replaced.length + failure.notReplaced.length;
  return new UserError(
    `${subject}: renaming ${displayPath(failure.target ?? '')} into place failed after ${failure.replaced.length} of ${total} files were replaced: ${failure.message}`,
    `Replaced: ${failure.replaced.length === 0 ? 'none' : listPaths(failure.replaced)}. Not replaced: ${listPaths(failure.notReplaced)}. ` +
      `The journal ${displayPath(failure.journal ?? '')} keeps the rest: the next generate finishes this write, or rolls it back, before anything else.`,
  );
}

function lockBusyError(error: LockBusyError): UserError {
  const pid = error.holder ? `process ${error.holder.pid}` : 'the process it names';
  return new UserError(
    error.message,
    `Nothing was written. Run again when the other run has finished; if ${pid} is no longer a mendix-connector run, delete ${error.lockFile}.`,
  );
}

/**
 * `generate`: validate, build everything in memory, then write it all or nothing. Files changed
 * since mendix-connector wrote them are never overwritten silently: that needs --force.
 */
export async function runGenerate(args: GenerateArgs, out: Output, io: GenerateIo = {}): Promise<number> {
  const checked = validateForCommand(args.spec, out, args.json);
  if (!checked.spec || !checked.index || !checked.api) return EXIT_BAD_INPUT;
  let validated = { ...checked, spec: checked.spec, index: checked.index, api: checked.api };
  if (args.moduleName !== undefined) {
    const problem = moduleNameProblem(args.moduleName);
    if (problem) throw new UserError(`--module-name: ${problem}`, 'Choose a module name that is a valid identifier. Nothing was written.');
    validated = { ...validated, ...renameModule(validated.spec, args.moduleName) };
  }
  if (credentialSourceOf(validated.spec, args.credentialSource) === 'awsAuthentication') {
    const spec = withAwsAuthentication(validated.spec);
    validated = { ...validated, spec, index: new SpecIndex(spec) };
    out.info(
      `note: module ${spec.module.name} takes its credentials, region and client settings from Mendix's AWS Authentication module (${AWS_AUTHENTICATION_VERSIONS}).\n  hint: install AWS Authentication from the Marketplace into the app before importing this package.`,
    );
  }
  const collision = marketplaceCollision(validated.spec.module.name);
  if (collision) {
    out.info(
      `warning: module name ${validated.spec.module.name} is also the name of ${collision.what}. Importing this package into an app that has that module makes Studio Pro offer to replace it, which breaks the microflows that use it.\n  hint: run with --module-name <another name> (its Java package follows in lower case) if your app has that module.`,
    );
  }
  if (args.appId !== undefined) {
    // Loaded on use: the offline path never needs the platform SDK.
    const { runPlatformPush } = await import('../platform/push.js');
    return runPlatformPush(
      {
        appId: args.appId,
        branch: args.branch,
        message: args.message,
        exportFile: args.exportFile,
        force: args.force,
        spec: validated.spec,
        index: validated.index,
        // The push builds the module in the app itself: of the offline output it needs only the Java.
        javaFiles: renderJavaSources(validated.spec, validated.index, validated.api),
        json: args.json,
      },
      out,
    );
  }
  const generated = await generateModule(validated.spec, validated.index, validated.api, {
    ...(args.mendixVersion ? { mendixVersion: args.mendixVersion } : {}),
    ...(args.bundleJars ? { vendorJars: vendorJars(validated.spec) } : {}),
  });
  const outDir = resolve(args.out);
  const where = displayPath(outDir);
  const report = (action: string, plan: PlannedFile[], extra: Record<string, unknown> = {}) => {
    if (args.json) out.json({ action, outDir: where, mendixVersion: generated.mendixVersion, files: plan, ...extra });
  };
  // --dry-run and --check change nothing, so they take no lock: they only say when a write was interrupted.
  const noteJournal = () => {
    if (hasJournal(outDir)) out.info(`note: ${where}/ holds the journal of an interrupted write; the next generate finishes it or rolls it back.`);
  };

  if (args.dryRun) {
    const plan = planOutputs(outDir, generated.outputs);
    report('dry-run', plan);
    if (!args.json) {
      out.result(`Would write to ${where}/ (Mendix ${generated.mendixVersion}):`);
      for (const file of plan) out.result(`  ${describe(file)}`);
    }
    noteJournal();
    return EXIT_OK;
  }
  if (args.check) {
    const plan = planOutputs(outDir, generated.outputs);
    const stale = plan.filter((f) => f.status !== 'unchanged');
    report('check', plan, { upToDate: stale.length === 0 });
    noteJournal();
    if (stale.length === 0) {
      if (!args.json) out.result(`${where}/ is up to date with ${displayPath(validated.specFile)}.`);
      return EXIT_OK;
    }
    for (const file of stale) out.error(`  ${describe(file)}`);
    out.error(
      `${where}/ is not what ${displayPath(validated.specFile)} generates (${stale.length} file${stale.length === 1 ? '' : 's'}). Run "mendix-connector generate" to update it.`,
    );
    return EXIT_BAD_INPUT;
  }

  // A wrong --java-out stops before anything is written, the output folder included.
  const javasource = args.javaOut === undefined ? undefined : checkJavaOut(args.javaOut);
  const app = javasource === undefined ? undefined : dirname(javasource);
  const createdOut = !existsSync(outDir);
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserError(`Cannot write to ${where}/: ${reason}`, 'Check that the output folder can be created and written to; nothing was written.');
  }
  const fs = io.fs ? { fs: io.fs } : {};
  // Everything from here to the last rename happens under the locks of both folders: a second run at
  // once must neither plan against files this one is replacing nor mix its files with this one's.
  const locks = new FolderLocks();
  let written = false;
  try {
    try {
      locks.lock(outDir);
      if (javasource !== undefined) locks.lock(javasource);
    } catch (error) {
      if (error instanceof LockBusyError) throw lockBusyError(error);
      throw error;
    }
    for (const notice of locks.notices) out.info(notice);
    const noticesShown = locks.notices.length;
    let javaNotices: string[] = [];
    try {
      const recovery = { locks, show: displayPath, ...fs };
      for (const message of recoverFolder(outDir, [...generated.outputs.map((f) => f.path), ...manifestPaths(outDir), MANIFEST_NAME], recovery))
        out.info(message);
      if (javasource !== undefined && app !== undefined) {
        javaNotices = recoverFolder(javasource, javaKnownTargets(app, generated.moduleFiles, validated.spec.module.javaPackage), recovery);
        for (const message of javaNotices) out.info(message);
      }
    } catch (error) {
      if (error instanceof LockBusyError) throw lockBusyError(error);
      if (error instanceof RecoveryError)
        throw new UserError(error.message, 'Nothing new was written. Remove the cause (permissions, a full disk) and run again.');
      throw error;
    } finally {
      // Locks of further folders an interrupted write had touched, taken during the recovery.
      for (const notice of locks.notices.slice(noticesShown)) out.info(notice);
    }

    const plan = planOutputs(outDir, generated.outputs);
    const conflicts = plan.filter((f) => f.status === 'conflict');
    if (conflicts.length > 0 && !args.force) {
      report('refused', plan);
      for (const file of conflicts) out.error(`  ${describe(file)}`);
      out.error(
        `Nothing was written: ${conflicts.length} file${conflicts.length === 1 ? ' was' : 's were'} changed outside mendix-connector.\n  hint: keep a copy of your changes, then run again with --force to overwrite them.`,
      );
      return EXIT_BAD_INPUT;
    }
    let javaReport: JavaWriteReport | undefined;
    let javaWrites: ReturnType<typeof planJavaSources>['writes'] = [];
    if (app !== undefined) {
      try {
        const javaPlan = planJavaSources(app, generated.moduleFiles, { javaPackage: validated.spec.module.javaPackage, force: args.force });
        javaReport = { ...javaPlan.report, notices: javaNotices };
        javaWrites = javaPlan.writes;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new UserError(`Cannot read the Java sources in ${displayPath(javasource ?? app)}: ${reason}`, 'Nothing was written.');
      }
    }
    // One transaction for both folders (a journal in each): the app's Java and the package change
    // together or not at all, and the output folder's manifest is the very last rename.
    try {
      commitWrites([...javaWrites, ...outputWrites(outDir, generated.outputs, plan, args.force)], { primary: outDir, ...fs });
    } catch (error) {
      if (error instanceof WriteFailure) throw writeFailureError(error, outDir, javasource);
      throw error;
    }
    written = true;
    report('written', plan, javaReport ? { javaOut: javaReport } : {});
    if (!args.json) {
      for (const file of plan) out.result(describe(file));
      if (javaReport) for (const line of formatJavaWriteReport(javaReport)) out.result(`javasource: ${line}`);
      if (javaReport && javaReport.keptUserCode.length > 0) {
        out.info(`Kept your edits in ${javaReport.keptUserCode.length} Java file(s) (listed above); run with --force to replace them with the generated code.`);
      }
      out.info(`Generated module ${validated.spec.module.name} for Mendix ${generated.mendixVersion} in ${where}/.`);
    }
    return EXIT_OK;
  } finally {
    locks.release();
    if (!written && createdOut) {
      try {
        // The folder this run created for nothing: only removed when empty, so never anything else.
        rmdirSync(outDir);
      } catch {
        // Not empty (a journal kept for the next run) or already gone.
      }
    }
  }
}
