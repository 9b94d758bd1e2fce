/**
 * Prints the region enumeration values (commercial, GovCloud (US) and China partitions, from the
 * installed AWS SDK) as YAML list items, for pasting under an enumeration's `values:` in a spec.
 *
 *   node build/generator/aws/print-region-enum.js > /tmp/region-values.yaml
 */
import { regionEnumYaml } from './regions.js';

process.stdout.write(regionEnumYaml());
