/**
 * The YAML text of a spec `init` writes: keys in the order the bundled spec uses, short mappings on
 * one line (`{ field: X, attribute: Y }`), long documentation as folded blocks, and comments that tell
 * the user what to check. The same spec always gives the same bytes: nothing here depends on the
 * clock, the machine or the order of a hash.
 */
import { Document, isMap, isPair, isScalar, isSeq, Scalar, type Node, type Pair, type YAMLMap } from 'yaml';
import type {
  AssociationSpec,
  AttributeSpec,
  ConnectorSpec,
  EntitySpec,
  EnumerationSpec,
  EnumerationValueSpec,
  FieldMappingSpec,
  ObjectMappingSpec,
  OperationSpec,
} from '../spec/types.js';

export interface SpecComments {
  /** Lines at the top of the file (without "#"). */
  header: string[];
  /** Lines before an operation, by operation name. */
  operations: ReadonlyMap<string, string[]>;
  /** Lines before the cases of every operation. */
  cases: string[];
}

const LINE_WIDTH = 110;
/** Comments are wrapped a little narrower: they sit indented above operations. */
const COMMENT_WIDTH = 100;
/** Texts longer than this become folded blocks (`>-`), easier to read and edit than long lines. */
const FOLD_OVER = 90;
/** Case values up to this many characters (as JSON) are written on one line. */
const CASE_FLOW_MAX = 130;

type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain | undefined };

function attributeObject(a: AttributeSpec): Plain {
  return {
    name: a.name,
    type: a.type,
    length: a.type === 'String' ? (a.length ?? 'unlimited') : undefined,
    enumeration: a.enumeration,
    default: a.default,
    secret: a.secret ? true : undefined,
    documentation: a.documentation,
  };
}

function entityObject(e: EntitySpec): Plain {
  return {
    name: e.name,
    generalization: e.generalization,
    persistable: e.persistable ? true : undefined,
    documentation: e.documentation,
    attributes: e.attributes.map(attributeObject),
  };
}

function valueObject(v: EnumerationValueSpec): Plain {
  return { name: v.name, caption: v.caption, apiValue: v.apiValue, newerValues: v.newerValues, documentation: v.documentation };
}

function enumerationObject(e: EnumerationSpec): Plain {
  return { name: e.name, documentation: e.documentation, values: e.values.map(valueObject) };
}

function associationObject(a: AssociationSpec): Plain {
  return {
    name: a.name,
    parent: a.parent,
    child: a.child,
    type: a.type === 'Reference' ? undefined : a.type,
    owner: a.owner === 'Default' ? undefined : a.owner,
    documentation: a.documentation,
  };
}

function fieldObject(f: FieldMappingSpec): Plain {
  if ('association' in f) return { field: f.field, association: f.association, mapping: f.mapping };
  return { field: f.field, attribute: f.attribute, trait: f.trait, maxBytes: f.maxBytes };
}

function mappingObject(m: ObjectMappingSpec): Plain {
  return { name: m.name, shape: m.shape, entity: m.entity, fields: m.fields.map(fieldObject) };
}

function operationObject(o: OperationSpec): Plain {
  const traits = o.traits.pagination ? { pagination: { ...o.traits.pagination } } : undefined;
  return {
    name: o.name,
    caption: o.caption,
    action: o.action,
    permission: o.permission,
    documentation: o.documentation,
    parameters: o.parameters.map((p) => ({ name: p.name, role: p.role, entity: p.entity, enumeration: p.enumeration, description: p.description })),
    returns: 'entity' in o.returns ? { entity: o.returns.entity, description: o.returns.description } : { type: 'Boolean', description: o.returns.description },
    request: o.request.map(fieldObject),
    response: o.response.map(fieldObject),
    traits,
    cases: o.cases.map((c) => ({
      name: c.name,
      description: c.description,
      input: c.input as Plain,
      exchanges: c.exchanges.map((x) => ({ request: x.request as Plain, response: x.response as Plain | undefined })),
      expect: 'result' in c.expect ? { result: c.expect.result as Plain } : (c.expect as unknown as Plain),
    })),
  };
}

/** Drops the keys whose value is undefined, so they are not written at all. */
function compact(value: Plain | undefined): Plain | undefined {
  if (Array.isArray(value)) return value.map((v) => compact(v) ?? null);
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Plain } = {};
    for (const [key, item] of Object.entries(value)) {
      const kept = compact(item);
      if (kept !== undefined) out[key] = kept;
    }
    return out;
  }
  return value;
}

function specObject(spec: ConnectorSpec): Plain {
  const plain: Plain = {
    specVersion: spec.specVersion,
    module: {
      name: spec.module.name,
      version: spec.module.version,
      mendixVersion: spec.module.mendixVersion,
      toolboxCategory: spec.module.toolboxCategory,
      javaPackage: spec.module.javaPackage,
      documentation: spec.module.documentation,
      moduleRoles: spec.module.moduleRoles.map((r) => ({ name: r.name, documentation: r.documentation })),
      javaDependencies: spec.module.javaDependencies.map((d) => ({ groupId: d.groupId, artifactId: d.artifactId, version: d.version })),
    },
    service: { name: spec.service.name, apiModel: spec.service.apiModel },
    client: JSON.parse(JSON.stringify(spec.client)) as Plain,
    enumerations: spec.enumerations.map(enumerationObject),
    entities: spec.entities.map(entityObject),
    associations: spec.associations.map(associationObject),
    objectMappings: spec.objectMappings.map(mappingObject),
    operations: spec.operations.map(operationObject),
  };
  return compact(plain) ?? null;
}

/** Comment lines (without "#"), long ones wrapped at spaces to about the width of the rest. */
function commentText(lines: readonly string[], width = COMMENT_WIDTH): string {
  const out: string[] = [];
  for (const line of lines) {
    let rest = line;
    while (rest.length > width) {
      const cut = rest.lastIndexOf(' ', width);
      // No space past the continuation indent: the word stays whole, on a long line.
      if (cut <= 2) break;
      out.push(rest.slice(0, cut));
      rest = `  ${rest.slice(cut + 1)}`;
    }
    out.push(rest);
  }
  return out.map((l) => (l === '' ? '' : ` ${l}`)).join('\n');
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p): p is Pair => isPair(p) && isScalar(p.key) && p.key.value === key);
}

function child(map: unknown, key: string): Node | undefined {
  if (!isMap(map)) return undefined;
  const value = pairOf(map, key)?.value;
  return value === null || value === undefined ? undefined : (value as Node);
}

/** Makes every collection under `node` a one-line flow collection when its content is short. */
function flowWhenShort(node: unknown, max: number): void {
  if (isMap(node) || isSeq(node)) {
    const json = JSON.stringify(node.toJSON());
    if (json.length <= max) {
      node.flow = true;
      return;
    }
    for (const item of node.items) flowWhenShort(isPair(item) ? item.value : item, max);
  }
}

/** Writes each mapping of a list on a line of its own: `- { field: X, attribute: Y }`. */
function flowEachItem(list: unknown): void {
  if (isSeq(list)) for (const item of list.items) if (isMap(item)) item.flow = true;
}

function foldLongTexts(node: unknown): void {
  if (isScalar(node)) {
    if (typeof node.value === 'string' && node.value.length > FOLD_OVER && !/\s$|^\s|\n/.test(node.value)) node.type = Scalar.BLOCK_FOLDED;
    return;
  }
  if (isMap(node) || isSeq(node)) for (const item of node.items) foldLongTexts(isPair(item) ? item.value : item);
}

/** Separates the items of a list (and the top-level sections) with an empty line. */
function spaceItems(node: unknown): void {
  if (isSeq(node)) node.items.forEach((item, i) => i > 0 && isMap(item) && (item.spaceBefore = true));
}

/** The YAML text of the spec, with the comments. */
export function specYaml(spec: ConnectorSpec, comments: SpecComments): string {
  const doc = new Document(specObject(spec));
  const root = doc.contents;
  if (!isMap(root)) throw new Error('The spec did not become a YAML mapping.');
  doc.commentBefore = commentText(comments.header, LINE_WIDTH);
  for (const pair of root.items) if (isPair(pair) && isScalar(pair.key) && pair.key.value !== 'specVersion') pair.key.spaceBefore = true;

  foldLongTexts(root);
  const enumerations = child(root, 'enumerations');
  spaceItems(enumerations);
  if (isSeq(enumerations)) {
    for (const enumeration of enumerations.items) {
      const values = child(enumeration, 'values');
      // Values without documentation fit on a line each; the region and provider values keep theirs.
      if (isSeq(values)) for (const value of values.items) if (isMap(value) && !pairOf(value, 'documentation')) value.flow = true;
    }
  }
  spaceItems(child(root, 'entities'));
  for (const section of ['objectMappings']) {
    const list = child(root, section);
    spaceItems(list);
    if (isSeq(list)) for (const mapping of list.items) flowEachItem(child(mapping, 'fields'));
  }
  const operations = child(root, 'operations');
  spaceItems(operations);
  if (isSeq(operations)) {
    for (const operation of operations.items) {
      if (!isMap(operation)) continue;
      const name = child(operation, 'name');
      const lines = isScalar(name) ? comments.operations.get(String(name.value)) : undefined;
      if (lines && lines.length > 0) operation.commentBefore = commentText(lines);
      for (const key of ['request', 'response']) {
        const fields = child(operation, key);
        if (isSeq(fields)) {
          if (fields.items.length === 0) fields.flow = true;
          flowEachItem(fields);
        }
      }
      const cases = pairOf(operation, 'cases');
      if (cases && isScalar(cases.key)) cases.key.commentBefore = commentText(comments.cases);
      if (cases && isSeq(cases.value)) {
        for (const testCase of cases.value.items) {
          for (const key of ['input', 'exchanges', 'expect']) {
            const part = child(testCase, key);
            if (isMap(part) || isSeq(part)) for (const item of part.items) flowWhenShort(isPair(item) ? item.value : item, CASE_FLOW_MAX);
          }
        }
      }
    }
  }
  // Without a line width the library keeps every flow mapping on its line; the folded texts are wrapped here instead.
  return wrapFoldedBlocks(doc.toString({ lineWidth: 0, indentSeq: true, flowCollectionPadding: true }), LINE_WIDTH);
}

/**
 * Wraps the lines of folded block scalars (`>-`) at spaces to `width` columns. In a folded block a
 * single line break between two lines of text reads as one space, so breaking at a single space
 * between two words keeps the value as it is (never where spaces repeat, nor before a space).
 */
export function wrapFoldedBlocks(text: string, width: number): string {
  const out: string[] = [];
  let blockIndent: number | undefined;
  for (const line of text.split('\n')) {
    const indent = line.length - line.trimStart().length;
    if (blockIndent !== undefined && (line.trim() === '' || indent < blockIndent)) blockIndent = undefined;
    if (blockIndent === undefined) {
      out.push(line);
      // The content of the block is indented deeper than the line that opens it.
      if (/(^|\s)>-$/.test(line)) blockIndent = indent + 1;
      continue;
    }
    let rest = line;
    const pad = ' '.repeat(indent);
    while (rest.length > width) {
      let cut = -1;
      for (let i = Math.min(width, rest.length - 1); i > indent; i--) {
        if (rest[i] === ' ' && rest[i - 1] !== ' ' && rest[i + 1] !== ' ' && rest[i + 1] !== undefined) {
          cut = i;
          break;
        }
      }
      if (cut < 0) break;
      out.push(rest.slice(0, cut));
      rest = pad + rest.slice(cut + 1);
    }
    out.push(rest);
  }
  return out.join('\n');
}
