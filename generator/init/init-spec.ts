/**
 * `init`: a complete, documented starting spec for chosen operations of an AWS service, made from
 * the service's API model (extracted from its installed SDK package, with the Java number widths
 * when Java and Maven are there) and the API's documentation. This module decides what is written
 * and writes it: the spec, and the API model file next to it (`<dir>/api/aws-<service>.api.json`,
 * which the spec names as service.apiModel) unless that file already holds the same model. Nothing
 * that exists is replaced without `force`; both files are written atomically (a temporary file
 * flushed and renamed into place), the model first, so a spec never names a model that is not there.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { ApiModel } from '../aws/api-model.js';
import type { ApiModelFile } from '../aws/api-model-types.js';
import { normalizeServiceName, serializeApiModel } from '../aws/extract-api-model.js';
import { namedServiceModel } from '../aws/named-service.js';
import { addJavaNumberTypes, DEFAULT_JAVA_SDK_VERSION, javaSdkArtifact, resolveJavaSdkJars } from '../aws/java-number-types.js';
import { sdkRegions } from '../aws/regions.js';
import { UserError } from '../cli/exit-codes.js';
import { displayPath } from '../load/load-spec.js';
import { SCHEMA_FILE } from '../paths.js';
import { marketplaceCollision, moduleNameProblem } from '../spec/module-name.js';
import { closestNames } from '../spec/suggest.js';
import { nodeWriteFs, writeNewFile, type WriteFs } from '../write/write-fs.js';
import { readApiDocs, type ApiDocs } from './api-docs.js';
import { CaseBuilder } from './cases.js';
import { REGION_ENUMERATION } from './client-elements.js';
import { endpointContextParameters } from './endpoint-params.js';
import { documentationText } from './html-text.js';
import { iamPrefixOf } from './iam-prefix.js';
import { javaGaps } from './java-members.js';
import { buildSpec, defaultModuleName, type DraftSpec } from './spec-builder.js';
import { specYaml } from './spec-yaml.js';

/** Resolves the jars of the service's AWS SDK for Java module (with what it needs) at a version. */
export type JavaJarResolver = (model: ApiModelFile, version: string) => string[];

export interface InitOptions {
  /** The service as the user names it: the package suffix (`sqs`), or the package's name. */
  service: string;
  /** API operations to write; undefined lists the service's operations instead. */
  operations?: readonly string[];
  moduleName?: string;
  /** The spec file to write (default: `aws-<service>.connector.yaml` in the current folder). */
  out?: string;
  force: boolean;
  /**
   * Map the input's structures, lists of structures and maps to associated request objects, and its
   * lists of strings to joined text (the plan's request associations); without, they are left out.
   */
  requestAssociations: boolean;
  /** Read the Java number widths from the AWS SDK for Java jars (needs Java and Maven). Default: true. */
  javaNumberTypes?: boolean;
  /** How the jars are found (default: Maven, generator/aws/java-number-types.ts). */
  resolveJars?: JavaJarResolver;
  /** The file-system calls that write (tests replace them). */
  fs?: WriteFs;
}

export interface OperationListing {
  service: string;
  sdkPackage: string;
  sdkVersion: string;
  protocol: string;
  operations: Array<{ name: string; documentation: string }>;
}

export type FileStatus = 'created' | 'replaced' | 'unchanged';

export interface InitResult {
  service: string;
  sdkPackage: string;
  sdkVersion: string;
  protocol: string;
  module: string;
  specFile: string;
  specStatus: FileStatus;
  apiModelFile: string;
  apiModelStatus: FileStatus;
  operations: string[];
  /** Whether the number members carry their Java widths (without, request numbers are left out). */
  javaNumberTypes: boolean;
  warnings: string[];
}

/** What init computed before writing: the texts and where they go. */
export interface InitPlan {
  result: Omit<InitResult, 'specStatus' | 'apiModelStatus'>;
  specText: string;
  apiModelText: string;
  draft: DraftSpec;
}

/** The service's operations with the first sentence of their documentation, for choosing. */
export function listOperations(model: ApiModelFile, docs: ApiDocs = readApiDocs(model)): OperationListing {
  const api = new ApiModel(model);
  return {
    service: model.service,
    sdkPackage: model.sdkPackage,
    sdkVersion: model.sdkVersion,
    protocol: model.protocol,
    operations: api.operationNames().map((name) => ({ name, documentation: documentationText(docs.operation(name), { sentences: 1, characters: 110 }) })),
  };
}

/** The operations the user named, checked against the model: unknown ones with suggestions, repeats refused. */
export function checkOperations(model: ApiModel, names: readonly string[]): string[] {
  const known = model.operationNames();
  const problems: string[] = [];
  const seen = new Set<string>();
  const chosen: string[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (name === '') continue;
    if (seen.has(name)) {
      problems.push(`"${name}" is named twice.`);
      continue;
    }
    seen.add(name);
    if (model.operation(name)) {
      chosen.push(name);
      continue;
    }
    const close = closestNames(name, known);
    problems.push(`${model.sdkId} has no operation "${name}"${close.length > 0 ? `; did you mean ${close.map((c) => `"${c}"`).join(' or ')}?` : '.'}`);
  }
  if (problems.length > 0) {
    throw new UserError(
      problems.join('\n  '),
      `Operations are named as in the API (case matters). Run "mendix-connector init --service ${model.service}" to list all ${known.length}.`,
    );
  }
  if (chosen.length === 0)
    throw new UserError('--operations names no operation.', `Name one or more, comma-separated, e.g. --operations ${known.slice(0, 2).join(',')}.`);
  return chosen;
}

/**
 * The structures whose Java class the jars lack, from the number widths' unmatched members
 * (`Shape.Member: no class <class>`): the AWS SDK for Java renames a few shapes (one named like a
 * java.lang class, for one), which the Java generator cannot know, so init leaves them out.
 */
export function shapesWithoutJavaClass(unmatched: readonly string[], model: ApiModelFile, classesNotFound: readonly string[] = []): Set<string> {
  // Structures the jars have no class for under any name (`Shape: no class ...`).
  const shapes = new Set<string>(classesNotFound.map((line) => line.slice(0, line.indexOf(':'))));
  const operationSides = new Set(Object.values(model.operations).flatMap((o) => [o.input, o.output]));
  for (const line of unmatched) {
    const match = /^([^.:]+)\.[^:]+: .*\bno class\b/.exec(line);
    // Operation inputs and outputs have classes named after the operation; only other structures count.
    if (match && !operationSides.has(match[1] as string)) shapes.add(match[1] as string);
  }
  return shapes;
}

interface JavaFacts {
  /** The model, with the Java number widths when they could be read. */
  model: ApiModelFile;
  missingJavaClasses: Set<string>;
  missingJavaMembers: Set<string>;
  /** Operations the AWS SDK for Java has no request or response class for. */
  missingOperations: Set<string>;
  warning?: string;
}

/**
 * What the AWS SDK for Java jars say about the model: the number widths, and the members and
 * structures the Java generator would name otherwise than the jars do. Without Java or Maven, the
 * model as it is, with the reason.
 */
function javaFacts(model: ApiModelFile, operations: readonly string[], options: InitOptions): JavaFacts {
  const none = { model, missingJavaClasses: new Set<string>(), missingJavaMembers: new Set<string>(), missingOperations: new Set<string>() };
  if (options.javaNumberTypes === false) return { ...none, warning: 'Java number types were not read (turned off): request numbers are left out.' };
  const resolveJars = options.resolveJars ?? resolveJavaSdkJars;
  let jars: string[];
  let widths: ReturnType<typeof addJavaNumberTypes>;
  try {
    jars = resolveJars(model, DEFAULT_JAVA_SDK_VERSION);
    widths = addJavaNumberTypes(model, jars);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ...none,
      warning: `The Java number types could not be read from the AWS SDK for Java ${DEFAULT_JAVA_SDK_VERSION} (${reason}); number members of requests are left out, those of responses become Long.`,
    };
  }
  const facts: JavaFacts = { ...none, model: widths.model, missingJavaClasses: shapesWithoutJavaClass(widths.unmatched, model, widths.classesNotFound) };
  try {
    const gaps = javaGaps(new ApiModel(widths.model), operations, jars);
    for (const shape of gaps.classes) facts.missingJavaClasses.add(shape);
    facts.missingJavaMembers = gaps.members;
    facts.missingOperations = gaps.operations;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    facts.warning = `The members could not be checked against the AWS SDK for Java ${DEFAULT_JAVA_SDK_VERSION} (${reason}); a member newer than that release would not compile.`;
  }
  return facts;
}

function headerComments(model: ApiModelFile, specFile: string, operations: readonly string[], javaWidths: boolean): string[] {
  const schema = relative(dirname(specFile), SCHEMA_FILE).split(sep).join('/');
  return [
    `yaml-language-server: $schema=${schema}`,
    '',
    `A starting spec for ${model.sdkId} (${model.protocol}), written by mendix-connector init --service ${model.service}`,
    `  --operations ${operations.join(',')}`,
    `from ${model.sdkPackage} ${model.sdkVersion} and its API documentation. Check before you generate:`,
    "- documentation: the first sentences of the API reference; reword them for your app's developers;",
    '- String lengths: the API model has no length constraints, so texts are unlimited (ARNs: 2,048);',
    '- permissions: IAM actions named after the API actions; a few services name an action otherwise;',
    '- enumerations: a value AWS adds later reads as the value marked newerValues (NewerValue), which cannot be sent;',
    '- members left out are listed in the documentation of their entity ("Not mapped: ...");',
    ...(javaWidths ? [] : ['- numbers: the Java number types were not read, so request numbers are left out (run init with Java);']),
    '- the conformance cases: samples made from the API shapes (see the comment above each).',
    'Validate with "mendix-connector validate <file>", generate with "mendix-connector generate <file>".',
  ];
}

/** The spec file: --out, else `aws-<service>.connector.yaml` in the current folder. */
export function specFileOf(out: string | undefined, service: string): string {
  return resolve(out ?? `aws-${service}.connector.yaml`);
}

/** Everything init writes, computed in memory. */
export function planInit(options: InitOptions & { operations: readonly string[] }): InitPlan {
  const extracted = namedServiceModel(options.service);
  const chosen = checkOperations(new ApiModel(extracted), options.operations);
  const moduleName = options.moduleName ?? defaultModuleName(extracted.sdkId);
  const nameProblem = moduleNameProblem(moduleName);
  if (nameProblem) throw new UserError(nameProblem, 'Choose another --module name.');
  const warnings: string[] = [];
  const collision = marketplaceCollision(moduleName);
  if (collision) warnings.push(`Module ${moduleName} has the name of ${collision.what}; importing it into an app that has that module replaces it.`);

  const widths = javaFacts(extracted, chosen, options);
  if (widths.warning) warnings.push(widths.warning);
  if (widths.missingOperations.size > 0) {
    const names = [...widths.missingOperations];
    throw new UserError(
      `The AWS SDK for Java ${DEFAULT_JAVA_SDK_VERSION} has no request or response class for ${names.join(', ')}, so no Java action can call ${names.length === 1 ? 'it' : 'them'}.`,
      'Leave these operations out of --operations (the Java SDK leaves some operations out, and a newer one may not be in that release yet).',
    );
  }
  const modelFile = widths.model;
  const model = new ApiModel(modelFile);
  const docs = readApiDocs(modelFile);
  const iam = iamPrefixOf(modelFile);
  if (!iam.fromSdk)
    warnings.push(`The IAM prefix of ${modelFile.sdkId} could not be read from its SDK package; the permissions use "${iam.prefix}", check them.`);

  const specFile = specFileOf(options.out, modelFile.service);
  const apiModelPath = `api/aws-${modelFile.service}.api.json`;
  const regions = sdkRegions();
  const draft = buildSpec({
    model,
    docs,
    operations: chosen,
    moduleName,
    iamPrefix: iam.prefix,
    javaArtifact: javaSdkArtifact(modelFile).artifactId,
    javaSdkVersion: DEFAULT_JAVA_SDK_VERSION,
    apiModelPath,
    regions,
    requestAssociations: options.requestAssociations,
    missingJavaClasses: widths.missingJavaClasses,
    missingJavaMembers: widths.missingJavaMembers,
  });
  warnings.push(...draft.warnings);
  const regionEnum = draft.spec.enumerations.find((e) => e.name === REGION_ENUMERATION);
  const region = regionEnum?.values.find((v) => v.apiValue === 'us-east-1') ?? regionEnum?.values[0];
  const cases = new CaseBuilder(model, draft.spec.enumerations, region?.name ?? '', endpointContextParameters(modelFile));
  for (const operation of draft.operations) {
    operation.spec.cases = [cases.caseOf(operation)];
    operation.remarks.push(...cases.leftOutNotes(operation));
  }

  const specText = specYaml(draft.spec, {
    header: headerComments(modelFile, specFile, chosen, modelFile.javaSdkVersion !== undefined),
    operations: new Map(draft.operations.map((o) => [o.spec.name, o.remarks])),
    cases: [
      'A sample case made from the API shapes: check its values, the request AWS receives and the answer',
      'against the API reference before you rely on it, and add cases of your own.',
    ],
  });
  return {
    result: {
      service: modelFile.service,
      sdkPackage: modelFile.sdkPackage,
      sdkVersion: modelFile.sdkVersion,
      protocol: modelFile.protocol,
      module: moduleName,
      specFile,
      apiModelFile: join(dirname(specFile), ...apiModelPath.split('/')),
      operations: chosen,
      javaNumberTypes: modelFile.javaSdkVersion !== undefined,
      warnings,
    },
    specText,
    apiModelText: serializeApiModel(modelFile),
    draft,
  };
}

/** What writing a file would do: create it, replace it (only with force), or leave it as it is. */
function fileStatus(file: string, text: string, force: boolean, what: string, unchangedOk: boolean): FileStatus {
  if (!existsSync(file)) return 'created';
  if (statSync(file).isDirectory()) throw new UserError(`${displayPath(file)} is a folder.`, `Name the ${what} file to write with --out.`);
  if (unchangedOk && readFileSync(file, 'utf8') === text) return 'unchanged';
  if (!force) {
    throw new UserError(
      `${displayPath(file)} exists and differs from the ${what} init would write; init does not replace it without --force. Nothing was written.`,
      'Keep a copy if you changed it, then run again with --force, or write the spec into another folder with --out.',
    );
  }
  return 'replaced';
}

/** Writes a file atomically: a temporary file next to it, flushed, then renamed over it. */
function writeAtomically(fs: WriteFs, file: string, text: string): void {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.init.tmp`);
  try {
    mkdirsFor(fs, dirname(file));
    writeNewFile(fs, temporary, new TextEncoder().encode(text));
    fs.renameSync(temporary, file);
  } catch (error) {
    try {
      if (existsSync(temporary)) fs.unlinkSync(temporary);
    } catch {
      // The temporary file stays; the next run's name differs by process id.
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserError(`Cannot write ${displayPath(file)}: ${reason}`, 'Check that the folder can be created and written to.');
  }
}

function mkdirsFor(fs: WriteFs, dir: string): void {
  if (existsSync(dir)) return;
  mkdirsFor(fs, dirname(dir));
  fs.mkdirSync(dir);
}

/** Writes what planInit computed: the API model first (unless it holds the same model), then the spec. */
export function writeInit(plan: InitPlan, force: boolean, fs: WriteFs = nodeWriteFs): InitResult {
  const { result } = plan;
  // The spec is a user's file once written: it is never replaced without force, even by the same text.
  checkSpecTarget(result.specFile, force);
  const specStatus = fileStatus(result.specFile, plan.specText, force, 'spec', false);
  const apiModelStatus = fileStatus(result.apiModelFile, plan.apiModelText, force, 'API model', true);
  if (apiModelStatus !== 'unchanged') writeAtomically(fs, result.apiModelFile, plan.apiModelText);
  writeAtomically(fs, result.specFile, plan.specText);
  return { ...result, specStatus, apiModelStatus };
}

/** Refuses an existing spec file before any work, unless `force`. */
export function checkSpecTarget(file: string, force: boolean): void {
  if (!existsSync(file)) return;
  if (statSync(file).isDirectory()) throw new UserError(`${displayPath(file)} is a folder.`, 'Name the spec file to write with --out.');
  if (!force) {
    throw new UserError(
      `${displayPath(file)} exists; init does not replace it without --force. Nothing was written.`,
      'Keep a copy if you changed it, then run again with --force, or choose another --out file.',
    );
  }
}

/** `init` as a whole: plan, then write. */
export function runInitSpec(options: InitOptions & { operations: readonly string[] }): InitResult {
  const service = normalizeServiceName(options.service);
  if (service !== undefined) checkSpecTarget(specFileOf(options.out, service), options.force);
  return writeInit(planInit(options), options.force, options.fs);
}
