import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../generator/paths.js';
import { loadApiModelFile } from '../../generator/validate/api-model-file.js';
import { validateSpecFile } from '../../generator/validate/validate-spec.js';

/** A spec may be written as JSON: same checks, and syntax errors located in the JSON text. */

const scratch = mkdtempSync(join(tmpdir(), 'json-spec-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function bundledAsJson(): string {
  // The case files and API model are referenced relative to the spec: copy the folder.
  cpSync(join(PACKAGE_ROOT, 'spec'), join(scratch, 'spec'), { recursive: true });
  const data = parse(readFileSync(join(PACKAGE_ROOT, 'spec', 'aws-lambda.connector.yaml'), 'utf8')) as unknown;
  return JSON.stringify(data, null, 2);
}

describe('specs written as JSON', () => {
  it('validates the bundled spec converted to JSON without problems', () => {
    const file = join(scratch, 'spec', 'aws-lambda.connector.json');
    writeFileSync(file, bundledAsJson());
    const result = validateSpecFile(file, loadApiModelFile);
    expect(result.diagnostics).toEqual([]);
    expect(result.spec?.operations.map((o) => o.name)).toEqual([
      'ListFunctions',
      'Invoke',
      'GetFunction',
      'ListVersionsByFunction',
      'ListAliases',
      'DeleteFunction',
    ]);
  });

  it('locates a JSON syntax error and a schema problem by line and column', () => {
    const broken = join(scratch, 'spec', 'broken.connector.json');
    writeFileSync(broken, '{\n  "specVersion": 1,\n  "module": { "name": "X" \n}\n');
    const syntax = validateSpecFile(broken, loadApiModelFile);
    expect(syntax.diagnostics.length).toBeGreaterThan(0);
    expect(syntax.diagnostics[0]?.message).toMatch(/^JSON syntax error: /);
    expect(syntax.diagnostics[0]?.location?.line).toBeGreaterThanOrEqual(3);

    const wrongType = join(scratch, 'spec', 'wrong-type.connector.json');
    writeFileSync(wrongType, bundledAsJson().replace('"specVersion": 1', '"specVersion": "1"'));
    const shape = validateSpecFile(wrongType, loadApiModelFile);
    expect(shape.diagnostics.map((d) => [d.location?.line, d.location?.column, d.message])).toEqual([[2, 18, '"specVersion" must be 1, not the text "1".']]);
  });
});
