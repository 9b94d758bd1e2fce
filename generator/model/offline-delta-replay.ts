/**
 * Rebuilds unit JSON from the deltas the Model SDK sent to the offline client.
 *
 * The SDK describes every edit as a delta (see mendixmodelsdk `sdk/internal/deltas/deltas.d.ts`):
 *  - CREATE_UNIT_TREE      { unitId, containerId, containmentName, contentType, unitTree }
 *  - CREATE_ELEMENT_TREE   { unitId, parentId, parentPropertyName, additionIndex?, elementTree }
 *  - UPDATE_PROPERTY_VALUE { unitId, elementId, propertyName, mutator: CHANGE(value, updateIndex?) | ADD(value, insertionIndex?) | REMOVE(removalIndex) }
 *  - DELETE_ELEMENT / DETACH_ELEMENT / ATTACH_ELEMENT { unitId, elementId, newParentId?, newParentPropertyName?, newIndex? }
 *  - DELETE_UNIT           { unitId }
 * Trees are the SDK's `toJSON()` of the new structure at creation time (SDK names, every property with
 * its default), and later changes arrive as property updates, so replaying the log in order reproduces
 * each unit's `toJSON()` exactly. This module is that replay on plain JSON; it exists to prove (and
 * test) that the recorded log is a complete description of the model, and as an alternative way to
 * get the contents of units created offline without walking the SDK model.
 */
import type { Delta, IAbstractElementJson } from 'mendixmodelsdk';
import type { SdkUnitJson } from './sdk-unit-export.js';

type JsonObject = { [key: string]: unknown };

interface ReplayUnit {
  id: string;
  type: string;
  containerId: string;
  containmentName: string;
  tree: IAbstractElementJson;
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Finds the element with the given id in a tree, with its parent object and property. */
function locate(root: JsonObject, id: string): { element: JsonObject; parent: JsonObject | null; property: string | null } | null {
  if (root['$ID'] === id) return { element: root, parent: null, property: null };
  for (const [key, value] of Object.entries(root)) {
    if (isObject(value)) {
      if (value['$ID'] === id) return { element: value, parent: root, property: key };
      const found = locate(value, id);
      if (found) return found;
    } else if (Array.isArray(value)) {
      for (const item of value) {
        if (!isObject(item)) continue;
        if (item['$ID'] === id) return { element: item, parent: root, property: key };
        const found = locate(item, id);
        if (found) return found;
      }
    }
  }
  return null;
}

function removeFromParent(parent: JsonObject, property: string, element: JsonObject): void {
  const value = parent[property];
  if (Array.isArray(value)) {
    const index = value.indexOf(element);
    if (index >= 0) value.splice(index, 1);
  } else {
    parent[property] = null;
  }
}

function insertInto(parent: JsonObject, property: string, element: JsonObject, index: number | undefined): void {
  const value = parent[property];
  if (Array.isArray(value)) {
    if (index === undefined) value.push(element);
    else value.splice(index, 0, element);
  } else {
    parent[property] = element;
  }
}

/**
 * Replays deltas (in the order they were sent) and returns the resulting units in SDK unit JSON form,
 * in order of creation. Units that existed before the log started (e.g. the project root) are not known
 * to the replay; deltas on them are ignored unless they are passed in `existing`.
 */
export function replayDeltas(deltas: readonly Delta[], existing: readonly SdkUnitJson[] = []): SdkUnitJson[] {
  const units = new Map<string, ReplayUnit>();
  const detached = new Map<string, JsonObject>();
  for (const unit of existing) {
    units.set(unit.$ID, {
      id: unit.$ID,
      type: unit.$Type,
      containerId: unit.containerId,
      containmentName: unit.containmentName,
      tree: { ...clone(unit.contents), $ID: unit.$ID, $Type: unit.$Type },
    });
  }

  const elementIn = (unitId: string, elementId: string, deltaType: string): { element: JsonObject; parent: JsonObject | null; property: string | null } => {
    const unit = units.get(unitId);
    if (!unit) throw new Error(`${deltaType}: unknown unit ${unitId}`);
    const found = locate(unit.tree, elementId);
    if (found) return found;
    const loose = detached.get(elementId);
    if (loose) return { element: loose, parent: null, property: null };
    throw new Error(`${deltaType}: element ${elementId} not found in unit ${unitId}`);
  };

  for (const delta of deltas) {
    switch (delta.deltaType) {
      case 'CREATE_UNIT_TREE':
        units.set(delta.unitId, {
          id: delta.unitId,
          type: delta.contentType,
          containerId: delta.containerId,
          containmentName: delta.containmentName,
          tree: clone(delta.unitTree) as IAbstractElementJson,
        });
        break;
      case 'DELETE_UNIT': {
        // The SDK sends one DELETE_UNIT for a structural unit; everything under it goes too.
        const doomed = new Set([delta.unitId]);
        let grew = true;
        while (grew) {
          grew = false;
          for (const unit of units.values()) {
            if (!doomed.has(unit.id) && doomed.has(unit.containerId)) {
              doomed.add(unit.id);
              grew = true;
            }
          }
        }
        for (const id of doomed) units.delete(id);
        break;
      }
      case 'CREATE_ELEMENT_TREE': {
        if (!units.has(delta.unitId)) break;
        const { element: parent } = elementIn(delta.unitId, delta.parentId, delta.deltaType);
        insertInto(parent, delta.parentPropertyName, clone(delta.elementTree) as JsonObject, delta.additionIndex);
        break;
      }
      case 'UPDATE_PROPERTY_VALUE': {
        if (!units.has(delta.unitId)) break;
        const { element } = elementIn(delta.unitId, delta.elementId, delta.deltaType);
        const mutator = delta.mutator;
        const current = element[delta.propertyName];
        if (mutator.mutatorType === 'CHANGE') {
          if (Array.isArray(current) && mutator.updateIndex !== undefined) current[mutator.updateIndex] = clone(mutator.value);
          else element[delta.propertyName] = clone(mutator.value);
        } else if (mutator.mutatorType === 'ADD') {
          const list = Array.isArray(current) ? current : [];
          list.splice(mutator.insertionIndex ?? list.length, 0, clone(mutator.value));
          element[delta.propertyName] = list;
        } else {
          if (!Array.isArray(current)) throw new Error(`REMOVE on non-list property '${delta.propertyName}'`);
          current.splice(mutator.removalIndex, 1);
        }
        break;
      }
      case 'DELETE_ELEMENT': {
        if (!units.has(delta.unitId)) break;
        const found = elementIn(delta.unitId, delta.elementId, delta.deltaType);
        if (found.parent && found.property) removeFromParent(found.parent, found.property, found.element);
        detached.delete(delta.elementId);
        break;
      }
      case 'DETACH_ELEMENT': {
        if (!units.has(delta.unitId)) break;
        const found = elementIn(delta.unitId, delta.elementId, delta.deltaType);
        if (found.parent && found.property) removeFromParent(found.parent, found.property, found.element);
        detached.set(delta.elementId, found.element);
        break;
      }
      case 'ATTACH_ELEMENT': {
        if (!units.has(delta.unitId)) break;
        const element = detached.get(delta.elementId);
        if (!element) throw new Error(`ATTACH_ELEMENT: element ${delta.elementId} is not detached`);
        const { element: parent } = elementIn(delta.unitId, delta.newParentId, delta.deltaType);
        insertInto(parent, delta.newParentPropertyName, element, delta.newIndex);
        detached.delete(delta.elementId);
        break;
      }
    }
  }

  return [...units.values()].map((unit) => {
    const contents: JsonObject = { ...unit.tree };
    delete contents['$ID'];
    delete contents['$Type'];
    return { $ID: unit.id, $Type: unit.type, containerId: unit.containerId, containmentName: unit.containmentName, contents };
  });
}
