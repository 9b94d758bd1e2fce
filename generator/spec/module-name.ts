import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';
import { isJavaReservedWord } from './naming.js';
import { SpecIndex } from './spec-index.js';
import type { ConnectorSpec } from './types.js';

/**
 * Modules Mendix publishes on its Marketplace whose names a generated module must not take (data in
 * spec/marketplace-modules.json): importing a package whose module has the name of one the app
 * already has makes Studio Pro offer to replace it, which breaks every microflow that uses the original.
 */
function marketplaceModules(): ReadonlyArray<{ name: string; what: string }> {
  const data = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'spec', 'marketplace-modules.json'), 'utf8')) as { modules?: Array<{ name: string; what: string }> };
  return data.modules ?? [];
}

/** The Marketplace module a name collides with (Mendix compares module names without regard to case). */
export function marketplaceCollision(name: string): { name: string; what: string } | undefined {
  return marketplaceModules().find((m) => m.name.toLowerCase() === name.toLowerCase());
}

/** Why a module name cannot be used, or undefined when it can. */
export function moduleNameProblem(name: string): string | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return `"${name}" is not a module name: letters, digits and underscores, not starting with a digit.`;
  if (isJavaReservedWord(name.toLowerCase())) return `"${name}" cannot be a module name: its Java package "${name.toLowerCase()}" is a Java reserved word.`;
  if (name.length > 250) return `"${name.slice(0, 40)}..." is longer than 250 characters.`;
  return undefined;
}

/** The spec under another module name: the Java package follows, as Studio Pro derives it (the name in lower case). */
export function renameModule(spec: ConnectorSpec, name: string): { spec: ConnectorSpec; index: SpecIndex } {
  const renamed = structuredClone(spec);
  renamed.module.name = name;
  renamed.module.javaPackage = name.toLowerCase();
  return { spec: renamed, index: new SpecIndex(renamed) };
}
