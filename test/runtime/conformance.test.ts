import { describe, expect, it } from 'vitest';
import type { ConformanceCaseSpec, OperationSpec } from '../../generator/spec/types.js';
import * as runtimeApi from '../../runtime/index.js';
import { ConnectorError } from '../../runtime/index.js';
import { bundledSpec } from '../../runtime/engine/runtime-spec.js';
import { comparable, completeExpected, expectedInput, sdkCommandClass, sdkError, toSdkValue } from './case-support.js';
import { useLambdaMock } from './lambda-mock.js';

/**
 * Every conformance case of every operation of the bundled spec, run against the runtime with the
 * AWS SDK mocked: the exact command input of each exchange, the simulated AWS answer, and the exact
 * result or error.
 */
const runtime = bundledSpec();
const lambdaMock = useLambdaMock();

type OperationFunction = (credentials: unknown, region: unknown, request: unknown) => Promise<unknown>;

function functionName(operation: string): string {
  return operation.charAt(0).toLowerCase() + operation.slice(1);
}

function runtimeFunction(operation: string): OperationFunction | undefined {
  const candidate = (runtimeApi as unknown as Record<string, unknown>)[functionName(operation)];
  return typeof candidate === 'function' ? (candidate as OperationFunction) : undefined;
}

describe('the runtime covers the spec', () => {
  it('the bundled spec has operations', () => {
    expect(runtime.spec.operations.length).toBeGreaterThan(0);
  });
  for (const operation of runtime.spec.operations) {
    it(`${operation.name} has a runtime function ${functionName(operation.name)}() and conformance cases`, () => {
      expect(runtimeFunction(operation.name), `runtime/index.ts exports no ${functionName(operation.name)}()`).toBeTypeOf('function');
      expect(operation.cases.length, `${operation.name} has no conformance case`).toBeGreaterThan(0);
    });
  }
});

async function runCase(operation: OperationSpec, testCase: ConformanceCaseSpec): Promise<void> {
  const fn = runtimeFunction(operation.name);
  if (!fn) throw new Error(`no runtime function for ${operation.name}`);
  const received: unknown[] = [];
  let next = 0;
  lambdaMock.onAnyCommand().callsFake((input: unknown) => {
    // Snapshot now: the SDK paginator reuses and changes one input object across pages.
    received.push(comparable(input));
    const exchange = testCase.exchanges[next++];
    if (!exchange) throw new Error(`unexpected call number ${next}: the case has ${testCase.exchanges.length} exchanges`);
    if (exchange.error) throw sdkError(exchange.error);
    return toSdkValue(exchange.response ?? {});
  });

  const parameter = (role: string) => {
    const p = operation.parameters.find((x) => x.role === role);
    return p ? (testCase.input[p.name] ?? null) : null;
  };
  let outcome: { result: unknown } | { error: unknown };
  try {
    outcome = { result: await fn(parameter('credentials'), parameter('region'), parameter('request')) };
  } catch (error) {
    outcome = { error };
  }

  // The exchanges: exactly these commands with exactly these inputs, in this order.
  expect(received).toEqual(testCase.exchanges.map((x) => expectedInput(x.request)));
  const Command = sdkCommandClass(operation.action);
  lambdaMock.calls().forEach((call) => expect(call.args[0]).toBeInstanceOf(Command));

  if ('result' in testCase.expect) {
    if ('error' in outcome) throw outcome.error;
    const expected =
      'entity' in operation.returns
        ? completeExpected(runtime, operation.returns.entity, runtime.api.outputShape(operation.action) ?? '', operation.response, testCase.expect.result)
        : testCase.expect.result;
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

for (const operation of runtime.spec.operations) {
  describe(`conformance: ${operation.name}`, () => {
    for (const testCase of operation.cases) {
      it(testCase.name, async () => {
        await runCase(operation, testCase);
      });
    }
  });
}
