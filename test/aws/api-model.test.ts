import { mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_API_MODEL_BYTES } from '../../generator/load/read-file.js';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as lambdaSdk from '@aws-sdk/client-lambda';
import { SchemaWalker, decodeTraits, extractApiModel, loadSdkPackage, serializeApiModel } from '../../generator/aws/extract-api-model.js';
import { addJavaNumberTypes, DEFAULT_JAVA_SDK_VERSION, javaSdkArtifact } from '../../generator/aws/java-number-types.js';
import { cachedClasspath } from '../../generator/java/maven.js';
import { MAVEN_CACHE_DIR, skipJavaTests } from '../java/java-classpath.js';
import {
  loadApiModel,
  parseApiModel,
  parseTypeRef,
  type ApiModel,
  type ApiModelFile,
  type ApiStructureShape,
  type MemberPathResult,
} from '../../generator/aws/api-model.js';
import { closestNames, editDistance, editDistanceWithin } from '../../generator/spec/suggest.js';
import { PACKAGE_ROOT } from '../../generator/paths.js';

/** The bundled Lambda API model. */
const LAMBDA_API_FILE = join(PACKAGE_ROOT, 'spec', 'api', 'aws-lambda.api.json');

const sdk = lambdaSdk as unknown as Record<string, unknown>;
const model: ApiModel = loadApiModel(LAMBDA_API_FILE);
const lambdaPackage = loadSdkPackage('lambda');
const modelsDir = join(lambdaPackage.dir, 'dist-types', 'models');

/** The model without what java-number-types.ts adds: what the JavaScript SDK alone yields. */
function withoutJavaNumbers(file: ApiModelFile): ApiModelFile {
  const copy = structuredClone(file);
  delete copy.javaSdkVersion;
  for (const shape of Object.values(copy.shapes)) {
    if (shape.type === 'structure' || shape.type === 'union') for (const member of Object.values(shape.members)) delete member.javaNumber;
  }
  return copy;
}

function structure(name: string): ApiStructureShape {
  const shape = model.shape(name);
  if (shape?.type !== 'structure') throw new Error(`${name} is not a structure in the model`);
  return shape;
}

function resolved(result: MemberPathResult) {
  if (!result.ok) throw new Error(result.message);
  return result.member;
}

const REGENERATE = 'regenerate it with "mendix-connector api-model lambda --java-number-types --out spec/api/aws-lambda.api.json --force"';

describe('spec/api/aws-lambda.api.json', () => {
  it('is exactly what the installed JavaScript SDK yields today (apart from the Java number types)', () => {
    const fresh = extractApiModel('lambda');
    const committed = JSON.parse(readFileSync(LAMBDA_API_FILE, 'utf8')) as ApiModelFile;
    expect(withoutJavaNumbers(committed), REGENERATE).toEqual(JSON.parse(serializeApiModel(fresh)));
  });

  describe.skipIf(skipJavaTests('the Java number types of the committed Lambda model'))('with the Java number types', () => {
    it('is byte for byte a fresh extraction with the widths read from the AWS SDK for Java jars', async () => {
      const committedText = readFileSync(LAMBDA_API_FILE, 'utf8');
      const committed = JSON.parse(committedText) as ApiModelFile;
      expect(committed.javaSdkVersion).toBe(DEFAULT_JAVA_SDK_VERSION);
      const jars = await cachedClasspath([javaSdkArtifact(committed, DEFAULT_JAVA_SDK_VERSION)], MAVEN_CACHE_DIR);
      const { model: fresh, unmatched } = addJavaNumberTypes(extractApiModel('lambda'), jars);
      // The Java SDK leaves out the deprecated InvokeAsync operation: its response has no Java class.
      expect(unmatched).toEqual([`InvokeAsyncResponse.Status: no class software.amazon.awssdk.services.lambda.model.InvokeAsyncResponse`]);
      // Structured comparison first, for a readable diff; then the bytes (key order, formatting).
      expect(committed, REGENERATE).toEqual(JSON.parse(serializeApiModel(fresh)));
      expect(committedText, REGENERATE).toBe(serializeApiModel(fresh));
    }, 180_000);

    it("records the Java class of a shape the AWS SDK for Java renamed, found on S3's jar", async () => {
      const extracted = extractApiModel('s3');
      const jars = await cachedClasspath([javaSdkArtifact(extracted, DEFAULT_JAVA_SDK_VERSION)], MAVEN_CACHE_DIR);
      const { model: s3 } = addJavaNumberTypes(extracted, jars);
      // S3's Object and Error would clash with java.lang: the SDK names them S3Object and S3Error.
      const renamed = Object.entries(s3.shapes).flatMap(([name, shape]) =>
        (shape.type === 'structure' || shape.type === 'union') && shape.javaClass ? [`${name} -> ${shape.javaClass}`] : [],
      );
      expect(renamed).toEqual(['Error -> S3Error', 'Object -> S3Object']);
      // ListObjectsV2 lists its objects as a list of that shape.
      const contents = s3.shapes['ListObjectsV2Output'];
      expect(contents?.type === 'structure' ? contents.members['Contents']?.target : undefined).toBe('ObjectList');
    }, 300_000);
  });

  it('records the installed SDK version, client class and command classes', () => {
    expect(model.sdkVersion).toBe(lambdaPackage.version);
    expect(model.file.jsClient).toBe('LambdaClient');
    expect(model.operation('ListFunctions')?.jsCommand).toBe('ListFunctionsCommand');
    expect(model.operation('ListFunctions')?.paginator?.jsFunction).toBe('paginateListFunctions');
    expect(model.file.apiVersion).toBe('2015-03-31');
    expect(model.file.sdkPackage).toBe('@aws-sdk/client-lambda');
    expect(model.service).toBe('lambda');
  });

  it('has an operation for every command class the SDK exports, and no other', () => {
    const commands = Object.keys(sdk)
      .filter((k) => /^[A-Z]\w*Command$/.test(k) && typeof sdk[k] === 'function')
      .map((k) => k.slice(0, -'Command'.length))
      .sort();
    expect(commands.length).toBeGreaterThan(50);
    expect(model.operationNames()).toEqual(commands);
  });

  it('is internally consistent (every reference resolves)', () => {
    expect(model.problems()).toEqual([]);
  });

  it('is deterministic: keys sorted at every level', () => {
    const text = readFileSync(LAMBDA_API_FILE, 'utf8');
    const check = (value: unknown, where: string): void => {
      if (Array.isArray(value)) value.forEach((v, i) => check(v, `${where}[${i}]`));
      else if (typeof value === 'object' && value !== null) {
        const keys = Object.keys(value);
        expect(keys, where).toEqual([...keys].sort());
        for (const k of keys) check((value as Record<string, unknown>)[k], `${where}.${k}`);
      }
    };
    check(JSON.parse(text), '$');
  });
});

describe('Lambda operations the connector uses (facts read from the SDK d.ts models)', () => {
  it('ListFunctions', () => {
    const op = model.operation('ListFunctions');
    expect(op?.http).toEqual({ method: 'GET', path: '/2015-03-31/functions', code: 200 });
    expect(op?.input).toBe('ListFunctionsRequest');
    expect(op?.output).toBe('ListFunctionsResponse');
    expect(op?.errors).toEqual(['InvalidParameterValueException', 'ServiceException', 'TooManyRequestsException']);
    expect(op?.paginator).toEqual({ inputToken: 'Marker', outputToken: 'NextMarker', pageSize: 'MaxItems', jsFunction: 'paginateListFunctions' });

    const input = structure('ListFunctionsRequest');
    expect(Object.keys(input.members).sort()).toEqual(['FunctionVersion', 'Marker', 'MasterRegion', 'MaxItems']);
    expect(input.members['Marker']).toEqual({ target: 'string', type: 'string', location: 'query', locationName: 'Marker', required: false });
    expect(input.members['MaxItems']).toMatchObject({ type: 'number', location: 'query', locationName: 'MaxItems', required: false });
    expect(input.members['MasterRegion']).toMatchObject({ type: 'string', location: 'query', locationName: 'MasterRegion' });
    expect(input.members['FunctionVersion']).toMatchObject({ type: 'string', enum: 'FunctionVersion', location: 'query' });

    const output = structure('ListFunctionsResponse');
    expect(Object.keys(output.members).sort()).toEqual(['Functions', 'NextMarker']);
    expect(output.members['NextMarker']).toMatchObject({ type: 'string' });
    expect(output.members['Functions']).toMatchObject({ type: 'list', target: 'FunctionList' });
    expect(model.listItemShape('FunctionList')).toBe('FunctionConfiguration');
  });

  it('Invoke', () => {
    const op = model.operation('Invoke');
    expect(op?.http).toEqual({ method: 'POST', path: '/2015-03-31/functions/{FunctionName}/invocations', code: 200 });
    expect(op?.input).toBe('InvocationRequest');
    expect(op?.output).toBe('InvocationResponse');
    expect(op?.errors).toContain('ResourceNotFoundException');
    expect(op?.errors).toContain('RequestTooLargeException');
    expect(op?.errors).not.toContain('LambdaServiceException');

    const input = structure('InvocationRequest').members;
    expect(Object.keys(input)).toEqual(expect.arrayContaining(['FunctionName', 'InvocationType', 'LogType', 'ClientContext', 'Payload', 'Qualifier']));
    expect(input['FunctionName']).toMatchObject({ type: 'string', location: 'uri', locationName: 'FunctionName', required: true });
    expect(input['InvocationType']).toMatchObject({
      type: 'string',
      enum: 'InvocationType',
      location: 'header',
      locationName: 'X-Amz-Invocation-Type',
      required: false,
    });
    expect(input['LogType']).toMatchObject({ type: 'string', enum: 'LogType', location: 'header', locationName: 'X-Amz-Log-Type' });
    expect(input['ClientContext']).toMatchObject({ type: 'string', location: 'header', locationName: 'X-Amz-Client-Context' });
    expect(input['Payload']).toMatchObject({ type: 'blob', target: 'blob', location: 'payload', sensitive: true });
    expect(input['Qualifier']).toMatchObject({ type: 'string', location: 'query', locationName: 'Qualifier' });

    const output = structure('InvocationResponse').members;
    expect(Object.keys(output)).toEqual(expect.arrayContaining(['StatusCode', 'FunctionError', 'LogResult', 'Payload', 'ExecutedVersion']));
    expect(output['StatusCode']).toMatchObject({ type: 'number', location: 'statusCode' });
    expect(output['FunctionError']).toMatchObject({ type: 'string', location: 'header', locationName: 'X-Amz-Function-Error' });
    expect(output['LogResult']).toMatchObject({ type: 'string', location: 'header', locationName: 'X-Amz-Log-Result' });
    expect(output['Payload']).toMatchObject({ type: 'blob', location: 'payload' });
    expect(output['ExecutedVersion']).toMatchObject({ type: 'string', location: 'header', locationName: 'X-Amz-Executed-Version' });
  });

  it('GetFunction', () => {
    const op = model.operation('GetFunction');
    expect(op?.http).toEqual({ method: 'GET', path: '/2015-03-31/functions/{FunctionName}', code: 200 });
    expect(op?.errors).toEqual(['InvalidParameterValueException', 'ResourceNotFoundException', 'ServiceException', 'TooManyRequestsException']);
    const output = structure('GetFunctionResponse').members;
    expect(output['Configuration']).toMatchObject({ type: 'structure', target: 'FunctionConfiguration' });
    expect(output['Code']).toMatchObject({ type: 'structure', target: 'FunctionCodeLocation' });
    expect(output['Tags']).toMatchObject({ type: 'map', target: 'map<string,string>' });
    expect(output['Concurrency']).toMatchObject({ type: 'structure', target: 'Concurrency' });
    expect(model.memberNames('FunctionCodeLocation')).toEqual(expect.arrayContaining(['Location', 'RepositoryType', 'ImageUri', 'ResolvedImageUri']));
    expect(model.member('Concurrency', 'ReservedConcurrentExecutions')).toMatchObject({ type: 'number' });

    const config = structure('FunctionConfiguration').members;
    expect(config['State']).toMatchObject({ type: 'string', enum: 'State' });
    expect(config['LastUpdateStatus']).toMatchObject({ type: 'string', enum: 'LastUpdateStatus' });
    expect(config['PackageType']).toMatchObject({ type: 'string', enum: 'PackageType' });
    expect(config['Runtime']).toMatchObject({ type: 'string', enum: 'Runtime' });
    expect(config['Architectures']).toMatchObject({ type: 'list', target: 'list<string>', memberEnum: 'Architecture' });
    expect(config['LastModified']).toMatchObject({ type: 'string' });
    expect(config['Environment']).toMatchObject({ type: 'structure', target: 'EnvironmentResponse' });
  });

  it('ListVersionsByFunction', () => {
    const op = model.operation('ListVersionsByFunction');
    expect(op?.http).toEqual({ method: 'GET', path: '/2015-03-31/functions/{FunctionName}/versions', code: 200 });
    expect(Object.keys(structure('ListVersionsByFunctionRequest').members).sort()).toEqual(['FunctionName', 'Marker', 'MaxItems']);
    expect(model.member('ListVersionsByFunctionRequest', 'FunctionName')).toMatchObject({ location: 'uri', required: true });
    expect(Object.keys(structure('ListVersionsByFunctionResponse').members).sort()).toEqual(['NextMarker', 'Versions']);
    expect(model.member('ListVersionsByFunctionResponse', 'Versions')).toMatchObject({ type: 'list', target: 'FunctionList' });
  });

  it('ListAliases', () => {
    const op = model.operation('ListAliases');
    expect(op?.http).toEqual({ method: 'GET', path: '/2015-03-31/functions/{FunctionName}/aliases', code: 200 });
    expect(Object.keys(structure('ListAliasesRequest').members).sort()).toEqual(['FunctionName', 'FunctionVersion', 'Marker', 'MaxItems']);
    // Here FunctionVersion is a version number, a plain string: no enum.
    expect(model.member('ListAliasesRequest', 'FunctionVersion')).toEqual(expect.not.objectContaining({ enum: expect.anything() }));
    expect(model.member('ListAliasesResponse', 'Aliases')).toMatchObject({ type: 'list', target: 'AliasList' });
    expect(model.listItemShape('AliasList')).toBe('AliasConfiguration');
    expect(model.memberNames('AliasConfiguration')).toEqual(['AliasArn', 'Description', 'FunctionVersion', 'Name', 'RevisionId', 'RoutingConfig']);
  });

  it('DeleteFunction', () => {
    const op = model.operation('DeleteFunction');
    expect(op?.http).toEqual({ method: 'DELETE', path: '/2015-03-31/functions/{FunctionName}', code: 200 });
    expect(op?.errors).toEqual([
      'InvalidParameterValueException',
      'ResourceConflictException',
      'ResourceNotFoundException',
      'ServiceException',
      'TooManyRequestsException',
    ]);
    expect(Object.keys(structure('DeleteFunctionRequest').members).sort()).toEqual(['FunctionName', 'Qualifier']);
    expect(model.member('DeleteFunctionRequest', 'Qualifier')).toMatchObject({ location: 'query', locationName: 'Qualifier', required: false });
    expect(model.member('DeleteFunctionResponse', 'StatusCode')).toMatchObject({ type: 'number', location: 'statusCode' });
  });

  it('errors carry their fault and HTTP status', () => {
    expect(model.shape('ResourceNotFoundException')).toMatchObject({ type: 'structure', error: 'client', httpStatus: 404 });
    expect(model.shape('ServiceException')).toMatchObject({ type: 'structure', error: 'server', httpStatus: 500 });
    expect(model.member('TooManyRequestsException', 'retryAfterSeconds')).toMatchObject({ location: 'header', locationName: 'Retry-After' });
    expect(model.member('TooManyRequestsException', 'Reason')).toMatchObject({ enum: 'ThrottleReason' });
  });

  it('operations without output say unit', () => {
    expect(model.operation('DeleteAlias')?.output).toBe('unit');
    expect(model.outputShape('DeleteAlias')).toBeUndefined();
  });
});

describe('enumerations', () => {
  it('lists the values the d.ts declares for the enums the connector uses', () => {
    expect(model.enumValues('InvocationType')).toEqual(['DryRun', 'Event', 'RequestResponse']);
    expect(model.enumValues('LogType')).toEqual(['None', 'Tail']);
    expect(model.enumValues('State')).toEqual(['Active', 'ActiveNonInvocable', 'Deactivated', 'Deactivating', 'Deleting', 'Failed', 'Inactive', 'Pending']);
    expect(model.enumValues('LastUpdateStatus')).toEqual(['Failed', 'InProgress', 'Successful']);
    expect(model.enumValues('PackageType')).toEqual(['Image', 'Zip']);
    expect(model.enumValues('Architecture')).toEqual(['arm64', 'x86_64']);
    expect(model.enumValues('FunctionVersion')).toEqual(['ALL']);
    expect(model.enumValues('Runtime')).toEqual(expect.arrayContaining(['java21', 'nodejs20.x', 'python3.12']));
  });

  it('match, enum by enum, both the runtime objects and the literal types of enums.d.ts', () => {
    const text = readFileSync(join(modelsDir, 'enums.d.ts'), 'utf8');
    const declared = new Map<string, string[]>();
    for (const m of text.matchAll(/export declare const (\w+): \{([^}]*)\};/g)) {
      const values = [...(m[2] as string).matchAll(/readonly [^:]+: "([^"]*)";/g)].map((v) => v[1] as string);
      declared.set(m[1] as string, [...new Set(values)].sort());
    }
    expect(declared.size).toBeGreaterThan(40);
    expect(model.enumNames()).toEqual([...declared.keys()].sort());
    for (const [name, values] of declared) {
      expect(model.enumValues(name), name).toEqual(values);
      expect([...new Set(Object.values(sdk[name] as Record<string, string>))].sort(), name).toEqual(values);
    }
  });

  it('links exactly the members whose d.ts type is an enum', () => {
    const enumNames = new Set(model.enumNames());
    const expected = new Set<string>();
    for (const file of readdirSync(modelsDir).filter((f) => /^models_\d+\.d\.ts$/.test(f) || f === 'errors.d.ts')) {
      let owner = '';
      for (const line of readFileSync(join(modelsDir, file), 'utf8').split('\n')) {
        const head = /^export (?:interface|declare class) (\w+)/.exec(line);
        if (head) owner = head[1] as string;
        if (line.startsWith('}')) owner = '';
        const prop = /^ {4}(\w+)\??: (.+?)(?: \| undefined)?;$/.exec(line);
        if (!owner || !prop) continue;
        const [, member, type] = prop as unknown as [string, string, string];
        let m: RegExpExecArray | null;
        if (enumNames.has(type)) expected.add(`${owner}.${member} enum ${type}`);
        else if ((m = /^(\w+)\[\]$/.exec(type)) && enumNames.has(m[1] as string)) expected.add(`${owner}.${member} memberEnum ${m[1]}`);
        else if ((m = /^(?:Partial<)?Record<(\w+), .+>>?$/.exec(type)) && enumNames.has(m[1] as string)) expected.add(`${owner}.${member} keyEnum ${m[1]}`);
      }
    }
    const actual = new Set<string>();
    for (const name of model.shapeNames()) {
      const shape = model.shape(name);
      if (shape?.type !== 'structure' && shape?.type !== 'union') continue;
      for (const [member, info] of Object.entries(shape.members)) {
        for (const key of ['enum', 'memberEnum', 'keyEnum', 'valueEnum'] as const) {
          if (info[key]) actual.add(`${name}.${member} ${key} ${info[key]}`);
        }
      }
    }
    expect(expected.size).toBeGreaterThan(80);
    expect([...actual].sort()).toEqual([...expected].sort());
  });
});

describe('structures agree with the SDK TypeScript declarations', () => {
  it('have the same members, with the same required flags', () => {
    const declared = new Map<string, Map<string, boolean>>();
    for (const file of readdirSync(modelsDir).filter((f) => /^models_\d+\.d\.ts$/.test(f) || f === 'errors.d.ts')) {
      const source = ts.createSourceFile(file, readFileSync(join(modelsDir, file), 'utf8'), ts.ScriptTarget.ES2022, false);
      for (const statement of source.statements) {
        if (!(ts.isInterfaceDeclaration(statement) || ts.isClassDeclaration(statement)) || !statement.name) continue;
        const members = new Map<string, boolean>();
        for (const element of statement.members) {
          if ((ts.isPropertySignature(element) || ts.isPropertyDeclaration(element)) && ts.isIdentifier(element.name)) {
            members.set(element.name.text, !element.questionToken);
          }
        }
        declared.set(statement.name.text, members);
      }
    }
    let checked = 0;
    for (const name of model.shapeNames()) {
      const shape = model.shape(name);
      if (shape?.type !== 'structure') continue;
      const members = declared.get(name);
      expect(members, `d.ts declaration of ${name}`).toBeDefined();
      if (!members) continue;
      if (shape.error) {
        // Error classes declare their own fields; `message` comes from Error, `name`/`$fault` from the SDK.
        const own = [...members.keys()].filter((k) => k !== 'name' && k !== '$fault' && k !== 'shapeId');
        expect(
          Object.keys(shape.members)
            .filter((k) => k !== 'message')
            .sort(),
          name,
        ).toEqual(own.sort());
      } else {
        expect(Object.keys(shape.members).sort(), name).toEqual([...members.keys()].sort());
        for (const [member, info] of Object.entries(shape.members)) expect(info.required, `${name}.${member} required`).toBe(members.get(member));
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(300);
  });
});

describe('accessor API', () => {
  it('resolves dotted member paths through structures', () => {
    const member = resolved(model.resolveMemberPath('GetFunctionResponse', 'Configuration.FunctionName'));
    expect(member).toMatchObject({ name: 'FunctionName', owner: 'FunctionConfiguration', type: 'string' });
    const steps = model.resolveMemberPath('GetFunctionResponse', ['Configuration', 'Environment', 'Variables']);
    expect(steps.ok && steps.steps.map((s) => s.target)).toEqual(['FunctionConfiguration', 'EnvironmentResponse', 'EnvironmentVariables']);
  });

  it('steps into list elements and map keys and values', () => {
    expect(resolved(model.resolveMemberPath('ListFunctionsResponse', 'Functions.$member.FunctionName'))).toMatchObject({
      type: 'string',
      owner: 'FunctionConfiguration',
    });
    expect(resolved(model.resolveMemberPath('GetFunctionResponse', 'Tags.$value'))).toMatchObject({ type: 'string', target: 'string' });
    expect(resolved(model.resolveMemberPath('GetFunctionResponse', 'Tags.$key'))).toMatchObject({ type: 'string' });
    expect(resolved(model.resolveMemberPath('GetFunctionResponse', 'Configuration.Architectures.$member'))).toMatchObject({
      type: 'string',
      enum: 'Architecture',
    });
  });

  it('reports an unknown member with case-insensitive "did you mean" suggestions', () => {
    const typo = model.resolveMemberPath('GetFunctionResponse', 'Configuration.FunctionNme');
    expect(typo).toMatchObject({ ok: false, problem: 'unknownMember', index: 1, segment: 'FunctionNme', within: 'FunctionConfiguration' });
    expect(!typo.ok && typo.suggestions[0]).toBe('FunctionName');
    expect(!typo.ok && typo.message).toContain('Did you mean "FunctionName"');

    const lower = model.resolveMemberPath('GetFunctionResponse', 'configuration');
    expect(!lower.ok && lower.suggestions).toEqual(['Configuration']);
    expect(!lower.ok && lower.steps).toEqual([]);
  });

  it('refuses to step into lists, maps and scalars without the special segments', () => {
    const list = model.resolveMemberPath('ListFunctionsResponse', 'Functions.FunctionName');
    expect(list).toMatchObject({ ok: false, problem: 'notNavigable', index: 1, within: 'FunctionList' });
    expect(!list.ok && list.message).toContain('$member');
    expect(model.resolveMemberPath('ListFunctionsResponse', 'NextMarker.Length')).toMatchObject({ ok: false, problem: 'notNavigable' });
    expect(model.resolveMemberPath('ListFunctionsResponse', 'NextMarker.$member')).toMatchObject({ ok: false, problem: 'notNavigable' });
    expect(model.resolveMemberPath('ListFunctionsResponse', '')).toMatchObject({ ok: false, problem: 'emptyPath' });
  });

  it('reports an unknown shape with suggestions', () => {
    const result = model.resolveMemberPath('ListFunctionRequest', 'Marker');
    expect(result).toMatchObject({ ok: false, problem: 'unknownShape' });
    expect(!result.ok && result.suggestions).toContain('ListFunctionsRequest');
  });

  it('answers operation, kind, list and map questions', () => {
    expect(model.inputShape('Invoke')).toBe('InvocationRequest');
    expect(model.operation('invoke')).toBeUndefined();
    expect(model.suggestOperations('invoke')).toContain('Invoke');
    expect(model.suggestOperations('ListFunction')[0]).toBe('ListFunctions');
    expect(model.kindOf('FunctionList')).toBe('list');
    expect(model.kindOf('list<string>')).toBe('list');
    expect(model.kindOf('number')).toBe('number');
    expect(model.kindOf('NoSuchShape')).toBeUndefined();
    expect(model.listItemType('list<string>')).toBe('string');
    expect(model.listItemShape('list<string>')).toBeUndefined();
    expect(model.listItemShape('FunctionConfiguration')).toBeUndefined();
    expect(model.mapValueType('map<string,string>')).toBe('string');
    expect(model.mapKeyType('EnvironmentVariables')).toBe('string');
    expect(model.mapValueType('FunctionList')).toBeUndefined();
    expect(model.enumValues('NoSuchEnum')).toBeUndefined();
    // Inherited object properties are not model entries.
    expect(model.operation('constructor')).toBeUndefined();
    expect(model.shape('toString')).toBeUndefined();
  });

  it('parses type references', () => {
    expect(parseTypeRef('string')).toEqual({ form: 'simple', type: 'string' });
    expect(parseTypeRef('FunctionConfiguration')).toEqual({ form: 'shape', name: 'FunctionConfiguration' });
    expect(parseTypeRef('list<string>')).toEqual({ form: 'list', member: 'string' });
    expect(parseTypeRef('map<string,list<number>>')).toEqual({ form: 'map', key: 'string', value: 'list<number>' });
    expect(parseTypeRef('list<')).toBeUndefined();
    expect(parseTypeRef('map<string>')).toBeUndefined();
  });

  it('suggests close names, a case-insensitive match first', () => {
    expect(closestNames('marker', ['MaxItems', 'Marker', 'NextMarker'])[0]).toBe('Marker');
    expect(closestNames('Qualifer', ['Qualifier', 'FunctionName'])).toEqual(['Qualifier']);
    expect(closestNames('Zzzzzz', ['Qualifier', 'FunctionName'])).toEqual([]);
  });

  it('rejects model files that are malformed or dangling', () => {
    const base = JSON.parse(readFileSync(LAMBDA_API_FILE, 'utf8')) as ApiModelFile;
    expect(() => parseApiModel({ ...base, formatVersion: 2 })).toThrow(/formatVersion/);
    const dangling = structuredClone(base);
    (dangling.shapes['FunctionList'] as { member: string }).member = 'FunctionConfig';
    expect(() => parseApiModel(dangling)).toThrow(/FunctionList element: unknown type "FunctionConfig"/);
    const badEnum = structuredClone(base);
    (badEnum.shapes['InvocationRequest'] as ApiStructureShape).members['LogType']!.enum = 'LogKind';
    expect(() => parseApiModel(badEnum)).toThrow(/unknown enum "LogKind"/);
    const badOp = structuredClone(base);
    badOp.operations['Invoke']!.input = 'InvocationResponseX';
    expect(() => parseApiModel(badOp)).toThrow(/operation Invoke input/);
    expect(() => parseApiModel([])).toThrow(/not a JSON object/);
  });
});

describe('schema decoding', () => {
  const ns = 'com.amazonaws.lambda';

  it('decodes trait bit vectors and trait objects, refusing unknown traits', () => {
    expect(decodeTraits(0, 'x')).toEqual({});
    expect(decodeTraits(1 | 16, 'x')).toEqual({ httpLabel: 1, httpPayload: 1 });
    expect(decodeTraits(8 | 32, 'x')).toEqual({ sensitive: 1, httpResponseCode: 1 });
    expect(decodeTraits({ httpQuery: 'Marker' }, 'x')).toEqual({ httpQuery: 'Marker' });
    expect(() => decodeTraits({ smithyFuture: {} }, 'x')).toThrow(/unknown trait "smithyFuture"; teach extract-api-model.ts/);
    expect(() => decodeTraits(128, 'x')).toThrow(/unknown trait bits/);
  });

  it('turns a static structure into members with types, bindings and required flags', () => {
    const secret = [0, ns, 'Secret', 8, 0];
    const item = [3, ns, 'Item', 0, ['Id'], [0], 1];
    const items = [1, ns, 'Items', 0, () => item];
    const request = [
      3,
      ns,
      'Request',
      0,
      ['Name', 'Size', 'Tags', 'Key', 'Items', 'When', 'Body'],
      [[0, 1], [1, { httpQuery: 'size' }], 128 | 1, () => secret, () => items, 4, [21, 16]],
      1,
    ];
    const walker = new SchemaWalker(ns);
    expect(walker.resolve(() => request, 'test')).toMatchObject({ ref: 'Request', kind: 'structure' });
    expect(walker.shapes.get('Request')).toEqual({
      type: 'structure',
      members: {
        Name: { target: 'string', type: 'string', location: 'uri', locationName: 'Name', required: true },
        Size: { target: 'number', type: 'number', location: 'query', locationName: 'size', required: false },
        Tags: { target: 'map<string,number>', type: 'map', required: false },
        Key: { target: 'string', type: 'string', sensitive: true, required: false },
        Items: { target: 'Items', type: 'list', required: false },
        When: { target: 'timestamp', type: 'timestamp', required: false },
        Body: { target: 'blob', type: 'blob', location: 'payload', required: false },
      },
    });
    expect(walker.shapes.get('Items')).toEqual({ type: 'list', member: 'Item' });
    expect(walker.shapes.get('Item')).toEqual({ type: 'structure', members: { Id: { target: 'string', type: 'string', required: true } } });
  });

  it('fails on schema codes and kinds it does not know', () => {
    expect(() => new SchemaWalker(ns).resolve(3, 'test')).toThrow(/unknown schema code 3/);
    expect(() => new SchemaWalker(ns).resolve([7, ns, 'Odd', 0, 0], 'test')).toThrow(/unknown kind 7/);
    expect(() => new SchemaWalker(ns).resolve([3, 'other.ns', 'Foreign', 0, [], []], 'test')).toThrow(/outside com.amazonaws.lambda/);
  });
});

describe('edit distance within a limit', () => {
  it('is the edit distance when that is within the limit, and undefined beyond it', () => {
    const words = ['', 'a', 'marker', 'Marker', 'NextMarker', 'Qualifier', 'Qualifer', 'FunctionName', 'functionname', 'x'.repeat(30), 'kitten', 'sitting'];
    for (const a of words) {
      for (const b of words) {
        const distance = editDistance(a, b);
        for (const limit of [0, 1, 2, 3, 10])
          expect(editDistanceWithin(a, b, limit), `${a} / ${b} within ${limit}`).toBe(distance <= limit ? distance : undefined);
      }
    }
  });

  it('compares very long names by containment only', () => {
    const long = `${'Function'.repeat(5000)}Nam`;
    expect(editDistanceWithin(long, `${long}e`, 10_000)).toBeUndefined();
    expect(closestNames(long, ['FunctionName', 'Qualifier', `${long}e`])).toEqual([`${long}e`]);
    expect(closestNames('FunctionNam', ['FunctionName', long])).toEqual(['FunctionName', long]);
  });
});

describe('loading a model file', () => {
  it('refuses what is not a regular file of at most MAX_API_MODEL_BYTES before reading it, saying why', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'api-model-load-'));
    try {
      expect(() => loadApiModel(scratch)).toThrow(`Cannot read the API model ${scratch}: it is a folder, not a file`);
      // Sparse: a file over the bound costs no disk, and is refused on its size alone.
      const large = join(scratch, 'large.api.json');
      writeFileSync(large, '');
      truncateSync(large, MAX_API_MODEL_BYTES + 1);
      expect(() => loadApiModel(large)).toThrow(
        /^Cannot read the API model .*large\.api\.json: it is 20,971,521 bytes; an API model file may have at most 20,971,520 bytes/,
      );
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
