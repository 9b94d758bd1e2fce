/**
 * Adds to an API model the Java type of every number member (`javaNumber`: Integer, Long, Short,
 * Byte, Float or Double), read from the real AWS SDK for Java 2.x jars.
 *
 * Why: the JavaScript SDK's schemas give every Smithy number one "numeric" code, but the Java SDK's
 * getters and builder methods take exactly one boxed type, and a generator that picks the wrong one
 * writes Java that does not compile. Nothing in the JavaScript package says which, so the width is
 * asked of the Java SDK itself: a small probe (`java/NumberTypes.java`, started as a single-file
 * source program) prints, by reflection, the return type of the getter of each number member.
 *
 * The Java names come from `generator/java/java-names.ts` (the same the Java emitter uses). A member
 * whose class or getter the jars lack gets no width and is listed as unmatched: either the Java SDK
 * release is older than the JavaScript one (a newer `javaSdkVersion` has it), the Java SDK leaves the
 * operation out (Lambda's deprecated InvokeAsync), or a naming rule is wrong for that service. In the
 * model, a number member without `javaNumber` next to a `javaSdkVersion` therefore means "no such
 * getter in that Java SDK release", never "width unknown". A getter that exists but returns no
 * number, or two Java classes of one shape that disagree, stop the step instead.
 */
import { spawnSync } from 'node:child_process';
import { basename, delimiter, join } from 'node:path';
import { JAVA_NUMBER_TYPES, type ApiModelFile, type ApiShape, type JavaNumberType, type TypeRef } from './api-model-types.js';
import { sdkMemberName, sdkOperationClass, sdkServiceName, sdkServicePackage, sdkShapeClass } from '../java/java-names.js';
import { MavenUnavailableError, resolveClasspath, type MavenCoordinate } from '../java/maven.js';
import { PACKAGE_ROOT } from '../paths.js';

/** The AWS SDK for Java release the widths are read from unless told otherwise (the one the naming tests use). */
export const DEFAULT_JAVA_SDK_VERSION = '2.57.8';

const PROBE = join(PACKAGE_ROOT, 'generator', 'aws', 'java', 'NumberTypes.java');

/** No JDK or no Maven on this machine: the message says which and what to install. */
export class JavaToolsUnavailableError extends Error {
  constructor(reason: string) {
    super(
      `Java number types need a JDK (11 or later) and Maven to read the AWS SDK for Java jars, and ${reason}. ` +
        'Install both (for example "apt-get install maven default-jdk-headless" on Debian or Ubuntu).',
    );
    this.name = 'JavaToolsUnavailableError';
  }
}

/** A number member's getter returns no number, or two Java classes of one shape disagree. */
export class JavaNumberTypesError extends Error {
  constructor(
    readonly problems: readonly string[],
    javaSdkVersion: string,
  ) {
    super(
      `${problems.length} number member${problems.length === 1 ? '' : 's'} disagree${problems.length === 1 ? 's' : ''} with the AWS SDK for Java ${javaSdkVersion}:\n  ` +
        `${problems.slice(0, 20).join('\n  ')}${problems.length > 20 ? `\n  ... and ${problems.length - 20} more` : ''}`,
    );
    this.name = 'JavaNumberTypesError';
  }
}

/** The Maven artifact of a service's Java SDK module: the last segment of its Java package (`dynamodb`, `secretsmanager`). */
export function javaSdkArtifact(model: Pick<ApiModelFile, 'sdkId'>, version: string = DEFAULT_JAVA_SDK_VERSION): MavenCoordinate {
  const artifactId = sdkServicePackage(model.sdkId).split('.').pop() ?? '';
  return { groupId: 'software.amazon.awssdk', artifactId, version };
}

/** Why the probe cannot run here, or undefined when a `java` command is there. */
export function javaUnavailable(): string | undefined {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  return result.status === 0 ? undefined : 'no "java" command is on the PATH';
}

/**
 * The jars of the service's Java SDK module with what it needs, resolved with Maven (from ~/.m2, or
 * Maven Central the first time). Throws JavaToolsUnavailableError without Maven, and
 * MavenResolveError when the version or artifact does not exist or the network is out of reach.
 */
export function resolveJavaSdkJars(model: Pick<ApiModelFile, 'sdkId'>, version: string = DEFAULT_JAVA_SDK_VERSION): string[] {
  try {
    return resolveClasspath([javaSdkArtifact(model, version)]);
  } catch (error) {
    if (error instanceof MavenUnavailableError) throw new JavaToolsUnavailableError('Maven ("mvn") is not installed or not on the PATH');
    throw error;
  }
}

/** Whether a type reference is a number, or a list or map whose innermost elements or values are. */
/** Whether a member holds text: a string, or a list of strings (named list shape or `list<string>`). */
function holdsText(member: { type: string; target: TypeRef }, shapes: Readonly<Record<string, ApiShape>>): boolean {
  if (member.type === 'string') return true;
  if (member.type !== 'list') return false;
  if (member.target === 'list<string>') return true;
  const shape = Object.prototype.hasOwnProperty.call(shapes, member.target) ? shapes[member.target] : undefined;
  return shape?.type === 'list' && shape.member === 'string';
}

function holdsNumbers(ref: TypeRef, shapes: Readonly<Record<string, ApiShape>>, depth = 0): boolean {
  if (depth > 10) return false;
  if (ref === 'number') return true;
  const list = /^list<(.+)>$/.exec(ref);
  if (list) return holdsNumbers(list[1] as string, shapes, depth + 1);
  const map = /^map<[^,<>]+,(.+)>$/.exec(ref);
  if (map) return holdsNumbers(map[1] as string, shapes, depth + 1);
  const shape = Object.prototype.hasOwnProperty.call(shapes, ref) ? shapes[ref] : undefined;
  if (shape?.type === 'list') return holdsNumbers(shape.member, shapes, depth + 1);
  if (shape?.type === 'map') return holdsNumbers(shape.value, shapes, depth + 1);
  return false;
}

/**
 * The Java classes a structure or union becomes: `<Operation>Request` / `<Operation>Response` for
 * operation inputs and outputs, and its own class where anything else refers to it (or nothing does).
 */
function javaClassesOf(model: ApiModelFile, shapeName: string, referenced: ReadonlySet<string>): string[] {
  const classes: string[] = [];
  for (const [operation, op] of Object.entries(model.operations)) {
    if (op.input === shapeName) classes.push(sdkOperationClass(model.sdkId, operation, 'Request'));
    if (op.output === shapeName) classes.push(sdkOperationClass(model.sdkId, operation, 'Response'));
  }
  if (hasOwnClass(model, shapeName, referenced)) classes.push(sdkShapeClass(model.sdkId, shapeName, javaClassOf(model, shapeName)));
  return classes;
}

/** Whether a structure has a model class of its own: anything refers to it, or it is no operation's input or output. */
function hasOwnClass(model: ApiModelFile, shapeName: string, referenced: ReadonlySet<string>): boolean {
  return referenced.has(shapeName) || !Object.values(model.operations).some((op) => op.input === shapeName || op.output === shapeName);
}

function javaClassOf(model: ApiModelFile, shapeName: string): string | undefined {
  const shape = Object.prototype.hasOwnProperty.call(model.shapes, shapeName) ? model.shapes[shapeName] : undefined;
  return shape && (shape.type === 'structure' || shape.type === 'union') ? shape.javaClass : undefined;
}

/**
 * Finds, on the jars, the class of every structure that has one of its own. The Java SDK renames a
 * few shapes whose names would clash (S3's `Object` and `Error` become `S3Object` and `S3Error`,
 * prefixed with the service name): where the shape's own name has no class, the prefixed one is
 * tried and recorded as `javaClass`. Returns the structures found under neither name.
 */
function addJavaClassNames(model: ApiModelFile, jars: readonly string[], referenced: ReadonlySet<string>): string[] {
  const names = Object.entries(model.shapes)
    // Error structures are exceptions in Java, named otherwise (`...Exception`); they are never mapped.
    .filter(([name, shape]) => (shape.type === 'union' || (shape.type === 'structure' && !shape.error)) && hasOwnClass(model, name, referenced))
    .map(([name]) => name)
    .sort();
  if (names.length === 0) return [];
  const own = probe(
    names.map((name) => `${sdkShapeClass(model.sdkId, name)} toBuilder`),
    jars,
  );
  const missing = names.filter((_, i) => own[i] === '!class');
  if (missing.length === 0) return [];
  const prefixed = (name: string) => `${sdkServiceName(model.sdkId)}${sdkShapeClass(model.sdkId, name).split('.').pop() ?? name}`;
  const renamed = probe(
    missing.map((name) => `${sdkShapeClass(model.sdkId, name, prefixed(name))} toBuilder`),
    jars,
  );
  const notFound: string[] = [];
  missing.forEach((name, i) => {
    const shape = model.shapes[name];
    if (renamed[i] !== '!class' && (shape?.type === 'structure' || shape?.type === 'union')) shape.javaClass = prefixed(name);
    else notFound.push(`${name}: no class ${sdkShapeClass(model.sdkId, name)} or ${sdkShapeClass(model.sdkId, name, prefixed(name))}`);
  });
  return notFound;
}

/** Names of the shapes some member, list element or map value refers to. */
function referencedShapes(model: ApiModelFile): Set<string> {
  const names = new Set<string>();
  const add = (ref: TypeRef): void => {
    for (const part of ref.split(/[<>,]/)) if (part !== '') names.add(part);
  };
  for (const shape of Object.values(model.shapes)) {
    if (shape.type === 'list') add(shape.member);
    else if (shape.type === 'map') add(shape.value);
    else for (const member of Object.values(shape.members)) add(member.target);
  }
  return names;
}

/** Runs the probe on the questions ("<class> <getter>"), one answer per question. */
function probe(questions: readonly string[], jars: readonly string[]): string[] {
  const result = spawnSync('java', ['-cp', jars.join(delimiter), PROBE], {
    input: `${questions.join('\n')}\n`,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') throw new JavaToolsUnavailableError('no "java" command is on the PATH');
  if (result.status !== 0) throw new Error(`The Java number type probe failed (exit ${String(result.status)}): ${result.stderr.trim()}`);
  const answers = result.stdout.split('\n').filter((l) => l.length > 0);
  if (answers.length !== questions.length) throw new Error(`The Java number type probe answered ${answers.length} of ${questions.length} questions.`);
  return answers;
}

/** The version of the service's own jar among the jars (`lambda-2.57.8.jar` -> 2.57.8). */
function jarVersion(model: ApiModelFile, jars: readonly string[]): string {
  const { artifactId } = javaSdkArtifact(model);
  const prefix = `${artifactId}-`;
  for (const jar of jars) {
    const name = basename(jar);
    if (name.startsWith(prefix) && name.endsWith('.jar') && /^\d/.test(name.slice(prefix.length))) return name.slice(prefix.length, -'.jar'.length);
  }
  throw new Error(`The classpath has no jar of software.amazon.awssdk:${artifactId}, the Java SDK module of ${model.sdkId}.`);
}

export interface JavaNumberTypesResult {
  /** A copy of the model with the widths and `javaSdkVersion`. */
  model: ApiModelFile;
  /** Number members the jars have no class or getter for (`Shape.Member: why`), sorted. */
  unmatched: string[];
  /** Structures with a class of their own that the jars have under neither their name nor the prefixed one (`Shape: why`), sorted. */
  classesNotFound: string[];
}

/**
 * A copy of the model with `javaNumber` on every number member (and list or map member of numbers)
 * the Java SDK has, and `javaSdkVersion` set, read from `jars` (the service's Java SDK module and what
 * it needs). Throws JavaNumberTypesError when a getter returns no number or classes disagree,
 * JavaToolsUnavailableError without a JDK.
 */
export function addJavaNumberTypes(model: ApiModelFile, jars: readonly string[]): JavaNumberTypesResult {
  const javaSdkVersion = jarVersion(model, jars);
  const result = structuredClone(model);
  result.javaSdkVersion = javaSdkVersion;
  const referenced = referencedShapes(result);
  const classesNotFound = addJavaClassNames(result, jars, referenced);
  const questions: string[] = [];
  const asked: Array<{ where: string; member: { javaNumber?: JavaNumberType }; lines: number[] }> = [];
  for (const [shapeName, shape] of Object.entries(result.shapes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (shape.type !== 'structure' && shape.type !== 'union') continue;
    const classes = javaClassesOf(result, shapeName, referenced);
    for (const [memberName, member] of Object.entries(shape.members)) {
      if (!holdsNumbers(member.target, result.shapes)) continue;
      const lines = classes.map((cls) => questions.push(`${cls} ${sdkMemberName(memberName)}`) - 1);
      asked.push({ where: `${shapeName}.${memberName}`, member, lines });
    }
  }
  // String members (and lists of strings) the JavaScript model gives no enumeration but the Java SDK types as enums.
  const textAsked: Array<{ member: { javaEnum?: boolean }; lines: number[] }> = [];
  for (const [shapeName, shape] of Object.entries(result.shapes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (shape.type !== 'structure' && shape.type !== 'union') continue;
    const classes = javaClassesOf(result, shapeName, referenced);
    for (const [memberName, member] of Object.entries(shape.members)) {
      if (!holdsText(member, result.shapes) || member.enum !== undefined || member.memberEnum !== undefined) continue;
      textAsked.push({ member, lines: classes.map((cls) => questions.push(`${cls} ${sdkMemberName(memberName)}`) - 1) });
    }
  }
  if (questions.length === 0) return { model: result, unmatched: [], classesNotFound };
  const answers = probe(questions, jars);
  const modelPackage = `${sdkServicePackage(result.sdkId)}.model.`;
  for (const { member, lines } of textAsked) {
    const returned = lines.map((line) => answers[line] ?? '');
    if (returned.length > 0 && returned.every((answer) => answer.startsWith(modelPackage))) member.javaEnum = true;
  }
  const problems: string[] = [];
  const unmatched: string[] = [];
  for (const { where, member, lines } of asked) {
    const types = new Set<JavaNumberType>();
    const missing: string[] = [];
    for (const line of lines) {
      const question = questions[line] as string;
      const [cls, getter] = question.split(' ') as [string, string];
      const answer = answers[line] as string;
      const simple = answer.startsWith('java.lang.') ? answer.slice('java.lang.'.length) : answer;
      if (answer === '!class') missing.push(`no class ${cls}`);
      else if (answer === '!method') missing.push(`no method ${getter}() on ${cls}`);
      else if ((JAVA_NUMBER_TYPES as readonly string[]).includes(simple) && answer.startsWith('java.lang.')) types.add(simple as JavaNumberType);
      else problems.push(`${where}: ${cls}.${getter}() returns ${answer}, not a boxed number`);
    }
    if (types.size > 1) problems.push(`${where}: the Java classes disagree (${[...types].join(', ')})`);
    const [type] = types;
    // A width only when every Java class of the shape has the getter: a half-matched member is unmatched.
    if (missing.length > 0) unmatched.push(`${where}: ${missing.join('; ')}`);
    else if (types.size === 1 && type) member.javaNumber = type;
  }
  if (problems.length > 0) throw new JavaNumberTypesError(problems, javaSdkVersion);
  return { model: result, unmatched: unmatched.sort(), classesNotFound };
}
