import type { SettingsBindingSpec } from './types.js';

/**
 * How long a call may take, retries included, when the request leaves its timeout attribute empty
 * and the spec's client settings name no default of their own: long enough for any ordinary API call
 * and its retries, short enough that a server that never answers does not hold a microflow (or a
 * command) forever. A request's 0 means no bound beyond the SDK's own.
 */
export const DEFAULT_API_CALL_TIMEOUT_SECONDS = 120;

export function defaultApiCallTimeoutSeconds(settings: SettingsBindingSpec): number {
  return settings.defaultApiCallTimeoutSeconds ?? DEFAULT_API_CALL_TIMEOUT_SECONDS;
}
