import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../generator/paths.js';
import { generateSpecTypes } from '../../runtime/codegen/spec-types.js';
import { bundledSpec } from '../../runtime/engine/runtime-spec.js';
import { OPERATION_NAMES } from '../../runtime/generated/spec-types.js';

const GENERATED_FILE = join(PACKAGE_ROOT, 'runtime', 'generated', 'spec-types.ts');
const SPEC_LABEL = 'spec/aws-lambda.connector.yaml';

describe('generated spec types', () => {
  it('the committed runtime/generated/spec-types.ts is what the bundled spec generates', () => {
    const generated = generateSpecTypes(bundledSpec(), SPEC_LABEL);
    if (process.env['UPDATE_SPEC_TYPES'] === '1') writeFileSync(GENERATED_FILE, generated);
    const committed = readFileSync(GENERATED_FILE, 'utf8');
    expect(committed, 'runtime/generated/spec-types.ts is stale: regenerate it with UPDATE_SPEC_TYPES=1').toBe(generated);
  });

  it('a spec change shows up in the generated text', () => {
    const runtime = bundledSpec();
    const changed = structuredClone(runtime.spec);
    const invocationType = changed.enumerations.find((e) => e.name === 'ENUM_InvocationType');
    invocationType?.values.push({ name: 'Streaming', caption: 'Streaming' });
    const text = generateSpecTypes({ ...runtime, spec: changed }, SPEC_LABEL);
    expect(text).toContain('| "Streaming"');
    expect(text).not.toBe(generateSpecTypes(runtime, SPEC_LABEL));
  });

  it('lists every operation of the spec', () => {
    expect([...OPERATION_NAMES]).toEqual(bundledSpec().spec.operations.map((o) => o.name));
  });

  it('types request attributes as optional and response attributes and associations as always present', () => {
    const text = generateSpecTypes(bundledSpec(), SPEC_LABEL);
    expect(text).toMatch(/export interface InvokeRequest extends AbstractRequest \{[\s\S]*?\n {2}Payload\?: string \| null;/);
    expect(text).toMatch(
      /export interface ListFunctionsResponse \{[\s\S]*?\n {2}NextMarker: string \| null;[\s\S]*?\n {2}Function_ListFunctionsResponse: Function\[\];/,
    );
    expect(text).toMatch(
      /export interface GetFunctionResponse \{[\s\S]*?\n {2}GetFunctionResponse_Function: Function \| null;[\s\S]*?\n {2}Tag_GetFunctionResponse: Tag\[\];/,
    );
    expect(text).toContain('DeleteFunction: { credentials: Credentials; region: ENUM_Region; request: DeleteFunctionRequest; response: boolean };');
  });
});
