import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../generator/paths.js';
import { executeOperation } from '../../runtime/engine/engine.js';
import { loadRuntimeSpec, type RuntimeSpec } from '../../runtime/engine/runtime-spec.js';
import { connectorFailure } from '../support/connector-failure.js';

/**
 * Failures whose own message helps nobody (the SDK's advice to inspect a hidden field, OpenSSL's record
 * layer, a credential chain that names no profile) reach the user as a sentence they can act on. Each
 * is produced for real: the runtime calls local servers on 127.0.0.1, and the credential chain reads
 * shared files of a temporary folder.
 */

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzSECRETzz';
const staticKeys = { Provider: 'StaticKeys', AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', SecretAccessKey: SECRET };

let runtime: RuntimeSpec;
const servers: Server[] = [];
const scratch = mkdtempSync(join(tmpdir(), 'error-messages-'));

beforeAll(() => {
  runtime = loadRuntimeSpec(join(PACKAGE_ROOT, 'spec', 'aws-lambda.connector.yaml'));
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise<void>((done) => s.close(() => done()))));
  rmSync(scratch, { recursive: true, force: true });
});

/** A local HTTP server; returns its port. */
async function serve(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<number> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', () => ready()));
  return (server.address() as AddressInfo).port;
}

/** ListFunctions against `endpoint`, one attempt, within 10 seconds. */
function listFunctions(credentials: object, endpoint: string): Promise<unknown> {
  return executeOperation(runtime, 'ListFunctions', credentials, 'us_east_1', { EndpointOverride: endpoint, MaxAttempts: 1, ApiCallTimeoutSeconds: 10 });
}

describe('an endpoint that is not AWS', () => {
  it('says that a web page is not an AWS response, with the status and content type', async () => {
    const port = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<html><body><h1>It works!</h1></body></html>');
    });
    const error = await connectorFailure(listFunctions(staticKeys, `http://127.0.0.1:${port}`));
    expect(error.message).toBe(
      'ListFunctions failed: the endpoint answered with something that is not an AWS response (HTTP 200, text/html; charset=utf-8); check the endpoint URL (EndpointOverride) and any proxy on the way.',
    );
    expect(error.toJSON()).toEqual({
      name: 'ConnectorError',
      kind: 'aws',
      operation: 'ListFunctions',
      message: error.message,
      code: 'NotAnAwsResponse',
      status: 200,
      retryable: false,
    });
  }, 20_000);

  it('treats a proxy error page as not an AWS response, and as worth a retry', async () => {
    const port = await serve((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<html>Bad gateway</html>');
    });
    const error = await connectorFailure(listFunctions(staticKeys, `http://127.0.0.1:${port}`));
    expect(error.message).toBe(
      'ListFunctions failed: the endpoint answered with something that is not an AWS response (HTTP 502, text/html); check the endpoint URL (EndpointOverride) and any proxy on the way.',
    );
    expect(error.retryable).toBe(true);
  }, 20_000);

  it('says that a TLS handshake with a plain HTTP port failed, without OpenSSL text', async () => {
    const port = await serve((_request, response) => {
      response.writeHead(400, { 'content-type': 'text/plain' });
      response.end('plain HTTP here');
    });
    const error = await connectorFailure(listFunctions(staticKeys, `https://127.0.0.1:${port}`));
    // Node 20 reports EPROTO; later OpenSSL builds may name the record error (ERR_SSL_...).
    expect(error.code).toMatch(/^(EPROTO|ERR_SSL_[A-Z_]+)$/);
    expect(error.message).toBe(
      `ListFunctions failed: TLS handshake failed: is the endpoint really https? The server did not answer with TLS (${error.code ?? ''}); use http:// for an endpoint without TLS, or check the port.`,
    );
    expect(error.message).not.toMatch(/SSL routines|openssl|ssl3/i);
    expect(error.retryable).toBe(false);
  }, 20_000);
});

describe('a profile that gives no credentials', () => {
  const saved = new Map<string, string | undefined>();
  const CHAIN_VARIABLES = [
    'AWS_PROFILE',
    'AWS_CONFIG_FILE',
    'AWS_SHARED_CREDENTIALS_FILE',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'AWS_ROLE_ARN',
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    'AWS_EC2_METADATA_DISABLED',
  ];

  /** Only the temporary shared files and the given profile reach the default chain; no instance metadata is asked. */
  function isolate(profile: string, config: string, credentials: string): { configFile: string; credentialsFile: string } {
    for (const name of CHAIN_VARIABLES) {
      if (!saved.has(name)) saved.set(name, process.env[name]);
      delete process.env[name];
    }
    const dir = mkdtempSync(join(scratch, 'aws-'));
    const configFile = join(dir, 'config');
    const credentialsFile = join(dir, 'credentials');
    writeFileSync(configFile, config);
    writeFileSync(credentialsFile, credentials);
    process.env['AWS_CONFIG_FILE'] = configFile;
    process.env['AWS_SHARED_CREDENTIALS_FILE'] = credentialsFile;
    process.env['AWS_PROFILE'] = profile;
    process.env['AWS_EC2_METADATA_DISABLED'] = 'true';
    return { configFile, credentialsFile };
  }

  afterEach(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    saved.clear();
  });

  it('names the profile and the files it is missing from', async () => {
    const { configFile, credentialsFile } = isolate('nosuchprofile', '[profile other]\nregion = us-east-1\n', '[other]\naws_access_key_id = AKIAOTHER\n');
    const port = await serve((_request, response) => response.end('{}'));
    const error = await connectorFailure(listFunctions({ Provider: 'DefaultProviderChain' }, `http://127.0.0.1:${port}`));
    expect(error.message).toBe(
      `ListFunctions failed: no AWS credentials: the profile "nosuchprofile" (AWS_PROFILE, which --profile sets) is neither in ${configFile} nor in ${credentialsFile}. Check the profile name, or point AWS_CONFIG_FILE or AWS_SHARED_CREDENTIALS_FILE at the files that define it.`,
    );
    expect(error.code).toBe('CredentialsProviderError');
  }, 20_000);

  it('names a profile that exists but gives no credentials', async () => {
    const { configFile, credentialsFile } = isolate('empty', '[profile empty]\nregion = us-east-1\n', '');
    const port = await serve((_request, response) => response.end('{}'));
    const error = await connectorFailure(listFunctions({ Provider: 'DefaultProviderChain' }, `http://127.0.0.1:${port}`));
    expect(error.message).toBe(
      `ListFunctions failed: no AWS credentials for the profile "empty" (AWS_PROFILE, which --profile sets): the profile is in ${configFile} or ${credentialsFile} but gave no usable credentials. Check its keys, role or SSO settings.`,
    );
  }, 20_000);
});

describe('the command line on Node 20', () => {
  const bin = join(PACKAGE_ROOT, 'build', 'generator', 'cli', 'main.js');

  beforeAll(() => {
    if (!existsSync(bin)) execFileSync(process.execPath, [join(PACKAGE_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', PACKAGE_ROOT]);
  }, 180_000);

  it('prints no NodeVersionSupportWarning of the AWS SDK, and no secret', async () => {
    const port = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ Functions: [{ FunctionName: 'greeter', Runtime: 'nodejs20.x', MemorySize: 128 }] }));
    });
    // This process has already set the SDK's switch (the runtime's errors module sets it); the child
    // must set it itself.
    const env = { ...process.env };
    delete env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'];
    const args = [bin, 'call', 'spec/aws-lambda.connector.yaml', 'list-functions', '--region', 'us-east-1'];
    args.push('--access-key-id', 'AKIAIOSFODNN7EXAMPLE', '--secret-access-key', SECRET, '--endpoint-url', `http://127.0.0.1:${port}`);
    // Asynchronous: the server answering the child lives in this process.
    const child = spawn(process.execPath, args, { cwd: PACKAGE_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const code = await new Promise<number | null>((done) => child.on('close', (status) => done(status)));
    clearTimeout(timer);
    expect(stderr).not.toContain('NodeVersionSupportWarning');
    expect(stderr).not.toContain('will require node');
    expect(`${stdout}${stderr}`).not.toContain(SECRET);
    expect(code).toBe(0);
    expect(stdout).toContain('greeter');
  }, 40_000);
});
