import { Ajv } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import { build, type Plugin } from 'esbuild';
import Handlebars from 'handlebars';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JAVA_TEMPLATE_FILES, JAVA_TEMPLATE_OPTIONS } from '../java/java-templates.js';
import { BUNDLED_SPEC_FILE, SCHEMA_FILE, TEMPLATES_DIR } from '../paths.js';
import { AJV_OPTIONS } from '../validate/schema-check.js';
import { CLI_BUNDLE_FILE, loadCliBundle, saveCliCodeCache } from './cli-bundle.js';
import type { Output } from './output.js';

/**
 * The second step of `npm run build`, after `tsc`: bundles the compiled command line into one
 * CommonJS file and stores V8's code cache of a `generate` run with it (see cli-bundle.ts).
 *
 *   node build/generator/cli/build-cli-bundle.js
 */

const ENTRY = join(dirname(fileURLToPath(import.meta.url)), 'run-cli.js');

/**
 * Left out of the bundle, loaded from node_modules when used: sql.js finds its WebAssembly file
 * beside its own script; the TypeScript compiler (api-model, init) and the AWS SDK for JavaScript
 * (the runtime's commands, which load client packages by name) are large and serve other commands.
 */
const EXTERNAL = ['sql.js', 'typescript', '@aws-sdk/*', '@smithy/*'];

/**
 * The bundle is the body of a CommonJS module inside its wrapper function, so that the launcher
 * compiles the file as it is (cli-bundle.ts), in strict mode as esbuild's CommonJS output is.
 *
 * Every module keeps seeing its own location in `import.meta.url` (the package folder is found from
 * it, and yargs finds its message texts beside itself), written as the path from the bundle to the
 * original file, so the build folder stays movable together with node_modules. The function that
 * turns it into a URL is defined first thing (esbuild leaves the banner as it is): there `require`
 * and `__dirname` are still the wrapper's, whereas bundled modules rename the first and may
 * overwrite the second (yargs declares a top-level `__dirname`).
 */
const FILE_URL = '__mendix_connector_file_url';
const BANNER =
  `(function (exports, require, module, __filename, __dirname) { "use strict"; ` +
  `var ${FILE_URL} = ((url, path, dir) => (file) => url.pathToFileURL(path.join(dir, file)).href)(require("node:url"), require("node:path"), __dirname);`;
const FOOTER = '})';

const ownImportMetaUrl: Plugin = {
  name: 'own-import-meta-url',
  setup(context) {
    context.onLoad({ filter: /\.(js|mjs|cjs)$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const fromBundle = relative(dirname(CLI_BUNDLE_FILE), args.path).split('\\').join('/');
      return { contents: text.replace(/\bimport\.meta\.url\b/g, `${FILE_URL}(${JSON.stringify(fromBundle)})`), loader: 'js' };
    });
  },
};

const BUILD_DIR = dirname(dirname(dirname(CLI_BUNDLE_FILE)));

/** precompiled-schema.ts in the bundle: the code Ajv generates for the schema. */
function precompiledSchemaModule(): string {
  const schemaText = readFileSync(SCHEMA_FILE, 'utf8');
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, esm: true } });
  // Exports `validate`; the few helpers it uses it requires from ajv/dist/runtime.
  const validator = standalone.default(ajv, ajv.compile(JSON.parse(schemaText) as object));
  return `${validator}\nexport const precompiledSchema = { schemaText: ${JSON.stringify(schemaText)}, validate };\n`;
}

/** precompiled-templates.ts in the bundle: Handlebars' precompiled form of every Java template. */
function precompiledTemplatesModule(): string {
  const entries = Object.values(JAVA_TEMPLATE_FILES).map((file) => {
    const source = readFileSync(join(TEMPLATES_DIR, 'java', file), 'utf8');
    const spec = Handlebars.precompile(source, JAVA_TEMPLATE_OPTIONS) as unknown as string;
    return `  ${JSON.stringify(file)}: { source: ${JSON.stringify(source)}, spec: ${spec} },`;
  });
  return `export const precompiledJavaTemplates = {\n${entries.join('\n')}\n};\n`;
}

/** Puts what was compiled at build time in place of the modules that stand for it. */
const precompiled: Plugin = {
  name: 'precompiled',
  setup(context) {
    const modules: Record<string, () => string> = {
      [join(BUILD_DIR, 'generator', 'validate', 'precompiled-schema.js')]: precompiledSchemaModule,
      [join(BUILD_DIR, 'generator', 'java', 'precompiled-templates.js')]: precompiledTemplatesModule,
    };
    context.onLoad({ filter: /[\\/]precompiled-[a-z]+\.js$/ }, (args) => {
      const make = modules[args.path];
      if (!make) throw new Error(`No build-time replacement for ${args.path}.`);
      return { contents: make(), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

/** Output that says nothing: the training run's messages are of no interest. */
const silent: Output = { result: () => {}, json: () => {}, info: () => {}, error: () => {} };

async function main(): Promise<void> {
  const built = await build({
    entryPoints: [ENTRY],
    outfile: CLI_BUNDLE_FILE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: EXTERNAL,
    // The first plugin whose onLoad answers wins.
    plugins: [precompiled, ownImportMetaUrl],
    banner: { js: BANNER },
    footer: { js: FOOTER },
    logLevel: 'warning',
    write: false,
  });
  // Replaced in one step: a command started meanwhile reads the old bundle or the new one, whole.
  const output = built.outputFiles[0];
  if (!output) throw new Error('esbuild wrote no bundle.');
  const staged = `${CLI_BUNDLE_FILE}.${process.pid}.tmp`;
  writeFileSync(staged, output.contents);
  renameSync(staged, CLI_BUNDLE_FILE);

  // The training run: `generate` of the bundled spec, written nowhere. The code cache taken after it
  // holds every function it compiled, which is what any `generate` runs.
  const bundle = loadCliBundle({ withoutCache: true });
  if (!bundle) throw new Error(`${CLI_BUNDLE_FILE} was not written.`);
  const scratch = mkdtempSync(join(tmpdir(), 'mendix-connector-bundle-'));
  try {
    const code = await bundle.runCli(['generate', BUNDLED_SPEC_FILE, '--dry-run', '--out', join(scratch, 'out')], silent);
    if (code !== 0) throw new Error(`generate with the bundled command line failed with exit code ${code}.`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  saveCliCodeCache(bundle);
}

await main();
