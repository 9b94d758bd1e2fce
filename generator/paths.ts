import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of this package, found by walking up from this file. The code runs both from its
 * TypeScript sources (tests) and from compiled JavaScript under build/, so a fixed relative path
 * would be right in only one of the two.
 */
function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'spec', 'connector.schema.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the mendix-connector package folder (spec/connector.schema.json is missing).');
    dir = parent;
  }
}

export const PACKAGE_ROOT = findPackageRoot();

/** The fields of this package's package.json the tool reads, read once. */
export const PACKAGE_JSON = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
  version: string;
  mendixConnector?: { defaultSpec?: unknown };
};
export const SCHEMA_FILE = join(PACKAGE_ROOT, 'spec', 'connector.schema.json');
/**
 * The spec `validate` and `generate` use when none is named: package.json's
 * `mendixConnector.defaultSpec`, relative to the package folder.
 */
function defaultSpecFile(): string {
  const file = PACKAGE_JSON.mendixConnector?.defaultSpec;
  if (typeof file !== 'string') throw new Error('package.json has no mendixConnector.defaultSpec.');
  return join(PACKAGE_ROOT, ...file.split('/'));
}

export const BUNDLED_SPEC_FILE = defaultSpecFile();
export const TEMPLATES_DIR = join(PACKAGE_ROOT, 'templates');
