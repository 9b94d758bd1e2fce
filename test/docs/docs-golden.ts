/**
 * The golden technical reference (test/golden/docs): the documentation generated from the bundled
 * spec, committed so that every change to it shows up in review. Rewrite it with
 *
 *   npm run golden:update
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCS_FOLDER, renderDocs } from '../../generator/docs/render-docs.js';
import { BUNDLED_SPEC_FILE, PACKAGE_ROOT } from '../../generator/paths.js';
import type { SpecIndex } from '../../generator/spec/spec-index.js';
import type { ConnectorSpec } from '../../generator/spec/types.js';
import { loadApiModelFile } from '../../generator/validate/api-model-file.js';
import { validateSpecFile } from '../../generator/validate/validate-spec.js';
import type { OutputFile } from '../../generator/write/write-outputs.js';

export const GOLDEN_DOCS = join(PACKAGE_ROOT, 'test', 'golden', DOCS_FOLDER);

export function loadBundledSpec(): { spec: ConnectorSpec; index: SpecIndex } {
  const result = validateSpecFile(BUNDLED_SPEC_FILE, loadApiModelFile);
  if (!result.spec || !result.index) {
    throw new Error(`The bundled spec is not valid: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  }
  return { spec: result.spec, index: result.index };
}

export function renderBundledDocs(): OutputFile[] {
  const { spec, index } = loadBundledSpec();
  return renderDocs(spec, index);
}

/** The golden file of an output (`docs/X.md` is kept as test/golden/docs/X.md). */
export function goldenPath(output: OutputFile): string {
  return join(GOLDEN_DOCS, output.path.slice(DOCS_FOLDER.length + 1));
}

/** Replaces the golden folder with freshly rendered documentation; returns the files written. */
export function updateDocsGolden(): string[] {
  const outputs = renderBundledDocs();
  rmSync(GOLDEN_DOCS, { recursive: true, force: true });
  mkdirSync(GOLDEN_DOCS, { recursive: true });
  for (const output of outputs) writeFileSync(goldenPath(output), output.bytes);
  return readdirSync(GOLDEN_DOCS).sort();
}
