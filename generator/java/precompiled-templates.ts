import type Handlebars from 'handlebars';

/**
 * The Java templates (templates/java), compiled when the command line is bundled.
 *
 * Compiling the templates with Handlebars took longer than rendering them, at every start of the
 * command. The bundling step (generator/cli/build-cli-bundle.ts) replaces this module in the bundle
 * with Handlebars' precompiled form of each template (the same code `compile` makes at run time),
 * keyed by its file name under templates/java, with the text it was made from. Here, in the compiled
 * modules the tests run, there are none: java-templates.ts compiles the templates itself.
 */
/** What `Handlebars.precompile` returns, evaluated. */
export type TemplateSpecification = Parameters<typeof Handlebars.template>[0];

export interface PrecompiledTemplate {
  /** The template text the specification was compiled from. */
  source: string;
  spec: TemplateSpecification;
}

export const precompiledJavaTemplates: Readonly<Record<string, PrecompiledTemplate>> | undefined = undefined;
