/**
 * Writes the AWS Lambda API model extracted from the installed SDK to spec/api/aws-lambda.api.json.
 *
 *   node build/generator/aws/extract-lambda-api-cli.js [output-file]
 *   node build/generator/aws/extract-lambda-api-cli.js --check     (exit 1 when the file is stale)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { extractLambdaApi, serializeApiModel } from './extract-lambda-api.js';
import { DEFAULT_LAMBDA_API_FILE } from './lambda-api.js';

function main(args: string[]): number {
  const check = args.includes('--check');
  const positional = args.filter((a) => !a.startsWith('--'));
  const file = positional[0] ? resolve(positional[0]) : DEFAULT_LAMBDA_API_FILE;
  const model = extractLambdaApi();
  const text = serializeApiModel(model);
  const summary = `${Object.keys(model.operations).length} operations, ${Object.keys(model.shapes).length} shapes, ${Object.keys(model.enums).length} enums from ${model.sdkPackage} ${model.sdkVersion}`;
  if (check) {
    const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (current === text) {
      console.log(`${file} is up to date (${summary}).`);
      return 0;
    }
    console.error(`${file} differs from the installed SDK (${summary}); run this command without --check.`);
    return 1;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  console.log(`Wrote ${file}: ${summary}.`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
