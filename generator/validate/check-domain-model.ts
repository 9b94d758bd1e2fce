import { ACTION_RESERVED_PARAMETER_NAMES, isJavaReservedWord, MENDIX_RESERVED_ATTRIBUTE_NAMES, nameKey, PROXY_RESERVED_MEMBER_NAMES } from '../spec/naming.js';
import { SpecIndex } from '../spec/spec-index.js';
import type { AttributeSpec, ConnectorSpec, EntitySpec } from '../spec/types.js';
import type { DiagnosticList, SpecPath } from './diagnostics.js';
import { reportUnknownReference } from './unknown-reference.js';
import { didYouMean } from '../spec/suggest.js';
import { isRealRegion, readSdkPartitions } from '../aws/regions.js';
import { SUPPORTED_MENDIX_VERSIONS } from '../emit/targets.js';

/**
 * Semantic checks of the module, its enumerations, entities and associations: unique names as Mendix
 * compares them, names Java and Mendix accept, references that resolve, sensible defaults, and
 * documentation on every element.
 */
export function checkDomainModel(spec: ConnectorSpec, index: SpecIndex, out: DiagnosticList): void {
  checkDocumentation(['module', 'documentation'], spec.module.documentation, `module ${spec.module.name}`, out);
  if (spec.module.javaPackage !== spec.module.name.toLowerCase()) {
    out.add(
      ['module', 'javaPackage'],
      `javaPackage "${spec.module.javaPackage}" differs from the module name in lower case.`,
      `Studio Pro puts a module's Java code in the package named after the module in lower case; write "${spec.module.name.toLowerCase()}".`,
    );
  }
  checkUnique(
    spec.module.moduleRoles.map((r, i) => ({ name: r.name, path: ['module', 'moduleRoles', i, 'name'] })),
    'module role',
    out,
  );
  spec.module.moduleRoles.forEach((role, i) =>
    checkDocumentation(['module', 'moduleRoles', i, 'documentation'], role.documentation, `module role ${role.name}`, out),
  );
  checkUnique(
    spec.module.javaDependencies.map((d, i) => ({ name: `${d.groupId}:${d.artifactId}`, path: ['module', 'javaDependencies', i, 'artifactId'] })),
    'Java dependency',
    out,
  );

  checkMendixVersion(spec, out);
  checkEnumerations(spec, out);
  checkRegionValues(spec, index, out);
  checkEntities(spec, index, out);
  checkAssociations(spec, index, out);
}

/** The target Mendix version: one `generate` can write (validation refuses what generation would). */
function checkMendixVersion(spec: ConnectorSpec, out: DiagnosticList): void {
  const version = spec.module.mendixVersion;
  if (SUPPORTED_MENDIX_VERSIONS.includes(version)) return;
  out.add(
    ['module', 'mendixVersion'],
    `Mendix ${version} is not a supported target.`,
    `Supported: ${SUPPORTED_MENDIX_VERSIONS.join(', ')}. A package imports into its own and every later Studio Pro version, so ${SUPPORTED_MENDIX_VERSIONS[0] ?? 'the oldest supported version'} also serves newer apps.`,
  );
}

let knownRegions: Set<string> | undefined;

/** The shape check-client.ts requires of a region code; values of that shape must also be real regions. */
const REGION_CODE_SHAPE = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;

/** Every region of every partition in the installed AWS SDK's partition table (read once). */
function sdkRegionCodes(): Set<string> {
  if (!knownRegions) {
    knownRegions = new Set<string>();
    for (const partition of readSdkPartitions()) {
      for (const region of Object.keys(partition.regions)) if (isRealRegion(partition, region)) knownRegions.add(region);
    }
  }
  return knownRegions;
}

/**
 * The values of the spec's region enumeration (client.region) are sent to AWS as region codes: each
 * must be a region some AWS partition knows, or every call made with it fails (`mars-north-1`).
 */
function checkRegionValues(spec: ConnectorSpec, index: SpecIndex, out: DiagnosticList): void {
  const enumeration = index.enumeration(spec.client.region.enumeration);
  if (!enumeration) return;
  const i = spec.enumerations.indexOf(enumeration);
  const known = sdkRegionCodes();
  enumeration.values.forEach((value, j) => {
    const code = SpecIndex.apiValue(value);
    // A value not even shaped like a region code is reported by checkClientBinding (check-client.ts).
    if (known.has(code) || !REGION_CODE_SHAPE.test(code)) return;
    const fallback = `Use a region code of the AWS SDK's partition table, such as us-east-1 (write it as apiValue when the value name differs); "node build/generator/aws/print-region-enum.js" prints them all.`;
    out.add(
      ['enumerations', i, 'values', j, value.apiValue === undefined ? 'name' : 'apiValue'],
      `${JSON.stringify(code)} is not a region of any AWS partition; ${enumeration.name} is the region enumeration (client.region), whose values are sent to AWS as region codes.`,
      // Region codes are short; the edit distance of a long text to each of them would only take time.
      code.length > 40 ? fallback : didYouMean(code, known, fallback),
    );
  });
}

function checkEnumerations(spec: ConnectorSpec, out: DiagnosticList): void {
  checkUnique(
    spec.enumerations.map((e, i) => ({ name: e.name, path: ['enumerations', i, 'name'] })),
    'enumeration',
    out,
  );
  spec.enumerations.forEach((enumeration, i) => {
    const path: SpecPath = ['enumerations', i];
    checkJavaName([...path, 'name'], enumeration.name, 'enumeration', out);
    checkDocumentation([...path, 'documentation'], enumeration.documentation, `enumeration ${enumeration.name}`, out);
    checkUnique(
      enumeration.values.map((v, j) => ({ name: v.name, path: [...path, 'values', j, 'name'] })),
      `value of ${enumeration.name}`,
      out,
    );
    enumeration.values.forEach((value, j) => {
      // Studio Pro turns each value into a Java enum constant of the proxy enumeration.
      checkJavaName([...path, 'values', j, 'name'], value.name, 'enumeration value', out);
    });
    const apiValues = enumeration.values.flatMap((v, j) =>
      v.newerValues ? [] : [{ name: v.apiValue ?? v.name, path: [...path, 'values', j, v.apiValue === undefined ? 'name' : 'apiValue'] }],
    );
    checkUnique(apiValues, `API value of ${enumeration.name}`, out, true);
    enumeration.values.forEach((value, j) => {
      if (value.newerValues && value.apiValue !== undefined)
        out.add(
          [...path, 'values', j, 'apiValue'],
          `Value ${value.name} stands for the API values ${enumeration.name} does not list, so it has no apiValue of its own.`,
          'Remove "apiValue", or "newerValues".',
        );
    });
    const newer = enumeration.values.map((v, j) => ({ v, j })).filter(({ v }) => v.newerValues);
    for (const { v, j } of newer.slice(1))
      out.add(
        [...path, 'values', j, 'newerValues'],
        `${enumeration.name} has two values for API values it does not list: ${newer[0]?.v.name} and ${v.name}.`,
        'Keep "newerValues" on one value.',
      );
  });
  const entityNames = new Set(spec.entities.map((e) => nameKey(e.name)));
  spec.enumerations.forEach((enumeration, i) => {
    if (entityNames.has(nameKey(enumeration.name))) {
      out.add(
        ['enumerations', i, 'name'],
        `Enumeration "${enumeration.name}" has the name of an entity.`,
        'Studio Pro generates a Java proxy class for both in the same package; rename one of them (enumerations are usually prefixed ENUM_).',
      );
    }
  });
}

function checkEntities(spec: ConnectorSpec, index: SpecIndex, out: DiagnosticList): void {
  checkUnique(
    spec.entities.map((e, i) => ({ name: e.name, path: ['entities', i, 'name'] })),
    'entity',
    out,
  );
  const entityNames = spec.entities.map((e) => e.name);
  spec.entities.forEach((entity, i) => {
    const path: SpecPath = ['entities', i];
    checkJavaName([...path, 'name'], entity.name, 'entity', out);
    checkDocumentation([...path, 'documentation'], entity.documentation, `entity ${entity.name}`, out);
    if (entity.generalization !== undefined) {
      const parent = index.entity(entity.generalization);
      if (!parent) {
        reportUnknownReference(
          out,
          [...path, 'generalization'],
          'entity',
          entity.generalization,
          entityNames,
          `Entity "${entity.name}" specializes "${entity.generalization}", which`,
        );
      } else if (parent.name === entity.name) {
        out.add([...path, 'generalization'], `Entity "${entity.name}" specializes itself.`, 'Remove the generalization or name another entity.');
      } else if (index.lineage(parent).some((e) => e.name === entity.name)) {
        // Report a cycle once, at the member that comes first in the spec.
        const members = index.lineage(entity);
        const firstMember = spec.entities.findIndex((e) => members.includes(e));
        if (firstMember === i) {
          out.add(
            [...path, 'generalization'],
            `Generalization cycle: ${[...members.map((e) => e.name), entity.name].join(' -> ')}.`,
            'An entity cannot (indirectly) specialize itself; remove one generalization of the cycle.',
          );
        }
      } else if (entity.persistable && !parent.persistable) {
        out.add(
          [...path, 'persistable'],
          `Persistable entity "${entity.name}" specializes the non-persistable entity "${parent.name}".`,
          'Mendix does not allow this; make both persistable or both non-persistable.',
        );
      }
    }
    checkAttributes(entity, path, index, spec, out);
  });
}

function checkAttributes(entity: EntitySpec, path: SpecPath, index: SpecIndex, spec: ConnectorSpec, out: DiagnosticList): void {
  const inherited = new Map<string, string>();
  for (const ancestor of index.lineage(entity).slice(1)) {
    for (const attribute of ancestor.attributes) inherited.set(nameKey(attribute.name), ancestor.name);
  }
  checkUnique(
    entity.attributes.map((a, j) => ({ name: a.name, path: [...path, 'attributes', j, 'name'] })),
    `attribute of ${entity.name}`,
    out,
  );
  entity.attributes.forEach((attribute, j) => {
    const at: SpecPath = [...path, 'attributes', j];
    const owner = inherited.get(nameKey(attribute.name));
    if (owner) {
      out.add(
        [...at, 'name'],
        `Attribute "${attribute.name}" of "${entity.name}" is already inherited from "${owner}".`,
        `Remove it here; "${entity.name}" has it through its generalization.`,
      );
    }
    checkJavaName([...at, 'name'], attribute.name, 'attribute', out);
    checkMemberName([...at, 'name'], attribute.name, 'Attribute', out);
    checkDocumentation([...at, 'documentation'], attribute.documentation, `attribute ${entity.name}.${attribute.name}`, out);
    checkAttributeType(attribute, at, spec, index, out);
  });
}

function checkAttributeType(attribute: AttributeSpec, at: SpecPath, spec: ConnectorSpec, index: SpecIndex, out: DiagnosticList): void {
  if (attribute.type !== 'String') {
    if (attribute.length !== undefined)
      out.add([...at, 'length'], `"length" applies to String attributes only, and "${attribute.name}" is ${attribute.type}.`, 'Remove "length".');
    if (attribute.secret)
      out.add([...at, 'secret'], `"secret" applies to String attributes only, and "${attribute.name}" is ${attribute.type}.`, 'Remove "secret".');
  }
  if (attribute.type === 'Enumeration') {
    if (attribute.enumeration === undefined) {
      out.add(at, `Enumeration attribute "${attribute.name}" does not name its enumeration.`, 'Add "enumeration: <name of an enumeration of this spec>".');
    } else if (!index.enumeration(attribute.enumeration)) {
      reportUnknownReference(
        out,
        [...at, 'enumeration'],
        'enumeration',
        attribute.enumeration,
        spec.enumerations.map((e) => e.name),
        `Attribute "${attribute.name}" uses enumeration "${attribute.enumeration}", which`,
      );
    }
  } else if (attribute.enumeration !== undefined) {
    out.add(
      [...at, 'enumeration'],
      `"enumeration" applies to Enumeration attributes only, and "${attribute.name}" is ${attribute.type}.`,
      'Remove "enumeration", or set "type: Enumeration".',
    );
  }
  if (attribute.default === undefined) return;
  const problem = defaultProblem(attribute, index);
  if (problem) out.add([...at, 'default'], `Default of "${attribute.name}": ${problem.message}`, problem.hint);
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

function defaultProblem(attribute: AttributeSpec, index: SpecIndex): { message: string; hint: string } | undefined {
  const value = attribute.default;
  switch (attribute.type) {
    case 'String':
      if (typeof value !== 'string') return { message: `${JSON.stringify(value)} is not text.`, hint: 'Quote the default of a String attribute.' };
      if (typeof attribute.length === 'number' && value.length > attribute.length)
        return { message: `it is ${value.length} characters long, more than the length ${attribute.length}.`, hint: 'Shorten the default or raise "length".' };
      return undefined;
    case 'Integer':
    case 'Long':
      if (typeof value !== 'number' || !Number.isInteger(value))
        return { message: `${JSON.stringify(value)} is not a whole number.`, hint: `Write a whole number for a ${attribute.type} attribute.` };
      if (attribute.type === 'Integer' && (value < INT32_MIN || value > INT32_MAX))
        return { message: `${value} is outside the Integer range (${INT32_MIN} to ${INT32_MAX}).`, hint: 'Use a Long attribute or a smaller default.' };
      return undefined;
    case 'Decimal':
      return typeof value === 'number' ? undefined : { message: `${JSON.stringify(value)} is not a number.`, hint: 'Write a number for a Decimal attribute.' };
    case 'Boolean':
      return typeof value === 'boolean' ? undefined : { message: `${JSON.stringify(value)} is not true or false.`, hint: 'Write true or false.' };
    case 'DateTime':
      return { message: 'DateTime attributes cannot have a default in a connector spec.', hint: 'Remove the default; set the value in the microflow instead.' };
    case 'Enumeration': {
      const enumeration = attribute.enumeration ? index.enumeration(attribute.enumeration) : undefined;
      if (!enumeration) return undefined;
      const names = enumeration.values.map((v) => v.name);
      if (typeof value === 'string' && names.includes(value)) return undefined;
      return {
        message: `${JSON.stringify(value)} is not a value of ${enumeration.name}.`,
        hint: didYouMean(String(value), names, `Use one of: ${names.join(', ')}.`),
      };
    }
  }
}

function checkAssociations(spec: ConnectorSpec, index: SpecIndex, out: DiagnosticList): void {
  checkUnique(
    spec.associations.map((a, i) => ({ name: a.name, path: ['associations', i, 'name'] })),
    'association',
    out,
  );
  const entityNames = spec.entities.map((e) => e.name);
  spec.associations.forEach((association, i) => {
    const path: SpecPath = ['associations', i];
    checkJavaName([...path, 'name'], association.name, 'association', out);
    checkMemberName([...path, 'name'], association.name, 'Association', out);
    checkDocumentation([...path, 'documentation'], association.documentation, `association ${association.name}`, out);
    for (const end of ['parent', 'child'] as const) {
      const entity = index.entity(association[end]);
      if (!entity) {
        reportUnknownReference(
          out,
          [...path, end],
          'entity',
          association[end],
          entityNames,
          `Association "${association.name}" has ${end} "${association[end]}", which`,
        );
        continue;
      }
      // Studio Pro lists associations among the members of both ends' proxies.
      const clash = index.allAttributes(entity).find((a) => nameKey(a.name) === nameKey(association.name));
      if (clash)
        out.add(
          [...path, 'name'],
          `Association "${association.name}" has the name of attribute "${entity.name}.${clash.name}".`,
          'Rename the association; Mendix names associations Parent_Child by convention.',
        );
    }
  });
}

/** Names that become Java identifiers (classes, enum constants, proxy members). */
export function checkJavaName(path: SpecPath, name: string, what: string, out: DiagnosticList): void {
  if (isJavaReservedWord(name) || isJavaReservedWord(name.toLowerCase())) {
    out.add(
      path,
      `The ${what} name "${name}" is a reserved word in Java.`,
      `Studio Pro generates Java code named after each ${what}; choose another name, for example "${name}Value".`,
    );
  }
}

function checkMemberName(path: SpecPath, name: string, what: string, out: DiagnosticList): void {
  const key = nameKey(name);
  if (MENDIX_RESERVED_ATTRIBUTE_NAMES.has(key)) {
    out.add(path, `${what} name "${name}" is reserved by Mendix for a system member.`, `Choose another name, for example "${name}Value".`);
  } else if (PROXY_RESERVED_MEMBER_NAMES.has(key)) {
    out.add(
      path,
      `${what} name "${name}" clashes with a method of the Java proxy Studio Pro generates (get${name}()).`,
      `Choose another name, for example "${name}Name".`,
    );
  }
}

export function checkParameterName(path: SpecPath, name: string, out: DiagnosticList): void {
  checkJavaName(path, name, 'parameter', out);
  if (ACTION_RESERVED_PARAMETER_NAMES.has(nameKey(name))) {
    out.add(path, `Parameter name "${name}" clashes with a member of the generated Java action.`, `Choose another name, for example "${name}Parameter".`);
  }
}

export function checkDocumentation(path: SpecPath, text: string, what: string, out: DiagnosticList): void {
  if (text.trim() === '') {
    out.add(
      path,
      `The documentation of ${what} is empty.`,
      'Explain in a sentence or two what it is for; Studio Pro shows it in the Documentation pane and the technical reference repeats it.',
    );
  }
}

/**
 * Reports every name that repeats an earlier one. Mendix names compare case-insensitively; API values
 * (`exact`) compare as written.
 */
export function checkUnique(items: Array<{ name: string; path: SpecPath }>, what: string, out: DiagnosticList, exact = false): void {
  const first = new Map<string, string>();
  for (const item of items) {
    const key = exact ? item.name : nameKey(item.name);
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, item.name);
    } else {
      const sameCase = earlier === item.name;
      out.add(
        item.path,
        `Duplicate ${what} name "${item.name}"${sameCase ? '' : ` (same as "${earlier}" when case is ignored)`}.`,
        `Each ${what} needs a unique name${exact ? '' : '; Mendix compares names without regard to case'}. Rename or remove one of them.`,
      );
    }
  }
}
