/**
 * The golden copy of the Java sources rendered from the bundled spec, under test/golden/javasource.
 * The tests compare against it byte for byte; `updateJavaGolden()` rewrites it after an intended
 * change (run `npm run golden:update`, then review the diff).
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { renderJavaSources, type RenderedJavaFile } from '../../generator/java/render-java.js';
import { BUNDLED_SPEC_FILE, PACKAGE_ROOT } from '../../generator/paths.js';
import { loadApiModelFile } from '../../generator/validate/api-model-file.js';
import { validateSpecFile, type ValidationResult } from '../../generator/validate/validate-spec.js';

export const GOLDEN_ROOT = join(PACKAGE_ROOT, 'test', 'golden');
export const GOLDEN_JAVASOURCE = join(GOLDEN_ROOT, 'javasource');

export type ValidSpec = Required<Pick<ValidationResult, 'spec' | 'index' | 'api'>>;

export function loadBundledSpec(): ValidSpec {
  const result = validateSpecFile(BUNDLED_SPEC_FILE, loadApiModelFile);
  if (!result.spec || !result.index || !result.api) {
    throw new Error(`The bundled spec is invalid: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  }
  return { spec: result.spec, index: result.index, api: result.api };
}

export function renderBundledJava(): RenderedJavaFile[] {
  const { spec, index, api } = loadBundledSpec();
  return renderJavaSources(spec, index, api);
}

/** Every file under a folder, as `/`-separated paths relative to `base`, sorted. */
export function listFiles(folder: string, base: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(base, full).split(sep).join('/'));
    }
  };
  walk(folder);
  return out.sort();
}

/** Replaces the golden javasource folder with what the generator renders now; returns the paths written. */
export function updateJavaGolden(root: string = GOLDEN_ROOT): string[] {
  const files = renderBundledJava();
  rmSync(join(root, 'javasource'), { recursive: true, force: true });
  for (const file of files) {
    const target = join(root, ...file.path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.bytes);
  }
  return files.map((f) => f.path);
}
