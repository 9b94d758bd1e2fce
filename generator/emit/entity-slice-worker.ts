import { parentPort, workerData } from 'node:worker_threads';
import { loadCliBundle } from '../cli/cli-bundle.js';
import type { SliceHelperData, SliceHelperMessage } from '../model/slice-helper.js';

/**
 * The helper thread of the package's sliced build (slice-helper.ts, emit-package.ts). It runs the
 * command line's bundle when that is current (one file compiled with its code cache: ready in some
 * 150 ms), else the compiled modules, so that it builds and encodes slices with the same code as the
 * main thread, and hands each slice's bytes over without copying them.
 */
const { serveEncodedEntitySlices } = loadCliBundle()?.exports ?? (await import('./emit-package.js'));
const { job, claims } = workerData as SliceHelperData;
const port = parentPort;
if (port) {
  await serveEncodedEntitySlices(job, claims, (slice, built) =>
    port.postMessage(
      { slice, built } satisfies SliceHelperMessage<Uint8Array>,
      built.entities.map((bytes) => bytes.buffer as ArrayBuffer),
    ),
  );
}
