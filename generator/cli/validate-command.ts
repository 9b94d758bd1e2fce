import { displayPath } from '../load/load-spec.js';
import { validateSpecFile, type ValidationResult } from '../validate/validate-spec.js';
import { loadApiModelFile } from '../validate/api-model-file.js';
import { EXIT_BAD_INPUT, EXIT_OK } from './exit-codes.js';
import { diagnosticsToJson, reportDiagnostics, type Output } from './output.js';

/** Validates a spec; every other command calls this first and stops on problems. */
export function validateForCommand(specFile: string, out: Output, json: boolean): ValidationResult {
  const result = validateSpecFile(specFile, loadApiModelFile);
  if (result.diagnostics.length > 0) {
    if (json) out.json({ valid: false, spec: displayPath(result.specFile), problems: diagnosticsToJson(result.diagnostics) });
    reportDiagnostics(out, result.diagnostics, displayPath(result.specFile));
  }
  return result;
}

export function runValidate(specFile: string, out: Output, json: boolean): number {
  const result = validateForCommand(specFile, out, json);
  if (!result.spec) return EXIT_BAD_INPUT;
  const { spec } = result;
  const caseCount = spec.operations.reduce((sum, o) => sum + o.cases.length, 0);
  const summary = {
    valid: true,
    spec: displayPath(result.specFile),
    module: spec.module.name,
    operations: spec.operations.length,
    entities: spec.entities.length,
    enumerations: spec.enumerations.length,
    associations: spec.associations.length,
    cases: caseCount,
  };
  if (json) out.json(summary);
  else
    out.result(
      `${summary.spec} is valid: module ${summary.module}, ${summary.operations} operations, ${summary.entities} entities, ` +
        `${summary.enumerations} enumerations, ${summary.associations} associations, ${summary.cases} conformance cases.`,
    );
  return EXIT_OK;
}
