import { codeactions, domainmodels, enumerations, javaactions, projects, security, texts, type IModel } from 'mendixmodelsdk';
import type { SpecIndex } from '../spec/spec-index.js';
import type { AttributeSpec, ConnectorSpec, EntitySpec, OperationSpec, ParameterSpec } from '../spec/types.js';
import { readFileSync } from 'node:fs';
import { activityDocumentation, moduleDocumentation, versionConstantDocumentation } from './documentation.js';
import { defaultIconPng } from './icons.js';
import { layoutDomainModel } from './layout.js';
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
  const external = externalElements(model, spec);
  const module = projects.Module.createIn(model.root);
  module.name = spec.module.name;

  // Folders and the version constant: see module-layout.ts.
  buildVersionConstant(folderAt(module, VERSION_CONSTANT_FOLDER_PATH), spec, versionConstantDocumentation(spec));
  const enumerationFolder = folderAt(module, ENUMERATIONS_FOLDER_PATH);
  const enumerationsByName = new Map<string, enumerations.IEnumeration>(external.enumerations);
  for (const spec_ of spec.enumerations) enumerationsByName.set(spec_.name, buildEnumeration(enumerationFolder, spec_));

  const domainModel = domainmodels.DomainModel.createIn(module);
  domainModel.documentation = moduleDocumentation(spec, javaLogLevels());
  // Every property set on an attached element makes the SDK look the element up by walking its whole
  // unit (to record how to undo the change), and replacing a part walks it too, which made large
  // domain models quadratic. So each entity is finished while detached (attributes, its
  // generalization) and attached in one step. A reference by name needs an attached target, so a
  // parent entity is attached before its specializations; each entity still takes its place in the
  // spec's order.
  const layout = layoutDomainModel(spec, index);
  const entities = new Map<string, domainmodels.Entity>();
  const attributes = new Map<string, domainmodels.IAttribute>(external.attributes);
  for (const entitySpec of spec.entities) {
    const entity = buildEntity(model, entitySpec, enumerationsByName, attributes);
    const box = layout.boxes.get(entitySpec.name);
    if (box) entity.location = { x: box.x, y: box.y };
    entities.set(entitySpec.name, entity);
  }
  const specEntities = new Map(spec.entities.map((e) => [e.name, e]));
  const attached = new Set<string>();
  // Validation has refused generalization cycles, so the recursion ends.
  const attach = (entitySpec: EntitySpec): void => {
    if (attached.has(entitySpec.name)) return;
    const entity = required(entities, entitySpec.name);
    if (entitySpec.generalization !== undefined) {
      const externalParent = external.entities.get(entitySpec.generalization);
      if (!externalParent) attach(required(specEntities, entitySpec.generalization));
      const generalization = domainmodels.Generalization.create(model);
      generalization.generalization = externalParent ?? required(entities, entitySpec.generalization);
      entity.generalization = generalization;
    }
    const position = spec.entities.findIndex((e) => e === entitySpec);
    const before = spec.entities.slice(0, position).filter((e) => attached.has(e.name)).length;
    domainModel.entities.splice(before, 0, entity);
    attached.add(entitySpec.name);
  };
  for (const entitySpec of spec.entities) attach(entitySpec);
  const associations = new Map<string, domainmodels.Association>();
  for (const associationSpec of spec.associations) {
    const association = domainmodels.Association.create(model);
    association.name = associationSpec.name;
    association.documentation = associationSpec.documentation;
    association.parent = required(entities, associationSpec.parent);
    association.child = required(entities, associationSpec.child);
    association.type = associationSpec.type === 'ReferenceSet' ? domainmodels.AssociationType.ReferenceSet : domainmodels.AssociationType.Reference;
    association.owner = associationSpec.owner === 'Both' ? domainmodels.AssociationOwner.Both : domainmodels.AssociationOwner.Default;
    domainModel.associations.push(association);
    associations.set(associationSpec.name, association);
  }

  buildSecurity(module, spec, index, entities, attributes, associations);
  buildSettings(module, spec);

  const operationsFolder = folderAt(module, OPERATIONS_FOLDER_PATH);
  const files = spec.module.toolboxIcon;
  const icon = (files ? readFileSync(files.icon) : defaultIconPng(spec.service.name, ICON_SIZE)).toString('base64');
  const image = (files ? readFileSync(files.image) : defaultIconPng(spec.service.name, IMAGE_SIZE)).toString('base64');
  const actionEntities = new Map<string, domainmodels.IEntity>([...external.entities, ...entities]);
  for (const operation of spec.operations) {
    const action = buildJavaAction(operationsFolder, spec, operation, actionEntities, enumerationsByName, { icon, image });
    action.documentation = activityDocumentation(spec, index, operation);
  }
  return module;
}

interface ExternalElements {
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
  for (const valueSpec of spec.values) {
    const value = enumerations.EnumerationValue.createIn(enumeration);
    value.name = valueSpec.name;
    setCaption(value.caption, valueSpec.caption);
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
  const entity = domainmodels.Entity.create(model);
  entity.name = spec.name;
  entity.documentation = spec.documentation;
  if (spec.generalization === undefined) {
    const noGeneralization = domainmodels.NoGeneralization.createIn(entity);
    noGeneralization.persistable = spec.persistable;
  }
  for (const attributeSpec of spec.attributes) {
    const attribute = domainmodels.Attribute.createIn(entity);
    attribute.name = attributeSpec.name;
    attribute.documentation = attributeSpec.documentation;
    setAttributeType(attribute, attributeSpec, enumerationsByName);
    const value = domainmodels.StoredValue.createIn(attribute);
    value.defaultValue = defaultValueText(attributeSpec);
    attributes.set(`${spec.name}.${attributeSpec.name}`, attribute);
  }
  return entity;
}

function setAttributeType(attribute: domainmodels.Attribute, spec: AttributeSpec, enumerationsByName: Map<string, enumerations.IEnumeration>): void {
  switch (spec.type) {
    case 'String': {
      const type = domainmodels.StringAttributeType.createInAttributeUnderType(attribute);
      // Mendix stores an unlimited String as length 0.
      type.length = spec.length === 'unlimited' ? 0 : (spec.length ?? 200);
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
      type.localizeDate = true;
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

function buildSecurity(
  module: projects.Module,
  spec: ConnectorSpec,
  index: SpecIndex,
  entities: Map<string, domainmodels.Entity>,
  attributes: Map<string, domainmodels.IAttribute>,
  associations: Map<string, domainmodels.Association>,
): void {
  const moduleSecurity = security.ModuleSecurity.createIn(module);
  const roles = spec.module.moduleRoles.map((roleSpec) => {
    const role = security.ModuleRole.createIn(moduleSecurity);
    role.name = roleSpec.name;
    role.description = roleSpec.documentation;
    return role;
  });
  // Every entity is a request or response object that microflows create and read on the user's
  // behalf: each module role may create, read, write and delete them.
  for (const entitySpec of spec.entities) {
    const rule = domainmodels.AccessRule.create(module.model);
    for (const role of roles) rule.moduleRoles.push(role);
    rule.documentation = '';
    rule.allowCreate = true;
    rule.allowDelete = true;
    rule.defaultMemberAccessRights = domainmodels.MemberAccessRights.ReadWrite;
    for (const attributeSpec of index.allAttributes(entitySpec)) {
      const owner = index.lineage(entitySpec).find((e) => e.attributes.includes(attributeSpec)) ?? entitySpec;
      const access = domainmodels.MemberAccess.create(module.model);
      access.attribute = required(attributes, `${owner.name}.${attributeSpec.name}`);
      access.accessRights = domainmodels.MemberAccessRights.ReadWrite;
      rule.memberAccesses.push(access);
    }
    for (const associationSpec of spec.associations) {
      if (!index.specializes(entitySpec, associationSpec.parent)) continue;
      const access = domainmodels.MemberAccess.create(module.model);
      access.association = required(associations, associationSpec.name);
      access.accessRights = domainmodels.MemberAccessRights.ReadWrite;
      rule.memberAccesses.push(access);
    }
    required(entities, entitySpec.name).accessRules.push(rule);
  }
}

function buildSettings(module: projects.Module, spec: ConnectorSpec): void {
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
  for (const parameterSpec of operation.parameters) buildParameter(action, parameterSpec, entities, enumerationsByName);
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

function buildParameter(
  action: javaactions.JavaAction,
  spec: ParameterSpec,
  entities: Map<string, domainmodels.IEntity>,
  enumerationsByName: Map<string, enumerations.IEnumeration>,
): void {
  const parameter = javaactions.JavaActionParameter.createInCodeActionUnderActionParameters(action);
  parameter.name = spec.name;
  parameter.description = spec.description;
  parameter.isRequired = true;
  const basic = codeactions.BasicParameterType.create(action.model);
  parameter.actionParameterType = basic;
  if (spec.enumeration !== undefined) {
    codeactions.EnumerationType.createInBasicParameterTypeUnderType(basic).enumeration = required(enumerationsByName, spec.enumeration);
  } else {
    codeactions.ConcreteEntityType.createInBasicParameterTypeUnderType(basic).entity = required(entities, spec.entity ?? '');
  }
}
