import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DeflateReply, DeflateRequest } from './deflate-worker.js';
import type { ZipEntryInput } from './zip.js';

/**
 * Deflating in a second thread. The package of a large module holds a project.mpr of many megabytes,
 * and fflate deflates some 25 MB a second: on its own thread that overlaps with work that does not
 * need the package (the technical reference). The bytes are those writeZip makes itself: the same
 * fflate call at the same level (deflate-worker.ts), only elsewhere.
 */

/** Below this, deflating costs less than starting a thread. */
export const MIN_THREAD_DEFLATE_BYTES = 2 * 1024 * 1024;

/** The compiled worker, beside this file; absent when the TypeScript sources run (the tests), and then the zip deflates itself. */
const WORKER_FILE = fileURLToPath(new URL('./deflate-worker.js', import.meta.url));

/**
 * Starts deflating the large entries in a helper thread; resolves to their deflated bytes by path
 * (writeZip's `deflated`), or to none when no entry is large enough, there is no worker or it
 * failed: writeZip then deflates them itself.
 */
export function deflateLargeEntries(entries: readonly ZipEntryInput[], level: DeflateRequest['level'] = 6): Promise<Map<string, Uint8Array>> {
  const large = entries.filter((entry) => entry.data.length >= MIN_THREAD_DEFLATE_BYTES);
  if (large.length === 0 || !existsSync(WORKER_FILE)) return Promise.resolve(new Map());
  const worker = new Worker(WORKER_FILE);
  return new Promise<Map<string, Uint8Array>>((resolve, reject) => {
    const deflated = new Map<string, Uint8Array>();
    worker.on('message', (reply: DeflateReply) => {
      deflated.set((large[reply.id] as ZipEntryInput).path, reply.deflated);
      if (deflated.size === large.length) resolve(deflated);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (deflated.size < large.length) reject(new Error(`The deflate thread stopped with exit code ${code}.`));
    });
    // The data is copied, not transferred: the zip still reads it for its checksum and sizes.
    large.forEach((entry, id) => worker.postMessage({ id, data: entry.data, level } satisfies DeflateRequest));
  })
    .catch(() => new Map<string, Uint8Array>())
    .finally(() => void worker.terminate());
}
