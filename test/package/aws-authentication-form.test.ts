/**
 * The bundled connectors generated against Mendix's AWS Authentication module: the package holds the
 * module alone (no stand-in of AWS Authentication), refers to AWS Authentication's Credentials,
 * ENUM_Region and AbstractRequest by qualified name, stored the way a real app stores references by
 * name (facts from a real app, test/fixtures/cross-module-references/), and has none of its own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateModule } from '../../generator/generate.js';
import { readPackage, type PackageUnit } from '../../generator/mpk/read-package.js';
import { StorageList, type StorageObject, type StorageValue } from '../../generator/mpk/storage-bson.js';
import { orderStorageKeys } from '../../generator/mpk/storage-bson.js';
import { PACKAGE_ROOT } from '../../generator/paths.js';
import { AWS_AUTHENTICATION, AWS_AUTHENTICATION_MODULE, withAwsAuthentication } from '../../generator/spec/aws-authentication.js';
import { SpecIndex } from '../../generator/spec/spec-index.js';
import type { ConnectorSpec } from '../../generator/spec/types.js';
import { loadApiModelFile } from '../../generator/validate/api-model-file.js';
import { validateSpecFile } from '../../generator/validate/validate-spec.js';

interface ReferenceFact {
  $Type: string;
  key: string;
  keys: string[];
  valueType: string;
}
const real = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'test', 'fixtures', 'cross-module-references', 'aws-authentication-4.1.3.json'), 'utf8')) as {
  facts: { fromOtherModules: ReferenceFact[]; fromTheModuleItself: ReferenceFact[] };
};
const realFacts = [...real.facts.fromOtherModules, ...real.facts.fromTheModuleItself];

/** Every stored object of the units, depth first. */
function* storedObjects(value: StorageValue): Generator<StorageObject> {
  if (value instanceof StorageList) {
    for (const item of value.items) yield* storedObjects(item);
    return;
  }
  if (value === null || typeof value !== 'object' || 'bsonType' in value) return;
  yield value;
  for (const item of Object.values(value)) yield* storedObjects(item);
}

/** The references by name into AWS Authentication: `$Type.key = value`, with the object's keys in stored order. */
function referencesOf(units: readonly PackageUnit[]): Array<{ type: string; key: string; value: string; keys: string[] }> {
  const found: Array<{ type: string; key: string; value: string; keys: string[] }> = [];
  for (const unit of units)
    for (const object of storedObjects(unit.contents))
      for (const [key, value] of Object.entries(object))
        if (typeof value === 'string' && value.startsWith(`${AWS_AUTHENTICATION_MODULE}.`))
          found.push({ type: String(object['$Type']), key, value, keys: orderStorageKeys(Object.keys(object)) });
  return found;
}

const bundled = ['spec/aws-lambda.connector.yaml', 'spec/aws-sqs.connector.yaml'];

describe.each(bundled)('%s against AWS Authentication', (name) => {
  let spec: ConnectorSpec;
  let units: PackageUnit[];
  beforeAll(async () => {
    const result = validateSpecFile(join(PACKAGE_ROOT, name), loadApiModelFile);
    if (!result.spec || !result.api) throw new Error(`${name} does not validate`);
    spec = withAwsAuthentication(result.spec);
    const generated = await generateModule(spec, new SpecIndex(spec), result.api);
    const mpk = generated.outputs.find((o) => o.path.endsWith('.mpk'));
    if (!mpk) throw new Error('no package');
    units = (await readPackage(mpk.bytes)).units;
  }, 120_000);

  it('holds the module alone: the stand-in of AWS Authentication stays out of the package', () => {
    const modules = units.filter((u) => u.contents['$Type'] === 'Projects$ModuleImpl').map((u) => u.contents['Name']);
    expect(modules).toEqual([spec.module.name]);
  });

  it("has none of its own credential entity, region enumeration or request base, and all of AWS Authentication's", () => {
    const names = (type: string) =>
      units
        .flatMap((u) => [...storedObjects(u.contents)])
        .filter((o) => o['$Type'] === type)
        .map((o) => o['Name']);
    const entities = names('DomainModels$EntityImpl');
    expect(entities).not.toContain('Credentials');
    expect(entities).not.toContain('AbstractRequest');
    expect(names('Enumerations$Enumeration')).not.toContain('ENUM_Region');
    const references = referencesOf(units);
    const operations = spec.operations.length;
    expect(references.filter((r) => r.type === 'CodeActions$ConcreteEntityType' && r.value === AWS_AUTHENTICATION.credentials)).toHaveLength(operations);
    expect(references.filter((r) => r.type === 'CodeActions$EnumerationType' && r.value === AWS_AUTHENTICATION.region)).toHaveLength(operations);
    const index = new SpecIndex(spec);
    for (const operation of spec.operations) {
      const request = index.entity(operation.parameters.find((p) => p.role === 'request')?.entity ?? '');
      expect(request && index.specializes(request, AWS_AUTHENTICATION.abstractRequest), `${operation.name}'s request specializes AbstractRequest`).toBe(true);
    }
    const direct = spec.entities.filter((e) => e.generalization === AWS_AUTHENTICATION.abstractRequest).length;
    expect(direct).toBeGreaterThan(0);
    expect(references.filter((r) => r.type === 'DomainModels$Generalization' && r.value === AWS_AUTHENTICATION.abstractRequest)).toHaveLength(direct);
  });

  it('stores every reference into AWS Authentication as a real app does: the same type, key and keys, a qualified name as text', () => {
    const references = referencesOf(units);
    expect(references.length).toBeGreaterThan(0);
    for (const reference of references) {
      const fact = realFacts.find((f) => f.$Type === reference.type && f.key === reference.key);
      expect(fact, `${reference.type}.${reference.key} is a reference by name in the real app`).toBeDefined();
      expect(reference.keys, `${reference.type} keys`).toEqual(fact?.keys);
      expect(fact?.valueType).toBe('string');
    }
  });
});
