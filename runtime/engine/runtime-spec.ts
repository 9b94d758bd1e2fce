import { BUNDLED_SPEC_FILE } from '../../generator/paths.js';
import { SpecIndex } from '../../generator/spec/spec-index.js';
import { credentialSourceOf, withAwsAuthentication } from '../../generator/spec/aws-authentication.js';
import type { ConnectorSpec, CredentialSource } from '../../generator/spec/types.js';
import { loadApiModelFile } from '../../generator/validate/api-model-file.js';
import type { ApiModelView } from '../../generator/validate/api-model-view.js';
import { validateSpecFile } from '../../generator/validate/validate-spec.js';

/** A validated connector spec with its lookups and API model: everything the engine reads. */
export interface RuntimeSpec {
  spec: ConnectorSpec;
  index: SpecIndex;
  api: ApiModelView;
  /** Where assume-role credentials are requested; undefined leaves it to the SDK (AWS_ENDPOINT_URL_STS, or the regional STS endpoint). */
  stsEndpoint?: string | undefined;
}

/**
 * Validates a spec file and returns it ready for the engine; throws with the problems when it is
 * invalid. `credentialSource` overrides the spec's client.credentialSource: against AWS Authentication
 * the engine takes that module's Credentials, ENUM_Region keys and request client configuration.
 */
export function loadRuntimeSpec(specFile: string, options: { credentialSource?: CredentialSource } = {}): RuntimeSpec {
  const result = validateSpecFile(specFile, loadApiModelFile);
  if (!result.spec || !result.index || !result.api) {
    const problems = result.diagnostics
      .slice(0, 5)
      .map((d) => `- ${d.message}`)
      .join('\n');
    throw new Error(`The connector spec ${specFile} is not valid (${result.diagnostics.length} problems):\n${problems}`);
  }
  if (credentialSourceOf(result.spec, options.credentialSource) === 'awsAuthentication') {
    const spec = withAwsAuthentication(result.spec);
    return { spec, index: new SpecIndex(spec), api: result.api };
  }
  return { spec: result.spec, index: result.index, api: result.api };
}

let bundled: RuntimeSpec | undefined;

/** The default bundled spec (package.json's mendixConnector.defaultSpec), validated on first use and kept. */
export function bundledSpec(): RuntimeSpec {
  bundled ??= loadRuntimeSpec(BUNDLED_SPEC_FILE);
  return bundled;
}
