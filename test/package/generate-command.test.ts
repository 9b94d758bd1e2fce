import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../generator/cli/exit-codes.js';
import { runGenerate, type GenerateIo } from '../../generator/cli/generate-command.js';
import { runCli } from '../../generator/cli/run-cli.js';
import { BUNDLED_SPEC_FILE, PACKAGE_ROOT } from '../../generator/paths.js';
import { LOCK_NAME, LOCK_WAIT_ENV } from '../../generator/write/folder-lock.js';
import { JOURNAL_NAME } from '../../generator/write/transaction.js';
import { captureOutput as capture } from '../support/captured-output.js';
import { readZip } from '../../generator/mpk/zip.js';
import { MANIFEST_NAME } from '../../generator/write/write-outputs.js';
import { countingFs, crashAfter, diskFullAfter } from '../write/fs-doubles.js';
import { parse } from 'yaml';
import { bundledSpecFiles, specName } from './bundled-package.js';
import { fileTree } from '../support/file-tree.js';

/** `generate` writes all or nothing, reports what it does, and never overwrites edits silently. */

const scratch = mkdtempSync(join(tmpdir(), 'generate-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function generate(dir: string, ...extra: string[]) {
  const out = capture();
  const code = await runCli(['generate', '--out', dir, ...extra], out);
  return { code, ...out };
}

describe('mendix-connector generate', () => {
  it('warns when the module takes the name of a Marketplace module, and --module-name renames the module and its Java package', async () => {
    const named = await generate(join(scratch, 'default-name'));
    expect(named.code).toBe(0);
    expect(named.stderr).toContain("warning: module name AWSLambdaConnector is also the name of Mendix's AWS Lambda connector from the Marketplace.");
    const dir = join(scratch, 'renamed');
    const renamed = await generate(dir, '--module-name', 'LambdaCalls');
    expect(renamed.code).toBe(0);
    expect(renamed.stderr).not.toContain('warning');
    expect(readdirSync(dir).sort()).toEqual([MANIFEST_NAME, 'LambdaCalls.mpk', 'docs']);
    const entries = readZip(new Uint8Array(readFileSync(join(dir, 'LambdaCalls.mpk')))).map((e) => e.path);
    expect(entries).toContain('javasource/lambdacalls/actions/Invoke.java');
    expect(entries.filter((p) => p.includes('awslambdaconnector'))).toEqual([]);
    const refused = await generate(join(scratch, 'bad-name'), '--module-name', 'Not-A-Name');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--module-name: "Not-A-Name" is not a module name');
    expect(existsSync(join(scratch, 'bad-name'))).toBe(false);
  }, 120_000);

  it('writes the package and a manifest, then reports it up to date with --check', async () => {
    const dir = join(scratch, 'fresh');
    const first = await generate(dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^create {4}AWSLambdaConnector\.mpk \([\d,]+ bytes\)$/m);
    expect(readdirSync(dir).sort()).toEqual([MANIFEST_NAME, 'AWSLambdaConnector.mpk', 'docs']);
    expect(readdirSync(join(dir, 'docs')).sort()).toEqual(['AWSLambdaConnector.html', 'AWSLambdaConnector.md', 'AWSLambdaConnector.svg']);
    const check = await generate(dir, '--check');
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('is up to date');
    const again = await generate(dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^unchanged AWSLambdaConnector\.mpk$/m);
  }, 60_000);

  it('writes every bundled spec into one folder side by side: each keeps its files, the manifest lists all, each stays up to date', async () => {
    const dir = join(scratch, 'bundled');
    const files = bundledSpecFiles();
    expect(files.map(specName)).toEqual(expect.arrayContaining(['spec/aws-lambda.connector.yaml', 'spec/aws-sqs.connector.yaml']));
    const modules = files.map((file) => String((parse(readFileSync(file, 'utf8')) as { module: { name: string } }).module.name));
    for (const file of files) {
      const out = capture();
      expect(await runCli(['generate', file, '--out', dir], out), out.stderr).toBe(0);
      // Only files of its own: nothing of the spec generated before is updated or in conflict.
      expect(out.stdout.split('\n').filter((l) => l !== '' && !l.startsWith('create '))).toEqual([]);
    }
    expect(readdirSync(dir).sort()).toEqual([MANIFEST_NAME, 'docs', ...modules.map((m) => `${m}.mpk`)].sort());
    expect(readdirSync(join(dir, 'docs')).sort()).toEqual(modules.flatMap((m) => [`${m}.html`, `${m}.md`, `${m}.svg`]).sort());
    expectConsistent(dir);
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_NAME), 'utf8')) as { files: Record<string, string> };
    expect(Object.keys(manifest.files).sort()).toEqual(Object.keys(fileTree(dir)).filter((p) => p !== MANIFEST_NAME));
    for (const file of files) {
      const check = capture();
      expect(await runCli(['generate', file, '--out', dir, '--check'], check), check.stderr).toBe(0);
      const again = capture();
      expect(await runCli(['generate', file, '--out', dir], again), again.stderr).toBe(0);
      expect(again.stdout.split('\n').filter((l) => l !== '' && !l.startsWith('unchanged '))).toEqual([]);
    }
  }, 120_000);

  it('npm run generate writes every bundled spec into dist/, one generate each', () => {
    const scripts = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const runs = (scripts['generate'] ?? '').split(' && ').map((run) => run.trim());
    const intoDist = runs.filter((run) => !/\s--out\s/.test(run));
    expect(intoDist).toEqual(bundledSpecFiles().map((file) => `node build/generator/cli/main.js generate ${specName(file)}`));
    // Further runs (other forms of the modules) write into folders of their own below dist/.
    for (const run of runs.filter((r) => !intoDist.includes(r))) expect(run).toMatch(/ --out dist\/[\w-]+( |$)/);
  });

  it('lists what it would write with --dry-run and writes nothing', async () => {
    const dir = join(scratch, 'dry');
    const result = await generate(dir, '--dry-run');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/create {4}AWSLambdaConnector\.mpk/);
    expect(existsSync(dir)).toBe(false);
  }, 60_000);

  it('fails --check when the package on disk differs from what the spec generates', async () => {
    const dir = join(scratch, 'stale');
    expect((await generate(dir)).code).toBe(0);
    writeFileSync(join(dir, 'AWSLambdaConnector.mpk'), 'edited');
    const check = await generate(dir, '--check');
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('conflict  AWSLambdaConnector.mpk: the file was changed after mendix-connector wrote it');
    expect(check.stderr).toContain('is not what');
  }, 60_000);

  it('refuses to overwrite a file changed since it wrote it, and overwrites it with --force', async () => {
    const dir = join(scratch, 'edited');
    expect((await generate(dir)).code).toBe(0);
    writeFileSync(join(dir, 'AWSLambdaConnector.mpk'), 'my own edits');
    const refused = await generate(dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Nothing was written');
    expect(readFileSync(join(dir, 'AWSLambdaConnector.mpk'), 'utf8')).toBe('my own edits');
    const forced = await generate(dir, '--force');
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, 'AWSLambdaConnector.mpk')).subarray(0, 2).toString('latin1')).toBe('PK');
  }, 60_000);

  it('refuses to overwrite a file it did not write', async () => {
    const dir = join(scratch, 'foreign');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'AWSLambdaConnector.mpk'), 'someone else');
    const refused = await generate(dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the file exists but was not written by mendix-connector');
    expect(readFileSync(join(dir, 'AWSLambdaConnector.mpk'), 'utf8')).toBe('someone else');
  }, 60_000);

  it('leaves nothing behind when writing fails', async () => {
    const blocker = join(scratch, 'blocker');
    writeFileSync(blocker, 'a file where the output folder should be');
    const result = await generate(join(blocker, 'dist'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: Cannot write to ');
    expect(result.stderr).toContain('nothing was written');
    expect(readFileSync(blocker, 'utf8')).toBe('a file where the output folder should be');
    expect(readdirSync(scratch).filter((f) => f.includes('.tmp'))).toEqual([]);
  }, 60_000);

  it('refuses an unsupported Mendix version with the supported list', async () => {
    const result = await generate(join(scratch, 'old'), '--mendix-version', '9.0.5');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: Mendix 9.0.5 is not a supported target.');
    expect(result.stderr).toContain('Supported: 10.21.0');
    expect(existsSync(join(scratch, 'old'))).toBe(false);
  }, 60_000);

  it('prints a machine-readable plan with --json', async () => {
    const result = await generate(join(scratch, 'json'), '--dry-run', '--json');
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout) as { action: string; mendixVersion: string; files: Array<{ path: string; status: string }> };
    expect(plan.action).toBe('dry-run');
    expect(plan.mendixVersion).toBe('10.21.0');
    expect(plan.files.map((f) => [f.path, f.status])).toEqual([
      ['AWSLambdaConnector.mpk', 'create'],
      ['docs/AWSLambdaConnector.html', 'create'],
      ['docs/AWSLambdaConnector.md', 'create'],
      ['docs/AWSLambdaConnector.svg', 'create'],
    ]);
  }, 60_000);
});

describe('mendix-connector generate --java-out', () => {
  it("writes the Java actions into an app's javasource and keeps the user's code on the next run", async () => {
    const app = join(scratch, 'app');
    const javasource = join(app, 'javasource');
    mkdirSync(javasource, { recursive: true });
    const first = await generate(join(scratch, 'app-dist'), '--java-out', javasource);
    expect(first.code).toBe(0);
    const invoke = join(javasource, 'awslambdaconnector', 'actions', 'Invoke.java');
    const generated = readFileSync(invoke, 'utf8');
    expect(generated).toContain('// BEGIN USER CODE');
    const edited = generated.replace('// BEGIN USER CODE\n', '// BEGIN USER CODE\n\t\t// my own logging\n');
    expect(edited).not.toBe(generated);
    writeFileSync(invoke, edited);

    const second = await generate(join(scratch, 'app-dist'), '--java-out', javasource);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('javasource: kept      javasource/awslambdaconnector/actions/Invoke.java');
    expect(second.stderr).toContain('Kept your edits in 1 Java file(s)');
    expect(readFileSync(invoke, 'utf8')).toBe(edited);

    const forced = await generate(join(scratch, 'app-dist'), '--java-out', javasource, '--force');
    expect(forced.code).toBe(0);
    expect(readFileSync(invoke, 'utf8')).toBe(generated);
  }, 60_000);

  it('refuses a folder that is not an app javasource folder, before writing anything', async () => {
    const result = await generate(join(scratch, 'never'), '--java-out', join(scratch, 'no-app', 'src'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--java-out must name the javasource folder of an existing Mendix app');
    expect(existsSync(join(scratch, 'never'))).toBe(false);
  }, 60_000);
});

/** `generate` with the disk calls a test replaces; a failure comes back as run-cli prints it. */
async function generateWith(io: GenerateIo, dir: string, javaOut?: string, force = false) {
  const out = capture();
  const args = { spec: BUNDLED_SPEC_FILE, out: dir, dryRun: false, check: false, force, json: false, javaOut };
  try {
    return { code: await runGenerate(args, out, io), ...out };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    out.error(`error: ${error.message}${error.hint ? `\n  hint: ${error.hint}` : ''}`);
    return { code: 1, ...out };
  }
}

/** The output folder agrees with its manifest: every file it lists has the recorded SHA-256. */
function expectConsistent(dir: string): void {
  const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_NAME), 'utf8')) as { files: Record<string, string> };
  const files = fileTree(dir);
  for (const [path, hash] of Object.entries(manifest.files)) expect(files[path], path).toBe(hash);
  expect(Object.keys(files).filter((p) => p.endsWith('.tmp') || p.endsWith(JOURNAL_NAME) || p.endsWith(LOCK_NAME))).toEqual([]);
}

describe('generate writes the output folder and the app all or nothing', () => {
  const fresh = (name: string) => {
    const app = join(scratch, name, 'app');
    mkdirSync(join(app, 'javasource'), { recursive: true });
    return { dir: join(scratch, name, 'dist'), javasource: join(app, 'javasource') };
  };

  it('writes no Java into the app when the output folder cannot be created', async () => {
    const { javasource } = fresh('java-blocked');
    const blocker = join(scratch, 'java-blocked', 'blocker');
    writeFileSync(blocker, 'a file where the output folder should be');
    const result = await generate(join(blocker, 'dist'), '--java-out', javasource);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: Cannot write to ');
    expect(result.stderr).toContain('nothing was written');
    expect(readdirSync(javasource)).toEqual([]);
  }, 60_000);

  it('writes neither folder when a file of the output folder fails after the Java was staged', async () => {
    const { dir, javasource } = fresh('java-late');
    mkdirSync(dir, { recursive: true });
    // A file where the docs folder belongs: the package stages, then the first document cannot.
    writeFileSync(join(dir, 'docs'), 'not a folder');
    const result = await generate(dir, '--java-out', javasource);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: Cannot write to .*: .*docs\/AWSLambdaConnector\.(html|md): ENOTDIR/);
    expect(result.stderr).toMatch(/hint: .*nothing was written \(neither .* nor .*javasource changed\)\./);
    expect(fileTree(javasource)).toEqual({});
    expect(Object.keys(fileTree(dir))).toEqual(['docs']);
    expect(result.stdout).toBe('');
  }, 60_000);

  it.each([
    [
      'in the journal',
      /\.mendix-connector-journal\.json/,
      /error: Cannot write to .*dist\/: .*dist\/\.mendix-connector-journal\.json: ENOSPC: no space left on device/,
    ],
    ['in the Java', /\.java\./, /error: Cannot write the Java sources into .*javasource: .*\.java: ENOSPC: no space left on device/],
    ['in the package', /\.mpk\./, /error: Cannot write to .*dist\/: .*AWSLambdaConnector\.mpk: ENOSPC: no space left on device/],
  ])(
    'leaves no partly written file when the disk fills up %s, and says nothing was written',
    async (where, file, message) => {
      const { dir, javasource } = fresh(`full-${where.replace(/ /g, '-')}`);
      const result = await generateWith({ fs: diskFullAfter(1_000, file) }, dir, javasource);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toMatch(/hint: .*nothing was written \(neither .* nor .*javasource changed\)\./);
      expect(readdirSync(javasource)).toEqual([]);
      // The output folder this run created is removed again, being empty.
      expect(existsSync(dir)).toBe(false);
    },
    60_000,
  );

  it('finishes a write that was interrupted before its last rename, without reporting false edits', async () => {
    // How many disk changes a whole run makes; the last three are the manifest's rename and the
    // removal of the two journals.
    const counted = fresh('crash-count');
    const counter = countingFs();
    expect((await generateWith({ fs: counter }, counted.dir, counted.javasource)).code).toBe(0);
    const { dir, javasource } = fresh('crash');
    const crashed = await generateWith({ fs: crashAfter(counter.calls() - 3) }, dir, javasource);
    expect(crashed.code).toBe(1);
    expect(crashed.stderr).toMatch(/renaming .*\.mendix-connector-manifest\.json into place failed after \d+ of \d+ files were replaced/);
    expect(crashed.stderr).toContain('the next generate finishes this write');
    expect(existsSync(join(dir, JOURNAL_NAME))).toBe(true);
    expect(existsSync(join(dir, MANIFEST_NAME))).toBe(false);
    // --check changes nothing, so it leaves the journal, but says it is there.
    const check = await generate(dir, '--check');
    expect(check.stderr).toContain('holds the journal of an interrupted write; the next generate finishes it or rolls it back.');
    expect(existsSync(join(dir, JOURNAL_NAME))).toBe(true);

    const again = await generate(dir, '--java-out', javasource);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/Finished an interrupted write: renamed 1 staged file into place \(.*\.mendix-connector-manifest\.json\)\./);
    expect(again.stdout).toMatch(/^unchanged AWSLambdaConnector\.mpk$/m);
    expect(again.stdout).not.toMatch(/^(conflict|javasource: kept|javasource: skipped)/m);
    expectConsistent(dir);
    expect(fileTree(dir)).toEqual(fileTree(counted.dir));
    expect(fileTree(javasource)).toEqual(fileTree(counted.javasource));
  }, 60_000);

  it('removes the temporary files an interrupted run left, and no file of the user', async () => {
    const dir = join(scratch, 'leftovers');
    expect((await generate(dir)).code).toBe(0);
    writeFileSync(join(dir, 'AWSLambdaConnector.mpk.mendix-connector-0123456789abcdef.tmp'), 'half a package');
    writeFileSync(join(dir, 'docs', 'AWSLambdaConnector.md.31337.tmp'), 'left by an older version');
    writeFileSync(join(dir, 'notes.tmp'), 'mine');
    const result = await generate(dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /Removed 2 temporary files an interrupted mendix-connector run had left: .*AWSLambdaConnector\.mpk\.mendix-connector-0123456789abcdef\.tmp, .*AWSLambdaConnector\.md\.31337\.tmp\./,
    );
    expect(readFileSync(join(dir, 'notes.tmp'), 'utf8')).toBe('mine');
    expect(Object.keys(fileTree(dir)).sort()).toEqual([
      MANIFEST_NAME,
      'AWSLambdaConnector.mpk',
      'docs/AWSLambdaConnector.html',
      'docs/AWSLambdaConnector.md',
      'docs/AWSLambdaConnector.svg',
      'notes.tmp',
    ]);
  }, 60_000);
});

describe('generate and the lock on its folders', () => {
  const savedWait = process.env[LOCK_WAIT_ENV];
  afterEach(() => {
    if (savedWait === undefined) delete process.env[LOCK_WAIT_ENV];
    else process.env[LOCK_WAIT_ENV] = savedWait;
  });

  it('stops with the lock file and the holder named when another run holds the lock, and writes nothing', async () => {
    const dir = join(scratch, 'locked');
    mkdirSync(dir, { recursive: true });
    // This test process is certainly running: as the holder it never lets go.
    writeFileSync(join(dir, LOCK_NAME), JSON.stringify({ pid: process.pid, host: hostname(), startedAt: '2030-01-01T00:00:00.000Z', token: 't' }));
    process.env[LOCK_WAIT_ENV] = '200';
    const result = await generate(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `error: Another mendix-connector run (process ${process.pid}, started 2030-01-01T00:00:00.000Z) is writing there: its lock ${join(dir, LOCK_NAME)} was still held after waiting`,
    );
    expect(result.stderr).toContain(
      `hint: Nothing was written. Run again when the other run has finished; if process ${process.pid} is no longer a mendix-connector run, delete ${join(dir, LOCK_NAME)}.`,
    );
    expect(readdirSync(dir)).toEqual([LOCK_NAME]);
  }, 60_000);

  it('takes over the lock of a run that is gone, says so, and leaves no lock behind', async () => {
    const dir = join(scratch, 'stale-lock');
    mkdirSync(dir, { recursive: true });
    const gone = (await import('node:child_process')).spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(join(dir, LOCK_NAME), JSON.stringify({ pid: gone, host: hostname(), startedAt: '2020-01-01T00:00:00.000Z', token: 't' }));
    const result = await generate(dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `Took over the lock ${join(dir, LOCK_NAME)}: process ${gone} (started 2020-01-01T00:00:00.000Z) that held it is no longer running.`,
    );
    expectConsistent(dir);
    expect(existsSync(join(dir, LOCK_NAME))).toBe(false);
  }, 60_000);
});
