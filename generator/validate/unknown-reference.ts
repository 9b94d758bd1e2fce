import { didYouMean } from '../spec/suggest.js';
import type { DiagnosticList, SpecPath } from './diagnostics.js';

export type ReferenceKind = 'entity' | 'enumeration' | 'association' | 'object mapping' | 'operation';

const SECTIONS: Record<ReferenceKind, string> = {
  entity: 'entities',
  enumeration: 'enumerations',
  association: 'associations',
  'object mapping': 'objectMappings',
  operation: 'operations',
};

/**
 * Reports a name that refers to nothing in the spec, in one wording for every kind of reference:
 * `<described> is not an entity of this spec.`, with the closest names as the hint.
 */
export function reportUnknownReference(
  out: DiagnosticList,
  path: SpecPath,
  kind: ReferenceKind,
  name: string,
  candidates: Iterable<string>,
  described = `"${name}"`,
): void {
  const article = /^[aeiou]/.test(kind) ? 'an' : 'a';
  out.add(
    path,
    `${described} is not ${article} ${kind} of this spec.`,
    didYouMean(name, candidates, `Name ${article} ${kind} declared under "${SECTIONS[kind]}".`),
  );
}
