import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { readPlainYaml } from '../../generator/load/fast-yaml.js';
import { PACKAGE_ROOT } from '../../generator/paths.js';

/**
 * The fast YAML reader (generator/load/fast-yaml.ts) takes a document only when it reads it as the
 * `yaml` package does: wherever it gives data, that data must equal yaml's, for every YAML file of
 * the project and for constructs at each edge of what it takes; everything else it leaves to yaml.
 */

/** What the loader gets from the `yaml` package for a document without problems (source-document.ts). */
function yamlData(text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, strict: true });
  if (doc.errors.length > 0 || doc.warnings.length > 0) return { problems: [...doc.errors, ...doc.warnings].map((p) => p.code) };
  return doc.toJS({ maxAliasCount: 1000 });
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? yamlFiles(join(dir, entry.name)) : entry.name.endsWith('.yaml') ? [join(dir, entry.name)] : [],
  );
}

describe('the fast YAML reader', () => {
  it('reads every YAML file of the project as the yaml package does, or leaves it to it', () => {
    const files = [...yamlFiles(join(PACKAGE_ROOT, 'spec')), ...yamlFiles(join(PACKAGE_ROOT, 'test', 'specs'))];
    let taken = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const fast = readPlainYaml(text);
      if (!fast) continue;
      taken++;
      expect(fast.data, file).toStrictEqual(yamlData(text));
    }
    // The bundled specs themselves are plain: the reader exists for them.
    expect(taken).toBeGreaterThanOrEqual(2);
  });

  const taken: Record<string, string> = {
    'core schema numbers': 'a: 0o17\nb: 0x1F\nc: +5\nd: -0\ne: 1e3\nf: -.5\ng: .inf\nh: -.Inf\ni: 1.50\nj: 007\nk: 12345678901234567890\n',
    'what YAML 1.2 keeps as text': 'a: 1_000\nb: yes\nc: no\nd: on\ne: 2024-01-01\nf: 0b101\ng: 1:30\nh: .5.5\ni: 0x\nj: "true"\n',
    'nulls and booleans': 'a: ~\nb: null\nc: Null\nd:\ne: True\nf: FALSE\ng: [~, null, true]\n',
    'keys that are numbers or booleans': '1: one\ntrue: yes\n0x10: sixteen\n1.50: x\n-0: zero\n',
    'merge keys are plain keys in YAML 1.2': 'base: {a: 1}\nmerged:\n  <<: {b: 2}\n  c: 3\n',
    'quoted scalars and escapes':
      "a: \"tab\\there \\u00e9 \\U0001F600 \\x41 \\/ \\N \\_\"\nb: 'it''s'\nc: \"multi\n  line\n\n  folded\"\nd: 'single\n  folded'\n",
    'block scalars': 'a: |\n  line 1\n   indented\n\n  line 3\nb: >\n  folded\n  text\n\n  para\nc: |-\n  stripped\n\nd: >+\n  kept\n\ne: |2\n    two\n',
    'plain multi-line scalars and comments':
      'a: first\n  second\n  third # comment\nb: value#not a comment\n# c: commented out\nlist:\n  - one\n  - two # x\n  -\n  - - nested\n',
    'flow collections on one line': 'a: [1, "two", {three: 3}]\nb: {x: [], y: {}}\nc: []\n',
    'documents with markers and a BOM': '\ufeff---\na: 1\n...\n',
    'unicode and windows line ends': 'name: caf\u00e9 \u{1f600}\r\nnext: line\r\n',
    'a __proto__ key is data': '__proto__: x\nconstructor: y\n',
  };
  it.each(Object.entries(taken))('takes %s, with the data the yaml package gives', (_name, text) => {
    const fast = readPlainYaml(text);
    expect(fast, 'taken').toBeDefined();
    expect(fast?.data).toStrictEqual(yamlData(text));
  });

  const left: Record<string, string> = {
    anchors: 'a: &x 1\nb: *x\n',
    'an alias without its anchor': 'b: *x\n',
    tags: 'a: !!str 1\n',
    'local tags': 'a: !thing 1\n',
    directives: '%YAML 1.2\n---\na: 1\n',
    tabs: 'a:\t1\n',
    'explicit keys': '? a\n: 1\n',
    'flow collections as keys': '[a, b]: 1\n',
    'a null key': 'null: 1\n~: 2\n',
    'repeated keys': 'a: 1\na: 2\n',
    'a number and a text that are one key': '1: a\n"1": b\n',
    'two documents': 'a: 1\n---\nb: 2\n',
    'a flow collection over lines': 'a: [1,\n  2]\n',
    'a comment right after a quoted scalar': 'a: "x"#c\n',
    'a line over 1,024 characters': `a: ${'x'.repeat(1100)}\n`,
    'syntax errors': 'a: "open\nb: 1\n',
    'bad indentation': 'a:\n  b: 1\n c: 2\n',
  };
  it.each(Object.entries(left))('leaves %s to the yaml package', (_name, text) => {
    expect(readPlainYaml(text)).toBeUndefined();
  });
});
