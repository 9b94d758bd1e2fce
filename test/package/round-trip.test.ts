import { readFileSync } from 'node:fs';
import { codeactions, domainmodels, type enumerations, type IModel, type javaactions, type projects, type security } from 'mendixmodelsdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPackageModel, type LoadedPackage } from '../../generator/emit/load-package-model.js';
import { defaultValueText } from '../../generator/model/build-module.js';
import { activityDocumentation, moduleDocumentation } from '../../generator/model/documentation.js';
import { javaLogLevels } from '../../generator/model/log-levels.js';
import { defaultIconPng } from '../../generator/model/icons.js';
import { bundledPackage, bundledSpecFiles, specName, type BundledPackage } from './bundled-package.js';

/**
 * Reads the generated package of every bundled spec back (zip -> project.mpr -> BSON units -> SDK
 * JSON) into a Model SDK model and checks that every element of the spec is there, with its
 * documentation, and nothing else.
 */

const typeName: Record<string, string> = {
  String: 'StringAttributeType',
  Integer: 'IntegerAttributeType',
  Long: 'LongAttributeType',
  Decimal: 'DecimalAttributeType',
  Boolean: 'BooleanAttributeType',
  DateTime: 'DateTimeAttributeType',
  Enumeration: 'EnumerationAttributeType',
};

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

it('runs for every bundled spec: the default Lambda spec and the SQS spec among them', () => {
  expect(bundledSpecFiles().map(specName)).toEqual(expect.arrayContaining(['spec/aws-lambda.connector.yaml', 'spec/aws-sqs.connector.yaml']));
});

describe.each(bundledSpecFiles().map((file) => ({ file, name: specName(file) })))('$name', ({ file }) => {
  let bundled: BundledPackage;
  let loaded: LoadedPackage;
  let model: IModel;

  beforeAll(async () => {
    bundled = await bundledPackage(file);
    loaded = await loadPackageModel(bundled.mpk);
    model = loaded.model;
    for (const unit of model.allUnits()) if (!unit.isLoaded && unit.isLoadable) await model.loadUnitById(unit.id, false);
  }, 60_000);
  afterAll(async () => {
    await loaded?.offline.close();
  });

  describe('round trip of the generated package through the Model SDK', () => {
    it('holds exactly one module, named as the spec says, with its settings and security', () => {
      const { spec } = bundled;
      expect(model.allModules().map((m) => m.name)).toEqual([spec.module.name]);
      const settings = model.allModuleSettings()[0] as projects.ModuleSettings;
      expect(settings?.version).toBe(spec.module.version);
      expect(settings?.jarDependencies.map((j) => `${j.groupId}:${j.artifactId}:${j.version}:${j.isIncluded}`)).toEqual(
        spec.module.javaDependencies.map((d) => `${d.groupId}:${d.artifactId}:${d.version}:true`),
      );
      const moduleSecurity = model.allModuleSecurities()[0] as security.ModuleSecurity;
      expect(moduleSecurity.moduleRoles.map((r) => [r.name, r.description])).toEqual(spec.module.moduleRoles.map((r) => [r.name, r.documentation]));
    });

    it('holds every entity with its documentation, persistability, generalization and location, and no other', () => {
      const { spec } = bundled;
      const domainModel = model.allDomainModels()[0] as domainmodels.DomainModel;
      // The spec's module documentation, followed by the module notes of generator/model/documentation.ts.
      expect(domainModel.documentation).toBe(moduleDocumentation(spec, javaLogLevels()));
      expect(domainModel.documentation.startsWith(spec.module.documentation)).toBe(true);
      expect(domainModel.entities.map((e) => e.name)).toEqual(spec.entities.map((e) => e.name));
      for (const entitySpec of spec.entities) {
        const entity = domainModel.entities.find((e) => e.name === entitySpec.name) as domainmodels.Entity;
        expect(entity.documentation).toBe(entitySpec.documentation);
        if (entitySpec.generalization) {
          expect((entity.generalization as domainmodels.Generalization).generalizationQualifiedName).toBe(`${spec.module.name}.${entitySpec.generalization}`);
        } else {
          expect((entity.generalization as domainmodels.NoGeneralization).persistable).toBe(entitySpec.persistable);
        }
        expect(entity.attributes.map((a) => a.name)).toEqual(entitySpec.attributes.map((a) => a.name));
        for (const attributeSpec of entitySpec.attributes) {
          const attribute = entity.attributes.find((a) => a.name === attributeSpec.name) as domainmodels.Attribute;
          expect(attribute.documentation).toBe(attributeSpec.documentation);
          expect(attribute.type.constructor.name).toBe(typeName[attributeSpec.type]);
          if (attribute.type instanceof domainmodels.StringAttributeType) {
            expect(attribute.type.length).toBe(attributeSpec.length === 'unlimited' ? 0 : attributeSpec.length);
          }
          if (attribute.type instanceof domainmodels.EnumerationAttributeType) {
            expect(attribute.type.enumerationQualifiedName).toBe(`${spec.module.name}.${attributeSpec.enumeration}`);
          }
          expect((attribute.value as domainmodels.StoredValue).defaultValue).toBe(defaultValueText(attributeSpec));
        }
      }
    });

    it('lays out the entities without overlap', () => {
      const domainModel = model.allDomainModels()[0] as domainmodels.DomainModel;
      const boxes = domainModel.entities.map((e) => ({ name: e.name, x: e.location.x, y: e.location.y }));
      expect(new Set(boxes.map((b) => `${b.x};${b.y}`)).size).toBe(boxes.length);
    });

    it('holds every association with its ends, type, owner and documentation, and no other', () => {
      const { spec } = bundled;
      const domainModel = model.allDomainModels()[0] as domainmodels.DomainModel;
      expect(domainModel.associations.map((a) => a.name)).toEqual(spec.associations.map((a) => a.name));
      for (const associationSpec of spec.associations) {
        const association = domainModel.associations.find((a) => a.name === associationSpec.name) as domainmodels.Association;
        expect(association.parent.name).toBe(associationSpec.parent);
        expect(association.child.name).toBe(associationSpec.child);
        expect(association.type.name).toBe(associationSpec.type);
        expect(association.owner.name).toBe(associationSpec.owner);
        expect(association.documentation).toBe(associationSpec.documentation);
      }
    });

    it('holds every enumeration with its documentation, values and captions, and no other', () => {
      const { spec } = bundled;
      const enumerations = model.allEnumerations() as enumerations.Enumeration[];
      expect(enumerations.map((e) => e.name)).toEqual(spec.enumerations.map((e) => e.name));
      for (const enumerationSpec of spec.enumerations) {
        const enumeration = enumerations.find((e) => e.name === enumerationSpec.name);
        expect(enumeration?.documentation).toBe(enumerationSpec.documentation);
        expect(enumeration?.values.map((v) => [v.name, v.caption.translations.map((t) => `${t.languageCode}:${t.text}`)])).toEqual(
          enumerationSpec.values.map((v) => [v.name, [`en_US:${v.caption}`]]),
        );
      }
    });

    it('holds one Java action per operation, in the Operations folder, exposed in the toolbox, and no other', () => {
      const { spec } = bundled;
      const actions = model.allJavaActions() as javaactions.JavaAction[];
      expect(actions.map((a) => a.name)).toEqual(spec.operations.map((o) => o.name));
      for (const operation of spec.operations) {
        const action = actions.find((a) => a.name === operation.name) as javaactions.JavaAction;
        expect((action.container as { name?: string }).name).toBe('Operations');
        // The spec's documentation, followed by the permission, limits and errors of generator/model/documentation.ts.
        expect(action.documentation).toBe(activityDocumentation(spec, bundled.index, operation));
        expect(action.documentation.startsWith(operation.documentation)).toBe(true);
        const info = action.modelerActionInfo as codeactions.MicroflowActionInfo;
        expect(info.caption).toBe(operation.caption);
        expect(info.category).toBe(spec.module.toolboxCategory);
        for (const png of [info.iconData, info.iconDataDark, info.imageData, info.imageDataDark]) {
          expect(Buffer.from(png ?? '', 'base64').subarray(0, 8)).toEqual(PNG_SIGNATURE);
        }
        // The spec's own icon files (module.toolboxIcon, absolute paths once validated), byte for byte;
        // without them, the 16 x 16 and 64 x 64 icons drawn from the service name.
        const icons = spec.module.toolboxIcon;
        expect(Buffer.from(info.iconData ?? '', 'base64')).toEqual(icons ? readFileSync(icons.icon) : defaultIconPng(spec.service.name, 16));
        expect(Buffer.from(info.imageData ?? '', 'base64')).toEqual(icons ? readFileSync(icons.image) : defaultIconPng(spec.service.name, 64));
        expect(action.actionParameters.map((p) => [p.name, p.description])).toEqual(operation.parameters.map((p) => [p.name, p.description]));
        for (const parameterSpec of operation.parameters) {
          const parameter = action.actionParameters.find((p) => p.name === parameterSpec.name);
          const type = (parameter?.actionParameterType as codeactions.BasicParameterType).type;
          if (parameterSpec.enumeration)
            expect((type as codeactions.EnumerationType).enumerationQualifiedName).toBe(`${spec.module.name}.${parameterSpec.enumeration}`);
          else expect((type as codeactions.ConcreteEntityType).entityQualifiedName).toBe(`${spec.module.name}.${parameterSpec.entity}`);
        }
        if ('entity' in operation.returns) {
          expect((action.actionReturnType as codeactions.ConcreteEntityType).entityQualifiedName).toBe(`${spec.module.name}.${operation.returns.entity}`);
        } else {
          expect(action.actionReturnType).toBeInstanceOf(codeactions.BooleanType);
        }
      }
    });

    it('gives every entity an access rule for the module role', () => {
      const { spec } = bundled;
      const domainModel = model.allDomainModels()[0] as domainmodels.DomainModel;
      for (const entity of domainModel.entities) {
        expect(entity.accessRules).toHaveLength(1);
        expect(entity.accessRules[0]?.moduleRoles.map((r) => r.name)).toEqual(spec.module.moduleRoles.map((r) => r.name));
        expect(entity.accessRules[0]?.allowCreate).toBe(true);
      }
    });
  });
});
