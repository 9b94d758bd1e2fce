import {
  binary,
  double,
  guidOf,
  guidValue,
  int64,
  isStorageObject,
  list,
  StorageBinary,
  StorageDouble,
  StorageInt64,
  StorageList,
  type StorageObject,
  type StorageValue,
} from '../mpk/storage-bson.js';

/**
 * The explicit table between the Model SDK's JSON (`toJSON()`: camelCase names, SDK type names) and
 * Mendix's storage format (PascalCase names, storage type names, BSON types, list markers), for every
 * type the generator emits. Facts from real Studio Pro 10.21 exports; a test compares every row with
 * the committed fingerprint of such an export.
 *
 * One table serves both directions: the package writer (SDK -> storage) and the package reader
 * (storage -> SDK, to load a package back into a Model SDK model).
 */

/** How one property is converted. */
export type Conversion =
  | { kind: 'string' }
  | { kind: 'boolean' }
  | { kind: 'int64' }
  | { kind: 'double' }
  /** A GUID-valued property (e.g. `dataStorageGuid`): UUID text <-> 16-byte Binary. */
  | { kind: 'guid' }
  /** A reference by id to another element (association ends): UUID text <-> 16-byte Binary. */
  | { kind: 'idReference' }
  /** A reference by qualified name; the SDK's null is stored as an empty string. */
  | { kind: 'nameReference' }
  /** A position `{x, y}` stored as the text `x;y`. */
  | { kind: 'point' }
  /** Image bytes: base64 text (or null) in the SDK, Binary (empty when unset) in storage. */
  | { kind: 'image' }
  /** One nested object, or null. */
  | { kind: 'part' }
  /** A list of nested objects, stored behind its list marker. */
  | { kind: 'parts'; marker: number }
  /** A list of qualified names, stored behind its list marker. */
  | { kind: 'nameReferences'; marker: number };

export interface PropertyMapping {
  storage: string;
  conversion: Conversion;
}

export interface TypeMapping {
  storageType: string;
  properties: Record<string, PropertyMapping>;
}

const str = (storage: string): PropertyMapping => ({ storage, conversion: { kind: 'string' } });
const bool = (storage: string): PropertyMapping => ({ storage, conversion: { kind: 'boolean' } });
const i64 = (storage: string): PropertyMapping => ({ storage, conversion: { kind: 'int64' } });
const dbl = (storage: string): PropertyMapping => ({ storage, conversion: { kind: 'double' } });
const guid = (storage: string): PropertyMapping => ({ storage, conversion: { kind: 'guid' } });
const idRef = (storage: string): PropertyMapping => ({ storage, conversion: { kind: 'idReference' } });
const nameRef = (storage: string): PropertyMapping => ({ storage, conversion: { kind: 'nameReference' } });
const point = (storage: string): PropertyMapping => ({ storage, conversion: { kind: 'point' } });
const image = (storage: string): PropertyMapping => ({ storage, conversion: { kind: 'image' } });
const part = (storage: string): PropertyMapping => ({ storage, conversion: { kind: 'part' } });
const parts = (storage: string, marker: number): PropertyMapping => ({ storage, conversion: { kind: 'parts', marker } });
const nameRefs = (storage: string, marker: number): PropertyMapping => ({ storage, conversion: { kind: 'nameReferences', marker } });

/** Mendix 10.21 storage, keyed by the SDK's `$Type`. */
export const STORAGE_MAPPING_10_21: Readonly<Record<string, TypeMapping>> = {
  Projects$Project: { storageType: 'Projects$Project', properties: { isSystemProject: bool('IsSystemProject') } },
  Projects$Module: {
    storageType: 'Projects$ModuleImpl',
    properties: {
      name: str('Name'),
      sortIndex: dbl('NewSortIndex'),
      fromAppStore: bool('FromAppStore'),
      appStoreGuid: str('AppStoreGuid'),
      appStoreVersionGuid: str('AppStoreVersionGuid'),
      appStoreVersion: str('AppStoreVersion'),
      appStorePackageId: i64('AppStorePackageId'),
      isThemeModule: bool('IsThemeModule'),
    },
  },
  Projects$Folder: { storageType: 'Projects$Folder', properties: { name: str('Name') } },
  Projects$ModuleSettings: {
    storageType: 'Projects$ModuleSettings',
    properties: {
      exportLevel: str('ExportLevel'),
      protectedModuleType: str('ProtectedModuleType'),
      version: str('Version'),
      solutionIdentifier: str('SolutionIdentifier'),
      extensionName: str('ExtensionName'),
      jarDependencies: parts('JarDependencies', 2),
      basedOnVersion: str('BasedOnVersion'),
    },
  },
  Projects$JarDependency: {
    storageType: 'Projects$JarDependency',
    properties: {
      groupId: str('GroupId'),
      artifactId: str('ArtifactId'),
      version: str('Version'),
      isIncluded: bool('IsIncluded'),
      exclusions: parts('Exclusions', 2),
    },
  },
  Security$ModuleSecurity: { storageType: 'Security$ModuleSecurity', properties: { moduleRoles: parts('ModuleRoles', 3) } },
  Security$ModuleRole: { storageType: 'Security$ModuleRole', properties: { name: str('Name'), description: str('Description') } },
  DomainModels$DomainModel: {
    storageType: 'DomainModels$DomainModel',
    properties: {
      documentation: str('Documentation'),
      entities: parts('Entities', 3),
      annotations: parts('Annotations', 3),
      associations: parts('Associations', 3),
      crossAssociations: parts('CrossAssociations', 3),
    },
  },
  DomainModels$Entity: {
    storageType: 'DomainModels$EntityImpl',
    properties: {
      name: str('Name'),
      dataStorageGuid: guid('GUID'),
      location: point('Location'),
      documentation: str('Documentation'),
      generalization: part('MaybeGeneralization'),
      attributes: parts('Attributes', 3),
      validationRules: parts('ValidationRules', 3),
      eventHandlers: parts('Events', 3),
      indexes: parts('Indexes', 3),
      accessRules: parts('AccessRules', 3),
      image: nameRef('Image'),
      imageData: image('ImageData'),
      source: part('Source'),
      exportLevel: str('ExportLevel'),
    },
  },
  DomainModels$NoGeneralization: {
    storageType: 'DomainModels$NoGeneralization',
    properties: {
      hasChangedDate: bool('HasChangedDateAttr'),
      hasCreatedDate: bool('HasCreatedDateAttr'),
      hasOwner: bool('HasOwnerAttr'),
      hasChangedBy: bool('HasChangedByAttr'),
      persistable: bool('Persistable'),
    },
  },
  DomainModels$Generalization: { storageType: 'DomainModels$Generalization', properties: { generalization: nameRef('Generalization') } },
  DomainModels$Attribute: {
    storageType: 'DomainModels$Attribute',
    properties: {
      name: str('Name'),
      dataStorageGuid: guid('GUID'),
      type: part('NewType'),
      documentation: str('Documentation'),
      value: part('Value'),
      exportLevel: str('ExportLevel'),
    },
  },
  DomainModels$StringAttributeType: { storageType: 'DomainModels$StringAttributeType', properties: { length: i64('Length') } },
  DomainModels$IntegerAttributeType: { storageType: 'DomainModels$IntegerAttributeType', properties: {} },
  DomainModels$LongAttributeType: { storageType: 'DomainModels$LongAttributeType', properties: {} },
  DomainModels$DecimalAttributeType: { storageType: 'DomainModels$DecimalAttributeType', properties: {} },
  DomainModels$BooleanAttributeType: { storageType: 'DomainModels$BooleanAttributeType', properties: {} },
  DomainModels$DateTimeAttributeType: { storageType: 'DomainModels$DateTimeAttributeType', properties: { localizeDate: bool('LocalizeDate') } },
  DomainModels$EnumerationAttributeType: { storageType: 'DomainModels$EnumerationAttributeType', properties: { enumeration: nameRef('Enumeration') } },
  DomainModels$StoredValue: { storageType: 'DomainModels$StoredValue', properties: { defaultValue: str('DefaultValue') } },
  DomainModels$Association: {
    storageType: 'DomainModels$Association',
    properties: {
      name: str('Name'),
      dataStorageGuid: guid('GUID'),
      type: str('Type'),
      owner: str('Owner'),
      storageFormat: str('StorageFormat'),
      deleteBehavior: part('DeleteBehavior'),
      parent: idRef('ParentPointer'),
      child: idRef('ChildPointer'),
      documentation: str('Documentation'),
      source: part('Source'),
      exportLevel: str('ExportLevel'),
      parentConnection: point('ParentConnection'),
      childConnection: point('ChildConnection'),
    },
  },
  DomainModels$AssociationDeleteBehavior: {
    storageType: 'DomainModels$DeleteBehavior',
    properties: {
      parentDeleteBehavior: str('ParentDeleteBehavior'),
      childDeleteBehavior: str('ChildDeleteBehavior'),
      parentErrorMessage: part('ParentErrorMessage'),
      childErrorMessage: part('ChildErrorMessage'),
    },
  },
  DomainModels$AccessRule: {
    storageType: 'DomainModels$AccessRule',
    properties: {
      memberAccesses: parts('MemberAccesses', 3),
      moduleRoles: nameRefs('AllowedModuleRoles', 1),
      documentation: str('Documentation'),
      allowCreate: bool('AllowCreate'),
      allowDelete: bool('AllowDelete'),
      defaultMemberAccessRights: str('DefaultMemberAccessRights'),
      xPathConstraintCaption: str('XPathConstraintCaption'),
      xPathConstraint: str('XPathConstraint'),
    },
  },
  DomainModels$MemberAccess: {
    storageType: 'DomainModels$MemberAccess',
    properties: { attribute: nameRef('Attribute'), association: nameRef('Association'), accessRights: str('AccessRights') },
  },
  Enumerations$Enumeration: {
    storageType: 'Enumerations$Enumeration',
    properties: {
      name: str('Name'),
      documentation: str('Documentation'),
      excluded: bool('Excluded'),
      exportLevel: str('ExportLevel'),
      values: parts('Values', 3),
      remoteSource: part('RemoteSource'),
    },
  },
  Enumerations$EnumerationValue: {
    storageType: 'Enumerations$EnumerationValue',
    properties: { name: str('Name'), caption: part('Caption'), image: nameRef('Image'), remoteValue: part('RemoteValue') },
  },
  Constants$Constant: {
    storageType: 'Constants$Constant',
    properties: {
      name: str('Name'),
      documentation: str('Documentation'),
      excluded: bool('Excluded'),
      exportLevel: str('ExportLevel'),
      type: part('Type'),
      defaultValue: str('DefaultValue'),
      exposedToClient: bool('ExposedToClient'),
    },
  },
  DataTypes$StringType: { storageType: 'DataTypes$StringType', properties: {} },
  Texts$Text: { storageType: 'Texts$Text', properties: { translations: parts('Items', 3) } },
  Texts$Translation: { storageType: 'Texts$Translation', properties: { languageCode: str('LanguageCode'), text: str('Text') } },
  JavaActions$JavaAction: {
    storageType: 'JavaActions$JavaAction',
    properties: {
      name: str('Name'),
      documentation: str('Documentation'),
      excluded: bool('Excluded'),
      exportLevel: str('ExportLevel'),
      actionTypeParameters: parts('TypeParameters', 2),
      actionReturnType: part('JavaReturnType'),
      actionDefaultReturnName: str('ActionDefaultReturnName'),
      modelerActionInfo: part('MicroflowActionInfo'),
      actionParameters: parts('Parameters', 2),
    },
  },
  JavaActions$JavaActionParameter: {
    storageType: 'JavaActions$JavaActionParameter',
    properties: {
      name: str('Name'),
      actionParameterType: part('ParameterType'),
      description: str('Description'),
      category: str('Category'),
      isRequired: bool('IsRequired'),
    },
  },
  CodeActions$BasicParameterType: { storageType: 'CodeActions$BasicParameterType', properties: { type: part('Type') } },
  CodeActions$ConcreteEntityType: { storageType: 'CodeActions$ConcreteEntityType', properties: { entity: nameRef('Entity') } },
  CodeActions$EnumerationType: { storageType: 'CodeActions$EnumerationType', properties: { enumeration: nameRef('Enumeration') } },
  CodeActions$BooleanType: { storageType: 'CodeActions$BooleanType', properties: {} },
  CodeActions$MicroflowActionInfo: {
    storageType: 'CodeActions$MicroflowActionInfo',
    properties: {
      caption: str('Caption'),
      category: str('Category'),
      iconData: image('IconData'),
      iconDataDark: image('IconDataDark'),
      imageData: image('ImageData'),
      imageDataDark: image('ImageDataDark'),
    },
  },
};

/** Where a unit hangs in its container: SDK containment names to storage ones. */
export const CONTAINMENT_NAMES: Readonly<Record<string, string>> = {
  '': '',
  modules: 'Modules',
  domainModel: 'DomainModel',
  moduleSecurity: 'ModuleSecurity',
  moduleSettings: 'ModuleSettings',
  folders: 'Folders',
  documents: 'Documents',
  projectDocuments: 'ProjectDocuments',
  projectConversion: 'ProjectConversion',
};

export type SdkJson = string | number | boolean | null | SdkJson[] | { [key: string]: SdkJson };
type SdkObject = { [key: string]: SdkJson };

export class StorageMappingError extends Error {}

function isSdkObject(value: SdkJson | undefined): value is SdkObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Converts one SDK element (with `$ID` and `$Type`) to its stored object. */
export function toStorage(element: SdkObject, table: Readonly<Record<string, TypeMapping>>, path = ''): StorageObject {
  const sdkType = String(element['$Type']);
  const mapping = table[sdkType];
  if (!mapping) throw new StorageMappingError(`No storage mapping for ${sdkType} (at ${path || 'unit'}); add it to the table.`);
  const out: StorageObject = { $ID: guidValue(String(element['$ID'])), $Type: mapping.storageType };
  // Every element of a module passes here: keys are walked once, and the missing ones are listed only when some are.
  let mapped = 0;
  for (const key in element) {
    if (key === '$ID' || key === '$Type') continue;
    const property = mapping.properties[key];
    if (!property) throw new StorageMappingError(`No storage mapping for ${sdkType}.${key} (at ${path || 'unit'}); add it to the table.`);
    out[property.storage] = convertToStorage(element[key] as SdkJson, property.conversion, table, path, key);
    mapped++;
  }
  const expected = propertyCount(mapping);
  if (mapped !== expected) {
    const missing = Object.keys(mapping.properties).filter((key) => !(key in element));
    throw new StorageMappingError(`${sdkType} (at ${path || 'unit'}) lacks ${missing.join(', ')}; the SDK JSON and the table disagree.`);
  }
  return out;
}

const propertyCounts = new WeakMap<TypeMapping, number>();

function propertyCount(mapping: TypeMapping): number {
  let count = propertyCounts.get(mapping);
  if (count === undefined) {
    count = Object.keys(mapping.properties).length;
    propertyCounts.set(mapping, count);
  }
  return count;
}

/** Converts the value of `key` of the element at `parentPath`; the value's own path is spelled out only where it is needed (every property of a module passes here). */
function convertToStorage(value: SdkJson, conversion: Conversion, table: Readonly<Record<string, TypeMapping>>, parentPath: string, key: string): StorageValue {
  const fail = (expected: string): never => {
    throw new StorageMappingError(`${parentPath}/${key}: expected ${expected}, found ${JSON.stringify(value)}.`);
  };
  switch (conversion.kind) {
    case 'string':
      return typeof value === 'string' ? value : fail('text');
    case 'boolean':
      return typeof value === 'boolean' ? value : fail('a boolean');
    case 'int64':
      return typeof value === 'number' && Number.isInteger(value) ? int64(value) : fail('a whole number');
    case 'double':
      return typeof value === 'number' ? double(value) : fail('a number');
    case 'guid':
    case 'idReference':
      return typeof value === 'string' ? guidValue(value) : fail('a GUID');
    case 'nameReference':
      return value === null ? '' : typeof value === 'string' ? value : fail('a qualified name');
    case 'point':
      return isSdkObject(value) && typeof value['x'] === 'number' && typeof value['y'] === 'number' ? `${value['x']};${value['y']}` : fail('a point {x, y}');
    case 'image':
      return value === null || value === '' ? binary() : typeof value === 'string' ? binary(Buffer.from(value, 'base64')) : fail('base64 image data');
    case 'part':
      return value === null ? null : isSdkObject(value) ? toStorage(value, table, `${parentPath}/${key}`) : fail('an object or null');
    case 'parts':
      return Array.isArray(value)
        ? list(
            conversion.marker,
            value.map((item, i) => (isSdkObject(item) ? toStorage(item, table, `${parentPath}/${key}[${i}]`) : fail('a list of objects'))),
          )
        : fail('a list');
    case 'nameReferences':
      return Array.isArray(value)
        ? list(
            conversion.marker,
            value.map((item) => (typeof item === 'string' ? item : fail('a list of names'))),
          )
        : fail('a list');
  }
}

/** Converts a stored object back to SDK JSON (the inverse of `toStorage`). */
export function fromStorage(stored: StorageObject, table: Readonly<Record<string, TypeMapping>>, path = ''): SdkObject {
  const storageType = String(stored['$Type']);
  const entry = Object.entries(table).find(([, m]) => m.storageType === storageType);
  if (!entry) throw new StorageMappingError(`No SDK mapping for stored type ${storageType} (at ${path || 'unit'}).`);
  const [sdkType, mapping] = entry;
  const id = guidOf(stored['$ID']);
  if (!id) throw new StorageMappingError(`${storageType} (at ${path || 'unit'}) has no GUID $ID.`);
  const out: SdkObject = { $ID: id, $Type: sdkType };
  for (const [key, property] of Object.entries(mapping.properties)) {
    const value = stored[property.storage];
    if (value === undefined) throw new StorageMappingError(`${storageType} (at ${path || 'unit'}) lacks ${property.storage}.`);
    out[key] = convertFromStorage(value, property.conversion, table, `${path}/${property.storage}`);
  }
  return out;
}

function convertFromStorage(value: StorageValue, conversion: Conversion, table: Readonly<Record<string, TypeMapping>>, path: string): SdkJson {
  const fail = (expected: string): never => {
    throw new StorageMappingError(`${path}: expected ${expected} in storage.`);
  };
  switch (conversion.kind) {
    case 'string':
      return typeof value === 'string' ? value : fail('a string');
    case 'boolean':
      return typeof value === 'boolean' ? value : fail('a boolean');
    case 'int64':
      return value instanceof StorageInt64 ? Number(value.value) : fail('an Int64');
    case 'double':
      return value instanceof StorageDouble ? value.value : fail('a Double');
    case 'guid':
    case 'idReference':
      return guidOf(value) ?? fail('a GUID');
    case 'nameReference':
      return typeof value === 'string' ? (value === '' ? null : value) : fail('a string');
    case 'point': {
      const match = typeof value === 'string' ? /^(-?\d+);(-?\d+)$/.exec(value) : null;
      return match ? { x: Number(match[1]), y: Number(match[2]) } : fail('"x;y"');
    }
    case 'image':
      return value instanceof StorageBinary ? (value.bytes.length === 0 ? null : Buffer.from(value.bytes).toString('base64')) : fail('a Binary');
    case 'part':
      return value === null ? null : isStorageObject(value) ? fromStorage(value, table, path) : fail('an object or null');
    case 'parts':
      return value instanceof StorageList && value.marker === conversion.marker
        ? value.items.map((item, i) => (isStorageObject(item) ? fromStorage(item, table, `${path}[${i}]`) : fail('objects')))
        : fail(`a list with marker ${conversion.marker}`);
    case 'nameReferences':
      return value instanceof StorageList && value.marker === conversion.marker
        ? value.items.map((item) => (typeof item === 'string' ? item : fail('strings')))
        : fail(`a list with marker ${conversion.marker}`);
  }
}
