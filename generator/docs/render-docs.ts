import type { SpecIndex } from '../spec/spec-index.js';
import type { ConnectorSpec } from '../spec/types.js';
import type { OutputFile } from '../write/write-outputs.js';
import { renderDomainModelSvg } from './domain-model-svg.js';
import { buildReference } from './reference.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';

/** The folder of the documentation, relative to the output folder. */
export const DOCS_FOLDER = 'docs';
/** The picture's file name inside DOCS_FOLDER. */
export const DOMAIN_MODEL_SVG = 'domain-model.svg';

/** Output paths of the documentation of `spec`, relative to the output folder. */
export function docsPaths(spec: ConnectorSpec): { markdown: string; html: string; svg: string } {
  return {
    markdown: `${DOCS_FOLDER}/${spec.module.name}.md`,
    html: `${DOCS_FOLDER}/${spec.module.name}.html`,
    svg: `${DOCS_FOLDER}/${DOMAIN_MODEL_SVG}`,
  };
}

/**
 * The technical reference of the module (Markdown, and a self-contained HTML page with the picture
 * inline) and the domain-model picture (SVG). Deterministic: the same spec gives the same bytes.
 */
export function renderDocs(spec: ConnectorSpec, index: SpecIndex): OutputFile[] {
  const paths = docsPaths(spec);
  const picture = renderDomainModelSvg(spec, index);
  const reference = buildReference(spec, index, {
    pictureFile: DOMAIN_MODEL_SVG,
    packageFile: `dist/${spec.module.name}.mpk`,
  });
  const encode = (text: string) => new TextEncoder().encode(text);
  return [
    { path: paths.markdown, bytes: encode(renderMarkdown(reference.document, reference.resolve)) },
    { path: paths.html, bytes: encode(renderHtml(reference.document, reference.resolve, picture.svg)) },
    { path: paths.svg, bytes: encode(picture.svg) },
  ];
}
