import type { SpecIndex } from '../spec/spec-index.js';
import type { ConnectorSpec } from '../spec/types.js';
import type { OutputFile } from '../write/write-outputs.js';
import { renderDomainModelSvg } from './domain-model-svg.js';
import { buildReference } from './reference.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';

/** The folder of the documentation, relative to the output folder. */
export const DOCS_FOLDER = 'docs';

/**
 * The domain-model picture's file name inside DOCS_FOLDER. Named after the module like the pages, so
 * that the references of several modules generated into one output folder (`npm run generate` writes
 * every bundled spec into dist/) stand side by side without one replacing the other's picture.
 */
export function domainModelSvgName(spec: ConnectorSpec): string {
  return `${spec.module.name}.svg`;
}

/** Output paths of the documentation of `spec`, relative to the output folder. */
export function docsPaths(spec: ConnectorSpec): { markdown: string; html: string; svg: string } {
  return {
    markdown: `${DOCS_FOLDER}/${spec.module.name}.md`,
    html: `${DOCS_FOLDER}/${spec.module.name}.html`,
    svg: `${DOCS_FOLDER}/${domainModelSvgName(spec)}`,
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
    pictureFile: domainModelSvgName(spec),
    packageFile: `dist/${spec.module.name}.mpk`,
  });
  const encode = (text: string) => new TextEncoder().encode(text);
  return [
    { path: paths.markdown, bytes: encode(renderMarkdown(reference.document, reference.resolve)) },
    { path: paths.html, bytes: encode(renderHtml(reference.document, reference.resolve, picture.svg)) },
    { path: paths.svg, bytes: encode(picture.svg) },
  ];
}
