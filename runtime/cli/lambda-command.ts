import { dirname, resolve } from 'node:path';
import yargs, { type Argv, type CommandModule, type Options } from 'yargs';
import { loadApiModel, type ApiModel } from '../../generator/aws/lambda-api.js';
import { EXIT_BAD_INPUT, EXIT_OK, UsageError } from '../../generator/cli/exit-codes.js';
import type { Output } from '../../generator/cli/output.js';
import { BUNDLED_SPEC_FILE } from '../../generator/paths.js';
import { SpecIndex } from '../../generator/spec/spec-index.js';
import type { AttributeSpec, OperationSpec } from '../../generator/spec/types.js';
import { executeOperation, paginationParts, streamPages } from '../engine/engine.js';
import { ConnectorError } from '../engine/errors.js';
import { requestEntityOf } from '../engine/mapping.js';
import { bundledSpec, type RuntimeSpec } from '../engine/runtime-spec.js';
import type { AttributeValue, EntityObject } from '../engine/values.js';
import type { Credentials } from '../generated/spec-types.js';

/**
 * `mendix-connector lambda <operation>`: the runtime's operations on the command line, built from the
 * bundled spec. Each spec operation is a subcommand (ListVersionsByFunction -> list-versions-by-function),
 * each attribute of its request entity an option (FunctionName -> --function-name, with the attribute's
 * type and, for enumerations, its values as choices); the pagination trait's fetch-all attribute is
 * --all-pages, the client settings are --endpoint-url, --timeout and --max-attempts.
 * Results go to stdout (`--json` for machine-readable output), messages and paging progress to stderr.
 * Exit codes: 0 success, 1 bad input or an AWS / function error, 2 usage error (thrown as UsageError
 * for the surrounding CLI to report).
 */

/** The options every lambda subcommand shares. */
export interface CommonArgs {
  json?: boolean;
  region: string | undefined;
  'endpoint-url': string | undefined;
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

/** The ENUM_Region value name for a region code (us-east-1) or value name (us_east_1). */
export function regionValueName(region: string): string {
  const runtime = bundledSpec();
  const enumeration = runtime.index.enumeration(runtime.spec.client.region.enumeration);
  const match = enumeration?.values.find((v) => v.name === region || SpecIndex.apiValue(v) === region);
  return match ? match.name : region;
}

/** The Credentials object the options describe; the default provider chain when none are given. */
export function credentialsFromArgs(args: CommonArgs): Credentials {
  const accessKeyId = args['access-key-id'];
  const secret = args['secret-access-key'];
  if ((accessKeyId === undefined) !== (secret === undefined)) throw new UsageError('--access-key-id and --secret-access-key go together.');
  if (args['session-token'] !== undefined && accessKeyId === undefined) throw new UsageError('--session-token needs --access-key-id and --secret-access-key.');
  if (args['role-arn'] === undefined && (args['external-id'] !== undefined || args['role-session-name'] !== undefined)) {
    throw new UsageError('--external-id and --role-session-name need --role-arn.');
  }
  const keys = accessKeyId !== undefined ? { AccessKeyId: accessKeyId, SecretAccessKey: secret ?? null, SessionToken: args['session-token'] ?? null } : {};
  if (args['role-arn'] !== undefined) {
    return {
      Provider: 'AssumeRole',
      ...keys,
      RoleArn: args['role-arn'],
      ExternalId: args['external-id'] ?? null,
      ...(args['role-session-name'] !== undefined ? { RoleSessionName: args['role-session-name'] } : {}),
    };
  }
  if (accessKeyId !== undefined) return { Provider: 'StaticKeys', ...keys };
  return { Provider: 'DefaultProviderChain' };
}

/** One request attribute offered as a command-line option. */
interface AttributeOption {
  option: string;
  attribute: AttributeSpec;
  required: boolean;
}

let apiModel: ApiModel | undefined;
function bundledApiModel(runtime: RuntimeSpec): ApiModel {
  apiModel ??= loadApiModel(resolve(dirname(BUNDLED_SPEC_FILE), runtime.spec.service.apiModel));
  return apiModel;
}

/** The options of an operation: its request entity's attributes less the client settings (common options). */
function attributeOptions(runtime: RuntimeSpec, operation: OperationSpec): AttributeOption[] {
  const settingsEntity = runtime.index.entity(runtime.spec.client.settings.entity);
  const shared = new Set(settingsEntity ? runtime.index.allAttributes(settingsEntity).map((a) => a.name) : []);
  const inputShape = runtime.api.inputShape(operation.action) ?? '';
  const model = bundledApiModel(runtime);
  const fetchAll = operation.traits.pagination?.fetchAllAttribute;
  return runtime.index
    .allAttributes(requestEntityOf(runtime, operation))
    .filter((attribute) => !shared.has(attribute.name))
    .map((attribute) => {
      const mapping = operation.request.find((f) => 'attribute' in f && f.attribute === attribute.name);
      const required = mapping !== undefined && !mapping.field.includes('.') && model.member(inputShape, mapping.field)?.required === true;
      return { option: attribute.name === fetchAll ? ALL_PAGES_OPTION : kebabCase(attribute.name), attribute, required };
    });
}

function firstSentence(text: string): string {
  const sentence = /^.*?[.!?](\s|$)/.exec(text)?.[0]?.trim() ?? text;
  return sentence.length > 110 ? `${sentence.slice(0, 107)}...` : sentence;
}

function yargsOption(runtime: RuntimeSpec, { attribute, required }: AttributeOption): Options {
  const describe = `${attribute.name}: ${firstSentence(attribute.documentation)}`;
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
      return { ...base, type: 'string' };
  }
}

/** The request object from the options: client settings and the operation's attributes that were given. */
function requestFromArgs(runtime: RuntimeSpec, operation: OperationSpec, args: ParsedArgs): Record<string, OptionValue> {
  const settings = runtime.spec.client.settings;
  const request: Record<string, OptionValue> = {};
  if (args['endpoint-url'] !== undefined) request[settings.endpointOverride] = args['endpoint-url'];
  if (args.timeout !== undefined) request[settings.apiCallTimeoutSeconds] = args.timeout;
  if (args['max-attempts'] !== undefined) request[settings.maxAttempts] = args['max-attempts'];
  for (const { option, attribute } of attributeOptions(runtime, operation)) {
    const value = args[option];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') request[attribute.name] = value;
  }
  return request;
}

/** The association holding a paginated operation's items, and what to call them. */
function pagedItems(operation: OperationSpec): { association: string; noun: string } | undefined {
  if (!operation.traits.pagination) return undefined;
  return { association: paginationParts(operation).itemsAssociation, noun: operation.traits.pagination.items.toLowerCase() };
}

const SUMMARY_KEYS = ['FunctionName', 'Name', 'Version', 'FunctionVersion', 'Runtime', 'State', 'LastModified'];

function itemLine(item: EntityObject): string {
  const scalar = (v: unknown): v is string | number => typeof v === 'string' || typeof v === 'number';
  const preferred = SUMMARY_KEYS.map((key) => item[key]).filter(scalar);
  const values = preferred.length > 0 ? preferred : Object.values(item).filter(scalar).slice(0, 3);
  return values.join('\t');
}

function printResult(operation: OperationSpec, args: ParsedArgs, result: EntityObject | boolean, out: Output): void {
  if (args.json) {
    out.json(result);
    return;
  }
  if (typeof result === 'boolean') {
    out.result(`${operation.name}: ${String(result)}`);
    return;
  }
  const paged = pagedItems(operation);
  if (paged) {
    const items = result[paged.association];
    const list = Array.isArray(items) ? items : [];
    for (const item of list) out.result(itemLine(item));
    const token = operation.traits.pagination ? paginationParts(operation).tokenAttribute : undefined;
    const next = token !== undefined ? result[token] : null;
    out.info(`${list.length} ${paged.noun}${typeof next === 'string' ? `; more remain, continue with --marker ${next}` : ''}`);
    return;
  }
  // A JSON payload (Invoke's result) goes to stdout as it is; the other attributes to stderr.
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
  credentials: Credentials,
  region: string,
  request: Record<string, OptionValue>,
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
    const token = paginationParts(operation).tokenAttribute;
    if (token !== undefined) result[token] = null;
    out.json(result);
  } else {
    out.info(`${count} ${noun} in ${pages} page${pages === 1 ? '' : 's'}`);
  }
}

async function runLambdaOperation(runtime: RuntimeSpec, operation: OperationSpec, args: ParsedArgs, out: Output): Promise<number> {
  if (args.profile !== undefined) process.env['AWS_PROFILE'] = args.profile;
  const credentials = credentialsFromArgs(args);
  const regionArg = args.region ?? process.env['AWS_REGION'] ?? process.env['AWS_DEFAULT_REGION'];
  if (regionArg === undefined || regionArg === '') throw new UsageError('Name the AWS region with --region (or set AWS_REGION).');
  const region = regionValueName(regionArg);
  const request = requestFromArgs(runtime, operation, args);
  try {
    const paged = pagedItems(operation);
    if (paged && args[ALL_PAGES_OPTION] === true) {
      await allPages(runtime, operation, paged, credentials, region, request, args, out);
      return EXIT_OK;
    }
    printResult(operation, args, await executeOperation(runtime, operation.name, credentials, region, request), out);
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    if (args.json) out.json({ error: error.toJSON() });
    out.error(`error: ${error.message}`);
    return EXIT_BAD_INPUT;
  }
}

function commonOptions<T>(y: Argv<T>) {
  return y
    .option('region', { type: 'string', describe: 'AWS region code (us-east-1) or ENUM_Region value (us_east_1); default AWS_REGION' })
    .option('endpoint-url', { type: 'string', describe: 'EndpointOverride: URL that replaces the regional Lambda endpoint' })
    .option('access-key-id', { type: 'string', describe: 'Static access key ID (default: the AWS default provider chain)' })
    .option('secret-access-key', { type: 'string', describe: 'Secret access key of --access-key-id' })
    .option('session-token', { type: 'string', describe: 'Session token of temporary keys' })
    .option('role-arn', { type: 'string', describe: 'Assume this IAM role (signed with the static keys when given, else the default chain)' })
    .option('external-id', { type: 'string', describe: 'External ID for --role-arn' })
    .option('role-session-name', { type: 'string', describe: 'Session name for --role-arn' })
    .option('profile', { type: 'string', describe: 'Shared config profile for the default chain (sets AWS_PROFILE)' })
    .option('timeout', { type: 'number', describe: 'ApiCallTimeoutSeconds: upper bound per API call, retries included' })
    .option('max-attempts', { type: 'number', describe: 'MaxAttempts: attempts per call, the first included' });
}

/** The `lambda` command with one subcommand per spec operation. `setExitCode` receives each run's exit code. */
export function lambdaCommand(out: Output, setExitCode: (code: number) => void): CommandModule<object, object> {
  return {
    command: 'lambda <command>',
    describe: 'Call AWS Lambda through the connector runtime',
    builder: (y: Argv) => {
      const runtime = bundledSpec();
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
            setExitCode(await runLambdaOperation(runtime, operation, args as ParsedArgs, out));
          },
        );
      }
      return withCommands.demandCommand(1, 'Name a lambda operation; see --help.');
    },
    handler: () => undefined,
  };
}

/**
 * Runs `lambda ...` on its own, with the conventions of the mendix-connector CLI (global --json,
 * strict options, exit code 2 for usage errors); for tests and for callers without the main CLI.
 */
export async function runLambdaCli(argv: string[], out: Output): Promise<number> {
  let exitCode: number | undefined;
  try {
    await yargs(argv)
      .scriptName('mendix-connector')
      .option('json', { type: 'boolean', default: false, describe: 'Print machine-readable JSON on stdout' })
      .command(lambdaCommand(out, (code) => (exitCode = code)))
      .demandCommand(1)
      .strict()
      .help()
      .exitProcess(false)
      .fail((message, error) => {
        throw error ?? new UsageError(message);
      })
      .parseAsync();
  } catch (error) {
    if (error instanceof UsageError) {
      out.error(`${error.message}\nRun "mendix-connector lambda --help" for usage.`);
      return 2;
    }
    throw error;
  }
  return exitCode ?? EXIT_OK;
}
