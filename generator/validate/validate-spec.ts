import { dirname, resolve } from 'node:path';
import { loadSpec, type SpecSources } from '../load/load-spec.js';
import { SpecIndex } from '../spec/spec-index.js';
import type { ConnectorSpec } from '../spec/types.js';
import type { ApiModelView } from './api-model-view.js';
import { checkCases } from './check-cases.js';
import { checkClientBinding } from './check-client.js';
import { checkDomainModel } from './check-domain-model.js';
import { checkJavaDependencies } from './check-java-dependencies.js';
import { checkToolboxIcon } from './check-icons.js';
import { checkOperations } from './check-operations.js';
import { checkNameLengths, checkTexts } from './check-texts.js';
import { rememberPlan } from '../plan/operation-plan.js';
import { compareDiagnostics, DiagnosticList, type Diagnostic } from './diagnostics.js';
import { normalizeSpec } from './normalize.js';
import { checkSchema } from './schema-check.js';

/** Loads the API model a spec names; returns diagnostics instead when it cannot. */
export type ApiModelLoader = (file: string) => { model?: ApiModelView; problem?: string };

export interface ValidationResult {
  /** Set only when the spec has no problems. */
  spec?: ConnectorSpec;
  index?: SpecIndex;
  api?: ApiModelView;
  specFile: string;
  diagnostics: Diagnostic[];
}

/**
 * The whole validation: read (YAML syntax), then the JSON Schema (shape), then the semantic checks
 * (names, references, API fields, cases). A layer runs only when the one before it passed, because
 * its checks rely on that shape; within a layer every problem is reported.
 */
export function validateSpecFile(specFile: string, loadApiModel: ApiModelLoader): ValidationResult {
  const absolute = resolve(specFile);
  const loaded = loadSpec(absolute);
  if (!loaded.loaded) return { specFile: absolute, diagnostics: loaded.diagnostics };
  const { data, sources } = loaded.loaded;

  const shape = new DiagnosticList();
  checkSchema(data, shape);
  if (!shape.isEmpty) return finish(absolute, sources, shape);

  const spec = normalizeSpec(data);
  const index = new SpecIndex(spec);
  const problems = new DiagnosticList();
  checkTexts(data, problems);
  checkNameLengths(spec, problems);
  checkDomainModel(spec, index, problems);
  checkJavaDependencies(spec, problems);
  checkToolboxIcon(spec, dirname(absolute), problems);
  checkClientBinding(spec, index, problems);

  const apiFile = resolve(dirname(absolute), spec.service.apiModel);
  const api = loadApiModel(apiFile);
  if (!api.model) {
    problems.add(
      ['service', 'apiModel'],
      `Cannot use the API model ${spec.service.apiModel}: ${api.problem ?? 'unknown problem'}.`,
      'Point service.apiModel at the API model file, relative to the spec file.',
    );
    return finish(absolute, sources, problems);
  }
  const plan = checkOperations(spec, index, api.model, problems);
  checkCases(spec, index, api.model, problems);
  if (!problems.isEmpty) return finish(absolute, sources, problems);
  rememberPlan(spec, plan);
  return { spec, index, api: api.model, specFile: absolute, diagnostics: [] };
}

function finish(specFile: string, sources: SpecSources, list: DiagnosticList): ValidationResult {
  return { specFile, diagnostics: sources.locateAll(list.items).sort(compareDiagnostics) };
}
