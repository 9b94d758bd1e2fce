/**
 * A small document model the technical reference is written in once, then rendered to Markdown
 * and to HTML. Both outputs come from the same blocks, so they cannot say different things.
 */

/** A run of inline content: plain text, code, strong text or a link to a heading id or a file. */
export type Inline = string | { code: string } | { strong: string } | { link: string; target: string };

export type Text = Inline[];

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; text: string; id: string }
  | { kind: 'paragraph'; text: Text }
  /** `sub[i]`, when set, is a bullet list nested under item i. */
  | { kind: 'list'; ordered: boolean; items: Text[]; sub?: Array<Text[] | undefined> }
  | { kind: 'table'; header: string[]; rows: Text[][] }
  | { kind: 'code'; language: string; content: string }
  /** The domain-model picture: an image link in Markdown, the SVG itself in HTML. */
  | { kind: 'picture'; file: string; alt: string };

export interface DocumentModel {
  title: string;
  blocks: Block[];
}

/**
 * Heading ids, made the way GitHub makes Markdown anchors (lower case, punctuation dropped, spaces to
 * dashes, `-1`, `-2`, ... for repeats), so that the same `#id` links work in both outputs.
 */
export class Slugger {
  private readonly seen = new Map<string, number>();

  slug(text: string): string {
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = this.seen.get(base);
    this.seen.set(base, (count ?? -1) + 1);
    return count === undefined ? base : `${base}-${count + 1}`;
  }
}

/** Builds the block list, giving every heading its id and remembering the id of named targets. */
export class DocumentBuilder {
  readonly blocks: Block[] = [];
  private readonly slugger = new Slugger();
  private readonly anchors = new Map<string, string>();

  heading(level: 1 | 2 | 3 | 4, text: string, key?: string): string {
    const id = this.slugger.slug(text);
    if (key !== undefined) this.anchors.set(key, id);
    this.blocks.push({ kind: 'heading', level, text, id });
    return id;
  }

  paragraph(...text: Inline[]): void {
    this.blocks.push({ kind: 'paragraph', text });
  }

  list(items: Text[], ordered = false, sub?: Array<Text[] | undefined>): void {
    if (items.length > 0) this.blocks.push(sub ? { kind: 'list', ordered, items, sub } : { kind: 'list', ordered, items });
  }

  table(header: string[], rows: Text[][]): void {
    this.blocks.push({ kind: 'table', header, rows });
  }

  code(language: string, content: string): void {
    this.blocks.push({ kind: 'code', language, content });
  }

  picture(file: string, alt: string): void {
    this.blocks.push({ kind: 'picture', file, alt });
  }

  /**
   * The href of a link target: `#key` names a heading registered under that key (resolved once the
   * whole document is built, so links may point forward), anything else is a relative file path.
   */
  resolve(target: string): string {
    if (!target.startsWith('#')) return target;
    const id = this.anchors.get(target);
    if (id === undefined) throw new Error(`The reference links to ${target}, which has no heading.`);
    return `#${id}`;
  }
}

/** Plain text of inline content (for alt texts and tests). */
export function plainText(text: Text): string {
  return text.map((part) => (typeof part === 'string' ? part : 'code' in part ? part.code : 'strong' in part ? part.strong : part.link)).join('');
}
