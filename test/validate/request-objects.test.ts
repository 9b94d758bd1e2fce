/**
 * What the plan refuses in request mappings of associated objects and split lists, each with its
 * location: the SQS fixture (which uses them correctly) broken one edit at a time.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../generator/paths.js';
import { loadApiModelFile } from '../../generator/validate/api-model-file.js';
import { validateSpecFile } from '../../generator/validate/validate-spec.js';

const fixture = join(PACKAGE_ROOT, 'test', 'specs', 'aws-sqs.connector.yaml');
const original = readFileSync(fixture, 'utf8');
const work = mkdtempSync(join(tmpdir(), 'request-objects-'));
cpSync(join(PACKAGE_ROOT, 'test', 'specs', 'api'), join(work, 'api'), { recursive: true });
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Validates the fixture with one text replaced; the problems as `path: message`. */
function problemsAfter(from: string, to: string): string[] {
  expect(original.split(from).length - 1, `"${from}" occurs once in the fixture`).toBe(1);
  const file = join(work, 'edited.connector.yaml');
  writeFileSync(file, original.replace(from, to));
  const result = validateSpecFile(file, loadApiModelFile);
  return result.diagnostics.map((d) => `${(d.path ?? []).join('.')}: ${d.message}`);
}

describe('request mappings of associated objects', () => {
  it('the fixture itself validates', () => {
    expect(problemsAfter('documentation: Lists queues, sends and receives messages.', 'documentation: Lists queues, sends and receives messages.')).toEqual([]);
  });

  it('refuses a map built from objects without a key attribute', () => {
    const problems = problemsAfter('      - { field: $key, attribute: Name }\n      - { field: $value.DataType', '      - { field: $value.DataType');
    expect(problems).toEqual([
      expect.stringMatching(
        /request\.5\.mapping: Mapping "MessageAttributeToApi" fills the map "MessageAttributes" of the request, but maps no attribute to \$key\.$/,
      ),
    ]);
  });

  it('refuses a response-only trait in an object mapping used in a request', () => {
    const problems = problemsAfter(
      '      - { field: Id, attribute: EntryId }\n      - { field: MessageBody, attribute: MessageBody }',
      '      - { field: Id, attribute: EntryId }\n      - { field: MessageBody, attribute: MessageBody, trait: base64Text }',
    );
    expect(problems).toEqual([
      expect.stringContaining('Trait base64Text (base64 received and decoded to text) works in response mappings only, not in a request mapping.'),
    ]);
  });

  it('refuses many objects through a Reference the request owns', () => {
    const problems = problemsAfter(
      '{ name: BatchEntry_SendMessageBatchRequest, parent: BatchEntry, child: SendMessageBatchRequest,',
      '{ name: BatchEntry_SendMessageBatchRequest, parent: SendMessageBatchRequest, child: BatchEntry,',
    );
    expect(problems).toContainEqual(
      expect.stringContaining(
        '"Entries" holds many objects, but through "BatchEntry_SendMessageBatchRequest" one SendMessageBatchRequest refers to one BatchEntry.',
      ),
    );
  });

  it('refuses a split list on a member that is not a list', () => {
    const problems = problemsAfter(
      '      - { field: AttributeNames, attribute: AttributeNames, trait: joinList }',
      '      - { field: QueueUrl, attribute: AttributeNames, trait: joinList }',
    );
    expect(problems).toContainEqual(expect.stringContaining('Trait joinList needs a list field, and "QueueUrl" is a string.'));
  });

  it('accepts associated objects in a request case only under an association of the request entity', () => {
    const problems = problemsAfter(
      '            MessageAttribute_SendMessageRequest:\n              - { Name: Source, DataType: String, StringValue: web shop }\n              - { Name: Priority',
      '            MessageAttribute_SendMessageRequst:\n              - { Name: Source, DataType: String, StringValue: web shop }\n              - { Name: Priority',
    );
    expect(problems).toEqual([expect.stringContaining('"MessageAttribute_SendMessageRequst" is not an attribute or association of SendMessageRequest.')]);
  });

  it('maps a list of plain values through $item only', () => {
    const problems = problemsAfter('      - { field: $item, attribute: Name }', '      - { field: $member, attribute: Name }');
    expect(problems).toEqual([expect.stringMatching(/: "\$member" is not part of the list list<string>\.$/)]);
  });

  it('refuses an apiValue on the value for newer API values, and a second such value', () => {
    const withApiValue = problemsAfter(
      '{ name: Newer, caption: Another attribute, newerValues: true, documentation: An attribute this module does not list. }',
      '{ name: Newer, caption: Another attribute, newerValues: true, apiValue: Policy, documentation: An attribute this module does not list. }',
    );
    expect(withApiValue).toEqual([
      expect.stringMatching(
        /values\.3\.apiValue: Value Newer stands for the API values ENUM_QueueAttributeName does not list, so it has no apiValue of its own\.$/,
      ),
    ]);
    const two = problemsAfter('{ name: All, caption: All }', '{ name: All, caption: All, newerValues: true }');
    expect(two).toEqual([
      expect.stringMatching(/values\.3\.newerValues: ENUM_QueueAttributeName has two values for API values it does not list: All and Newer\.$/),
    ]);
  });
});
