/**
 * The parts of a generated Java file that belong to the user, as Studio Pro defines them for Java
 * actions: the code between `// BEGIN USER CODE` and `// END USER CODE`, between
 * `// BEGIN EXTRA CODE` and `// END EXTRA CODE`, and the import list.
 */
import { createHash } from 'node:crypto';

export const SECTION_NAMES = ['USER CODE', 'EXTRA CODE'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

export interface SectionSpan {
  /** Offset just after the BEGIN marker line (after its newline). */
  start: number;
  /** Offset of the first character of the END marker line. */
  end: number;
}

/** LF line ends, so files saved with CRLF on Windows compare equal to generated ones. */
export function toLf(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/**
 * The span of a section's content, undefined when the file lacks its markers (or has them twice, or
 * in the wrong order: then it cannot be told which code is whose).
 */
export function findSection(text: string, name: SectionName): SectionSpan | undefined {
  const begin = markerLines(text, `BEGIN ${name}`);
  const end = markerLines(text, `END ${name}`);
  if (begin.length !== 1 || end.length !== 1) return undefined;
  const [b] = begin as [{ start: number; next: number }];
  const [e] = end as [{ start: number; next: number }];
  if (e.start < b.next) return undefined;
  return { start: b.next, end: e.start };
}

function markerLines(text: string, marker: string): Array<{ start: number; next: number }> {
  const found: Array<{ start: number; next: number }> = [];
  const pattern = new RegExp(`^[ \\t]*// ${marker}[ \\t]*$`, 'gm');
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const lineEnd = text.indexOf('\n', m.index);
    found.push({ start: m.index, next: lineEnd < 0 ? text.length : lineEnd + 1 });
  }
  return found;
}

/** The content of each section present in the file. */
export function readSections(text: string): Partial<Record<SectionName, string>> {
  const sections: Partial<Record<SectionName, string>> = {};
  for (const name of SECTION_NAMES) {
    const span = findSection(text, name);
    if (span) sections[name] = text.slice(span.start, span.end);
  }
  return sections;
}

/** Replaces the content of one section; the file must have the section. */
export function replaceSection(text: string, name: SectionName, content: string): string {
  const span = findSection(text, name);
  if (!span) throw new Error(`The text has no ${name} section.`);
  return text.slice(0, span.start) + content + text.slice(span.end);
}

/** The file with every section emptied: what the generator alone owns. */
export function skeleton(text: string): string {
  let out = text;
  for (const name of SECTION_NAMES) if (findSection(out, name)) out = replaceSection(out, name, '');
  return out;
}

/** An import declaration on a line of its own, possibly followed by a comment (`// note` or `/* note *\/`). */
const IMPORT_LINE = /^import[ \t]+(static[ \t]+)?[A-Za-z_][\w.]*(\.\*)?[ \t]*;[ \t]*(\/\/[^\n]*|\/\*(?:(?!\*\/)[^\n])*\*\/[ \t]*)?$/gm;

/** The import lines of a Java file, as written (a trailing comment included), trimmed. */
export function importLines(text: string): string[] {
  return [...text.matchAll(IMPORT_LINE)].map((m) => m[0].trim());
}

/** What an import line imports, whatever its spacing and comment: `import java.util.List;`. */
export function importDeclaration(line: string): string {
  return line.slice(0, line.indexOf(';') + 1).replace(/\s+/g, ' ');
}

/**
 * Adds imports (Studio Pro keeps a Java action's import list) after the last import of the text, or
 * after its package declaration when it has none.
 */
export function addImports(text: string, imports: readonly string[]): string {
  if (imports.length === 0) return text;
  const block = imports.map((i) => `${i}\n`).join('');
  let insertAt = -1;
  for (const m of text.matchAll(IMPORT_LINE)) insertAt = (m.index ?? 0) + m[0].length + 1;
  if (insertAt < 0) {
    const pkg = /^package[ \t]+[\w.]+[ \t]*;[ \t]*$/m.exec(text);
    if (!pkg) return text;
    insertAt = pkg.index + pkg[0].length + 1;
    return `${text.slice(0, insertAt)}\n${block}${text.slice(insertAt)}`;
  }
  return text.slice(0, insertAt) + block + text.slice(insertAt);
}

export function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}
