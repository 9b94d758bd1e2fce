import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../generator/paths.js';

/**
 * The installed command, run as a user runs it: `node build/generator/cli/main.js` (the package's
 * bin). The build comes from `npm test`'s tsc step; run it here when missing so the test also works
 * on its own.
 */
const bin = join(PACKAGE_ROOT, 'build', 'generator', 'cli', 'main.js');

function run(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  if (!existsSync(bin)) execFileSync(process.execPath, [join(PACKAGE_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', PACKAGE_ROOT]);
}, 120_000);

describe('mendix-connector command line', () => {
  it('validates the bundled spec with exit code 0', () => {
    const { code, stdout, stderr } = run(['validate', 'spec/aws-lambda.connector.yaml']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^spec\/aws-lambda\.connector\.yaml is valid: module AWSLambdaConnector, 6 operations, /);
  });

  it('prints a machine-readable summary with --json on stdout only', () => {
    const { code, stdout, stderr } = run(['validate', '--json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const summary = JSON.parse(stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({ valid: true, module: 'AWSLambdaConnector', operations: 6 });
  });

  it('reports a missing spec file as bad input (exit 1) without a stack trace', () => {
    const { code, stderr, stdout } = run(['validate', 'no/such.connector.yaml']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('no/such.connector.yaml:1:1: error: Cannot read no/such.connector.yaml: the file does not exist.');
    expect(stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('exits 2 for an unknown command or option', () => {
    const unknownCommand = run(['frobnicate']);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toContain('Unknown argument: frobnicate');
    const unknownOption = run(['validate', '--frob']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toContain('Unknown argument: frob');
  });

  it('exits 2 when no command is given', () => {
    const { code, stderr } = run([]);
    expect(code).toBe(2);
    expect(stderr).toContain('Name a command');
  });

  it('prints the package version with --version', () => {
    const { code, stdout } = run(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('has --help on every command', () => {
    for (const args of [['--help'], ['validate', '--help']]) {
      const { code, stdout } = run(args);
      expect(code).toBe(0);
      expect(stdout).toContain('mendix-connector');
      expect(stdout).toContain('--json');
    }
  });
});

describe('mendix-connector generate --app-id', () => {
  it('stops with the fix when MENDIX_TOKEN is missing, before any network call', () => {
    const result = spawnSync(process.execPath, [bin, 'generate', '--app-id', 'a1b2c3'], {
      cwd: PACKAGE_ROOT,
      encoding: 'utf8',
      env: { ...process.env, MENDIX_TOKEN: '' },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('error: No Mendix personal access token: the environment variable MENDIX_TOKEN is not set.');
    expect(result.stderr).toContain('hint: ');
  });

  it('refuses platform options without --app-id as a usage error', () => {
    const { code, stderr } = run(['generate', '--branch', 'main']);
    expect(code).toBe(2);
    expect(stderr).toContain('--branch, --message and --export go with --app-id.');
  });
});

describe('output to a closed pipe', () => {
  it('ends quietly when the reader stops early, without a stack trace', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [bin, 'validate', '--json'], { cwd: PACKAGE_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(code).toBe(0);
  });
});
