import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../generator/paths.js';

/**
 * Starts and stops the local endpoints of the integration tests: moto_server (Lambda control plane)
 * and serverless-offline (Lambda Invoke API with real Node.js handlers), on free loopback ports.
 * Nothing reaches the internet: HOME is a scratch folder, serverless telemetry and notifications are off.
 */

export const IN_CI = process.env['CI'] === 'true';

export const LAMBDA_FUNCTIONS_DIR = join(PACKAGE_ROOT, 'test', 'lambda-functions');
const SERVERLESS_BIN = join(PACKAGE_ROOT, 'node_modules', 'serverless', 'bin', 'serverless.js');
const SERVERLESS_OFFLINE = join(PACKAGE_ROOT, 'node_modules', 'serverless-offline', 'package.json');

/** The path of moto_server, or undefined when it is not installed. */
export function motoServerPath(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v moto_server'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path !== '' ? path : undefined;
}

/** Why moto_server cannot run here, or undefined when it can. */
export function motoMissing(): string | undefined {
  return motoServerPath() === undefined ? 'moto_server is not installed' : undefined;
}

/** Why serverless-offline cannot run here, or undefined when it can. */
export function serverlessMissing(): string | undefined {
  if (!existsSync(SERVERLESS_BIN)) return 'serverless is not installed (npm install --save-dev serverless@3.40.0)';
  if (!existsSync(SERVERLESS_OFFLINE)) return 'serverless-offline is not installed';
  return undefined;
}

/**
 * Whether a suite whose tool is missing runs: it skips with a warning on a developer's machine, and
 * runs (and fails) in CI, where a missing tool is a broken setup rather than a reason to test less.
 */
export function shouldSkip(suite: string, missing: string | undefined): boolean {
  if (missing === undefined) return false;
  if (IN_CI) return false;
  console.warn(`[integration] skipping ${suite}: ${missing}. In CI (CI=true) this suite fails instead of skipping.`);
  return true;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ManagedProcess {
  name: string;
  port: number;
  endpoint: string;
  /** What the process printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // Already gone.
    }
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort when a test run ends without afterAll (a crash): never leave emulators behind.
  process.once('exit', () => {
    for (const child of running) killGroup(child, 'SIGKILL');
  });
}

async function waitUntilServing(url: string, child: ChildProcess, timeoutMs: number, log: () => string, name: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited before it served (code ${String(child.exitCode)}):\n${log()}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  throw new Error(`${name} did not serve ${url} within ${timeoutMs} ms:\n${log()}`);
}

async function startManaged(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; port: number; readyPath: string; timeoutMs: number; cleanup?: () => void },
): Promise<ManagedProcess> {
  installExitHook();
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let log = '';
  const append = (chunk: Buffer) => {
    log += chunk.toString('utf8');
    if (log.length > 20_000) log = log.slice(-20_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    running.delete(child);
    options.cleanup?.();
  };
  const endpoint = `http://127.0.0.1:${options.port}`;
  try {
    await waitUntilServing(`${endpoint}${options.readyPath}`, child, options.timeoutMs, () => log, name);
  } catch (error) {
    await stop();
    throw error;
  }
  return { name, port: options.port, endpoint, output: () => log, stop };
}

function quietEnv(home: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'] ?? '',
    HOME: home,
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    SLS_DEPRECATION_DISABLE: '*',
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'us-east-1',
    ...extra,
  };
}

/** moto_server on a free port. */
export async function startMoto(): Promise<ManagedProcess> {
  const path = motoServerPath();
  if (!path) throw new Error('moto_server is not installed (it comes with the Python package moto[server]).');
  const port = await freePort();
  const home = mkdtempSync(join(tmpdir(), 'moto-home-'));
  return startManaged('moto_server', path, ['-H', '127.0.0.1', '-p', String(port)], {
    cwd: home,
    env: quietEnv(home, {}),
    port,
    readyPath: '/moto-api/',
    timeoutMs: 30_000,
    cleanup: () => rmSync(home, { recursive: true, force: true }),
  });
}

/** serverless-offline serving test/lambda-functions on a free port. */
export async function startServerlessOffline(): Promise<ManagedProcess> {
  const missing = serverlessMissing();
  if (missing) throw new Error(missing);
  const port = await freePort();
  const home = mkdtempSync(join(tmpdir(), 'sls-home-'));
  return startManaged('serverless-offline', process.execPath, ['--require', join(LAMBDA_FUNCTIONS_DIR, 'preload.cjs'), SERVERLESS_BIN, 'offline', 'start'], {
    cwd: LAMBDA_FUNCTIONS_DIR,
    env: quietEnv(home, { LAMBDA_PORT: String(port) }),
    port,
    readyPath: '/',
    timeoutMs: 30_000,
    cleanup: () => rmSync(home, { recursive: true, force: true }),
  });
}

/** serverless-offline names functions <service>-<stage>-<function>. */
export function offlineFunctionName(fn: 'echo' | 'thrower' | 'slow'): string {
  return `rt-dev-${fn}`;
}
