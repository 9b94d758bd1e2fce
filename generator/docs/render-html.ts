import type { Block, DocumentModel, Inline, Text } from './doc-model.js';
import { escapeXml } from './escape.js';
import type { LinkResolver } from './render-markdown.js';

/** Inline styles of the page: no external stylesheet, font or script. */
const STYLE = `
:root { color-scheme: light; }
body { margin: 0; font-family: "DejaVu Sans", "Liberation Sans", "Segoe UI", Helvetica, Arial, sans-serif; font-size: 15px; line-height: 1.5; color: #1f2328; background: #ffffff; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 32px 64px; }
h1 { font-size: 28px; border-bottom: 1px solid #d0d7de; padding-bottom: 8px; }
h2 { font-size: 22px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; margin-top: 40px; }
h3 { font-size: 18px; margin-top: 32px; }
h4 { font-size: 15px; margin-top: 24px; }
code { font-family: "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; font-size: 13px; background: #f3f4f6; padding: 1px 4px; border-radius: 4px; overflow-wrap: break-word; }
pre { background: #f6f8fa; padding: 12px 16px; border-radius: 6px; overflow-x: auto; }
pre code { background: none; padding: 0; }
table { border-collapse: collapse; margin: 12px 0; width: 100%; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th { background: #f6f8fa; }
a { color: #0969da; }
figure.domain-model { margin: 16px 0; overflow-x: auto; border: 1px solid #d0d7de; border-radius: 6px; background: #fbfcfd; }
figure.domain-model svg { display: block; }
`;

/**
 * Long identifiers (`Function_ListVersionsByFunctionResponse`) would widen narrow table columns
 * past the page; `<wbr>` lets the browser break them after `_`, `.`, `:` or `/` and between words of
 * a CamelCase name, without changing the text that is copied.
 */
function breakable(text: string): string {
  if (text.length <= 16) return escapeXml(text);
  return text
    .split(/(?<=[_.:/])(?=[^_.:/\s])|(?<=[a-z0-9])(?=[A-Z][a-z])/)
    .map(escapeXml)
    .join('<wbr>');
}

function inline(part: Inline, resolve: LinkResolver): string {
  if (typeof part === 'string') return escapeXml(part);
  if ('code' in part) return `<code>${breakable(part.code)}</code>`;
  if ('strong' in part) return `<strong>${escapeXml(part.strong)}</strong>`;
  return `<a href="${escapeXml(resolve(part.target))}">${breakable(part.link)}</a>`;
}

function text(parts: Text, resolve: LinkResolver): string {
  return parts.map((p) => inline(p, resolve)).join('');
}

function block(b: Block, resolve: LinkResolver, svg: string): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level} id="${escapeXml(b.id)}">${escapeXml(b.text)}</h${b.level}>`;
    case 'paragraph':
      return `<p>${text(b.text, resolve)}</p>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      const items = b.items.map((item, i) => {
        const nested = b.sub?.[i];
        const inner = nested && nested.length > 0 ? `\n<ul>\n${nested.map((s) => `<li>${text(s, resolve)}</li>`).join('\n')}\n</ul>\n` : '';
        return `<li>${text(item, resolve)}${inner}</li>`;
      });
      return `<${tag}>\n${items.join('\n')}\n</${tag}>`;
    }
    case 'table': {
      const head = `<tr>${b.header.map((h) => `<th>${escapeXml(h)}</th>`).join('')}</tr>`;
      const rows = b.rows.map((row) => `<tr>${row.map((c) => `<td>${text(c, resolve)}</td>`).join('')}</tr>`);
      return `<table>\n<thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
    }
    case 'code':
      return `<pre><code>${escapeXml(b.content)}</code></pre>`;
    case 'picture':
      return `<figure class="domain-model" aria-label="${escapeXml(b.alt)}">\n${svg}\n</figure>`;
  }
}

/** A complete, self-contained page; `svg` is the domain-model picture, embedded where the picture block is. */
export function renderHtml(doc: DocumentModel, resolve: LinkResolver, svg: string): string {
  const inlineSvg = svg.replace(/^<\?xml[^>]*>\s*/, '');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(doc.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...doc.blocks.map((b) => block(b, resolve, inlineSvg)),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
