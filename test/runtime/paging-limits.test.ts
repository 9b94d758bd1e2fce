/**
 * Fetching all pages ends with an error, not silently and not never: when the service repeats a page
 * token, and after the pagination trait's maxPages pages. The Java does the same
 * (test/java/java-client-binding.test.ts), with the same messages.
 */
import { ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { SpecIndex } from '../../generator/spec/spec-index.js';
import { executeOperation } from '../../runtime/engine/engine.js';
import { ConnectorError } from '../../runtime/engine/errors.js';
import { bundledSpec, type RuntimeSpec } from '../../runtime/engine/runtime-spec.js';
import { useLambdaMock } from './lambda-mock.js';

const lambdaMock = useLambdaMock();
const KEYS = { Provider: 'StaticKeys', AccessKeyId: 'AKIAPAGING', SecretAccessKey: 'paging-secret' };

/** The bundled spec with ListFunctions limited to `maxPages` pages. */
function withMaxPages(maxPages: number): RuntimeSpec {
  const runtime = bundledSpec();
  const spec = structuredClone(runtime.spec);
  const pagination = spec.operations.find((o) => o.name === 'ListFunctions')?.traits.pagination;
  if (!pagination) throw new Error('ListFunctions has no pagination trait');
  pagination.maxPages = maxPages;
  return { spec, index: new SpecIndex(spec), api: runtime.api };
}

async function failure(runtime: RuntimeSpec): Promise<ConnectorError> {
  const error = await executeOperation(runtime, 'ListFunctions', KEYS, 'us_east_1', { FetchAllPages: true }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe('fetching all pages', () => {
  it('stops with an error when AWS repeats a page token', async () => {
    lambdaMock
      .on(ListFunctionsCommand)
      .resolvesOnce({ Functions: [{ FunctionName: 'a' }], NextMarker: 'm1' })
      .resolvesOnce({ Functions: [{ FunctionName: 'b' }], NextMarker: 'm1' })
      .resolves({ Functions: [{ FunctionName: 'c' }] });
    const error = await failure(bundledSpec());
    expect(error.message).toBe('ListFunctions failed: AWS returned the same page token twice; stopped after 2 pages.');
    expect(lambdaMock.commandCalls(ListFunctionsCommand)).toHaveLength(2);
  });

  it('stops with an error after maxPages pages of ever new tokens', async () => {
    let page = 0;
    lambdaMock.on(ListFunctionsCommand).callsFake(() => ({ Functions: [{ FunctionName: `f${++page}` }], NextMarker: `m${page}` }));
    const error = await failure(withMaxPages(3));
    expect(error.message).toBe("ListFunctions failed: AWS returned more than 3 pages; stopped there (the pagination trait's maxPages).");
    expect(lambdaMock.commandCalls(ListFunctionsCommand)).toHaveLength(3);
  });
});
