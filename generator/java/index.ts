/**
 * The Java generator step: renders the Java actions and helper classes of a connector module from its
 * spec (render-java.ts, templates under templates/java) and writes them into an app's javasource
 * folder without losing the user's code (java-out.ts).
 */
export { renderJavaSources, renderJavaModel, type RenderedJavaFile } from './render-java.js';
export {
  writeJavaSources,
  formatJavaWriteReport,
  MANIFEST_FILE_NAME,
  type JavaWriteOptions,
  type JavaWriteReport,
  type KeptUserCode,
  type SkippedFile,
} from './java-out.js';
export { buildJavaViewModel, JavaGenerationError, type JavaViewModel, type ActionView } from './java-model.js';
export { javaName, type JavaNameKind } from './java-names.js';
