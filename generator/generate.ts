import { renderDocs } from './docs/render-docs.js';
import { modulePackageEntries } from './emit/emit-package.js';
import { deflateLargeEntries } from './mpk/deflate-thread.js';
import { preloadSqlite } from './mpk/mpr.js';
import { writeZip } from './mpk/zip.js';
import { renderJavaSources } from './java/render-java.js';
import { loadTarget, SUPPORTED_MENDIX_VERSIONS } from './emit/targets.js';
import { UserError } from './cli/exit-codes.js';
import type { SpecIndex } from './spec/spec-index.js';
import type { ConnectorSpec } from './spec/types.js';
import type { ApiModelView } from './validate/api-model-view.js';
import type { OutputFile } from './write/write-outputs.js';

/**
 * The generator's pipeline after validation: everything `generate` writes, as files in memory.
 * Nothing touches the disk here, so the same function serves `generate`, `--dry-run`, `--check`,
 * the tests and the benchmark.
 */

export interface GenerateOptions {
  /** Target Mendix version; the spec's module.mendixVersion when absent. */
  mendixVersion?: string;
  /** Jars to ship in the package's vendorlib/ folder (`generate --bundle-jars`); none by default. */
  vendorJars?: OutputFile[];
}

export interface GeneratedModule {
  mendixVersion: string;
  /** Files of the module that go into the package and an app (Java sources, `javasource/...`). */
  moduleFiles: OutputFile[];
  /** What `generate` writes into the output folder: the package and the technical reference. */
  outputs: OutputFile[];
}

export function packageFileName(spec: ConnectorSpec): string {
  return `${spec.module.name}.mpk`;
}

export async function generateModule(spec: ConnectorSpec, index: SpecIndex, api: ApiModelView, options: GenerateOptions = {}): Promise<GeneratedModule> {
  const mendixVersion = options.mendixVersion ?? spec.module.mendixVersion;
  const target = loadTarget(mendixVersion);
  if (!target) {
    throw new UserError(
      `Mendix ${mendixVersion} is not a supported target.`,
      `Supported: ${SUPPORTED_MENDIX_VERSIONS.join(', ')}. A package imports into its own and every later Studio Pro version, so ${SUPPORTED_MENDIX_VERSIONS[0]} also serves newer apps.`,
    );
  }
  preloadSqlite();
  const moduleFiles: OutputFile[] = renderJavaSources(spec, index, api);
  // Studio Pro's own exports list vendorlib/ before javasource/.
  const entries = await modulePackageEntries(spec, index, target, [...(options.vendorJars ?? []), ...moduleFiles]);
  // A large project.mpr is deflated in a helper thread while the technical reference is rendered here.
  const deflating = deflateLargeEntries(entries);
  const docs = renderDocs(spec, index);
  const mpk = writeZip(entries, { deflated: await deflating });
  return { mendixVersion, moduleFiles, outputs: [{ path: packageFileName(spec), bytes: mpk }, ...docs] };
}
