/**
 * Runs under the Pulumi SDK's mocks and records every RegisterResource request the program sends,
 * with the options the engine would see (protect, retainOnDelete, parent, provider, dependencies and
 * property dependencies), not only what `Mocks.newResource` is given.
 */
import type * as Pulumi from "@pulumi/pulumi";
import type {
  RegisterResourceRequest,
  RegisterResourceResponse,
} from "@pulumi/pulumi/proto/resource_pb";

/** One RegisterResource request, as the engine receives it. */
export interface Registration {
  urn: string;
  /** The id the mocks gave it ("" for components). */
  id: string;
  /** The outputs the mocks gave it, serialized. */
  serializedOutputs: Record<string, unknown>;
  type: string;
  name: string;
  custom: boolean;
  /** URN of the parent resource, or "" at the top. */
  parent: string;
  /** Provider reference (`<provider URN>::<id>`), or "" for the default provider. */
  provider: string;
  /** Inputs as the program serialized them (unknowns are the engine's sentinel). */
  serializedInputs: Record<string, unknown>;
  protect: boolean;
  retainOnDelete: boolean;
  /** The id of an existing resource the program adopts (the `import` option), or "". */
  importId: string;
  ignoreChanges: string[];
  dependencies: string[];
  /** Input property → URNs of the resources its value came from. */
  propertyDependencies: Record<string, string[]>;
  /** Where the program constructed the resource (a file URI and line), when the SDK knows. */
  source?: { uri: string; line: number };
}

/** A registration with its inputs decoded as the program meant them (unknowns are `undefined`). */
export interface RegisteredResource extends Registration {
  inputs: Record<string, unknown>;
}

/**
 * What the gate judges of a registration: what the engine tells the analyzer, and where the program
 * declared it. The host sends only this, so a run of thousands of resources crosses the process
 * boundary without its outputs and decoded inputs.
 */
export type JudgedRegistration = Pick<
  Registration,
  | "urn"
  | "type"
  | "name"
  | "custom"
  | "parent"
  | "provider"
  | "serializedInputs"
  | "protect"
  | "ignoreChanges"
  | "dependencies"
  | "propertyDependencies"
  | "source"
>;

export function judgedOf(r: Registration): JudgedRegistration {
  return {
    urn: r.urn,
    type: r.type,
    name: r.name,
    custom: r.custom,
    parent: r.parent,
    provider: r.provider,
    serializedInputs: r.serializedInputs,
    protect: r.protect,
    ignoreChanges: r.ignoreChanges,
    dependencies: r.dependencies,
    propertyDependencies: r.propertyDependencies,
    source: r.source,
  };
}

type Sdk = typeof Pulumi;
type Callback = (err: unknown, response?: RegisterResourceResponse) => void;
type RegisterResource = (req: RegisterResourceRequest, callback: Callback) => Promise<void>;

function describeRequest(
  req: RegisterResourceRequest,
): Omit<Registration, "urn" | "id" | "serializedOutputs"> {
  const propertyDependencies: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((deps, key) => {
    propertyDependencies[key] = deps.getUrnsList();
  });
  const object = req.getObject();
  const position = req.getSourceposition();
  return {
    type: req.getType(),
    name: req.getName(),
    custom: req.getCustom(),
    parent: req.getParent(),
    provider: req.getProvider(),
    serializedInputs: object?.toJavaScript() ?? {},
    protect: req.getProtect() === true,
    retainOnDelete: req.getRetainondelete() === true,
    importId: req.getImportid(),
    ignoreChanges: req.getIgnorechangesList(),
    dependencies: req.getDependenciesList(),
    propertyDependencies,
    source: position?.getUri() ? { uri: position.getUri(), line: position.getLine() } : undefined,
  };
}

const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** The URN the engine gives a resource: the types of its ancestors below the stack, then its own. */
function engineUrn(
  settings: { project: string; stack: string },
  qualifiedTypes: Map<string, string>,
  parent: string,
  type: string,
  name: string,
): { urn: string; qualifiedType: string } {
  const parentType = qualifiedTypes.get(parent);
  const qualifiedType =
    parentType === undefined || parentType === ROOT_STACK_TYPE ? type : `${parentType}$${type}`;
  return {
    urn: `urn:pulumi:${settings.stack}::${settings.project}::${qualifiedType}::${name}`,
    qualifiedType,
  };
}

type Settings = { project: string; stack: string; preview: boolean };

/**
 * Points the given SDK instance (the one the program will load) at mocks whose monitor records each
 * registration; returns the live list of registrations. Synchronous, so that a program loaded right
 * after it sees the mocks.
 */
export function captureRegistrations(
  sdk: Sdk,
  mocks: Pulumi.runtime.Mocks,
  settings: Settings,
): RegisteredResource[] {
  const registered: RegisteredResource[] = [];
  streamRegistrations(sdk, mocks, settings, (resource) => {
    // As the SDK's deserializeProperties decodes a Struct: key by key, undefined keys dropped.
    const inputs: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(resource.serializedInputs)) {
      if (value !== undefined) inputs[key] = sdk.runtime.deserializeProperty(value);
    }
    registered.push({ ...resource, inputs });
  });
  return registered;
}

/**
 * As captureRegistrations, but hands each registration on as it happens and keeps none; its inputs
 * stay serialized, as the engine and the analyzer see them (the gate's host decodes nothing).
 */
export function streamRegistrations(
  sdk: Sdk,
  mocks: Pulumi.runtime.Mocks,
  settings: Settings,
  onRegistered: (resource: Registration) => void,
): void {
  // setMocks does all its work before its first await; the promise carries nothing.
  void sdk.runtime.setMocks(mocks, settings.project, settings.stack, settings.preview);
  // The mock monitor implements the monitor's callback-style methods directly.
  const monitor = sdk.runtime.getMonitor() as unknown as {
    registerResource: RegisterResource;
    resources: Map<string, { urn: string }>;
  };
  const register = monitor.registerResource.bind(monitor);
  const qualifiedTypes = new Map<string, string>();
  monitor.registerResource = async (req, callback) => {
    const described = describeRequest(req);
    await register(req, (err, response) => {
      if (!err && response) {
        // The mock names nested resources after their parent's type only; the engine qualifies them
        // with every ancestor's type, and policy exceptions match engine URNs.
        const mockUrn = response.getUrn();
        const { urn, qualifiedType } = engineUrn(
          settings,
          qualifiedTypes,
          described.parent,
          described.type,
          described.name,
        );
        qualifiedTypes.set(urn, qualifiedType);
        const state = monitor.resources.get(mockUrn);
        monitor.resources.delete(mockUrn);
        if (state) monitor.resources.set(urn, { ...state, urn });
        response.setUrn(urn);
        const resource: Registration = {
          urn,
          id: response.getId(),
          serializedOutputs: response.getObject()?.toJavaScript() ?? {},
          ...described,
        };
        onRegistered(resource);
      }
      callback(err, response);
    });
  };
}
