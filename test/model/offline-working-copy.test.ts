import { describe, expect, it } from 'vitest';
import { codeactions, domainmodels, enumerations, javaactions, projects, security, texts, type IAbstractElementJson, type IModel } from 'mendixmodelsdk';
import {
  DEFAULT_PROJECT_ROOT_ID,
  OfflineModelServerClient,
  OfflineOperationNotSupportedError,
  createProjectRootUnit,
  openOfflineModel,
  parseMendixVersion,
} from '../../generator/model/offline-working-copy.js';
import { extractUnits, type SdkUnitJson } from '../../generator/model/sdk-unit-export.js';
import { replayDeltas } from '../../generator/model/offline-delta-replay.js';
import { assignDeterministicIds, deterministicUuid } from '../../generator/model/sdk-deterministic-ids.js';
import { isAtLeast, isPropertyAvailable, isTypeAvailable } from '../../generator/model/sdk-version-support.js';

// A 1x1 PNG; the SDK types blob properties as strings, the Model API carries binary as base64.
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

interface Features {
  /** Projects$ModuleSettings unit (9.8.0+). */
  readonly moduleSettings: boolean;
  /** ModuleSettings.jarDependencies / Projects$JarDependency (10.0.0+). */
  readonly jarDependency: boolean;
  /** MicroflowActionInfo.imageData (9.6.0+) and iconData/iconDataDark/imageDataDark (9.10.0+). */
  readonly toolboxImages: boolean;
  /** CodeAction.actionDefaultReturnName (9.23.0+). */
  readonly defaultReturnName: boolean;
  /** CodeActionParameter.isRequired (9.17.0+). */
  readonly requiredParameters: boolean;
}

const ALL_FEATURES: Features = { moduleSettings: true, jarDependency: true, toolboxImages: true, defaultReturnName: true, requiredParameters: true };

/** What the model's Mendix version supports, asked from the SDK's own lifecycle data. */
function featuresOf(model: IModel): Features {
  return {
    moduleSettings: isTypeAvailable(projects.ModuleSettings, model),
    jarDependency: isTypeAvailable(projects.JarDependency, model),
    toolboxImages: isPropertyAvailable(codeactions.MicroflowActionInfo, 'iconData', model),
    defaultReturnName: isPropertyAvailable(javaactions.JavaAction, 'actionDefaultReturnName', model),
    requiredParameters: isPropertyAvailable(javaactions.JavaActionParameter, 'isRequired', model),
  };
}

function addAttribute(entity: domainmodels.Entity, name: string, documentation: string, defaultValue: string): domainmodels.Attribute {
  const attribute = domainmodels.Attribute.createIn(entity);
  attribute.name = name;
  attribute.documentation = documentation;
  // New attributes get a StoredValue part by default; its defaultValue is the attribute's default.
  const value = attribute.value;
  if (!(value instanceof domainmodels.StoredValue)) throw new Error('expected a StoredValue');
  value.defaultValue = defaultValue;
  return attribute;
}

function addEnumValue(enumeration: enumerations.Enumeration, name: string, caption: string): void {
  const value = enumerations.EnumerationValue.createIn(enumeration);
  value.name = name;
  // The caption part (Texts$Text) is created by default; texts are translations per language.
  const translation = texts.Translation.createIn(value.caption);
  translation.languageCode = 'en_US';
  translation.text = caption;
}

/** The model-building code under test: only uses IModel and the SDK's metamodel classes. */
function buildTestModule(model: IModel, features: Features): void {
  const module = projects.Module.createIn(model.root);
  module.name = 'TestModule';

  const enumeration = enumerations.Enumeration.createIn(module);
  enumeration.name = 'InvocationType';
  enumeration.documentation = 'How Lambda runs the function.';
  addEnumValue(enumeration, 'RequestResponse', 'Request/response');
  addEnumValue(enumeration, 'Event', 'Event (asynchronous)');

  const domainModel = domainmodels.DomainModel.createIn(module);
  const base = domainmodels.Entity.createIn(domainModel);
  base.name = 'BaseRecord';
  base.documentation = 'Non-persistable base.';
  base.location = { x: 100, y: 200 };
  const noGeneralization = base.generalization;
  if (!(noGeneralization instanceof domainmodels.NoGeneralization)) throw new Error('expected NoGeneralization');
  noGeneralization.persistable = false;

  const shortText = addAttribute(base, 'FunctionName', 'Name of the function.', 'my-function');
  domainmodels.StringAttributeType.createInAttributeUnderType(shortText).length = 200;
  const longText = addAttribute(base, 'Payload', 'Unlimited JSON payload.', '');
  domainmodels.StringAttributeType.createInAttributeUnderType(longText).length = 0;
  domainmodels.IntegerAttributeType.createInAttributeUnderType(addAttribute(base, 'StatusCode', '', '200'));
  domainmodels.LongAttributeType.createInAttributeUnderType(addAttribute(base, 'DurationMs', '', '0'));
  domainmodels.DecimalAttributeType.createInAttributeUnderType(addAttribute(base, 'Cost', '', '0.5'));
  domainmodels.BooleanAttributeType.createInAttributeUnderType(addAttribute(base, 'DryRun', '', 'false'));
  domainmodels.DateTimeAttributeType.createInAttributeUnderType(addAttribute(base, 'StartedAt', '', '')).localizeDate = false;
  const typeAttribute = addAttribute(base, 'Type', '', 'RequestResponse');
  domainmodels.EnumerationAttributeType.createInAttributeUnderType(typeAttribute).enumeration = enumeration;

  const result = domainmodels.Entity.createIn(domainModel);
  result.name = 'InvokeResult';
  result.location = { x: 400, y: 200 };
  domainmodels.Generalization.createIn(result).generalization = base;

  const reference = domainmodels.Association.createIn(domainModel);
  reference.name = 'InvokeResult_BaseRecord';
  reference.parent = result;
  reference.child = base;
  reference.type = domainmodels.AssociationType.Reference;
  const referenceSet = domainmodels.Association.createIn(domainModel);
  referenceSet.name = 'InvokeResult_Related';
  referenceSet.parent = result;
  referenceSet.child = base;
  referenceSet.type = domainmodels.AssociationType.ReferenceSet;
  referenceSet.owner = domainmodels.AssociationOwner.Both;

  const moduleSecurity = security.ModuleSecurity.createIn(module);
  const role = security.ModuleRole.createIn(moduleSecurity);
  role.name = 'User';
  role.description = 'Can invoke functions.';
  const rule = domainmodels.AccessRule.createInEntityUnderAccessRules(base);
  rule.moduleRoles.push(role);
  rule.allowCreate = true;
  rule.allowDelete = true;
  rule.defaultMemberAccessRights = domainmodels.MemberAccessRights.ReadWrite;
  for (const attribute of base.attributes) {
    const access = domainmodels.MemberAccess.createIn(rule);
    access.attribute = attribute;
    access.accessRights = domainmodels.MemberAccessRights.ReadWrite;
  }

  if (features.moduleSettings) {
    const settings = projects.ModuleSettings.createIn(module);
    settings.version = '1.2.3';
    if (features.jarDependency) {
      const jar = projects.JarDependency.createIn(settings);
      jar.groupId = 'software.amazon.awssdk';
      jar.artifactId = 'lambda';
      jar.version = '2.25.0';
    }
  }

  const folder = projects.Folder.createIn(module);
  folder.name = 'Operations';
  const action = javaactions.JavaAction.createIn(folder);
  action.name = 'Invoke';
  action.documentation = 'Invokes a Lambda function.';

  const requestParameter = javaactions.JavaActionParameter.createInCodeActionUnderActionParameters(action);
  requestParameter.name = 'Request';
  requestParameter.description = 'The request object.';
  const requestType = codeactions.BasicParameterType.create(model);
  requestParameter.actionParameterType = requestType;
  codeactions.ConcreteEntityType.createInBasicParameterTypeUnderType(requestType).entity = base;
  if (features.requiredParameters) requestParameter.isRequired = true;

  const typeParameter = javaactions.JavaActionParameter.createInCodeActionUnderActionParameters(action);
  typeParameter.name = 'InvocationType';
  typeParameter.description = 'Synchronous or asynchronous.';
  const enumParameterType = codeactions.BasicParameterType.create(model);
  typeParameter.actionParameterType = enumParameterType;
  codeactions.EnumerationType.createInBasicParameterTypeUnderType(enumParameterType).enumeration = enumeration;

  // Replaces the default VoidType return type.
  codeactions.ConcreteEntityType.createInCodeActionUnderActionReturnType(action).entity = result;
  if (features.defaultReturnName) action.actionDefaultReturnName = 'InvokeResult';

  const info = codeactions.MicroflowActionInfo.createInCodeActionUnderModelerActionInfo(action);
  info.caption = 'Invoke Lambda';
  info.category = 'AWS Lambda';
  if (features.toolboxImages) {
    info.imageData = PNG_BASE64;
    info.imageDataDark = PNG_BASE64;
    info.iconData = PNG_BASE64;
    info.iconDataDark = PNG_BASE64;
  }
}

type Json = IAbstractElementJson;

function unitOf(units: readonly SdkUnitJson[], type: string, name?: string): SdkUnitJson {
  const found = units.filter((unit) => unit.$Type === type && (name === undefined || (unit.contents as { name?: string }).name === name));
  if (found.length !== 1) throw new Error(`expected one ${type} ${name ?? ''}, found ${found.length}`);
  return found[0]!;
}

function byName(list: unknown, name: string): Json {
  if (!Array.isArray(list)) throw new Error('not a list');
  const found = (list as Json[]).find((item) => item['name'] === name);
  if (!found) throw new Error(`no item named ${name}`);
  return found;
}

async function buildAndExtract(mendixVersion: string, features: Features | 'auto' = ALL_FEATURES) {
  const offline = await openOfflineModel({ mendixVersion });
  buildTestModule(offline.model, features === 'auto' ? featuresOf(offline.model) : features);
  await offline.flush();
  const units = await extractUnits(offline.model);
  return { offline, units };
}

describe('openOfflineModel', () => {
  it('opens an empty project for the requested Mendix version without any server', async () => {
    const offline = await openOfflineModel({ mendixVersion: '10.21.0' });
    expect(offline.model.metaModelVersion.toString()).toBe('10.21.0');
    expect(offline.model.mxVersionForModel.toString()).toBe('10.21.0');
    expect(offline.model.root.id).toBe(DEFAULT_PROJECT_ROOT_ID);
    expect(offline.model.root.modules.length).toBe(0);
    expect(offline.model.allUnits().map((unit) => unit.structureTypeName)).toEqual(['Projects$Project']);
    await offline.close();
  });

  it('validates the version', () => {
    expect(parseMendixVersion('10.21.0.64362')).toEqual({ productVersion: '10.21.0.64362', metaModelVersion: '10.21.0' });
    expect(() => parseMendixVersion('10.21')).toThrow(/Invalid Mendix version '10.21'/);
    expect(() => parseMendixVersion('99.0.0')).toThrow(/newer than the newest metamodel version/);
  });

  it('builds a complete module for 10.21.0 and extracts every unit in SDK form', async () => {
    const { offline, units } = await buildAndExtract('10.21.0');

    expect(units.map((unit) => `${unit.$Type}/${unit.containmentName}`)).toEqual([
      'Projects$Project/',
      'Projects$Module/modules',
      'Projects$Folder/folders',
      'JavaActions$JavaAction/documents',
      'Enumerations$Enumeration/documents',
      'DomainModels$DomainModel/domainModel',
      'Projects$ModuleSettings/moduleSettings',
      'Security$ModuleSecurity/moduleSecurity',
    ]);
    const module = unitOf(units, 'Projects$Module');
    expect(module.contents['name']).toBe('TestModule');
    expect(module.containerId).toBe(offline.model.root.id);

    // Domain model: SDK names (generalization, location {x,y}, type), not storage names.
    const domainModel = unitOf(units, 'DomainModels$DomainModel');
    expect(domainModel.containerId).toBe(module.$ID);
    const entities = domainModel.contents['entities'] as Json[];
    const base = byName(entities, 'BaseRecord');
    expect(base.$Type).toBe('DomainModels$Entity');
    expect(base['documentation']).toBe('Non-persistable base.');
    expect(base['location']).toEqual({ x: 100, y: 200 });
    expect(base['generalization']).toMatchObject({ $Type: 'DomainModels$NoGeneralization', persistable: false });
    expect(base).not.toHaveProperty('MaybeGeneralization');
    const attributes = base['attributes'] as Json[];
    const typeOf = (name: string): Json => byName(attributes, name)['type'] as Json;
    const defaultOf = (name: string): unknown => (byName(attributes, name)['value'] as Json)['defaultValue'];
    expect(typeOf('FunctionName')).toMatchObject({ $Type: 'DomainModels$StringAttributeType', length: 200 });
    expect(typeOf('Payload')).toMatchObject({ $Type: 'DomainModels$StringAttributeType', length: 0 });
    expect(typeOf('StatusCode').$Type).toBe('DomainModels$IntegerAttributeType');
    expect(typeOf('DurationMs').$Type).toBe('DomainModels$LongAttributeType');
    expect(typeOf('Cost').$Type).toBe('DomainModels$DecimalAttributeType');
    expect(typeOf('DryRun').$Type).toBe('DomainModels$BooleanAttributeType');
    expect(typeOf('StartedAt')).toMatchObject({ $Type: 'DomainModels$DateTimeAttributeType', localizeDate: false });
    expect(typeOf('Type')).toMatchObject({ $Type: 'DomainModels$EnumerationAttributeType', enumeration: 'TestModule.InvocationType' });
    expect(defaultOf('FunctionName')).toBe('my-function');
    expect(defaultOf('StatusCode')).toBe('200');
    expect(defaultOf('Cost')).toBe('0.5');
    expect(defaultOf('DryRun')).toBe('false');
    expect(defaultOf('Type')).toBe('RequestResponse');
    expect(byName(attributes, 'FunctionName')['documentation']).toBe('Name of the function.');
    expect(typeof byName(attributes, 'FunctionName')['dataStorageGuid']).toBe('string');

    const result = byName(entities, 'InvokeResult');
    expect(result['generalization']).toMatchObject({ $Type: 'DomainModels$Generalization', generalization: 'TestModule.BaseRecord' });

    // Associations: parent/child are by-id references (the entity $IDs); type and owner are enum names.
    const associations = domainModel.contents['associations'] as Json[];
    expect(byName(associations, 'InvokeResult_BaseRecord')).toMatchObject({
      $Type: 'DomainModels$Association',
      type: 'Reference',
      owner: 'Default',
      parent: result.$ID,
      child: base.$ID,
    });
    expect(byName(associations, 'InvokeResult_Related')).toMatchObject({ type: 'ReferenceSet', owner: 'Both' });

    // Access rule: module roles by qualified name, member accesses by qualified attribute name.
    const [rule] = base['accessRules'] as Json[];
    expect(rule).toMatchObject({
      $Type: 'DomainModels$AccessRule',
      moduleRoles: ['TestModule.User'],
      allowCreate: true,
      defaultMemberAccessRights: 'ReadWrite',
    });
    expect((rule!['memberAccesses'] as Json[]).map((access) => access['attribute'])).toContain('TestModule.BaseRecord.FunctionName');

    // Module security and settings.
    const moduleSecurity = unitOf(units, 'Security$ModuleSecurity');
    expect(moduleSecurity.contents['moduleRoles']).toEqual([
      expect.objectContaining({ $Type: 'Security$ModuleRole', name: 'User', description: 'Can invoke functions.' }),
    ]);
    const settings = unitOf(units, 'Projects$ModuleSettings');
    expect(settings.contents).toMatchObject({ version: '1.2.3', exportLevel: 'Source' });
    expect(settings.contents['jarDependencies']).toEqual([
      expect.objectContaining({
        $Type: 'Projects$JarDependency',
        groupId: 'software.amazon.awssdk',
        artifactId: 'lambda',
        version: '2.25.0',
        isIncluded: true,
        exclusions: [],
      }),
    ]);

    // Enumeration with captions as Texts$Text translations.
    const enumeration = unitOf(units, 'Enumerations$Enumeration', 'InvocationType');
    expect(enumeration.containerId).toBe(module.$ID);
    expect(enumeration.contents['documentation']).toBe('How Lambda runs the function.');
    const event = byName(enumeration.contents['values'], 'Event');
    expect(event['caption']).toMatchObject({
      $Type: 'Texts$Text',
      translations: [expect.objectContaining({ $Type: 'Texts$Translation', languageCode: 'en_US', text: 'Event (asynchronous)' })],
    });

    // Folder and Java action.
    const folder = unitOf(units, 'Projects$Folder', 'Operations');
    const action = unitOf(units, 'JavaActions$JavaAction', 'Invoke');
    expect(action.containerId).toBe(folder.$ID);
    expect(action.contents).toMatchObject({
      documentation: 'Invokes a Lambda function.',
      actionDefaultReturnName: 'InvokeResult',
      actionReturnType: { $Type: 'CodeActions$ConcreteEntityType', entity: 'TestModule.InvokeResult' },
    });
    const parameters = action.contents['actionParameters'] as Json[];
    expect(parameters.map((parameter) => parameter['name'])).toEqual(['Request', 'InvocationType']);
    expect(parameters[0]).toMatchObject({
      $Type: 'JavaActions$JavaActionParameter',
      description: 'The request object.',
      isRequired: true,
      actionParameterType: { $Type: 'CodeActions$BasicParameterType', type: { $Type: 'CodeActions$ConcreteEntityType', entity: 'TestModule.BaseRecord' } },
    });
    expect(parameters[1]).toMatchObject({
      actionParameterType: { type: { $Type: 'CodeActions$EnumerationType', enumeration: 'TestModule.InvocationType' } },
    });
    const info = action.contents['modelerActionInfo'] as Json;
    expect(info).toMatchObject({
      $Type: 'CodeActions$MicroflowActionInfo',
      caption: 'Invoke Lambda',
      category: 'AWS Lambda',
      iconData: PNG_BASE64,
      iconDataDark: PNG_BASE64,
      imageData: PNG_BASE64,
      imageDataDark: PNG_BASE64,
    });
    expect(info).not.toHaveProperty('icon'); // removed in 9.10.0: not even serialised for 10.21
    expect(
      Buffer.from(info['iconData'] as string, 'base64')
        .subarray(1, 4)
        .toString('latin1'),
    ).toBe('PNG');

    await offline.close();
  });

  it('records deltas that reproduce every unit exactly', async () => {
    const { offline, units } = await buildAndExtract('10.21.0');
    const deltas = offline.deltas();
    expect(deltas.length).toBeGreaterThan(50);
    expect(deltas[0]).toMatchObject({ deltaType: 'CREATE_UNIT_TREE', contentType: 'Projects$Module', containmentName: 'modules' });
    expect(new Set(deltas.map((delta) => delta.deltaType))).toEqual(
      new Set(['CREATE_UNIT_TREE', 'UPDATE_PROPERTY_VALUE', 'CREATE_ELEMENT_TREE', 'DELETE_ELEMENT']),
    );
    const replayed = replayDeltas(deltas);
    const sortById = (list: readonly SdkUnitJson[]): SdkUnitJson[] => [...list].sort((a, b) => a.$ID.localeCompare(b.$ID));
    expect(sortById(replayed)).toEqual(sortById(units.filter((unit) => unit.$Type !== 'Projects$Project')));
    await offline.close();
  });

  it('loads existing units back (round trip through SDK unit JSON) and keeps them editable', async () => {
    const { offline, units } = await buildAndExtract('10.21.0');
    await offline.close();

    const reopened = await openOfflineModel({ mendixVersion: '10.21.0', units });
    expect(reopened.model.root.id).toBe(offline.model.root.id);
    expect(reopened.model.allUnits().every((unit) => unit.isLoaded)).toBe(true);
    expect(await extractUnits(reopened.model)).toEqual(units);

    const module = reopened.model.findModuleByQualifiedName('TestModule');
    expect(module?.domainModel.entities.map((entity) => entity.name)).toEqual(['BaseRecord', 'InvokeResult']);
    const association = reopened.model.allDomainModels()[0]!.associations.find((item) => item.name === 'InvokeResult_BaseRecord');
    expect(association?.parent.name).toBe('InvokeResult'); // by-id reference resolved
    const entity = domainmodels.Entity.createIn(module!.domainModel.asLoaded());
    entity.name = 'Added';
    await reopened.flush();
    expect(reopened.deltas().some((delta) => delta.deltaType === 'CREATE_ELEMENT_TREE' && delta.elementTree.$ID === entity.id)).toBe(true);
    await reopened.close();

    // Without eager loading, model units stay partial until loaded through the client.
    const lazy = await openOfflineModel({ mendixVersion: '10.21.0', units, loadAllUnits: false });
    const lazyAction = lazy.model.allJavaActions()[0]!;
    expect(lazyAction.isLoaded).toBe(false);
    expect(() => lazyAction.asLoaded().documentation).toThrow();
    const loaded = await lazyAction.load();
    expect(loaded.documentation).toBe('Invokes a Lambda function.');
    await lazy.close();
  });

  it('rejects malformed units', () => {
    const root = createProjectRootUnit('root');
    const orphan: SdkUnitJson = { $ID: 'm', $Type: 'Projects$Module', containerId: 'nowhere', containmentName: 'modules', contents: {} };
    expect(() => new OfflineModelServerClient({ mendixVersion: '10.21.0', units: [root, orphan] })).toThrow(/container nowhere/);
    expect(() => new OfflineModelServerClient({ mendixVersion: '10.21.0', units: [root, root] })).toThrow(/roots|twice/);
  });

  it('refuses server-only operations with an error naming the operation', async () => {
    const offline = await openOfflineModel({ mendixVersion: '10.21.0' });
    await expect(offline.model.exportMpk('/tmp/x.mpk')).rejects.toThrow(/cannot perform 'exportMpk'/);
    await expect(offline.model.exportModuleMpk('id', '/tmp/x.mpk')).rejects.toBeInstanceOf(OfflineOperationNotSupportedError);
    await expect(offline.model.getFiles()).rejects.toThrow(/'getFiles'/);
    await expect(offline.model.putFile('/tmp/a.jar', 'userlib/a.jar')).rejects.toThrow(/'putFile'/);
    await expect(offline.model.deleteWorkingCopy()).rejects.toThrow(/'deleteWorkingCopy'/);
    expect(() => offline.model.startReceivingModelEvents()).toThrow(/'getModelEventSource'/);
    expect(() => offline.model.startReceivingWorkingCopyEvents()).toThrow(/'getWorkingCopyEventSource'/);
    await offline.close();
  });

  it('leaves no sockets and no lasting timers behind', async () => {
    const count = (pattern: RegExp): number => process.getActiveResourcesInfo().filter((kind) => pattern.test(kind)).length;
    const network = /TCP|TLS|GetAddrInfo|UDP|Pipe/;
    const networkBefore = count(network);
    const timersBefore = count(/Timeout|Immediate/);
    const { offline } = await buildAndExtract('10.21.0');
    await offline.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(count(network)).toBe(networkBefore);
    expect(count(/Timeout|Immediate/)).toBeLessThanOrEqual(timersBefore);
  });
});

describe('Mendix version checks done by the SDK', () => {
  it("refuses in 9.0.5 what only later versions have, with the SDK's messages", async () => {
    // The very same building code fails on 9.0.5 at the first thing 9.0.5 lacks: the ModuleSettings unit.
    const whole = await openOfflineModel({ mendixVersion: '9.0.5' });
    expect(() => buildTestModule(whole.model, ALL_FEATURES)).toThrow(
      "Type 'Projects$ModuleSettings' is not yet available in Mendix version 9.0.5. It was introduced in Mendix version 9.8.0",
    );
    await whole.close();

    const offline = await openOfflineModel({ mendixVersion: '9.0.5' });
    const { model } = offline;
    const module = projects.Module.createIn(model.root);
    module.name = 'TestModule';
    const action = javaactions.JavaAction.createIn(module);
    action.name = 'Invoke';
    expect(() => {
      action.actionDefaultReturnName = 'Result';
    }).toThrow(
      "Property 'actionDefaultReturnName' of type 'JavaActions$JavaAction' is not yet available in Mendix version 9.0.5. It was introduced in Mendix version 9.23.0",
    );
    const parameter = javaactions.JavaActionParameter.createInCodeActionUnderActionParameters(action);
    expect(() => {
      parameter.isRequired = true;
    }).toThrow(
      "Property 'isRequired' of type 'JavaActions$JavaActionParameter' is not yet available in Mendix version 9.0.5. It was introduced in Mendix version 9.17.0",
    );

    const info = codeactions.MicroflowActionInfo.createInCodeActionUnderModelerActionInfo(action);
    info.caption = 'Invoke'; // exists in every version
    expect(() => {
      info.imageData = PNG_BASE64;
    }).toThrow(
      "Property 'imageData' of type 'CodeActions$MicroflowActionInfo' is not yet available in Mendix version 9.0.5. It was introduced in Mendix version 9.6.0",
    );
    expect(() => {
      info.iconData = PNG_BASE64;
    }).toThrow(
      "Property 'iconData' of type 'CodeActions$MicroflowActionInfo' is not yet available in Mendix version 9.0.5. It was introduced in Mendix version 9.10.0",
    );
    expect(() => info.iconData).toThrow(/not yet available in Mendix version 9.0.5/); // reading is checked too

    await offline.flush();
    const units = await extractUnits(model);
    const actionJson = unitOf(units, 'JavaActions$JavaAction', 'Invoke').contents;
    // Properties a version lacks are not serialised at all, and the 9.0.x-only `icon` is.
    expect(actionJson).not.toHaveProperty('actionDefaultReturnName');
    expect((actionJson['actionParameters'] as Json[])[0]).not.toHaveProperty('isRequired');
    expect(actionJson['modelerActionInfo']).toEqual({
      $ID: info.id,
      $Type: 'CodeActions$MicroflowActionInfo',
      caption: 'Invoke',
      category: '',
      icon: null,
    });
    await offline.close();
  });

  it('refuses JarDependency before 10.0.0 (9.24.0 has ModuleSettings but no jar dependencies)', async () => {
    const offline = await openOfflineModel({ mendixVersion: '9.24.0' });
    const { model } = offline;
    expect(() => buildTestModule(model, ALL_FEATURES)).toThrow(
      'In Mendix version 9.24.0 it is illegal on instances of Projects$JarDependency to call the "createIn" method',
    );
    const settings = model.allModuleSettings()[0]!.asLoaded();
    expect(() => projects.JarDependency.create(model)).toThrow(
      "Type 'Projects$JarDependency' is not yet available in Mendix version 9.24.0. It was introduced in Mendix version 10.0.0",
    );
    expect(() => settings.jarDependencies).toThrow(
      "Property 'jarDependencies' of type 'Projects$ModuleSettings' is not yet available in Mendix version 9.24.0. It was introduced in Mendix version 10.0.0",
    );
    await offline.flush();
    expect(unitOf(await extractUnits(model), 'Projects$ModuleSettings').contents).not.toHaveProperty('jarDependencies');
    await offline.close();
  });

  it('refuses in 10.21.0 what was removed earlier, naming the version it was removed in', async () => {
    const offline = await openOfflineModel({ mendixVersion: '10.21.0' });
    const module = projects.Module.createIn(offline.model.root);
    const action = javaactions.JavaAction.createIn(module);
    const info = codeactions.MicroflowActionInfo.createInCodeActionUnderModelerActionInfo(action);
    expect(() => {
      info.icon = null;
    }).toThrow(
      /Property 'icon' of type 'CodeActions\$MicroflowActionInfo' can no longer be instantiated in Mendix version 10.21.0 \(removed since Mendix version 9.10.0\)/,
    );
    await offline.close();
  });

  it('lets version-aware building code ask the SDK first and then succeed on older versions', async () => {
    const old = await buildAndExtract('9.0.5', 'auto');
    expect(featuresOf(old.offline.model)).toEqual({
      moduleSettings: false,
      jarDependency: false,
      toolboxImages: false,
      defaultReturnName: false,
      requiredParameters: false,
    });
    expect(unitOf(old.units, 'JavaActions$JavaAction', 'Invoke').contents['actionParameters']).toHaveLength(2);
    await old.offline.close();

    const v924 = await buildAndExtract('9.24.0', 'auto');
    expect(featuresOf(v924.offline.model)).toEqual({
      moduleSettings: true,
      jarDependency: false,
      toolboxImages: true,
      defaultReturnName: true,
      requiredParameters: true,
    });
    const info = unitOf(v924.units, 'JavaActions$JavaAction', 'Invoke').contents['modelerActionInfo'] as Json;
    expect(info['iconData']).toBe(PNG_BASE64);
    await v924.offline.close();

    expect(isAtLeast(v924.offline.model, '9.24.0')).toBe(true);
    expect(isAtLeast(v924.offline.model, '10.0.0')).toBe(false);
    expect(isPropertyAvailable(codeactions.MicroflowActionInfo, 'icon', '9.0.5')).toBe(true);
    expect(isPropertyAvailable(codeactions.MicroflowActionInfo, 'icon', '10.21.0')).toBe(false);
    expect(() => isPropertyAvailable(codeactions.MicroflowActionInfo, 'noSuchProperty', '10.21.0')).toThrow(/no property 'noSuchProperty'/);
  });
});

describe('deterministic ids', () => {
  it('derives every id from qualified-name paths and rewrites references', async () => {
    const first = await buildAndExtract('10.21.0');
    const second = await buildAndExtract('10.21.0');
    await first.offline.close();
    await second.offline.close();
    // The SDK itself uses random ids.
    expect(first.units[1]!.$ID).not.toBe(second.units[1]!.$ID);

    const a = assignDeterministicIds(first.units);
    const b = assignDeterministicIds(second.units);
    expect(a.units).toEqual(b.units);

    // No random id survives anywhere (ids, references, GUID-valued properties).
    const text = JSON.stringify(a.units);
    for (const oldId of a.idMap.keys()) expect(text).not.toContain(oldId);
    expect(text).not.toMatch(/"dataStorageGuid":"(?![0-9a-f]{8}-[0-9a-f]{4}-5)/);

    const module = unitOf(a.units, 'Projects$Module');
    expect(module.$ID).toBe(deterministicUuid('module:TestModule'));
    const domainModel = unitOf(a.units, 'DomainModels$DomainModel');
    expect(domainModel.$ID).toBe(deterministicUuid('module:TestModule/domainModel'));
    expect(domainModel.containerId).toBe(module.$ID);
    const entities = domainModel.contents['entities'] as Json[];
    const base = byName(entities, 'BaseRecord');
    expect(base.$ID).toBe(deterministicUuid('module:TestModule/domainModel/entities:BaseRecord'));
    expect(byName(domainModel.contents['associations'], 'InvokeResult_BaseRecord')['child']).toBe(base.$ID);
    expect(unitOf(a.units, 'JavaActions$JavaAction').$ID).toBe(deterministicUuid('module:TestModule/document:Invoke'));
    expect(a.paths.get(base.$ID)).toBe('module:TestModule/domainModel/entities:BaseRecord');

    // Remapped units still load into the SDK, with references resolved.
    const reopened = await openOfflineModel({ mendixVersion: '10.21.0', units: a.units });
    const association = reopened.model.allDomainModels()[0]!.associations.find((item) => item.name === 'InvokeResult_BaseRecord');
    expect(association?.child.id).toBe(base.$ID);
    await reopened.close();
  });

  it('produces RFC 4122 version 5 UUIDs', () => {
    // Known v5 value: uuidv5("www.example.com", DNS namespace).
    expect(deterministicUuid('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('refuses two structures with the same path', async () => {
    const offline = await openOfflineModel({ mendixVersion: '10.21.0' });
    const module = projects.Module.createIn(offline.model.root);
    module.name = 'Dup';
    const domainModel = domainmodels.DomainModel.createIn(module);
    domainmodels.Entity.createIn(domainModel).name = 'Same';
    domainmodels.Entity.createIn(domainModel).name = 'Same';
    const units = await extractUnits(offline.model);
    expect(() => assignDeterministicIds(units)).toThrow(/same id path 'module:Dup\/domainModel\/entities:Same'/);
    await offline.close();
  });
});
