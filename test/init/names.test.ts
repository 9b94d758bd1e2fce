import { describe, expect, it } from 'vitest';
import {
  attributeNameFor,
  attributeNameProblem,
  entityNameFor,
  enumCaptionFor,
  enumValueNameFor,
  NameSet,
  operationCaption,
  singularName,
} from '../../generator/init/names.js';

describe('names init gives spec elements', () => {
  it('keeps API member names that Mendix, Java and the proxies accept', () => {
    for (const name of ['QueueUrl', 'MaxResults', 'nextToken', 'MD5OfBody']) expect(attributeNameFor(name)).toBe(name);
  });

  it('renames attributes named like Mendix system members, Java keywords or proxy methods', () => {
    expect(attributeNameFor('Id')).toBe('IdValue');
    expect(attributeNameFor('Owner')).toBe('OwnerValue');
    expect(attributeNameFor('Default')).toBe('DefaultValue');
    expect(attributeNameFor('Context')).toBe('ContextValue');
    expect(attributeNameFor('Class')).toBe('ClassValue');
    // Studio Pro's proxy has a static getType(); an attribute Type would redeclare it.
    expect(attributeNameFor('Type')).toBe('TypeValue');
    expect(attributeNameProblem('Type')).toContain('proxy');
    expect(attributeNameProblem('Id')).toContain('Mendix');
    expect(attributeNameProblem('Public')).toContain('Java');
  });

  it('keeps entities clear of Java keywords and java.lang classes', () => {
    expect(entityNameFor('Object')).toBe('ObjectItem');
    expect(entityNameFor('Record')).toBe('RecordItem');
    expect(entityNameFor('Interface')).toBe('InterfaceItem');
    expect(entityNameFor('Tag')).toBe('Tag');
  });

  it('makes enumeration value names of any API value', () => {
    expect(enumValueNameFor('nodejs20.x')).toBe('nodejs20_x');
    expect(enumValueNameFor('aws:kms')).toBe('aws_kms');
    expect(enumValueNameFor('1.0')).toBe('V_1_0');
    expect(enumValueNameFor('default')).toBe('defaultValue');
    expect(enumValueNameFor('ACTIVE')).toBe('ACTIVE');
  });

  it('captions enumeration values in words where the API value is made of words', () => {
    expect(enumCaptionFor('IN_PROGRESS')).toBe('In progress');
    expect(enumCaptionFor('InProgress')).toBe('In progress');
    expect(enumCaptionFor('ACTIVE')).toBe('ACTIVE');
    expect(enumCaptionFor('nodejs20.x')).toBe('nodejs20.x');
    expect(enumCaptionFor('application/json')).toBe('application/json');
  });

  it('captions operations in sentence case, acronyms and versions kept', () => {
    expect(operationCaption('SendMessage')).toBe('Send message');
    expect(operationCaption('ListObjectsV2')).toBe('List objects V2');
    expect(operationCaption('DescribeDBInstances')).toBe('Describe DB instances');
  });

  it('names the entries of a map after the map in the singular', () => {
    expect(singularName('Tags')).toBe('Tag');
    expect(singularName('MessageAttributes')).toBe('MessageAttribute');
    expect(singularName('Policies')).toBe('Policy');
    expect(singularName('Statuses')).toBe('Status');
    expect(singularName('Aliases')).toBe('Alias');
    expect(singularName('Address')).toBe('Address');
  });

  it('makes names unique as Mendix compares them, without regard to case', () => {
    const names = new NameSet();
    expect(names.claim('Tag')).toBe('Tag');
    expect(names.claim('tag', 'TagEntry')).toBe('TagEntry');
    expect(names.claim('TAG', 'tagentry')).toBe('tagentry2');
  });
});
