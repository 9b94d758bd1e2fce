import { ConnectorError } from '../../runtime/engine/errors.js';

/**
 * The ConnectorError that `promise` rejects with. Any other rejection is rethrown as it is, and a
 * promise that resolves fails the test: a call expected to fail must fail with the runtime's error.
 */
export async function connectorFailure(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('expected a ConnectorError, the call succeeded');
}
