import yargs, { type CommandModule } from 'yargs';
import { BUNDLED_SPEC_FILE, PACKAGE_JSON } from '../paths.js';
import { bundledConnectors } from '../../runtime/cli/bundled-connectors.js';
import { EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_USAGE, usageFailure, UsageError, UserError } from './exit-codes.js';
import { processOutput, type Output } from './output.js';
import { SUPPORTED_MENDIX_VERSIONS } from '../emit/targets.js';

/** The work of the helper thread that builds slices of large domain models (entity-slice-worker.ts), which runs the bundle too. */
export { serveEncodedEntitySlices } from '../emit/emit-package.js';

/** The commands of the generator itself, registered below. */
const GENERATOR_COMMANDS = ['validate', 'generate', 'api-model', 'init'];

/**
 * The runtime's commands: `call` and one shortcut per bundled spec. Their implementation is loaded only
 * when the command line names one of them (building their options loads a spec and the AWS SDK);
 * otherwise they are listed for --help only.
 */
async function operationCommands(argv: string[], out: Output, setExitCode: (code: number) => void): Promise<CommandModule[]> {
  // The generator's own commands need none of them: spare their start-up reading the bundled specs.
  if (GENERATOR_COMMANDS.includes(argv[0] ?? '')) return [];
  const connectors = bundledConnectors();
  const names = ['call', ...connectors.map((c) => c.command)];
  if (!names.includes(argv[0] ?? '')) {
    return [
      { command: 'call <spec> <operation>', describe: 'Call one operation of a spec through the connector runtime', builder: {}, handler: () => undefined },
      ...connectors.map((c) => ({
        command: `${c.command} <operation>`,
        describe: `Call ${c.command} through the connector runtime`,
        builder: {},
        handler: () => undefined,
      })),
    ];
  }
  const { callCommand, shortcutCommand } = await import('../../runtime/cli/connector-command.js');
  return [
    callCommand(out, setExitCode) as CommandModule,
    ...connectors.map((c) => shortcutCommand(c, out, setExitCode, argv[0] === c.command) as CommandModule),
  ];
}

/**
 * The command-line tool. Returns the exit code instead of exiting, so tests can run it in-process.
 * Exit codes: 0 success, 1 bad input, 2 usage error, 3 internal error.
 */
export async function runCli(argv: string[], out: Output = processOutput): Promise<number> {
  let exitCode: number | undefined;
  const cli = yargs(argv)
    .scriptName('mendix-connector')
    .usage('$0 <command> [options]\n\nGenerates Mendix connector modules from a connector spec.')
    .version(PACKAGE_JSON.version)
    .option('json', { type: 'boolean', default: false, describe: 'Print machine-readable JSON on stdout' })
    .command(
      'validate [spec]',
      'Check a connector spec and report every problem with its location',
      (y) =>
        y.positional('spec', {
          type: 'string',
          default: BUNDLED_SPEC_FILE,
          defaultDescription: "the bundled spec package.json's mendixConnector.defaultSpec names",
          describe: 'Spec file (YAML or JSON)',
        }),
      async (args) => {
        const { runValidate } = await import('./validate-command.js');
        exitCode = runValidate(args.spec, out, args.json);
      },
    )
    .command(
      'generate [spec]',
      'Generate the module package (.mpk) from a connector spec',
      (y) =>
        y
          .positional('spec', {
            type: 'string',
            default: BUNDLED_SPEC_FILE,
            defaultDescription: "the bundled spec package.json's mendixConnector.defaultSpec names",
            describe: 'Spec file (YAML or JSON)',
          })
          .option('out', { type: 'string', default: 'dist', describe: 'Output folder' })
          .option('mendix-version', {
            type: 'string',
            describe: `Target Mendix version (default: the spec's module.mendixVersion; supported: ${SUPPORTED_MENDIX_VERSIONS.join(', ')})`,
          })
          .option('dry-run', { type: 'boolean', default: false, describe: 'List what would be written, write nothing' })
          .option('check', { type: 'boolean', default: false, describe: 'Exit 1 when the files on disk are not what the spec generates' })
          .option('force', {
            type: 'boolean',
            default: false,
            describe: 'Overwrite files changed outside mendix-connector; with --app-id, update a module it did not generate',
          })
          .option('java-out', {
            type: 'string',
            describe: "Also write the Java action sources into an app's javasource folder, keeping your edits in USER CODE and EXTRA CODE sections",
          })
          .option('module-name', {
            type: 'string',
            describe:
              "Generate the module under this name instead of the spec's (its Java package follows in lower case), for example to keep clear of a Marketplace module your app has",
          })
          .option('credential-source', {
            choices: ['module', 'aws-authentication'] as const,
            describe:
              "Where the activities take credentials, region and client settings from: the module's own entities, or Mendix's AWS Authentication module (default: the spec's client.credentialSource)",
          })
          .option('bundle-jars', {
            type: 'boolean',
            default: false,
            describe: "Put the module's Java libraries, resolved with Maven, into the package's vendorlib/ (for a Studio Pro without access to Maven Central)",
          })
          .option('app-id', {
            type: 'string',
            describe: 'Push the module into this Mendix app instead of writing files (personal access token in MENDIX_TOKEN)',
          })
          .option('branch', { type: 'string', describe: "With --app-id: branch to update (default: the repository's default branch)" })
          .option('message', { type: 'string', describe: 'With --app-id: commit message' })
          .option('export', { type: 'string', describe: 'With --app-id: also write the module package exported by the platform to this file' }),
      async (args) => {
        if (args.dryRun && args.check) throw new UsageError('--dry-run and --check cannot be used together.');
        if (args.bundleJars && args.appId !== undefined)
          throw new UsageError('--bundle-jars applies to the package file; --app-id pushes into an app instead.');
        if (args.appId === undefined && (args.branch !== undefined || args.message !== undefined || args.export !== undefined)) {
          throw new UsageError('--branch, --message and --export go with --app-id.');
        }
        // Loaded on use: the Model SDK alone takes half a second to load.
        const { runGenerate } = await import('./generate-command.js');
        exitCode = await runGenerate(
          {
            spec: args.spec,
            out: args.out,
            mendixVersion: args.mendixVersion,
            dryRun: args.dryRun,
            check: args.check,
            force: args.force,
            json: args.json,
            appId: args.appId,
            branch: args.branch,
            message: args.message,
            exportFile: args.export,
            credentialSource: args.credentialSource === undefined ? undefined : args.credentialSource === 'aws-authentication' ? 'awsAuthentication' : 'module',
            javaOut: args.javaOut,
            bundleJars: args.bundleJars,
            moduleName: args.moduleName,
          },
          out,
        );
      },
    )
    .command(
      'api-model <service>',
      'Extract the API model of an AWS service from its installed @aws-sdk/client-<service> package',
      (y) =>
        y
          .positional('service', {
            type: 'string',
            demandOption: true,
            describe: "The package suffix of the service's AWS SDK for JavaScript client: <service> in @aws-sdk/client-<service>",
          })
          .option('out', { type: 'string', describe: 'Write the model to this file instead of stdout' })
          .option('force', { type: 'boolean', default: false, describe: 'With --out: replace the file even when it differs from the model' })
          .option('java-number-types', {
            type: 'boolean',
            default: false,
            describe: 'Add the Java type of every number member, read from the AWS SDK for Java jars (needs a JDK and Maven)',
          })
          .option('java-sdk-version', {
            type: 'string',
            describe: 'With --java-number-types: the AWS SDK for Java 2.x release to read (default: the one mendix-connector is tested with)',
          }),
      async (args) => {
        if (args.force && args.out === undefined) throw new UsageError('--force goes with --out.');
        if (args.javaSdkVersion !== undefined && !args.javaNumberTypes) throw new UsageError('--java-sdk-version goes with --java-number-types.');
        // Loaded on use: the extractor parses the SDK's sources with the TypeScript compiler.
        const { runApiModel } = await import('./api-model-command.js');
        exitCode = runApiModel(
          {
            service: args.service,
            out: args.out,
            force: args.force,
            javaNumberTypes: args.javaNumberTypes,
            javaSdkVersion: args.javaSdkVersion,
            json: args.json,
          },
          out,
        );
      },
    )
    .command(
      'init',
      'Write a documented starting spec for operations of an AWS service, from its API model (without --operations: list them)',
      (y) =>
        y
          .option('service', { type: 'string', demandOption: true, describe: 'The service: <service> in @aws-sdk/client-<service>' })
          .option('operations', { type: 'string', describe: 'API operations to write, comma-separated (A,B,...)' })
          .option('module', { type: 'string', describe: 'Module name (default: <Service>Connector)' })
          .option('out', { type: 'string', describe: 'Spec file to write (default: aws-<service>.connector.yaml); the API model goes to api/ beside it' })
          .option('force', { type: 'boolean', default: false, describe: 'Replace an existing spec or a differing API model file' })
          .option('request-associations', {
            type: 'boolean',
            describe: "Map the input's structures, lists and maps to associated request objects (--no-request-associations leaves them out)",
          }),
      async (args) => {
        if (args.operations === undefined && (args.module !== undefined || args.out !== undefined || args.force))
          throw new UsageError('--module, --out and --force go with --operations.');
        // Loaded on use: init extracts the API model with the TypeScript compiler.
        const { runInit } = await import('./init-command.js');
        exitCode = runInit(
          {
            service: args.service,
            operations: args.operations,
            module: args.module,
            out: args.out,
            force: args.force,
            json: args.json,
            requestAssociations: args.requestAssociations,
          },
          out,
        );
      },
    )
    .command(await operationCommands(argv, out, (code) => (exitCode = code)))
    .demandCommand(1, 'Name a command; see --help.')
    .strict()
    .help()
    .alias('help', 'h')
    // yargs lays out the help text before every command it runs, in case the command fails; this tool
    // shows it only for --help (its failures print their own message), so only then is it wrapped,
    // the costly part of the layout (a tenth of the time of `generate` of a small spec).
    .wrap(argv.includes('--help') || argv.includes('-h') ? Math.min(100, process.stdout.columns ?? 100) : null)
    .exitProcess(false)
    .fail((message, error) => {
      // Throwing stops yargs before any command handler runs.
      throw usageFailure(message, error);
    });

  try {
    await cli.parseAsync();
  } catch (error) {
    if (error instanceof UsageError) {
      out.error(`${error.message}\nRun "mendix-connector --help" for usage.`);
      return EXIT_USAGE;
    }
    if (error instanceof UserError) {
      out.error(`error: ${error.message}${error.hint ? `\n  hint: ${error.hint}` : ''}`);
      return EXIT_BAD_INPUT;
    }
    const message = error instanceof Error ? error.message : String(error);
    out.error(`internal error: ${message}\nThis is a fault of mendix-connector, not of your input; set MENDIX_CONNECTOR_DEBUG=1 for details and report it.`);
    if (process.env['MENDIX_CONNECTOR_DEBUG'] === '1' && error instanceof Error) out.error(error.stack ?? '');
    return EXIT_INTERNAL;
  }
  return exitCode ?? 0;
}
