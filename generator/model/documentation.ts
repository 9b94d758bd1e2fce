import type { SpecIndex } from '../spec/spec-index.js';
import type { ConnectorSpec, OperationSpec } from '../spec/types.js';
import { activityErrors, activityLimits, plainText } from './activity-facts.js';
import type { MendixLogLevel } from './log-levels.js';
import { ENUMERATIONS_FOLDER_PATH, OPERATIONS_FOLDER_PATH, VERSION_CONSTANT_FOLDER_PATH, versionConstantName } from './module-layout.js';

/**
 * The texts Studio Pro's Documentation pane shows for the module's documents, composed from the
 * spec: the spec's own documentation first, then what a developer needs to use the document well.
 * The pane shows plain text, so there is no markup; paragraphs and list items are separated by
 * line breaks, written as Studio Pro writes them (CR LF, as in the documentation of real exports).
 */

export const LINE_BREAK = '\r\n';
const PARAGRAPH_BREAK = LINE_BREAK + LINE_BREAK;

function paragraphs(parts: Array<string | undefined>): string {
  return parts.filter((p): p is string => p !== undefined && p !== '').join(PARAGRAPH_BREAK);
}

function list(intro: string, items: string[]): string {
  return [intro, ...items.map((item) => `- ${item}`)].join(LINE_BREAK);
}

/** A sentence's end: adds a full stop unless the text ends with one. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** An activity's (Java action's) documentation: what it does, its IAM permission, its limits and its errors. */
export function activityDocumentation(spec: ConnectorSpec, index: SpecIndex, operation: OperationSpec): string {
  const limits = activityLimits(spec, index, operation).map((l) => `${l.title}: ${plainText(l.text)}`);
  const errors = activityErrors(operation).map((e) => `${e.title}: "${e.message}". Cause: ${plainText(e.causes)}. Meaning: ${sentence(plainText(e.meaning))}`);
  return paragraphs([
    operation.documentation,
    `IAM permission: ${operation.permission}. The identity that signs the call must be allowed this action.`,
    list('Limits:', limits),
    list(
      'Errors: the activity fails with one of these messages in $latestError/Message (handle them with the error handling of the activity, for example Custom without rollback); the start of the message tells the kind:',
      errors,
    ),
  ]);
}

function folderPath(path: readonly string[]): string {
  return path.join('/');
}

function levelsText(levels: readonly MendixLogLevel[]): string {
  if (levels.length === 0) return 'They log nothing.';
  const names = levels.length === 1 ? `${levels[0]} only` : `${levels.slice(0, -1).join(', ')} and ${levels[levels.length - 1]}`;
  return `They log at level ${names}; set the log level of that node to ${levels[0]} to see every message.`;
}

/**
 * The module's documentation (the domain model's, the one text Studio Pro shows for the module as a
 * whole): the spec's, then where things are, the version, logging and credentials.
 */
export function moduleDocumentation(spec: ConnectorSpec, logLevels: readonly MendixLogLevel[]): string {
  const m = spec.module;
  const reportsFailures = logLevels.some((l) => l === 'Warning' || l === 'Error' || l === 'Critical');
  const credentials = spec.client.credentials;
  const providers = credentials.providers;
  // Credentials of the module's own entity; those of another module (such as Mendix's AWS Authentication) have their own documentation.
  const ownCredentials = spec.entities.some((e) => e.name === credentials.entity);
  return paragraphs([
    m.documentation,
    `Version ${m.version}. Microflows can read it at runtime from the String constant ${versionConstantName(spec)} in ${folderPath(VERSION_CONSTANT_FOLDER_PATH)} (@${m.name}.${versionConstantName(spec)} in an expression).`,
    `Where things are: the activities are in ${folderPath(OPERATIONS_FOLDER_PATH)} and in the toolbox category ${m.toolboxCategory}, the enumerations in ${folderPath(ENUMERATIONS_FOLDER_PATH)}, the entities in this domain model. Each activity's documentation names its IAM permission, its limits and its errors.`,
    [
      `Logging: the activities log to the log node ${m.name}. ${levelsText(logLevels)}`,
      'They never log credentials or payloads.',
      reportsFailures
        ? undefined
        : 'A failing activity logs nothing itself: it fails the calling microflow with its error message, and the error handling of the microflow decides what to log.',
    ]
      .filter((s) => s !== undefined)
      .join(' '),
    ownCredentials
      ? [
          `Credentials: with ${providers.staticKeys}, keep the access keys in constants of your own module that have no default value, set their values per environment (on Mendix Cloud in the environment's Model Options) and leave Exposed to client off, so that no key is committed with the app's model.`,
          `Set ${credentials.accessKeyId} and ${credentials.secretAccessKey} of the ${credentials.entity} object from them just before the call.`,
          `${providers.defaultChain} finds credentials only where the app's environment provides them: keys in environment variables, Java system properties or a credentials file, or the IAM role of the AWS compute the app runs on (an instance profile or a container task role). On Mendix Cloud it finds none you can use: use ${providers.staticKeys} there, or ${providers.assumeRole} with ${credentials.accessKeyId} and ${credentials.secretAccessKey} set.`,
        ].join(' ')
      : undefined,
  ]);
}

/** The documentation of the version constant. */
export function versionConstantDocumentation(spec: ConnectorSpec): string {
  const m = spec.module;
  return paragraphs([
    `The version of the ${m.name} module: ${m.version}. Read it at runtime as @${m.name}.${versionConstantName(spec)}, for example to log which version of the module an app runs.`,
    'Do not give it another value in an environment: the value would then no longer follow the module, whose next version brings its own.',
  ]);
}
