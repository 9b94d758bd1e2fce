import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
export { formatCount } from '../../generator/spec/format-count.js';

/*
 * The AWS SDK for JavaScript prints a nine-line NodeVersionSupportWarning on the first client of every
 * process on Node 20 (releases after January 2027 will need Node 22). This tool supports Node 20
 * (package.json engines) and pins its SDK release, so the warning tells its users nothing they can act
 * on, and it drowns the output of every command. The SDK reads this variable when it creates a client
 * and documents it as the way to turn that one check off (aws/aws-sdk-js-v3#7983); other warnings stay.
 * It is set here, in the module every runtime call imports before it creates a client, and only when
 * the user has not set it.
 */
const NODE_VERSION_WARNING_SWITCH = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';
if (process.env[NODE_VERSION_WARNING_SWITCH] === undefined) process.env[NODE_VERSION_WARNING_SWITCH] = 'true';
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
  /** With `Type` Sender or Receiver: the older awsQuery code a service sent beside the error's type (`x-amzn-query-error`). */
  Code?: unknown;
  Type?: unknown;
  $fault?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown; extendedRequestId?: unknown };
  /** The raw HTTP response, which the SDK attaches when it could not read the body. */
  $response?: { statusCode?: unknown; headers?: unknown };
}

/** Turns an error the SDK threw into a ConnectorError of kind `aws`, with AWS's code, status and request ID. */
export function awsError(operation: string, error: unknown, secrets: readonly string[]): ConnectorError {
  const e: SdkErrorLike = typeof error === 'object' && error !== null ? (error as SdkErrorLike) : { message: String(error) };
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const requestId = typeof e.$metadata?.requestId === 'string' && e.$metadata.requestId !== '' ? e.$metadata.requestId : undefined;
  const name = typeof e.name === 'string' && e.name !== '' && e.name !== 'Error' ? e.name : undefined;
  // An awsQueryCompatible service (SQS) also sends each error's older awsQuery code: reported, as the
  // AWS SDK for Java (what Mendix apps run) reports it.
  const queryCode = typeof e.Code === 'string' && e.Code !== '' && (e.Type === 'Sender' || e.Type === 'Receiver') ? e.Code : undefined;
  const sdkCode = queryCode ?? name ?? (typeof e.code === 'string' ? e.code : 'UnknownError');
  const awsMessage = typeof e.message === 'string' && e.message !== '' ? e.message : 'no message';
  const retryable =
    e.$retryable !== undefined && e.$retryable !== null
      ? true
      : RETRYABLE_CODES.has(sdkCode) || status === 429 || (status !== undefined && status >= 500) || e.$fault === 'server';
  // Some failures come with text meant for the SDK's developers (or OpenSSL's); say instead what the user can do.
  const explained = explainFailure(e, sdkCode, awsMessage, status);
  const code = explained?.code ?? sdkCode;
  const where = [status !== undefined ? `HTTP ${status}` : undefined, requestId !== undefined ? `request ID ${requestId}` : undefined].filter(
    (part): part is string => part !== undefined,
  );
  const message = explained
    ? `${operation} failed: ${explained.message}`
    : `${operation} failed: ${code}${where.length > 0 ? ` (${where.join(', ')})` : ''}: ${awsMessage}`;
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

/** A message a user can act on for failures whose own message is not one; undefined for the others. */
function explainFailure(e: SdkErrorLike, code: string, message: string, status: number | undefined): { code: string; message: string } | undefined {
  // The response body was not what the service sends (an HTML page of a proxy, a web server on the
  // endpoint's port): the SDK's parser failed and its message advises inspecting a hidden field.
  if (/Deserialization error/.test(message) || (code === 'SyntaxError' && e.$response !== undefined)) {
    const httpStatus = typeof e.$response?.statusCode === 'number' ? e.$response.statusCode : status;
    const contentType = headerValue(e.$response?.headers, 'content-type');
    const what = [httpStatus !== undefined ? `HTTP ${httpStatus}` : 'no HTTP status', contentType !== undefined ? contentType : 'no content type'];
    return {
      code: 'NotAnAwsResponse',
      message: `the endpoint answered with something that is not an AWS response (${what.join(', ')}); check the endpoint URL (EndpointOverride) and any proxy on the way.`,
    };
  }
  // https:// against a port that speaks plain HTTP: OpenSSL reports a record it cannot read.
  if (code === 'EPROTO' || code.startsWith('ERR_SSL_') || /SSL routines|wrong version number|packet length too long/i.test(message)) {
    return {
      code,
      message: `TLS handshake failed: is the endpoint really https? The server did not answer with TLS (${code}); use http:// for an endpoint without TLS, or check the port.`,
    };
  }
  // The default credential chain found nothing; its message names no profile, though a missing one is
  // the usual cause when AWS_PROFILE (--profile) is set.
  if (code === 'CredentialsProviderError' && /Could not load credentials from any providers/.test(message)) {
    const profile = process.env['AWS_PROFILE'];
    if (profile !== undefined && profile !== '') return { code, message: profileProblem(profile) };
    return {
      code,
      message:
        'no AWS credentials found: the default provider chain found none in the environment (AWS_ACCESS_KEY_ID), the shared config and credentials files (profile "default"), or an instance or container role. Give keys, or name a profile with AWS_PROFILE (--profile).',
    };
  }
  return undefined;
}

/** One header of a raw response, cleaned for a message: no control characters, at most 100 characters. */
function headerValue(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  const value = entry?.[1];
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
  return clean.length > 100 ? `${clean.slice(0, 100)}…` : clean;
}

/** Why the profile AWS_PROFILE names gave no credentials: absent from both shared files, or present without usable credentials. */
function profileProblem(profile: string): string {
  const configFile = process.env['AWS_CONFIG_FILE'] || join(homedir(), '.aws', 'config');
  const credentialsFile = process.env['AWS_SHARED_CREDENTIALS_FILE'] || join(homedir(), '.aws', 'credentials');
  const shown = JSON.stringify(profile.length > 100 ? `${profile.slice(0, 100)}…` : profile);
  const known = profileNames(configFile, true).has(profile) || profileNames(credentialsFile, false).has(profile);
  return known
    ? `no AWS credentials for the profile ${shown} (AWS_PROFILE, which --profile sets): the profile is in ${configFile} or ${credentialsFile} but gave no usable credentials. Check its keys, role or SSO settings.`
    : `no AWS credentials: the profile ${shown} (AWS_PROFILE, which --profile sets) is neither in ${configFile} nor in ${credentialsFile}. Check the profile name, or point AWS_CONFIG_FILE or AWS_SHARED_CREDENTIALS_FILE at the files that define it.`;
}

/**
 * The profile names a shared config or credentials file defines (`[profile name]` in the config file,
 * `[name]` in both). Only the section headers are read; nothing of the file reaches a message.
 */
function profileNames(file: string, isConfig: boolean): Set<string> {
  const names = new Set<string>();
  try {
    const stats = statSync(file);
    // A shared file of more than a megabyte is not one; neither is a device or a pipe.
    if (!stats.isFile() || stats.size > 1024 * 1024) return names;
    for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
      const header = /^\s*\[\s*([^\]]*?)\s*\]\s*(?:[#;].*)?$/.exec(line);
      if (!header) continue;
      const section = header[1] as string;
      const profile = /^profile\s+(.+)$/.exec(section);
      if (profile) names.add(profile[1] as string);
      else if (!isConfig || section === 'default' || !/\s/.test(section)) names.add(section);
    }
  } catch {
    // Unreadable or absent: it defines no profile.
  }
  return names;
}
