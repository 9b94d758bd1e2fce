/**
 * The AWS regions the installed AWS SDK for JavaScript knows, for the connector's region
 * enumeration.
 *
 * The data is the SDK's partition table (`partitionsInfo` in @aws-sdk/core, file
 * dist-es/submodules/client/util-endpoints/lib/aws/partitions.js), which the SDK's endpoint
 * resolver uses. @aws-sdk/core exports only a lookup function over it (`partition(region)`), not the
 * table itself, so the table is read from that file: it is a single JSON object literal. The copy of
 * @aws-sdk/core used is the one this tool's AWS SDK clients share.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { isRecord } from '../spec/is-record.js';

/** The partitions whose regions the connector offers, in the order they are listed. */
export const REGION_PARTITIONS = ['aws', 'aws-us-gov', 'aws-cn'] as const;
export type RegionPartition = (typeof REGION_PARTITIONS)[number];

/** How the region enumeration's documentation names each partition. */
export const PARTITION_LABELS: Record<RegionPartition, string> = {
  aws: 'the AWS commercial partition',
  'aws-us-gov': 'the AWS GovCloud (US) partition',
  'aws-cn': 'the AWS China partition',
};

export interface AwsRegion {
  /** Region code, as the API and the SDKs spell it: `us-east-1`. */
  region: string;
  partition: RegionPartition;
  /** The SDK's human-readable name: `US East (N. Virginia)`. */
  description: string;
}

/** One partition of the SDK's table, as far as this module reads it. */
export interface SdkPartition {
  id: string;
  regionRegex: string;
  regions: Record<string, { description?: string }>;
}

const PARTITIONS_FILE = ['dist-es', 'submodules', 'client', 'util-endpoints', 'lib', 'aws', 'partitions.js'];

/** Path of the partition table of the @aws-sdk/core this tool's AWS SDK clients share. */
export function sdkPartitionsFile(): string {
  const corePackage = createRequire(import.meta.url).resolve('@aws-sdk/core/package.json');
  return join(dirname(corePackage), ...PARTITIONS_FILE);
}

/** Every partition of the SDK's table (all of them, not only the three the connector offers). */
export function readSdkPartitions(file: string = sdkPartitionsFile()): SdkPartition[] {
  const text = readFileSync(file, 'utf8');
  const match = /^\s*export\s+const\s+partitionsInfo\s*=\s*(\{[\s\S]*\})\s*;?\s*$/.exec(text);
  if (!match) throw new Error(`${file}: expected "export const partitionsInfo = {...};", the SDK changed its layout.`);
  let data: unknown;
  try {
    data = JSON.parse(match[1] as string);
  } catch (error) {
    throw new Error(`${file}: the partition table is not plain JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  const partitions = isRecord(data) ? data['partitions'] : undefined;
  if (!Array.isArray(partitions)) throw new Error(`${file}: no "partitions" list.`);
  return partitions.map((p, i) => {
    if (!isRecord(p) || typeof p['id'] !== 'string' || typeof p['regionRegex'] !== 'string' || !isRecord(p['regions'])) {
      throw new Error(`${file}: partition #${i} lacks id, regionRegex or regions.`);
    }
    return { id: p['id'], regionRegex: p['regionRegex'], regions: p['regions'] as SdkPartition['regions'] };
  });
}

/**
 * Whether a region entry of a partition is a real region. Each partition also lists a pseudo-region
 * named `<partition>-global` (`aws-global`, `aws-us-gov-global`, `aws-cn-global`): an alias the
 * endpoint resolver uses for the partition's global endpoints (IAM, STS, ...), which resolves and
 * signs for one real region of the partition. A regional service's client cannot pick such a name, so
 * it is not a region a user can pick. They are recognised both by their name and by not matching the
 * partition's own region pattern (`regionRegex`).
 */
export function isRealRegion(partition: SdkPartition, region: string): boolean {
  if (region.endsWith('-global')) return false;
  return new RegExp(partition.regionRegex).test(region);
}

/**
 * The regions of the commercial, GovCloud (US) and China partitions, sorted by partition (in the
 * order of REGION_PARTITIONS) and then by region code.
 */
export function sdkRegions(partitions: SdkPartition[] = readSdkPartitions()): AwsRegion[] {
  const regions: AwsRegion[] = [];
  for (const id of REGION_PARTITIONS) {
    const partition = partitions.find((p) => p.id === id);
    if (!partition) throw new Error(`The SDK's partition table has no partition "${id}".`);
    const codes = Object.keys(partition.regions)
      .filter((code) => isRealRegion(partition, code))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const code of codes) {
      const description = partition.regions[code]?.description;
      if (typeof description !== 'string' || description === '') throw new Error(`Region ${code} has no description in the SDK.`);
      regions.push({ region: code, partition: id, description });
    }
  }
  return regions;
}

/** The enumeration value name of a region: `us-east-1` -> `us_east_1`. */
export function regionEnumValueName(region: string): string {
  const name = region.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) throw new Error(`Region "${region}" does not make a valid enumeration value name.`);
  return name;
}

/**
 * Enumeration values for the connector spec, as YAML list items indented to sit under an
 * enumeration's `values:` key (six spaces):
 *
 *       - name: us_east_1
 *         caption: US East (N. Virginia)
 *         apiValue: us-east-1
 *         documentation: "Region us-east-1 in the AWS commercial partition."
 */
export function regionEnumYaml(regions: AwsRegion[] = sdkRegions(), indent = 6): string {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const r of regions) {
    lines.push(`${pad}- name: ${regionEnumValueName(r.region)}`);
    lines.push(`${pad}  caption: ${yamlScalar(r.description)}`);
    lines.push(`${pad}  apiValue: ${yamlScalar(r.region)}`);
    lines.push(`${pad}  documentation: ${JSON.stringify(`Region ${r.region} in ${PARTITION_LABELS[r.partition]}.`)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A plain YAML scalar when that reads back as the same string, else a double-quoted one. */
function yamlScalar(text: string): string {
  const plainSafe = /^[A-Za-z][A-Za-z0-9 ()._,/-]*$/.test(text) && !text.endsWith(' ') && !/^(true|false|yes|no|on|off|null|y|n)$/i.test(text);
  return plainSafe ? text : JSON.stringify(text);
}
