/**
 * The classpaths the generated Java is compiled and run on, resolved from Maven Central with the
 * real jars (generator/java/maven.ts):
 *
 * - `module`: exactly the spec's javaDependencies and what they need, as Studio Pro resolves a
 *   module's JarDependencies in an app that has nothing else;
 * - `mendixApp`: the same together with the JarDependencies of Mendix's AWS Authentication connector
 *   (module settings of version 4.1.3, facts in test/java/MENDIX-STAND-INS.md): version ranges that
 *   resolve to the newest 2.x, and both the Apache and the URL-connection HTTP clients on one
 *   classpath, as in an app that uses both modules.
 *
 * Resolved lists are cached in `.cache/maven/` (gitignored) so test runs start Maven only once.
 * `npm test` resolves them up front (test/tools/resolve-java-deps.ts), before tests run in parallel.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { cachedClasspath, compareVersions, mavenAvailable, pinVersionRanges, resolveArtifacts, type MavenCoordinate } from '../../generator/java/maven.js';
import { PACKAGE_ROOT } from '../../generator/paths.js';
import type { ConnectorSpec } from '../../generator/spec/types.js';

export type ClasspathKind = 'module' | 'mendixApp';

export const CLASSPATH_KINDS: readonly ClasspathKind[] = ['module', 'mendixApp'];

export const MAVEN_CACHE_DIR = join(PACKAGE_ROOT, '.cache', 'maven');

/** AWS Authentication 4.1.3's JarDependencies (Projects$ModuleSettings of the module). */
export const AWS_AUTHENTICATION_JARS: readonly MavenCoordinate[] = [
  ...['apache-client', 'auth', 'aws-json-protocol', 'aws-query-protocol', 'url-connection-client', 'crt-core', 'arns', 'aws-xml-protocol'].map(
    (artifactId) => ({
      groupId: 'software.amazon.awssdk',
      artifactId,
      version: '[2,3)',
    }),
  ),
  { groupId: 'commons-codec', artifactId: 'commons-codec', version: '[1.17,2)' },
  { groupId: 'software.amazon.awssdk.crt', artifactId: 'aws-crt', version: '[0,1)' },
];

/** The coordinates a classpath is made of (the cache key): the spec's own, then AWS Authentication's. */
export function classpathDependencies(spec: ConnectorSpec, kind: ClasspathKind): MavenCoordinate[] {
  const own = spec.module.javaDependencies.map((d) => ({ groupId: d.groupId, artifactId: d.artifactId, version: d.version }));
  return kind === 'module' ? own : [...own, ...AWS_AUTHENTICATION_JARS];
}

/**
 * What Gradle, which Studio Pro resolves JarDependencies with, puts on an app's classpath for the
 * dependencies of several modules: every artifact any of them needs, each at the HIGHEST version
 * requested anywhere (Maven would take the nearest instead). Each module's own set is resolved
 * apart (ranges at their newest release); then every artifact is declared at its highest version,
 * so that Maven's nearest-wins rule gives Gradle's choice.
 */
async function gradleStyleDependencies(modules: ReadonlyArray<readonly MavenCoordinate[]>): Promise<MavenCoordinate[]> {
  const highest = new Map<string, MavenCoordinate>();
  for (const dependencies of modules) {
    for (const artifact of resolveArtifacts(await pinVersionRanges(dependencies))) {
      const key = `${artifact.groupId}:${artifact.artifactId}`;
      const known = highest.get(key);
      if (!known || compareVersions(artifact.version, known.version) > 0) highest.set(key, artifact);
    }
  }
  return [...highest.values()];
}

/** The jar files of one classpath of a spec (resolving with Maven on first use). */
export async function javaClasspath(spec: ConnectorSpec, kind: ClasspathKind): Promise<string[]> {
  const own = classpathDependencies(spec, 'module');
  if (kind === 'module') return cachedClasspath(own, MAVEN_CACHE_DIR);
  return cachedClasspath(classpathDependencies(spec, kind), MAVEN_CACHE_DIR, () => gradleStyleDependencies([AWS_AUTHENTICATION_JARS, own]));
}

/**
 * Why the Java tests cannot run here, or undefined when they can. Under CI=true a missing tool is a
 * failure, not a skip: the caller must fail the test instead.
 */
export function javaToolsMissing(): string | undefined {
  if (spawnSync('javac', ['-version']).status !== 0) return 'javac (a JDK 11 or later) is not installed';
  if (spawnSync('java', ['-version']).status !== 0) return 'java is not installed';
  if (!mavenAvailable()) return 'Maven (mvn) is not installed; it resolves the AWS SDK jars from Maven Central';
  return undefined;
}

/** Prints why Java tests skip; under CI=true, throws instead so the suite fails. */
export function skipJavaTests(what: string): boolean {
  const missing = javaToolsMissing();
  if (missing === undefined) return false;
  if (process.env['CI'] === 'true') throw new Error(`${what} cannot run: ${missing}. CI must install it (.ci/run).`);
  console.warn(`Skipping ${what}: ${missing}.`);
  return true;
}
