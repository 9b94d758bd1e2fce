/**
 * Extracts storage fingerprints from real Mendix module packages, for committing as fixtures.
 *
 *   npx tsc -p tsconfig.json
 *   node build/test/tools/extract-fingerprint.js <file.mpk>... --out <dir>
 *
 * Writes one `mendix-<major.minor.patch>.json` per package (named by `_ProductVersion`); without
 * `--out` it prints the fingerprints to stdout. See generator/mpk/fingerprint.ts for the contents.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MpkFormatError } from '../../generator/mpk/errors.js';
import { extractFingerprint, fingerprintFileName, stringifyFingerprint } from '../../generator/mpk/fingerprint.js';

const USAGE = 'usage: node build/test/tools/extract-fingerprint.js <file.mpk>... [--out <dir>]';

function parseArgs(argv: readonly string[]): { files: string[]; out: string | undefined } {
  const files: string[] = [];
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--out') {
      out = argv[++i];
      if (out === undefined) throw new Error('--out needs a folder.');
    } else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else files.push(arg);
  }
  if (files.length === 0) throw new Error('no .mpk files given.');
  return { files, out };
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`extract-fingerprint: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (args.out !== undefined) mkdirSync(args.out, { recursive: true });
  let failed = 0;
  for (const file of args.files) {
    try {
      const fingerprint = await extractFingerprint(readFileSync(file));
      const text = stringifyFingerprint(fingerprint);
      if (args.out === undefined) {
        process.stdout.write(text);
      } else {
        const target = join(args.out, fingerprintFileName(fingerprint));
        writeFileSync(target, text);
        console.log(`${file} -> ${target}`);
      }
    } catch (error) {
      // Bad input gets one line, not a stack trace; real bugs keep theirs.
      if (error instanceof MpkFormatError || (error instanceof Error && 'code' in error && error.code === 'ENOENT')) {
        console.error(`extract-fingerprint: ${file}: ${error.message}`);
        failed++;
      } else throw error;
    }
  }
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
