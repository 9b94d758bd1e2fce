import { generateModule } from '../../generator/generate.js';
import { BUNDLED_SPEC_FILE } from '../../generator/paths.js';
import type { SpecIndex } from '../../generator/spec/spec-index.js';
import type { ConnectorSpec } from '../../generator/spec/types.js';
import { loadApiModelFile } from '../../generator/validate/api-model-file.js';
import { validateSpecFile } from '../../generator/validate/validate-spec.js';

/** The bundled spec, validated, and its generated package: built once per test file. */
export interface BundledPackage {
  spec: ConnectorSpec;
  index: SpecIndex;
  mpk: Uint8Array;
}

let cached: Promise<BundledPackage> | undefined;

export function bundledPackage(): Promise<BundledPackage> {
  cached ??= (async () => {
    const result = validateSpecFile(BUNDLED_SPEC_FILE, loadApiModelFile);
    if (!result.spec || !result.index || !result.api) throw new Error(`bundled spec invalid: ${result.diagnostics.map((d) => d.message).join('; ')}`);
    const generated = await generateModule(result.spec, result.index, result.api);
    const mpk = generated.outputs.find((o) => o.path.endsWith('.mpk'));
    if (!mpk) throw new Error('no package generated');
    return { spec: result.spec, index: result.index, mpk: mpk.bytes };
  })();
  return cached;
}
