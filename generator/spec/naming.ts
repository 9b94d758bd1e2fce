/**
 * Naming rules shared by validation and code generation: what Mendix and Java accept as names, and
 * how spec names become Java identifiers. One place, so the validator refuses exactly what the
 * generators could not emit.
 */

/** Java's reserved keywords, literals and the restricted identifiers that break generated code. */
export const JAVA_RESERVED_WORDS: ReadonlySet<string> = new Set([
  'abstract',
  'assert',
  'boolean',
  'break',
  'byte',
  'case',
  'catch',
  'char',
  'class',
  'const',
  'continue',
  'default',
  'do',
  'double',
  'else',
  'enum',
  'extends',
  'final',
  'finally',
  'float',
  'for',
  'goto',
  'if',
  'implements',
  'import',
  'instanceof',
  'int',
  'interface',
  'long',
  'native',
  'new',
  'package',
  'private',
  'protected',
  'public',
  'return',
  'short',
  'static',
  'strictfp',
  'super',
  'switch',
  'synchronized',
  'this',
  'throw',
  'throws',
  'transient',
  'try',
  'void',
  'volatile',
  'while',
  'true',
  'false',
  'null',
  'var',
  'yield',
  'record',
  '_',
]);

/**
 * Attribute names Mendix keeps for its own members (system attributes and the object id), compared
 * case-insensitively.
 */
export const MENDIX_RESERVED_ATTRIBUTE_NAMES: ReadonlySet<string> = new Set(['id', 'guid', 'changeddate', 'createddate', 'owner', 'changedby']);

/**
 * Attribute and association names that would clash with members of the Java proxy class Studio Pro
 * generates for every entity (getClass(), getMendixObject(), getContext(), and the static getType()
 * that a getter of an attribute Type could not sit beside), compared case-insensitively.
 */
export const PROXY_RESERVED_MEMBER_NAMES: ReadonlySet<string> = new Set(['class', 'mendixobject', 'context', 'type']);

/** Names of Java action parameters that the generated action class uses itself. */
export const ACTION_RESERVED_PARAMETER_NAMES: ReadonlySet<string> = new Set(['context', 'getcontext', 'executeaction']);

export const IDENTIFIER_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isIdentifier(name: string): boolean {
  return IDENTIFIER_PATTERN.test(name);
}

export function isJavaReservedWord(name: string): boolean {
  return JAVA_RESERVED_WORDS.has(name);
}

/**
 * Mendix compares element names case-insensitively (two entities `Order` and `order` are refused), and
 * case-insensitive file systems would merge their proxy files, so every uniqueness check uses this key.
 */
export function nameKey(name: string): string {
  return name.toLowerCase();
}

/**
 * A spec name as a Java identifier: unchanged when legal, otherwise with a trailing underscore
 * (the convention Studio Pro follows for parameters named like keywords).
 */
export function javaIdentifier(name: string): string {
  return isJavaReservedWord(name) ? `${name}_` : name;
}

/** The Java field/local variable name for a spec name: lower camel case, keyword-safe. */
export function javaVariableName(name: string): string {
  const lowered = name.charAt(0).toLowerCase() + name.slice(1);
  return javaIdentifier(lowered);
}
