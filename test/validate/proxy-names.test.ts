/**
 * Attribute names that would clash with the Java proxy Studio Pro generates for every entity are
 * refused with their location: getClass(), getMendixObject(), getContext(), and the static getType()
 * (test/java/MENDIX-STAND-INS.md), which the getter of an attribute Type would clash with.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../generator/paths.js';
import { loadApiModelFile } from '../../generator/validate/api-model-file.js';
import { validateSpecFile } from '../../generator/validate/validate-spec.js';

const original = readFileSync(join(PACKAGE_ROOT, 'test', 'specs', 'minimal.connector.yaml'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'proxy-names-'));
cpSync(join(PACKAGE_ROOT, 'spec', 'api'), join(work, 'api'), { recursive: true });
afterAll(() => rmSync(work, { recursive: true, force: true }));

it.each(['Type', 'context', 'MendixObject'])('refuses an attribute named %s, at its name', (name) => {
  const anchor = '      - { name: RoleSessionName, type: String, length: 64, documentation: Session name. }\n';
  expect(original).toContain(anchor);
  const file = join(work, `${name}.connector.yaml`);
  writeFileSync(
    file,
    original
      .replace(anchor, `${anchor}      - { name: ${name}, type: String, documentation: Clashes. }\n`)
      .replace(/apiModel: [^\n]+/, 'apiModel: api/aws-lambda.api.json'),
  );
  const problems = validateSpecFile(file, loadApiModelFile).diagnostics.map((d) => `${d.path.join('.')}: ${d.message}`);
  expect(problems).toEqual([
    `entities.0.attributes.7.name: Attribute name "${name}" clashes with a method of the Java proxy Studio Pro generates (get${name}()).`,
  ]);
});
