import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConformanceCaseSpec, OperationSpec } from '../../generator/spec/types.js';
import * as runtimeApi from '../../runtime/index.js';
import { clearClientCache, ConnectorError } from '../../runtime/index.js';
import { executeOperation } from '../../runtime/engine/engine.js';
import { planFor } from '../../runtime/engine/mapping.js';
import { bundledSpec, loadRuntimeSpec, type RuntimeSpec } from '../../runtime/engine/runtime-spec.js';
import { serviceSdk } from '../../runtime/engine/service-sdk.js';
import { loadCatalog } from '../support/spec-catalog.js';
import { comparable, completeExpected, expectedInput, serviceError, toSdkValue } from './case-support.js';

/**
 * Every conformance case of every operation of every spec the project bundles or keeps as a test
 * fixture, run against the runtime with the spec's AWS SDK client mocked: the exact command input of
 * each exchange, the simulated AWS answer, and the exact result or error.
 */
const { specs } = loadCatalog();

describe('the typed API of the default bundled spec covers it', () => {
  const runtime = bundledSpec();
  const functionName = (operation: string) => operation.charAt(0).toLowerCase() + operation.slice(1);
  for (const operation of runtime.spec.operations) {
    it(`${operation.name} has a runtime function ${functionName(operation.name)}()`, () => {
      expect(
        (runtimeApi as unknown as Record<string, unknown>)[functionName(operation.name)],
        `runtime/index.ts exports no ${functionName(operation.name)}()`,
      ).toBeTypeOf('function');
    });
  }
});

async function runCase(runtime: RuntimeSpec, mock: ReturnType<typeof mockClient>, operation: OperationSpec, testCase: ConformanceCaseSpec): Promise<void> {
  const received: unknown[] = [];
  let next = 0;
  mock.onAnyCommand().callsFake((input: unknown) => {
    // Snapshot now: the same input object may change between pages.
    received.push(comparable(input));
    const exchange = testCase.exchanges[next++];
    if (!exchange) throw new Error(`unexpected call number ${next}: the case has ${testCase.exchanges.length} exchanges`);
    if (exchange.error) throw serviceError(exchange.error, runtime.api.reportedErrorCode(exchange.error.code));
    return toSdkValue(exchange.response ?? {});
  });

  const parameter = (role: string) => {
    const p = operation.parameters.find((x) => x.role === role);
    return p ? (testCase.input[p.name] ?? null) : null;
  };
  const region = parameter('region');
  let outcome: { result: unknown } | { error: unknown };
  try {
    outcome = {
      result: await executeOperation(
        runtime,
        operation.name,
        parameter('credentials') as object | null,
        typeof region === 'string' ? region : null,
        parameter('request') as object | null,
      ),
    };
  } catch (error) {
    outcome = { error };
  }

  // The exchanges: exactly these commands with exactly these inputs, in this order.
  expect(received).toEqual(testCase.exchanges.map((x) => expectedInput(x.request)));
  const Command = serviceSdk(runtime.api).command(operation.action);
  mock.calls().forEach((call) => expect(call.args[0]).toBeInstanceOf(Command));

  if ('result' in testCase.expect) {
    if ('error' in outcome) throw outcome.error;
    const plan = planFor(runtime, operation);
    const expected = plan.responseEntity ? completeExpected(runtime, plan.responseEntity, plan.response, testCase.expect.result) : testCase.expect.result;
    expect(outcome.result).toEqual(expected);
    return;
  }
  const expected = testCase.expect.error;
  expect('error' in outcome, `expected the error "${expected.message}", got a result`).toBe(true);
  if (!('error' in outcome)) return;
  const error = outcome.error;
  expect(error).toBeInstanceOf(ConnectorError);
  if (!(error instanceof ConnectorError)) return;
  expect({ kind: error.kind, message: error.message, code: error.code, status: error.status, requestId: error.requestId, operation: error.operation }).toEqual({
    kind: expected.kind,
    message: expected.message,
    code: expected.code,
    status: expected.status,
    requestId: expected.requestId,
    operation: operation.name,
  });
}

describe('conformance cases run over every spec', () => {
  it('covers the bundled specs and the test fixtures that validate', () => {
    expect(specs.map((s) => s.name)).toEqual(expect.arrayContaining(['spec/aws-lambda.connector.yaml', 'test/specs/aws-dynamodb.connector.yaml']));
    for (const { spec } of specs) for (const operation of spec.operations) expect(operation.cases.length, `${operation.name} has no case`).toBeGreaterThan(0);
  });
});

for (const entry of specs) {
  const runtime = loadRuntimeSpec(entry.file, entry.credentialSource ? { credentialSource: entry.credentialSource } : {});
  describe(`conformance: ${entry.name}`, () => {
    const mock = mockClient(serviceSdk(runtime.api).Client as unknown as Parameters<typeof mockClient>[0]);
    beforeEach(() => {
      mock.reset();
      clearClientCache();
    });
    afterAll(() => {
      mock.restore();
      clearClientCache();
    });
    for (const operation of runtime.spec.operations) {
      for (const testCase of operation.cases) {
        it(`${operation.name}: ${testCase.name}`, async () => {
          await runCase(runtime, mock, operation, testCase);
        });
      }
    }
  });
}
