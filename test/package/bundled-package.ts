import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generateModule } from '../../generator/generate.js';
import { BUNDLED_SPEC_FILE, PACKAGE_ROOT } from '../../generator/paths.js';
import { withAwsAuthentication } from '../../generator/spec/aws-authentication.js';
import { SpecIndex } from '../../generator/spec/spec-index.js';
import type { ConnectorSpec, CredentialSource } from '../../generator/spec/types.js';
import { loadApiModelFile } from '../../generator/validate/api-model-file.js';
import { validateSpecFile } from '../../generator/validate/validate-spec.js';

/** A bundled spec, validated, and its generated package: built once per spec and test file. */
export interface BundledPackage {
  /** The spec file relative to the project root, `/`-separated: `spec/aws-lambda.connector.yaml`. */
  name: string;
  spec: ConnectorSpec;
  index: SpecIndex;
  mpk: Uint8Array;
}

/**
 * Every spec the project bundles (`spec/*.connector.yaml`, each generated into dist/ by
 * `npm run generate`), sorted, as absolute paths; the default spec is among them.
 */
export function bundledSpecFiles(): string[] {
  const dir = join(PACKAGE_ROOT, 'spec');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.connector.yaml'))
    .sort()
    .map((f) => join(dir, f));
  if (!files.includes(BUNDLED_SPEC_FILE)) throw new Error(`The default spec ${BUNDLED_SPEC_FILE} is not among the bundled specs ${files.join(', ')}.`);
  return files;
}

/** The project-relative name of a spec file, for test titles. */
export function specName(file: string): string {
  return relative(PACKAGE_ROOT, file).split('\\').join('/');
}

/** Every bundled spec in both forms `npm run generate` writes: its own credential model, and against AWS Authentication. */
export function bundledForms(): Array<{ file: string; credentialSource: CredentialSource; name: string }> {
  return bundledSpecFiles().flatMap((file) =>
    (['module', 'awsAuthentication'] as const).map((credentialSource) => ({
      file,
      credentialSource,
      name: credentialSource === 'module' ? specName(file) : `${specName(file)} (AWS Authentication)`,
    })),
  );
}

const cached = new Map<string, Promise<BundledPackage>>();

/** The package of a bundled spec (the default spec when none is named), in the form asked for. */
export function bundledPackage(file: string = BUNDLED_SPEC_FILE, credentialSource: CredentialSource = 'module'): Promise<BundledPackage> {
  const key = `${file}\u0000${credentialSource}`;
  let known = cached.get(key);
  if (!known) {
    known = (async () => {
      const result = validateSpecFile(file, loadApiModelFile);
      if (!result.spec || !result.index || !result.api)
        throw new Error(`bundled spec ${specName(file)} invalid: ${result.diagnostics.map((d) => d.message).join('; ')}`);
      const spec = credentialSource === 'awsAuthentication' ? withAwsAuthentication(result.spec) : result.spec;
      const index = spec === result.spec ? result.index : new SpecIndex(spec);
      const generated = await generateModule(spec, index, result.api);
      const mpk = generated.outputs.find((o) => o.path.endsWith('.mpk'));
      if (!mpk) throw new Error(`no package generated from ${specName(file)}`);
      return { name: specName(file), spec, index, mpk: mpk.bytes };
    })();
    cached.set(key, known);
  }
  return known;
}
