import { describe, expect, it } from 'vitest';
import { isValidJson } from '../../runtime/engine/values.js';

/** What JSON.parse, the reference, says of a text. */
function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random JSON-like text: mostly valid values, with the pieces where parsers tend to differ. */
function jsonish(next: () => number, depth: number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const space = () => pick(['', '', ' ', '\n', '\t', '\r', ' \n ']);
  const kind = depth > 4 ? Math.floor(next() * 3) : Math.floor(next() * 5);
  switch (kind) {
    case 0:
      return pick(['0', '-0', '1', '-12.5e+3', '1E2', '0.5', '1e-7', '10', '123456789012345678901234567890', '1.0e400']);
    case 1:
      return pick(['true', 'false', 'null']);
    case 2:
      return pick(['""', '"a"', '"\\"\\\\\\/\\b\\f\\n\\r\\t"', '"\\u00e9\\uD83D\\ude00"', '"é\u2028"', '"\ud800"', '" spaces "']);
    case 3: {
      const items = Array.from({ length: Math.floor(next() * 4) }, () => space() + jsonish(next, depth + 1) + space());
      return `[${items.join(',')}]`;
    }
    default: {
      const members = Array.from({ length: Math.floor(next() * 4) }, (_, i) => `${space()}"k${i}"${space()}:${space()}${jsonish(next, depth + 1)}${space()}`);
      return `{${members.join(',')}}`;
    }
  }
}

/** The text with one random edit: a character removed, doubled, replaced or inserted. */
function mutated(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const pieces = [
    '"',
    '\\',
    ',',
    ':',
    '[',
    ']',
    '{',
    '}',
    ' ',
    '\u0000',
    '\u001f',
    '\u007f',
    '-',
    '+',
    '.',
    'e',
    '0',
    '1',
    'u',
    'x',
    'n',
    't',
    '\ufeff',
    '\u00a0',
    '\v',
  ];
  const piece = pieces[Math.floor(next() * pieces.length)] ?? '';
  switch (Math.floor(next() * 4)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1);
    case 1:
      return text.slice(0, at) + text.slice(at, at + 1) + text.slice(at);
    case 2:
      return text.slice(0, at) + piece + text.slice(at + 1);
    default:
      return text.slice(0, at) + piece + text.slice(at);
  }
}

describe('isValidJson', () => {
  it('says what JSON.parse says of texts chosen for their edges', () => {
    const texts = [
      '',
      ' ',
      '0',
      '-0',
      '01',
      '-',
      '1.',
      '.5',
      '1e',
      '1e+',
      '1E-2',
      '+1',
      '0x10',
      'NaN',
      'Infinity',
      'true',
      'tru',
      'truee',
      'null ',
      ' \t\n\r null \t\n\r ',
      '\ufeffnull',
      '\u00a0null',
      '\vnull',
      '"',
      '"abc',
      '"a\\"',
      '"\\x"',
      '"\\u12"',
      '"\\u12G4"',
      '"\\uABCD"',
      '"\\uabcd"',
      '"tab\there"',
      '"\u001f"',
      '"\u007f"',
      '"\ud83d"',
      '[]',
      '[',
      ']',
      '[1,]',
      '[,1]',
      '[1 2]',
      '[[[[[[]]]]]]',
      '[[[[[[]]]]]',
      '{}',
      '{',
      '{"a"}',
      '{"a":}',
      '{"a":1,}',
      '{"a":1 "b":2}',
      '{a:1}',
      "{'a':1}",
      '{"a":1}{"b":2}',
      '{"a":[1,{"b":null}],"c":"d"}',
      '{"order":42,"items":["a","b","c"]}',
      '[1] x',
      '"a" "b"',
    ];
    for (const text of texts) expect([text, isValidJson(text)]).toEqual([text, parses(text)]);
  });

  it('says what JSON.parse says of generated texts and their mutations', () => {
    const next = random(20261126);
    for (let n = 0; n < 20_000; n++) {
      const valid = jsonish(next, 0);
      expect([valid, isValidJson(valid)]).toEqual([valid, parses(valid)]);
      let text = valid;
      for (let edits = 1 + Math.floor(next() * 3); edits > 0; edits--) text = mutated(text, next);
      expect([text, isValidJson(text)]).toEqual([text, parses(text)]);
    }
  });

  it('reads deep nesting and long texts without recursion', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(isValidJson(deep)).toBe(true);
    expect(isValidJson(deep.slice(1))).toBe(false);
    const long = JSON.stringify({ items: Array.from({ length: 50_000 }, (_, i) => ({ i, text: `item ${i} \u00e9 "quoted"` })) });
    expect(isValidJson(long)).toBe(true);
    expect(isValidJson(long.slice(0, -1))).toBe(false);
  });
});
