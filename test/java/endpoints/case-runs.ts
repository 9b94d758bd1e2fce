import { expect } from 'vitest';
import type { CaseValue } from '../../../generator/spec/types.js';
import type { RunOutput } from '../java-cases.js';
import type { ClasspathKind } from '../java-classpath.js';

/**
 * What the endpoint tests read of their cases' runs: the cases one JVM ran on each classpath and what
 * each gave back, by case id. A case that did not run, or did not succeed where a test needs its
 * result, fails the test with the case named.
 */

type Obj = Record<string, CaseValue>;

export interface CaseRuns<C> {
  cases: Map<string, C>;
  outputs: Map<string, RunOutput>;
}

export interface CaseRunReader<R> {
  /** The run of one classpath. */
  kindRun(kind: ClasspathKind): R;
  /** What a case gave back, success or not. */
  output(kind: ClasspathKind, id: string): RunOutput;
  /** The result object of a case that must have succeeded. */
  result(kind: ClasspathKind, id: string): Obj;
}

export function caseRunReader<R extends CaseRuns<unknown>>(runs: ReadonlyMap<ClasspathKind, R>): CaseRunReader<R> {
  const kindRun = (kind: ClasspathKind): R => {
    const run = runs.get(kind);
    if (!run) throw new Error(`the ${kind} cases did not run`);
    return run;
  };
  const output = (kind: ClasspathKind, id: string): RunOutput => {
    const out = kindRun(kind).outputs.get(id);
    if (!out) throw new Error(`no output for case ${id}`);
    return out;
  };
  const result = (kind: ClasspathKind, id: string): Obj => {
    const out = output(kind, id);
    expect(out.error, `${kind} ${id}`).toBeNull();
    expect(out.result !== null && typeof out.result === 'object' && !Array.isArray(out.result), `${kind} ${id}: an object`).toBe(true);
    return out.result as Obj;
  };
  return { kindRun, output, result };
}

/** A list value of a result (an association's objects), which must be a list. */
export function listOf(value: CaseValue | undefined): Obj[] {
  expect(Array.isArray(value), `a list: ${JSON.stringify(value)}`).toBe(true);
  return value as Obj[];
}
