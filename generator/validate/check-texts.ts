import { formatCount } from '../spec/format-count.js';
import { isRecord } from '../spec/is-record.js';
import type { ConnectorSpec } from '../spec/types.js';
import type { DiagnosticList, SpecPath } from './diagnostics.js';

/**
 * Checks of the spec's texts and names that the JSON Schema cannot express: characters that must not
 * reach the generated files, and names too long for the files Studio Pro and the generator name
 * after them.
 */

/**
 * Characters no spec text may hold: C0 controls but tab, line feed and carriage return (XML 1.0, in
 * which package.xml and the HTML reference are written, cannot hold them at all), DEL and the C1
 * controls (invisible, and read as garbage by Studio Pro's Documentation pane and the reference), lone
 * surrogates (not encodable in UTF-8, so not in project.mpr), and the non-characters U+FFFE and U+FFFF.
 */
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const CONTROL_NAMES: Record<number, string> = {
  0x00: 'NUL',
  0x07: 'BEL',
  0x08: 'BS',
  0x0b: 'VT',
  0x0c: 'FF',
  0x1b: 'ESC',
  0x7f: 'DEL',
};

/**
 * Every text of the spec (names, captions, documentation, descriptions, values): no control
 * characters. Conformance cases are left alone: their inputs and AWS responses are test data, in which
 * such characters may be exactly what a case is about.
 */
export function checkTexts(data: unknown, out: DiagnosticList): void {
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value: data, path: [] }];
  const found: Array<{ path: SpecPath; text: string; index: number; atKey: boolean }> = [];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: Array<string | number> };
    if (typeof value === 'string') {
      const match = FORBIDDEN.exec(value);
      if (match) found.push({ path, text: value, index: match.index, atKey: false });
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] });
    } else if (isRecord(value)) {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i] as [string, unknown];
        if (path.length === 2 && path[0] === 'operations' && key === 'cases') continue;
        const match = FORBIDDEN.exec(key);
        if (match) found.push({ path: [...path, key], text: key, index: match.index, atKey: true });
        else stack.push({ value: item, path: [...path, key] });
      }
    }
  }
  for (const { path, text, index, atKey } of found) {
    const code = text.charCodeAt(index);
    const name = CONTROL_NAMES[code];
    const character = `U+${code.toString(16).toUpperCase().padStart(4, '0')}${name ? ` (${name})` : ''}`;
    const kind = code >= 0xd800 && code <= 0xdfff ? 'an unpaired surrogate' : code >= 0xfffe ? 'the non-character' : 'the control character';
    out.add(
      path,
      `${atKey ? 'The key' : describePlace(path)} contains ${kind} ${character} at character ${formatCount(index + 1)}.`,
      'Spec texts reach project.mpr, the Java sources and the documentation, where such characters are invisible, garbled or refused; remove it (line breaks and tabs are fine).',
      { atKey },
    );
  }
}

function describePlace(path: SpecPath): string {
  const last = path[path.length - 1];
  return typeof last === 'number' ? `Item ${last}` : last === undefined ? 'The document' : `"${last}"`;
}

/**
 * The longest file name the common file systems accept: 255 bytes on ext4, XFS, Btrfs and APFS, 255
 * UTF-16 units on NTFS. Names in a spec are ASCII (the schema allows letters, digits and underscores),
 * so characters and bytes are the same.
 */
export const MAX_FILE_NAME_BYTES = 255;

/** The longest Java identifier: one CONSTANT_Utf8 entry of a class file holds at most 65,535 bytes. */
const MAX_JAVA_CONSTANT_BYTES = 65_535;

const FILE_LIMIT = `and file names may have at most ${MAX_FILE_NAME_BYTES} bytes`;
const JAVA_LIMIT = `and a Java class file holds names of at most ${formatCount(MAX_JAVA_CONSTANT_BYTES)} bytes`;

/** The longest name of each kind of element, from the longest file or Java name made of it, and why. */
export const NAME_LIMITS = {
  module: {
    word: 'module',
    // <name>.html is the longest of <name>.mpk, docs/<name>.md and docs/<name>.html.
    max: MAX_FILE_NAME_BYTES - '.html'.length,
    why: `The generator writes files named after the module (<name>.mpk, docs/<name>.html), ${FILE_LIMIT}`,
  },
  entity: {
    word: 'entity',
    // Studio Pro's proxy javasource/<module>/proxies/<Entity>.java holds the enum MemberNames: <Entity>$MemberNames.class.
    max: MAX_FILE_NAME_BYTES - '$MemberNames.class'.length,
    why: `Studio Pro compiles the Java proxy of an entity to class files named after it (<name>$MemberNames.class), ${FILE_LIMIT}`,
  },
  enumeration: {
    word: 'enumeration',
    max: MAX_FILE_NAME_BYTES - '.class'.length,
    why: `Studio Pro compiles the Java proxy of an enumeration to a class file named after it (<name>.class), ${FILE_LIMIT}`,
  },
  operation: {
    word: 'operation',
    // The Java action javasource/<module>/actions/<Operation>.java compiles to <Operation>.class.
    max: MAX_FILE_NAME_BYTES - '.class'.length,
    why: `Each activity is a Java action compiled to a class file named after it (<name>.class), ${FILE_LIMIT}`,
  },
  // Attributes, associations and enumeration values name no file, only members of the Java proxies.
  attribute: {
    word: 'attribute',
    max: MAX_JAVA_CONSTANT_BYTES - 'get'.length,
    why: `Studio Pro's Java proxy of the entity has a getter get<name>, ${JAVA_LIMIT}`,
  },
  association: {
    word: 'association',
    max: MAX_JAVA_CONSTANT_BYTES - 'get'.length,
    why: `Studio Pro's Java proxy of each end has a getter get<name>, ${JAVA_LIMIT}`,
  },
  enumerationValue: {
    word: 'enumeration value',
    max: MAX_JAVA_CONSTANT_BYTES,
    why: `Studio Pro's Java proxy of the enumeration has a constant of that name, ${JAVA_LIMIT}`,
  },
} as const;

type NameKind = keyof typeof NAME_LIMITS;

/** Names no longer than the files and Java names made of them allow (see NAME_LIMITS). */
export function checkNameLengths(spec: ConnectorSpec, out: DiagnosticList): void {
  const check = (kind: NameKind, name: string, path: SpecPath): void => {
    const { word, max, why } = NAME_LIMITS[kind];
    if (name.length <= max) return;
    out.add(path, `The ${word} name has ${formatCount(name.length)} characters; the limit is ${formatCount(max)}.`, `${why}; choose a shorter name.`);
  };
  check('module', spec.module.name, ['module', 'name']);
  spec.enumerations.forEach((enumeration, i) => {
    check('enumeration', enumeration.name, ['enumerations', i, 'name']);
    enumeration.values.forEach((value, j) => check('enumerationValue', value.name, ['enumerations', i, 'values', j, 'name']));
  });
  spec.entities.forEach((entity, i) => {
    check('entity', entity.name, ['entities', i, 'name']);
    entity.attributes.forEach((attribute, j) => check('attribute', attribute.name, ['entities', i, 'attributes', j, 'name']));
  });
  spec.associations.forEach((association, i) => check('association', association.name, ['associations', i, 'name']));
  spec.operations.forEach((operation, i) => check('operation', operation.name, ['operations', i, 'name']));
}
