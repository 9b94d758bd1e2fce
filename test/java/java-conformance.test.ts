/**
 * The generated Java of every spec the project bundles or keeps as a fixture, compiled and run on the
 * REAL AWS SDK for Java 2.x (jars resolved from Maven Central) and the stand-ins of the Mendix runtime
 * and of Studio Pro's proxies, on two classpaths: the module's own dependencies, and those beside
 * Mendix's AWS Authentication connector (both the Apache and the URL-connection HTTP clients).
 *
 * Compiled with `javac --release 11 -Xlint:all -Werror`. Then every conformance case runs through the
 * compiled action and the SDK's own marshalling: a local HTTP server answers the SDK with the case's
 * AWS responses in the service's wire format (test/wire/aws-wire.ts, itself checked against the
 * JavaScript SDK), and the HTTP requests the SDK sent are decoded and compared with the case's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApiModel } from '../../generator/aws/api-model.js';
import { expectedInput } from '../runtime/case-support.js';
import { decodeRequest } from '../wire/aws-wire.js';
import { loadCatalog } from '../support/spec-catalog.js';
import { buildJava, moduleSources, type JavaBuild } from './java-build.js';
import { caseInput, expectResult, runCases, wireRequest } from './java-cases.js';
import { CLASSPATH_KINDS, skipJavaTests, type ClasspathKind } from './java-classpath.js';
import { domainModelJson } from './mendix-proxies.js';

const skip = skipJavaTests('the Java compile and conformance tests');
const { specs } = loadCatalog();
const work = mkdtempSync(join(tmpdir(), 'java-conformance-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(skip)('generated Java on the real AWS SDK jars', () => {
  it('covers every bundled spec and every test fixture spec that validates', () => {
    expect(specs.map((s) => s.name)).toContain('spec/aws-lambda.connector.yaml');
    expect(specs.length).toBeGreaterThanOrEqual(2);
  });

  for (const entry of specs) {
    for (const kind of CLASSPATH_KINDS) {
      describe(`${entry.name} on the ${kind === 'module' ? "module's own" : 'Mendix app (with AWS Authentication)'} classpath`, () => {
        const dir = join(work, `${entry.spec.module.javaPackage}-${kind}`);
        let build: JavaBuild = { ok: false, output: 'not compiled', classes: '', classpath: '', jars: [] };
        beforeAll(async () => {
          build = await buildJava(dir, entry.spec, moduleSources(entry.spec, entry.index, entry.api), { kind: kind as ClasspathKind, harness: true });
        }, 300_000);

        it('compiles every action and helper with javac --release 11, without a warning', () => {
          expect(build.output).toBe('');
          expect(build.ok).toBe(true);
        });

        it('runs every conformance case through the compiled actions and the real SDK', () => {
          expect(build.ok).toBe(true);
          const model = loadApiModel(resolve(dirname(entry.file), entry.spec.service.apiModel));
          const runs = entry.spec.operations.flatMap((op) => op.cases.map((c) => ({ op, c, input: caseInput(entry, model, op, c) })));
          expect(runs.length).toBeGreaterThan(0);
          const outputs = runCases(
            build,
            dir,
            domainModelJson(entry.spec),
            runs.map((r) => r.input),
          );
          runs.forEach(({ op, c }, i) => {
            const where = `${op.name}: ${c.name}`;
            const actual = outputs[i] ?? { requests: [], error: 'no output', result: null };
            const sent = actual.requests.map((r) => decodeRequest(model, model.protocol, op.action, wireRequest(r)));
            expect(sent, `${where}: requests`).toEqual(c.exchanges.map((e) => expectedInput(e.request)));
            if ('error' in c.expect) {
              expect(actual.error, where).toBe(c.expect.error.message);
              return;
            }
            expect(actual.error, where).toBeNull();
            expectResult(actual.result, c.expect.result, where);
          });
        }, 300_000);
      });
    }
  }
});
