import * as lambdaSdk from '@aws-sdk/client-lambda';
import type { LambdaClient, LambdaPaginationConfiguration } from '@aws-sdk/client-lambda';

/**
 * The AWS SDK classes of an API action, found by the SDK's naming convention: `<Action>Command`
 * and `paginate<Action>`. The spec names the action; nothing here lists operations by hand.
 */
export type SdkCommand = Parameters<LambdaClient['send']>[0];
export type SdkCommandClass = new (input: object) => SdkCommand;
export type SdkOutput = Record<string, unknown>;
export interface SendOptions {
  abortSignal?: AbortSignal;
}
export type SdkPaginator = (config: LambdaPaginationConfiguration, input: object, options: SendOptions) => AsyncIterable<SdkOutput>;

const exportsOfSdk = lambdaSdk as unknown as Readonly<Record<string, unknown>>;

export function commandClass(action: string): SdkCommandClass | undefined {
  const candidate = exportsOfSdk[`${action}Command`];
  return typeof candidate === 'function' ? (candidate as SdkCommandClass) : undefined;
}

export function paginatorFunction(action: string): SdkPaginator | undefined {
  const candidate = exportsOfSdk[`paginate${action}`];
  return typeof candidate === 'function' ? (candidate as SdkPaginator) : undefined;
}
