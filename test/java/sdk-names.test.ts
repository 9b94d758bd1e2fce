/**
 * The names the Java generator derives for the AWS SDK for Java 2.x (client class, request and
 * response classes, member getters and builder methods), checked against the REAL jars of seven
 * services resolved from Maven Central: every name must exist there, by reflection. The sdkIds are
 * the services' own (from their models); the operations two of each.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sdkClientClass, sdkMemberName, sdkOperationClass, sdkOperationMethod, sdkShapeClass } from '../../generator/java/java-names.js';
import { cachedClasspath } from '../../generator/java/maven.js';
import { PACKAGE_ROOT } from '../../generator/paths.js';
import { loadBundledSpec } from './java-golden.js';
import { MAVEN_CACHE_DIR, skipJavaTests } from './java-classpath.js';
import { SDK_NAME_PROBES, SDK_NAME_PROBE_JARS } from './sdk-name-probes.js';

/** Asks ClassProbe about each line ("class X" or "method X m"); true where it exists. */
function probe(lines: string[], jars: string[]): boolean[] {
  const result = spawnSync('java', ['-cp', jars.join(':'), join(PACKAGE_ROOT, 'test', 'java', 'probe', 'ClassProbe.java')], {
    input: `${lines.join('\n')}\n`,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`ClassProbe failed: ${result.stderr}`);
  return result.stdout
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => l === 'yes');
}

describe.skipIf(skipJavaTests('the SDK naming test against the real AWS SDK jars'))('SDK names against the real AWS SDK for Java jars', () => {
  const jars = (): Promise<string[]> => cachedClasspath(SDK_NAME_PROBE_JARS, MAVEN_CACHE_DIR);

  it('finds the client, request and response classes and client methods the generator names, for seven services', async () => {
    const lines: string[] = [];
    for (const p of SDK_NAME_PROBES) {
      lines.push(`class ${sdkClientClass(p.sdkId)}`);
      for (const op of p.operations) {
        lines.push(`class ${sdkOperationClass(p.sdkId, op, 'Request')}`, `class ${sdkOperationClass(p.sdkId, op, 'Response')}`);
        lines.push(`method ${sdkClientClass(p.sdkId)} ${sdkOperationMethod(op)}`);
      }
    }
    const found = probe(lines, await jars());
    expect(lines.filter((_, i) => !found[i])).toEqual([]);
    expect(found).toHaveLength(SDK_NAME_PROBES.length * 7);
  }, 180_000);

  it('would notice a wrong name (the check can fail)', async () => {
    const found = probe(
      [
        'class software.amazon.awssdk.services.dynamodb.DynamodbClient',
        'class software.amazon.awssdk.services.dynamodb.DynamoDbClient',
        'method software.amazon.awssdk.services.lambda.model.FunctionConfiguration kMSKeyArn',
      ],
      await jars(),
    );
    expect(found).toEqual([false, true, false]);
  }, 180_000);

  it("finds a getter and a builder method for every member of the bundled spec's request and response structures, nested ones too", async () => {
    const { spec, api } = loadBundledSpec();
    const lines: string[] = [];
    const seen = new Set<string>();
    const visit = (shape: string, cls: string): void => {
      if (seen.has(cls)) return;
      seen.add(cls);
      for (const name of api.memberNames(shape)) {
        const member = api.member(shape, name);
        if (!member) continue;
        const enumSuffix = member.enumName !== undefined ? 'AsString' : '';
        lines.push(`method ${cls} ${sdkMemberName(name)}${enumSuffix}`, `method ${cls}$Builder ${sdkMemberName(name)}`);
        const nested = member.kind === 'list' || member.kind === 'map' ? api.elementOf(member.shape ?? '') : member;
        if ((nested?.kind === 'structure' || nested?.kind === 'union') && nested.shape)
          visit(nested.shape, sdkShapeClass(api.sdkId, nested.shape, api.javaClass(nested.shape)));
      }
    };
    for (const op of spec.operations) {
      const input = api.inputShape(op.action);
      const output = api.outputShape(op.action);
      if (input) visit(input, sdkOperationClass(api.sdkId, op.action, 'Request'));
      if (output) visit(output, sdkOperationClass(api.sdkId, op.action, 'Response'));
    }
    const version = spec.module.javaDependencies.find((d) => d.artifactId === 'lambda')?.version ?? '';
    const found = probe(lines, await cachedClasspath([{ groupId: 'software.amazon.awssdk', artifactId: 'lambda', version }], MAVEN_CACHE_DIR));
    expect(lines.filter((_, i) => !found[i])).toEqual([]);
    // Six operations, their inputs and outputs, and the structures they reach (FunctionConfiguration, ...).
    expect(seen.size).toBeGreaterThan(12);
  }, 180_000);
});
