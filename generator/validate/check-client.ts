import type { SpecIndex } from '../spec/spec-index.js';
import type { AttributeType, ConnectorSpec, EntitySpec } from '../spec/types.js';
import type { DiagnosticList, SpecPath } from './diagnostics.js';
import { reportUnknownReference } from './unknown-reference.js';
import { didYouMean } from '../spec/suggest.js';

/** AWS region codes: us-east-1, us-gov-west-1, cn-north-1, ap-southeast-5, eusc-de-east-1 ... */
const REGION_CODE = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;

/**
 * Checks the client binding: the entity and attributes that carry credentials and per-call settings,
 * and the region enumeration, exist with the types the client factory needs.
 */
export function checkClientBinding(spec: ConnectorSpec, index: SpecIndex, out: DiagnosticList): void {
  const { credentials, settings, region } = spec.client;
  const enumNames = spec.enumerations.map((e) => e.name);

  const regionEnum = index.enumeration(region.enumeration);
  if (!regionEnum) {
    reportUnknownReference(
      out,
      ['client', 'region', 'enumeration'],
      'enumeration',
      region.enumeration,
      enumNames,
      `Region enumeration "${region.enumeration}"`,
    );
  } else {
    const at = spec.enumerations.indexOf(regionEnum);
    regionEnum.values.forEach((value, j) => {
      const code = value.apiValue ?? value.name;
      if (!REGION_CODE.test(code)) {
        out.add(
          ['enumerations', at, 'values', j, value.apiValue === undefined ? 'name' : 'apiValue'],
          `"${code}" is not an AWS region code.`,
          `Give the value an apiValue such as us-east-1 (value names cannot contain dashes).`,
        );
      }
    });
  }

  const credentialsEntity = entityOrReport(credentials.entity, ['client', 'credentials', 'entity'], spec, index, out);
  if (credentialsEntity) {
    const provider = attributeOfType(
      credentialsEntity,
      credentials.providerAttribute,
      ['Enumeration'],
      ['client', 'credentials', 'providerAttribute'],
      index,
      out,
    );
    const providerEnum = provider?.enumeration ? index.enumeration(provider.enumeration) : undefined;
    if (providerEnum) {
      for (const key of ['staticKeys', 'assumeRole', 'defaultChain'] as const) {
        const valueName = credentials.providers[key];
        if (!providerEnum.values.some((v) => v.name === valueName)) {
          out.add(
            ['client', 'credentials', 'providers', key],
            `"${valueName}" is not a value of ${providerEnum.name}.`,
            didYouMean(
              valueName,
              providerEnum.values.map((v) => v.name),
              `Use one of: ${providerEnum.values.map((v) => v.name).join(', ')}.`,
            ),
          );
        }
      }
    }
    for (const key of ['accessKeyId', 'secretAccessKey', 'sessionToken', 'roleArn', 'externalId', 'roleSessionName'] as const) {
      const attribute = attributeOfType(credentialsEntity, credentials[key], ['String'], ['client', 'credentials', key], index, out);
      if (attribute && (key === 'secretAccessKey' || key === 'sessionToken') && !attribute.secret) {
        out.add(
          ['client', 'credentials', key],
          `Attribute "${credentialsEntity.name}.${attribute.name}" carries a secret but is not marked "secret: true".`,
          'Mark it secret so it is never logged, echoed in errors or written into generated files.',
        );
      }
    }
  }

  const settingsEntity = entityOrReport(settings.entity, ['client', 'settings', 'entity'], spec, index, out);
  if (settingsEntity) {
    attributeOfType(settingsEntity, settings.endpointOverride, ['String'], ['client', 'settings', 'endpointOverride'], index, out);
    attributeOfType(settingsEntity, settings.apiCallTimeoutSeconds, ['Integer'], ['client', 'settings', 'apiCallTimeoutSeconds'], index, out);
    attributeOfType(settingsEntity, settings.maxAttempts, ['Integer'], ['client', 'settings', 'maxAttempts'], index, out);
    if (settings.stsEndpointOverride !== undefined)
      attributeOfType(settingsEntity, settings.stsEndpointOverride, ['String'], ['client', 'settings', 'stsEndpointOverride'], index, out);
  }
}

function entityOrReport(name: string, path: SpecPath, spec: ConnectorSpec, index: SpecIndex, out: DiagnosticList): EntitySpec | undefined {
  const entity = index.entity(name);
  if (!entity)
    reportUnknownReference(
      out,
      path,
      'entity',
      name,
      spec.entities.map((e) => e.name),
    );
  return entity;
}

/** Resolves an own or inherited attribute and checks its type; reports and returns undefined otherwise. */
export function attributeOfType(entity: EntitySpec, name: string, types: readonly AttributeType[], path: SpecPath, index: SpecIndex, out: DiagnosticList) {
  const attribute = index.attribute(entity, name);
  if (!attribute) {
    out.add(
      path,
      `Entity "${entity.name}" has no attribute "${name}".`,
      didYouMean(
        name,
        index.allAttributes(entity).map((a) => a.name),
        `Name an attribute of ${entity.name} or of its generalizations.`,
      ),
    );
    return undefined;
  }
  if (!types.includes(attribute.type)) {
    out.add(
      path,
      `Attribute "${entity.name}.${attribute.name}" is ${attribute.type}; it must be ${types.join(' or ')} here.`,
      `Change the attribute's type to ${types.join(' or ')}, or name another attribute.`,
    );
    return undefined;
  }
  return attribute;
}
