import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReference } from '../../generator/docs/reference.js';
import { renderMarkdown } from '../../generator/docs/render-markdown.js';
import { activityErrors, type ErrorKindName } from '../../generator/model/activity-facts.js';
import { activityDocumentation, LINE_BREAK, moduleDocumentation, versionConstantDocumentation } from '../../generator/model/documentation.js';
import { javaLogLevels, logLevelsIn } from '../../generator/model/log-levels.js';
import { versionConstantName } from '../../generator/model/module-layout.js';
import { BUNDLED_SPEC_FILE, TEMPLATES_DIR } from '../../generator/paths.js';
import type { SpecIndex } from '../../generator/spec/spec-index.js';
import type { ConnectorSpec, OperationSpec } from '../../generator/spec/types.js';
import { loadApiModelFile } from '../../generator/validate/api-model-file.js';
import { validateSpecFile } from '../../generator/validate/validate-spec.js';

/**
 * The documentation Studio Pro's Documentation pane shows, composed from the spec: each activity
 * names its IAM permission, the errors it can raise and its limits; the module names its log node
 * and the levels the generated Java logs at. Plain text, no Markdown.
 */

let spec: ConnectorSpec;
let index: SpecIndex;

beforeAll(() => {
  const result = validateSpecFile(BUNDLED_SPEC_FILE, loadApiModelFile);
  if (!result.spec || !result.index) throw new Error(result.diagnostics.map((d) => d.message).join('; '));
  spec = result.spec;
  index = result.index;
});

function operation(name: string): OperationSpec {
  const found = spec.operations.find((o) => o.name === name);
  if (!found) throw new Error(`no operation ${name}`);
  return found;
}

/** A copy of the spec with one operation changed. */
function withOperation(name: string, change: (o: OperationSpec) => OperationSpec): ConnectorSpec {
  return { ...spec, operations: spec.operations.map((o) => (o.name === name ? change(structuredClone(o)) : o)) };
}

/** The message form of a kind as a pattern: each <placeholder> stands for any text. */
function messagePattern(form: string): RegExp {
  const escaped = form
    .split(/<[^>]+>/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${escaped}$`, 's');
}

/** Markdown and HTML markup that would show literally in Studio Pro's plain-text pane. */
function expectPlainText(text: string): void {
  expect(text).not.toMatch(/`|\*\*|^#|\]\(|<\/?(?:a|b|i|p|br|em|strong|code|ul|li)\b[^>]*>/m);
  // Line breaks as Studio Pro writes them: CR LF, never a bare LF.
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
}

describe('the documentation of an activity', () => {
  it("starts with the spec's documentation and names the IAM permission", () => {
    for (const o of spec.operations) {
      const text = activityDocumentation(spec, index, o);
      expect(text.startsWith(o.documentation + LINE_BREAK)).toBe(true);
      expect(text).toContain(`IAM permission: ${o.permission}.`);
      expectPlainText(text);
    }
  });

  it('lists each error kind the activity can raise, with the start of its message', () => {
    const invoke = activityDocumentation(spec, index, operation('Invoke'));
    expect(invoke).toContain('"Invoke refused before calling AWS: <reason>"');
    expect(invoke).toContain('"Invoke failed: <Code> (HTTP <status>, request ID <id>): <message>"');
    expect(invoke).toContain('"Invoke failed: <reason>"');
    expect(invoke).toContain('"Invoke failed: the function returned an error (<FunctionError>): <errorType>: <errorMessage>"');
    expect(invoke).toMatch(/timed out/);
    // Only an operation with the functionError trait can fail with the function's error.
    const list = activityDocumentation(spec, index, operation('ListFunctions'));
    expect(list).not.toContain('the function returned an error');
    expect(activityErrors(operation('ListFunctions')).map((e) => e.kind)).toEqual(['validation', 'client', 'aws']);
    expect(activityErrors(operation('Invoke')).map((e) => e.kind)).toEqual(['validation', 'client', 'aws', 'functionError']);
  });

  it('names the checks that refuse input before the call only where the operation has them', () => {
    const invoke = activityDocumentation(spec, index, operation('Invoke'));
    expect(invoke).toContain('Payload or ClientContext is not valid JSON');
    expect(invoke).toContain('is over its size limit');
    const getFunction = activityDocumentation(spec, index, operation('GetFunction'));
    expect(getFunction).not.toContain('valid JSON');
    expect(getFunction).not.toContain('size limit');
  });

  it('words each kind as the generated Java words its messages', () => {
    const java = readFileSync(join(TEMPLATES_DIR, 'java', 'impl', 'ConnectorException.java.hbs'), 'utf8');
    expect(java).toContain('" refused before calling AWS: "');
    expect(java).toContain('" failed: "');
    expect(java).toContain('.append(" (HTTP ")');
    expect(java).toContain('.append(", request ID ")');
    expect(java).toContain('" failed: the function returned an error ("');
    expect(java).toContain('enum Kind { VALIDATION, AWS, FUNCTION_ERROR, CLIENT }');
  });

  it("matches every error message the conformance cases expect from the Java, with the form of the case's kind", () => {
    const kindOf: Record<string, ErrorKindName> = { validation: 'validation', aws: 'aws', functionError: 'functionError' };
    let checked = 0;
    for (const o of spec.operations) {
      const forms = new Map(activityErrors(o).map((e) => [e.kind, messagePattern(e.message)]));
      for (const c of o.cases) {
        if (!('error' in c.expect)) continue;
        const pattern = forms.get(kindOf[c.expect.error.kind] ?? 'client');
        expect(pattern, `${o.name}: ${c.name}`).toBeDefined();
        expect(c.expect.error.message, `${o.name}: ${c.name}`).toMatch(pattern as RegExp);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('tells the payload limits, encoded size limits, page limit and time limit, from the spec', () => {
    const invoke = activityDocumentation(spec, index, operation('Invoke'));
    expect(invoke).toContain(
      'Payload may hold at most, in UTF-8, by InvocationType (empty counts as RequestResponse): RequestResponse 6,291,456 bytes (6 MB); Event 1,048,576 bytes (1 MB); DryRun 6,291,456 bytes (6 MB).',
    );
    expect(invoke).toContain('ClientContext may be at most 3,583 bytes once base64 encoded');
    expect(invoke).not.toMatch(/pages/);
    for (const o of spec.operations) {
      const text = activityDocumentation(spec, index, o);
      expect(text).toContain('ApiCallTimeoutSeconds of the request bounds the whole call, retries included: 960 seconds when empty');
      expect(text).toContain('MaxAttempts of the request limits the attempts');
    }
    const list = activityDocumentation(spec, index, operation('ListFunctions'));
    expect(list).toContain('With FetchAllPages true the activity reads at most 1,000 pages');
    // The trait's own maxPages wins over the default.
    const changed = withOperation('ListFunctions', (o) => {
      if (o.traits.pagination) o.traits.pagination.maxPages = 7;
      return o;
    });
    const text = activityDocumentation(changed, index, changed.operations.find((o) => o.name === 'ListFunctions') as OperationSpec);
    expect(text).toContain('reads at most 7 pages');
    expect(text).toContain('AWS returned more than 7 pages or the same page token twice');
  });

  it('follows the spec: a different permission, timeout default and no traits change the text', () => {
    const changed = withOperation('Invoke', (o) => ({ ...o, permission: 'example:DoIt', traits: {} }));
    const withTimeout = { ...changed, client: { ...changed.client, settings: { ...changed.client.settings, defaultApiCallTimeoutSeconds: 45 } } };
    const text = activityDocumentation(withTimeout, index, withTimeout.operations.find((o) => o.name === 'Invoke') as OperationSpec);
    expect(text).toContain('IAM permission: example:DoIt.');
    expect(text).toContain('45 seconds when empty');
    expect(text).not.toContain('function returned an error');
    expect(text).not.toContain('6,291,456');
  });
});

describe('the documentation of the module', () => {
  it('names the log node and the levels the Java templates log at', () => {
    const levels = javaLogLevels();
    expect(levels.length).toBeGreaterThan(0);
    const text = moduleDocumentation(spec, levels);
    expect(text.startsWith(spec.module.documentation + LINE_BREAK)).toBe(true);
    expect(text).toContain(`log to the log node ${spec.module.name}.`);
    for (const level of levels) expect(text).toContain(level);
    expectPlainText(text);
  });

  it('reads the levels from every LOG call of the templates', () => {
    expect(logLevelsIn(['AwsClientFactory.LOG.debug("x");', 'LOG.warn("y", e); LOG.debug("z")', 'LOGGER.info("not ours"); LOG.errorCount'])).toEqual([
      'Debug',
      'Warning',
    ]);
    const templates = ['action.java.hbs', 'impl/AwsClientFactory.java.hbs'].map((f) => readFileSync(join(TEMPLATES_DIR, 'java', f), 'utf8'));
    for (const level of logLevelsIn(templates)) expect(javaLogLevels()).toContain(level);
    expect(javaLogLevels()).toContain('Debug');
  });

  it('says a failing activity logs nothing itself only while the Java logs nothing at Warning or above', () => {
    expect(moduleDocumentation(spec, ['Debug'])).toContain('A failing activity logs nothing itself');
    expect(moduleDocumentation(spec, ['Debug'])).toContain('at level Debug only');
    const noisy = moduleDocumentation(spec, ['Debug', 'Error']);
    expect(noisy).not.toContain('A failing activity logs nothing itself');
    expect(noisy).toContain('at level Debug and Error');
  });

  it('tells where to keep static keys and that the default provider chain finds none on Mendix Cloud', () => {
    const text = moduleDocumentation(spec, ['Debug']);
    expect(text).toContain('constants of your own module that have no default value');
    expect(text).toContain('On Mendix Cloud it finds none you can use');
    expect(text).toContain(`${spec.client.credentials.providers.defaultChain} finds credentials only where`);
  });

  it('names the version constant and the folders', () => {
    const text = moduleDocumentation(spec, ['Debug']);
    expect(text).toContain(`@${spec.module.name}.${spec.module.name}_Version`);
    expect(text).toContain('USE_ME/Operations');
    expect(text).toContain('USE_ME/Enumerations');
    expect(versionConstantName(spec)).toBe(`${spec.module.name}_Version`);
    const constant = versionConstantDocumentation(spec);
    expect(constant).toContain(spec.module.version);
    expectPlainText(constant);
  });
});

describe('one wording for the package and the technical reference', () => {
  it('gives the reference the same error forms and limits as the activity documentation', () => {
    const reference = buildReference(spec, index, { pictureFile: 'domain-model.svg', packageFile: 'dist/M.mpk' });
    const markdown = renderMarkdown(reference.document, reference.resolve);
    for (const o of spec.operations) {
      for (const e of activityErrors(o)) expect(markdown).toContain(`\`${e.message}\``);
    }
    expect(markdown).toContain('reads at most 1,000 pages');
    expect(markdown).toContain('`ClientContext` may be at most 3,583 bytes once base64 encoded');
  });
});
