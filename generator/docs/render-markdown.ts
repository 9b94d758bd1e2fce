import type { Block, DocumentModel, Inline, Text } from './doc-model.js';
import { escapeLineStart, escapeMarkdown, markdownCode } from './escape.js';

/** Turns a link target (`#key` for a heading, otherwise a relative file) into an href. */
export type LinkResolver = (target: string) => string;

function inline(part: Inline, resolve: LinkResolver, inTable: boolean): string {
  if (typeof part === 'string') return escapeMarkdown(part);
  if ('code' in part) return markdownCode(part.code, inTable);
  if ('strong' in part) return `**${escapeMarkdown(part.strong)}**`;
  const href = resolve(part.target).replace(/[()\s]/g, (c) => encodeURIComponent(c));
  return `[${escapeMarkdown(part.link)}](${href})`;
}

function text(parts: Text, resolve: LinkResolver, inTable = false): string {
  return parts.map((p) => inline(p, resolve, inTable)).join('');
}

function block(b: Block, resolve: LinkResolver): string {
  switch (b.kind) {
    case 'heading':
      return `${'#'.repeat(b.level)} ${escapeMarkdown(b.text)}`;
    case 'paragraph':
      return escapeLineStart(text(b.text, resolve));
    case 'list':
      return b.items
        .map((item, i) => {
          const marker = b.ordered ? `${i + 1}.` : '-';
          const nested = (b.sub?.[i] ?? []).map((s) => `${' '.repeat(marker.length + 1)}- ${escapeLineStart(text(s, resolve))}`);
          return [`${marker} ${escapeLineStart(text(item, resolve))}`, ...nested].join('\n');
        })
        .join('\n');
    case 'table': {
      const cell = (s: string) => (s === '' ? ' ' : s);
      const head = `| ${b.header.map((h) => cell(escapeMarkdown(h))).join(' | ')} |`;
      const rule = `| ${b.header.map(() => '---').join(' | ')} |`;
      const rows = b.rows.map((row) => `| ${row.map((c) => cell(text(c, resolve, true))).join(' | ')} |`);
      return [head, rule, ...rows].join('\n');
    }
    case 'code': {
      const runs = b.content.match(/`{3,}/g) ?? [];
      const fence = '`'.repeat(Math.max(2, ...runs.map((r) => r.length)) + 1);
      return `${fence}${b.language}\n${b.content}\n${fence}`;
    }
    case 'picture':
      return `![${escapeMarkdown(b.alt)}](${b.file})`;
  }
}

export function renderMarkdown(doc: DocumentModel, resolve: LinkResolver): string {
  return `${doc.blocks.map((b) => block(b, resolve)).join('\n\n')}\n`;
}
