import { existsSync } from 'node:fs';
import { ApiModel, loadApiModel } from '../aws/api-model.js';
import type { ApiMemberView, ApiModelView, ApiValueKind } from './api-model-view.js';

/** Presents an AWS API model file (generator/aws) as the view the validator and generators use. */
class AwsApiModelView implements ApiModelView {
  // The runtime resolves the same members on every call: each view is built once.
  private readonly members = new Map<string, ApiMemberView | undefined>();
  private readonly elements = new Map<string, ApiMemberView | undefined>();

  constructor(private readonly model: ApiModel) {}

  get sdkId(): string {
    return this.model.sdkId;
  }

  get sdkPackage(): string {
    return this.model.file.sdkPackage;
  }

  get jsClient(): string | undefined {
    return this.model.file.jsClient;
  }

  jsCommand(operation: string): string | undefined {
    return this.model.operation(operation)?.jsCommand;
  }

  operationNames(): string[] {
    return this.model.operationNames();
  }

  hasOperation(name: string): boolean {
    return this.model.operation(name) !== undefined;
  }

  inputShape(operation: string): string | undefined {
    return this.model.inputShape(operation);
  }

  outputShape(operation: string): string | undefined {
    return this.model.outputShape(operation);
  }

  shapeKind(shape: string): ApiValueKind | undefined {
    return this.model.kindOf(shape);
  }

  memberNames(structure: string): string[] {
    return this.model.memberNames(structure);
  }

  member(structure: string, name: string): ApiMemberView | undefined {
    const key = `${structure}\u0000${name}`;
    if (!this.members.has(key)) {
      const member = this.model.member(structure, name);
      this.members.set(
        key,
        member ? { ...this.view(name, member.target, member.type, member.enum), ...(member.required ? { required: true } : {}) } : undefined,
      );
    }
    return this.members.get(key);
  }

  elementOf(shape: string): ApiMemberView | undefined {
    if (!this.elements.has(shape)) this.elements.set(shape, this.computeElementOf(shape));
    return this.elements.get(shape);
  }

  private computeElementOf(shape: string): ApiMemberView | undefined {
    const kind = this.model.kindOf(shape);
    const element = kind === 'list' ? this.model.listItemType(shape) : kind === 'map' ? this.model.mapValueType(shape) : undefined;
    if (element === undefined) return undefined;
    const elementKind = this.model.kindOf(element);
    return elementKind ? this.view(kind === 'list' ? '$member' : '$value', element, elementKind, undefined) : undefined;
  }

  enumValues(enumName: string): string[] | undefined {
    const values = this.model.enumValues(enumName);
    return values ? [...values] : undefined;
  }

  private view(name: string, target: string, kind: ApiValueKind, enumName: string | undefined): ApiMemberView {
    const composite = kind === 'structure' || kind === 'union' || kind === 'list' || kind === 'map';
    return { name, kind, ...(composite ? { shape: target } : {}), ...(enumName ? { enumName } : {}) };
  }
}

/** Loads the API model file a spec names, for validation; problems come back as a sentence. */
export function loadApiModelFile(file: string): { model?: ApiModelView; problem?: string } {
  if (!existsSync(file)) return { problem: 'the file does not exist' };
  try {
    return { model: new AwsApiModelView(loadApiModel(file)) };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}
