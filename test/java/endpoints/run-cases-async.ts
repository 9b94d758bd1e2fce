/**
 * Runs CaseRunner like runCases (test/java/java-cases.ts), but without blocking Node's event loop:
 * the recording proxies of this folder live in the test's own process and must answer while the JVM
 * calls them. Bounded in time: the JVM is killed after `timeoutMs`.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JavaBuild } from '../java-build.js';
import type { RunOutput } from '../java-cases.js';

/** As in runCases: the default provider chain and region must not reach for this machine's own AWS set-up. */
const ISOLATED = {
  AWS_ACCESS_KEY_ID: 'AKIADEFAULTCHAINTEST',
  AWS_SECRET_ACCESS_KEY: 'default-chain-secret',
  AWS_CONFIG_FILE: '/nonexistent',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
  AWS_EC2_METADATA_DISABLED: 'true',
};

export interface AsyncRun {
  outputs: RunOutput[];
  /** What the JVM printed on stderr (SDK warnings, JAVA_TOOL_OPTIONS notice). */
  stderr: string;
}

export async function runCasesAsync(
  build: JavaBuild,
  work: string,
  domainModel: string,
  inputs: Array<Record<string, unknown>>,
  env: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<AsyncRun> {
  const inputFile = join(work, `cases-${Math.random().toString(16).slice(2)}.json`);
  writeFileSync(inputFile, JSON.stringify({ domainModel, cases: inputs }));
  const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
    execFile(
      'java',
      // CaseRunner prints results with System.out: in UTF-8, whatever the (here: POSIX) locale says.
      // Java 17 reads sun.stdout.encoding, Java 18 and later stdout.encoding.
      ['-Dsun.stdout.encoding=UTF-8', '-Dstdout.encoding=UTF-8', '-cp', build.classpath, 'CaseRunner', inputFile],
      {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        env: { PATH: process.env['PATH'] ?? '', ...ISOLATED, ...env },
      },
      (error, out, err) => {
        if (error) reject(new Error(`CaseRunner failed: ${error.message}\n${err}`));
        else resolve({ stdout: out, stderr: err });
      },
    );
  });
  const lines = stdout.split('\n').filter((l) => l.length > 0);
  if (lines.length !== inputs.length) throw new Error(`CaseRunner printed ${lines.length} results for ${inputs.length} cases:\n${stderr}`);
  return { outputs: lines.map((l) => JSON.parse(l) as RunOutput), stderr };
}
