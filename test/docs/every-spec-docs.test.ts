/**
 * The technical reference of every spec the project bundles or keeps as a fixture: it renders, names
 * every operation with its IAM permission and every entity, enumeration and association, shows the
 * walkthroughs the spec asks for, and leaves no placeholder text behind.
 */
import { describe, expect, it } from 'vitest';
import { docsPaths, renderDocs } from '../../generator/docs/render-docs.js';
import { loadCatalog } from '../support/spec-catalog.js';

const decoder = new TextDecoder();

describe('the reference of every spec', () => {
  const { specs } = loadCatalog();
  it('covers the bundled spec and the fixtures', () => {
    expect(specs.length).toBeGreaterThanOrEqual(4);
  });

  for (const { name, spec, index } of specs) {
    it(`${name}: names every element, its walkthroughs, and nothing undefined`, () => {
      const outputs = renderDocs(spec, index);
      const paths = docsPaths(spec);
      const text = (path: string): string => decoder.decode(outputs.find((o) => o.path === path)?.bytes ?? new Uint8Array());
      // Markdown escapes characters such as `_` with a backslash; what a reader sees is without them.
      const markdown = text(paths.markdown).replace(/\\(.)/g, '$1');
      const html = text(paths.html);
      const svg = text(paths.svg);
      for (const document of [markdown, html]) {
        expect(document).not.toMatch(/\[object Object\]|\bNaN\b|>undefined<|\| undefined \||`undefined`/);
        for (const operation of spec.operations) {
          expect(document, operation.name).toContain(operation.name);
          expect(document, operation.permission).toContain(operation.permission);
        }
        for (const element of [...spec.entities, ...spec.enumerations, ...spec.associations]) expect(document, element.name).toContain(element.name);
      }
      for (const entity of spec.entities) expect(svg, entity.name).toContain(entity.name);
      const shown = spec.module.walkthroughs ?? [spec.operations[0]?.name ?? ''];
      expect(markdown).toContain(`The walkthrough${shown.length === 1 ? '' : 's'} below show`);
      for (const operation of shown) expect(markdown).toContain(`\`${operation}\``);
    });
  }
});
