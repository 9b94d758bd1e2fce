import { partition as sdkPartitionOf } from '@aws-sdk/core/client';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  REGION_PARTITIONS,
  isRealRegion,
  readSdkPartitions,
  regionEnumValueName,
  regionEnumYaml,
  sdkRegions,
  type SdkPartition,
} from '../../generator/aws/regions.js';

const regions = sdkRegions();

describe('sdkRegions', () => {
  it('includes the first region of each partition with the SDK description', () => {
    // Descriptions as written in @aws-sdk/core partitions.js.
    expect(regions).toContainEqual({ region: 'us-east-1', partition: 'aws', description: 'US East (N. Virginia)' });
    expect(regions).toContainEqual({ region: 'eu-west-1', partition: 'aws', description: 'Europe (Ireland)' });
    expect(regions).toContainEqual({ region: 'us-gov-west-1', partition: 'aws-us-gov', description: 'AWS GovCloud (US-West)' });
    expect(regions).toContainEqual({ region: 'us-gov-east-1', partition: 'aws-us-gov', description: 'AWS GovCloud (US-East)' });
    expect(regions).toContainEqual({ region: 'cn-north-1', partition: 'aws-cn', description: 'China (Beijing)' });
    expect(regions).toContainEqual({ region: 'cn-northwest-1', partition: 'aws-cn', description: 'China (Ningxia)' });
  });

  it("agrees with the SDK's own runtime partition lookup for every region", () => {
    for (const r of regions) {
      const info = sdkPartitionOf(r.region);
      expect(info.name, r.region).toBe(r.partition);
      expect((info as { description?: string }).description, r.region).toBe(r.description);
    }
  });

  it('leaves out the pseudo-regions and the other partitions, and nothing else', () => {
    const codes = regions.map((r) => r.region);
    for (const pseudo of ['aws-global', 'aws-us-gov-global', 'aws-cn-global']) expect(codes).not.toContain(pseudo);
    expect(codes.some((c) => c.endsWith('-global'))).toBe(false);
    expect(codes).not.toContain('us-iso-east-1');
    expect(codes).not.toContain('eusc-de-east-1');
    const table = readSdkPartitions();
    const expected = REGION_PARTITIONS.flatMap((id) => Object.keys(table.find((p) => p.id === id)?.regions ?? {}).filter((c) => !c.endsWith('-global')));
    expect([...codes].sort()).toEqual(expected.sort());
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('sorts by partition (aws, aws-us-gov, aws-cn) and then by region code', () => {
    const rank = (p: string) => REGION_PARTITIONS.indexOf(p as (typeof REGION_PARTITIONS)[number]);
    for (let i = 1; i < regions.length; i++) {
      const a = regions[i - 1]!;
      const b = regions[i]!;
      const ordered = rank(a.partition) < rank(b.partition) || (a.partition === b.partition && a.region < b.region);
      expect(ordered, `${a.region} before ${b.region}`).toBe(true);
    }
    expect(regions[0]?.partition).toBe('aws');
    expect(regions.at(-1)?.partition).toBe('aws-cn');
  });

  it('filters and sorts a given table, and fails when a partition is missing', () => {
    const table: SdkPartition[] = [
      { id: 'aws-cn', regionRegex: '^cn\\-\\w+\\-\\d+$', regions: { 'cn-b-1': { description: 'B' }, 'aws-cn-global': { description: 'g' } } },
      {
        id: 'aws',
        regionRegex: '^(us|eu)\\-\\w+\\-\\d+$',
        regions: { 'us-west-2': { description: 'W2' }, 'eu-a-1': { description: 'A' }, 'aws-global': { description: 'g' } },
      },
      { id: 'aws-us-gov', regionRegex: '^us\\-gov\\-\\w+\\-\\d+$', regions: { 'us-gov-x-1': { description: 'X' } } },
    ];
    expect(sdkRegions(table).map((r) => r.region)).toEqual(['eu-a-1', 'us-west-2', 'us-gov-x-1', 'cn-b-1']);
    expect(() => sdkRegions(table.slice(1))).toThrow(/aws-cn/);
    expect(isRealRegion(table[1]!, 'aws-global')).toBe(false);
    expect(isRealRegion(table[1]!, 'us-west-2')).toBe(true);
  });
});

describe('regionEnumValueName', () => {
  it('turns region codes into identifiers', () => {
    expect(regionEnumValueName('us-east-1')).toBe('us_east_1');
    expect(regionEnumValueName('us-gov-west-1')).toBe('us_gov_west_1');
    expect(() => regionEnumValueName('1-bad')).toThrow();
  });

  it('gives every SDK region a distinct valid identifier', () => {
    const names = regions.map((r) => regionEnumValueName(r.region));
    for (const name of names) expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('regionEnumYaml', () => {
  const text = regionEnumYaml();

  it('prints the documented snippet for us-east-1', () => {
    expect(text).toContain(
      [
        '      - name: us_east_1',
        '        caption: US East (N. Virginia)',
        '        apiValue: us-east-1',
        '        documentation: "Region us-east-1 in the AWS commercial partition."',
      ].join('\n'),
    );
    expect(text).toContain('documentation: "Region us-gov-west-1 in the AWS GovCloud (US) partition."');
    expect(text).toContain('documentation: "Region cn-north-1 in the AWS China partition."');
  });

  it('is YAML that reads back as one value per region', () => {
    const values = parse(text) as Array<Record<string, string>>;
    expect(values.map((v) => v['apiValue'])).toEqual(regions.map((r) => r.region));
    expect(values.map((v) => v['caption'])).toEqual(regions.map((r) => r.description));
    expect(values.map((v) => v['name'])).toEqual(regions.map((r) => regionEnumValueName(r.region)));
    for (const v of values) expect(Object.keys(v).sort()).toEqual(['apiValue', 'caption', 'documentation', 'name']);
  });

  it('quotes captions that plain YAML would misread', () => {
    const yamlText = regionEnumYaml([{ region: 'xx-test-1', partition: 'aws', description: 'Test: "odd" # name' }]);
    expect(parse(yamlText)).toEqual([
      { name: 'xx_test_1', caption: 'Test: "odd" # name', apiValue: 'xx-test-1', documentation: 'Region xx-test-1 in the AWS commercial partition.' },
    ]);
  });
});
