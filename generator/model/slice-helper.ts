import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { BuiltSlice, SliceJob } from './sliced-build.js';

/**
 * The helper thread that builds slices of a large domain model beside the main thread
 * (sliced-build.ts). Building a slice is the Model SDK's work on a model of its own, and most of a
 * large `generate`: with a second thread, two slices are built at a time.
 *
 * The helper runs a script (the caller's: it gives entities the caller's form) that loads the same
 * code as the command line and calls `serveSlices`. It is given the job and the counter it shares
 * with the main thread when it starts, takes slices from the counter, and sends each slice back as it
 * is built.
 */

/** What the helper is given when it starts. */
export interface SliceHelperData {
  job: SliceJob;
  /** The counter of slices claimed, shared with the main thread. */
  claims: Int32Array;
}

/** What the helper sends: a slice it built. (Node.js delivers a thread's messages before its exit event.) */
export interface SliceHelperMessage<T> {
  slice: number;
  built: BuiltSlice<T>;
}

export interface SliceHelper {
  /**
   * Settles when the helper has ended: it took no further slice and sent each it built, or it failed
   * (a slice it took and did not send is then left to the caller). Never rejects.
   */
  finished: Promise<void>;
  /** Stops the helper if it still runs. */
  stop(): void;
}

/**
 * The helper's young generation, in MB (V8 splits it into two semispaces of a third each and a space
 * for large new objects): 64 MB semispaces where V8's default is 16 MB.
 *
 * Why: a slice's model lives until the slice is built, some 50 MB of allocations later. With V8's
 * default young generation, every scavenge in between copies the model built so far, and what
 * survives two of them is promoted and left to a full collection. With semispaces of 64 MB most of
 * a slice's objects die young. Measured side by side (`generate` of 1,000 entities of 20 attributes,
 * five runs each on a two-core machine), the median time fell from 5.9 s to 4.8 s at 192 MB, with
 * peak resident memory unchanged (356 to 403 MB against 359 to 380 MB); at 128 MB it was 4.9 s, at
 * 256 MB 4.7 s but up to 478 MB. A second batch, the commit before against this one, gave 5.9 s
 * against 5.5 s. The main thread cannot be given the same: V8 sizes a thread's heap when the thread
 * starts (`--max-semi-space-size` set at run time reaches only threads started later).
 */
export const HELPER_YOUNG_GENERATION_MB = 192;

/**
 * Starts the helper thread on `job`; `onSlice` is called (in this thread) for each slice it builds.
 * Undefined when the script does not exist.
 */
export function startSliceHelper<T>(
  script: string,
  job: SliceJob,
  claims: Int32Array,
  onSlice: (i: number, built: BuiltSlice<T>) => void,
): SliceHelper | undefined {
  if (!existsSync(script)) return undefined;
  const worker = new Worker(script, {
    workerData: { job, claims } satisfies SliceHelperData,
    resourceLimits: { maxYoungGenerationSizeMb: HELPER_YOUNG_GENERATION_MB },
  });
  // Settled once the thread has ended, so that its memory (a Model SDK and a slice's model) is given
  // back before the caller goes on with the package. A helper that is done ends on its own.
  const finished = new Promise<void>((resolve) => {
    worker.on('message', (message: SliceHelperMessage<T>) => {
      onSlice(message.slice, message.built);
    });
    // A helper that fails leaves its slices to the main thread, which builds them the same way: the
    // output does not depend on it, and an error in building a slice shows there again.
    worker.on('error', () => undefined);
    worker.on('exit', () => resolve());
  });
  return { finished, stop: () => void worker.terminate() };
}
