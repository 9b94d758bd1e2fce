import { LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach } from 'vitest';
import { clearClientCache } from '../../runtime/index.js';

/**
 * A mocked LambdaClient for a test file: reset, with an empty client cache, before every test, and
 * restored after the file, so no test sees another's answers or cached clients.
 */
export function useLambdaMock() {
  const lambdaMock = mockClient(LambdaClient);
  beforeEach(() => {
    lambdaMock.reset();
    clearClientCache();
  });
  afterAll(() => {
    lambdaMock.restore();
    clearClientCache();
  });
  return lambdaMock;
}
