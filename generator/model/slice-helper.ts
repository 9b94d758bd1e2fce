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
  const worker = new Worker(script, { workerData: { job, claims } satisfies SliceHelperData });
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
