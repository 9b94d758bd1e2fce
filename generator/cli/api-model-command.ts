import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { ApiModelFile } from '../aws/api-model-types.js';
import { serializeApiModel } from '../aws/extract-api-model.js';
import {
  addJavaNumberTypes,
  DEFAULT_JAVA_SDK_VERSION,
  JavaNumberTypesError,
  JavaToolsUnavailableError,
  javaUnavailable,
  resolveJavaSdkJars,
} from '../aws/java-number-types.js';
import { namedServiceModel } from '../aws/named-service.js';
import { MavenResolveError } from '../java/maven.js';
import { displayPath } from '../load/load-spec.js';
import { EXIT_OK, UserError } from './exit-codes.js';
import type { Output } from './output.js';

export interface ApiModelArgs {
  /** The package suffix (`sqs`), or the package name itself. */
  service: string;
  /** Write the model here instead of to stdout. */
  out?: string | undefined;
  /** Replace an `out` file whose content differs. */
  force: boolean;
  javaNumberTypes: boolean;
  javaSdkVersion?: string | undefined;
  json: boolean;
}

/** What the Java number type step did, for the summary. */
interface JavaNumberSummary {
  added: boolean;
  javaSdkVersion?: string;
  /** Members that got a width. */
  members?: number;
  unmatched?: string[];
  /** Why no widths were added. */
  reason?: string;
}

function countWidths(model: ApiModelFile): number {
  let count = 0;
  for (const shape of Object.values(model.shapes)) {
    if (shape.type === 'structure' || shape.type === 'union') for (const member of Object.values(shape.members)) if (member.javaNumber) count++;
  }
  return count;
}

/** Adds the Java number widths; without a JDK or Maven, says so and keeps the model as it is. */
function withJavaNumberTypes(model: ApiModelFile, version: string, out: Output): { model: ApiModelFile; summary: JavaNumberSummary } {
  const keep = (reason: string) => {
    out.error(`warning: ${reason}\n  The model keeps "number" without Java widths.`);
    return { model, summary: { added: false, reason } };
  };
  const noJava = javaUnavailable();
  if (noJava) return keep(new JavaToolsUnavailableError(noJava).message);
  let jars: string[];
  try {
    jars = resolveJavaSdkJars(model, version);
  } catch (error) {
    if (error instanceof JavaToolsUnavailableError) return keep(error.message);
    if (error instanceof MavenResolveError) {
      throw new UserError(error.message, `Check --java-sdk-version (${version}) and that Maven Central can be reached. Nothing was written.`);
    }
    throw error;
  }
  try {
    const result = addJavaNumberTypes(model, jars);
    for (const line of result.classesNotFound) out.error(`warning: no Java class for ${line}`);
    for (const line of result.unmatched) out.error(`warning: no Java width for ${line}`);
    if (result.unmatched.length > 0) {
      out.error(
        `  ${result.unmatched.length} number member(s) have no getter in the AWS SDK for Java ${version} (newer than that release, left out of the Java SDK, or named otherwise there); they keep no "javaNumber".`,
      );
    }
    return {
      model: result.model,
      summary: { added: true, javaSdkVersion: result.model.javaSdkVersion ?? version, members: countWidths(result.model), unmatched: result.unmatched },
    };
  } catch (error) {
    if (error instanceof JavaToolsUnavailableError) return keep(error.message);
    if (error instanceof JavaNumberTypesError)
      throw new UserError(error.message, 'Nothing was written; report this, the Java SDK and the JavaScript SDK disagree on these members.');
    throw error;
  }
}

/** Writes the file atomically (a temporary file renamed into place); returns whether it changed. */
function writeModel(file: string, text: string, force: boolean): 'created' | 'updated' | 'unchanged' {
  const exists = existsSync(file);
  if (exists && statSync(file).isDirectory()) {
    throw new UserError(`--out ${displayPath(file)} is a folder.`, 'Name the file to write, for example spec/api/aws-<service>.api.json.');
  }
  if (exists) {
    if (readFileSync(file, 'utf8') === text) return 'unchanged';
    if (!force) {
      throw new UserError(
        `${displayPath(file)} exists and differs from the extracted model; nothing was written.`,
        'Keep a copy if you changed it by hand, then run again with --force to replace it (or choose another --out file).',
      );
    }
  }
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserError(`Cannot write ${displayPath(file)}: ${reason}`, 'Check that the folder can be created and written to; nothing was written.');
  }
  return exists ? 'updated' : 'created';
}

/**
 * `api-model <service>`: extract the normalized API model of an installed `@aws-sdk/client-<service>`
 * package, optionally with the Java number widths, to stdout or to `--out` (never replacing a file
 * that differs without --force).
 */
export function runApiModel(args: ApiModelArgs, out: Output): number {
  const extracted = namedServiceModel(args.service);
  const version = args.javaSdkVersion ?? DEFAULT_JAVA_SDK_VERSION;
  const { model, summary: java } = args.javaNumberTypes ? withJavaNumberTypes(extracted, version, out) : { model: extracted, summary: undefined };
  const text = serializeApiModel(model);
  const counts = `${Object.keys(model.operations).length} operations, ${Object.keys(model.shapes).length} shapes, ${Object.keys(model.enums).length} enums`;
  const source = `${model.sdkPackage} ${model.sdkVersion} (${model.protocol})`;
  const widths = java?.added ? `, Java number types from the AWS SDK for Java ${java.javaSdkVersion ?? version}` : '';

  if (args.out === undefined) {
    // The model itself is the machine-readable result, with or without --json.
    out.result(text.slice(0, -1));
    out.info(`Extracted ${counts} from ${source}${widths}.`);
    return EXIT_OK;
  }
  const file = resolve(args.out);
  const status = writeModel(file, text, args.force);
  if (args.json) {
    out.json({
      service: model.service,
      sdkPackage: model.sdkPackage,
      sdkVersion: model.sdkVersion,
      sdkId: model.sdkId,
      protocol: model.protocol,
      operations: Object.keys(model.operations).length,
      shapes: Object.keys(model.shapes).length,
      enums: Object.keys(model.enums).length,
      out: displayPath(file),
      status,
      ...(java ? { javaNumberTypes: java } : {}),
    });
  } else {
    const verb = status === 'unchanged' ? 'Unchanged' : status === 'created' ? 'Wrote' : 'Updated';
    out.result(`${verb} ${displayPath(file)}: ${counts} from ${source}${widths}.`);
  }
  return EXIT_OK;
}
