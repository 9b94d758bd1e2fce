import type { ValidateFunction } from 'ajv';

/**
 * The validator of spec/connector.schema.json, compiled when the command line is bundled.
 *
 * Compiling the schema with Ajv takes longer than validating a spec with it, and every start of the
 * command did it again. The bundling step (generator/cli/build-cli-bundle.ts) replaces this module in
 * the bundle with the code Ajv generates for the schema (its "standalone" code, the same code it
 * would compile at run time) and the schema text it was made from. Here, in the compiled modules
 * the tests run, there is none: schema-check.ts compiles the schema itself.
 */
export interface PrecompiledSchema {
  /** The text of spec/connector.schema.json the validator was generated from. */
  schemaText: string;
  validate: ValidateFunction;
}

export const precompiledSchema: PrecompiledSchema | undefined = undefined;
