/**
 * The one place where spec and API names become Java identifiers in the generated Java actions and
 * helper classes. Built on the shared rules in generator/spec/naming.ts (keywords get a trailing
 * underscore), plus the conventions of the two code generators the actions talk to:
 *
 * - Mendix Studio Pro's proxy classes: `<javaPackage>.proxies.<Entity>` with `get<Attribute>()` /
 *   `set<Attribute>(value)`, association setters `set<Association>(proxy)` on the owning entity, and
 *   enumeration proxies `<javaPackage>.proxies.<Enumeration>` whose constants are the value names;
 * - the AWS SDK for Java 2.x: fluent builder methods and getters named by the lower camel case form of
 *   the API member (`MaxItems` -> `maxItems`, `KMSKeyArn` -> `kmsKeyArn`), `<member>AsString()` for
 *   enum members, and `<Operation>Request` / `<Operation>Response` classes for operation input/output.
 */
import { javaIdentifier, javaVariableName } from '../spec/naming.js';

export type JavaNameKind =
  /** A field or parameter of a Java action: the parameter name as Studio Pro writes it. */
  | 'actionField'
  /** The constructor argument that carries an entity parameter's IMendixObject. */
  | 'actionObjectArgument'
  /** The field that keeps an entity parameter's IMendixObject: `__<Parameter>`. */
  | 'actionObjectField'
  /** The EnumValues method that turns an API value into a constant of an enumeration: `to<Enumeration>`. */
  | 'enumFromApiMethod'
  /** The proxy class of an entity or enumeration, qualified: `<pkg>.proxies.<Name>`. */
  | 'proxyClass'
  /** Getter of an attribute on a proxy: `get<Name>`. */
  | 'proxyGetter'
  /** Setter of an attribute on a proxy: `set<Name>`. */
  | 'proxySetter'
  /** Setter of an association on the proxy of its owner: `set<Association>`. */
  | 'associationSetter'
  /** A constant of an enumeration proxy: the value name. */
  | 'enumConstant'
  /** AWS SDK builder method / getter of an API member. */
  | 'sdkMember'
  /** AWS SDK getter that returns an enum member as its raw string. */
  | 'sdkMemberAsString'
  /** Lists and maps of enum values: the getter of their wire strings (`...AsStrings`), and the builder method taking them (`...WithStrings`). */
  | 'sdkMemberAsStrings'
  | 'sdkMemberWithStrings'
  /** AWS SDK client method of an operation: `listFunctions`. */
  | 'sdkOperationMethod'
  /** A local variable or static method name derived from a spec name: lower camel case. */
  | 'variable';

/**
 * Converts a name for one use in Java. Every identifier in the generated Java goes through here, so a
 * keyword-named attribute or member is handled the same way everywhere.
 */
export function javaName(kind: JavaNameKind, name: string, javaPackage?: string): string {
  switch (kind) {
    case 'actionField':
      return javaIdentifier(name);
    case 'actionObjectArgument':
      return `${javaIdentifier(name).replace(/_$/, '')}Parameter1`;
    case 'actionObjectField':
      return `__${javaIdentifier(name).replace(/_$/, '')}`;
    case 'enumFromApiMethod':
      return `to${name}`;
    case 'proxyClass': {
      if (!javaPackage) throw new Error(`javaName('proxyClass', ${name}) needs the module's Java package.`);
      // An element of another module of the app (`AWSAuthentication.Credentials`): Studio Pro puts its
      // proxy in that module's package, the module name in lower case.
      const dot = name.indexOf('.');
      if (dot >= 0) return `${name.slice(0, dot).toLowerCase()}.proxies.${javaIdentifier(name.slice(dot + 1))}`;
      return `${javaPackage}.proxies.${javaIdentifier(name)}`;
    }
    case 'proxyGetter':
      return `get${name}`;
    case 'proxySetter':
    case 'associationSetter':
      return `set${name}`;
    case 'enumConstant':
      return javaIdentifier(name);
    case 'sdkMember':
      return sdkMemberName(name);
    case 'sdkMemberAsString':
      return `${sdkMemberName(name)}AsString`;
    case 'sdkMemberAsStrings':
      return `${sdkMemberName(name)}AsStrings`;
    case 'sdkMemberWithStrings':
      return `${sdkMemberName(name)}WithStrings`;
    case 'sdkOperationMethod':
      return sdkOperationMethod(name);
    case 'variable':
      return javaVariableName(name);
  }
}

/**
 * Words of a name as the AWS SDK for Java 2.x code generator splits them: at characters that are
 * not letters or digits, before a standalone version number ("v2"), between a lower case letter and
 * the capital that starts the next word, after an acronym ("ACMSuccess" -> ACM, Success), and after
 * a digit inside a word ("s3ec2" -> s3, ec2).
 */
export function sdkWords(name: string): string[] {
  return name
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .replace(/([^a-z]{2,})v([0-9]+)/g, '$1 v$2 ')
    .replace(/([^A-Z]{2,})V([0-9]+)/g, '$1 V$2 ')
    .split(/(?<=[a-z])(?=[A-Z](?:[a-zA-Z]|[0-9]))/)
    .join(' ')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([0-9])([a-zA-Z])/g, '$1 $2')
    .replace(/ +/g, ' ')
    .trim()
    .split(' ');
}

/** Each word lower-cased with a capital first letter, joined: "DynamoDB" -> "DynamoDb". */
export function sdkPascalCase(name: string): string {
  return sdkWords(name)
    .map((w) => upperFirst(w.toLowerCase()))
    .join('');
}

/**
 * The SDK's name of a service, from the model's sdkId: pascal case without a leading "Amazon" or
 * "Aws" and a trailing "Service" ("DynamoDB" -> DynamoDb, "CloudWatch Logs" -> CloudWatchLogs,
 * "API Gateway" -> ApiGateway). The client is `<name>Client` in `software.amazon.awssdk.services.<name in lower case>`.
 */
export function sdkServiceName(sdkId: string): string {
  let name = sdkPascalCase(sdkId);
  if (name.startsWith('Amazon')) name = name.slice('Amazon'.length);
  if (name.startsWith('Aws')) name = name.slice('Aws'.length);
  if (name.endsWith('Service')) name = name.slice(0, -'Service'.length);
  return name;
}

/** Java keywords and literals; the SDK renames members that would collide with them. */
const SDK_JAVA_KEYWORDS = new Set(
  (
    'abstract assert boolean break byte case catch char class const continue default do double else enum extends false final finally float ' +
    'for goto if implements import instanceof int interface long native new null package private protected public return short static ' +
    'strictfp super switch synchronized this throw throws transient true try void volatile while'
  ).split(' '),
);

/** Method names every SDK model class has already (Object's, and the builder plumbing). */
const SDK_STRUCTURE_METHODS = new Set([
  'equals',
  'finalize',
  'getClass',
  'hashCode',
  'notify',
  'notifyAll',
  'toString',
  'wait',
  'builder',
  'sdkFields',
  'toBuilder',
  'overrideConfiguration',
  'sdkHttpResponse',
]);

/**
 * Lowers the leading capital, and the capitals after it up to the one that starts the next word
 * (a capital followed by a lower case letter): `KMSKeyArn` -> `kmsKeyArn`, `SSEType` -> `sseType`.
 */
function sdkUncapitalize(name: string): string {
  let i = 0;
  let out = '';
  do {
    out += name.charAt(i).toLowerCase();
    i++;
  } while (i < name.length && /[A-Z]/.test(name.charAt(i)) && !(i < name.length - 1 && /[a-z]/.test(name.charAt(i + 1))));
  return out + name.slice(i);
}

/**
 * The SDK's fluent getter and builder method of a structure member: the name uncapitalized; a Java
 * keyword or a method the class already has gets the suffix `Value` (`Default` -> `defaultValue`,
 * `Builder` -> `builderValue`).
 */
export function sdkMemberName(member: string): string {
  const name = sdkUncapitalize(member);
  if (SDK_JAVA_KEYWORDS.has(name) || SDK_JAVA_KEYWORDS.has(name.toLowerCase()) || SDK_STRUCTURE_METHODS.has(name)) return sdkUncapitalize(`${name}Value`);
  return name;
}

/** The Java package of a service's SDK module: `software.amazon.awssdk.services.<name in lower case>`. */
export function sdkServicePackage(sdkId: string): string {
  return `software.amazon.awssdk.services.${sdkServiceName(sdkId).toLowerCase()}`;
}

/** The SDK's synchronous client class of a service, qualified: `...services.dynamodb.DynamoDbClient`. */
export function sdkClientClass(sdkId: string): string {
  return `${sdkServicePackage(sdkId)}.${sdkServiceName(sdkId)}Client`;
}

/** The SDK model class of an operation's input or output, qualified: `<Operation in pascal case>Request`. */
export function sdkOperationClass(sdkId: string, operation: string, side: 'Request' | 'Response'): string {
  return `${sdkServicePackage(sdkId)}.model.${sdkPascalCase(operation)}${side}`;
}

/** The SDK's client method of an operation: the operation name uncapitalized (`listFunctions`). */
export function sdkOperationMethod(operation: string): string {
  return sdkUncapitalize(operation);
}

/**
 * The SDK model class of a named structure shape, qualified: the name's parts capitalized and joined,
 * or the class the API model records for it (`javaClass`, where the SDK renamed the shape).
 */
export function sdkShapeClass(sdkId: string, shape: string, javaClass?: string): string {
  const className =
    javaClass ??
    shape
      .split(/[._-]|\W/)
      .filter((p) => p.length > 0)
      .map(upperFirst)
      .join('');
  return `${sdkServicePackage(sdkId)}.model.${className}`;
}

export function upperFirst(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** A Java string literal (with quotes) for any text. */
export function javaStringLiteral(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || (code >= 0x7f && code <= 0xffff && code > 0x7e)) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else if (code > 0xffff) {
      for (const unit of [ch.charCodeAt(0), ch.charCodeAt(1)]) out += `\\u${unit.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}
