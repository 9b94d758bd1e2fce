import type { SpecIndex } from '../spec/spec-index.js';
import type { AttributeSpec, CaseValue, ConnectorSpec, EntitySpec, OperationSpec } from '../spec/types.js';
import type { ApiMemberView, ApiModelView } from './api-model-view.js';
import { checkUnique } from './check-domain-model.js';
import type { DiagnosticList, SpecPath } from './diagnostics.js';
import { didYouMean } from '../spec/suggest.js';

/**
 * Checks the conformance cases: every operation has cases, their inputs fit the parameters, their
 * exchanges fit the API shapes, and their expectations fit the return type. A case that does not fit
 * would test nothing the activity can really receive or return.
 */
export function checkCases(spec: ConnectorSpec, index: SpecIndex, api: ApiModelView, out: DiagnosticList): void {
  spec.operations.forEach((operation, i) => {
    const path: SpecPath = ['operations', i, 'cases'];
    checkUnique(
      operation.cases.map((c, j) => ({ name: c.name, path: [...path, j, 'name'] })),
      `case of ${operation.name}`,
      out,
      true,
    );
    operation.cases.forEach((testCase, j) => {
      const at: SpecPath = [...path, j];
      checkInput(operation, testCase.input, [...at, 'input'], index, out);
      checkExchanges(operation, testCase.exchanges, [...at, 'exchanges'], api, out);
      if ('result' in testCase.expect) {
        checkResult(operation, testCase.expect.result, [...at, 'expect', 'result'], index, out);
      } else {
        const error = testCase.expect.error;
        const last = testCase.exchanges[testCase.exchanges.length - 1];
        if (error.kind === 'validation' && testCase.exchanges.length > 0) {
          out.add(
            [...at, 'exchanges'],
            'A validation error means the activity refuses the input before any call, so the case cannot have exchanges.',
            'Write "exchanges: []", or expect another kind of error.',
          );
        }
        if (error.kind === 'aws') {
          if (!last?.error) {
            out.add(
              [...at, 'expect', 'error'],
              'An aws error is expected, but the last exchange does not answer with an error.',
              'End the exchanges with one whose "error" AWS returns.',
            );
          } else {
            const reported = api.reportedErrorCode(last.error.code);
            if (error.code !== reported) {
              out.add(
                [...at, 'expect', 'error', 'code'],
                reported === last.error.code
                  ? `The expected code ${JSON.stringify(error.code ?? null)} differs from the code ${JSON.stringify(last.error.code)} the exchange returns.`
                  : `The expected code ${JSON.stringify(error.code ?? null)} differs from ${JSON.stringify(reported)}, the code the activity reports for ${last.error.code} (the service also sends each error's older awsQuery code, and the AWS SDKs report that one).`,
                `Write ${JSON.stringify(reported)}.`,
              );
            }
            for (const key of ['status', 'requestId'] as const) {
              if (error[key] !== last.error[key]) {
                out.add(
                  [...at, 'expect', 'error', key],
                  `The expected ${key} ${JSON.stringify(error[key] ?? null)} differs from the ${key} ${JSON.stringify(last.error[key])} the exchange returns.`,
                  `An AWS error keeps its ${key}; write ${JSON.stringify(last.error[key])}.`,
                );
              }
            }
          }
        }
        if (error.kind === 'functionError' && !operation.traits.functionError) {
          out.add(
            [...at, 'expect', 'error', 'kind'],
            `Operation "${operation.name}" has no functionError trait, so it never fails with a function error.`,
            'Add the trait, or expect another kind of error.',
          );
        }
      }
      checkSecretsStayOut(operation, testCase.input, testCase.expect, at, index, out);
    });
  });
}

function checkInput(operation: OperationSpec, input: Record<string, CaseValue>, path: SpecPath, index: SpecIndex, out: DiagnosticList): void {
  const names = operation.parameters.map((p) => p.name);
  for (const key of Object.keys(input)) {
    if (!operation.parameters.some((p) => p.name === key)) {
      out.add([...path, key], `"${key}" is not a parameter of ${operation.name}.`, didYouMean(key, names, `Parameters: ${names.join(', ')}.`), { atKey: true });
    }
  }
  for (const parameter of operation.parameters) {
    if (!(parameter.name in input)) {
      out.add(path, `The input gives no value for parameter "${parameter.name}".`, `Add "${parameter.name}:" (null for an empty parameter).`);
      continue;
    }
    const value = input[parameter.name] ?? null;
    if (value === null) continue;
    if (parameter.enumeration !== undefined) {
      const enumeration = index.enumeration(parameter.enumeration);
      if (enumeration && !enumeration.values.some((v) => v.name === value)) {
        out.add(
          [...path, parameter.name],
          `${JSON.stringify(value)} is not a value of ${enumeration.name}.`,
          didYouMean(
            String(value),
            enumeration.values.map((v) => v.name),
            `Use a value name of ${enumeration.name}.`,
          ),
        );
      }
      continue;
    }
    const entity = index.entity(parameter.entity ?? '');
    // The request object may carry associated objects (under the association's name) that the request maps.
    if (entity) checkEntityValues(entity, value, [...path, parameter.name], index, out, parameter.role === 'request');
  }
}

/** Checks an object of attribute (and, in results, association) values against an entity. */
function checkEntityValues(entity: EntitySpec, value: CaseValue, path: SpecPath, index: SpecIndex, out: DiagnosticList, allowAssociations: boolean): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    out.add(
      path,
      `A ${entity.name} object is written as a mapping of attribute names to values, not ${Array.isArray(value) ? 'a list' : JSON.stringify(value)}.`,
      'Write the attributes as key: value pairs.',
    );
    return;
  }
  const attributes = index.allAttributes(entity);
  const associations = allowAssociations ? index.associationsOf(entity) : [];
  for (const [key, item] of Object.entries(value)) {
    const attribute = attributes.find((a) => a.name === key);
    if (attribute) {
      const problem = attributeValueProblem(attribute, item, index);
      if (problem) out.add([...path, key], `${entity.name}.${attribute.name}: ${problem}`, attributeHint(attribute, index));
      continue;
    }
    const association = associations.find((a) => a.name === key);
    if (association) {
      const other = index.otherEnd(association, entity);
      if (!other || item === null) continue;
      const items = Array.isArray(item) ? item : [item];
      items.forEach((element, n) => checkEntityValues(other, element, Array.isArray(item) ? [...path, key, n] : [...path, key], index, out, true));
      continue;
    }
    const candidates = [...attributes.map((a) => a.name), ...associations.map((a) => a.name)];
    out.add(
      [...path, key],
      `"${key}" is not ${allowAssociations ? 'an attribute or association' : 'an attribute'} of ${entity.name}.`,
      didYouMean(key, candidates, `Members of ${entity.name}: ${candidates.join(', ')}.`),
      { atKey: true },
    );
  }
}

function attributeValueProblem(attribute: AttributeSpec, value: CaseValue, index: SpecIndex): string | undefined {
  if (value === null) return undefined;
  switch (attribute.type) {
    case 'String':
      return typeof value === 'string' ? undefined : `${JSON.stringify(value)} is not text.`;
    case 'Integer':
    case 'Long':
      return typeof value === 'number' && Number.isInteger(value) ? undefined : `${JSON.stringify(value)} is not a whole number.`;
    case 'Decimal':
      return typeof value === 'number' || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value))
        ? undefined
        : `${JSON.stringify(value)} is not a number.`;
    case 'Boolean':
      return typeof value === 'boolean' ? undefined : `${JSON.stringify(value)} is not true or false.`;
    case 'DateTime':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(value)
        ? undefined
        : `${JSON.stringify(value)} is not a UTC time stamp.`;
    case 'Enumeration': {
      const enumeration = index.enumeration(attribute.enumeration ?? '');
      if (!enumeration) return undefined;
      return typeof value === 'string' && enumeration.values.some((v) => v.name === value)
        ? undefined
        : `${JSON.stringify(value)} is not a value of ${enumeration.name}.`;
    }
  }
}

function attributeHint(attribute: AttributeSpec, index: SpecIndex): string {
  switch (attribute.type) {
    case 'DateTime':
      return 'Write UTC time stamps as 2024-05-01T12:34:56.789Z.';
    case 'Enumeration': {
      const enumeration = index.enumeration(attribute.enumeration ?? '');
      return enumeration
        ? `Use a value name of ${enumeration.name}: ${enumeration.values
            .slice(0, 10)
            .map((v) => v.name)
            .join(', ')}${enumeration.values.length > 10 ? ', ...' : ''}.`
        : 'Use a value name of the enumeration.';
    }
    default:
      return `Write a value of type ${attribute.type}, or null for empty.`;
  }
}

function checkExchanges(
  operation: OperationSpec,
  exchanges: OperationSpec['cases'][number]['exchanges'],
  path: SpecPath,
  api: ApiModelView,
  out: DiagnosticList,
): void {
  const input = api.inputShape(operation.action);
  const output = api.outputShape(operation.action);
  exchanges.forEach((exchange, k) => {
    if (input) checkApiStructure(input, exchange.request, [...path, k, 'request'], api, out);
    if (output && exchange.response) checkApiStructure(output, exchange.response, [...path, k, 'response'], api, out);
  });
}

function checkApiStructure(shape: string, value: CaseValue, path: SpecPath, api: ApiModelView, out: DiagnosticList): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    out.add(path, `${shape} is written as a mapping of field names to values.`, 'Write the fields as key: value pairs.');
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    const member = api.member(shape, key);
    if (!member) {
      const names = api.memberNames(shape);
      out.add([...path, key], `The API shape ${shape} has no field "${key}".`, didYouMean(key, names, `Fields of ${shape}: ${names.join(', ')}.`), {
        atKey: true,
      });
      continue;
    }
    checkApiValue(member, item, [...path, key], api, out);
  }
}

function checkApiValue(member: ApiMemberView, value: CaseValue, path: SpecPath, api: ApiModelView, out: DiagnosticList): void {
  if (value === null) return;
  const wrong = (expected: string, hint: string) =>
    out.add(path, `Field "${member.name}" is a ${member.kind}; ${JSON.stringify(value)} is not ${expected}.`, hint);
  switch (member.kind) {
    case 'string':
    case 'timestamp': {
      if (typeof value !== 'string') return wrong('text', 'Quote the value.');
      const allowed = member.enumName ? api.enumValues(member.enumName) : undefined;
      if (allowed && !allowed.includes(value))
        out.add(path, `"${value}" is not a value of ${member.enumName}.`, didYouMean(value, allowed, `Values: ${allowed.join(', ')}.`));
      return;
    }
    case 'number':
    case 'bigInteger':
    case 'bigDecimal':
      return typeof value === 'number' ? undefined : wrong('a number', 'Write a number.');
    case 'boolean':
      return typeof value === 'boolean' ? undefined : wrong('true or false', 'Write true or false.');
    case 'blob': {
      const ok =
        typeof value === 'object' &&
        !Array.isArray(value) &&
        Object.keys(value).length === 1 &&
        (typeof value['$text'] === 'string' || typeof value['$base64'] === 'string');
      return ok ? undefined : wrong('binary data', 'Write binary fields as {$text: "..."} (UTF-8) or {$base64: "..."}.');
    }
    case 'structure':
    case 'union':
      if (member.shape) checkApiStructure(member.shape, value, path, api, out);
      return;
    case 'list': {
      if (!Array.isArray(value)) return wrong('a list', 'Write a list.');
      const element = api.elementOf(member.shape ?? '');
      if (element) value.forEach((item, n) => checkApiValue(element, item, [...path, n], api, out));
      return;
    }
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) return wrong('a mapping', 'Write key: value pairs.');
      const element = api.elementOf(member.shape ?? '');
      if (element) for (const [key, item] of Object.entries(value)) checkApiValue(element, item, [...path, key], api, out);
      return;
    }
    case 'document':
      return;
  }
}

function checkResult(operation: OperationSpec, result: CaseValue, path: SpecPath, index: SpecIndex, out: DiagnosticList): void {
  if (!('entity' in operation.returns)) {
    if (typeof result !== 'boolean')
      out.add(path, `${operation.name} returns a Boolean, so the expected result must be true or false.`, 'Write "result: true" or "result: false".');
    return;
  }
  const entity = index.entity(operation.returns.entity);
  if (entity) checkEntityValues(entity, result, path, index, out, true);
}

/** Secret input values (secret keys, session tokens) must never show up in what an activity returns or says. */
function checkSecretsStayOut(
  operation: OperationSpec,
  input: Record<string, CaseValue>,
  expect: OperationSpec['cases'][number]['expect'],
  path: SpecPath,
  index: SpecIndex,
  out: DiagnosticList,
): void {
  const secrets: string[] = [];
  for (const parameter of operation.parameters) {
    const entity = parameter.entity ? index.entity(parameter.entity) : undefined;
    const value = input[parameter.name];
    if (!entity || value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) continue;
    for (const attribute of index.allAttributes(entity)) {
      const secret = value[attribute.name];
      if (attribute.secret && typeof secret === 'string' && secret.length >= 4) secrets.push(secret);
    }
  }
  const expected = JSON.stringify(expect);
  if (secrets.some((s) => expected.includes(s))) {
    out.add(
      [...path, 'expect'],
      'The expected outcome contains a secret from the input.',
      'Secrets never appear in results or error messages; expect a message without it.',
    );
  }
}
