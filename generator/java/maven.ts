/**
 * Resolves the Java libraries a module declares (its `javaDependencies`, Maven coordinates) with
 * their transitive dependencies from Maven Central, through the `mvn` command: the same resolution
 * Studio Pro performs for a module's JarDependencies. Used by `generate --bundle-jars` (jars copied
 * into the package's vendorlib/) and by the tests that compile and run the generated Java against
 * the real AWS SDK jars.
 *
 * Maven keeps what it downloads in its local repository (~/.m2 unless configured otherwise), so a
 * second resolution of the same coordinates needs no network.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface MavenCoordinate {
  groupId: string;
  artifactId: string;
  /** A version or a Maven version range such as `[2,3)`. */
  version: string;
}

/** The dependency plugin, pinned so that resolution does not depend on Maven's own default. */
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

/** Maven is not on this machine: the message says what is missing and how to get it. */
export class MavenUnavailableError extends Error {
  constructor(readonly command: string) {
    super(
      `Maven ("${command}") is not installed or not on the PATH; it is needed to resolve the module's Java libraries from Maven Central. ` +
        'Install Maven 3.6 or later and a JDK (for example "apt-get install maven default-jdk-headless" on Debian or Ubuntu), or set MAVEN_CMD to the mvn command.',
    );
  }
}

/** Maven ran but could not resolve the coordinates (unknown artifact, no network, ...). */
export class MavenResolveError extends Error {}

/** The mvn command to run: MAVEN_CMD, else `mvn`. */
export function mavenCommand(): string {
  return process.env['MAVEN_CMD'] ?? 'mvn';
}

export function mavenAvailable(): boolean {
  return spawnSync(mavenCommand(), ['--version'], { encoding: 'utf8' }).status === 0;
}

export function formatCoordinate(c: MavenCoordinate): string {
  return `${c.groupId}:${c.artifactId}:${c.version}`;
}

function xmlText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A throwaway project whose only content is the dependencies to resolve. */
function pomFor(dependencies: readonly MavenCoordinate[]): string {
  const deps = dependencies
    .map(
      (d) =>
        `    <dependency><groupId>${xmlText(d.groupId)}</groupId><artifactId>${xmlText(d.artifactId)}</artifactId><version>${xmlText(d.version)}</version></dependency>`,
    )
    .join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<project xmlns="http://maven.apache.org/POM/4.0.0">',
    '  <modelVersion>4.0.0</modelVersion>',
    '  <groupId>mendix-connector.resolve</groupId>',
    '  <artifactId>resolve</artifactId>',
    '  <version>1</version>',
    '  <packaging>pom</packaging>',
    '  <dependencies>',
    deps,
    '  </dependencies>',
    '</project>',
    '',
  ].join('\n');
}

/** Maven's own error lines, without its banner and advice. */
function mavenErrors(output: string): string {
  const lines = output
    .split('\n')
    .filter((l) => l.startsWith('[ERROR]') && !/^\[ERROR\] *(->|$|To see the full|Re-run Maven|For more information|\[Help)/.test(l))
    .map((l) => l.replace(/^\[ERROR\] */, '').trim());
  return (lines.length > 0 ? lines : output.trim().split('\n').slice(-5)).slice(0, 6).join('\n  ');
}

function runMaven(dependencies: readonly MavenCoordinate[], goal: string, properties: Record<string, string>): void {
  const work = mkdtempSync(join(tmpdir(), 'mendix-connector-maven-'));
  try {
    writeFileSync(join(work, 'pom.xml'), pomFor(dependencies));
    const args = ['-B', '-q', '-f', join(work, 'pom.xml'), `${DEPENDENCY_PLUGIN}:${goal}`, ...Object.entries(properties).map(([k, v]) => `-D${k}=${v}`)];
    const result = spawnSync(mavenCommand(), args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') throw new MavenUnavailableError(mavenCommand());
    if (result.status !== 0) {
      const what = dependencies.map(formatCoordinate).join(', ');
      throw new MavenResolveError(`Maven could not resolve ${what}:\n  ${mavenErrors(`${result.stdout}${result.stderr}`)}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The jar files of the dependencies and everything they need (runtime scope), as absolute paths in
 * Maven's local repository, in Maven's order.
 */
export function resolveClasspath(dependencies: readonly MavenCoordinate[]): string[] {
  const out = join(mkdtempSync(join(tmpdir(), 'mendix-connector-classpath-')), 'classpath.txt');
  try {
    runMaven(dependencies, 'build-classpath', { 'mdep.outputFile': out, 'mdep.includeScope': 'runtime', 'mdep.pathSeparator': '\n' });
    return readFileSync(out, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 0);
  } finally {
    rmSync(join(out, '..'), { recursive: true, force: true });
  }
}

/**
 * The artifacts the dependencies resolve to, with what they need (runtime scope): Maven's own choice
 * of one version per artifact (the nearest declaration wins).
 */
export function resolveArtifacts(dependencies: readonly MavenCoordinate[]): MavenCoordinate[] {
  const out = join(mkdtempSync(join(tmpdir(), 'mendix-connector-artifacts-')), 'list.txt');
  try {
    runMaven(dependencies, 'list', { outputFile: out, includeScope: 'runtime', appendOutput: 'false' });
    // Lines such as "   software.amazon.awssdk:lambda:jar:2.57.8:compile" (a classifier may precede the version).
    return readFileSync(out, 'utf8')
      .split('\n')
      .map((l) => l.trim().split(':'))
      .filter((parts) => parts.length >= 5 && parts[2] === 'jar')
      .map((parts) => ({ groupId: parts[0] ?? '', artifactId: parts[1] ?? '', version: parts[parts.length - 2] ?? '' }));
  } finally {
    rmSync(join(out, '..'), { recursive: true, force: true });
  }
}

/** The file names (`artifact-version.jar`) of the resolved jars copied into `dir`, sorted. */
export function copyJars(dependencies: readonly MavenCoordinate[], dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  runMaven(dependencies, 'copy-dependencies', { outputDirectory: dir, includeScope: 'runtime' });
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jar'))
    .sort();
}

/** The repository version ranges are looked up in: MAVEN_REPOSITORY_URL, else Maven Central. */
function repositoryUrl(): string {
  return (process.env['MAVEN_REPOSITORY_URL'] ?? 'https://repo.maven.apache.org/maven2').replace(/\/+$/, '');
}

/** A release version's numbers (`2.57.8` -> [2, 57, 8]); undefined for previews, snapshots and the like. */
function releaseNumbers(version: string): number[] | undefined {
  return /^\d+(\.\d+)*$/.test(version) ? version.split('.').map(Number) : undefined;
}

/** Orders release versions numerically (`2.9` < `2.10`); other versions sort before releases, by text. */
export function compareVersions(a: string, b: string): number {
  const na = releaseNumbers(a);
  const nb = releaseNumbers(b);
  if (na && nb) return compareNumbers(na, nb);
  if (na || nb) return na ? 1 : -1;
  return a.localeCompare(b);
}

function compareNumbers(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Whether a release version lies in a Maven range such as `[2,3)`, `[1.17,2)` or `[0,)`. */
export function inVersionRange(version: string, range: string): boolean {
  const match = /^([[(])\s*([^,]*?)\s*,\s*([^\])]*?)\s*([\])])$/.exec(range);
  const numbers = releaseNumbers(version);
  if (!match || !numbers) return false;
  const [, open, low, high, close] = match;
  const lo = low ? releaseNumbers(low) : undefined;
  const hi = high ? releaseNumbers(high) : undefined;
  if (lo && (open === '[' ? compareNumbers(numbers, lo) < 0 : compareNumbers(numbers, lo) <= 0)) return false;
  if (hi && (close === ']' ? compareNumbers(numbers, hi) > 0 : compareNumbers(numbers, hi) >= 0)) return false;
  return true;
}

/**
 * The newest release in a version range, from the repository's maven-metadata.xml: what Gradle picks
 * for a range, and what Maven would too, after reading the descriptor of every version in the range
 * (hundreds for an AWS SDK module), which this look-up spares.
 */
export async function newestInRange(c: MavenCoordinate): Promise<string> {
  const url = `${repositoryUrl()}/${c.groupId.split('.').join('/')}/${c.artifactId}/maven-metadata.xml`;
  let text: string;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    text = await response.text();
  } catch (error) {
    throw new MavenResolveError(
      `Cannot read the versions of ${c.groupId}:${c.artifactId} from ${url}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const versions = [...text.matchAll(/<version>([^<]+)<\/version>/g)].map((m) => m[1] ?? '').filter((v) => inVersionRange(v, c.version));
  const newest = versions.sort((a, b) => compareNumbers(releaseNumbers(a) ?? [], releaseNumbers(b) ?? [])).pop();
  if (newest === undefined) throw new MavenResolveError(`No release of ${c.groupId}:${c.artifactId} lies in ${c.version} (${url}).`);
  return newest;
}

/** The coordinates with every version range replaced by the newest release in it. */
export async function pinVersionRanges(dependencies: readonly MavenCoordinate[]): Promise<MavenCoordinate[]> {
  return Promise.all(dependencies.map(async (d) => (/^[[(]/.test(d.version) ? { ...d, version: await newestInRange(d) } : d)));
}

/**
 * `resolveClasspath` (with version ranges pinned to their newest release), remembered in `cacheDir`
 * under a digest of the coordinates, so repeated test runs do not start Maven again. A cached list
 * whose jars have gone (a cleaned ~/.m2) is resolved anew.
 */
export async function cachedClasspath(
  dependencies: readonly MavenCoordinate[],
  cacheDir: string,
  /** What to resolve, when it is not simply the dependencies with their ranges pinned. */
  plan: () => Promise<MavenCoordinate[]> = () => pinVersionRanges(dependencies),
): Promise<string[]> {
  const key = createHash('sha256')
    .update(JSON.stringify(dependencies.map(formatCoordinate)))
    .digest('hex')
    .slice(0, 16);
  const file = join(cacheDir, `${key}.classpath`);
  if (existsSync(file)) {
    const jars = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.length > 0);
    if (jars.every((j) => existsSync(j))) return jars;
  }
  const jars = resolveClasspath(await plan());
  mkdirSync(cacheDir, { recursive: true });
  // Written under a temporary name and renamed, so a parallel reader never sees half a list.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${jars.join('\n')}\n`);
  renameSync(temporary, file);
  return jars;
}
