import { activityErrors, activityLimits } from '../model/activity-facts.js';
import { attributeLabel } from '../model/layout.js';
import { SpecIndex } from '../spec/spec-index.js';
import type {
  AssociationFieldMappingSpec,
  AttributeFieldMappingSpec,
  AttributeSpec,
  CaseExpectedErrorSpec,
  ConnectorSpec,
  EntitySpec,
  EnumerationSpec,
  FieldMappingSpec,
  OperationSpec,
  ParameterSpec,
} from '../spec/types.js';
import { DocumentBuilder, type DocumentModel, type Inline, type Text } from './doc-model.js';
import { multiplicity } from './domain-model-svg.js';

/**
 * The technical reference of a connector module, written from its spec alone. Every documentation
 * text is the spec's own (the same text the module shows in Studio Pro); the surrounding sentences
 * only name spec elements, so the reference follows the spec without drift.
 */

export interface ReferenceOptions {
  /** The picture file, relative to the reference (Markdown image link). */
  pictureFile: string;
  /** The module package, as the user finds it in the output folder. */
  packageFile: string;
}

const entityKey = (name: string) => `#entity:${name}`;
const enumerationKey = (name: string) => `#enumeration:${name}`;
const operationKey = (name: string) => `#operation:${name}`;
const errorsKey = (name: string) => `#errors:${name}`;

export interface Reference {
  document: DocumentModel;
  resolve: (target: string) => string;
}

export function buildReference(spec: ConnectorSpec, index: SpecIndex, options: ReferenceOptions): Reference {
  const doc = new DocumentBuilder();
  const m = spec.module;
  const q = (name: string) => `${m.name}.${name}`;
  const entityLink = (name: string): Inline => elementLink(name, entityKey(name));
  const enumerationLink = (name: string): Inline => elementLink(name, enumerationKey(name));
  const credentials = spec.client.credentials;
  const credentialsEntity = index.entity(credentials.entity);
  const providerAttribute = credentialsEntity ? index.attribute(credentialsEntity, credentials.providerAttribute) : undefined;
  const providerEnumeration = providerAttribute?.enumeration ? index.enumeration(providerAttribute.enumeration) : undefined;
  const providerValue = (name: string) => providerEnumeration?.values.find((v) => v.name === name);
  const providerCaption = (name: string) => providerValue(name)?.caption ?? name;
  const regionEnumeration = index.enumeration(spec.client.region.enumeration);
  const settingsEntity = index.entity(spec.client.settings.entity);

  doc.heading(1, `${m.name} technical reference`);
  doc.paragraph(`Module version ${m.version}, for Mendix ${m.mendixVersion} and later. Generated from the connector spec; do not edit by hand.`);
  doc.list([
    [{ link: 'Overview', target: '#overview' }],
    [{ link: 'Prerequisites', target: '#prerequisites' }],
    [{ link: 'Installation', target: '#installation' }],
    [{ link: 'Configuration', target: '#configuration' }],
    [{ link: 'Using the activities in a microflow', target: '#walkthrough' }],
    [{ link: 'Activities', target: '#activities' }],
    [{ link: 'Domain model', target: '#domain-model' }],
    [{ link: 'Enumerations', target: '#enumerations' }],
  ]);

  // Overview
  doc.heading(2, 'Overview', '#overview');
  doc.paragraph(m.documentation);
  doc.table(
    ['Activity', 'Caption', 'Description'],
    spec.operations.map((o) => [[{ link: o.name, target: operationKey(o.name) }], [o.caption], [o.documentation]]),
  );

  // Prerequisites
  doc.heading(2, 'Prerequisites', '#prerequisites');
  doc.list([
    ['Mendix Studio Pro ', { strong: m.mendixVersion }, ' or later.'],
    ['An AWS account, and an IAM identity (user or role) that has the permissions below.'],
    ['Access to the Maven repository Studio Pro downloads the Java dependencies below from (Maven Central unless your Studio Pro is set up to use a proxy).'],
  ]);
  doc.heading(3, 'AWS IAM permissions');
  doc.paragraph('Each activity needs one IAM action on the resources it reads or changes:');
  doc.table(
    ['Activity', 'IAM permission'],
    spec.operations.map((o) => [[{ link: o.name, target: operationKey(o.name) }], [{ code: o.permission }]]),
  );
  doc.paragraph(
    'With ',
    { code: `${credentials.providerAttribute} = ${credentials.providers.assumeRole}` },
    ` (${providerCaption(credentials.providers.assumeRole)}), the identity that signs the call to AWS STS also needs `,
    { code: 'sts:AssumeRole' },
    ' on the role, and the role needs the permissions above. A policy that allows every activity:',
  );
  const actions = [...new Set(spec.operations.map((o) => o.permission))];
  doc.code('json', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] }, null, 2));
  doc.paragraph('Narrow Resource to the ARNs of the resources the app works with where you can.');
  doc.heading(3, 'Java dependencies');
  doc.paragraph('The module declares these Maven dependencies in its module settings; Studio Pro downloads them into vendorlib when it synchronizes the app:');
  doc.table(
    ['Group ID', 'Artifact ID', 'Version', 'Maven coordinates'],
    m.javaDependencies.map((d) => [[{ code: d.groupId }], [{ code: d.artifactId }], [d.version], [{ code: `${d.groupId}:${d.artifactId}:${d.version}` }]]),
  );

  // Installation
  doc.heading(2, 'Installation', '#installation');
  doc.list(
    [
      ['Generate the module: the package is written to ', { code: options.packageFile }, '.'],
      ['Open your app in Studio Pro ', m.mendixVersion, ' or later.'],
      [
        'In the App Explorer, right-click the app and choose ',
        { strong: 'Import module package' },
        ', then select ',
        { code: options.packageFile.split('/').pop() ?? options.packageFile },
        '.',
      ],
      ['The module ', { code: m.name }, ' appears in the App Explorer; its activities appear in the toolbox under ', { strong: m.toolboxCategory }, '.'],
      [
        'Open ',
        { strong: 'App Security' },
        ' > ',
        { strong: 'User roles' },
        ', and give every user role whose microflows call the activities the module role below.',
      ],
      ['Synchronize the app directory (', { strong: 'App' }, ' > ', { strong: 'Synchronize App Directory' }, ') so the Java dependencies are downloaded.'],
    ],
    true,
  );
  doc.table(
    ['Module role', 'Description'],
    m.moduleRoles.map((r) => [[{ code: q(r.name) }], [r.documentation]]),
  );

  // Configuration
  doc.heading(2, 'Configuration', '#configuration');
  doc.heading(3, 'Credentials');
  if (credentialsEntity) {
    doc.paragraph('Every activity takes a ', entityLink(credentialsEntity.name), ' object. ', credentialsEntity.documentation);
  }
  if (providerEnumeration) {
    doc.paragraph(
      'Its ',
      { code: credentials.providerAttribute },
      ' attribute (enumeration ',
      enumerationLink(providerEnumeration.name),
      ') selects one of three providers. ',
      providerEnumeration.documentation,
    );
  }
  const providerRows: Array<{ value: string; uses: string[] }> = [
    { value: credentials.providers.staticKeys, uses: [credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken] },
    {
      value: credentials.providers.assumeRole,
      uses: [
        credentials.roleArn,
        credentials.externalId,
        credentials.roleSessionName,
        credentials.accessKeyId,
        credentials.secretAccessKey,
        credentials.sessionToken,
      ],
    },
    { value: credentials.providers.defaultChain, uses: [] },
  ];
  doc.table(
    ['Provider value', 'Caption', 'Attributes used', 'Description'],
    providerRows.map((row) => [
      [{ code: row.value }],
      [providerCaption(row.value)],
      row.uses.length === 0 ? ['none'] : joinInline(row.uses.map((u) => ({ code: u }))),
      [providerValue(row.value)?.documentation ?? ''],
    ]),
  );
  doc.paragraph(
    'Create the ',
    { code: credentials.entity },
    ' object in the microflow just before the call (Create object activity), and never commit or log it. Keep access keys out of the model: read them from constants or from a secret store at runtime.',
  );
  doc.heading(3, 'Region');
  if (regionEnumeration) {
    doc.paragraph(
      'Every activity takes a region, a value of the enumeration ',
      enumerationLink(regionEnumeration.name),
      ', for example ',
      { code: `${q(regionEnumeration.name)}.${regionEnumeration.values.find((v) => v.name === 'us_east_1')?.name ?? regionEnumeration.values[0]?.name ?? ''}` },
      '. ',
      regionEnumeration.documentation,
    );
  }
  if (settingsEntity) {
    doc.heading(3, 'Endpoint, timeouts and retries');
    doc.paragraph(
      'Every request entity specializes ',
      entityLink(settingsEntity.name),
      ', so each request carries these settings. ',
      settingsEntity.documentation,
    );
    doc.table(
      ['Attribute', 'Type', 'Description'],
      settingsEntity.attributes.map((a) => [[{ code: a.name }], [attributeType(a)], [a.documentation]]),
    );
  }

  // Walkthrough
  doc.heading(2, 'Using the activities in a microflow', '#walkthrough');
  const shown = (m.walkthroughs ?? spec.operations.slice(0, 1).map((o) => o.name)).flatMap((name) => index.operation(name) ?? []);
  doc.paragraph(
    'Every activity follows the same pattern: create a request object, create a ',
    { code: credentials.entity },
    ' object, pick a region, call the activity, then read the response. ',
    shown.length === 1 ? 'The walkthrough below shows it for ' : 'The walkthroughs below show it for ',
    ...shown.flatMap((o, i): Inline[] => [...(i === 0 ? [] : [i === shown.length - 1 ? ' and ' : ', ']), { code: o.name }]),
    '.',
  );
  for (const operation of shown) walkthrough(doc, spec, index, operation);

  // Activities
  doc.heading(2, 'Activities', '#activities');
  doc.paragraph(
    'The activities are in the toolbox category ',
    { strong: m.toolboxCategory },
    '. Each is a Java action of the module; its IAM permission is listed with it.',
  );
  for (const operation of spec.operations) activity(doc, spec, index, operation);

  // Domain model
  doc.heading(2, 'Domain model', '#domain-model');
  doc.paragraph('The entities of the module as they appear in its domain model (non-persistable entities in orange):');
  doc.picture(options.pictureFile, `Domain model of ${m.name}`);
  for (const entity of spec.entities) entitySection(doc, spec, index, entity);
  doc.heading(3, 'Associations');
  doc.paragraph(
    'A Reference association links many parent objects to one child object; a ReferenceSet links many to many. The owner is the side that stores the association.',
  );
  doc.table(
    ['Association', 'Parent', 'Child', 'Type', 'Multiplicity', 'Owner', 'Description'],
    spec.associations.map((a) => {
      const mult = multiplicity(a);
      return [
        [{ code: a.name }],
        [entityLink(a.parent)],
        [entityLink(a.child)],
        [a.type],
        [`${mult.parent} to ${mult.child}`],
        [a.owner === 'Both' ? 'Both' : `Default (${a.parent})`],
        [a.documentation],
      ];
    }),
  );

  // Enumerations
  doc.heading(2, 'Enumerations', '#enumerations');
  for (const enumeration of spec.enumerations) enumerationSection(doc, enumeration);

  return { document: { title: `${m.name} technical reference`, blocks: doc.blocks }, resolve: (target) => doc.resolve(target) };
}

function joinInline(parts: Inline[], separator = ', '): Text {
  return parts.flatMap((p, i) => (i === 0 ? [p] : [separator, p]));
}

function attributeType(attribute: AttributeSpec): string {
  if (attribute.type === 'Enumeration') return `Enumeration ${attribute.enumeration ?? ''}`.trim();
  if (attribute.type === 'String') return 'String';
  return attribute.type;
}

function attributeLength(attribute: AttributeSpec): string {
  if (attribute.type !== 'String') return '';
  return attribute.length === 'unlimited' ? 'unlimited' : String(attribute.length ?? 200);
}

function attributeDefault(attribute: AttributeSpec): Text {
  if (attribute.default === undefined) return [''];
  return [{ code: String(attribute.default) }];
}

function parameterType(spec: ConnectorSpec, parameter: ParameterSpec): Text {
  if (parameter.entity) return ['Object ', elementLink(parameter.entity, entityKey(parameter.entity))];
  if (parameter.enumeration) return ['Enumeration ', elementLink(parameter.enumeration, enumerationKey(parameter.enumeration))];
  return [spec.module.name];
}

/** A link to an element's section; an element of another module of the app (a qualified name) has none here, so it is named in code. */
function elementLink(name: string, target: string): Inline {
  return SpecIndex.isExternal(name) ? { code: name } : { link: name, target };
}

function requestParameter(operation: OperationSpec): ParameterSpec | undefined {
  return operation.parameters.find((p) => p.role === 'request');
}

function expectedErrors(operation: OperationSpec, kind: CaseExpectedErrorSpec['kind']): Array<{ caseName: string; error: CaseExpectedErrorSpec }> {
  const found: Array<{ caseName: string; error: CaseExpectedErrorSpec }> = [];
  for (const c of operation.cases) {
    if ('error' in c.expect && c.expect.error.kind === kind) found.push({ caseName: c.name, error: c.expect.error });
  }
  return found;
}

function attributeFields(fields: FieldMappingSpec[]): Array<{ field: string; attribute: string; trait?: string; maxBytes?: number }> {
  return fields.flatMap((f) => ('attribute' in f ? [f] : []));
}

function walkthrough(doc: DocumentBuilder, spec: ConnectorSpec, index: SpecIndex, operation: OperationSpec): void {
  const m = spec.module;
  const credentials = spec.client.credentials;
  const request = requestParameter(operation);
  const region = operation.parameters.find((p) => p.role === 'region');
  const credentialsParameter = operation.parameters.find((p) => p.role === 'credentials');
  const requestEntity = request?.entity ? index.entity(request.entity) : undefined;
  const settings = spec.client.settings.entity;
  doc.heading(3, `Walkthrough: ${operation.caption} (${operation.name})`);
  const steps: Text[] = [];
  const sub: Array<Text[] | undefined> = [];
  if (requestEntity) {
    steps.push([
      'Add a ',
      { strong: 'Create object' },
      ' activity for entity ',
      { code: `${m.name}.${requestEntity.name}` },
      ' and name the object ',
      { code: requestEntity.name },
      '.',
    ]);
    const own = index.allAttributes(requestEntity).filter((a) => !index.lineage(requestEntity).some((e) => e.name === settings && e.attributes.includes(a)));
    const pagination = operation.traits.pagination;
    const members: Text[] = own.map((a) => {
      const hint: Text = [{ code: a.name }, ': '];
      if (pagination && a.name === pagination.fetchAllAttribute) hint.push('set to ', { code: 'true' }, ' to receive every page in one response. ');
      if (a.type === 'Enumeration' && a.enumeration) {
        const e = index.enumeration(a.enumeration);
        if (e && e.values.length > 0) hint.push('for example ', { code: `${m.name}.${e.name}.${e.values[0]?.name ?? ''}` }, '. ');
      }
      hint.push(a.documentation);
      return hint;
    });
    sub[steps.length - 1] = undefined;
    steps.push(['In the same activity, set the members the call needs (leave the others empty):']);
    sub[steps.length - 1] = members;
  }
  const credentialsStep: Text = [
    'Add a ',
    { strong: 'Create object' },
    ' activity for ',
    { code: `${m.name}.${credentials.entity}` },
    ' and set ',
    { code: credentials.providerAttribute },
    ': ',
    { code: `${m.name}.${enumerationOfProvider(spec, index)}.${credentials.providers.defaultChain}` },
    ' when the app runs with an instance or container role, ',
    { code: credentials.providers.staticKeys },
    ' with ',
    { code: credentials.accessKeyId },
    ' and ',
    { code: credentials.secretAccessKey },
    ' (from constants or a secret store), or ',
    { code: credentials.providers.assumeRole },
    ' with ',
    { code: credentials.roleArn },
    '.',
  ];
  const callStep: Text = [
    'Drag ',
    { strong: operation.caption },
    ' from the toolbox category ',
    { strong: m.toolboxCategory },
    ' into the microflow. Pass ',
    ...joinInline(
      operation.parameters.map((p): Inline => {
        if (p.role === 'region') return { code: p.name };
        return { code: `$${p.role === 'credentials' ? credentials.entity : (p.entity ?? p.name)}` };
      }),
    ),
    ' as its parameters',
  ];
  if (region) {
    const regionEnumeration = region.enumeration ? index.enumeration(region.enumeration) : undefined;
    const example = regionEnumeration?.values.find((v) => v.name === 'eu_central_1') ?? regionEnumeration?.values[0];
    if (regionEnumeration && example) {
      callStep.push(
        ', choosing the region for ',
        { code: region.name },
        ', for example ',
        { code: `${m.name}.${regionEnumeration.name}.${example.name}` },
        ` (${example.caption})`,
      );
    }
  }
  const returns = operation.returns;
  if ('entity' in returns) callStep.push('. Name the result ', { code: returns.entity }, '.');
  else callStep.push('. The result is a ', { code: returns.type }, '.');
  const resultSteps: Text[] = [];
  if ('entity' in returns) {
    for (const field of operation.response) {
      if ('association' in field) {
        const association = index.association(field.association);
        const target = association ? (association.parent === returns.entity ? association.child : association.parent) : field.mapping;
        resultSteps.push([
          'Add a ',
          { strong: 'Retrieve' },
          ' activity, source ',
          { strong: 'By association' },
          ', and retrieve ',
          { code: `$${returns.entity}/${m.name}.${field.association}` },
          ` to get the ${target} objects (`,
          { code: field.field },
          ' in the AWS API).',
        ]);
      }
    }
    for (const field of attributeFields(operation.response)) {
      if (field.trait === 'jsonPayload') {
        resultSteps.push([
          'Read the result from ',
          { code: `$${returns.entity}/${field.attribute}` },
          ' (a JSON string); use an import mapping to turn it into objects.',
        ]);
      }
    }
    if (operation.traits.pagination) {
      const p = operation.traits.pagination;
      resultSteps.push([
        'Without ',
        { code: p.fetchAllAttribute },
        ', call the activity again with ',
        { code: p.inputToken },
        ' set to ',
        { code: `$${returns.entity}/${p.outputToken}` },
        ' while that is not empty.',
      ]);
    }
    if (operation.traits.functionError) {
      const f = operation.traits.functionError;
      resultSteps.push([
        'Check ',
        { code: `$${returns.entity}/${f.field}` },
        ': it is set when the function itself failed (unless ',
        { code: f.failAttribute },
        ' made the activity fail).',
      ]);
    }
  }
  const errorStep: Text = [
    'Right-click the activity, choose ',
    { strong: 'Set error handling' },
    ' > ',
    { strong: 'Custom without rollback' },
    ', and draw the error flow to a ',
    { strong: 'Log message' },
    ' or ',
    { strong: 'Show message' },
    ' activity that uses ',
    { code: '$latestError/Message' },
    ' (see ',
    { link: `errors of ${operation.name}`, target: errorsKey(operation.name) },
    ').',
  ];
  if (credentialsParameter) steps.push(credentialsStep);
  steps.push(callStep, ...resultSteps, errorStep);
  doc.list(steps, true, sub);
}

function enumerationOfProvider(spec: ConnectorSpec, index: SpecIndex): string {
  const entity = index.entity(spec.client.credentials.entity);
  const attribute = entity ? index.attribute(entity, spec.client.credentials.providerAttribute) : undefined;
  return attribute?.enumeration ?? spec.client.credentials.providerAttribute;
}

function activity(doc: DocumentBuilder, spec: ConnectorSpec, index: SpecIndex, operation: OperationSpec): void {
  const m = spec.module;
  doc.heading(3, operation.name, operationKey(operation.name));
  doc.paragraph(operation.documentation);
  doc.list([
    ['Toolbox: ', { strong: m.toolboxCategory }, ' > ', { strong: operation.caption }],
    ['AWS API action: ', { code: operation.action }],
    ['IAM permission: ', { code: operation.permission }],
  ]);
  doc.heading(4, `Input and output of ${operation.name}`);
  const rows: Text[][] = operation.parameters.map((p) => [['Input'], [{ code: p.name }], parameterType(spec, p), ['Yes'], [p.description]]);
  const returns = operation.returns;
  rows.push([
    ['Output'],
    ['Return value'],
    'entity' in returns ? ['Object ', elementLink(returns.entity, entityKey(returns.entity))] : [returns.type],
    [''],
    [returns.description],
  ]);
  doc.table(['Direction', 'Name', 'Type', 'Required', 'Description'], rows);

  const request = requestParameter(operation);
  const requestEntity = request?.entity ? index.entity(request.entity) : undefined;
  const requestFields = attributeFields(operation.request);
  if (requestEntity && requestFields.length > 0) {
    doc.paragraph(
      'Request attributes sent to AWS (all attributes of ',
      elementLink(requestEntity.name, entityKey(requestEntity.name)),
      ' are described with the entity):',
    );
    doc.table(
      ['Attribute', 'Type', 'AWS API member'],
      requestFields.map((f) => {
        const attribute = index.attribute(requestEntity, f.attribute);
        return [[{ code: f.attribute }], [attribute ? attributeLabel(attribute).slice(attribute.name.length + 2) : ''], [{ code: f.field }]];
      }),
    );
  }
  const requestObjects = operation.request.filter((f): f is AssociationFieldMappingSpec => 'association' in f);
  if (requestEntity && requestObjects.length > 0) {
    doc.paragraph('Objects associated with the request object, sent to AWS through an object mapping:');
    doc.table(
      ['Association', 'AWS API member', 'Each associated object becomes'],
      requestObjects.map((f) => {
        const mapping = index.objectMapping(f.mapping);
        const key = mapping?.fields.find((m): m is AttributeFieldMappingSpec => 'attribute' in m && m.field === '$key');
        const becomes: Text = key
          ? ['one entry, keyed by its ', { code: key.attribute }, ' (keys must differ)']
          : ['one ', { code: mapping?.shape ?? f.field }];
        return [[{ code: f.association }], [{ code: f.field }], [...becomes, ` (mapping ${f.mapping})`]];
      }),
    );
  }
  if ('entity' in returns && operation.response.length > 0) {
    const responseEntity = index.entity(returns.entity);
    doc.paragraph('Response members and where they go in ', elementLink(returns.entity, entityKey(returns.entity)), ':');
    doc.table(
      ['AWS API member', 'Attribute or association'],
      operation.response.map((f) => {
        if ('association' in f) return [[{ code: f.field }], ['association ', { code: f.association }, ` (one object per item, mapped by ${f.mapping})`]];
        const attribute = responseEntity ? index.attribute(responseEntity, f.attribute) : undefined;
        return [[{ code: f.field }], [{ code: f.attribute }, attribute ? ` (${attributeLabel(attribute).slice(attribute.name.length + 2)})` : '']];
      }),
    );
  }

  doc.heading(4, `Behaviour of ${operation.name}`);
  const behaviour: Text[] = [];
  const t = operation.traits;
  if (t.pagination) {
    const p = t.pagination;
    behaviour.push([
      { strong: 'Paging.' },
      ' The request attribute ',
      { code: p.inputToken },
      ' continues after a previous page',
      ...(p.limit ? [', ', { code: p.limit } as Inline, ' sets the page size'] : []),
      '; the response attribute ',
      { code: p.outputToken },
      ' is set while more pages remain. When ',
      { code: p.fetchAllAttribute },
      ' is true, the activity follows ',
      { code: p.outputToken },
      ' through every page itself and returns all ',
      { code: p.items },
      ' in one response, with an empty ',
      { code: p.outputToken },
      '.',
    ]);
  }
  for (const f of attributeFields(operation.request)) {
    if (f.trait === 'joinList')
      behaviour.push([
        { strong: 'Lists.' },
        ' ',
        { code: f.attribute },
        ' holds the items of ',
        { code: f.field },
        ' separated by commas; spaces around them are ignored.',
      ]);
    if (f.trait === 'jsonPayload') behaviour.push([{ strong: 'JSON check.' }, ' ', { code: f.attribute }, ' must be valid JSON; it is sent as UTF-8 bytes.']);
    if (f.trait === 'base64Json') {
      behaviour.push([{ strong: 'Encoded JSON.' }, ' ', { code: f.attribute }, ' must be valid JSON; it is sent base64 encoded.']);
    }
  }
  for (const f of attributeFields(operation.response)) {
    if (f.trait === 'base64Text')
      behaviour.push([{ strong: 'Decoded text.' }, ' ', { code: f.field }, ' arrives base64 encoded and is stored decoded in ', { code: f.attribute }, '.']);
    if (f.trait === 'timestamp')
      behaviour.push([{ strong: 'Timestamps.' }, ' ', { code: f.field }, ' is stored as a DateTime in ', { code: f.attribute }, '.']);
  }
  if (t.functionError) {
    const f = t.functionError;
    behaviour.push([
      { strong: 'Function errors.' },
      ' When the function itself fails, AWS still answers the call and the response attribute ',
      { code: f.field },
      ' holds the kind of failure. When the request attribute ',
      { code: f.failAttribute },
      " is true, the activity fails instead, with the function's error type and message.",
    ]);
  }
  const settings = index.entity(spec.client.settings.entity);
  if (settings) {
    behaviour.push([
      { strong: 'Endpoint.' },
      ' ',
      { code: spec.client.settings.endpointOverride },
      ' replaces the regional endpoint (an attribute inherited from ',
      elementLink(settings.name, entityKey(settings.name)),
      ').',
    ]);
  }
  doc.list(behaviour);

  // Limits and errors in the same words as the activity's documentation in Studio Pro (activity-facts.ts).
  doc.heading(4, `Limits of ${operation.name}`);
  doc.list(activityLimits(spec, index, operation).map((l): Text => [{ strong: `${l.title}.` }, ' ', ...l.text]));

  doc.heading(4, `Errors of ${operation.name}`, errorsKey(operation.name));
  doc.paragraph(
    'The activity fails with a Java exception whose message (',
    { code: '$latestError/Message' },
    ') has one of these forms; its start tells the kind:',
  );
  doc.list(
    activityErrors(operation).map((e): Text => [
      { strong: `${e.title}:` },
      ' ',
      { code: e.message },
      '. Cause: ',
      ...e.causes,
      '. Meaning: ',
      ...e.meaning,
      '.',
    ]),
  );
  const examples: Text[][] = [];
  for (const kind of ['aws', 'validation', 'functionError'] as const) {
    for (const { caseName, error } of expectedErrors(operation, kind)) {
      examples.push([
        [kind === 'aws' ? `AWS ${error.code ?? ''}`.trim() : kind === 'validation' ? 'Validation' : 'Function error'],
        [caseName],
        [{ code: error.message }],
      ]);
    }
  }
  if (examples.length > 0) {
    doc.paragraph('Examples from the conformance cases of ', { code: operation.name }, ':');
    doc.table(['Kind', 'Case', 'Message'], examples);
  }
}

function entitySection(doc: DocumentBuilder, spec: ConnectorSpec, index: SpecIndex, entity: EntitySpec): void {
  doc.heading(3, entity.name, entityKey(entity.name));
  doc.paragraph(entity.documentation);
  const facts: Text[] = [
    [entity.persistable ? 'Persistable' : 'Non-persistable', ' entity ', { code: `${spec.module.name}.${entity.name}` }, '.'],
    entity.generalization
      ? ['Generalization: ', elementLink(entity.generalization, entityKey(entity.generalization)), ' (inherits its attributes).']
      : ['Generalization: none.'],
  ];
  const inherited = index.allAttributes(entity).filter((a) => !entity.attributes.includes(a));
  if (inherited.length > 0) facts.push(['Inherited attributes: ', ...joinInline(inherited.map((a): Inline => ({ code: a.name })))]);
  const specializations = spec.entities.filter((e) => e.generalization === entity.name);
  if (specializations.length > 0) facts.push(['Specialized by: ', ...joinInline(specializations.map((e): Inline => elementLink(e.name, entityKey(e.name))))]);
  const associations = spec.associations.filter((a) => a.parent === entity.name || a.child === entity.name);
  for (const a of associations) {
    const mult = multiplicity(a);
    const other = a.parent === entity.name ? a.child : a.parent;
    facts.push([
      'Association ',
      { code: a.name },
      ` (${a.type}, ${mult.parent} ${a.parent} to ${mult.child} ${a.child}, owner ${a.owner}) with `,
      elementLink(other, entityKey(other)),
      '.',
    ]);
  }
  doc.list(facts);
  if (entity.attributes.length > 0) {
    doc.table(
      ['Attribute', 'Type', 'Length', 'Default', 'Description'],
      entity.attributes.map((a) => [
        [{ code: a.name }],
        a.type === 'Enumeration' && a.enumeration ? ['Enumeration ', elementLink(a.enumeration, enumerationKey(a.enumeration))] : [attributeType(a)],
        [attributeLength(a)],
        attributeDefault(a),
        a.secret ? [{ strong: 'Secret.' }, ' ', a.documentation] : [a.documentation],
      ]),
    );
  } else {
    doc.paragraph('No own attributes.');
  }
}

function enumerationSection(doc: DocumentBuilder, enumeration: EnumerationSpec): void {
  doc.heading(3, enumeration.name, enumerationKey(enumeration.name));
  doc.paragraph(enumeration.documentation);
  const withApi = enumeration.values.some((v) => v.apiValue !== undefined && v.apiValue !== v.name);
  const withDocs = enumeration.values.some((v) => v.documentation !== undefined);
  const header = ['Value', 'Caption', ...(withApi ? ['API value'] : []), ...(withDocs ? ['Description'] : [])];
  doc.table(
    header,
    enumeration.values.map((v) => [
      [{ code: v.name }],
      [v.caption],
      ...(withApi ? [v.apiValue !== undefined && v.apiValue !== v.name ? [{ code: v.apiValue }] : ['']] : []),
      ...(withDocs ? [[v.documentation ?? '']] : []),
    ]),
  );
}
