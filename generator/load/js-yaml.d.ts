// The part of js-yaml 4 (which ships no types) that fast-yaml.ts uses.
declare module 'js-yaml' {
  export interface TypeOptions {
    kind: 'scalar';
    resolve(data: string): boolean;
    construct(data: string): unknown;
  }
  export class Type {
    constructor(tag: string, options: TypeOptions);
  }
  export class Schema {
    constructor(definition: { implicit?: Type[]; explicit?: Type[] });
  }
  export interface LoadOptions {
    schema?: Schema;
    /** false: a repeated mapping key is an error. */
    json?: boolean;
    onWarning?(warning: Error): void;
  }
  export function load(text: string, options?: LoadOptions): unknown;
}
