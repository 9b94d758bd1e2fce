import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JAVA_TEMPLATE_FILES } from '../java/java-templates.js';
import { TEMPLATES_DIR } from '../paths.js';

/**
 * The Mendix log levels the generated Java logs at, read from the Java templates themselves (every
 * `LOG.<level>(` call on the module's log node), so the module documentation names the levels the
 * code really uses, also after the templates change.
 */

/** Mendix's log levels, lowest first, with the `ILogNode` method of each. */
export const MENDIX_LOG_LEVELS = [
  { level: 'Trace', method: 'trace' },
  { level: 'Debug', method: 'debug' },
  { level: 'Info', method: 'info' },
  { level: 'Warning', method: 'warn' },
  { level: 'Error', method: 'error' },
  { level: 'Critical', method: 'critical' },
] as const;

export type MendixLogLevel = (typeof MENDIX_LOG_LEVELS)[number]['level'];

/** The levels `LOG.<method>(` calls in these texts log at, lowest first. */
export function logLevelsIn(texts: readonly string[]): MendixLogLevel[] {
  const used = new Set<string>();
  for (const text of texts) for (const match of text.matchAll(/\bLOG\.(\w+)\s*\(/g)) used.add(match[1] ?? '');
  return MENDIX_LOG_LEVELS.filter((l) => used.has(l.method)).map((l) => l.level);
}

const cache = new Map<string, MendixLogLevel[]>();

/** The levels the Java generated from the templates in `templatesDir` logs at, lowest first. */
export function javaLogLevels(templatesDir: string = TEMPLATES_DIR): MendixLogLevel[] {
  let levels = cache.get(templatesDir);
  if (!levels) {
    levels = logLevelsIn(Object.values(JAVA_TEMPLATE_FILES).map((file) => readFileSync(join(templatesDir, 'java', file), 'utf8')));
    cache.set(templatesDir, levels);
  }
  return levels;
}
