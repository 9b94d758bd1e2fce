import { deflateSync } from 'fflate';
import { parentPort } from 'node:worker_threads';

/**
 * The helper thread of deflate-thread.ts: deflates what it is sent, with the same fflate call as
 * writeZip, and sends the bytes back.
 */
export interface DeflateRequest {
  id: number;
  data: Uint8Array;
  level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
}

export interface DeflateReply {
  id: number;
  deflated: Uint8Array;
}

parentPort?.on('message', (request: DeflateRequest) => {
  const deflated = deflateSync(request.data, { level: request.level });
  const reply: DeflateReply = { id: request.id, deflated };
  parentPort?.postMessage(reply, [deflated.buffer]);
});
