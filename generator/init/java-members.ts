/**
 * Which API members and structures the AWS SDK for Java lacks, or names otherwise than the Java
 * generator (generator/java/java-names.ts) derives. The JavaScript SDK the model comes from may be
 * newer than the Java SDK the module depends on (a member added since), and the Java SDK renames a
 * few members and shapes for its own reasons (a plural list name, a class named like java.lang's);
 * a spec that maps such a member generates Java that does not compile. So init asks the real jars,
 * with the probe the number widths use (generator/aws/java/NumberTypes.java: for "<class> <method>"
 * it answers the return type, "!class" or "!method"), for the getter of every member it could map,
 * and leaves out what is missing.
 */
import { spawnSync } from 'node:child_process';
import { delimiter, join } from 'node:path';
import type { ApiModel } from '../aws/api-model.js';
import { sdkMemberName, sdkOperationClass, sdkShapeClass } from '../java/java-names.js';
import { PACKAGE_ROOT } from '../paths.js';

const PROBE = join(PACKAGE_ROOT, 'generator', 'aws', 'java', 'NumberTypes.java');

export interface JavaGaps {
  /** Operations whose request or response class the jars lack: no Java action can call them. */
  operations: Set<string>;
  /** Structures whose Java class is not where the generator looks (as mapped objects). */
  classes: Set<string>;
  /** Members (`Shape\u0000Member`) whose getter the Java class lacks. */
  members: Set<string>;
}

export function memberKey(shape: string, member: string): string {
  return `${shape}\u0000${member}`;
}

/** The structures a mapping of the operations can reach: inputs, outputs, and the structures their members hold. */
function reachable(model: ApiModel, operations: readonly string[]): { roots: Array<{ operation: string; shape: string; cls: string }>; children: Set<string> } {
  const roots: Array<{ operation: string; shape: string; cls: string }> = [];
  const children = new Set<string>();
  const structureOf = (ref: string): string | undefined => {
    const kind = model.kindOf(ref);
    if (kind === 'structure') return ref;
    if (kind === 'list') {
      const item = model.listItemType(ref);
      return item !== undefined && model.kindOf(item) === 'structure' ? item : undefined;
    }
    if (kind === 'map') {
      const value = model.mapValueType(ref);
      return value !== undefined && model.kindOf(value) === 'structure' ? value : undefined;
    }
    return undefined;
  };
  for (const operation of operations) {
    for (const [shape, side] of [
      [model.inputShape(operation), 'Request'],
      [model.outputShape(operation), 'Response'],
    ] as const) {
      if (shape === undefined) continue;
      roots.push({ operation, shape, cls: sdkOperationClass(model.sdkId, operation, side) });
      for (const name of model.memberNames(shape)) {
        const child = structureOf(model.member(shape, name)?.target ?? '');
        if (child !== undefined) children.add(child);
      }
    }
  }
  return { roots, children };
}

/**
 * Asks the jars for the getter of every member of the structures the operations reach. Throws when
 * the probe cannot run (no java), which the caller reports as a warning.
 */
export function javaGaps(model: ApiModel, operations: readonly string[], jars: readonly string[]): JavaGaps {
  const { roots, children } = reachable(model, operations);
  const questions: Array<{ shape: string; operation: string | undefined; member: string | undefined; line: string }> = [];
  const ask = (shape: string, cls: string, operation: string | undefined) => {
    // Every class has hashCode(): the first question tells whether the class exists at all.
    questions.push({ shape, operation, member: undefined, line: `${cls} hashCode` });
    for (const member of model.memberNames(shape)) questions.push({ shape, operation, member, line: `${cls} ${sdkMemberName(member)}` });
  };
  for (const { operation, shape, cls } of roots) ask(shape, cls, operation);
  for (const shape of [...children].sort()) {
    const found = model.shape(shape);
    // The class the model records where the Java SDK renamed the shape (S3Object), else the shape's name.
    ask(shape, sdkShapeClass(model.sdkId, shape, found?.type === 'structure' || found?.type === 'union' ? found.javaClass : undefined), undefined);
  }
  const gaps: JavaGaps = { operations: new Set(), classes: new Set(), members: new Set() };
  if (questions.length === 0) return gaps;
  const result = spawnSync('java', ['-cp', jars.join(delimiter), PROBE], {
    input: `${questions.map((q) => q.line).join('\n')}\n`,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`the Java probe failed (exit ${String(result.status)}): ${result.stderr.trim()}`);
  const answers = result.stdout.split('\n').filter((l) => l.length > 0);
  if (answers.length !== questions.length) throw new Error(`the Java probe answered ${answers.length} of ${questions.length} questions`);
  questions.forEach((q, i) => {
    const answer = answers[i];
    if (answer === '!class' && q.member === undefined) {
      if (q.operation !== undefined) gaps.operations.add(q.operation);
      else gaps.classes.add(q.shape);
    } else if (answer === '!method' && q.member !== undefined) gaps.members.add(memberKey(q.shape, q.member));
  });
  return gaps;
}
