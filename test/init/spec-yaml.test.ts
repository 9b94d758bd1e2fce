import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { specYaml, wrapFoldedBlocks } from '../../generator/init/spec-yaml.js';
import type { ConnectorSpec } from '../../generator/spec/types.js';

describe('the YAML text init writes', () => {
  it('wraps folded texts at spaces without changing their value', () => {
    const value = `${'word '.repeat(60)}end, with a.dotted.name and  two spaces kept.`;
    const text = wrapFoldedBlocks(`a:\n  documentation: >-\n    ${value}\nb: 1\n`, 40);
    expect(text.split('\n').filter((line) => line.length > 40)).toEqual([]);
    expect(parse(text)).toEqual({ a: { documentation: value }, b: 1 });
  });

  it('writes a spec with its comments, long words in them included, deterministically', () => {
    const spec = {
      specVersion: 1,
      module: {
        name: 'M',
        version: '0.1.0',
        mendixVersion: '10.21.0',
        toolboxCategory: 'M',
        javaPackage: 'm',
        documentation: 'A module.',
        moduleRoles: [{ name: 'User', documentation: 'Users.' }],
        javaDependencies: [],
      },
      service: { name: 'x', apiModel: 'api/x.json' },
      client: {},
      enumerations: [],
      entities: [],
      associations: [],
      objectMappings: [],
      operations: [],
    } as unknown as ConnectorSpec;
    const comments = { header: [`--operations ${'A'.repeat(300)}`, 'Check it.'], operations: new Map<string, string[]>(), cases: [] };
    const text = specYaml(spec, comments);
    // The long word stays whole on a line of its own.
    expect(text.startsWith(`# --operations\n#   ${'A'.repeat(300)}\n# Check it.\n`)).toBe(true);
    expect(specYaml(spec, comments)).toBe(text);
    expect(parse(text)).toMatchObject({ specVersion: 1, module: { name: 'M' } });
  });
});
