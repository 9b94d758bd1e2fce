/** Escaping for the three output languages of the technical reference. */

const XML_SPECIAL = /[&<>"']/;

/** Text and attribute values in HTML, and text and attribute values in SVG (XML). */
export function escapeXml(text: string): string {
  // Most texts (names, types) need nothing: spare them five passes.
  if (!XML_SPECIAL.test(text)) return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const MARKDOWN_SPECIAL = /[\r\n\\`*_[\]<>|~&#!{}]/;

/**
 * Plain text in Markdown: every character with a Markdown meaning is backslash-escaped, so spec
 * texts such as `ENUM_Region`, `$LATEST` or `a|b` show as written. Newlines become spaces, since all
 * callers put the text on one line (paragraphs, list items, table cells).
 */
export function escapeMarkdown(text: string): string {
  if (!MARKDOWN_SPECIAL.test(text)) return text;
  const oneLine = text.replace(/\r?\n/g, ' ');
  return oneLine.replace(/[\\`*_[\]<>|~&#!{}]/g, (c) => `\\${c}`);
}

/** A rendered line that starts like a list item, heading underline or thematic break must not become one. */
export function escapeLineStart(line: string): string {
  return line.replace(/^([-+=]|\d+(?=[.)]))/, (m) => (/^\d/.test(m) ? `${m}\\` : `\\${m}`));
}

/**
 * A Markdown code span holding `code` verbatim. The fence is one backtick longer than the longest
 * backtick run inside. In a table cell a `|` must still be escaped (GFM splits cells first).
 */
export function markdownCode(code: string, inTable: boolean): string {
  const oneLine = code.replace(/\r?\n/g, ' ');
  const runs = oneLine.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const body = inTable ? oneLine.replace(/\|/g, '\\|') : oneLine;
  const padded = body.startsWith('`') || body.endsWith('`') || (body.startsWith(' ') && body.endsWith(' ') && body.trim() !== '') ? ` ${body} ` : body;
  return `${fence}${padded}${fence}`;
}
