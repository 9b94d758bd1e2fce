/**
 * Asking the Model SDK what a Mendix version supports, so model-building code can choose instead of
 * failing (e.g. set `MicroflowActionInfo.iconData` only where it exists).
 *
 * The SDK keeps a lifecycle (introduced / deleted version) per structure type and per property in the
 * static `versionInfo` of each generated class; a property's lifecycle lives on the class that DECLARES
 * it (e.g. `actionDefaultReturnName` on `codeactions.CodeAction`, not `javaactions.JavaAction`), so the
 * class chain is walked. Everything is checked against the metamodel version, which equals the Mendix
 * version `major.minor.patch`.
 */
import { Version, type IModel, type IStructure, type StructureVersionInfo } from 'mendixmodelsdk';
import { parseMendixVersion } from './offline-working-copy.js';

/** A generated Model SDK class (e.g. `domainmodels.Entity`, `codeactions.MicroflowActionInfo`). */
export interface SdkStructureClass {
  readonly structureTypeName: string;
  readonly versionInfo: StructureVersionInfo;
  readonly prototype: object;
}

function toVersion(mendixVersion: string | IModel): Version {
  if (typeof mendixVersion === 'string') return Version.parse(parseMendixVersion(mendixVersion).metaModelVersion);
  return mendixVersion.metaModelVersion;
}

function hasStructureStatics(value: unknown): value is SdkStructureClass {
  return typeof value === 'function' && 'versionInfo' in value && 'structureTypeName' in value;
}

/** Whether the structure type exists in the given Mendix version (or the model's version). */
export function isTypeAvailable(structureClass: SdkStructureClass, version: string | IModel): boolean {
  return structureClass.versionInfo.availability.isAvailableIn(toVersion(version));
}

/**
 * Whether `propertyName` can be read and written on instances of `structureClass` in the given Mendix
 * version (or the model's version). Throws for a name the class does not have at all.
 */
export function isPropertyAvailable(structureClass: SdkStructureClass, propertyName: string, version: string | IModel): boolean {
  if (!(propertyName in structureClass.prototype)) {
    throw new Error(`${structureClass.structureTypeName} has no property '${propertyName}' in the installed mendixmodelsdk.`);
  }
  const target = toVersion(version);
  let current: unknown = structureClass;
  while (hasStructureStatics(current)) {
    // `properties` holds only the properties this class declares with a lifecycle.
    if (Object.prototype.hasOwnProperty.call(current, 'versionInfo')) {
      const info = current.versionInfo.properties[propertyName];
      if (info) return info.availability.isAvailableIn(target);
    }
    current = Object.getPrototypeOf(current);
  }
  return true; // declared without a lifecycle: available in every version of the type
}

/** Whether the given instance has `propertyName` in its model's version (what the SDK itself registered). */
export function instanceHasProperty(structure: IStructure, propertyName: string): boolean {
  return structure.allProperties().some((property) => property.name === propertyName);
}

/** `model` targets at least the given Mendix version. */
export function isAtLeast(model: IModel, mendixVersion: string): boolean {
  return model.metaModelVersion.isAfterOrEqual(toVersion(mendixVersion));
}
