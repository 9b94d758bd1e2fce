import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FolderLocks } from '../../generator/write/folder-lock.js';
import { commitWrites, JOURNAL_NAME, recoverFolder, WriteFailure, type PendingWrite } from '../../generator/write/transaction.js';
import { nodeWriteFs, type WriteFs } from '../../generator/write/write-fs.js';
import { countingFs, crashAfter, diskFullAfter, fsError } from './fs-doubles.js';

/**
 * The all-or-nothing write of generator/write/transaction.ts across two folders (an output folder, the
 * primary, and an app's javasource): a failure or a crash at any step leaves both folders, once the
 * next run has recovered them, entirely as they were or entirely as intended, with no temporary file.
 */

let scratch: string;
let out: string;
let java: string;
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'transaction-'));
  out = join(scratch, 'out');
  java = join(scratch, 'app', 'javasource');
  mkdirSync(out, { recursive: true });
  mkdirSync(java, { recursive: true });
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

const text = (s: string) => new TextEncoder().encode(s);

function oldWrites(): PendingWrite[] {
  return [
    { root: java, path: 'pkg/actions/A.java', bytes: text('class A { /* v1 */ }\n') },
    { root: java, path: 'pkg/.mendix-connector.json', bytes: text('{"v":1}\n'), manifest: true },
    { root: out, path: 'Pkg.mpk', bytes: text('package v1') },
    { root: out, path: 'docs/a.md', bytes: text('# v1\n') },
    { root: out, path: '.manifest.json', bytes: text('{"v":1}\n'), manifest: true },
  ];
}

/** A newer generation: files updated, created, and created in folders that do not exist yet. */
function newWrites(): PendingWrite[] {
  return [
    { root: java, path: 'pkg/actions/A.java', bytes: text('class A { /* v2 */ }\n') },
    { root: java, path: 'pkg/impl/B.java', bytes: text('class B {}\n') },
    { root: java, path: 'pkg/.mendix-connector.json', bytes: text('{"v":2}\n'), manifest: true },
    { root: out, path: 'Pkg.mpk', bytes: new Uint8Array(20_000).fill(7) },
    { root: out, path: 'docs/a.md', bytes: text('# v2\n') },
    { root: out, path: 'extra/deep/c.txt', bytes: text('c') },
    { root: out, path: '.manifest.json', bytes: text('{"v":2}\n'), manifest: true },
  ];
}

/** Every file below the two folders, by path relative to the scratch folder. */
function snapshot(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(scratch, path).split('\\').join('/')] = readFileSync(path).toString('base64');
    }
  };
  walk(scratch);
  return files;
}

function expectedAfter(writes: PendingWrite[], before: Record<string, string>): Record<string, string> {
  const files = { ...before };
  for (const w of writes) files[relative(scratch, join(w.root, w.path)).split('\\').join('/')] = Buffer.from(w.bytes).toString('base64');
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function recoverBoth(order: 'primary first' | 'secondary first', fs: WriteFs = nodeWriteFs): string[] {
  const locks = new FolderLocks({ waitMs: 0 });
  try {
    const known = {
      [out]: ['Pkg.mpk', 'docs/a.md', 'extra/deep/c.txt', '.manifest.json'],
      [java]: ['pkg/actions/A.java', 'pkg/impl/B.java', 'pkg/.mendix-connector.json'],
    };
    const roots = order === 'primary first' ? [out, java] : [java, out];
    return roots.flatMap((root) => {
      locks.lock(root);
      return recoverFolder(root, known[root] ?? [], { locks, fs });
    });
  } finally {
    locks.release();
  }
}

function leftovers(): string[] {
  return Object.keys(snapshot()).filter((p) => p.endsWith('.tmp') || p.endsWith(JOURNAL_NAME) || p.endsWith('.lock'));
}

describe('commitWrites', () => {
  it('writes every file of both folders, manifests last, and leaves no journal or temporary file', () => {
    commitWrites(oldWrites(), { primary: out });
    const before = snapshot();
    const replaced = commitWrites(newWrites(), { primary: out });
    expect(snapshot()).toEqual(expectedAfter(newWrites(), before));
    // Files first (in the order given), then the manifests, the primary folder's last.
    expect(replaced.map((p) => relative(scratch, p))).toEqual([
      'app/javasource/pkg/actions/A.java',
      'app/javasource/pkg/impl/B.java',
      'out/Pkg.mpk',
      'out/docs/a.md',
      'out/extra/deep/c.txt',
      'app/javasource/pkg/.mendix-connector.json',
      'out/.manifest.json',
    ]);
    expect(leftovers()).toEqual([]);
  });

  it.each([0, 5, 20_000, 20_030])('removes every staged file when the disk fills up after %i bytes, and says nothing was replaced', (budget) => {
    commitWrites(oldWrites(), { primary: out });
    const before = snapshot();
    const fs = diskFullAfter(budget);
    let failure: unknown;
    try {
      commitWrites(newWrites(), { primary: out, fs });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(WriteFailure);
    const f = failure as WriteFailure;
    expect(f.phase).toBe('stage');
    expect(f.message).toContain('ENOSPC');
    expect(f.replaced).toEqual([]);
    expect(f.leftovers).toEqual([]);
    expect(f.notReplaced).toHaveLength(newWrites().length);
    expect(fs.written()).toBe(budget);
    // Nothing changed, no partly written temporary file, and the folders it created are gone again.
    expect(snapshot()).toEqual(before);
    expect(existsSync(join(out, 'extra'))).toBe(false);
    expect(existsSync(join(java, 'pkg', 'impl'))).toBe(false);
  });

  it('keeps the journal when a rename fails, and the next run finishes the write', () => {
    commitWrites(oldWrites(), { primary: out });
    const before = snapshot();
    const failing: WriteFs = {
      ...nodeWriteFs,
      renameSync: (from, to) => {
        if (to === join(out, 'docs', 'a.md')) throw fsError('EACCES', `permission denied, rename '${from}' -> '${to}'`);
        nodeWriteFs.renameSync(from, to);
      },
    };
    let failure: WriteFailure | undefined;
    try {
      commitWrites(newWrites(), { primary: out, fs: failing });
    } catch (error) {
      failure = error as WriteFailure;
    }
    expect(failure?.phase).toBe('rename');
    expect(failure?.replaced.map((p) => relative(scratch, p))).toEqual(['app/javasource/pkg/actions/A.java', 'app/javasource/pkg/impl/B.java', 'out/Pkg.mpk']);
    expect(failure?.target).toBe(join(out, 'docs', 'a.md'));
    expect(failure?.journal).toBe(join(out, JOURNAL_NAME));
    expect(existsSync(join(out, JOURNAL_NAME))).toBe(true);

    const messages = recoverBoth('primary first');
    expect(messages[0]).toMatch(
      /^Finished an interrupted write: renamed 4 staged files into place \(.*\/docs\/a\.md, .*\/c\.txt, .*\.mendix-connector\.json, .*\.manifest\.json\)\.$/,
    );
    expect(snapshot()).toEqual(expectedAfter(newWrites(), before));
    expect(leftovers()).toEqual([]);
  });

  it('rolls back an interrupted write whose staged file was damaged, and says so', () => {
    commitWrites(oldWrites(), { primary: out });
    const before = snapshot();
    const failing: WriteFs = {
      ...nodeWriteFs,
      renameSync: (from, to) => {
        if (!to.endsWith(JOURNAL_NAME)) throw fsError('EIO', 'i/o error');
        nodeWriteFs.renameSync(from, to);
      },
    };
    expect(() => commitWrites(newWrites(), { primary: out, fs: failing })).toThrow(WriteFailure);
    const staged = readdirSync(join(out, 'docs')).find((n) => n.endsWith('.tmp'));
    expect(staged).toBeDefined();
    writeFileSync(join(out, 'docs', staged ?? ''), '# damaged\n');

    const messages = recoverBoth('secondary first');
    expect(messages[0]).toMatch(
      /^Rolled back an interrupted write \(it was stopped before 1 of its 7 files was staged complete: .*docs\/a\.md\): removed 7 temporary files; none of its files had been renamed into place\.$/,
    );
    expect(snapshot()).toEqual(before);
  });

  it('leaves both folders all old or all new after a crash at any step, once the next run recovered them', () => {
    // How many changes to the disk a whole write makes, to crash after each one of them.
    commitWrites(oldWrites(), { primary: out });
    const counter = countingFs();
    commitWrites(newWrites(), { primary: out, fs: counter });
    const steps = counter.calls();
    expect(steps).toBeGreaterThan(30);

    const outcomes = { old: 0, new: 0 };
    for (let crashAt = 0; crashAt < steps; crashAt++) {
      rmSync(out, { recursive: true, force: true });
      rmSync(join(scratch, 'app'), { recursive: true, force: true });
      mkdirSync(out, { recursive: true });
      mkdirSync(java, { recursive: true });
      commitWrites(oldWrites(), { primary: out });
      const before = snapshot();
      const fs = crashAfter(crashAt);
      try {
        commitWrites(newWrites(), { primary: out, fs });
      } catch {
        // Expected for every step but the removal of the journals, which the write does not depend on.
      }
      expect(fs.crashed()).toBe(true);

      const messages = recoverBoth(crashAt % 2 === 0 ? 'primary first' : 'secondary first');
      const after = snapshot();
      const isOld = JSON.stringify(after) === JSON.stringify(before);
      const isNew = JSON.stringify(after) === JSON.stringify(expectedAfter(newWrites(), before));
      expect(isOld || isNew, `crash after ${crashAt} of ${steps} steps: ${JSON.stringify(Object.keys(after))}\n${messages.join('\n')}`).toBe(true);
      expect(leftovers(), `crash after ${crashAt} steps`).toEqual([]);
      if (isNew)
        expect(messages.join('\n'), `crash after ${crashAt} steps`).toMatch(/Finished an interrupted write|Removed the journal of a write that had finished/);
      outcomes[isNew ? 'new' : 'old'] += 1;
    }
    // Both outcomes occur: before the primary journal exists the write is rolled back, after it finished.
    expect(outcomes.old).toBeGreaterThan(0);
    expect(outcomes.new).toBeGreaterThan(0);
  });
});

describe('recoverFolder', () => {
  it('removes only temporary files of its own naming pattern, next to files it writes', () => {
    mkdirSync(join(out, 'docs'));
    mkdirSync(join(out, 'unrelated'));
    const ours = ['Pkg.mpk.mendix-connector-0123456789abcdef.tmp', 'docs/a.md.mendix-connector-fedcba9876543210.tmp', 'Pkg.mpk.4242.tmp'];
    const users = ['notes.tmp', 'Pkg.mpk.tmp', 'other.4242.tmp', 'docs/draft.tmp', 'unrelated/x.mendix-connector-0123456789abcdef.tmp'];
    for (const f of [...ours, ...users]) writeFileSync(join(out, ...f.split('/')), 'x');
    const locks = new FolderLocks();
    locks.lock(out);
    const messages = recoverFolder(out, ['Pkg.mpk', 'docs/a.md'], { locks, show: (p) => relative(out, p) });
    locks.release();
    expect(messages).toEqual([
      'Removed 3 temporary files an interrupted mendix-connector run had left: Pkg.mpk.4242.tmp, Pkg.mpk.mendix-connector-0123456789abcdef.tmp, docs/a.md.mendix-connector-fedcba9876543210.tmp.',
    ]);
    for (const f of ours) expect(existsSync(join(out, f)), f).toBe(false);
    for (const f of users) expect(existsSync(join(out, f)), f).toBe(true);
  });

  it('does not follow a journal that points outside its folders', () => {
    const outside = join(scratch, 'victim.txt');
    writeFileSync(outside, 'precious');
    writeFileSync(join(scratch, 'victim.txt.mendix-connector-0123456789abcdef.tmp'), 'evil');
    const journal = {
      format: 'mendix-connector-journal/1',
      id: '0123456789abcdef',
      role: 'primary',
      primary: out,
      pid: 1,
      startedAt: '',
      createdDirs: [scratch],
      entries: [{ root: out, path: '../victim.txt', temp: '../victim.txt.mendix-connector-0123456789abcdef.tmp', sha256: '0'.repeat(64), size: 4 }],
    };
    writeFileSync(join(out, JOURNAL_NAME), JSON.stringify(journal));
    const locks = new FolderLocks();
    locks.lock(out);
    const messages = recoverFolder(out, [], { locks });
    locks.release();
    expect(messages[0]).toMatch(/^Removed an unreadable journal/);
    expect(readFileSync(outside, 'utf8')).toBe('precious');
    expect(existsSync(join(out, JOURNAL_NAME))).toBe(false);
  });

  it('says nothing and changes nothing in a consistent folder', () => {
    commitWrites(oldWrites(), { primary: out });
    const before = snapshot();
    expect(recoverBoth('primary first')).toEqual([]);
    expect(snapshot()).toEqual(before);
  });
});
