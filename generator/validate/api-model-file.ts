import { ApiModel, parseApiModel } from '../aws/api-model.js';
import { lineColumn, scanJson } from '../load/json-scan.js';
import { limitClause, MAX_API_MODEL_BYTES, readTextFile } from '../load/read-file.js';
import { isRecord } from '../spec/is-record.js';
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
        member
          ? {
              ...this.view(name, member.target, member.type, member.enum),
              ...(member.required ? { required: true } : {}),
              ...((member.memberEnum ?? member.valueEnum) ? { elementEnum: member.memberEnum ?? member.valueEnum } : {}),
              ...(member.keyEnum ? { keyEnum: member.keyEnum } : {}),
              ...(member.javaEnum ? { javaEnum: true } : {}),
            }
          : undefined,
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

  reportedErrorCode(error: string): string {
    if (!this.model.file.awsQueryCompatible) return error;
    const shape = this.model.shape(error);
    return shape?.type === 'structure' && shape.awsQueryError ? shape.awsQueryError.code : error;
  }

  javaClass(shape: string): string | undefined {
    const found = this.model.shape(shape);
    return found && (found.type === 'structure' || found.type === 'union') ? found.javaClass : undefined;
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

/**
 * Loads the API model file a spec names, for validation; problems come back as a sentence. The path
 * comes from the spec and may name any file of the machine, so the file is read only when it is a
 * regular file within MAX_API_MODEL_BYTES, and the sentence never quotes its content: neither a JSON
 * parser's message (which cites the text) nor a value, unless the file is recognisably an API model.
 */
export function loadApiModelFile(file: string): { model?: ApiModelView; problem?: string } {
  const read = readTextFile(file, MAX_API_MODEL_BYTES, limitClause('an API model file', MAX_API_MODEL_BYTES));
  if (!read.ok) return { problem: `${read.reason}${read.position ? ` (line ${read.position.line}, column ${read.position.column})` : ''}` };
  let json: unknown;
  try {
    json = JSON.parse(read.text);
  } catch {
    const error = scanJson(read.text, false).error;
    const where = error ? ` (${lineColumn(read.text, error.offset)})` : '';
    return { problem: `it is not a JSON file${where}; an API model is the JSON file "mendix-connector api-model" writes` };
  }
  if (!isRecord(json) || json['formatVersion'] !== 1 || !isRecord(json['operations']) || !isRecord(json['shapes'])) {
    return {
      problem: 'it is JSON, but not an API model (an object with "formatVersion": 1, "operations" and "shapes", as "mendix-connector api-model" writes)',
    };
  }
  try {
    return { model: new AwsApiModelView(parseApiModel(json, 'the file')) };
  } catch (error) {
    // One sentence for a diagnostic: the parser lists its findings on indented lines.
    const message = error instanceof Error ? error.message : String(error);
    return {
      problem: message
        .split('\n')
        .map((line) => line.trim())
        .join(' ')
        .replace(/\.$/, ''),
    };
  }
}
