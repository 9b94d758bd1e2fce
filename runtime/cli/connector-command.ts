import { readFileSync, statSync } from 'node:fs';
import yargs, { type Argv, type CommandModule, type Options } from 'yargs';
import { EXIT_BAD_INPUT, EXIT_OK, usageFailure, UsageError } from '../../generator/cli/exit-codes.js';
import type { Output } from '../../generator/cli/output.js';
import { readAtMost } from '../../generator/load/read-file.js';
import { SpecIndex } from '../../generator/spec/spec-index.js';
import type { AttributeSpec, OperationSpec } from '../../generator/spec/types.js';
import { executeOperation, paginationParts, streamPages, type EntityInput } from '../engine/engine.js';
import { ConnectorError } from '../engine/errors.js';
import { requestEntityOf } from '../engine/mapping.js';
import { loadRuntimeSpec, type RuntimeSpec } from '../engine/runtime-spec.js';
import { MissingSdkPackageError } from '../engine/service-sdk.js';
import { bundledConnectors, type BundledConnector } from './bundled-connectors.js';
import type { AttributeValue, EntityObject } from '../engine/values.js';

/**
 * The runtime's operations on the command line, for any spec:
 *
 * - `mendix-connector call <spec> <operation> [--input <json | @file | ->]` runs one operation of any
 *   spec, the request object given as JSON;
 * - each bundled spec (`spec/*.connector.yaml`) is also a command of its own, named after its service
 *   (`mendix-connector lambda list-functions ...`), with one subcommand per operation
 *   (ListVersionsByFunction -> list-versions-by-function) and one option per attribute of its request
 *   entity (FunctionName -> --function-name, with the attribute's type and, for enumerations, its
 *   values as choices).
 *
 * Both share the credential, region and client-setting options; the pagination trait's fetch-all
 * attribute is --all-pages. Results go to stdout (`--json` for machine-readable output), messages and
 * paging progress to stderr. Exit codes: 0 success, 1 bad input or an AWS / function error, 2 usage
 * error (thrown as UsageError for the surrounding CLI to report).
 */

/** The options every operation command shares. */
export interface CommonArgs {
  json?: boolean;
  region: string | undefined;
  'endpoint-url': string | undefined;
  'sts-endpoint-url': string | undefined;
  'access-key-id': string | undefined;
  'secret-access-key': string | undefined;
  'session-token': string | undefined;
  'role-arn': string | undefined;
  'external-id': string | undefined;
  'role-session-name': string | undefined;
  profile: string | undefined;
  timeout: number | undefined;
  'max-attempts': number | undefined;
}

type OptionValue = string | number | boolean;
type ParsedArgs = CommonArgs & { [option: string]: unknown };

/** FunctionName -> function-name, ListVersionsByFunction -> list-versions-by-function. */
export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

const ALL_PAGES_OPTION = 'all-pages';

/** Largest file or standard input read for one value: far above any AWS request limit, far below memory trouble. */
const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/**
 * Standard input as text, refused with a usage error once it exceeds `limit` bytes: a pipe may carry
 * any amount (`cat /dev/zero | ...`), and it is read no further than the limit.
 */
export function readStandardInput(option: string, limit: number = MAX_INPUT_BYTES): string {
  let read: { bytes: Buffer; overLimit: boolean };
  try {
    read = readAtMost(0, limit);
  } catch (error) {
    throw new UsageError(`${option} -: cannot read standard input (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  if (read.overLimit)
    throw new UsageError(`${option} -: standard input is larger than ${limit >= 1024 * 1024 ? `${limit / 1024 / 1024} MB` : `${limit} bytes`}.`);
  return read.bytes.toString('utf8');
}

/**
 * A value given on the command line, or read from a file (`@path`) or standard input (`-`), so that
 * payloads larger than the operating system's command-line limit can be passed.
 */
export function readValueArgument(value: string, option: string, readStdin: () => string = () => readStandardInput(option)): string {
  if (value === '-') return readStdin();
  if (!value.startsWith('@')) return value;
  const file = value.slice(1);
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new UsageError(`${option} ${value}: ${file} is not a regular file.`);
    size = stat.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${option} ${value}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  if (size > MAX_INPUT_BYTES) throw new UsageError(`${option} ${value}: ${file} is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB.`);
  return readFileSync(file, 'utf8');
}

/** The region enumeration's value name for a region code (us-east-1) or value name (us_east_1). */
export function regionValueName(runtime: RuntimeSpec, region: string): string {
  const enumeration = runtime.index.enumeration(runtime.spec.client.region.enumeration);
  const match = enumeration?.values.find((v) => v.name === region || SpecIndex.apiValue(v) === region);
  return match ? match.name : region;
}

/** The credentials object the options describe, in the spec's own attribute names; the default provider chain when none are given. */
export function credentialsFromArgs(runtime: RuntimeSpec, args: CommonArgs): Record<string, string | null> {
  const c = runtime.spec.client.credentials;
  const accessKeyId = args['access-key-id'];
  const secret = args['secret-access-key'];
  if ((accessKeyId === undefined) !== (secret === undefined)) throw new UsageError('--access-key-id and --secret-access-key go together.');
  if (args['session-token'] !== undefined && accessKeyId === undefined) throw new UsageError('--session-token needs --access-key-id and --secret-access-key.');
  if (args['role-arn'] === undefined && (args['external-id'] !== undefined || args['role-session-name'] !== undefined)) {
    throw new UsageError('--external-id and --role-session-name need --role-arn.');
  }
  const keys =
    accessKeyId !== undefined ? { [c.accessKeyId]: accessKeyId, [c.secretAccessKey]: secret ?? null, [c.sessionToken]: args['session-token'] ?? null } : {};
  if (args['role-arn'] !== undefined) {
    return {
      [c.providerAttribute]: c.providers.assumeRole,
      ...keys,
      [c.roleArn]: args['role-arn'],
      [c.externalId]: args['external-id'] ?? null,
      ...(args['role-session-name'] !== undefined ? { [c.roleSessionName]: args['role-session-name'] } : {}),
    };
  }
  if (accessKeyId !== undefined) return { [c.providerAttribute]: c.providers.staticKeys, ...keys };
  return { [c.providerAttribute]: c.providers.defaultChain };
}

/** One request attribute offered as a command-line option. */
interface AttributeOption {
  option: string;
  attribute: AttributeSpec;
  required: boolean;
  /** JSON payloads and texts may come from a file (`@path`) or standard input (`-`). */
  fromFile: boolean;
}

/** The options of an operation: its request entity's attributes less the client settings (common options). */
function attributeOptions(runtime: RuntimeSpec, operation: OperationSpec): AttributeOption[] {
  const settingsEntity = runtime.index.entity(runtime.spec.client.settings.entity);
  const shared = new Set(settingsEntity ? runtime.index.allAttributes(settingsEntity).map((a) => a.name) : []);
  const inputShape = runtime.api.inputShape(operation.action) ?? '';
  const fetchAll = operation.traits.pagination?.fetchAllAttribute;
  return runtime.index
    .allAttributes(requestEntityOf(runtime, operation))
    .filter((attribute) => !shared.has(attribute.name))
    .map((attribute) => {
      const mapping = operation.request.find((f) => 'attribute' in f && f.attribute === attribute.name);
      const required = mapping !== undefined && !mapping.field.includes('.') && runtime.api.member(inputShape, mapping.field)?.required === true;
      const fromFile = mapping !== undefined && 'attribute' in mapping && (mapping.trait === 'jsonPayload' || mapping.trait === 'base64Json');
      return { option: attribute.name === fetchAll ? ALL_PAGES_OPTION : kebabCase(attribute.name), attribute, required, fromFile };
    });
}

function firstSentence(text: string): string {
  const sentence = /^.*?[.!?](\s|$)/.exec(text)?.[0]?.trim() ?? text;
  return sentence.length > 110 ? `${sentence.slice(0, 107)}...` : sentence;
}

function yargsOption(runtime: RuntimeSpec, { attribute, required, fromFile }: AttributeOption): Options {
  const describe = `${attribute.name}: ${firstSentence(attribute.documentation)}${fromFile ? ' (@file or - for standard input)' : ''}`;
  const base: Options = { describe, ...(required ? { demandOption: true } : {}) };
  switch (attribute.type) {
    case 'Integer':
    case 'Long':
    case 'Decimal':
      return { ...base, type: 'number' };
    case 'Boolean':
      return { ...base, type: 'boolean' };
    case 'Enumeration': {
      const values = runtime.index.enumeration(attribute.enumeration ?? '')?.values.map((v) => v.name) ?? [];
      return { ...base, type: 'string', choices: values };
    }
    case 'String':
    case 'DateTime':
      // One value each, so that `-` (standard input) is taken as the value rather than as an argument of its own.
      return { ...base, type: 'string', nargs: 1 };
  }
}

/** The client settings from the common options, in the spec's attribute names. */
function settingsFromArgs(runtime: RuntimeSpec, args: ParsedArgs): Record<string, OptionValue> {
  const settings = runtime.spec.client.settings;
  const request: Record<string, OptionValue> = {};
  if (args['endpoint-url'] !== undefined) request[settings.endpointOverride] = args['endpoint-url'];
  if (args.timeout !== undefined) request[settings.apiCallTimeoutSeconds] = args.timeout;
  if (args['max-attempts'] !== undefined) request[settings.maxAttempts] = args['max-attempts'];
  return request;
}

/** The request object from a shortcut's options: client settings and the operation's attributes that were given. */
function requestFromOptions(runtime: RuntimeSpec, operation: OperationSpec, args: ParsedArgs): Record<string, OptionValue> {
  const request = settingsFromArgs(runtime, args);
  for (const { option, attribute, fromFile } of attributeOptions(runtime, operation)) {
    const value = args[option];
    if (typeof value === 'string' && fromFile) request[attribute.name] = readValueArgument(value, `--${option}`);
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') request[attribute.name] = value;
  }
  return request;
}

/** The request object of `call`: the JSON of --input, with the client settings of the common options on top. */
function requestFromInput(runtime: RuntimeSpec, input: string | undefined, args: ParsedArgs): Record<string, unknown> {
  let request: Record<string, unknown> = {};
  if (input !== undefined) {
    const text = readValueArgument(input, '--input');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`--input is not JSON: ${(error as Error).message}`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new UsageError('--input must be a JSON object: the request attributes by name.');
    request = parsed as Record<string, unknown>;
  }
  return { ...request, ...settingsFromArgs(runtime, args) };
}

/**
 * The association holding a paginated operation's items, and what to call them; undefined for an
 * operation without pages, or whose paged list is joined into text (fetch-all then reads every page
 * into one response).
 */
function pagedItems(runtime: RuntimeSpec, operation: OperationSpec): { association: string; noun: string } | undefined {
  if (!operation.traits.pagination) return undefined;
  const association = paginationParts(runtime, operation).itemsAssociation;
  return association === undefined ? undefined : { association, noun: operation.traits.pagination.items.toLowerCase() };
}

/** One line per listed item: its first few text and number values, in the entity's attribute order. */
function itemLine(item: EntityObject): string {
  const scalar = (v: unknown): v is string | number => typeof v === 'string' || typeof v === 'number';
  return Object.values(item).filter(scalar).slice(0, 4).join('\t');
}

function printResult(runtime: RuntimeSpec, operation: OperationSpec, args: ParsedArgs, result: EntityObject | boolean, out: Output): void {
  if (args.json) {
    out.json(result);
    return;
  }
  if (typeof result === 'boolean') {
    out.result(`${operation.name}: ${String(result)}`);
    return;
  }
  const paged = pagedItems(runtime, operation);
  if (paged) {
    const items = result[paged.association];
    const list = Array.isArray(items) ? items : [];
    for (const item of list) out.result(itemLine(item));
    const pagination = operation.traits.pagination;
    const token = pagination ? paginationParts(runtime, operation).tokenAttribute : undefined;
    const next = token !== undefined ? result[token] : null;
    const marker = pagination ? `--${kebabCase(pagination.inputToken)}` : '';
    out.info(`${list.length} ${paged.noun}${typeof next === 'string' ? `; more remain, continue with ${marker} ${next}` : ''}`);
    return;
  }
  // A JSON payload (a function's result) goes to stdout as it is; the other attributes to stderr.
  const payload = operation.response.find((f) => 'attribute' in f && f.trait === 'jsonPayload');
  if (payload && 'attribute' in payload) {
    const details = Object.entries(result)
      .filter(
        (entry): entry is [string, AttributeValue] =>
          entry[0] !== payload.attribute && entry[1] !== null && !Array.isArray(entry[1]) && typeof entry[1] !== 'object',
      )
      .map(([key, value]) => `${key}: ${String(value)}`);
    if (details.length > 0) out.info(details.join('\n'));
    const text = result[payload.attribute];
    if (typeof text === 'string') out.result(text);
    return;
  }
  out.result(JSON.stringify(result, null, 2));
}

/** Every page through the streaming API, with a progress line on stderr for each page after the first. */
async function allPages(
  runtime: RuntimeSpec,
  operation: OperationSpec,
  paged: { association: string; noun: string },
  credentials: EntityInput,
  region: string,
  request: EntityInput,
  args: ParsedArgs,
  out: Output,
): Promise<void> {
  const { association, noun } = paged;
  let pages = 0;
  let count = 0;
  let combined: EntityObject | undefined;
  const items: EntityObject[] = [];
  for await (const page of streamPages(runtime, operation.name, credentials, region, request)) {
    const list = page[association];
    const pageItems = Array.isArray(list) ? list : [];
    pages++;
    count += pageItems.length;
    if (pages > 1) out.info(`... page ${pages}: ${count} ${noun} so far`);
    if (args.json) {
      combined ??= page;
      items.push(...pageItems);
    } else {
      // Printed as they come, so the whole list is never held in memory.
      for (const item of pageItems) out.result(itemLine(item));
    }
  }
  if (args.json) {
    const result: EntityObject = { ...(combined ?? {}), [association]: items };
    const token = paginationParts(runtime, operation).tokenAttribute;
    if (token !== undefined) result[token] = null;
    out.json(result);
  } else {
    out.info(`${count} ${noun} in ${pages} page${pages === 1 ? '' : 's'}`);
  }
}

/** Runs one operation with the request the command line describes; reports AWS and input errors with exit code 1. */
async function runOperation(runtime: RuntimeSpec, operation: OperationSpec, args: ParsedArgs, request: () => EntityInput, out: Output): Promise<number> {
  if (args.profile !== undefined) process.env['AWS_PROFILE'] = args.profile;
  const credentials = credentialsFromArgs(runtime, args);
  const regionArg = args.region ?? process.env['AWS_REGION'] ?? process.env['AWS_DEFAULT_REGION'];
  if (regionArg === undefined || regionArg === '') throw new UsageError('Name the AWS region with --region (or set AWS_REGION).');
  const region = regionValueName(runtime, regionArg);
  const withSts: RuntimeSpec = args['sts-endpoint-url'] !== undefined ? { ...runtime, stsEndpoint: args['sts-endpoint-url'] } : runtime;
  try {
    const paged = pagedItems(runtime, operation);
    const fetchAll = operation.traits.pagination?.fetchAllAttribute;
    const given = request();
    // --all-pages sets the fetch-all attribute, whatever the command: pages of text are joined by the engine.
    const requestObject = args[ALL_PAGES_OPTION] === true && fetchAll !== undefined ? { ...given, [fetchAll]: true } : given;
    if (paged && (args[ALL_PAGES_OPTION] === true || (fetchAll !== undefined && (requestObject as Record<string, unknown>)[fetchAll] === true))) {
      await allPages(withSts, operation, paged, credentials, region, requestObject, args, out);
      return EXIT_OK;
    }
    printResult(withSts, operation, args, await executeOperation(withSts, operation.name, credentials, region, requestObject), out);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof MissingSdkPackageError) {
      out.error(`error: ${error.message}`);
      return EXIT_BAD_INPUT;
    }
    if (!(error instanceof ConnectorError)) throw error;
    if (args.json) out.json({ error: error.toJSON() });
    out.error(`error: ${error.message}`);
    return EXIT_BAD_INPUT;
  }
}

function commonOptions<T>(y: Argv<T>) {
  return y
    .option('region', { type: 'string', describe: 'AWS region code (us-east-1) or region value name (us_east_1); default AWS_REGION' })
    .option('endpoint-url', { type: 'string', describe: "URL that replaces the service's regional endpoint (the request's endpoint override)" })
    .option('sts-endpoint-url', { type: 'string', describe: 'URL of the STS endpoint for --role-arn (default: AWS_ENDPOINT_URL_STS, else the regional STS)' })
    .option('access-key-id', { type: 'string', describe: 'Static access key ID (default: the AWS default provider chain)' })
    .option('secret-access-key', { type: 'string', describe: 'Secret access key of --access-key-id' })
    .option('session-token', { type: 'string', describe: 'Session token of temporary keys' })
    .option('role-arn', { type: 'string', describe: 'Assume this IAM role (signed with the static keys when given, else the default chain)' })
    .option('external-id', { type: 'string', describe: 'External ID for --role-arn' })
    .option('role-session-name', { type: 'string', describe: 'Session name for --role-arn' })
    .option('profile', { type: 'string', describe: 'Shared config profile for the default chain (sets AWS_PROFILE)' })
    .option('timeout', { type: 'number', describe: 'Upper bound per API call in seconds, retries included' })
    .option('max-attempts', { type: 'number', describe: 'Attempts per call, the first included' });
}

/** `<service> <operation>`: one subcommand per operation of a bundled spec. */
export function shortcutCommand(connector: BundledConnector, out: Output, setExitCode: (code: number) => void, load = true): CommandModule<object, object> {
  return {
    command: `${connector.command} <operation>`,
    describe: `Call ${connector.command} through the connector runtime (the bundled spec's operations)`,
    builder: (y: Argv) => {
      if (!load) return y;
      const runtime = loadRuntimeSpec(connector.specFile);
      let withCommands = commonOptions(y);
      for (const operation of runtime.spec.operations) {
        withCommands = withCommands.command(
          kebabCase(operation.name),
          operation.caption,
          (c) => {
            let built = c;
            for (const option of attributeOptions(runtime, operation)) built = built.option(option.option, yargsOption(runtime, option));
            return built;
          },
          async (args) => {
            const parsed = args as ParsedArgs;
            setExitCode(await runOperation(runtime, operation, parsed, () => requestFromOptions(runtime, operation, parsed), out));
          },
        );
      }
      return withCommands.demandCommand(1, `Name a ${connector.command} operation; see --help.`);
    },
    handler: () => undefined,
  };
}

/** The operation of a spec named by its name (ListFunctions) or kebab-case form (list-functions). */
function findOperation(runtime: RuntimeSpec, name: string): OperationSpec {
  const operation = runtime.spec.operations.find((o) => o.name === name || kebabCase(o.name) === name);
  if (!operation) {
    throw new UsageError(`The spec has no operation ${name}. Its operations: ${runtime.spec.operations.map((o) => o.name).join(', ')}.`);
  }
  return operation;
}

/** `call <spec> <operation>`: any operation of any spec, the request object as JSON. */
export function callCommand(out: Output, setExitCode: (code: number) => void): CommandModule<object, object> {
  return {
    command: 'call <spec> <operation>',
    describe: 'Call one operation of a spec through the connector runtime',
    builder: (y: Argv) =>
      commonOptions(y)
        .positional('spec', { type: 'string', describe: 'The connector spec file' })
        .positional('operation', { type: 'string', describe: 'The operation (ListQueues or list-queues)' })
        .option('input', { type: 'string', nargs: 1, describe: 'The request object as JSON, @file, or - for standard input' })
        .option(ALL_PAGES_OPTION, { type: 'boolean', describe: 'Read every page of a paginated operation' }),
    handler: async (args) => {
      const parsed = args as unknown as ParsedArgs & { spec: string; operation: string; input?: string };
      let runtime: RuntimeSpec;
      try {
        runtime = loadRuntimeSpec(parsed.spec);
      } catch (error) {
        out.error(`error: ${(error as Error).message}\n  hint: run "mendix-connector validate ${parsed.spec}" to see every problem with its location.`);
        setExitCode(EXIT_BAD_INPUT);
        return;
      }
      const operation = findOperation(runtime, parsed.operation);
      setExitCode(await runOperation(runtime, operation, parsed, () => requestFromInput(runtime, parsed.input, parsed), out));
    },
  };
}

/**
 * Runs the operation commands on their own, with the conventions of the mendix-connector CLI (global
 * --json, strict options, exit code 2 for usage errors); for tests and for callers without the main CLI.
 */
export async function runConnectorCli(argv: string[], out: Output): Promise<number> {
  let exitCode: number | undefined;
  const setExitCode = (code: number): void => {
    exitCode = code;
  };
  try {
    let cli = yargs(argv)
      .scriptName('mendix-connector')
      .option('json', { type: 'boolean', default: false, describe: 'Print machine-readable JSON on stdout' })
      .command(callCommand(out, setExitCode));
    for (const connector of bundledConnectors()) cli = cli.command(shortcutCommand(connector, out, setExitCode, argv[0] === connector.command));
    await cli
      .demandCommand(1)
      .strict()
      .help()
      .exitProcess(false)
      .fail((message, error) => {
        throw usageFailure(message, error);
      })
      .parseAsync();
  } catch (error) {
    if (error instanceof UsageError) {
      out.error(`${error.message}\nRun "mendix-connector ${argv[0] ?? ''} --help" for usage.`);
      return 2;
    }
    throw error;
  }
  return exitCode ?? EXIT_OK;
}
