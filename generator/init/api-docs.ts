/**
 * The documentation of an AWS API, read from the TypeScript declarations of its installed AWS SDK for
 * JavaScript package: the API model file (extract-api-model.ts) carries no documentation, because the
 * SDK's runtime schemas have none, but the declarations keep the model's documentation (HTML) as
 * JSDoc comments:
 *
 *   - the service: the comment of the client class (`dist-types/<Client>.d.ts`);
 *   - operations: the comment of each command class (`dist-types/commands/<Command>.d.ts`), before
 *     its `@example`;
 *   - structures and their members: the comments of the interfaces and their properties in
 *     `dist-types/models/models_<n>.d.ts` (a structure whose name clashes with a JavaScript name is
 *     declared with a leading underscore: `_Object`).
 *
 * Every text is returned as the HTML the SDK holds; html-text.ts makes plain text of it. A file or
 * comment that is missing gives no text, never an error: documentation helps, it decides nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import type { ApiModelFile } from '../aws/api-model-types.js';
import { loadSdkPackage, modelDeclarationFiles, type SdkPackage } from '../aws/extract-api-model.js';

export interface ApiDocs {
  /** The service's documentation. */
  readonly service: string | undefined;
  operation(name: string): string | undefined;
  shape(name: string): string | undefined;
  member(shape: string, member: string): string | undefined;
  /** Whether the API marks the member deprecated (the SDKs then mark its accessors deprecated too). */
  deprecated(shape: string, member: string): boolean;
}

/** No documentation at all (for models whose package is not installed, and for tests). */
export const NO_DOCS: ApiDocs = {
  service: undefined,
  operation: () => undefined,
  shape: () => undefined,
  member: () => undefined,
  deprecated: () => false,
};

/** Whether a JSDoc comment carries a `@deprecated` tag. */
export function jsDocDeprecated(comment: string): boolean {
  return /^\s*\*?\s*@deprecated\b/m.test(comment);
}

/** Tags that only mark a declaration; the text after them still belongs to the description. */
const MARKER_TAGS = new Set(['public', 'enum', 'readonly', 'internal', 'override']);

/**
 * The description of a JSDoc comment: its lines without the comment markers, up to the first tag
 * (`@example`, `@throws`, `@see`, ...), marker tags such as `@public` skipped. A `@deprecated` tag
 * is kept as a leading "Deprecated." so the reader learns of it.
 */
export function jsDocDescription(comment: string): string | undefined {
  const body = comment.replace(/^\/\*\*/, '').replace(/\*\/$/, '');
  const lines = body.split(/\r?\n/).map((line) => line.replace(/^\s*\*? ?/, ''));
  const kept: string[] = [];
  let deprecated = false;
  for (const line of lines) {
    const tag = /^\s*@([A-Za-z]+)\b(.*)$/.exec(line);
    if (tag) {
      const name = (tag[1] as string).toLowerCase();
      if (MARKER_TAGS.has(name)) continue;
      if (name === 'deprecated') {
        deprecated = true;
        continue;
      }
      break;
    }
    kept.push(line);
  }
  const text = kept.join('\n').trim();
  if (text === '' && !deprecated) return undefined;
  return deprecated ? `<p>Deprecated.</p>${text}` : text;
}

/** The JSDoc comment (`/** ... *\/`) right before a node, as written. */
function leadingJsDocComment(source: ts.SourceFile, node: ts.Node): string | undefined {
  const ranges = ts.getLeadingCommentRanges(source.text, node.getFullStart()) ?? [];
  const last = ranges.filter((r) => source.text.startsWith('/**', r.pos)).pop();
  return last ? source.text.slice(last.pos, last.end) : undefined;
}

/** The description of the JSDoc comment right before a node, if any. */
function leadingJsDoc(source: ts.SourceFile, node: ts.Node): string | undefined {
  const comment = leadingJsDocComment(source, node);
  return comment === undefined ? undefined : jsDocDescription(comment);
}

function parse(file: string): ts.SourceFile | undefined {
  if (!existsSync(file)) return undefined;
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

/** The comment of the exported class (or interface) `name` in a declaration file. */
function classDoc(file: string, name: string): string | undefined {
  const source = parse(file);
  if (!source) return undefined;
  for (const statement of source.statements) {
    if ((ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement)) && statement.name?.text === name) return leadingJsDoc(source, statement);
  }
  return undefined;
}

class DeclarationDocs implements ApiDocs {
  readonly service: string | undefined;
  private readonly shapes = new Map<string, string | undefined>();
  private readonly members = new Map<string, Map<string, string>>();
  private readonly deprecatedMembers = new Set<string>();
  private readonly operations = new Map<string, string | undefined>();

  constructor(
    private readonly pkg: SdkPackage,
    private readonly model: ApiModelFile,
  ) {
    this.service = model.jsClient ? classDoc(join(pkg.dir, 'dist-types', `${model.jsClient}.d.ts`), model.jsClient) : undefined;
    for (const file of modelDeclarationFiles(pkg)) {
      const source = parse(join(pkg.dir, 'dist-types', 'models', file));
      if (!source) continue;
      for (const statement of source.statements) {
        if (!(ts.isInterfaceDeclaration(statement) || ts.isClassDeclaration(statement)) || !statement.name) continue;
        const name = statement.name.text;
        this.shapes.set(name, leadingJsDoc(source, statement));
        const members = new Map<string, string>();
        for (const element of statement.members) {
          if (!(ts.isPropertySignature(element) || ts.isPropertyDeclaration(element)) || !element.name) continue;
          const memberName = ts.isIdentifier(element.name) || ts.isStringLiteral(element.name) ? element.name.text : undefined;
          const comment = memberName === undefined ? undefined : leadingJsDocComment(source, element);
          const doc = comment === undefined ? undefined : jsDocDescription(comment);
          if (memberName !== undefined && doc !== undefined) members.set(memberName, doc);
          if (memberName !== undefined && comment !== undefined && jsDocDeprecated(comment)) this.deprecatedMembers.add(`${name}\u0000${memberName}`);
        }
        this.members.set(name, members);
      }
    }
  }

  /** The declared name of a shape: its own, or with the underscore a clash with a JavaScript name adds. */
  private declared(shape: string): string | undefined {
    if (this.members.has(shape)) return shape;
    if (this.members.has(`_${shape}`)) return `_${shape}`;
    return undefined;
  }

  operation(name: string): string | undefined {
    if (this.operations.has(name)) return this.operations.get(name);
    const command = this.model.operations[name]?.jsCommand;
    const doc = command ? classDoc(join(this.pkg.dir, 'dist-types', 'commands', `${command}.d.ts`), command) : undefined;
    this.operations.set(name, doc);
    return doc;
  }

  shape(name: string): string | undefined {
    const declared = this.declared(name);
    return declared === undefined ? undefined : this.shapes.get(declared);
  }

  member(shape: string, member: string): string | undefined {
    const declared = this.declared(shape);
    return declared === undefined ? undefined : this.members.get(declared)?.get(member);
  }

  deprecated(shape: string, member: string): boolean {
    const declared = this.declared(shape);
    return declared !== undefined && this.deprecatedMembers.has(`${declared}\u0000${member}`);
  }
}

/** The documentation of the model's service, from its installed SDK package (none when the package is not installed). */
export function readApiDocs(model: ApiModelFile): ApiDocs {
  let pkg: SdkPackage;
  try {
    pkg = loadSdkPackage(model.service);
  } catch {
    return NO_DOCS;
  }
  return new DeclarationDocs(pkg, model);
}
