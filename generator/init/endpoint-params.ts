/**
 * Input members that choose the endpoint of a call. AWS's endpoint rules read some input members
 * (Smithy's `@contextParam`): a bucket name or a stream ARN becomes part of the host, an endpoint ID
 * selects a global endpoint and another signing algorithm. The API model file does not record them;
 * the SDK's command classes do (`getEndpointParameterInstructions()`, entries of type
 * `contextParams`). A sample case leaves such members out where the API allows, since with them the
 * SDK would not call the test endpoint the way the case describes.
 */
import type { ApiModelFile } from '../aws/api-model-types.js';
import { loadSdkPackage } from '../aws/extract-api-model.js';
import { isRecord } from '../spec/is-record.js';

/** The input members each operation's endpoint rules read (none when the SDK package cannot be loaded). */
export function endpointContextParameters(model: ApiModelFile): (operation: string) => ReadonlySet<string> {
  let exports: Record<string, unknown> | undefined;
  try {
    exports = loadSdkPackage(model.service).exports;
  } catch {
    exports = undefined;
  }
  const known = new Map<string, ReadonlySet<string>>();
  return (operation) => {
    const cached = known.get(operation);
    if (cached) return cached;
    const names = new Set<string>();
    const command = model.operations[operation]?.jsCommand;
    const cls = command && exports ? exports[command] : undefined;
    const read =
      isRecord(cls) || typeof cls === 'function' ? (cls as { getEndpointParameterInstructions?: unknown }).getEndpointParameterInstructions : undefined;
    if (typeof read === 'function') {
      try {
        const instructions: unknown = read.call(cls);
        if (isRecord(instructions)) {
          for (const instruction of Object.values(instructions)) {
            if (isRecord(instruction) && instruction['type'] === 'contextParams' && typeof instruction['name'] === 'string') names.add(instruction['name']);
          }
        }
      } catch {
        // An SDK that cannot say leaves the members in the sample.
      }
    }
    known.set(operation, names);
    return names;
  };
}
