'use strict';
// Handlers for the runtime's integration tests (CommonJS, as serverless-offline loads them).

/** Returns the event it received, and the client context when one was sent. */
exports.echo = async (event, context) => ({
  echo: event,
  clientContext: context && context.clientContext ? context.clientContext : null,
  functionName: context ? context.functionName : null,
});

/** Fails the way a buggy function does: an uncaught TypeError. */
exports.thrower = async (event) => {
  const missing = event && event.missing;
  return missing.property;
};

/** Waits event.ms milliseconds (default 3000), then answers. */
exports.slow = async (event) => {
  const ms = event && typeof event.ms === 'number' ? event.ms : 3000;
  await new Promise((resolve) => setTimeout(resolve, ms));
  return { sleptMs: ms };
};
