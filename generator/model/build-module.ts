import { codeactions, domainmodels, enumerations, javaactions, projects, security, texts, type IModel } from 'mendixmodelsdk';
import type { SpecIndex } from '../spec/spec-index.js';
import type { AssociationSpec, AttributeSpec, ConnectorSpec, EntitySpec, OperationSpec, ParameterSpec } from '../spec/types.js';
import { readFileSync } from 'node:fs';
import { activityDocumentation, moduleDocumentation, versionConstantDocumentation } from './documentation.js';
import { defaultIconPng } from './icons.js';
import { layoutDomainModel, type DomainModelLayout } from './layout.js';
import { javaLogLevels } from './log-levels.js';
import {
  ENUMERATIONS_FOLDER,
  ENUMERATIONS_FOLDER_PATH,
  OPERATIONS_FOLDER,
  OPERATIONS_FOLDER_PATH,
  VERSION_CONSTANT_FOLDER_PATH,
  buildVersionConstant,
  folderAt,
} from './module-layout.js';

/**
 * Builds the connector module from a validated spec with the Model SDK's own classes, so types,
 * defaults and the checks of the target Mendix version come from the SDK. It takes any IModel: the
 * offline working copy the package writer uses, or a real one opened through the platform.
 */

export { ENUMERATIONS_FOLDER, OPERATIONS_FOLDER };
/** Language of captions: Studio Pro's default language code. */
export const CAPTION_LANGUAGE = 'en_US';
/** Toolbox icon (16 x 16) and activity image (64 x 64) sizes. */
export const ICON_SIZE = 16;
export const IMAGE_SIZE = 64;

export function buildModule(model: IModel, spec: ConnectorSpec, index: SpecIndex): projects.Module {
  const frame = buildModuleStart(model, spec);
  const domainModel = buildDomainModel(frame.module, spec);
  const layout = layoutDomainModel(spec, index);
  const entities = buildEntities(model, domainModel, spec.entities, frame, layout);
  const associations = buildAssociations(model, domainModel, spec.associations, entities);
  const roles = buildModuleRoles(frame.module, spec);
  for (const entitySpec of spec.entities) buildAccessRule(model, index, entitySpec, roles, entities, associations);
  buildSettings(frame.module, spec);
  buildJavaActions(frame.module, spec, index, new Map<string, domainmodels.IEntity>([...frame.external.entities, ...entities.entities]), frame);
  return frame.module;
}

/** What the steps after the start of a module build look up: the module, its enumerations, the elements of other modules. */
export interface ModuleStart {
  module: projects.Module;
  external: ExternalElements;
  enumerations: Map<string, enumerations.IEnumeration>;
}

/**
 * The module with its folders, version constant and enumerations, after the stand-ins of the other
 * modules the spec refers to (see externalElements).
 */
export function buildModuleStart(model: IModel, spec: ConnectorSpec): ModuleStart {
  const external = externalElements(model, spec);
  const module = projects.Module.createIn(model.root);
  module.name = spec.module.name;

  // Folders and the version constant: see module-layout.ts.
  buildVersionConstant(folderAt(module, VERSION_CONSTANT_FOLDER_PATH), spec, versionConstantDocumentation(spec));
  const enumerationFolder = folderAt(module, ENUMERATIONS_FOLDER_PATH);
  const enumerationsByName = new Map<string, enumerations.IEnumeration>(external.enumerations);
  for (const spec_ of spec.enumerations) enumerationsByName.set(spec_.name, buildEnumeration(enumerationFolder, spec_));
  return { module, external, enumerations: enumerationsByName };
}

/**
 * What elements of the module built elsewhere refer to by name (sliced-build.ts): the module with
 * the named enumerations (outside any folder: the folder is no part of a qualified name), after the
 * stand-ins of the other modules.
 */
export function buildModuleSkeleton(model: IModel, spec: ConnectorSpec, enumerationNames: ReadonlySet<string>): ModuleStart {
  const external = externalElements(model, spec);
  const module = projects.Module.createIn(model.root);
  module.name = spec.module.name;
  const enumerationsByName = new Map<string, enumerations.IEnumeration>(external.enumerations);
  for (const spec_ of spec.enumerations) if (enumerationNames.has(spec_.name)) enumerationsByName.set(spec_.name, buildEnumeration(module, spec_));
  return { module, external, enumerations: enumerationsByName };
}

/** The module's (empty) domain model, with the module's documentation. */
export function buildDomainModel(module: projects.Module, spec: ConnectorSpec): domainmodels.DomainModel {
  const domainModel = domainmodels.DomainModel.createIn(module);
  domainModel.documentation = moduleDocumentation(spec, javaLogLevels());
  return domainModel;
}

/** Entities by name, and their attributes by `<Entity>.<Attribute>` (those of other modules by qualified name). */
export interface BuiltEntities {
  entities: Map<string, domainmodels.Entity>;
  attributes: Map<string, domainmodels.IAttribute>;
}

/**
 * Builds `entitySpecs` (all of the spec's, or part of them in the order of the spec) with their
 * attributes and generalizations, and adds them to the domain model in that order. `identify` gives
 * an entity its id before it is added (see sliced-build.ts); the SDK's random one otherwise.
 */
export function buildEntities(
  model: IModel,
  domainModel: domainmodels.DomainModel,
  entitySpecs: readonly EntitySpec[],
  frame: ModuleStart,
  layout: DomainModelLayout,
  identify?: (entity: EntitySpec) => string,
): BuiltEntities {
  // Every property set on an attached element makes the SDK look the element up by walking its whole
  // unit (to record how to undo the change), and replacing a part walks it too, which made large
  // domain models quadratic. So each entity is finished while detached (attributes, its
  // generalization) and attached in one step. A reference by name needs an attached target, so a
  // parent entity is attached before its specializations; each entity still takes its place in the
  // order given.
  const built = new Map<string, domainmodels.Entity>();
  const attributes = new Map<string, domainmodels.IAttribute>(frame.external.attributes);
  for (const entitySpec of entitySpecs) {
    const entity = buildEntity(model, entitySpec, frame.enumerations, attributes);
    if (identify) entity.id = identify(entitySpec);
    const box = layout.boxes.get(entitySpec.name);
    if (box) entity.location = { x: box.x, y: box.y };
    built.set(entitySpec.name, entity);
  }
  const byName = new Map(entitySpecs.map((e) => [e.name, e]));
  const positions = new Map(entitySpecs.map((e, i) => [e.name, i]));
  // The positions of the attached entities, in order: where the next one goes.
  const attachedPositions: number[] = [];
  const attach = (entitySpec: EntitySpec): void => {
    const position = required(positions, entitySpec.name);
    if (attachedPositions.includes(position)) return;
    const entity = required(built, entitySpec.name);
    if (entitySpec.generalization !== undefined) {
      const externalParent = frame.external.entities.get(entitySpec.generalization);
      if (!externalParent) attach(required(byName, entitySpec.generalization));
      const generalization = domainmodels.Generalization.create(model);
      generalization.generalization = externalParent ?? required(built, entitySpec.generalization);
      entity.generalization = generalization;
    }
    let before = attachedPositions.length;
    while (before > 0 && (attachedPositions[before - 1] as number) > position) before--;
    attachedPositions.splice(before, 0, position);
    domainModel.entities.splice(before, 0, entity);
  };
  for (const entitySpec of entitySpecs) attach(entitySpec);
  return { entities: built, attributes };
}

/** Adds the associations, in the order given, between entities already in the domain model. */
export function buildAssociations(
  model: IModel,
  domainModel: domainmodels.DomainModel,
  associationSpecs: readonly AssociationSpec[],
  entities: BuiltEntities,
): Map<string, domainmodels.Association> {
  const associations = new Map<string, domainmodels.Association>();
  for (const associationSpec of associationSpecs) {
    const association = domainmodels.Association.create(model);
    association.name = associationSpec.name;
    association.documentation = associationSpec.documentation;
    association.parent = required(entities.entities, associationSpec.parent);
    association.child = required(entities.entities, associationSpec.child);
    association.type = associationSpec.type === 'ReferenceSet' ? domainmodels.AssociationType.ReferenceSet : domainmodels.AssociationType.Reference;
    association.owner = associationSpec.owner === 'Both' ? domainmodels.AssociationOwner.Both : domainmodels.AssociationOwner.Default;
    domainModel.associations.push(association);
    associations.set(associationSpec.name, association);
  }
  return associations;
}

/** The Java actions, one per operation, in the operations folder. */
export function buildJavaActions(
  module: projects.Module,
  spec: ConnectorSpec,
  index: SpecIndex,
  entities: Map<string, domainmodels.IEntity>,
  frame: ModuleStart,
): void {
  const operationsFolder = folderAt(module, OPERATIONS_FOLDER_PATH);
  const files = spec.module.toolboxIcon;
  const icon = (files ? readFileSync(files.icon) : defaultIconPng(spec.service.name, ICON_SIZE)).toString('base64');
  const image = (files ? readFileSync(files.image) : defaultIconPng(spec.service.name, IMAGE_SIZE)).toString('base64');
  for (const operation of spec.operations) {
    const action = buildJavaAction(operationsFolder, spec, operation, entities, frame.enumerations, { icon, image });
    action.documentation = activityDocumentation(spec, index, operation);
  }
}

export interface ExternalElements {
  entities: Map<string, domainmodels.IEntity>;
  enumerations: Map<string, enumerations.IEnumeration>;
  attributes: Map<string, domainmodels.IAttribute>;
}

/**
 * The elements of other modules the spec refers to (spec.externalModules), by qualified name. A real
 * app's working copy has those modules: their elements are looked up. The offline working copy has
 * not: a stand-in of each module is built from the spec's facts, so references by name resolve the
 * way they do in an app; the package writer leaves the stand-in out (only the module is exported).
 */
function externalElements(model: IModel, spec: ConnectorSpec): ExternalElements {
  const found: ExternalElements = { entities: new Map(), enumerations: new Map(), attributes: new Map() };
  for (const external of spec.externalModules ?? []) {
    const local = (name: string) => name.slice(external.name.length + 1);
    if (model.allModules().some((m) => m.name === external.name)) {
      for (const e of external.entities) {
        const entity = model.findEntityByQualifiedName(e.name);
        if (!entity) throw new Error(`The app's module ${external.name} has no entity ${local(e.name)}.`);
        found.entities.set(e.name, entity);
        for (const a of e.attributes) {
          const attribute = model.findAttributeByQualifiedName(`${e.name}.${a.name}`);
          if (attribute) found.attributes.set(`${e.name}.${a.name}`, attribute);
        }
      }
      for (const e of external.enumerations) {
        const enumeration = model.findEnumerationByQualifiedName(e.name);
        if (!enumeration) throw new Error(`The app's module ${external.name} has no enumeration ${local(e.name)}.`);
        found.enumerations.set(e.name, enumeration);
      }
      continue;
    }
    const module = projects.Module.createIn(model.root);
    module.name = external.name;
    const folder = projects.Folder.createIn(module);
    folder.name = ENUMERATIONS_FOLDER;
    const ownEnumerations = new Map<string, enumerations.IEnumeration>();
    for (const e of external.enumerations) {
      const enumeration = buildEnumeration(folder, { ...e, name: local(e.name) });
      ownEnumerations.set(e.name, enumeration);
      found.enumerations.set(e.name, enumeration);
    }
    const domainModel = domainmodels.DomainModel.createIn(module);
    const built = new Map<string, domainmodels.Entity>();
    for (const e of external.entities) {
      const attributes = new Map<string, domainmodels.IAttribute>();
      const entity = buildEntity(model, { ...e, name: local(e.name) }, ownEnumerations, attributes);
      for (const [name, attribute] of attributes) found.attributes.set(`${external.name}.${name}`, attribute);
      built.set(e.name, entity);
      found.entities.set(e.name, entity);
    }
    // The facts list parents before their specializations.
    for (const e of external.entities) {
      const entity = required(built, e.name);
      if (e.generalization !== undefined) {
        const generalization = domainmodels.Generalization.create(model);
        generalization.generalization = required(built, e.generalization);
        entity.generalization = generalization;
      }
      domainModel.entities.push(entity);
    }
  }
  return found;
}

function required<T>(map: Map<string, T>, name: string): T {
  const value = map.get(name);
  // The validator has resolved every reference; a miss here is a fault of the generator.
  if (value === undefined) throw new Error(`internal: "${name}" was not built`);
  return value;
}

function setCaption(text: texts.Text, caption: string): void {
  const translation = texts.Translation.createIn(text);
  translation.languageCode = CAPTION_LANGUAGE;
  translation.text = caption;
}

function buildEnumeration(folder: projects.IFolderBase, spec: ConnectorSpec['enumerations'][number]): enumerations.Enumeration {
  const enumeration = enumerations.Enumeration.createIn(folder);
  enumeration.name = spec.name;
  enumeration.documentation = spec.documentation;
  // Each value is finished detached and added whole (see buildEntities).
  for (const valueSpec of spec.values) {
    const value = enumerations.EnumerationValue.create(enumeration.model);
    value.name = valueSpec.name;
    setCaption(value.caption, valueSpec.caption);
    enumeration.values.push(value);
  }
  return enumeration;
}

function buildEntity(
  model: IModel,
  spec: EntitySpec,
  enumerationsByName: Map<string, enumerations.IEnumeration>,
  attributes: Map<string, domainmodels.IAttribute>,
): domainmodels.Entity {
  // Built detached and attached whole: the SDK then sends one change instead of one per property.
  // The SDK gives a new entity a NoGeneralization and a new attribute a String type and a stored
  // value: those are used where they are what the spec asks for, since each part made instead
  // replaces one the SDK made, which for a large domain model is much of the work. For the same
  // reason a property is set only where the spec's value differs from the SDK's default for it
  // (empty texts, a String of length 200, no default value, dates localized): every set passes
  // through the SDK's change tracking.
  const entity = domainmodels.Entity.create(model);
  entity.name = spec.name;
  if (spec.documentation !== '') entity.documentation = spec.documentation;
  if (spec.generalization === undefined) {
    const generalization = entity.generalization;
    const noGeneralization = generalization instanceof domainmodels.NoGeneralization ? generalization : domainmodels.NoGeneralization.createIn(entity);
    noGeneralization.persistable = spec.persistable;
  }
  for (const attributeSpec of spec.attributes) {
    const attribute = domainmodels.Attribute.createIn(entity);
    attribute.name = attributeSpec.name;
    if (attributeSpec.documentation !== '') attribute.documentation = attributeSpec.documentation;
    setAttributeType(attribute, attributeSpec, enumerationsByName);
    const given = attribute.value;
    const value = given instanceof domainmodels.StoredValue ? given : domainmodels.StoredValue.createIn(attribute);
    const defaultValue = defaultValueText(attributeSpec);
    if (value.defaultValue !== defaultValue) value.defaultValue = defaultValue;
    attributes.set(`${spec.name}.${attributeSpec.name}`, attribute);
  }
  return entity;
}

function setAttributeType(attribute: domainmodels.Attribute, spec: AttributeSpec, enumerationsByName: Map<string, enumerations.IEnumeration>): void {
  switch (spec.type) {
    case 'String': {
      const given = attribute.type;
      const type = given instanceof domainmodels.StringAttributeType ? given : domainmodels.StringAttributeType.createInAttributeUnderType(attribute);
      // Mendix stores an unlimited String as length 0.
      const length = spec.length === 'unlimited' ? 0 : (spec.length ?? 200);
      if (type.length !== length) type.length = length;
      return;
    }
    case 'Integer':
      domainmodels.IntegerAttributeType.createInAttributeUnderType(attribute);
      return;
    case 'Long':
      domainmodels.LongAttributeType.createInAttributeUnderType(attribute);
      return;
    case 'Decimal':
      domainmodels.DecimalAttributeType.createInAttributeUnderType(attribute);
      return;
    case 'Boolean':
      domainmodels.BooleanAttributeType.createInAttributeUnderType(attribute);
      return;
    case 'DateTime': {
      const type = domainmodels.DateTimeAttributeType.createInAttributeUnderType(attribute);
      // AWS times are UTC instants; showing them in the user's time zone is the end user's choice.
      if (!type.localizeDate) type.localizeDate = true;
      return;
    }
    case 'Enumeration': {
      const type = domainmodels.EnumerationAttributeType.createInAttributeUnderType(attribute);
      type.enumeration = required(enumerationsByName, spec.enumeration ?? '');
      return;
    }
  }
}

/**
 * Mendix stores defaults as text: `true`/`false`, numbers as written, an enumeration value by name;
 * an empty default leaves the attribute empty.
 */
export function defaultValueText(spec: AttributeSpec): string {
  if (spec.default === undefined) return spec.type === 'Boolean' ? 'false' : '';
  return String(spec.default);
}

/** The module's security with its module roles. */
export function buildModuleRoles(module: projects.Module, spec: ConnectorSpec): security.ModuleRole[] {
  const moduleSecurity = security.ModuleSecurity.createIn(module);
  return spec.module.moduleRoles.map((roleSpec) => {
    const role = security.ModuleRole.createIn(moduleSecurity);
    role.name = roleSpec.name;
    role.description = roleSpec.documentation;
    return role;
  });
}

/**
 * The access rule of an entity. Every entity is a request or response object that microflows create
 * and read on the user's behalf: each module role may create, read, write and delete them, with
 * every own and inherited attribute and every association it (or a generalization) is the parent of.
 * Those attributes and associations must be in the model already.
 */
export function buildAccessRule(
  model: IModel,
  index: SpecIndex,
  entitySpec: EntitySpec,
  roles: readonly security.ModuleRole[],
  entities: BuiltEntities,
  associations: Map<string, domainmodels.IAssociation>,
): void {
  const rule = domainmodels.AccessRule.create(model);
  for (const role of roles) rule.moduleRoles.push(role);
  rule.allowCreate = true;
  rule.allowDelete = true;
  rule.defaultMemberAccessRights = domainmodels.MemberAccessRights.ReadWrite;
  // Inherited attributes first, as index.allAttributes lists them, each named after the entity that declares it.
  for (const owner of [...index.lineage(entitySpec)].reverse()) {
    for (const attributeSpec of owner.attributes) {
      const access = domainmodels.MemberAccess.create(model);
      access.attribute = required(entities.attributes, `${owner.name}.${attributeSpec.name}`);
      access.accessRights = domainmodels.MemberAccessRights.ReadWrite;
      rule.memberAccesses.push(access);
    }
  }
  for (const associationSpec of index.associationsFrom(entitySpec)) {
    const access = domainmodels.MemberAccess.create(model);
    access.association = required(associations, associationSpec.name);
    access.accessRights = domainmodels.MemberAccessRights.ReadWrite;
    rule.memberAccesses.push(access);
  }
  required(entities.entities, entitySpec.name).accessRules.push(rule);
}

export function buildSettings(module: projects.Module, spec: ConnectorSpec): void {
  const settings = projects.ModuleSettings.createIn(module);
  settings.version = spec.module.version;
  for (const dependency of spec.module.javaDependencies) {
    const jar = projects.JarDependency.createIn(settings);
    jar.groupId = dependency.groupId;
    jar.artifactId = dependency.artifactId;
    jar.version = dependency.version;
    jar.isIncluded = true;
  }
}

function buildJavaAction(
  folder: projects.Folder,
  spec: ConnectorSpec,
  operation: OperationSpec,
  entities: Map<string, domainmodels.IEntity>,
  enumerationsByName: Map<string, enumerations.IEnumeration>,
  icons: { icon: string; image: string },
): javaactions.JavaAction {
  const action = javaactions.JavaAction.createIn(folder);
  action.name = operation.name;
  action.documentation = operation.documentation;
  for (const parameterSpec of operation.parameters) action.actionParameters.push(buildParameter(action.model, parameterSpec, entities, enumerationsByName));
  if ('entity' in operation.returns) {
    codeactions.ConcreteEntityType.createInCodeActionUnderActionReturnType(action).entity = required(entities, operation.returns.entity);
    action.actionDefaultReturnName = operation.returns.entity;
  } else {
    codeactions.BooleanType.createInCodeActionUnderActionReturnType(action);
    action.actionDefaultReturnName = `${operation.name}Succeeded`;
  }
  const info = codeactions.MicroflowActionInfo.createInCodeActionUnderModelerActionInfo(action);
  info.caption = operation.caption;
  info.category = spec.module.toolboxCategory;
  info.iconData = icons.icon;
  info.iconDataDark = icons.icon;
  info.imageData = icons.image;
  info.imageDataDark = icons.image;
  return action;
}

/** A parameter, finished detached to be added whole (see buildEntities). */
function buildParameter(
  model: IModel,
  spec: ParameterSpec,
  entities: Map<string, domainmodels.IEntity>,
  enumerationsByName: Map<string, enumerations.IEnumeration>,
): javaactions.JavaActionParameter {
  const parameter = javaactions.JavaActionParameter.create(model);
  parameter.name = spec.name;
  parameter.description = spec.description;
  parameter.isRequired = true;
  const basic = codeactions.BasicParameterType.create(model);
  parameter.actionParameterType = basic;
  if (spec.enumeration !== undefined) {
    codeactions.EnumerationType.createInBasicParameterTypeUnderType(basic).enumeration = required(enumerationsByName, spec.enumeration);
  } else {
    codeactions.ConcreteEntityType.createInBasicParameterTypeUnderType(basic).entity = required(entities, spec.entity ?? '');
  }
  return parameter;
}
