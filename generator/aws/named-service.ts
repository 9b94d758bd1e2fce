import { UserError } from '../cli/exit-codes.js';
import { didYouMean } from '../spec/suggest.js';
import type { ApiModelFile } from './api-model-types.js';
import { extractApiModel, installedSdkServices, normalizeServiceName, SdkPackageMissingError } from './extract-api-model.js';

/**
 * The API model of the service a user names on the command line (`init`, `api-model`): `sqs`,
 * `client-sqs` or `@aws-sdk/client-sqs`, extracted from its installed client package. A name that
 * cannot be a package's, or a package that is not installed, is a UserError whose hint lists the
 * installed services, the close ones first.
 */
export function namedServiceModel(text: string): ApiModelFile {
  const service = normalizeServiceName(text);
  if (service === undefined) {
    throw new UserError(
      `"${text}" is not the name of an AWS SDK for JavaScript client package.`,
      `Name the service as its package does: <service> in @aws-sdk/client-<service>, in lower case with dashes. ${installedList(installedSdkServices())}`,
    );
  }
  try {
    return extractApiModel(service);
  } catch (error) {
    if (error instanceof SdkPackageMissingError) {
      const installed = installedSdkServices();
      const close = didYouMean(service, installed, '');
      throw new UserError(error.message, close === '' ? installedList(installed) : `${close} ${installedList(installed)}`);
    }
    throw error;
  }
}

function installedList(installed: readonly string[]): string {
  return installed.length > 0 ? `Installed: ${installed.join(', ')}.` : 'No @aws-sdk/client-* package is installed.';
}
