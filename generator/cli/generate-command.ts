import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { generateModule } from '../generate.js';
import { displayPath } from '../load/load-spec.js';
import { formatCount } from '../spec/format-count.js';
import { formatJavaWriteReport, writeJavaSources, type JavaWriteReport } from '../java/java-out.js';
import { copyJars, MavenResolveError, MavenUnavailableError } from '../java/maven.js';
import { renderJavaSources } from '../java/render-java.js';
import type { ConnectorSpec } from '../spec/types.js';
import { planOutputs, writeOutputs, type OutputFile, type PlannedFile } from '../write/write-outputs.js';
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

/** Writes the Java sources into `<app>/javasource`, keeping the user's code sections (see generator/java). */
function writeJavaOut(javaOut: string, javaPackage: string, files: OutputFile[], force: boolean): JavaWriteReport {
  const javasource = resolve(javaOut);
  if (basename(javasource) !== 'javasource' || !existsSync(javasource)) {
    throw new UserError(
      `--java-out must name the javasource folder of an existing Mendix app; ${displayPath(javasource)} is not one.`,
      "Pass <app folder>/javasource, the folder Studio Pro keeps the app's Java code in.",
    );
  }
  try {
    return writeJavaSources(dirname(javasource), files, { javaPackage, force });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserError(`Cannot write the Java sources into ${displayPath(javasource)}: ${reason}`, 'Nothing was written; check that the folder is writable.');
  }
}

/**
 * `generate`: validate, build everything in memory, then write it all or nothing. Files changed
 * since mendix-connector wrote them are never overwritten silently: that needs --force.
 */
export async function runGenerate(args: GenerateArgs, out: Output): Promise<number> {
  const validated = validateForCommand(args.spec, out, args.json);
  if (!validated.spec || !validated.index || !validated.api) return EXIT_BAD_INPUT;
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
  const plan = planOutputs(outDir, generated.outputs);
  const where = displayPath(outDir);
  const report = (action: string, extra: Record<string, unknown> = {}) => {
    if (args.json) out.json({ action, outDir: where, mendixVersion: generated.mendixVersion, files: plan, ...extra });
  };

  if (args.dryRun) {
    report('dry-run');
    if (!args.json) {
      out.result(`Would write to ${where}/ (Mendix ${generated.mendixVersion}):`);
      for (const file of plan) out.result(`  ${describe(file)}`);
    }
    return EXIT_OK;
  }
  if (args.check) {
    const stale = plan.filter((f) => f.status !== 'unchanged');
    report('check', { upToDate: stale.length === 0 });
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
  const conflicts = plan.filter((f) => f.status === 'conflict');
  if (conflicts.length > 0 && !args.force) {
    report('refused');
    for (const file of conflicts) out.error(`  ${describe(file)}`);
    out.error(
      `Nothing was written: ${conflicts.length} file${conflicts.length === 1 ? ' was' : 's were'} changed outside mendix-connector.\n  hint: keep a copy of your changes, then run again with --force to overwrite them.`,
    );
    return EXIT_BAD_INPUT;
  }
  // The app's Java first: a wrong --java-out then stops before anything is written.
  const javaReport = args.javaOut === undefined ? undefined : writeJavaOut(args.javaOut, validated.spec.module.javaPackage, generated.moduleFiles, args.force);
  try {
    writeOutputs(outDir, generated.outputs, plan, args.force);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserError(`Cannot write to ${where}/: ${reason}`, 'Check that the output folder can be created and written to; nothing was written.');
  }
  report('written', javaReport ? { javaOut: javaReport } : {});
  if (!args.json) {
    for (const file of plan) out.result(describe(file));
    if (javaReport) for (const line of formatJavaWriteReport(javaReport)) out.result(`javasource: ${line}`);
    if (javaReport && javaReport.keptUserCode.length > 0) {
      out.info(`Kept your edits in ${javaReport.keptUserCode.length} Java file(s) (listed above); run with --force to replace them with the generated code.`);
    }
    out.info(`Generated module ${validated.spec.module.name} for Mendix ${generated.mendixVersion} in ${where}/.`);
  }
  return EXIT_OK;
}
