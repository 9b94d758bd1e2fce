/**
 * The IAM service prefix of an API (`<prefix>:<Action>` in an operation's `permission`). AWS signs
 * requests with the service's signing name, and IAM names the service's actions with the same
 * prefix; the API model does not record it, but the SDK package's main file holds it as the client's
 * `defaultSigningName`. Where the prefix differs from the package name (a service whose package is
 * named after its product but signs with an older name), only this reading gets it right.
 */
import { readFileSync } from 'node:fs';
import type { ApiModelFile } from '../aws/api-model-types.js';
import { loadSdkPackage } from '../aws/extract-api-model.js';

/** The signing names a client's main file declares (`defaultSigningName: "..."`), sorted, without repeats. */
export function declaredSigningNames(mainSource: string): string[] {
  const names = new Set<string>();
  for (const match of mainSource.matchAll(/\bdefaultSigningName\s*:\s*["']([a-z0-9-]+)["']/g)) names.add(match[1] as string);
  return [...names].sort();
}

/**
 * The IAM prefix of the model's service, and whether it was read from the SDK (when it was not, the
 * package suffix without dashes stands in, and the permissions need checking).
 */
export function iamPrefixOf(model: ApiModelFile): { prefix: string; fromSdk: boolean } {
  try {
    const names = declaredSigningNames(readFileSync(loadSdkPackage(model.service).mainFile, 'utf8'));
    if (names.length === 1) return { prefix: names[0] as string, fromSdk: true };
  } catch {
    // Not installed or unreadable: fall through to the stand-in.
  }
  return { prefix: model.service.replace(/-/g, ''), fromSdk: false };
}
