import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildJavaViewModel, type ActionView } from '../../generator/java/java-model.js';
import { renderJavaModel } from '../../generator/java/render-java.js';
import { JAVA_TEMPLATE_FILES, compileJavaTemplate, createJavaHandlebars, loadJavaTemplate } from '../../generator/java/java-templates.js';
import { TEMPLATES_DIR } from '../../generator/paths.js';
import { loadBundledSpec } from './java-golden.js';

describe('Java templates in Handlebars strict mode', () => {
  it('fails on a missing field', () => {
    const template = compileJavaTemplate<{ name: string }>('class {{name}} {{missing}}');
    expect(() => template({ name: 'X' })).toThrow(/"missing" not defined/);
  });

  it('fails on a missing field inside a loop and in a condition', () => {
    const loop = compileJavaTemplate<{ items: Array<{ a: string }> }>('{{#each items}}{{a}}{{b}}{{/each}}');
    expect(() => loop({ items: [{ a: 'x' }] })).toThrow(/"b" not defined/);
    const condition = compileJavaTemplate<{ a: string }>('{{#if flag}}yes{{/if}}');
    expect(() => condition({ a: 'x' })).toThrow(/#if\}\} got an undefined value/);
    const each = compileJavaTemplate<{ a: string }>('{{#each list}}x{{/each}}');
    expect(() => each({ a: 'x' })).toThrow(/#each\}\} got an undefined value/);
    expect(compileJavaTemplate<{ flag: null }>('{{#if flag}}yes{{else}}no{{/if}}')({ flag: null })).toBe('no');
  });

  it('fails on a helper nobody registered, and on removed built-ins', () => {
    expect(() => compileJavaTemplate<{ a: string }>('{{upper a}}')({ a: 'x' })).toThrow(/Missing helper|not defined/);
    expect(() => compileJavaTemplate<{ a: Record<string, string> }>('{{lookup a "k"}}')({ a: { k: 'v' } })).toThrow();
    expect(() => compileJavaTemplate<{ a: string }>('{{#with a}}{{this}}{{/with}}')({ a: 'x' })).toThrow();
  });

  it('does not HTML-escape and does not leak helpers into the global Handlebars', () => {
    expect(compileJavaTemplate<{ t: string }>('{{t}}')({ t: 'List<String> a = "x" & b;' })).toBe('List<String> a = "x" & b;');
    const hb = createJavaHandlebars();
    expect(Object.keys(hb.helpers).sort()).toEqual(['blockHelperMissing', 'each', 'helperMissing', 'if', 'unless']);
  });

  it('compiles every template file and renders it from the view model', () => {
    const { spec, index, api } = loadBundledSpec();
    const model = buildJavaViewModel(spec, index, api);
    expect(renderJavaModel(model)).toHaveLength(Object.keys(JAVA_TEMPLATE_FILES).length - 1 + model.actions.length);
    for (const file of Object.values(JAVA_TEMPLATE_FILES)) {
      expect(readFileSync(join(TEMPLATES_DIR, 'java', file), 'utf8').length).toBeGreaterThan(0);
    }
  });

  it('refuses a view model with a field missing (the action template reads every field it needs)', () => {
    const { spec, index, api } = loadBundledSpec();
    const model = buildJavaViewModel(spec, index, api);
    const action = loadJavaTemplate<Partial<ActionView>>('action');
    const first = model.actions[0];
    if (!first) throw new Error('no action');
    expect(() => action(first)).not.toThrow();
    const { clientMethod: _dropped, ...withoutMethod } = first;
    expect(() => action(withoutMethod)).toThrow(/"clientMethod" not defined/);
  });
});
