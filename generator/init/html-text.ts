/**
 * The AWS API documentation is HTML (`<p>`, `<code>`, `<a href>`, `<ul><li>`, `<note>`, entities);
 * Studio Pro's Documentation pane shows plain text. This module turns the HTML into paragraphs of
 * plain text and shortens them to their first sentences, so that a generated spec carries readable
 * documentation of a sensible length on every element.
 */

/** Elements that start a new paragraph of their own. */
const BLOCK_ELEMENTS = new Set([
  'p',
  'div',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'br',
  'note',
  'important',
  'pre',
  'table',
  'tr',
  'td',
  'th',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'section',
  'title',
  'fullname',
]);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '\u2013',
  mdash: '\u2014',
  hellip: '...',
  lsquo: "'",
  rsquo: "'",
  ldquo: '"',
  rdquo: '"',
  copy: '\u00a9',
  reg: '\u00ae',
  trade: '\u2122',
};

/**
 * Characters no spec text may hold (see generator/validate/check-texts.ts): C0 controls but tab, line
 * feed and carriage return, DEL, the C1 controls, lone surrogates and the non-characters U+FFFE/U+FFFF.
 */
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text without the characters a spec refuses. */
export function withoutForbiddenCharacters(text: string): string {
  return text.replace(FORBIDDEN, '');
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? withoutForbiddenCharacters(String.fromCodePoint(code)) : '';
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** `{@link Name}` and `{@link Name | label}` (JSDoc links the SDK puts into its comments) become their label. */
function withoutJsDocLinks(text: string): string {
  return text.replace(/\{@link(?:code|plain)?\s+([^}|\s]+)(?:\s*\|?\s*([^}]*))?\}/g, (_, target: string, label: string | undefined) => {
    const shown = label?.trim();
    return shown ? shown : target;
  });
}

/**
 * Plain text of an HTML fragment: paragraphs separated by an empty line, list items as lines that
 * start with "- ", inline markup dropped (the text of links and code kept), entities decoded,
 * white space collapsed, characters a spec cannot hold removed.
 */
export function htmlToText(html: string): string {
  // Paragraph and list item boundaries become markers first (control characters, which the input can no longer hold); every other tag disappears.
  const PARAGRAPH = '\u0001';
  const ITEM = '\u0002';
  const marked = withoutJsDocLinks(withoutForbiddenCharacters(html))
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\s*(\/?)\s*([a-z][a-z0-9]*)\b[^>]*>/gi, (_, closing: string, name: string) => {
      const tag = name.toLowerCase();
      if (tag === 'li') return closing ? PARAGRAPH : ITEM;
      return BLOCK_ELEMENTS.has(tag) ? PARAGRAPH : '';
    });
  // A list item's own paragraph (`<li><p>...</p></li>`) stays the item: the paragraph mark after an item mark goes.
  const itemsKept = marked.replace(new RegExp(`${ITEM}(\\s*${PARAGRAPH})+`, 'g'), ITEM);
  // Entities that encode forbidden characters (&#7;) decode to nothing, so they cannot fake a marker either.
  const text = decodeEntities(itemsKept).replace(/\u00a0/g, ' ');
  const blocks: string[] = [];
  for (const piece of text.split(PARAGRAPH)) {
    const items = piece.split(ITEM);
    items.forEach((item, i) => {
      const line = item.replace(/\s+/g, ' ').trim();
      if (line === '') return;
      blocks.push(i === 0 ? line : `- ${line}`);
    });
  }
  // List items stay on lines of their own; other paragraphs are separated by an empty line.
  let out = '';
  blocks.forEach((block, i) => {
    if (i > 0) out += block.startsWith('- ') && (blocks[i - 1] ?? '').startsWith('- ') ? '\n' : '\n\n';
    out += block;
  });
  return out;
}

/** Abbreviations after which a full stop does not end a sentence. */
const ABBREVIATIONS = new Set([
  'e.g',
  'i.e',
  'etc',
  'vs',
  'inc',
  'ltd',
  'co',
  'corp',
  'no',
  'mr',
  'ms',
  'dr',
  'st',
  'approx',
  'fig',
  'min',
  'max',
  'u.s',
  'a.m',
  'p.m',
]);

/** The sentences of one paragraph, each with its closing punctuation. */
export function splitSentences(paragraph: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  const pattern = /[.!?]["')\]]*\s+(?=["'(\[]?[A-Z0-9])/g;
  for (let match = pattern.exec(paragraph); match; match = pattern.exec(paragraph)) {
    const end = match.index + 1;
    const before = paragraph.slice(start, end);
    const word = /([A-Za-z][A-Za-z.]*)\.$/.exec(before)?.[1]?.toLowerCase();
    // "e.g. Amazon", "Inc. Corp", or an initial ("J. Smith") do not end a sentence.
    if (word !== undefined && (ABBREVIATIONS.has(word) || /^[a-z]$/.test(word))) continue;
    sentences.push(paragraph.slice(start, match.index + match[0].trimEnd().length).trim());
    start = match.index + match[0].length;
  }
  const rest = paragraph.slice(start).trim();
  if (rest !== '') sentences.push(rest);
  return sentences;
}

export interface SummaryLimits {
  /** At most this many sentences. */
  sentences: number;
  /** At most this many characters; a first sentence longer than that is cut at a word and ends in "...". */
  characters: number;
}

/**
 * The first sentences of a plain text (see htmlToText), on one line: as many as the limits allow,
 * stopping before a list (its items rarely make sense alone). A sentence that only announces what
 * follows ("Valid values are:") is left out when others remain.
 */
export function summarize(text: string, limits: SummaryLimits): string {
  const picked: string[] = [];
  let length = 0;
  outer: for (const paragraph of text.split(/\n+/)) {
    if (paragraph.startsWith('- ')) break;
    for (const sentence of splitSentences(paragraph)) {
      const added = length === 0 ? sentence.length : length + 1 + sentence.length;
      if (picked.length >= limits.sentences || (picked.length > 0 && added > limits.characters)) break outer;
      picked.push(sentence);
      length = added;
    }
  }
  while (picked.length > 1 && (picked[picked.length - 1] ?? '').endsWith(':')) picked.pop();
  let summary = picked.join(' ');
  if (summary.endsWith(':')) summary = `${summary.slice(0, -1)}.`;
  if (summary.length > limits.characters) {
    const cut = summary.slice(0, limits.characters - 3);
    const space = cut.lastIndexOf(' ');
    summary = `${(space > limits.characters / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}...`;
  }
  return summary;
}

/** HTML documentation shortened to its first sentences, as plain text on one line (empty when there is none). */
export function documentationText(html: string | undefined, limits: SummaryLimits): string {
  if (html === undefined) return '';
  return summarize(htmlToText(html), limits);
}
