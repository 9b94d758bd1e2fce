import { constants, datatypes, projects } from 'mendixmodelsdk';
import type { ConnectorSpec } from '../spec/types.js';

/**
 * Where the module's documents sit, and the module's version constant.
 *
 * Mendix's guidelines for Marketplace modules ask for a folder named USE_ME holding what the
 * implementing developer uses (docs.mendix.com/appstore/guidelines-creating-modules/), and its
 * best practices for connectors for a `_Docs` folder with a `[ModuleName]_[Version]` string
 * constant as version indicator, and a Private folder for what developers should not touch
 * (docs.mendix.com/appstore/creating-content/best-practices/app-setup/, "Setting Up the Main
 * Connector Module"). Users who know Marketplace modules look for these names, so:
 *
 * - USE_ME holds every document of the module, since microflows use all of them: the activities
 *   (USE_ME/Operations) and the enumerations (USE_ME/Enumerations).
 * - _Docs holds the version constant.
 * - There is no Private folder: the module has no document users should not call. Its internals
 *   are Java classes outside the model (javasource/<package>/impl), and an empty folder would only
 *   suggest there is something to look for.
 *
 * The version constant is named `<Module>_Version` and holds the version (1.2.3) as its value. The
 * guideline's `[Version]` cannot be part of a name (a name has no dots), and a name that changed
 * with every release would break every microflow that reads it; a fixed name can be read at runtime
 * (`@Module.Module_Version` in an expression) by any version.
 */

export const USE_ME_FOLDER = 'USE_ME';
export const DOCS_FOLDER = '_Docs';
/** Folder that holds the activities, as Mendix's own connectors name it. */
export const OPERATIONS_FOLDER = 'Operations';
/** Folder that holds the enumerations. */
export const ENUMERATIONS_FOLDER = 'Enumerations';

/** Folder paths from the module down. */
export const OPERATIONS_FOLDER_PATH: readonly string[] = [USE_ME_FOLDER, OPERATIONS_FOLDER];
export const ENUMERATIONS_FOLDER_PATH: readonly string[] = [USE_ME_FOLDER, ENUMERATIONS_FOLDER];
export const VERSION_CONSTANT_FOLDER_PATH: readonly string[] = [DOCS_FOLDER];

/** The folder at `path` below `container`, made where missing (an existing one of that name is reused). */
export function folderAt(container: projects.IFolderBase, path: readonly string[]): projects.Folder {
  let current: projects.IFolderBase = container;
  for (const name of path) {
    const existing: projects.IFolder | undefined = current.folders.find((f) => f.name === name);
    if (existing) {
      current = existing;
      continue;
    }
    const folder = projects.Folder.createIn(current as projects.FolderBase);
    folder.name = name;
    current = folder;
  }
  if (!(current instanceof projects.Folder)) throw new Error(`internal: no folder at ${path.join('/')}`);
  return current;
}

/** The name of the module's version constant: `<Module>_Version`. */
export function versionConstantName(spec: ConnectorSpec): string {
  return `${spec.module.name}_Version`;
}

/** Adds the String constant holding the module version, with its documentation. */
export function buildVersionConstant(folder: projects.Folder, spec: ConnectorSpec, documentation: string): constants.Constant {
  const constant = constants.Constant.createIn(folder);
  constant.name = versionConstantName(spec);
  datatypes.StringType.createInConstantUnderType(constant);
  constant.defaultValue = spec.module.version;
  constant.documentation = documentation;
  constant.exposedToClient = false;
  return constant;
}
