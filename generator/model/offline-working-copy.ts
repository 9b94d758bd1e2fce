/**
 * Offline, in-process working copy for mendixmodelsdk.
 *
 * The Model SDK normally talks to the Mendix Model API server through an `IModelServerClient`.
 * `Model.createSdkClient({ client })` accepts any implementation of that interface, so this module
 * supplies one that lives entirely in memory: it answers the few calls that opening and editing a
 * model needs and refuses everything that only a real server can do. The model you get back is an
 * ordinary `IModel`: `projects.Module.createIn(model.root)`, `domainmodels.Entity.createIn(...)` and
 * friends work exactly as on a real working copy, with the SDK's own defaults, types and version checks.
 *
 * This file is the ONLY place that knows the model is offline. Model-building code takes an `IModel`
 * and must not import anything from here, so the same code can run against a working copy opened
 * through mendixplatformsdk (`(await app.createTemporaryWorkingCopy(...)).openModel()`).
 *
 * What the SDK calls on the client (mendixmodelsdk 4.111.0, see AbstractModel.initializeFromModelServer):
 *  - `loadWorkingCopyMetaData` and `loadUnitInterfaces`, in parallel, when the working copy is opened;
 *  - `sendDeltas` for every batch of edits (an implicit transaction is committed on a 0 ms timer, or
 *    at once by `flushChanges()` / `closeConnection()`);
 *  - `loadUnitById` when a not-yet-loaded model unit is loaded (`unit.load()`, `model.loadUnitById`);
 *  - nothing else unless the caller asks for it (exportMpk, files, locks, event streams, ...).
 *
 * How the target Mendix version is enforced: the SDK reads `metaData.metaModelVersion` into
 * `model.metaModelVersion`, and EVERY version check (type availability on create, property
 * availability on read/write, `createIn` container variants, enum literals) compares against it.
 * `mprMetaData._ProductVersion` only becomes `model.mxVersionForModel`, which this SDK version does
 * not use for any check. Both are set to the requested Mendix version here. The SDK refuses a
 * metamodel version above its `MAX_METAMODEL_VERSION` (11.10.0 in 4.111.0).
 *
 * Network and timers: with a `client` in the config the SDK never constructs its HTTP client, and the
 * server-sent-event receivers are only started by `startReceivingModelEvents()` /
 * `startReceivingWorkingCopyEvents()`, which this client refuses. The only timers are the SDK's
 * 0-1 ms `setTimeout`s (implicit transaction commit, cached `loadUnitById`), which do not keep
 * Node alive. `OfflineModel.close()` flushes and closes the SDK's delta pipeline.
 */
import {
  MAX_METAMODEL_VERSION,
  Model,
  Version,
  type Delta,
  type IAbstractUnitJson,
  type IModel,
  type IModelServerClient,
  type IWorkingCopy,
} from 'mendixmodelsdk';

/** Id given to the synthesised `Projects$Project` root unit when none is supplied. */
export const DEFAULT_PROJECT_ROOT_ID = '6f9c1a52-0d4e-4b7a-9a43-1c2f5e8d7b10';

/** Working copy id used when the caller does not name one. */
export const DEFAULT_OFFLINE_WORKING_COPY_ID = 'offline-working-copy';

/** Thrown (or passed to the SDK's error callback) for server operations that cannot be served offline. */
export class OfflineOperationNotSupportedError extends Error {
  readonly operation: string;

  constructor(operation: string, reason?: string) {
    super(
      `The offline Mendix model cannot perform '${operation}': ` +
        (reason ?? 'it needs the Mendix Model API server. Open a real working copy through mendixplatformsdk for this.'),
    );
    this.name = 'OfflineOperationNotSupportedError';
    this.operation = operation;
  }
}

/** A Mendix version the offline model can be opened for. */
export interface ParsedMendixVersion {
  /** The version exactly as given, e.g. "10.21.0" or "10.21.0.64362". */
  readonly productVersion: string;
  /** `major.minor.patch`, the form the SDK's version checks use. */
  readonly metaModelVersion: string;
}

const MENDIX_VERSION_PATTERN = /^(\d+)\.(\d+)\.(\d+)(?:\.(\d+))?$/;

/**
 * Validates a Mendix version string ("10.21.0", optionally with a build number) and checks that the
 * installed Model SDK can handle it.
 */
export function parseMendixVersion(mendixVersion: string): ParsedMendixVersion {
  const match = MENDIX_VERSION_PATTERN.exec(mendixVersion.trim());
  if (!match) {
    throw new Error(`Invalid Mendix version '${mendixVersion}': expected 'major.minor.patch' (optionally followed by '.build'), e.g. '10.21.0'.`);
  }
  const metaModelVersion = `${Number(match[1])}.${Number(match[2])}.${Number(match[3])}`;
  const maximum = Version.parse(MAX_METAMODEL_VERSION);
  if (Version.parse(metaModelVersion).isAfter(maximum)) {
    throw new Error(
      `Mendix version ${mendixVersion} is newer than the newest metamodel version supported by the installed mendixmodelsdk (${MAX_METAMODEL_VERSION}).`,
    );
  }
  return { productVersion: mendixVersion.trim(), metaModelVersion };
}

/** Builds the unit JSON of an empty `Projects$Project` root, in the SDK's (Model API) form. */
export function createProjectRootUnit(id: string = DEFAULT_PROJECT_ROOT_ID): IAbstractUnitJson {
  return {
    $ID: id,
    $Type: 'Projects$Project',
    // A project root is its own container, with an empty containment name (as on the Model API).
    containerId: id,
    containmentName: '',
    contents: { isSystemProject: false },
  };
}

export interface OfflineModelServerClientOptions {
  /** Target Mendix version, e.g. "10.21.0". Decides every version check the SDK makes. */
  readonly mendixVersion: string;
  /**
   * Units to serve, in the SDK's unit JSON form (`{ $ID, $Type, containerId, containmentName, contents }`,
   * contents with the SDK's camelCase property names), e.g. as produced by `extractUnits`.
   * When no `Projects$Project` unit is among them, an empty root with id `projectRootId` is added.
   */
  readonly units?: readonly IAbstractUnitJson[];
  /** Id of the synthesised project root (ignored when `units` contains a root). */
  readonly projectRootId?: string;
  /** Working copy id reported to the SDK. */
  readonly workingCopyId?: string;
  /** Working copy name reported to the SDK (cosmetic). */
  readonly name?: string;
  /**
   * Keep a copy of every delta the SDK sends (default true). The package writer turns it off: it
   * reads the finished model, and the copies would double the memory of a large module.
   */
  readonly recordDeltas?: boolean;
}

type ClientMethod<K extends keyof IModelServerClient> = IModelServerClient[K];
type SendDeltasCallback = Parameters<ClientMethod<'sendDeltas'>>[2];
type LoadUnitInterfacesCallback = Parameters<ClientMethod<'loadUnitInterfaces'>>[1];
type LoadUnitByIdCallback = Parameters<ClientMethod<'loadUnitById'>>[2];
type WorkingCopyCallback = Parameters<ClientMethod<'loadWorkingCopyMetaData'>>[1];
type ErrorCallback = Parameters<ClientMethod<'loadWorkingCopyMetaData'>>[2];

function cloneJson<T>(value: T): T {
  return structuredClone(value);
}

function assertUnitJson(unit: IAbstractUnitJson, index: number): void {
  const problems: string[] = [];
  if (typeof unit.$ID !== 'string' || unit.$ID === '') problems.push('$ID');
  if (typeof unit.$Type !== 'string' || !unit.$Type.includes('$')) problems.push('$Type');
  if (typeof unit.containerId !== 'string' || unit.containerId === '') problems.push('containerId');
  if (typeof unit.containmentName !== 'string') problems.push('containmentName');
  if (unit.contents === null || typeof unit.contents !== 'object' || Array.isArray(unit.contents)) problems.push('contents');
  if (problems.length > 0) {
    throw new Error(`Offline unit #${index} (${String(unit.$Type)} ${String(unit.$ID)}) has a missing or invalid ${problems.join(', ')}.`);
  }
}

/**
 * An in-memory `IModelServerClient`. It serves one working copy: its metadata (for the configured
 * Mendix version), the configured units, and it records every delta the SDK sends.
 * Operations that need a real Model API server report an {@link OfflineOperationNotSupportedError}
 * through the SDK's error callback (or throw, for the synchronous event-source getters).
 */
export class OfflineModelServerClient implements IModelServerClient {
  readonly version: ParsedMendixVersion;
  readonly workingCopyId: string;
  readonly projectRootId: string;
  private readonly name: string;
  private readonly units: ReadonlyMap<string, IAbstractUnitJson>;
  private readonly recordedDeltas: Delta[] = [];
  private lastEventId = 0;

  constructor(private readonly options: OfflineModelServerClientOptions) {
    this.version = parseMendixVersion(options.mendixVersion);
    this.workingCopyId = options.workingCopyId ?? DEFAULT_OFFLINE_WORKING_COPY_ID;
    this.name = options.name ?? 'Offline working copy';

    const supplied = (options.units ?? []).map((unit, index) => {
      assertUnitJson(unit, index);
      return cloneJson(unit);
    });
    const roots = supplied.filter((unit) => unit.$Type === 'Projects$Project');
    if (roots.length > 1) {
      throw new Error(`Offline units contain ${roots.length} Projects$Project roots; expected at most one.`);
    }
    const root = roots[0] ?? createProjectRootUnit(options.projectRootId ?? DEFAULT_PROJECT_ROOT_ID);
    this.projectRootId = root.$ID;

    const byId = new Map<string, IAbstractUnitJson>();
    // The root goes first so that every other unit can resolve its container.
    for (const unit of [root, ...supplied.filter((unit) => unit !== root)]) {
      if (byId.has(unit.$ID)) {
        throw new Error(`Offline units contain the unit id ${unit.$ID} twice.`);
      }
      byId.set(unit.$ID, unit);
    }
    for (const unit of byId.values()) {
      if (!byId.has(unit.containerId)) {
        throw new Error(`Offline unit ${unit.$Type} ${unit.$ID} refers to container ${unit.containerId}, which is not among the units.`);
      }
    }
    this.units = byId;
  }

  /** Every delta the SDK has sent so far, in order (deep copies). */
  get deltas(): readonly Delta[] {
    return this.recordedDeltas;
  }

  /** The working copy description handed to the SDK on open. */
  describeWorkingCopy(): IWorkingCopy {
    return {
      id: this.workingCopyId,
      metaData: {
        name: this.name,
        description: 'In-process offline working copy',
        avatarUrl: '',
        projectId: '',
        metaModelVersion: this.version.metaModelVersion,
      },
      members: [],
      mprFileName: 'project.mpr',
      mprMetaData: {
        _ProductVersion: this.version.productVersion,
        _BuildVersion: this.version.productVersion,
        // Not known offline; whoever writes an .mpr takes it from a real file of the target version.
        _SchemaHash: '',
      },
      mergeData: null,
      uploadDateTime: 0,
      changed: false,
      isCollaboration: false,
    };
  }

  // ----- served operations -------------------------------------------------------------------

  loadWorkingCopyMetaData(workingCopyId: string, callback: WorkingCopyCallback, errorCallback: ErrorCallback): void {
    if (!this.checkWorkingCopy('loadWorkingCopyMetaData', workingCopyId, errorCallback)) return;
    callback(this.describeWorkingCopy());
  }

  loadUnitInterfaces(workingCopyId: string, callback: LoadUnitInterfacesCallback, errorCallback: ErrorCallback, rootUnitId?: string): void {
    if (!this.checkWorkingCopy('loadUnitInterfaces', workingCopyId, errorCallback)) return;
    if (rootUnitId !== undefined) {
      // Only used after importModuleMpk, which is refused.
      errorCallback(new OfflineOperationNotSupportedError('loadUnitInterfaces(rootUnitId)', 'module imports are not supported offline.'));
      return;
    }
    // Full unit contents are served as "interfaces": the SDK keeps them and marks model units as
    // not loaded; loading them later (loadUnitById) serves the same contents again.
    callback({ units: [...this.units.values()].map(cloneJson), eventId: this.lastEventId });
  }

  loadUnitById(workingCopyId: string, unitId: string, callback: LoadUnitByIdCallback, errorCallback: ErrorCallback): void {
    if (!this.checkWorkingCopy('loadUnitById', workingCopyId, errorCallback)) return;
    const unit = this.units.get(unitId);
    if (!unit) {
      errorCallback(new Error(`Offline working copy has no stored contents for unit ${unitId}; units created in this session are already loaded in memory.`));
      return;
    }
    callback({ unit: cloneJson(unit), eventId: this.lastEventId });
  }

  sendDeltas(workingCopyId: string, deltas: Delta[], callback: SendDeltasCallback, errorCallback: ErrorCallback): void {
    if (!this.checkWorkingCopy('sendDeltas', workingCopyId, errorCallback)) return;
    if (this.options.recordDeltas ?? true) {
      for (const delta of deltas) {
        this.recordedDeltas.push(cloneJson(delta));
      }
    }
    this.lastEventId += 1;
    callback({ firstError: null, eventId: this.lastEventId });
  }

  // ----- refused operations ------------------------------------------------------------------

  createWorkingCopy(_info: unknown, _callback: unknown, errorCallback: ErrorCallback): void {
    refuse('createWorkingCopy', errorCallback);
  }
  createWorkingCopyFromTeamServer(_info: unknown, _callback: unknown, errorCallback: ErrorCallback): void {
    refuse('createWorkingCopyFromTeamServer', errorCallback);
  }
  deleteWorkingCopy(_workingCopyId: string, _callback: unknown, errorCallback: ErrorCallback): void {
    refuse('deleteWorkingCopy', errorCallback, 'an offline working copy lives only in memory; call OfflineModel.close() and drop it.');
  }
  grantAccess(_workingCopyId: string, _memberOpenId: string, _callback: unknown, errorCallback: ErrorCallback): void {
    refuse('grantAccess', errorCallback);
  }
  setWorkingCopyMembers(_workingCopyId: string, _memberOpenIds: string[], _callback: unknown, errorCallback: ErrorCallback): void {
    refuse('setWorkingCopyMembers', errorCallback);
  }
  revokeAccess(_workingCopyId: string, _memberOpenId: string, _callback: unknown, errorCallback: ErrorCallback): void {
    refuse('revokeAccess', errorCallback);
  }
  checkAccess(_workingCopyId: string, _memberOpenId: string, _callback: unknown, errorCallback: ErrorCallback): void {
    refuse('checkAccess', errorCallback);
  }
  revokeAccessByProject(_projectId: string, _memberOpenId: string, _callback: unknown, errorCallback: ErrorCallback): void {
    refuse('revokeAccessByProject', errorCallback);
  }
  grantAccessByProject(_projectId: string, _memberOpenId: string, _callback: unknown, errorCallback: ErrorCallback): void {
    refuse('grantAccessByProject', errorCallback);
  }
  setProjectMembers(_projectId: string, _memberOpenIds: string[], _callback: unknown, errorCallback: ErrorCallback): void {
    refuse('setProjectMembers', errorCallback);
  }
  getMyWorkingCopies(_callback: unknown, errorCallback: ErrorCallback): void {
    refuse('getMyWorkingCopies', errorCallback);
  }
  exportMpk(_workingCopyId: string, _outFilePath: string, _callback: unknown, errorCallback: ErrorCallback): void {
    refuse('exportMpk', errorCallback, "the Model API server builds .mpk files; extract the units and write the package with the generator's writer instead.");
  }
  exportModuleMpk(_workingCopyId: string, _moduleId: string, _outFilePath: string, _callback: unknown, errorCallback: ErrorCallback): void {
    refuse(
      'exportModuleMpk',
      errorCallback,
      "the Model API server builds .mpk files; extract the units and write the package with the generator's writer instead.",
    );
  }
  importModuleMpk(_workingCopyId: string, _mpkPath: unknown, _callback: unknown, errorCallback: ErrorCallback): void {
    refuse('importModuleMpk', errorCallback, 'decode the package yourself and pass its units to openOfflineModel({ units }).');
  }
  filterUnitsByCustomWidgetId(_workingCopyId: string, _widgetId: string, _callback: unknown, errorCallback: ErrorCallback): void {
    refuse('filterUnitsByCustomWidgetId', errorCallback);
  }
  getFiles(_workingCopyId: string, _options: unknown, _callback: unknown, errorCallback: ErrorCallback): void {
    refuse('getFiles', errorCallback, 'an offline working copy has no file tree (javasource, userlib, ...).');
  }
  getFile(_workingCopyId: string, _filePath: string, _outFilePath: string, _callback: unknown, errorCallback: ErrorCallback): void {
    refuse('getFile', errorCallback, 'an offline working copy has no file tree (javasource, userlib, ...).');
  }
  putFile(_workingCopyId: string, _inFilePath: unknown, _filePath: string, _callback: unknown, errorCallback: ErrorCallback): void {
    refuse('putFile', errorCallback, 'an offline working copy has no file tree; the package writer adds files itself.');
  }
  deleteFile(_workingCopyId: string, _filePath: string, _callback: unknown, errorCallback: ErrorCallback): void {
    refuse('deleteFile', errorCallback, 'an offline working copy has no file tree.');
  }
  getWorkingCopyByProject(_projectId: string, _callback: unknown, errorCallback: ErrorCallback): void {
    refuse('getWorkingCopyByProject', errorCallback);
  }
  updateWorkingCopyByProject(_projectId: string, _workingCopyId: string, _callback: unknown, errorCallback: ErrorCallback): void {
    refuse('updateWorkingCopyByProject', errorCallback);
  }
  deleteWorkingCopyByProject(_projectId: string, _callback: unknown, errorCallback: ErrorCallback): void {
    refuse('deleteWorkingCopyByProject', errorCallback);
  }
  lockWorkingCopy(_workingCopyId: string, ...rest: unknown[]): void {
    // Two overloads: (id, callback, errorCallback) and (id, lockOptions, callback, errorCallback).
    refuse('lockWorkingCopy', lastFunction(rest));
  }
  unlockWorkingCopy(_workingCopyId: string, _lockType: unknown, _callback: unknown, errorCallback: ErrorCallback): void {
    refuse('unlockWorkingCopy', errorCallback);
  }
  commitToTeamServer(_workingCopyId: string, _options: unknown, _callback: unknown, errorCallback: ErrorCallback): void {
    refuse('commitToTeamServer', errorCallback);
  }
  getModelEventSource(_workingCopyId: string, _lastFetchedEventId: number): never {
    throw new OfflineOperationNotSupportedError(
      'getModelEventSource',
      'an offline working copy has no model event stream (do not call startReceivingModelEvents).',
    );
  }
  getWorkingCopyEventSource(_workingCopyId: string): never {
    throw new OfflineOperationNotSupportedError(
      'getWorkingCopyEventSource',
      'an offline working copy has no working copy event stream (do not call startReceivingWorkingCopyEvents).',
    );
  }

  private checkWorkingCopy(operation: string, workingCopyId: string, errorCallback: ErrorCallback): boolean {
    if (workingCopyId === this.workingCopyId) return true;
    errorCallback(new Error(`${operation}: unknown working copy '${workingCopyId}' (this offline client serves '${this.workingCopyId}').`));
    return false;
  }
}

function lastFunction(values: readonly unknown[]): ErrorCallback | undefined {
  const last = values[values.length - 1];
  return typeof last === 'function' ? (last as ErrorCallback) : undefined;
}

/**
 * Reports a refused operation through the SDK's error callback. Throwing instead would be lost in
 * some SDK code paths (e.g. `model.exportMpk` calls the client inside a `.then`), leaving a promise
 * that never settles; when there is no callback at all, throw.
 */
function refuse(operation: string, errorCallback: ErrorCallback | undefined, reason?: string): void {
  const error = new OfflineOperationNotSupportedError(operation, reason);
  if (typeof errorCallback !== 'function') throw error;
  errorCallback(error);
}

export interface OpenOfflineModelOptions extends OfflineModelServerClientOptions {
  /**
   * When units are supplied: load every model unit (domain models, documents, ...) right away so that
   * all their properties can be read and edited. Defaults to true. When false, model units start as
   * the SDK's not-yet-loaded units (only public properties readable) until `unit.load()`.
   */
  readonly loadAllUnits?: boolean;
}

/** An open offline model plus the handles that only exist offline. */
export interface OfflineModel {
  /** The Model SDK model; pass only this to model-building code. */
  readonly model: IModel;
  /** The in-process client (recorded deltas, served units, version). */
  readonly client: OfflineModelServerClient;
  /** The Mendix version the model checks against. */
  readonly mendixVersion: ParsedMendixVersion;
  /** Commits the SDK's pending transaction and rethrows any error the SDK reported asynchronously. */
  flush(): Promise<void>;
  /** Flushes, then closes the SDK's delta pipeline; further edits are rejected by the SDK. Idempotent. */
  close(): Promise<void>;
  /** Every delta the SDK has sent (after `flush()`). */
  deltas(): readonly Delta[];
  /** Errors the SDK reported asynchronously (e.g. a required part left empty at commit). */
  errors(): readonly Error[];
}

function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

/**
 * Opens an in-memory Model SDK model for the given Mendix version, optionally pre-populated with units
 * (SDK unit JSON, e.g. from `extractUnits`). No Mendix account, network or server is involved.
 */
export async function openOfflineModel(options: OpenOfflineModelOptions): Promise<OfflineModel> {
  const client = new OfflineModelServerClient(options);
  const errors: Error[] = [];
  const sdkClient = Model.createSdkClient({ client });
  const model = await sdkClient.openWorkingCopy(client.workingCopyId);
  // The default handler rethrows inside SDK callbacks/timers, which would crash the process with an
  // uncaught exception; collect instead and surface on flush()/close().
  model.setErrorHandler((error) => {
    errors.push(toError(error));
  });

  if (options.units !== undefined && (options.loadAllUnits ?? true)) {
    for (const unit of model.allUnits()) {
      if (!unit.isLoaded && unit.isLoadable) {
        await model.loadUnitById(unit.id, false);
      }
    }
  }

  let closed = false;
  const throwCollected = (): void => {
    if (errors.length === 0) return;
    const first = errors[0]!;
    throw errors.length === 1 ? first : new AggregateError(errors, `${errors.length} errors were reported by the Model SDK; first: ${first.message}`);
  };

  return {
    model,
    client,
    mendixVersion: client.version,
    async flush() {
      if (!closed) await model.flushChanges();
      throwCollected();
    },
    async close() {
      if (!closed) {
        closed = true;
        await model.closeConnection();
      }
      throwCollected();
    },
    deltas: () => client.deltas,
    errors: () => errors,
  };
}
