/**
 * A storage fingerprint of a module package: the format facts a writer has to reproduce for one
 * Mendix version, without any of the package's own content. It records metadata values, the SQLite
 * schema and header, zip and package.xml layout rules, where each unit type hangs in the unit
 * tree, and for every stored `$Type` its keys with their BSON types and list markers.
 *
 * Values are left out on purpose (names, captions, documentation, code), except string values
 * that look like enumeration tokens (`Hidden`, `Reference`), which are format facts. Everything is
 * sorted so the JSON is stable and diffs between versions read well.
 */
import { guidToBytes } from './guid.js';
import { readSqliteHeader, unitColumnStorageClasses, type SqliteHeaderFacts } from './mpr.js';
import { readPackage, type MpkContents } from './read-package.js';
import { encodeStorageObject, isStorageObject, StorageBinary, StorageList, storageBsonType, type StorageObject } from './storage-bson.js';
import { METHOD_DEFLATE, METHOD_STORED, orderPackageEntries } from './zip.js';

export interface KeyFingerprint {
  name: string;
  /** BSON types seen for this key (several when it varies, e.g. `null` and `object`). */
  bsonTypes: string[];
  /** Instances of the owning type that have this key, when not all of them do. */
  presentIn?: number;
  /** `$Type`s of object values. */
  objectTypes?: string[];
  /** Int32 markers of list values. */
  listMarkers?: number[];
  /** BSON types of list items. */
  itemBsonTypes?: string[];
  /** `$Type`s of object list items. */
  itemTypes?: string[];
  /** Binary values: `empty`, `16 bytes` (GUID-sized) or `data`. */
  binaryKinds?: string[];
  /** Enumeration-like string values (see looksLikeToken). */
  tokens?: string[];
}

export interface TypeFingerprint {
  /** Objects of this type anywhere (units and nested). */
  count: number;
  /** How many of them are units (rows of the Unit table). */
  asUnit: number;
  /** Every distinct key order seen; one entry when all instances have the same keys. */
  keyOrders: string[][];
  /** Whether every instance's keys follow `$ID`, `$Type`, then case-insensitive order. */
  keyOrderFollowsRule: boolean;
  keys: KeyFingerprint[];
}

export interface UnitLayoutEntry {
  type: string;
  /** `$Type` of the containing unit; `(self)` for the root, which contains itself. */
  containerType: string;
  containmentName: string;
  count: number;
}

export interface Fingerprint {
  fingerprintFormat: 1;
  metadata: { productVersion: string; buildVersion: string; schemaHash: string };
  sqlite: {
    header: Omit<SqliteHeaderFacts, 'pageCount'>;
    schema: { type: string; name: string; tableName: string; sql: string | null }[];
    unitColumnTypes: Record<string, string[]>;
    treeConflictValues: (number | null)[];
    contentsConflictsValues: (string | null)[];
    rootContainmentName: string;
    rootContainsItself: boolean;
    unitIdEqualsContentsId: boolean;
    rowOrder: 'parents before children' | 'other';
    /** Whether decoding and re-encoding every unit gives back the stored bytes. */
    bsonReencodeIdentical: boolean;
  };
  zip: {
    entryCount: number;
    directoryEntries: number;
    compressionMethods: Record<string, number>;
    storedEntriesAreEmpty: boolean;
    generalPurposeFlags: number[];
    versionsMadeBy: number[];
    versionsNeeded: number[];
    externalAttributes: number[];
    extraFieldIds: number[];
    pathSeparator: string;
    projectMprPosition: 'first' | 'second' | 'last' | 'second to last' | 'other';
    packageXmlPosition: 'first' | 'second' | 'last' | 'second to last' | 'other';
    /** Entries other than project.mpr/package.xml that package.xml does not list (added after export). */
    entriesNotInPackageXml: number;
    /** Whether the listed entries appear in the zip in package.xml order. */
    listedEntriesInPackageXmlOrder: boolean;
    listedEntriesSortedOrdinal: boolean;
    listedEntriesFollowOrderPackageEntries: boolean;
  };
  packageXml: {
    bom: boolean;
    lineEnding: 'CRLF' | 'LF' | 'mixed';
    trailingLineEnd: boolean;
    pathSeparator: string;
    fileCount: number;
    listsProjectMprOrPackageXml: boolean;
    /** The document with the module name as `{module}` and the file lines folded into one `{path}` line. */
    skeleton: string;
  };
  units: { count: number; layout: UnitLayoutEntry[] };
  /**
   * Names of the `Projects$OneTimeConversion`s recorded in the `Projects$ProjectConversion` unit,
   * in stored order: Studio Pro's own conversion identifiers for this version, not user content.
   */
  oneTimeConversions: string[];
  types: Record<string, TypeFingerprint>;
}

// ---------------------------------------------------------------------------------------------

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const sortedText = (values: Iterable<string>): string[] => [...new Set(values)].sort(compareText);
const sortedNumbers = (values: Iterable<number>): number[] => [...new Set(values)].sort((a, b) => a - b);

function keyRuleOrder(keys: readonly string[]): string[] {
  // Same rule as the encoder (compareStorageKeys), restated here so a change there shows up as a fingerprint difference.
  const rank = (key: string): number => (key === '$ID' ? 0 : key === '$Type' ? 1 : 2);
  return [...keys].sort((a, b) => rank(a) - rank(b) || compareText(a.toLowerCase(), b.toLowerCase()) || compareText(a, b));
}

/** Keys whose strings are user content even when they look like a single word. */
const USER_TEXT_KEYS = new Set([
  'Name',
  'Caption',
  'Documentation',
  'Text',
  'Description',
  'Category',
  'Title',
  'Label',
  'Placeholder',
  'Tooltip',
  'Hint',
  'Message',
  'Class',
  'Style',
  'DynamicClasses',
  'DefaultValue',
  'Value',
  'Image',
  'Expression',
  'Code',
  'ActionDefaultReturnName',
  'Argument',
  'AttributeValue',
  'VariableName',
  'OutputVariableName',
  'ResultVariableName',
  'ListName',
  'Key',
  '_Key',
  'ParameterName',
  'Entity',
  'Enumeration',
  'Attribute',
  'Association',
  'Microflow',
  'Page',
  'Form',
  'Layout',
  'Snippet',
  'Module',
  'Widget',
  'WidgetId',
  'PropertyKey',
  'Icon',
  'AppTitle',
  'AppStoreGuid',
  'AppStoreVersion',
  'AppStoreVersionGuid',
  'Version',
  'GroupId',
  'ArtifactId',
  'Format',
  'Pattern',
  'TypeParameter',
  'Url',
  'ApplicationRootUrl',
  'AdminUserName',
  'DatabaseName',
  'LanguageCode',
  'Code',
  'DefaultLanguageCode',
]);

/** Key endings that name or point at user things (variables, parameters, flows). */
const USER_TEXT_KEY_ENDINGS = /(Name|Parameter|Variable|Microflow|Nanoflow)$/;

function mayHoldTokens(key: string): boolean {
  return key !== '$Type' && !USER_TEXT_KEYS.has(key) && !USER_TEXT_KEY_ENDINGS.test(key);
}

/** An enumeration token: one PascalCase word (digits allowed), or the empty string. */
function looksLikeToken(value: string): boolean {
  return value === '' || /^[A-Z][A-Za-z0-9]{0,39}$/.test(value);
}

const MAX_TOKENS = 12;

interface KeyStats {
  present: number;
  bsonTypes: Set<string>;
  objectTypes: Set<string>;
  listMarkers: Set<number>;
  itemBsonTypes: Set<string>;
  itemTypes: Set<string>;
  binaryKinds: Set<string>;
  strings: Set<string>;
  allTokens: boolean;
}

interface TypeStats {
  count: number;
  asUnit: number;
  keyOrders: Map<string, string[]>;
  followsRule: boolean;
  keys: Map<string, KeyStats>;
}

function typeName(object: StorageObject): string {
  const type = object.$Type;
  return typeof type === 'string' ? type : '(no $Type)';
}

function binaryKind(value: StorageBinary): string {
  return value.bytes.length === 0 ? 'empty' : value.bytes.length === 16 ? '16 bytes' : 'data';
}

class TypeCollector {
  readonly types = new Map<string, TypeStats>();

  visitObject(object: StorageObject, isUnit: boolean): void {
    const type = typeName(object);
    let stats = this.types.get(type);
    if (!stats) {
      stats = { count: 0, asUnit: 0, keyOrders: new Map(), followsRule: true, keys: new Map() };
      this.types.set(type, stats);
    }
    stats.count++;
    if (isUnit) stats.asUnit++;
    const keys = Object.keys(object);
    stats.keyOrders.set(keys.join('\u0000'), keys);
    if (keyRuleOrder(keys).join('\u0000') !== keys.join('\u0000')) stats.followsRule = false;

    for (const key of keys) {
      const value = object[key]!;
      let ks = stats.keys.get(key);
      if (!ks) {
        ks = {
          present: 0,
          bsonTypes: new Set(),
          objectTypes: new Set(),
          listMarkers: new Set(),
          itemBsonTypes: new Set(),
          itemTypes: new Set(),
          binaryKinds: new Set(),
          strings: new Set(),
          allTokens: true,
        };
        stats.keys.set(key, ks);
      }
      ks.present++;
      ks.bsonTypes.add(storageBsonType(value));
      if (typeof value === 'string') {
        ks.strings.add(value);
        if (!looksLikeToken(value)) ks.allTokens = false;
      } else if (value instanceof StorageBinary) {
        ks.binaryKinds.add(binaryKind(value));
      } else if (value instanceof StorageList) {
        ks.listMarkers.add(value.marker);
        for (const item of value.items) {
          ks.itemBsonTypes.add(storageBsonType(item));
          if (isStorageObject(item)) {
            ks.itemTypes.add(typeName(item));
            this.visitObject(item, false);
          }
        }
      } else if (isStorageObject(value)) {
        ks.objectTypes.add(typeName(value));
        this.visitObject(value, false);
      }
    }
  }

  result(): Record<string, TypeFingerprint> {
    const out: Record<string, TypeFingerprint> = {};
    for (const type of sortedText(this.types.keys())) {
      const stats = this.types.get(type)!;
      const keyOrders = [...stats.keyOrders.values()].sort((a, b) => compareText(a.join(','), b.join(',')));
      const keys = keyRuleOrder([...stats.keys.keys()]).map((name): KeyFingerprint => {
        const ks = stats.keys.get(name)!;
        const entry: KeyFingerprint = { name, bsonTypes: sortedText(ks.bsonTypes) };
        if (ks.present !== stats.count) entry.presentIn = ks.present;
        if (ks.objectTypes.size > 0) entry.objectTypes = sortedText(ks.objectTypes);
        if (ks.listMarkers.size > 0) entry.listMarkers = sortedNumbers(ks.listMarkers);
        if (ks.itemBsonTypes.size > 0) entry.itemBsonTypes = sortedText(ks.itemBsonTypes);
        if (ks.itemTypes.size > 0) entry.itemTypes = sortedText(ks.itemTypes);
        if (ks.binaryKinds.size > 0) entry.binaryKinds = sortedText(ks.binaryKinds);
        if (ks.strings.size > 0 && ks.allTokens && ks.strings.size <= MAX_TOKENS && mayHoldTokens(name)) {
          entry.tokens = sortedText(ks.strings);
        }
        return entry;
      });
      out[type] = { count: stats.count, asUnit: stats.asUnit, keyOrders, keyOrderFollowsRule: stats.followsRule, keys };
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------

function positionOf(paths: readonly string[], path: string): Fingerprint['zip']['projectMprPosition'] {
  const index = paths.indexOf(path);
  if (index === 0) return 'first';
  if (index === 1) return 'second';
  if (index === paths.length - 1) return 'last';
  if (index === paths.length - 2) return 'second to last';
  return 'other';
}

function methodName(method: number): string {
  return method === METHOD_STORED ? 'stored' : method === METHOD_DEFLATE ? 'deflate' : `method ${method}`;
}

function zipFacts(pkg: MpkContents): Fingerprint['zip'] {
  const paths = pkg.zipEntries.map((entry) => entry.path);
  const methods: Record<string, number> = {};
  for (const entry of pkg.zipEntries) methods[methodName(entry.method)] = (methods[methodName(entry.method)] ?? 0) + 1;
  const listed = new Set(pkg.packageXmlFiles);
  const listedInZipOrder = paths.filter((path) => listed.has(path));
  const separators = sortedText(paths.filter((path) => /[\\/]/.test(path)).map((path) => (path.includes('\\') ? '\\' : '/')));
  return {
    entryCount: paths.length,
    directoryEntries: pkg.zipEntries.filter((entry) => entry.isDirectory).length,
    compressionMethods: Object.fromEntries(Object.entries(methods).sort(([a], [b]) => compareText(a, b))),
    storedEntriesAreEmpty: pkg.zipEntries.every((entry) => entry.method !== METHOD_STORED || entry.size === 0),
    generalPurposeFlags: sortedNumbers(pkg.zipEntries.map((entry) => entry.flags)),
    versionsMadeBy: sortedNumbers(pkg.zipEntries.map((entry) => entry.versionMadeBy)),
    versionsNeeded: sortedNumbers(pkg.zipEntries.map((entry) => entry.versionNeeded)),
    externalAttributes: sortedNumbers(pkg.zipEntries.map((entry) => entry.externalAttributes)),
    extraFieldIds: sortedNumbers(pkg.zipEntries.flatMap((entry) => entry.extraFieldIds)),
    pathSeparator: separators.join(' '),
    projectMprPosition: positionOf(paths, 'project.mpr'),
    packageXmlPosition: positionOf(paths, 'package.xml'),
    entriesNotInPackageXml: pkg.files.filter((file) => !file.listedInPackageXml).length,
    listedEntriesInPackageXmlOrder: listedInZipOrder.join('\n') === pkg.packageXmlFiles.filter((path) => paths.includes(path)).join('\n'),
    listedEntriesSortedOrdinal: listedInZipOrder.join('\n') === [...listedInZipOrder].sort(compareText).join('\n'),
    listedEntriesFollowOrderPackageEntries: listedInZipOrder.join('\n') === orderPackageEntries(listedInZipOrder).join('\n'),
  };
}

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function packageXmlFacts(pkg: MpkContents, rawXml: Uint8Array): Fingerprint['packageXml'] {
  const text = pkg.packageXml.replace(/^\uFEFF/, '');
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length;
  const lineEnding = crlf === lf ? 'CRLF' : crlf === 0 ? 'LF' : 'mixed';
  const rawPaths = [...text.matchAll(/<file\s+path="([^"]*)"/g)].map((m) => m[1]!);
  // Fold the file lines into one placeholder line and hide the module name: the shape stays, the content goes.
  let skeleton = text.replace(new RegExp(`(<module\\s+name=")${escapeForRegExp(pkg.moduleName)}(")`), '$1{module}$2');
  skeleton = skeleton.replace(/([ \t]*<file\s+path=")[^"]*("[^\r\n]*(\r?\n))(?:[ \t]*<file\s+path="[^"]*"[^\r\n]*\r?\n)*/, '$1{path}$2');
  return {
    bom: rawXml.length >= 3 && rawXml[0] === 0xef && rawXml[1] === 0xbb && rawXml[2] === 0xbf,
    lineEnding,
    trailingLineEnd: /\r?\n$/.test(text),
    pathSeparator: sortedText(rawPaths.filter((path) => /[\\/]/.test(path)).map((path) => (path.includes('\\') ? '\\' : '/'))).join(' '),
    fileCount: rawPaths.length,
    listsProjectMprOrPackageXml: pkg.packageXmlFiles.some((path) => path === 'project.mpr' || path === 'package.xml'),
    skeleton,
  };
}

function unitFacts(pkg: MpkContents): {
  units: Fingerprint['units'];
  rowOrder: Fingerprint['sqlite']['rowOrder'];
  rootName: string;
  rootSelf: boolean;
  idsMatch: boolean;
} {
  const typeById = new Map(pkg.units.map((unit) => [unit.unitId, typeName(unit.contents)]));
  const layout = new Map<string, UnitLayoutEntry>();
  const seen = new Set<string>();
  let parentsFirst = true;
  let rootName = '';
  let rootSelf = false;
  for (const unit of pkg.units) {
    const self = unit.containerId === unit.unitId;
    if (self) {
      rootName = unit.containmentName;
      rootSelf = true;
    } else if (!seen.has(unit.containerId)) parentsFirst = false;
    seen.add(unit.unitId);
    const entry: UnitLayoutEntry = {
      type: typeName(unit.contents),
      containerType: self ? '(self)' : (typeById.get(unit.containerId) ?? '(missing)'),
      containmentName: unit.containmentName,
      count: 0,
    };
    const key = `${entry.type}\u0000${entry.containerType}\u0000${entry.containmentName}`;
    const existing = layout.get(key) ?? entry;
    existing.count++;
    layout.set(key, existing);
  }
  const sortedLayout = [...layout.values()].sort(
    (a, b) => compareText(a.type, b.type) || compareText(a.containerType, b.containerType) || compareText(a.containmentName, b.containmentName),
  );
  const idsMatch = pkg.units.every((unit) => {
    const id = unit.contents.$ID;
    return id instanceof StorageBinary && Buffer.from(id.bytes).equals(Buffer.from(guidToBytes(unit.unitId)));
  });
  return {
    units: { count: pkg.units.length, layout: sortedLayout },
    rowOrder: parentsFirst ? 'parents before children' : 'other',
    rootName,
    rootSelf,
    idsMatch,
  };
}

async function sqliteFacts(
  pkg: MpkContents,
): Promise<Omit<Fingerprint['sqlite'], 'rootContainmentName' | 'rootContainsItself' | 'unitIdEqualsContentsId' | 'rowOrder'>> {
  // pageCount is left out: it follows the package size, not the format.
  const { pageCount: _pageCount, ...header } = readSqliteHeader(pkg.mprBytes);
  void _pageCount;
  const treeConflicts = new Set(pkg.units.map((unit) => unit.treeConflict));
  const contentsConflicts = new Set(pkg.units.map((unit) => unit.contentsConflicts));
  return {
    header,
    schema: pkg.mprSchema.map((entry) => ({ type: entry.type, name: entry.name, tableName: entry.tableName, sql: entry.sql })),
    unitColumnTypes: await unitColumnStorageClasses(pkg.mprBytes),
    treeConflictValues: [...treeConflicts].sort((a, b) => (a ?? -1) - (b ?? -1)),
    contentsConflictsValues: [...contentsConflicts].sort((a, b) => compareText(a ?? '', b ?? '')),
    bsonReencodeIdentical: pkg.units.every((unit) => Buffer.from(encodeStorageObject(unit.contents)).equals(Buffer.from(unit.contentsBytes))),
  };
}

function oneTimeConversions(pkg: MpkContents): string[] {
  const names: string[] = [];
  for (const unit of pkg.units) {
    if (unit.contents.$Type !== 'Projects$ProjectConversion') continue;
    const conversions = unit.contents.OneTimeConversions;
    if (!(conversions instanceof StorageList)) continue;
    for (const item of conversions.items) {
      if (isStorageObject(item) && typeof item.Name === 'string') names.push(item.Name);
    }
  }
  return names;
}

/** Extracts the fingerprint of one .mpk. */
export async function extractFingerprint(mpk: Uint8Array): Promise<Fingerprint> {
  const pkg = await readPackage(mpk);
  const rawXml = pkg.zipEntries.find((entry) => entry.path === 'package.xml')!.data;
  const collector = new TypeCollector();
  for (const unit of pkg.units) collector.visitObject(unit.contents, true);
  const sqlite = await sqliteFacts(pkg);
  const units = unitFacts(pkg);
  return {
    fingerprintFormat: 1,
    metadata: { ...pkg.metadata },
    sqlite: {
      ...sqlite,
      rootContainmentName: units.rootName,
      rootContainsItself: units.rootSelf,
      unitIdEqualsContentsId: units.idsMatch,
      rowOrder: units.rowOrder,
    },
    zip: zipFacts(pkg),
    packageXml: packageXmlFacts(pkg, rawXml),
    units: units.units,
    oneTimeConversions: oneTimeConversions(pkg),
    types: collector.result(),
  };
}

/** `mendix-<major>.<minor>.<patch>.json`, from `_ProductVersion`. */
export function fingerprintFileName(fingerprint: Fingerprint): string {
  const parts = fingerprint.metadata.productVersion.split('.');
  return `mendix-${parts.slice(0, 3).join('.')}.json`;
}

export function stringifyFingerprint(fingerprint: Fingerprint): string {
  return `${JSON.stringify(fingerprint, null, 2)}\n`;
}
