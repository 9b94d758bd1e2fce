import { describe, expect, it } from 'vitest';
import { parseApiModel } from '../../generator/aws/api-model.js';
import type { ApiModelFile } from '../../generator/aws/api-model-types.js';
import { memberMapping, stringLength, type MappingContext, type MemberMapping } from '../../generator/init/type-mapping.js';

/** A small API model with a member of every kind init treats differently. */
const FILE: ApiModelFile = {
  formatVersion: 1,
  service: 'example',
  protocol: 'awsJson1_1',
  sdkId: 'Example',
  namespace: 'com.example',
  sdkPackage: '@aws-sdk/client-example',
  sdkVersion: '3.0.0',
  javaSdkVersion: '2.57.8',
  operations: { Put: { http: { method: 'POST', path: '/', code: 200 }, input: 'PutInput', output: 'PutOutput', errors: [] } },
  shapes: {
    PutInput: {
      type: 'structure',
      members: {
        Name: { target: 'string', type: 'string', required: true },
        Mode: { target: 'string', type: 'string', enum: 'Mode' },
        Secret: { target: 'string', type: 'string', sensitive: true },
        RoleArn: { target: 'string', type: 'string' },
        Count: { target: 'number', type: 'number', javaNumber: 'Integer' },
        Size: { target: 'number', type: 'number', javaNumber: 'Long' },
        Share: { target: 'number', type: 'number', javaNumber: 'Double' },
        Ratio: { target: 'number', type: 'number', javaNumber: 'Float' },
        Newer: { target: 'number', type: 'number' },
        Exact: { target: 'bigDecimal', type: 'bigDecimal' },
        Huge: { target: 'bigInteger', type: 'bigInteger' },
        At: { target: 'timestamp', type: 'timestamp' },
        Enabled: { target: 'boolean', type: 'boolean' },
        Data: { target: 'blob', type: 'blob' },
        Body: { target: 'blob', type: 'blob', streaming: true },
        Doc: { target: 'document', type: 'document' },
        Choice: { target: 'Choice', type: 'union' },
        Names: { target: 'list<string>', type: 'list', memberEnum: 'Mode' },
        Counts: { target: 'list<number>', type: 'list' },
        Item: { target: 'Item', type: 'structure' },
        Items: { target: 'ItemList', type: 'list' },
        Tags: { target: 'map<string,string>', type: 'map' },
        ItemsByName: { target: 'ItemMap', type: 'map' },
        ListsByName: { target: 'map<string,list<string>>', type: 'map' },
        Empty: { target: 'Empty', type: 'structure' },
        Old: { target: 'string', type: 'string' },
      },
    },
    PutOutput: { type: 'structure', members: {} },
    Item: {
      type: 'structure',
      members: {
        Key: { target: 'string', type: 'string' },
        Inner: { target: 'Empty', type: 'structure' },
        Others: { target: 'ItemList', type: 'list' },
        Labels: { target: 'map<string,string>', type: 'map' },
        Values: { target: 'list<string>', type: 'list' },
      },
    },
    ItemList: { type: 'list', member: 'Item' },
    ItemMap: { type: 'map', key: 'string', value: 'Item' },
    Empty: { type: 'structure', members: { Blob: { target: 'blob', type: 'blob' } } },
    Choice: { type: 'union', members: { A: { target: 'string', type: 'string' } } },
  },
  enums: { Mode: ['FAST', 'SLOW'] },
};

const model = parseApiModel(structuredClone(FILE));

function context(overrides: Partial<MappingContext> = {}): MappingContext {
  return { model, direction: 'request', nested: false, requestAssociations: true, ...overrides };
}

function mapping(member: string, overrides: Partial<MappingContext> = {}): MemberMapping {
  const resolved = model.member('PutInput', member);
  if (!resolved) throw new Error(`no member ${member}`);
  return memberMapping('PutInput', member, resolved, context(overrides));
}

function attributeType(member: string, overrides: Partial<MappingContext> = {}): string {
  const mapped = mapping(member, overrides);
  if (mapped.kind === 'attribute')
    return `${mapped.scalar.type}${mapped.scalar.trait ? `/${mapped.scalar.trait}` : ''}${mapped.scalar.secret ? '/secret' : ''}`;
  return mapped.kind === 'skip' ? `skip: ${mapped.reason}` : `objects: ${mapped.container} ${mapped.shape}`;
}

describe('the Mendix type of each API member', () => {
  it('maps text, enums, booleans and time stamps', () => {
    expect(attributeType('Name')).toBe('String');
    expect(attributeType('Mode')).toBe('Enumeration');
    expect(attributeType('Secret')).toBe('String/secret');
    expect(attributeType('Enabled')).toBe('Boolean');
    expect(attributeType('At')).toBe('DateTime');
  });

  it('gives String attributes no length but for ARNs, as the model has no length constraints', () => {
    expect(stringLength('Name')).toBe('unlimited');
    expect(stringLength('RoleArn')).toBe(2048);
    expect(stringLength('TopicARN')).toBe(2048);
  });

  it('maps numbers by their Java width, and in requests only what the SDK builder takes', () => {
    expect(attributeType('Count')).toBe('Integer');
    expect(attributeType('Size')).toBe('Long');
    expect(attributeType('Share')).toBe('Decimal');
    expect(attributeType('Exact')).toBe('Decimal');
    expect(attributeType('Ratio')).toMatch(/^skip: a Java Float/);
    expect(attributeType('Ratio', { direction: 'response' })).toBe('Decimal');
    expect(attributeType('Huge')).toMatch(/^skip: a big integer/);
    expect(attributeType('Huge', { direction: 'response' })).toBe('Long');
    // With Java widths read, a number without one has no getter in the Java SDK.
    expect(attributeType('Newer', { direction: 'response' })).toMatch(/^skip: not in the AWS SDK for Java 2\.57\.8/);
  });

  it('maps numbers of unknown width in responses only, when the model has no Java widths', () => {
    const withoutWidths = parseApiModel({ ...structuredClone(FILE), javaSdkVersion: undefined });
    const member = withoutWidths.member('PutInput', 'Newer');
    if (!member) throw new Error('no member');
    const base = { model: withoutWidths, nested: false, requestAssociations: true } as const;
    expect(memberMapping('PutInput', 'Newer', member, { ...base, direction: 'request' })).toMatchObject({ kind: 'skip' });
    expect(memberMapping('PutInput', 'Newer', member, { ...base, direction: 'response' })).toMatchObject({ kind: 'attribute', scalar: { type: 'Long' } });
  });

  it('joins lists of strings into text, and leaves other lists of values out', () => {
    expect(attributeType('Names')).toBe('String/joinList');
    expect(attributeType('Counts')).toBe('skip: a list of numbers');
  });

  it('leaves out binary data, streams, documents and unions', () => {
    expect(attributeType('Data')).toBe('skip: binary data');
    expect(attributeType('Body')).toBe('skip: a stream');
    expect(attributeType('Doc')).toBe('skip: a JSON document');
    expect(attributeType('Choice')).toBe('skip: a union');
  });

  it('maps top-level structures, lists of structures and maps to objects', () => {
    expect(attributeType('Item')).toBe('objects: single Item');
    expect(attributeType('Items')).toBe('objects: list Item');
    expect(attributeType('Tags')).toBe('objects: map map<string,string>');
    expect(attributeType('ItemsByName')).toBe('objects: map ItemMap');
    expect(attributeType('ListsByName')).toBe('skip: a map of lists');
    expect(attributeType('Empty')).toBe('skip: a structure without plain fields');
  });

  it('leaves out what is nested inside objects, as object mappings fill attributes only', () => {
    const inner = (name: string) => {
      const member = model.member('Item', name);
      if (!member) throw new Error('no member');
      const mapped = memberMapping('Item', name, member, context({ nested: true, direction: 'response' }));
      return mapped.kind === 'skip' ? mapped.reason : mapped.kind;
    };
    expect(inner('Key')).toBe('attribute');
    expect(inner('Values')).toBe('attribute');
    expect(inner('Inner')).toBe('a nested structure');
    expect(inner('Others')).toBe('a nested list');
    expect(inner('Labels')).toBe('a nested map');
  });

  it('leaves request objects and joined lists out when request associations are off', () => {
    expect(attributeType('Item', { requestAssociations: false })).toMatch(/^skip: a structure, which requests cannot map/);
    expect(attributeType('Tags', { requestAssociations: false })).toMatch(/^skip: a map, which requests cannot map/);
    expect(attributeType('Names', { requestAssociations: false })).toMatch(/^skip: a list of strings, which requests cannot map/);
    expect(attributeType('Item', { requestAssociations: false, direction: 'response' })).toBe('objects: single Item');
  });

  it('leaves out deprecated members and structures whose Java class the SDK names otherwise', () => {
    expect(attributeType('Old', { deprecated: (shape, member) => shape === 'PutInput' && member === 'Old' })).toBe('skip: deprecated');
    expect(attributeType('Items', { missingJavaClasses: new Set(['Item']) })).toMatch(/names the class of Item otherwise/);
    expect(attributeType('Name', { missingJavaMember: (shape, member) => shape === 'PutInput' && member === 'Name' })).toMatch(
      /^skip: not in the AWS SDK for Java 2\.57\.8 under this name/,
    );
  });
});
