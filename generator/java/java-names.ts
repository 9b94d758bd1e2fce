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
    case 'proxyClass':
      if (!javaPackage) throw new Error(`javaName('proxyClass', ${name}) needs the module's Java package.`);
      return `${javaPackage}.proxies.${javaIdentifier(name)}`;
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
    case 'sdkOperationMethod':
      return sdkMemberName(name);
    case 'variable':
      return javaVariableName(name);
  }
}

/**
 * Lower camel case the way the AWS SDK for Java 2.x names members: a leading run of capitals is an
 * acronym and is lowered as a whole, except its last letter when a lower case letter follows (that
 * letter starts the next word): `KMSKeyArn` -> `kmsKeyArn`, `CodeSha256` -> `codeSha256`,
 * `SSEType` -> `sseType`. A result that is a Java keyword gets the SDK's `Value` suffix.
 */
export function sdkMemberName(member: string): string {
  let upper = 0;
  while (upper < member.length && /[A-Z]/.test(member.charAt(upper))) upper++;
  let lowered: string;
  if (upper <= 1) lowered = member.charAt(0).toLowerCase() + member.slice(1);
  else if (upper === member.length) lowered = member.toLowerCase();
  else if (/[a-z]/.test(member.charAt(upper))) lowered = member.slice(0, upper - 1).toLowerCase() + member.slice(upper - 1);
  else lowered = member.slice(0, upper).toLowerCase() + member.slice(upper);
  return javaIdentifier(lowered) === lowered ? lowered : `${lowered}Value`;
}

/** The Java package of the AWS SDK module of a service: `software.amazon.awssdk.services.<service>`. */
export function sdkServicePackage(service: string): string {
  return `software.amazon.awssdk.services.${service.toLowerCase()}`;
}

/** The SDK's synchronous client class of a service, qualified: `...services.lambda.LambdaClient`. */
export function sdkClientClass(service: string): string {
  return `${sdkServicePackage(service)}.${upperFirst(service)}Client`;
}

/** The SDK model class of an operation's input or output, qualified. */
export function sdkOperationClass(service: string, operation: string, side: 'Request' | 'Response'): string {
  return `${sdkServicePackage(service)}.model.${operation}${side}`;
}

/** The SDK model class of a named structure shape, qualified. */
export function sdkShapeClass(service: string, shape: string): string {
  return `${sdkServicePackage(service)}.model.${shape}`;
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
