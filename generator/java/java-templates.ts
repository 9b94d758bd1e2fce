/**
 * The Handlebars environment of the Java generator: an isolated instance (no global helpers), every
 * template compiled in strict mode so a missing view-model field or an unknown helper is an error,
 * and no HTML escaping (the output is Java).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { TEMPLATES_DIR } from '../paths.js';
import { precompiledJavaTemplates } from './precompiled-templates.js';

export type JavaTemplate<T> = (context: T) => string;

/** The template files of the Java generator, relative to templates/java. */
export const JAVA_TEMPLATE_FILES = {
  action: 'action.java.hbs',
  clientFactory: 'impl/AwsClientFactory.java.hbs',
  connectorException: 'impl/ConnectorException.java.hbs',
  requestMapping: 'impl/RequestMapping.java.hbs',
  responseMapping: 'impl/ResponseMapping.java.hbs',
  json: 'impl/Json.java.hbs',
  enumValues: 'impl/EnumValues.java.hbs',
  objectMappings: 'impl/ObjectMappings.java.hbs',
} as const;

export type JavaTemplateName = keyof typeof JAVA_TEMPLATE_FILES;

/** A fresh Handlebars instance with only the built-in block helpers and none of ours beyond these. */
export function createJavaHandlebars(): typeof Handlebars {
  const hb = Handlebars.create();
  // Built-ins that could silently hide mistakes are removed; `if`, `unless`, `each` stay.
  hb.unregisterHelper('lookup');
  hb.unregisterHelper('log');
  hb.unregisterHelper('with');
  // Strict mode does not check helper arguments, so `{{#if misspelled}}` would quietly be false. The
  // block helpers therefore refuse an undefined argument: view models use null for "absent".
  for (const name of ['if', 'unless', 'each'] as const) {
    const builtIn = hb.helpers[name] as ((this: unknown, ...args: unknown[]) => unknown) | undefined;
    if (!builtIn) throw new Error(`Handlebars has no built-in ${name} helper.`);
    hb.registerHelper(name, function strictBlock(this: unknown, ...args: unknown[]) {
      const options = args[args.length - 1] as Handlebars.HelperOptions & { loc?: { start?: { line?: number } } };
      if (args.length < 2 || args[0] === undefined) {
        const line = options.loc?.start?.line;
        throw new Error(`{{#${name}}} got an undefined value${line !== undefined ? ` (template line ${line})` : ''}: a missing view-model field?`);
      }
      return builtIn.apply(this, args);
    });
  }
  return hb;
}

/** How every Java template is compiled, here and when the command line is bundled (precompiled-templates.ts). */
export const JAVA_TEMPLATE_OPTIONS = { strict: true, noEscape: true } as const;

/** Compiles template source text the way every Java template is compiled. */
export function compileJavaTemplate<T>(source: string, hb: typeof Handlebars = createJavaHandlebars()): JavaTemplate<T> {
  const compiled = hb.compile<T>(source, JAVA_TEMPLATE_OPTIONS);
  return (context: T) => compiled(context);
}

/**
 * Loads one template of templates/java: the one compiled with the bundle when it was made from
 * this very text, else compiled now.
 */
export function loadJavaTemplate<T>(name: JavaTemplateName, templatesDir: string = TEMPLATES_DIR): JavaTemplate<T> {
  const file = JAVA_TEMPLATE_FILES[name];
  const source = readFileSync(join(templatesDir, 'java', file), 'utf8');
  const precompiled = precompiledJavaTemplates?.[file];
  if (precompiled?.source === source) {
    const template = createJavaHandlebars().template<T>(precompiled.spec);
    return (context: T) => template(context);
  }
  return compileJavaTemplate<T>(source);
}
