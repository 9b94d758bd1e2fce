'use strict';
// Loaded with `node --require` before serverless: a handler that throws during an asynchronous
// (Event) invoke would otherwise end the emulator process with an unhandled rejection.
process.on('unhandledRejection', (reason) => {
  const text = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
  process.stderr.write(`[preload] unhandled rejection ignored: ${text}\n`);
});
