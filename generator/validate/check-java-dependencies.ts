import type { ConnectorSpec } from '../spec/types.js';
import type { DiagnosticList } from './diagnostics.js';

/** Maven's AWS SDK for Java 2.x group: its modules are released together, one version for all. */
const AWS_SDK_GROUP = 'software.amazon.awssdk';

/**
 * The AWS SDK modules every generated client factory uses besides the service's own: STS (assume
 * role) and the Apache HttpClient 5 based HTTP client it builds its clients with.
 */
export const FACTORY_SDK_ARTIFACTS: readonly string[] = ['sts', 'apache5-client'];

/** A Maven group or artifact id: dot-separated words, no empty part. */
const MAVEN_ID = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
/** A Maven version: starts with a digit, no empty part between dots. */
const MAVEN_VERSION = /^[0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/;

/**
 * The module's Java libraries: well-formed Maven coordinates; every AWS SDK module at one version
 * (mixed versions fail at run time with missing methods); and the SDK modules the generated Java
 * needs: the service's (`service.name`), STS and the HTTP client.
 */
export function checkJavaDependencies(spec: ConnectorSpec, out: DiagnosticList): void {
  const deps = spec.module.javaDependencies;
  deps.forEach((d, i) => {
    const path = ['module', 'javaDependencies', i];
    if (!MAVEN_ID.test(d.groupId))
      out.add([...path, 'groupId'], `"${d.groupId}" is not a Maven group id.`, 'Write dot-separated words, for example software.amazon.awssdk.');
    if (!MAVEN_ID.test(d.artifactId))
      out.add(
        [...path, 'artifactId'],
        `"${d.artifactId}" is not a Maven artifact id.`,
        'Write the artifact id as Maven Central lists it (the AWS SDK module of a service is named like its package).',
      );
    if (!MAVEN_VERSION.test(d.version)) out.add([...path, 'version'], `"${d.version}" is not a Maven version.`, 'Write a release version such as 2.57.8.');
  });

  const sdk = deps.map((d, i) => ({ d, i })).filter(({ d }) => d.groupId === AWS_SDK_GROUP);
  const counts = new Map<string, number>();
  for (const { d } of sdk) counts.set(d.version, (counts.get(d.version) ?? 0) + 1);
  // The version most artifacts use is taken as meant; the others are reported.
  const [common] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [];
  if (common !== undefined && counts.size > 1) {
    for (const { d, i } of sdk) {
      if (d.version === common) continue;
      out.add(
        ['module', 'javaDependencies', i, 'version'],
        `${AWS_SDK_GROUP}:${d.artifactId} is at version ${d.version}, the other AWS SDK artifacts at ${common}.`,
        `Use one version for every ${AWS_SDK_GROUP} artifact (the SDK's modules are released together and need each other at the same version): write ${common}.`,
      );
    }
  }

  const needed = [spec.service.name.toLowerCase(), ...FACTORY_SDK_ARTIFACTS];
  for (const artifactId of needed) {
    if (sdk.some(({ d }) => d.artifactId === artifactId)) continue;
    out.add(
      ['module', 'javaDependencies'],
      `The generated Java needs ${AWS_SDK_GROUP}:${artifactId}, which javaDependencies does not list.`,
      `Add { groupId: ${AWS_SDK_GROUP}, artifactId: ${artifactId}, version: ${common ?? '2.57.8'} }.`,
    );
  }
}
