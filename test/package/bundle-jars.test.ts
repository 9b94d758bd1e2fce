/**
 * `generate --bundle-jars`: the module's Java libraries, resolved with Maven from Maven Central,
 * travel in the package's vendorlib/ folder as in Studio Pro's own exports; without Maven, one clear
 * error and nothing written.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../generator/cli/run-cli.js';
import { captureOutput as capture } from '../support/captured-output.js';
import { parsePackageXml } from '../../generator/mpk/package-xml.js';
import { readZip } from '../../generator/mpk/zip.js';
import { loadBundledSpec } from '../java/java-golden.js';
import { javaClasspath, skipJavaTests } from '../java/java-classpath.js';

const scratch = mkdtempSync(join(tmpdir(), 'bundle-jars-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('generate --bundle-jars', () => {
  it('without Maven stops with one error that names what is missing, exit 1, and writes nothing', async () => {
    const dir = join(scratch, 'no-maven');
    const saved = process.env['MAVEN_CMD'];
    process.env['MAVEN_CMD'] = join(scratch, 'no-such-mvn');
    try {
      const out = capture();
      const code = await runCli(['generate', '--out', dir, '--bundle-jars'], out);
      expect(code).toBe(1);
      expect(out.stderr).toContain('is not installed or not on the PATH');
      expect(out.stderr).toContain('Install Maven');
      expect(out.stderr).toContain('Nothing was written');
      expect(out.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(dir)).toBe(false);
    } finally {
      if (saved === undefined) delete process.env['MAVEN_CMD'];
      else process.env['MAVEN_CMD'] = saved;
    }
  }, 60_000);

  it.skipIf(skipJavaTests('the --bundle-jars test'))(
    "puts every jar of the module's classpath into vendorlib/, listed before the Java sources, byte for byte as Maven resolved it",
    async () => {
      const dir = join(scratch, 'bundled');
      const out = capture();
      expect(await runCli(['generate', '--out', dir, '--bundle-jars'], out)).toBe(0);
      const entries = readZip(new Uint8Array(readFileSync(join(dir, 'AWSLambdaConnector.mpk'))));
      const vendorlib = entries.filter((e) => e.path.startsWith('vendorlib/'));
      const jars = await javaClasspath(loadBundledSpec().spec, 'module');
      expect(vendorlib.map((e) => e.path).sort()).toEqual(jars.map((j) => `vendorlib/${basename(j)}`).sort());
      expect(vendorlib.map((e) => e.path)).toContain('vendorlib/lambda-2.57.8.jar');
      for (const jar of jars)
        expect(sha256(vendorlib.find((e) => e.path === `vendorlib/${basename(jar)}`)?.data ?? new Uint8Array()), jar).toBe(sha256(readFileSync(jar)));
      const listed = parsePackageXml(Buffer.from(entries.find((e) => e.path === 'package.xml')?.data ?? new Uint8Array()).toString('utf8')).files;
      const firstJava = listed.findIndex((p) => p.startsWith('javasource/'));
      const lastJar = listed.map((p) => p.startsWith('vendorlib/')).lastIndexOf(true);
      expect(lastJar).toBeGreaterThanOrEqual(0);
      expect(lastJar).toBeLessThan(firstJava);
      // Without the flag the package has no jars: Studio Pro resolves the declared JarDependencies itself.
      const plain = join(scratch, 'plain');
      expect(await runCli(['generate', '--out', plain], capture())).toBe(0);
      expect(readZip(new Uint8Array(readFileSync(join(plain, 'AWSLambdaConnector.mpk')))).filter((e) => e.path.startsWith('vendorlib/'))).toEqual([]);
    },
    300_000,
  );
});
