/**
 * Every spec the project bundles (`spec/*.connector.yaml`) or keeps as a test fixture
 * (`test/specs/*.connector.yaml`), for the tests that run over all of them: the Java compile and
 * conformance tests, the runtime conformance test, the reference. A fixture that does not validate
 * is listed with its problems, so a test can say why it was left out instead of dropping it silently.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PACKAGE_ROOT } from '../../generator/paths.js';
import { withAwsAuthentication } from '../../generator/spec/aws-authentication.js';
import { SpecIndex } from '../../generator/spec/spec-index.js';
import type { ConnectorSpec, CredentialSource } from '../../generator/spec/types.js';
import type { ApiModelView } from '../../generator/validate/api-model-view.js';
import { loadApiModelFile } from '../../generator/validate/api-model-file.js';
import { validateSpecFile } from '../../generator/validate/validate-spec.js';

export interface CatalogSpec {
  /** Relative to the project root, `/`-separated: `spec/aws-lambda.connector.yaml`. */
  name: string;
  file: string;
  spec: ConnectorSpec;
  index: SpecIndex;
  api: ApiModelView;
  /** The form generated: against the module's own credential model (when absent), or against AWS Authentication. */
  credentialSource?: CredentialSource;
}

function specFilesIn(dir: string): string[] {
  return readdirSync(join(PACKAGE_ROOT, dir))
    .filter((f) => f.endsWith('.connector.yaml') || f.endsWith('.connector.json'))
    .sort()
    .map((f) => join(PACKAGE_ROOT, dir, f));
}

export function catalogFiles(): string[] {
  return [...specFilesIn('spec'), ...specFilesIn(join('test', 'specs'))];
}

/** The specs that validate, and the names of those that do not with their first problem. */
export function loadCatalog(): { specs: CatalogSpec[]; invalid: Array<{ name: string; problem: string }> } {
  const specs: CatalogSpec[] = [];
  const invalid: Array<{ name: string; problem: string }> = [];
  for (const file of catalogFiles()) {
    const name = relative(PACKAGE_ROOT, file).split('\\').join('/');
    const result = validateSpecFile(file, loadApiModelFile);
    if (result.spec && result.index && result.api) {
      specs.push({ name, file, spec: result.spec, index: result.index, api: result.api, credentialSource: 'module' });
      // The bundled connectors ship in both forms: the other one too.
      if (name.startsWith('spec/')) {
        const spec = withAwsAuthentication(result.spec);
        specs.push({ name: `${name} (AWS Authentication)`, file, spec, index: new SpecIndex(spec), api: result.api, credentialSource: 'awsAuthentication' });
      }
    } else invalid.push({ name, problem: result.diagnostics[0]?.message ?? 'invalid' });
  }
  return { specs, invalid };
}
