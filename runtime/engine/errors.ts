export { formatCount } from '../../generator/spec/format-count.js';
/**
 * The one error type every runtime operation throws. `kind` tells who refused:
 * - `validation`: the runtime refused the input before any call to AWS;
 * - `aws`: AWS (or the network on the way to it) refused or failed the call;
 * - `functionError`: the invoked function itself failed and the request asked to fail on that.
 *
 * Messages and the JSON form never carry credentials: they are built from fixed text, AWS's own
 * message and codes, and every known secret value is masked out of them (see `maskSecrets`).
 */
export type ConnectorErrorKind = 'aws' | 'validation' | 'functionError';

export interface ConnectorErrorDetails {
  kind: ConnectorErrorKind;
  operation: string;
  message: string;
  code?: string;
  status?: number;
  requestId?: string;
  retryable?: boolean;
  /** functionError only: the FunctionError value AWS returned (Unhandled, or the function's own type). */
  functionError?: string;
  errorType?: string;
  errorMessage?: string;
  trace?: string[];
}

export class ConnectorError extends Error {
  readonly kind: ConnectorErrorKind;
  readonly operation: string;
  readonly code: string | undefined;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly retryable: boolean;
  readonly functionError: string | undefined;
  readonly errorType: string | undefined;
  readonly errorMessage: string | undefined;
  readonly trace: string[] | undefined;

  constructor(details: ConnectorErrorDetails) {
    super(details.message);
    this.name = 'ConnectorError';
    this.kind = details.kind;
    this.operation = details.operation;
    this.code = details.code;
    this.status = details.status;
    this.requestId = details.requestId;
    this.retryable = details.retryable ?? false;
    this.functionError = details.functionError;
    this.errorType = details.errorType;
    this.errorMessage = details.errorMessage;
    this.trace = details.trace;
  }

  /** A plain, secret-free form for logs and `--json` output; absent details are left out. */
  toJSON(): Record<string, string | number | boolean | string[]> {
    const json: Record<string, string | number | boolean | string[]> = {
      name: this.name,
      kind: this.kind,
      operation: this.operation,
      message: this.message,
      retryable: this.retryable,
    };
    const optional = {
      code: this.code,
      status: this.status,
      requestId: this.requestId,
      functionError: this.functionError,
      errorType: this.errorType,
      errorMessage: this.errorMessage,
      trace: this.trace,
    };
    for (const [key, value] of Object.entries(optional)) if (value !== undefined) json[key] = value;
    return json;
  }
}

/** `<Operation> refused before calling AWS: <reason>` */
export function validationError(operation: string, reason: string): ConnectorError {
  return new ConnectorError({ kind: 'validation', operation, message: `${operation} refused before calling AWS: ${reason}` });
}

/** Replaces every occurrence of a secret (4 characters or more) in `text` with asterisks. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of secrets) {
    if (secret.length >= 4) masked = masked.split(secret).join('****');
  }
  return masked;
}

const RETRYABLE_CODES = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'Throttling',
  'RequestLimitExceeded',
  'ServiceException',
  'ServiceUnavailableException',
  'EC2ThrottledException',
  'ResourceNotReadyException',
  'RequestTimeout',
  'TimeoutError',
  'ApiCallTimeout',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
]);

/** What the runtime reads from an error the AWS SDK (or the network below it) threw. */
interface SdkErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $fault?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown; extendedRequestId?: unknown };
}

/** Turns an error the SDK threw into a ConnectorError of kind `aws`, with AWS's code, status and request ID. */
export function awsError(operation: string, error: unknown, secrets: readonly string[]): ConnectorError {
  const e: SdkErrorLike = typeof error === 'object' && error !== null ? (error as SdkErrorLike) : { message: String(error) };
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const requestId = typeof e.$metadata?.requestId === 'string' && e.$metadata.requestId !== '' ? e.$metadata.requestId : undefined;
  const name = typeof e.name === 'string' && e.name !== '' && e.name !== 'Error' ? e.name : undefined;
  const code = name ?? (typeof e.code === 'string' ? e.code : 'UnknownError');
  const awsMessage = typeof e.message === 'string' && e.message !== '' ? e.message : 'no message';
  const where = [status !== undefined ? `HTTP ${status}` : undefined, requestId !== undefined ? `request ID ${requestId}` : undefined].filter(
    (part): part is string => part !== undefined,
  );
  const retryable =
    e.$retryable !== undefined && e.$retryable !== null
      ? true
      : RETRYABLE_CODES.has(code) || status === 429 || (status !== undefined && status >= 500) || e.$fault === 'server';
  const message = `${operation} failed: ${code}${where.length > 0 ? ` (${where.join(', ')})` : ''}: ${awsMessage}`;
  return new ConnectorError({
    kind: 'aws',
    operation,
    message: maskSecrets(message, secrets),
    code,
    ...(status !== undefined ? { status } : {}),
    ...(requestId !== undefined ? { requestId } : {}),
    retryable,
  });
}
