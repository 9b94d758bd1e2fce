import { PlatformError, type PlatformErrorKind } from './gateway.js';

/**
 * Classifies errors thrown by mendixplatformsdk (got-based REST calls, which carry `responseStatus`)
 * and mendixmodelsdk (its REST transport, which carries `status`/`statusCode` or a Node error `code`)
 * without importing either SDK. Returns undefined for errors that do not look like platform errors
 * (those are faults of the tool and are reported as such).
 */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const NETWORK_MESSAGE =
  /\b(ECONNRESET|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|socket hang up|network|Timeout awaiting|timed? ?out)\b/i;

function numberField(error: object, ...names: string[]): number | undefined {
  const record = error as Record<string, unknown>;
  for (const name of names) {
    const value = record[name];
    if (typeof value === 'number') return value;
    if (typeof value === 'string' && /^\d{3}$/.test(value)) return Number(value);
  }
  const response = record['response'];
  if (response !== null && typeof response === 'object') {
    const status = (response as Record<string, unknown>)['statusCode'] ?? (response as Record<string, unknown>)['status'];
    if (typeof status === 'number') return status;
  }
  return undefined;
}

export function httpStatusOf(error: unknown): number | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  return numberField(error, 'responseStatus', 'statusCode', 'status');
}

export function classifyError(error: unknown, notFound: PlatformErrorKind = 'unknown'): PlatformError | undefined {
  if (error instanceof PlatformError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const status = httpStatusOf(error);
  const code = error !== null && typeof error === 'object' ? (error as Record<string, unknown>)['code'] : undefined;
  if (status === 401 || status === 403 || /No Mendix PAT/i.test(message)) return new PlatformError('auth', message);
  if (status === 404) return new PlatformError(notFound, message);
  if (status === 408 || status === 429 || (status !== undefined && status >= 500)) return new PlatformError('network', message);
  if (status !== undefined) return new PlatformError('unknown', message);
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return new PlatformError('network', message);
  if (NETWORK_MESSAGE.test(message) || /Request failed/i.test(message)) return new PlatformError('network', message);
  return undefined;
}

/** Replaces every occurrence of the secret (and its URL-encoded form) with `***`. */
export function redact(text: string, secret: string | undefined): string {
  if (!secret) return text;
  let result = text.split(secret).join('***');
  const encoded = encodeURIComponent(secret);
  if (encoded !== secret) result = result.split(encoded).join('***');
  return result;
}
