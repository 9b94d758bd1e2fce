import { displayPath } from '../load/load-spec.js';
import { namedServiceModel } from '../aws/named-service.js';
import { checkSpecTarget, listOperations, runInitSpec, specFileOf, type InitOptions, type InitResult } from '../init/init-spec.js';
import { normalizeServiceName } from '../aws/extract-api-model.js';
import { loadApiModelFile } from '../validate/api-model-file.js';
import { validateSpecFile } from '../validate/validate-spec.js';
import { EXIT_INTERNAL, EXIT_OK } from './exit-codes.js';
import { reportDiagnostics, type Output } from './output.js';

/**
 * Whether `init` maps the input's structures, lists and maps to associated request objects by default:
 * the spec format (the plan's request associations) accepts them.
 */
export const REQUEST_ASSOCIATIONS_DEFAULT = true;

export interface InitArgs {
  service: string;
  /** Comma-separated API operation names; absent lists the service's operations. */
  operations?: string | undefined;
  module?: string | undefined;
  out?: string | undefined;
  force: boolean;
  json: boolean;
  requestAssociations?: boolean | undefined;
  /** For tests: how the Java SDK jars are found. */
  resolveJars?: InitOptions['resolveJars'];
}

function listing(args: InitArgs, out: Output): number {
  const result = listOperations(namedServiceModel(args.service));
  if (args.json) {
    out.json(result);
    return EXIT_OK;
  }
  const width = Math.max(...result.operations.map((o) => o.name.length));
  for (const operation of result.operations) out.result(`${operation.name.padEnd(width)}  ${operation.documentation}`.trimEnd());
  out.info(`${result.operations.length} operations of ${result.sdkPackage} ${result.sdkVersion} (${result.protocol}). Choose some with --operations A,B,...`);
  return EXIT_OK;
}

function summary(result: InitResult): string {
  const verb = { created: 'Wrote', replaced: 'Replaced', unchanged: 'Kept' } as const;
  const model = `${verb[result.apiModelStatus]} ${displayPath(result.apiModelFile)}${result.apiModelStatus === 'unchanged' ? ' (the same model)' : ''}`;
  return `${verb[result.specStatus]} ${displayPath(result.specFile)}: module ${result.module}, ${result.operations.length} operation${result.operations.length === 1 ? '' : 's'} (${result.operations.join(', ')}) of ${result.sdkPackage} ${result.sdkVersion}. ${model}.`;
}

/**
 * `init --service <id> [--operations A,B] [--module Name] [--out file] [--force]`: without operations,
 * list the service's operations; with them, write a starting spec and its API model, then validate
 * what was written (a spec init writes must validate; if it does not, that is init's fault).
 */
export function runInit(args: InitArgs, out: Output): number {
  if (args.operations === undefined) return listing(args, out);
  const service = normalizeServiceName(args.service);
  // Before extracting anything: an existing spec is refused at once.
  if (service !== undefined) checkSpecTarget(specFileOf(args.out, service), args.force);
  const result = runInitSpec({
    service: args.service,
    operations: args.operations.split(','),
    moduleName: args.module,
    out: args.out,
    force: args.force,
    requestAssociations: args.requestAssociations ?? REQUEST_ASSOCIATIONS_DEFAULT,
    ...(args.resolveJars ? { resolveJars: args.resolveJars } : {}),
  });
  for (const warning of result.warnings) out.error(`warning: ${warning}`);
  const validation = validateSpecFile(result.specFile, loadApiModelFile);
  if (validation.diagnostics.length > 0) {
    reportDiagnostics(out, validation.diagnostics, displayPath(result.specFile));
    out.error('internal error: init wrote a spec that does not validate. This is a fault of mendix-connector, not of your input; please report it.');
    return EXIT_INTERNAL;
  }
  if (args.json) out.json({ ...result, specFile: displayPath(result.specFile), apiModelFile: displayPath(result.apiModelFile), valid: true });
  else {
    out.result(summary(result));
    out.info(`Review the spec (the comments at its top say what to check), then run: mendix-connector generate ${displayPath(result.specFile)}`);
  }
  return EXIT_OK;
}
