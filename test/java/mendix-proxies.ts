/**
 * Writes, for a spec, the Java proxy classes Studio Pro 10.24 generates from a module's domain model
 * (entity proxies and enumeration proxies in `<javaPackage>.proxies`), and the domain model as the JSON
 * that the stand-in runtime (`mxstandin.Runtime.loadDomainModel`) checks every object access against.
 * Together with the stand-in Mendix API in test/java/mendix they let the generated Java compile and run
 * as strictly as in an app. The facts behind the shape are listed, with sources, in
 * test/java/MENDIX-STAND-INS.md.
 */
import { createHash } from 'node:crypto';
import { JAVA_RESERVED_WORDS } from '../../generator/spec/naming.js';
import type { AssociationSpec, AttributeSpec, ConnectorSpec, EntitySpec, EnumerationSpec, ExternalModuleSpec } from '../../generator/spec/types.js';

export interface JavaSource {
  /** Path relative to a Java source root, `/`-separated. */
  path: string;
  text: string;
}

const IContext = 'com.mendix.systemwideinterfaces.core.IContext';
const IMendixObject = 'com.mendix.systemwideinterfaces.core.IMendixObject';
const IMendixIdentifier = 'com.mendix.systemwideinterfaces.core.IMendixIdentifier';
const IEntityProxy = 'com.mendix.systemwideinterfaces.core.IEntityProxy';
const Core = 'com.mendix.core.Core';
const CoreException = 'com.mendix.core.CoreException';
const JString = 'java.lang.String';

const HEADER = '// Stand-in of a proxy class Studio Pro generates; written by test/java/mendix-proxies.ts.\n\n';

/**
 * Every proxy class of the spec's module (one per entity and one per enumeration), and those of the
 * other modules it refers to (spec.externalModules, such as AWS Authentication), which Studio Pro
 * generates in the app from those modules.
 */
export function proxySources(spec: ConnectorSpec): JavaSource[] {
  return [spec, ...(spec.externalModules ?? []).map((m) => externalModuleAsSpec(m))].flatMap((module) => moduleProxySources(module, spec));
}

function moduleProxySources(module: ConnectorSpec, whole: ConnectorSpec): JavaSource[] {
  const model = new ProxyModel(module, whole);
  const dir = model.pkg.split('.').join('/');
  return [
    ...module.enumerations.map((e) => ({ path: `${dir}/${e.name}.java`, text: enumerationProxy(model, e) })),
    ...module.entities.map((e) => ({ path: `${dir}/${e.name}.java`, text: entityProxy(model, e) })),
  ];
}

/** Another module of the app as the module spec its proxies are written from: its own names unqualified. */
function externalModuleAsSpec(external: ExternalModuleSpec): ConnectorSpec {
  const local = (name: string): string => (name.startsWith(`${external.name}.`) ? name.slice(external.name.length + 1) : name);
  return {
    specVersion: 1,
    module: { name: external.name, javaPackage: external.name.toLowerCase() } as ConnectorSpec['module'],
    service: { name: '', apiModel: '' },
    client: {} as ConnectorSpec['client'],
    enumerations: external.enumerations.map((e) => ({ ...e, name: local(e.name) })),
    entities: external.entities.map((e) => ({
      ...e,
      name: local(e.name),
      ...(e.generalization !== undefined ? { generalization: local(e.generalization) } : {}),
      attributes: e.attributes.map((a) => (a.enumeration !== undefined ? { ...a, enumeration: local(a.enumeration) } : a)),
    })),
    associations: external.associations.map((a) => ({ ...a, name: local(a.name), parent: local(a.parent), child: local(a.child) })),
    objectMappings: [],
    operations: [],
  };
}

/** The spec's domain model, with the modules it refers to, in the JSON format of `mxstandin.Runtime.loadDomainModel`. */
export function domainModelJson(spec: ConnectorSpec): string {
  const modules = [spec, ...(spec.externalModules ?? []).map((m) => externalModuleAsSpec(m))];
  return JSON.stringify(
    modules.reduce(
      (model: { entities: unknown[]; associations: unknown[]; enumerations: unknown[] }, module) => {
        const q = (name: string): string => (name.includes('.') ? name : `${module.module.name}.${name}`);
        model.entities.push(
          ...module.entities.map((e) => ({
            name: q(e.name),
            generalization: e.generalization === undefined ? null : q(e.generalization),
            attributes: e.attributes.map((a) =>
              a.type === 'Enumeration' ? { name: a.name, type: a.type, enumeration: q(a.enumeration ?? '') } : { name: a.name, type: a.type },
            ),
          })),
        );
        model.associations.push(...module.associations.map((a) => ({ name: q(a.name), parent: q(a.parent), child: q(a.child), type: a.type, owner: a.owner })));
        model.enumerations.push(...module.enumerations.map((e) => ({ name: q(e.name), values: e.values.map((v) => v.name) })));
        return model;
      },
      { entities: [], associations: [], enumerations: [] },
    ),
  );
}

/**
 * The key of an enumeration value's caption in the app's translations, the argument of its constant in
 * the enumeration proxy. Studio Pro uses an id of the caption text; this is a stable UUID-shaped digest
 * of the qualified value name, so a test can register a caption with `mxstandin.Runtime.addTranslation`.
 */
export function captionKey(spec: ConnectorSpec, enumeration: string, value: string): string {
  const h = createHash('sha1').update(`${spec.module.name}.${enumeration}.${value}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

/** The Java name of an enumeration constant: the value name, with `_` in front when Java refuses it. */
export function enumerationConstant(value: string): string {
  return JAVA_RESERVED_WORDS.has(value) || !/^[A-Za-z_$]/.test(value) ? `_${value}` : value;
}

/** One association as seen from one of its entities: from the parent (owner) or, with owner Both, the child. */
interface AssociationEnd {
  association: AssociationSpec;
  fromParent: boolean;
  /** The entity at the other end. */
  target: string;
}

/**
 * The proxies of one module. Names are the module's own; a qualified name (`AWSAuthentication.AbstractRequest`)
 * is an element of another module of the app, whose proxy lives in that module's package.
 */
class ProxyModel {
  readonly pkg: string;
  private readonly entities: Map<string, EntitySpec>;
  private readonly associations: AssociationSpec[];

  constructor(
    readonly spec: ConnectorSpec,
    whole: ConnectorSpec = spec,
  ) {
    this.pkg = `${spec.module.javaPackage}.proxies`;
    this.entities = new Map([
      ...(whole.externalModules ?? []).flatMap((m) => m.entities.map((e): [string, EntitySpec] => [e.name, e])),
      ...spec.entities.map((e): [string, EntitySpec] => [e.name, e]),
    ]);
    this.associations = [...spec.associations, ...(spec === whole ? (whole.externalModules ?? []).flatMap((m) => m.associations) : [])];
  }

  qualified(name: string): string {
    return name.includes('.') ? name : `${this.spec.module.name}.${name}`;
  }

  proxyClass(name: string): string {
    const dot = name.indexOf('.');
    return dot < 0 ? `${this.pkg}.${name}` : `${name.slice(0, dot).toLowerCase()}.proxies.${name.slice(dot + 1)}`;
  }

  /** The generalizations of an entity, nearest first. */
  ancestors(entity: EntitySpec): EntitySpec[] {
    const out: EntitySpec[] = [];
    for (let g = entity.generalization; g !== undefined;) {
      const e = this.entities.get(g);
      if (!e || out.includes(e)) break;
      out.push(e);
      g = e.generalization;
    }
    return out;
  }

  root(entity: EntitySpec): EntitySpec {
    return this.ancestors(entity).at(-1) ?? entity;
  }

  specializations(entity: EntitySpec): EntitySpec[] {
    return this.spec.entities.filter((e) => e.generalization === entity.name);
  }

  /** The association ends an entity declares accessors for (not those it inherits). */
  ownEnds(entity: EntitySpec): AssociationEnd[] {
    const ends: AssociationEnd[] = [];
    for (const association of this.associations) {
      if (association.parent === entity.name) ends.push({ association, fromParent: true, target: association.child });
      else if (association.owner === 'Both' && association.child === entity.name) ends.push({ association, fromParent: false, target: association.parent });
    }
    return ends;
  }
}

/** A name without its module: `AbstractRequest` of `AWSAuthentication.AbstractRequest`. */
function localName(name: string): string {
  return name.slice(name.indexOf('.') + 1);
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** A parameter name derived from a model name, as Studio Pro does it (all lower case), never clashing. */
function parameterName(name: string): string {
  const lower = name.toLowerCase();
  return lower === 'context' || JAVA_RESERVED_WORDS.has(lower) ? `${lower}_` : lower;
}

function attributeJavaType(model: ProxyModel, a: AttributeSpec): string {
  switch (a.type) {
    case 'String':
      return JString;
    case 'Integer':
      return 'java.lang.Integer';
    case 'Long':
      return 'java.lang.Long';
    case 'Decimal':
      return 'java.math.BigDecimal';
    case 'Boolean':
      return 'java.lang.Boolean';
    case 'DateTime':
      return 'java.util.Date';
    case 'Enumeration':
      return model.proxyClass(a.enumeration ?? '');
  }
}

/** A method pair: the one without context delegates to the one with `getContext()`. */
function accessorPair(signature: (withContext: boolean) => string, delegate: string, body: string[]): string[] {
  return [`\t${signature(false)}`, '\t{', `\t\t${delegate}`, '\t}', '', `\t${signature(true)}`, '\t{', ...body.map((l) => `\t\t${l}`), '\t}', ''];
}

function entityProxy(model: ProxyModel, entity: EntitySpec): string {
  const name = entity.name;
  const self = model.proxyClass(name);
  const isRoot = entity.generalization === undefined;
  const rootField = `${lowerFirst(localName(model.root(entity).name))}MendixObject`;
  const objectParam = `${lowerFirst(name)}MendixObject`;
  const ancestors = model.ancestors(entity);
  const specializations = model.specializations(entity);
  const lines: string[] = [];

  lines.push(
    `package ${model.pkg};`,
    '',
    isRoot ? `public class ${name} implements ${IEntityProxy}` : `public class ${name} extends ${model.proxyClass(entity.generalization ?? '')}`,
    '{',
  );
  if (isRoot) lines.push(`\tprivate final ${IMendixObject} ${rootField};`, '', `\tprivate final ${IContext} context;`, '');
  lines.push(`\t/** The qualified name of the entity. */`, `\tpublic static final ${JString} entityName = "${model.qualified(name)}";`, '');

  // MemberNames: own attributes, inherited attributes, then associations (own ends, then inherited ones).
  const members: Array<[string, string]> = [
    ...entity.attributes.map((a): [string, string] => [a.name, a.name]),
    ...ancestors.flatMap((g) => g.attributes.map((a): [string, string] => [a.name, a.name])),
    ...[entity, ...ancestors].flatMap((e) =>
      model.ownEnds(e).map((end): [string, string] => [localName(end.association.name), model.qualified(end.association.name)]),
    ),
  ];
  const unique = [...new Map(members.map(([constant, meta]) => [constant, meta] as const)).entries()];
  lines.push(
    '\t/** The members of the entity: attributes by name, associations by qualified name (toString()). */',
    '\tpublic enum MemberNames',
    '\t{',
    ...(unique.length === 0 ? ['\t\t;'] : unique.map(([constant, meta], i) => `\t\t${constant}("${meta}")${i === unique.length - 1 ? ';' : ','}`)),
    '',
    `\t\tprivate final ${JString} metaName;`,
    '',
    `\t\tMemberNames(${JString} s)`,
    '\t\t{',
    '\t\t\tmetaName = s;',
    '\t\t}',
    '',
    '\t\t@java.lang.Override',
    `\t\tpublic ${JString} toString()`,
    '\t\t{',
    '\t\t\treturn metaName;',
    '\t\t}',
    '\t}',
    '',
  );

  // Constructors.
  lines.push(
    `\tpublic ${name}(${IContext} context)`,
    '\t{',
    `\t\tthis(context, ${Core}.instantiate(context, entityName));`,
    '\t}',
    '',
    `\tprotected ${name}(${IContext} context, ${IMendixObject} ${objectParam})`,
    '\t{',
  );
  if (isRoot)
    lines.push(
      `\t\tif (${objectParam} == null) {`,
      `\t\t\tthrow new java.lang.IllegalArgumentException("The given object cannot be null.");`,
      '\t\t}',
      `\t\tif (!${objectParam}.isInstanceOf(entityName)) {`,
      `\t\t\tthrow new java.lang.IllegalArgumentException(${JString}.format("The given object is not a %s", entityName));`,
      '\t\t}',
      '',
      `\t\tthis.${rootField} = ${objectParam};`,
      '\t\tthis.context = context;',
    );
  else
    lines.push(
      `\t\tsuper(context, ${objectParam});`,
      `\t\tif (!${objectParam}.isInstanceOf(entityName)) {`,
      `\t\t\tthrow new java.lang.IllegalArgumentException(${JString}.format("The given object is not a %s", entityName));`,
      '\t\t}',
    );
  lines.push('\t}', '');

  // initialize, dispatching to the specializations, and load.
  lines.push(
    '\t/** A proxy of the object: of the most specialized proxy class that fits its entity. */',
    `\tpublic static ${self} initialize(${IContext} context, ${IMendixObject} mendixObject)`,
    '\t{',
  );
  for (const s of specializations)
    lines.push(
      `\t\tif (mendixObject.isInstanceOf("${model.qualified(s.name)}")) {`,
      `\t\t\treturn ${model.proxyClass(s.name)}.initialize(context, mendixObject);`,
      '\t\t}',
    );
  lines.push(
    `\t\treturn new ${self}(context, mendixObject);`,
    '\t}',
    '',
    `\tpublic static ${self} load(${IContext} context, ${IMendixIdentifier} mendixIdentifier) throws ${CoreException}`,
    '\t{',
    `\t\t${IMendixObject} mendixObject = ${Core}.retrieveId(context, mendixIdentifier);`,
    `\t\treturn ${self}.initialize(context, mendixObject);`,
    '\t}',
    '',
  );
  if (entity.persistable) {
    const listType = specializations.length > 0 ? `java.util.List<? extends ${self}>` : `java.util.List<${self}>`;
    lines.push(
      `\tpublic static ${listType} load(${IContext} context, ${JString} xpathConstraint) throws ${CoreException}`,
      '\t{',
      `\t\treturn ${Core}.createXPathQuery(${JString}.format("//%1$s%2$s", entityName, xpathConstraint))`,
      '\t\t\t.execute(context)',
      '\t\t\t.stream()',
      `\t\t\t.map(obj -> ${self}.initialize(context, obj))`,
      '\t\t\t.collect(java.util.stream.Collectors.toList());',
      '\t}',
      '',
    );
  }

  // Attributes.
  for (const a of entity.attributes) {
    const type = attributeJavaType(model, a);
    const member = `MemberNames.${a.name}.toString()`;
    const param = parameterName(a.name);
    const getter = (withContext: boolean): string => `public final ${type} get${a.name}(${withContext ? `${IContext} context` : ''})`;
    const setter = (withContext: boolean): string => `public final void set${a.name}(${withContext ? `${IContext} context, ` : ''}${type} ${param})`;
    if (a.type === 'Enumeration') {
      lines.push(
        ...accessorPair(getter, `return get${a.name}(getContext());`, [
          `java.lang.Object obj = getMendixObject().getValue(context, ${member});`,
          'if (obj == null) {',
          '\treturn null;',
          '}',
          `return ${type}.valueOf((${JString}) obj);`,
        ]),
        ...accessorPair(setter, `set${a.name}(getContext(), ${param});`, [
          `if (${param} != null) {`,
          `\tgetMendixObject().setValue(context, ${member}, ${param}.toString());`,
          '} else {',
          `\tgetMendixObject().setValue(context, ${member}, null);`,
          '}',
        ]),
      );
    } else {
      lines.push(
        ...accessorPair(getter, `return get${a.name}(getContext());`, [`return (${type}) getMendixObject().getValue(context, ${member});`]),
        ...accessorPair(setter, `set${a.name}(getContext(), ${param});`, [`getMendixObject().setValue(context, ${member}, ${param});`]),
      );
    }
  }

  // Associations: the ends this entity declares.
  for (const end of model.ownEnds(entity)) {
    const assoc = end.association.name;
    const member = `MemberNames.${assoc}.toString()`;
    const target = model.proxyClass(end.target);
    const param = parameterName(end.target);
    if (end.association.type === 'ReferenceSet') {
      const list = `java.util.List<${target}>`;
      lines.push(
        ...accessorPair(
          (c) => `public final ${list} get${assoc}(${c ? `${IContext} context` : ''}) throws ${CoreException}`,
          `return get${assoc}(getContext());`,
          [
            `java.util.List<${IMendixIdentifier}> identifiers = getMendixObject().getValue(context, ${member});`,
            'if (identifiers == null) {',
            '\treturn new java.util.ArrayList<>();',
            '}',
            `return ${Core}.retrieveIdList(context, identifiers).stream()`,
            `\t.map(mendixObject -> ${target}.initialize(context, mendixObject))`,
            '\t.collect(java.util.stream.Collectors.toList());',
          ],
        ),
        ...accessorPair((c) => `public final void set${assoc}(${c ? `${IContext} context, ` : ''}${list} ${param})`, `set${assoc}(getContext(), ${param});`, [
          `java.util.List<${IMendixIdentifier}> identifiers = ${param}`,
          '\t.stream()',
          '\t.map(proxyObject -> proxyObject.getMendixObject().getId())',
          '\t.collect(java.util.stream.Collectors.toList());',
          `getMendixObject().setValue(context, ${member}, identifiers);`,
        ]),
      );
    } else {
      lines.push(
        ...accessorPair(
          (c) => `public final ${target} get${assoc}(${c ? `${IContext} context` : ''}) throws ${CoreException}`,
          `return get${assoc}(getContext());`,
          [
            `${target} result = null;`,
            `${IMendixIdentifier} identifier = getMendixObject().getValue(context, ${member});`,
            'if (identifier != null) {',
            `\tresult = ${target}.load(context, identifier);`,
            '}',
            'return result;',
          ],
        ),
        ...accessorPair((c) => `public final void set${assoc}(${c ? `${IContext} context, ` : ''}${target} ${param})`, `set${assoc}(getContext(), ${param});`, [
          `if (${param} != null) {`,
          `\tgetMendixObject().setValue(context, ${member}, ${param}.getMendixObject().getId());`,
          '} else {',
          `\tgetMendixObject().setValue(context, ${member}, null);`,
          '}',
        ]),
      );
    }
  }

  if (isRoot)
    lines.push(
      '\t@java.lang.Override',
      `\tpublic final ${IMendixObject} getMendixObject()`,
      '\t{',
      `\t\treturn ${rootField};`,
      '\t}',
      '',
      '\t@java.lang.Override',
      `\tpublic final ${IContext} getContext()`,
      '\t{',
      '\t\treturn context;',
      '\t}',
      '',
    );
  lines.push(
    '\t@java.lang.Override',
    '\tpublic boolean equals(java.lang.Object obj)',
    '\t{',
    '\t\tif (obj == this) {',
    '\t\t\treturn true;',
    '\t\t}',
    '\t\tif (obj != null && getClass().equals(obj.getClass())) {',
    `\t\t\tfinal ${self} that = (${self}) obj;`,
    '\t\t\treturn getMendixObject().equals(that.getMendixObject());',
    '\t\t}',
    '\t\treturn false;',
    '\t}',
    '',
    '\t@java.lang.Override',
    '\tpublic int hashCode()',
    '\t{',
    '\t\treturn getMendixObject().hashCode();',
    '\t}',
    '',
    '\t/** The qualified name of the entity (static: IEntityProxy declares no instance getType()). */',
    `\tpublic static ${JString} getType()`,
    '\t{',
    '\t\treturn entityName;',
    '\t}',
    '}',
  );
  return `${HEADER}${lines.join('\n')}\n`;
}

function enumerationProxy(model: ProxyModel, e: EnumerationSpec): string {
  const constants = e.values.map(
    (v, i) => `\t${enumerationConstant(v.name)}("${captionKey(model.spec, e.name, v.name)}")${i === e.values.length - 1 ? ';' : ','}`,
  );
  return `${HEADER}${[
    `package ${model.pkg};`,
    '',
    `public enum ${e.name}`,
    '{',
    ...constants,
    '',
    `\tprivate final ${JString} i18nCaptionKey;`,
    '',
    `\tprivate ${e.name}(${JString} i18nCaptionKey)`,
    '\t{',
    '\t\tthis.i18nCaptionKey = i18nCaptionKey;',
    '\t}',
    '',
    '\t/** The caption in that language, or the English one when the language has none. */',
    `\tpublic ${JString} getCaption(${JString} languageCode)`,
    '\t{',
    `\t\t${JString} caption = ${Core}.getInternationalizedString(languageCode, i18nCaptionKey);`,
    '\t\tif (caption == null || caption.isEmpty()) {',
    '\t\t\treturn getCaption();',
    '\t\t}',
    '\t\treturn caption;',
    '\t}',
    '',
    '\t/** The caption in English (en_US). */',
    `\tpublic ${JString} getCaption()`,
    '\t{',
    `\t\treturn ${Core}.getInternationalizedString("en_US", i18nCaptionKey);`,
    '\t}',
    '}',
  ].join('\n')}\n`;
}
