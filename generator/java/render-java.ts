/**
 * Renders the Java sources of a connector module: one Java action per operation under
 * `javasource/<javaPackage>/actions/` and the shared helpers under `javasource/<javaPackage>/impl/`.
 * Deterministic: the same spec gives the same bytes, in the same (sorted) order.
 */
import type { SpecIndex } from '../spec/spec-index.js';
import type { ConnectorSpec } from '../spec/types.js';
import type { ApiModelView } from '../validate/api-model-view.js';
import { buildJavaViewModel, compareText, type ActionView, type ClientFactoryView, type JavaCommonView, type JavaViewModel } from './java-model.js';
import { loadJavaTemplate, type JavaTemplateName } from './java-templates.js';

export interface RenderedJavaFile {
  /** Relative to the app (or package) root, with `/`: `javasource/<pkg>/actions/Invoke.java`. */
  path: string;
  bytes: Uint8Array;
}

/** Renders every Java source of the module, sorted by path. */
export function renderJavaSources(spec: ConnectorSpec, index: SpecIndex, api: ApiModelView): RenderedJavaFile[] {
  return renderJavaModel(buildJavaViewModel(spec, index, api));
}

/** Renders from a prepared view model (tests use this to vary single fields). */
export function renderJavaModel(model: JavaViewModel, templatesDir?: string): RenderedJavaFile[] {
  const root = `javasource/${model.common.javaPackage.split('.').join('/')}`;
  const files: Array<{ path: string; text: string }> = [];
  const action = loadJavaTemplate<ActionView>('action', templatesDir);
  for (const view of model.actions) files.push({ path: `${root}/actions/${view.className}.java`, text: action(view) });

  const helper = <T>(name: JavaTemplateName, className: string, context: T): void => {
    files.push({ path: `${root}/impl/${className}.java`, text: loadJavaTemplate<T>(name, templatesDir)(context) });
  };
  helper<ClientFactoryView>('clientFactory', 'AwsClientFactory', model.clientFactory);
  helper<JavaCommonView>('connectorException', 'ConnectorException', model.common);
  helper<JavaCommonView>('requestMapping', 'RequestMapping', model.common);
  helper<JavaCommonView>('responseMapping', 'ResponseMapping', model.common);
  helper<JavaCommonView>('json', 'Json', model.common);
  helper('enumValues', 'EnumValues', { ...model.common, enums: model.enums });
  helper('objectMappings', 'ObjectMappings', { ...model.common, objectMappings: model.objectMappings });

  const encoder = new TextEncoder();
  return files.sort((a, b) => compareText(a.path, b.path)).map((f) => ({ path: f.path, bytes: encoder.encode(normalizeNewlines(f.text)) }));
}

/** LF line ends and exactly one newline at the end. */
function normalizeNewlines(text: string): string {
  return `${text.replace(/\r\n?/g, '\n').replace(/\n+$/, '')}\n`;
}
