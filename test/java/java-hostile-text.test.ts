/**
 * Spec text that reaches the generated Java is encoded for where it lands: documentation in Javadoc
 * comments, API values and defaults in string literals. javac reads `\u` escapes before anything
 * else, even inside comments, so unencoded text could fail the compile ("illegal unicode escape") or
 * close a comment and put code into the module. Hostile strings go through every such place of the
 * bundled spec; the result must compile without a warning on the real SDK jars, keep each string
 * intact (read back from the compiled constants and the comments), and contain no injected class.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderJavaSources } from '../../generator/java/render-java.js';
import type { ConnectorSpec } from '../../generator/spec/types.js';
import { SpecIndex } from '../../generator/spec/spec-index.js';
import { loadBundledSpec } from './java-golden.js';
import { buildJava } from './java-build.js';
import { skipJavaTests } from './java-classpath.js';

const HOSTILE = [
  'C:\\users\\mendix',
  '\\u002a/ class InjectedA { } /\\u002a',
  '*/ class InjectedB { } /*',
  'first\r\nsecond\rthird\nfourth',
  'nul\u0000 bell\u0007 escape\u001b del\u007f',
  '"double" \'single\' \\" \\\\u0022',
  '\\u000a class InjectedC { }',
  'non-ASCII: é ö 漢字 😀 \u2028 \u2029',
  '&amp; <b>html</b> &#92;',
];

const work = mkdtempSync(join(tmpdir(), 'java-hostile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The bundled spec with hostile text in every documentation, API value and default that reaches Java. */
function hostileSpec(): ConnectorSpec {
  const { spec } = loadBundledSpec();
  const copy = structuredClone(spec);
  copy.operations.forEach((op, i) => (op.documentation = HOSTILE[i % HOSTILE.length] ?? ''));
  // The region enumeration's API values reach the Java as string literals; enumerations mapped to API
  // members must keep the API's own values, which the plan checks.
  copy.enumerations
    .filter((e) => e.name === copy.client.region.enumeration)
    .forEach((e, i) => e.values.forEach((v, j) => (v.apiValue = `${HOSTILE[(i + j) % HOSTILE.length] ?? ''}#${i}.${j}`)));
  const credentials = copy.entities.find((e) => e.name === copy.client.credentials.entity);
  const sessionName = credentials?.attributes.find((a) => a.name === copy.client.credentials.roleSessionName);
  if (!sessionName) throw new Error('no session name attribute');
  sessionName.default = HOSTILE.join(' | ');
  return copy;
}

describe.skipIf(skipJavaTests('the hostile-text Java test'))('spec text in the generated Java', () => {
  it('compiles without a warning, keeps every string intact, and lets nothing out of a comment', async () => {
    const { api } = loadBundledSpec();
    const spec = hostileSpec();
    const index = new SpecIndex(spec);
    const sources = renderJavaSources(spec, index, api).map((f) => ({ path: f.path.replace(/^javasource\//, ''), text: f.bytes }));
    const build = await buildJava(work, spec, sources, { kind: 'module' });
    expect(build.output).toBe('');
    expect(build.ok).toBe(true);

    // Nothing but the module's own classes was compiled from the generated sources.
    const classes = readdirSync(join(build.classes, spec.module.javaPackage, 'actions'));
    expect(classes.filter((c) => /Injected/.test(c))).toEqual([]);
    expect(readdirSync(build.classes).filter((c) => /Injected/.test(c))).toEqual([]);

    // The API values arrive in the compiled constants exactly: EnumValues.apiValue of each constant.
    const enumeration = spec.enumerations.find((e) => e.name === spec.client.region.enumeration);
    if (!enumeration) throw new Error('no region enumeration');
    const probe = `
      public class ReadBack {
        public static void main(String[] a) {
          for (${spec.module.javaPackage}.proxies.${enumeration.name} v : ${spec.module.javaPackage}.proxies.${enumeration.name}.values())
            System.out.println(java.util.Base64.getEncoder().encodeToString(${spec.module.javaPackage}.impl.EnumValues.apiValue(v).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
      }`;
    const probeBuild = await buildJava(join(work, 'probe'), spec, [...sources, { path: 'ReadBack.java', text: probe }], { kind: 'module' });
    expect(probeBuild.output).toBe('');
    const values = execFileSync('java', ['-cp', probeBuild.classpath, 'ReadBack'], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => Buffer.from(l, 'base64').toString('utf8'));
    expect(values).toEqual(enumeration.values.map((v) => v.apiValue));
  }, 300_000);
});
