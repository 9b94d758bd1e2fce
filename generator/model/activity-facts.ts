import { defaultApiCallTimeoutSeconds } from '../spec/client-settings.js';
import { formatCount } from '../spec/format-count.js';
import { maxPagesOf } from '../spec/pagination.js';
import type { SpecIndex } from '../spec/spec-index.js';
import type { AttributeFieldMappingSpec, ConnectorSpec, FieldMappingSpec, OperationSpec } from '../spec/types.js';

/**
 * What a developer must know about an activity besides what it does: the errors it can raise and
 * the limits it works within. Worded once, here, from the spec and from what the generated Java
 * does (templates/java: ConnectorException's four kinds, the request checks, the paging loop, the
 * client settings), and rendered twice: as plain text into the module package (Studio Pro's
 * Documentation pane, generator/model/documentation.ts) and into the technical reference
 * (generator/docs/reference.ts). So the two cannot drift apart.
 */

/** Text with code spans: plain text in Studio Pro, code in the reference. A subset of the reference's inline content. */
export type Phrase = Array<string | { code: string }>;

/** The kinds of ConnectorException (templates/java/impl/ConnectorException.java.hbs), in the order a call meets them. */
export type ErrorKindName = 'validation' | 'client' | 'aws' | 'functionError';

export interface ErrorKind {
  kind: ErrorKindName;
  /** A short name of the kind. */
  title: string;
  /** The form of the message the microflow sees in $latestError/Message, placeholders in angle brackets. */
  message: string;
  /** What makes an activity fail this way. */
  causes: Phrase;
  /** How to recognise the kind and what it means for the microflow. */
  meaning: Phrase;
}

export interface Limit {
  /** A short name of the limit. */
  title: string;
  text: Phrase;
}

function attributeFields(fields: FieldMappingSpec[]): AttributeFieldMappingSpec[] {
  return fields.flatMap((f) => ('attribute' in f ? [f] : []));
}

/** "a or b", "a, b, or c": a comma before the last of three or more, so that an "or" inside an item stays clear. */
function joinWords(words: string[], last = 'or'): string {
  if (words.length <= 1) return words.join('');
  if (words.length === 2) return `${words[0] ?? ''} ${last} ${words[1] ?? ''}`;
  return `${words.slice(0, -1).join(', ')}, ${last} ${words[words.length - 1] ?? ''}`;
}

/** 6291456 -> "6,291,456 bytes (6 MB)"; sizes that are not whole megabytes stay in bytes. */
export function byteSize(n: number): string {
  const mb = n / 1048576;
  const grouped = formatCount(n);
  return Number.isInteger(mb) ? `${grouped} bytes (${mb} MB)` : `${grouped} bytes`;
}

/** The errors an activity can raise, each kind once, in the order a call meets them. */
export function activityErrors(operation: OperationSpec): ErrorKind[] {
  const op = operation.name;
  const checks: string[] = [];
  const fields = attributeFields(operation.request);
  const json = fields.filter((f) => f.trait === 'jsonPayload' || f.trait === 'base64Json').map((f) => f.attribute);
  if (json.length > 0) checks.push(`${joinWords(json)} is not valid JSON`);
  const sized = [
    ...(operation.traits.payloadLimits ? [operation.traits.payloadLimits.attribute] : []),
    ...fields.filter((f) => f.maxBytes !== undefined).map((f) => f.attribute),
  ];
  if (sized.length > 0) checks.push(`${joinWords([...new Set(sized)])} is over its size limit`);
  if (operation.request.some((f) => 'association' in f))
    checks.push('the objects associated with the request do not fit the API (two where it takes one, an empty or a repeated key)');

  const kinds: ErrorKind[] = [
    {
      kind: 'validation',
      title: 'Refused before calling AWS',
      message: `${op} refused before calling AWS: <reason>`,
      causes: [
        joinWords(['a parameter is empty', 'the credentials lack a value their provider needs', 'an endpoint setting is not an absolute URL', ...checks]),
      ],
      meaning: ['nothing was sent to AWS; correct the input and call again'],
    },
    {
      kind: 'client',
      title: 'No usable answer from AWS',
      message: `${op} failed: <reason>`,
      causes: [
        joinWords([
          'the call timed out',
          'the endpoint could not be reached',
          'no credentials were found (for example by the default provider chain on a machine that provides none)',
          'the answer could not be read',
          ...(operation.traits.pagination
            ? [`while following every page, AWS returned more than ${formatCount(maxPagesOf(operation.traits.pagination))} pages or the same page token twice`]
            : []),
        ]),
      ],
      meaning: [
        'the message has no HTTP status; after a timeout the request may have reached AWS, so check its effect before repeating a call that changes something',
      ],
    },
    {
      kind: 'aws',
      title: 'Refused by AWS',
      message: `${op} failed: <Code> (HTTP <status>, request ID <id>): <message>`,
      causes: [
        'AWS answered with an error, for example a missing IAM permission (',
        { code: operation.permission },
        '), a resource that does not exist, or throttling and server errors that persisted through every retry',
      ],
      meaning: ['the AWS error code and HTTP status say why; quote the request ID when you ask AWS Support'],
    },
  ];
  const functionError = operation.traits.functionError;
  if (functionError) {
    kinds.push({
      kind: 'functionError',
      title: 'The function failed',
      message: `${op} failed: the function returned an error (<${functionError.field}>): <errorType>: <errorMessage>`,
      causes: ['the function itself failed while ', { code: functionError.failAttribute }, ' of the request is true'],
      meaning: [
        'AWS ran the call; with ',
        { code: functionError.failAttribute },
        ' false the activity succeeds instead and sets ',
        { code: functionError.field },
        ' in the response',
      ],
    });
  }
  return kinds;
}

/** The limits an activity works within: sizes checked before the call, paging, time and retries. */
export function activityLimits(spec: ConnectorSpec, index: SpecIndex, operation: OperationSpec): Limit[] {
  const limits: Limit[] = [];
  const request = operation.parameters.find((p) => p.role === 'request');
  const requestEntity = request?.entity ? index.entity(request.entity) : undefined;
  const payload = operation.traits.payloadLimits;
  if (payload) {
    const byAttribute = requestEntity ? index.attribute(requestEntity, payload.byAttribute) : undefined;
    const fallback = byAttribute?.default !== undefined ? String(byAttribute.default) : undefined;
    const text: Phrase = [{ code: payload.attribute }, ' may hold at most, in UTF-8, by ', { code: payload.byAttribute }];
    if (fallback !== undefined) text.push(' (empty counts as ', { code: fallback }, ')');
    text.push(
      ': ',
      Object.entries(payload.limits)
        .map(([value, limit]) => `${value} ${byteSize(limit)}`)
        .join('; '),
    );
    text.push('. A larger one is refused before calling AWS.');
    limits.push({ title: `${payload.attribute} size`, text });
  }
  for (const field of attributeFields(operation.request)) {
    if (field.maxBytes === undefined) continue;
    const encoding = field.trait === 'base64Json' ? 'once base64 encoded' : 'in UTF-8';
    limits.push({
      title: `${field.attribute} size`,
      text: [{ code: field.attribute }, ` may be at most ${byteSize(field.maxBytes)} ${encoding}. A larger one is refused before calling AWS.`],
    });
  }
  const pagination = operation.traits.pagination;
  if (pagination) {
    limits.push({
      title: 'Pages',
      text: [
        'One call returns one page. With ',
        { code: pagination.fetchAllAttribute },
        ` true the activity reads at most ${formatCount(maxPagesOf(pagination))} pages; when AWS has more, it fails rather than return part of the list.`,
      ],
    });
  }
  const settings = spec.client.settings;
  limits.push({
    title: 'Time',
    text: [
      { code: settings.apiCallTimeoutSeconds },
      ` of the request bounds the whole call, retries included: ${formatCount(defaultApiCallTimeoutSeconds(settings))} seconds when empty, no bound beyond the AWS SDK's own when 0.`,
    ],
  });
  limits.push({
    title: 'Retries',
    text: [
      { code: settings.maxAttempts },
      " of the request limits the attempts, the first included, for retryable errors (throttling, HTTP 5xx): the AWS SDK's default when empty or 0, no retries when 1.",
    ],
  });
  return limits;
}

/** A phrase as plain text: code spans lose their formatting and keep their text. */
export function plainText(phrase: Phrase): string {
  return phrase.map((part) => (typeof part === 'string' ? part : part.code)).join('');
}
