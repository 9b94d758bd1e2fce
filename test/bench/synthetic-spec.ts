import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { dirname, join } from 'node:path';
import { BUNDLED_SPEC_FILE, PACKAGE_ROOT } from '../../generator/paths.js';

/**
 * Synthetic specs for the generation benchmark: the bundled spec's module frame (client binding,
 * credentials, request base, region list), plus `entityCount` entities of 20 attributes each and one
 * operation (with its request and response entities and a case) per ten entities.
 */

type Json = Record<string, unknown>;
const ATTRIBUTES_PER_ENTITY = 20;
const TYPES = ['String', 'Integer', 'Long', 'Decimal', 'Boolean', 'DateTime'] as const;

export function syntheticSpec(entityCount: number): Json {
  const bundled = parse(readFileSync(BUNDLED_SPEC_FILE, 'utf8')) as Json;
  const module = bundled['module'] as Json;
  const icons = module['toolboxIcon'] as Json | undefined;
  const specDir = dirname(BUNDLED_SPEC_FILE);
  const entities = (bundled['entities'] as Json[]).filter((e) => ['Credentials', 'AbstractRequest'].includes(String(e['name'])));
  const enumerations = (bundled['enumerations'] as Json[]).filter((e) => ['ENUM_CredentialsProvider', 'ENUM_Region'].includes(String(e['name'])));
  const attributes = (prefix: string, first: Json[] = []) => [
    ...first,
    ...Array.from({ length: ATTRIBUTES_PER_ENTITY - first.length }, (_, i) => {
      const type = TYPES[i % TYPES.length] as string;
      return { name: `${prefix}Field${i}`, type, ...(type === 'String' ? { length: 200 } : {}), documentation: `Synthetic ${type} attribute ${i}.` };
    }),
  ];
  const operations: Json[] = [];
  const associations: Json[] = [];
  const operationCount = Math.max(1, Math.floor(entityCount / 10));
  for (let o = 0; o < operationCount; o++) {
    const request = `Op${o}Request`;
    const response = `Op${o}Response`;
    entities.push({
      name: request,
      generalization: 'AbstractRequest',
      documentation: `Request of operation ${o}.`,
      attributes: attributes(request, [{ name: 'FunctionName', type: 'String', length: 170, documentation: 'The function.' }]),
    });
    entities.push({ name: response, documentation: `Response of operation ${o}.`, attributes: attributes(response) });
    operations.push({
      name: `Operation${o}`,
      caption: `Operation ${o}`,
      documentation: `Synthetic operation ${o}.`,
      action: 'GetFunction',
      permission: 'lambda:GetFunction',
      parameters: [
        { name: 'Credentials', role: 'credentials', entity: 'Credentials', description: 'Credentials.' },
        { name: 'Region', role: 'region', enumeration: 'ENUM_Region', description: 'Region.' },
        { name: 'Request', role: 'request', entity: request, description: 'Request.' },
      ],
      returns: { entity: response, description: 'Response.' },
      request: [{ field: 'FunctionName', attribute: 'FunctionName' }],
      response: [],
      cases: [
        {
          name: 'reads a function',
          input: { Credentials: { Provider: 'DefaultProviderChain' }, Region: 'us_east_1', Request: { FunctionName: 'f' } },
          exchanges: [{ request: { FunctionName: 'f' }, response: {} }],
          expect: { result: {} },
        },
      ],
    });
  }
  for (let e = entities.length; e < entityCount; e++) {
    const name = `Entity${e}`;
    entities.push({ name, documentation: `Synthetic entity ${e}.`, attributes: attributes(name) });
    const previous = entities[e - 1] as Json;
    associations.push({ name: `${name}_${String(previous['name'])}`, parent: name, child: previous['name'], documentation: 'Synthetic association.' });
  }
  return {
    specVersion: 1,
    module: {
      ...module,
      name: 'SyntheticConnector',
      javaPackage: 'syntheticconnector',
      // The bundled spec's walkthroughs name its own operations; the synthetic spec walks through its first.
      walkthroughs: ['Operation0'],
      // Absolute, because the synthetic spec is written outside the project.
      ...(icons ? { toolboxIcon: { icon: join(specDir, String(icons['icon'])), image: join(specDir, String(icons['image'])) } } : {}),
    },
    // Absolute, because the synthetic spec is written outside the project.
    service: { ...(bundled['service'] as Json), apiModel: join(PACKAGE_ROOT, 'spec', 'api', 'aws-lambda.api.json') },
    client: bundled['client'],
    enumerations,
    entities,
    associations,
    objectMappings: [],
    operations,
  };
}
