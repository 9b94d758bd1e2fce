/**
 * The generic code names no service: what is service-specific comes from a spec or an API model.
 * Comments may name a service as an example; code and strings may not.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../generator/paths.js';

/** Every TypeScript file under a folder of the project. */
function sources(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) out.push(full);
    }
  };
  walk(join(PACKAGE_ROOT, dir));
  return out.sort();
}

/** The code without its comments: line comments, block comments, and nothing else (strings stay). */
export function withoutComments(text: string): string {
  let out = '';
  let i = 0;
  let quote: string | undefined;
  while (i < text.length) {
    const ch = text[i] ?? '';
    const next = text[i + 1] ?? '';
    if (quote) {
      out += ch;
      if (ch === '\\') {
        out += next;
        i += 2;
        continue;
      }
      if (ch === quote) quote = undefined;
      i++;
    } else if (ch === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (ch === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else {
      if (ch === "'" || ch === '"' || ch === '`') quote = ch;
      out += ch;
      i++;
    }
  }
  return out;
}

/** Names of AWS services a generic file must not contain outside comments. */
const SERVICE_NAMES = /\b(lambda|sqs|dynamodb|s3|sns|kinesis)\b|lambda/i;

describe('generic code', () => {
  it('removes comments and keeps strings (the check can tell them apart)', () => {
    expect(withoutComments('a // lambda\nb /* lambda */ c \'x // y\' "/* z */"')).toBe('a \nb  c \'x // y\' "/* z */"');
    expect(SERVICE_NAMES.test(withoutComments("const x = 'AWSLambda'; // fine"))).toBe(true);
  });

  it('names no AWS service in generator/ and runtime/engine/ outside comments', () => {
    const files = [...sources('generator'), ...sources(join('runtime', 'engine'))];
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((file) =>
      withoutComments(readFileSync(file, 'utf8'))
        .split('\n')
        .map((line, i) => ({ line, i }))
        .filter(({ line }) => SERVICE_NAMES.test(line))
        .map(({ line, i }) => `${relative(PACKAGE_ROOT, file)}:${i + 1}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });
});
