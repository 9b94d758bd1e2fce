/**
 * Extracts how a real app stores references to another module, for committing as a fixture: in the
 * units of a Mendix app (MPR v2: the `<app>.mpr` database lists the units, and `mprcontents/` holds
 * one BSON `.mxunit` file per unit), every stored object of the OTHER modules with a key whose value
 * is a qualified name in the given module, as its `$Type`, that key and the object's keys in order.
 * Facts only: no names or contents of the app are written.
 *
 *   npx tsc -p tsconfig.json
 *   node build/test/tools/extract-cross-module-references.js <app folder> <Module> [--types T1,T2]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize } from 'bson';
import initSqlJs from 'sql.js';
import { bytesToGuid } from '../../generator/mpk/guid.js';

export interface ReferenceFact {
  $Type: string;
  /** The key holding the qualified name. */
  key: string;
  /** The object's keys, in stored order. */
  keys: string[];
  /** The BSON type of the value: always a string for a reference by name. */
  valueType: string;
}

interface AppUnit {
  file: string;
  container: string | undefined;
  containment: string;
}

/** The units of an MPR v2 app: their files, containers and containment names, by unit id. */
async function appUnits(appFolder: string): Promise<Map<string, AppUnit>> {
  const mpr = readdirSync(appFolder).find((f) => f.endsWith('.mpr'));
  if (!mpr) throw new Error(`${appFolder} has no .mpr file.`);
  const SQL = await initSqlJs();
  const db = new SQL.Database(readFileSync(join(appFolder, mpr)));
  try {
    const rows = db.exec('SELECT UnitID, ContainerID, ContainmentName FROM Unit')[0]?.values ?? [];
    const units = new Map<string, AppUnit>();
    for (const [unitId, containerId, containment] of rows) {
      const id = bytesToGuid(unitId as Uint8Array);
      const container = containerId instanceof Uint8Array ? bytesToGuid(containerId) : undefined;
      units.set(id, { file: join(appFolder, 'mprcontents', id.slice(0, 2), id.slice(2, 4), `${id}.mxunit`), container, containment: String(containment) });
    }
    return units;
  } finally {
    db.close();
  }
}

/** The name of the module a unit belongs to: the unit contained as one of the project's Modules, up the containers. */
function moduleOf(units: Map<string, AppUnit>, id: string): string | undefined {
  for (let current = units.get(id), steps = 0; current && steps < 100; current = current.container ? units.get(current.container) : undefined, steps++) {
    if (current.containment === 'Modules') return (deserialize(readFileSync(current.file)) as { Name?: string }).Name;
  }
  return undefined;
}

/**
 * The distinct facts of the references by name into `module`: from the units of the other modules,
 * and from the module's own units (stored the same way, by qualified name), each sorted by type and key.
 */
export async function crossModuleReferences(
  appFolder: string,
  module: string,
  types?: ReadonlySet<string>,
): Promise<{ fromOtherModules: ReferenceFact[]; fromTheModuleItself: ReferenceFact[] }> {
  const units = await appUnits(appFolder);
  const other: unknown[] = [];
  const own: unknown[] = [];
  for (const [id, unit] of units) (moduleOf(units, id) === module ? own : other).push(deserialize(readFileSync(unit.file)));
  return { fromOtherModules: referenceFacts(other, module, types), fromTheModuleItself: referenceFacts(own, module, types) };
}

function referenceFacts(documents: unknown[], module: string, types?: ReadonlySet<string>): ReferenceFact[] {
  const facts = new Map<string, ReferenceFact>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const object = value as Record<string, unknown>;
    const type = object['$Type'];
    if (typeof type === 'string' && (!types || types.has(type))) {
      for (const [key, item] of Object.entries(object)) {
        if (typeof item !== 'string' || !item.startsWith(`${module}.`) || key === '$Type') continue;
        const fact: ReferenceFact = { $Type: type, key, keys: Object.keys(object), valueType: typeof item };
        facts.set(`${type}\u0000${key}\u0000${fact.keys.join(',')}`, fact);
      }
    }
    for (const item of Object.values(object)) visit(item);
  };
  documents.forEach(visit);
  return [...facts.values()].sort((a, b) => (a.$Type + a.key < b.$Type + b.key ? -1 : a.$Type + a.key > b.$Type + b.key ? 1 : 0));
}

async function main(argv: readonly string[]): Promise<number> {
  const [folder, module, flag, list] = argv;
  if (!folder || !module || (flag !== undefined && flag !== '--types')) {
    console.error('usage: node build/test/tools/extract-cross-module-references.js <app folder> <Module> [--types T1,T2]');
    return 2;
  }
  const types = list ? new Set(list.split(',')) : undefined;
  console.log(JSON.stringify(await crossModuleReferences(folder, module, types), null, 2));
  return 0;
}

if (process.argv[1]?.endsWith('extract-cross-module-references.js')) process.exitCode = await main(process.argv.slice(2));
