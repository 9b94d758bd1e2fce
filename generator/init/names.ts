/**
 * How `init` names spec elements after API names: attribute names that Mendix, Java or Studio Pro's
 * proxies refuse are renamed (the API name stays in the mapping's `field`), enumeration values get
 * identifiers and captions, operations get captions, and every name is unique the way Mendix
 * compares names (without regard to case). The rules that decide what is refused are the
 * validator's own (generator/spec/naming.ts); this module only picks names that pass them.
 */
import { sdkWords } from '../java/java-names.js';
import { isIdentifier, isJavaReservedWord, MENDIX_RESERVED_ATTRIBUTE_NAMES, nameKey, PROXY_RESERVED_MEMBER_NAMES } from '../spec/naming.js';

/**
 * Classes of java.lang. Studio Pro generates a Java proxy class for every entity in the module's
 * `proxies` package, where a class named like one of these hides the java.lang class from the code
 * beside it; entities are kept clear of them.
 */
const JAVA_LANG_CLASSES: ReadonlySet<string> = new Set(
  [
    'Object',
    'String',
    'Integer',
    'Long',
    'Short',
    'Byte',
    'Double',
    'Float',
    'Boolean',
    'Character',
    'Number',
    'Math',
    'System',
    'Class',
    'Enum',
    'Record',
    'Exception',
    'Error',
    'Throwable',
    'Thread',
    'Runtime',
    'Void',
    'Iterable',
    'Override',
    'Deprecated',
    'Process',
    'Package',
    'Module',
    'StringBuilder',
    'Comparable',
    'Runnable',
  ].map(nameKey),
);

/** Whether Java refuses the name in any casing Studio Pro may derive from it (the validator compares it lower-cased too). */
function javaRefuses(name: string): boolean {
  return isJavaReservedWord(name) || isJavaReservedWord(name.toLowerCase());
}

/** Letters, digits and underscores, starting with a letter: any text made into a name. */
export function identifierOf(text: string, prefixForDigit = 'V_'): string {
  let name = text
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (name === '') name = 'Value';
  if (!/^[A-Za-z]/.test(name)) name = `${prefixForDigit}${name}`;
  return name;
}

/** Why an attribute (or association) name cannot be used as it is, or undefined when it can. */
export function attributeNameProblem(name: string): string | undefined {
  if (!isIdentifier(name)) return 'not an identifier';
  const key = nameKey(name);
  if (MENDIX_RESERVED_ATTRIBUTE_NAMES.has(key)) return 'a name Mendix keeps for a system member';
  if (PROXY_RESERVED_MEMBER_NAMES.has(key)) return "a method of Studio Pro's Java proxy";
  if (javaRefuses(name)) return 'a Java reserved word';
  return undefined;
}

/** The attribute name for an API member: the member's own name, or with "Value" appended when that is refused. */
export function attributeNameFor(member: string): string {
  const name = isIdentifier(member) ? member : identifierOf(member);
  return attributeNameProblem(name) === undefined ? name : `${name}Value`;
}

/** The entity name for a shape or member name: the name, or with "Item" appended when Java would refuse or confuse it. */
export function entityNameFor(base: string): string {
  const name = identifierOf(base);
  return javaRefuses(name) || JAVA_LANG_CLASSES.has(nameKey(name)) ? `${name}Item` : name;
}

/** The name of an enumeration value for an API value: `nodejs20.x` -> `nodejs20_x`, `1.0` -> `V_1_0`. */
export function enumValueNameFor(apiValue: string): string {
  const name = identifierOf(apiValue);
  return javaRefuses(name) ? `${name}Value` : name;
}

/** Names taken so far in one namespace, compared as Mendix compares them. */
export class NameSet {
  private readonly keys = new Set<string>();

  has(name: string): boolean {
    return this.keys.has(nameKey(name));
  }

  /** Takes the first free name of the candidates, else the last with a number appended. */
  claim(...candidates: string[]): string {
    for (const candidate of candidates) {
      if (!this.has(candidate)) return this.take(candidate);
    }
    const base = candidates[candidates.length - 1] ?? 'Name';
    for (let n = 2; ; n++) {
      if (!this.has(`${base}${n}`)) return this.take(`${base}${n}`);
    }
  }

  take(name: string): string {
    this.keys.add(nameKey(name));
    return name;
  }
}

/** The singular of an English plural noun, as API member names use them: Tags -> Tag, Policies -> Policy. */
export function singular(word: string): string {
  if (/[^aeiou]ies$/i.test(word)) return `${word.slice(0, -3)}y`;
  if (/(ss|x|ch|sh|us|ias)es$/i.test(word)) return word.slice(0, -2);
  if (/[^sui]s$/i.test(word)) return word.slice(0, -1);
  return word;
}

/** A name's last word in the singular: MessageAttributes -> MessageAttribute. */
export function singularName(name: string): string {
  const words = sdkWords(name);
  const last = words.pop() ?? '';
  const prefix = name.slice(0, name.length - last.length);
  return name.endsWith(last) ? `${prefix}${singular(last)}` : singular(name);
}

/** Words in sentence case: the first capitalized, the others lower-cased unless they are acronyms or hold digits. */
function sentenceCase(words: readonly string[]): string {
  return words
    .filter((w) => w !== '')
    .map((word, i) => {
      const keep = /[0-9]/.test(word) || (word.length > 1 && word === word.toUpperCase() && /[A-Z]/.test(word));
      if (i === 0) return keep ? word : word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
      return keep ? word : word.toLowerCase();
    })
    .join(' ');
}

/** The toolbox caption of an operation: ListObjectsV2 -> "List objects V2", DescribeDBInstances -> "Describe DB instances". */
export function operationCaption(operation: string): string {
  return sentenceCase(sdkWords(operation));
}

/**
 * The caption of an enumeration value for end users: CamelCase and SCREAMING_CASE values become
 * words (InProgress, IN_PROGRESS -> "In progress"); values with other characters (nodejs20.x,
 * application/json) are shown as the API writes them.
 */
export function enumCaptionFor(apiValue: string): string {
  if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(apiValue)) {
    const words = apiValue.split('_').map((w) => w.toLowerCase());
    return sentenceCase(words);
  }
  if (/^[A-Za-z][A-Za-z0-9]*$/.test(apiValue) && /[a-z]/.test(apiValue) && /[A-Z]/.test(apiValue.slice(1))) return sentenceCase(sdkWords(apiValue));
  return apiValue;
}
