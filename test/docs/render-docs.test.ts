import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { escapeLineStart, escapeMarkdown, escapeXml, markdownCode } from '../../generator/docs/escape.js';
import { docsPaths, renderDocs } from '../../generator/docs/render-docs.js';
import { attributeLabel, layoutDomainModel } from '../../generator/model/layout.js';
import { SpecIndex } from '../../generator/spec/spec-index.js';
import type { ConnectorSpec } from '../../generator/spec/types.js';
import type { OutputFile } from '../../generator/write/write-outputs.js';
import { GOLDEN_DOCS, goldenPath, loadBundledSpec, renderBundledDocs } from './docs-golden.js';

const decoder = new TextDecoder();
const { spec, index } = loadBundledSpec();
const outputs = renderDocs(spec, index);
const paths = docsPaths(spec);
const file = (outs: OutputFile[], path: string): string => {
  const found = outs.find((o) => o.path === path);
  if (!found) throw new Error(`no output ${path}`);
  return decoder.decode(found.bytes);
};
const markdown = file(outputs, paths.markdown);
const html = file(outputs, paths.html);
const svg = file(outputs, paths.svg);

/** The text a reader sees in the Markdown: escapes removed, whitespace collapsed. */
function markdownText(md: string): string {
  return md
    .replace(/\[((?:\\.|[^\]\\])*)\]\([^)]*\)/g, '$1')
    .replace(/(?<!\\)(`+|\*\*|\|)/g, ' ')
    .replace(/\\([\\`*_[\]<>|~&#!{}+\-=.)])/g, '$1')
    .replace(/\s+/g, ' ');
}

/** The text a reader sees in the HTML page: tags dropped, entities decoded, whitespace collapsed. */
function htmlText(page: string): string {
  return page
    .replace(/<wbr>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ');

function cloneSpec(): ConnectorSpec {
  return structuredClone(spec);
}

describe('renderDocs', () => {
  it('writes the reference as Markdown and HTML, and the picture, under docs/, all named after the module', () => {
    expect(outputs.map((o) => o.path)).toEqual([`docs/${spec.module.name}.md`, `docs/${spec.module.name}.html`, `docs/${spec.module.name}.svg`]);
  });

  it('matches the golden files byte for byte (update: npm run golden:update)', () => {
    expect(existsSync(GOLDEN_DOCS)).toBe(true);
    expect(readdirSync(GOLDEN_DOCS).sort()).toEqual(outputs.map((o) => goldenPath(o).slice(GOLDEN_DOCS.length + 1)).sort());
    for (const output of outputs) {
      const golden = readFileSync(goldenPath(output));
      expect(Buffer.from(output.bytes).equals(golden), `${output.path} differs from ${goldenPath(output)}`).toBe(true);
    }
  });

  it('is deterministic and carries no date or time', () => {
    const again = renderBundledDocs();
    expect(again.map((o) => Buffer.from(o.bytes).toString('base64'))).toEqual(outputs.map((o) => Buffer.from(o.bytes).toString('base64')));
    for (const text of [markdown, html, svg]) expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  });

  describe.each([
    ['Markdown', () => markdownText(markdown)],
    ['HTML', () => htmlText(html)],
  ])('the %s reference', (_name, read) => {
    const text = read();
    const has = (s: string, what: string) => expect(text.includes(oneLine(s)), `${what}: ${s}`).toBe(true);

    it('covers the module, its prerequisites and installation', () => {
      has(spec.module.name, 'module');
      has(spec.module.documentation, 'module documentation');
      has(`Studio Pro ${spec.module.mendixVersion}`, 'Mendix version');
      has('sts:AssumeRole', 'STS permission');
      has(`dist/${spec.module.name}.mpk`, 'package');
      has('Import module package', 'import step');
      for (const d of spec.module.javaDependencies) has(`${d.groupId}:${d.artifactId}:${d.version}`, 'Java dependency');
      for (const r of spec.module.moduleRoles) {
        has(`${spec.module.name}.${r.name}`, 'module role');
        has(r.documentation, 'module role documentation');
      }
    });

    it('documents every entity, attribute and association with the spec texts', () => {
      for (const entity of spec.entities) {
        has(entity.name, 'entity');
        has(entity.documentation, 'entity documentation');
        if (entity.generalization) has(`Generalization: ${entity.generalization}`, 'generalization');
        for (const a of entity.attributes) {
          has(a.name, 'attribute');
          has(a.documentation, 'attribute documentation');
          if (a.default !== undefined) has(String(a.default), 'default');
          if (a.type === 'String') has(String(a.length ?? 200), 'length');
        }
      }
      for (const a of spec.associations) {
        has(a.name, 'association');
        has(a.documentation, 'association documentation');
        has(
          `(${a.type}, ${a.type === 'ReferenceSet' ? '*' : '*'} ${a.parent} to ${a.type === 'ReferenceSet' ? '*' : '1'} ${a.child}, owner ${a.owner})`,
          'multiplicity',
        );
      }
    });

    it('documents every enumeration value with caption, API value and documentation', () => {
      for (const e of spec.enumerations) {
        has(e.name, 'enumeration');
        has(e.documentation, 'enumeration documentation');
        for (const v of e.values) {
          has(v.name, 'value');
          has(v.caption, 'caption');
          if (v.apiValue && v.apiValue !== v.name) has(`${v.name} ${v.caption} ${v.apiValue}`, 'API value');
          if (v.documentation) has(v.documentation, 'value documentation');
        }
      }
    });

    it('documents every activity: parameters, return value, permission, traits and errors', () => {
      for (const o of spec.operations) {
        has(o.name, 'operation');
        has(o.caption, 'caption');
        has(o.documentation, 'operation documentation');
        has(o.permission, 'permission');
        for (const p of o.parameters) {
          has(p.name, 'parameter');
          has(p.description, 'parameter description');
        }
        has(o.returns.description, 'return description');
        has(`${o.name} failed: <Code> (HTTP <status>, request ID <id>): <message>`, 'AWS error format');
        has(`${o.name} refused before calling AWS: <reason>`, 'validation error format');
        for (const c of o.cases) if ('error' in c.expect) has(c.expect.error.message, `error example of ${o.name}`);
        const limits = o.traits.payloadLimits;
        if (limits) for (const [value, bytes] of Object.entries(limits.limits)) has(`${value} ${bytes.toLocaleString('en-US')} bytes`, 'payload limit');
        if (o.traits.pagination) has(`When ${o.traits.pagination.fetchAllAttribute} is true`, 'fetch all pages');
        if (o.traits.functionError) has(`${o.name} failed: the function returned an error`, 'function error format');
      }
      for (const name of ['ListFunctions', 'Invoke']) if (index.operation(name)) has(`(${name})`, 'walkthrough');
    });
  });

  it('links every in-page anchor of the Markdown and the HTML to a heading', () => {
    const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    const mdLinks = [...markdown.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
    const htmlLinks = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(mdLinks.length).toBeGreaterThan(50);
    for (const id of [...mdLinks, ...htmlLinks]) expect(ids.has(id), `#${id}`).toBe(true);
    expect(markdown).toContain(`](${spec.module.name}.svg)`);
  });

  it('makes a self-contained HTML page with the picture inline', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|\ssrc=|@import/i);
    // The only url() references are the picture's own markers, inside the page.
    for (const m of html.matchAll(/url\(([^)]*)\)/g)) expect(m[1]?.startsWith('#'), m[0]).toBe(true);
    for (const m of html.matchAll(/href="([^"]*)"/g)) expect(m[1]?.startsWith('#'), m[1]).toBe(true);
    expect(html.match(/<svg /g)).toHaveLength(1);
    expect(html).toContain(svg.replace(/^<\?xml[^>]*>\n/, '').trimEnd());
  });

  it('draws every entity at its layoutDomainModel position with its attributes', () => {
    const layout = layoutDomainModel(spec, index);
    const rects = [...svg.matchAll(/<g class="entity" data-entity="([^"]+)">\n<rect class="box" x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)"/g)];
    expect(rects).toHaveLength(spec.entities.length);
    for (const [, name, x, y, w, h] of rects) {
      expect({ x: Number(x), y: Number(y), width: Number(w), height: Number(h) }).toEqual(layout.boxes.get(name as string));
    }
    for (const entity of spec.entities) for (const a of entity.attributes) expect(svg).toContain(`>${escapeXml(attributeLabel(a))}</text>`);
  });

  it('draws generalizations and associations with multiplicities, never through a box', () => {
    const layout = layoutDomainModel(spec, index);
    const paths = [...svg.matchAll(/<path class="(association|generalization)" data-name="([^"]+)" d="([^"]+)"/g)];
    expect(paths.filter((p) => p[1] === 'association').map((p) => p[2])).toEqual(spec.associations.map((a) => a.name));
    expect(paths.filter((p) => p[1] === 'generalization')).toHaveLength(spec.entities.filter((e) => e.generalization).length);
    expect([...svg.matchAll(/class="multiplicity"[^>]*>([^<]+)</g)].map((m) => m[1])).toHaveLength(2 * spec.associations.length);
    for (const [, , name, d] of paths) {
      const points = [...(d as string).matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
      expect(points.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < points.length; i++) {
        const [x1, y1] = points[i - 1] as readonly [number, number];
        const [x2, y2] = points[i] as readonly [number, number];
        expect(x1 === x2 || y1 === y2, `${name as string}: segment ${i} is not orthogonal`).toBe(true);
        for (const [entity, b] of layout.boxes) {
          const crosses = Math.max(x1, x2) > b.x && Math.min(x1, x2) < b.x + b.width && Math.max(y1, y2) > b.y && Math.min(y1, y2) < b.y + b.height;
          expect(crosses, `${name as string} crosses ${entity}`).toBe(false);
        }
      }
    }
  });

  it('escapes HTML, XML and Markdown table cells', () => {
    const hostile = cloneSpec();
    const tag = hostile.entities.find((e) => e.name === 'Tag');
    expect(tag).toBeDefined();
    if (!tag) return;
    tag.name = 'Tag<&>"';
    for (const a of hostile.associations) if (a.parent === 'Tag') a.parent = tag.name;
    tag.documentation = 'Has <script>alert("x")</script> & a | pipe and *stars* and `ticks`.';
    const first = tag.attributes[0];
    if (first) first.documentation = 'left | right';
    const outs = renderDocs(hostile, new SpecIndex(hostile));
    const page = file(outs, `docs/${hostile.module.name}.html`);
    const picture = file(outs, `docs/${hostile.module.name}.svg`);
    const md = file(outs, `docs/${hostile.module.name}.md`);
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; a | pipe');
    expect(picture).toContain('data-entity="Tag&lt;&amp;&gt;&quot;"');
    expect(picture).not.toContain('Tag<&>');
    expect(md).toContain('Has \\<script\\>alert("x")\\</script\\> \\& a \\| pipe and \\*stars\\* and \\`ticks\\`.');
    // Every table row keeps the header's number of cells.
    const tables = md.split('\n\n').filter((b) => b.startsWith('| '));
    const cells = (row: string) => row.split(/(?<!\\)\|/).length;
    for (const table of tables) {
      const rows = table.split('\n').filter((r) => r !== '');
      for (const row of rows) expect(cells(row), row).toBe(cells(rows[0] as string));
    }
    expect(md).toContain('left \\| right');
  });

  it('skips a walkthrough whose operation the spec does not have', () => {
    const partial = cloneSpec();
    partial.operations = partial.operations.filter((o) => o.name !== 'Invoke');
    const md = file(renderDocs(partial, new SpecIndex(partial)), `docs/${partial.module.name}.md`);
    expect(md).toContain('### Walkthrough: List functions (ListFunctions)');
    expect(md).not.toContain('(Invoke)');
    expect(md).not.toMatch(/^### Invoke$/m);
    expect(md).toMatch(/^### ListFunctions$/m);
  });
});

describe('escaping helpers', () => {
  it('escapes XML special characters', () => {
    expect(escapeXml(`a<b>&"c'`)).toBe('a&lt;b&gt;&amp;&quot;c&#39;');
  });

  it('escapes Markdown syntax and line-start markers', () => {
    expect(escapeMarkdown('ENUM_Region *x* [a](b) a|b <i>')).toBe('ENUM\\_Region \\*x\\* \\[a\\](b) a\\|b \\<i\\>');
    expect(escapeMarkdown('two\nlines')).toBe('two lines');
    expect(escapeLineStart('1. not a list')).toBe('1\\. not a list');
    expect(escapeLineStart('- not a bullet')).toBe('\\- not a bullet');
    expect(escapeLineStart('Version 1.0')).toBe('Version 1.0');
  });

  it('fences code spans around backticks and escapes pipes only in tables', () => {
    expect(markdownCode('a`b', false)).toBe('``a`b``');
    expect(markdownCode('a|b', true)).toBe('`a\\|b`');
    expect(markdownCode('a|b', false)).toBe('`a|b`');
  });
});
