import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pngSize } from '../model/icons.js';
import type { ConnectorSpec } from '../spec/types.js';
import type { DiagnosticList } from './diagnostics.js';

/** A toolbox icon file is small; anything larger is not an icon. */
const MAX_ICON_BYTES = 256 * 1024;

const SIZES = { icon: 16, image: 64 } as const;

/**
 * The toolbox icon files (module.toolboxIcon): regular files, PNG, of the sizes Studio Pro shows. On
 * success their paths become absolute (the spec is read relative to its own folder), so the module
 * builder can read them wherever it runs.
 */
export function checkToolboxIcon(spec: ConnectorSpec, specDir: string, out: DiagnosticList): void {
  const icon = spec.module.toolboxIcon;
  if (!icon) return;
  const resolved = { icon: resolve(specDir, icon.icon), image: resolve(specDir, icon.image) };
  let ok = true;
  for (const key of ['icon', 'image'] as const) {
    const path = ['module', 'toolboxIcon', key];
    const size = SIZES[key];
    const hint = `Point ${key} at a ${size} x ${size} PNG file, relative to the spec file.`;
    let bytes: Buffer;
    try {
      const stat = statSync(resolved[key]);
      if (!stat.isFile() || stat.size > MAX_ICON_BYTES) {
        out.add(path, `${icon[key]} is not an icon file (${stat.isFile() ? `${stat.size} bytes` : 'not a regular file'}).`, hint);
        ok = false;
        continue;
      }
      bytes = readFileSync(resolved[key]);
    } catch (error) {
      out.add(path, `Cannot read ${icon[key]} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`, hint);
      ok = false;
      continue;
    }
    const dimensions = pngSize(bytes);
    if (!dimensions) {
      out.add(path, `${icon[key]} is not a PNG file.`, hint);
      ok = false;
    } else if (dimensions.width !== size || dimensions.height !== size) {
      out.add(path, `${icon[key]} is ${dimensions.width} x ${dimensions.height} pixels; the toolbox ${key} is ${size} x ${size}.`, hint);
      ok = false;
    }
  }
  if (ok) spec.module.toolboxIcon = resolved;
}
