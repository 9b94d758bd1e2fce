import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../generator/paths.js';

/** A bundled spec offered as a command of its own: the command name is the spec's service name. */
export interface BundledConnector {
  command: string;
  specFile: string;
}

/**
 * The bundled specs (`spec/*.connector.yaml`) and their command names, read cheaply (the service name
 * line of each file) so that the command line can list them without loading any spec or SDK.
 */
export function bundledConnectors(): BundledConnector[] {
  const dir = join(PACKAGE_ROOT, 'spec');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.connector.yaml'))
    .sort()
    .flatMap((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      const name = /^service:[ \t]*\r?\n[ \t]+name:[ \t]*([A-Za-z0-9-]+)[ \t]*$/m.exec(text)?.[1];
      return name ? [{ command: name, specFile: join(dir, f) }] : [];
    });
}
