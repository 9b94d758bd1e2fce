/**
 * Getting unit contents out of a Model SDK model, as plain JSON.
 *
 * Works on any `IModel` (offline or a real working copy): it only uses public SDK API (`toJSON()`,
 * `allUnits()`, `load`, the structural child properties). Not-yet-loaded model units are loaded first.
 *
 * The result is in the SDK's own unit JSON form (`IAbstractUnitJson`), the same form the Model API server
 * serves and `openOfflineModel({ units })` accepts, so extracted units can be loaded back:
 *   { $ID, $Type, containerId, containmentName, contents }
 * - `$Type` is the SDK's structure type name (`DomainModels$DomainModel`, `DomainModels$Entity`,
 *   `Projects$Module`), NOT the storage name (`DomainModels$EntityImpl`, `Projects$ModuleImpl`).
 * - property names are the SDK's camelCase public names (`generalization`, `location: {x, y}`, `type`,
 *   `actionParameters`, `modelerActionInfo`), NOT storage names (`MaybeGeneralization`, `Location: "x;y"`,
 *   `NewType`, `Parameters`, `MicroflowActionInfo`). Every available property is present, with its default.
 * - `containmentName` is the SDK's (`modules`, `domainModel`, `moduleSecurity`, `moduleSettings`,
 *   `folders`, `documents`, `projectDocuments`); storage uses PascalCase (`Modules`, `DomainModel`, ...).
 * - references by name are qualified-name strings (`"TestModule.Base"`), lists of them string arrays;
 *   references by id (association `parent`/`child`) are the target's `$ID` string;
 *   blobs (`iconData`, `imageData`) are whatever string was assigned (the SDK does not check it; the
 *   Model API carries binary as base64, so assign base64) or null; points are `{x, y}` objects.
 * - the order of the list is the project tree order: a container before its children; a module's folders
 *   and documents come before its domain model, settings and security (SDK property declaration order).
 * - structural units (project, modules, folders) carry only their primitive properties; their children
 *   are separate units pointing back through `containerId`.
 */
import {
  StructuralChildListProperty,
  StructuralChildProperty,
  StructuralUnit,
  type IAbstractElementJson,
  type IAbstractUnit,
  type IAbstractUnitJson,
  type IModel,
  type IModelUnit,
  type IStructuralUnit,
} from 'mendixmodelsdk';

type ChildUnit = IStructuralUnit | IModelUnit;

/** One unit in the SDK's unit JSON form. */
export type SdkUnitJson = IAbstractUnitJson;

export interface ExtractUnitsOptions {
  /**
   * Only this structural unit (e.g. a module) and everything under it. The project root and its other
   * children are left out. Default: the whole project, root included.
   */
  readonly under?: IStructuralUnit;
}

function isStructuralUnit(unit: IAbstractUnit): unit is IStructuralUnit {
  return unit instanceof StructuralUnit;
}

function childPropertiesOf(unit: IAbstractUnit): Array<StructuralChildProperty<ChildUnit> | StructuralChildListProperty<ChildUnit>> {
  const result: Array<StructuralChildProperty<ChildUnit> | StructuralChildListProperty<ChildUnit>> = [];
  for (const property of unit.allProperties()) {
    if (property instanceof StructuralChildProperty || property instanceof StructuralChildListProperty) {
      result.push(property as StructuralChildProperty<ChildUnit> | StructuralChildListProperty<ChildUnit>);
    }
  }
  return result;
}

/** The SDK containment name of a unit inside its container ("" for the project root). */
export function containmentNameOf(unit: IAbstractUnit): string {
  const container = unit.container as IAbstractUnit | null;
  if (!container || container === unit) return '';
  for (const property of childPropertiesOf(container)) {
    if (property instanceof StructuralChildProperty) {
      if (property.get() === unit) return property.name;
    } else if (property.get().some((child) => child === unit)) {
      return property.name;
    }
  }
  throw new Error(`Unit ${unit.structureTypeName} ${unit.id} is not among the children of its container ${container.structureTypeName} ${container.id}.`);
}

/**
 * The units of the project tree in a stable order: a container before its children, children in the
 * order of the container's structural properties (as the SDK declares them) and, within a list, in
 * list order.
 */
export function unitsInTreeOrder(model: IModel, under?: IStructuralUnit): IAbstractUnit[] {
  const start: IAbstractUnit = under ?? model.root;
  const ordered: IAbstractUnit[] = [];
  const visit = (unit: IAbstractUnit): void => {
    ordered.push(unit);
    if (!isStructuralUnit(unit)) return;
    for (const property of childPropertiesOf(unit)) {
      if (property instanceof StructuralChildProperty) {
        const child = property.get();
        if (child) visit(child);
      } else {
        for (const child of property.get()) visit(child);
      }
    }
  };
  visit(start);
  return ordered;
}

/** Converts one (loaded) unit to the SDK unit JSON form. */
export function unitToJson(unit: IAbstractUnit): SdkUnitJson {
  if (!unit.isLoaded) {
    throw new Error(`Unit ${unit.structureTypeName} ${unit.id} is not loaded; load it before converting it to JSON.`);
  }
  const json = unit.toJSON() as IAbstractElementJson;
  const { $ID, $Type, ...contents } = json;
  const container = unit.container as IAbstractUnit | null;
  return {
    $ID,
    $Type,
    containerId: container ? container.id : unit.id,
    containmentName: containmentNameOf(unit),
    contents,
  };
}

/**
 * Extracts all units (or those under `options.under`) as SDK unit JSON, loading model units that are
 * not loaded yet. Pending SDK changes are flushed first so that the JSON reflects every edit.
 */
export async function extractUnits(model: IModel, options: ExtractUnitsOptions = {}): Promise<SdkUnitJson[]> {
  await model.flushChanges();
  const units = unitsInTreeOrder(model, options.under);
  for (const unit of units) {
    if (!unit.isLoaded && unit.isLoadable) {
      await model.loadUnitById(unit.id, false);
    }
  }
  return units.map(unitToJson);
}
