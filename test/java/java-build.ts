/**
 * Compiles a spec's generated Java the way a Mendix 10.21 app builds it: every action and helper of
 * the package, the proxies Studio Pro would generate from the domain model, against the stand-ins of
 * the Mendix runtime API (test/java/mendix) and the REAL AWS SDK jars resolved from Maven Central,
 * with `javac --release 11` (the oldest Java such an app may use) and every lint warning an error.
 * Optionally the CaseRunner harness is compiled in too, to run the actions.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { renderJavaSources } from '../../generator/java/render-java.js';
import { PACKAGE_ROOT } from '../../generator/paths.js';
import type { SpecIndex } from '../../generator/spec/spec-index.js';
import type { ConnectorSpec } from '../../generator/spec/types.js';
import type { ApiModelView } from '../../generator/validate/api-model-view.js';
import { listFiles } from './java-golden.js';
import { javaClasspath, type ClasspathKind } from './java-classpath.js';
import { proxySources } from './mendix-proxies.js';

export const MENDIX_STAND_INS = join(PACKAGE_ROOT, 'test', 'java', 'mendix');
export const HARNESS_DIR = join(PACKAGE_ROOT, 'test', 'java', 'harness');

export const JAVAC_OPTIONS = ['--release', '11', '-encoding', 'UTF-8', '-Xlint:all', '-Werror'];

export interface SourceFile {
  /** `/`-separated, relative to the source root. */
  path: string;
  text: string | Uint8Array;
}

export interface JavaBuild {
  ok: boolean;
  /** Everything javac printed (empty when it compiled without a warning). */
  output: string;
  classes: string;
  /** The runtime classpath: compiled classes first, then the jars. */
  classpath: string;
  jars: string[];
}

export function writeTree(root: string, files: readonly SourceFile[]): string[] {
  return files.map((f) => {
    const target = join(root, ...f.path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, f.text);
    return target;
  });
}

export function javac(sources: readonly string[], out: string, jars: readonly string[]): { ok: boolean; output: string } {
  mkdirSync(out, { recursive: true });
  const argsFile = join(out, '..', `${out.split(/[\\/]/).pop() ?? 'classes'}.javac-args`);
  // An @argfile: hundreds of sources and jars would not fit on a command line everywhere.
  const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  writeFileSync(argsFile, [...JAVAC_OPTIONS, '-d', quote(out), '-cp', quote(jars.join(delimiter)), ...sources.map(quote)].join('\n'));
  const result = spawnSync('javac', [`@${argsFile}`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

/** The generated Java of the package (without the `javasource/` prefix). */
export function moduleSources(spec: ConnectorSpec, index: SpecIndex, api: ApiModelView): SourceFile[] {
  return renderJavaSources(spec, index, api).map((f) => ({ path: f.path.replace(/^javasource\//, ''), text: f.bytes }));
}

export function standInSources(): string[] {
  return listFiles(MENDIX_STAND_INS, MENDIX_STAND_INS)
    .filter((p) => p.endsWith('.java') && !p.startsWith('probe/'))
    .map((p) => join(MENDIX_STAND_INS, ...p.split('/')));
}

/** A harness class of test/java/harness, with the module's impl package (`IMPL_PACKAGE`) filled in. */
export function harnessSource(file: string, javaPackage: string): SourceFile {
  return { path: file, text: readFileSync(join(HARNESS_DIR, file), 'utf8').replace(/IMPL_PACKAGE/g, `${javaPackage}.impl`) };
}

/**
 * Compiles the module's Java (or `sources` in its place) with the proxies and stand-ins in `work`.
 * With `harness`, CaseRunner is compiled in as well.
 */
export async function buildJava(
  work: string,
  spec: ConnectorSpec,
  sources: readonly SourceFile[],
  options: { kind: ClasspathKind; harness?: boolean },
): Promise<JavaBuild> {
  const jars = await javaClasspath(spec, options.kind);
  const files = [...sources, ...proxySources(spec)];
  if (options.harness) files.push(harnessSource('CaseRunner.java', spec.module.javaPackage));
  const written = writeTree(join(work, 'src'), files);
  const classes = join(work, 'classes');
  const result = javac([...standInSources(), ...written], classes, jars);
  return { ...result, classes, classpath: [classes, ...jars].join(delimiter), jars };
}
