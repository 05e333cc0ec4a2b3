/**
 * Turns a program's registrations into what the engine sends the analyzer, and has a running pack
 * judge them: Analyze for each resource, then AnalyzeStack once with all of them.
 */
import type {
  AnalyzedProvider,
  AnalyzedResource,
  Analysis,
  EncodedResource,
} from "./analyzerMessages";
import type { JudgedRegistration } from "./capture";
import type { RunningPack } from "./policyPack";

const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";
/** The SDK's signature key and the signature of a resource reference in serialized properties. */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

/**
 * The engine marshals properties for analyzers without resource references: a reference becomes the
 * referenced resource's id (custom resources) or URN (components).
 */
function withoutResourceReferences(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutResourceReferences);
  if (typeof value !== "object" || value === null) return value;
  const obj = value as Record<string, unknown>;
  if (obj[SIG_KEY] === RESOURCE_SIG) return typeof obj.id === "string" ? obj.id : obj.urn;
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, withoutResourceReferences(v)]));
}

/** Config values of one namespace, as the default provider of that package receives them. */
function providerConfig(config: Record<string, string>, pkg: string): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(config)) {
    if (!key.startsWith(`${pkg}:`)) continue;
    props[key.slice(pkg.length + 1)] = text;
  }
  return props;
}

/**
 * The analyzer's view of a run, built resource by resource as the program registers them: explicit
 * providers resolved from their references (a provider registers before what uses it); resources
 * on a default provider get the `default` provider the engine would create from the package's
 * config, added to the stack the first time one needs it.
 */
export class AnalyzedStack {
  readonly resources: AnalyzedResource[] = [];
  private readonly providers = new Map<string, AnalyzedProvider>();
  private readonly defaults = new Map<string, AnalyzedResource>();
  private root = "";

  constructor(private readonly config: Record<string, string>) {}

  /** Adds a registration; returns what AnalyzeStack gains: the resource, after a new default provider. */
  add(r: JudgedRegistration): AnalyzedResource[] {
    const added: AnalyzedResource[] = [];
    if (r.type === ROOT_STACK_TYPE) this.root = r.urn;
    if (r.type.startsWith("pulumi:providers:")) {
      this.providers.set(r.urn, {
        urn: r.urn,
        type: r.type,
        name: r.name,
        properties: r.serializedInputs,
      });
    }
    let provider: AnalyzedProvider | undefined;
    if (r.custom && !r.type.startsWith("pulumi:providers:")) {
      if (r.provider) {
        provider = this.providers.get(r.provider.slice(0, r.provider.lastIndexOf("::")));
      } else {
        const fallback = this.defaultProvider(r);
        if (fallback.added) added.push(fallback.resource);
        provider = fallback.provider;
      }
    }
    added.push({
      urn: r.urn,
      type: r.type,
      name: r.name,
      properties: withoutResourceReferences(r.serializedInputs) as Record<string, unknown>,
      protect: r.protect,
      ignoreChanges: r.ignoreChanges,
      parent: r.parent,
      dependencies: r.dependencies,
      propertyDependencies: r.propertyDependencies,
      provider,
      source: r.source,
    });
    this.resources.push(...added);
    return added;
  }

  private defaultProvider(r: JudgedRegistration) {
    const pkg = r.type.split(":")[0];
    let resource = this.defaults.get(pkg);
    const added = resource === undefined;
    if (!resource) {
      const prefix = r.urn.split("::").slice(0, 2).join("::");
      resource = {
        urn: `${prefix}::pulumi:providers:${pkg}::default`,
        type: `pulumi:providers:${pkg}`,
        name: "default",
        properties: providerConfig(this.config, pkg),
        protect: false,
        ignoreChanges: [],
        parent: this.root,
        dependencies: [],
        propertyDependencies: {},
      };
      this.defaults.set(pkg, resource);
    }
    const { urn, type, name, properties } = resource;
    return { resource, added, provider: { urn, type, name, properties } };
  }
}

/** What Analyze found for one resource, and the resource policies that did not apply to it. */
export interface ResourceAnalysis extends Analysis {
  urn: string;
}

/**
 * Analyze of one resource. A resource policy's diagnostic names no URN — the engine knows which
 * resource it analysed — so the gate adds it. The root stack is not analysed on its own: undefined.
 */
export async function analyzeOne(
  pack: RunningPack,
  r: AnalyzedResource,
  encoded?: EncodedResource,
): Promise<ResourceAnalysis | undefined> {
  if (r.type === ROOT_STACK_TYPE) return undefined;
  const { diagnostics, notApplicable } = await pack.analysis(r, encoded);
  return {
    urn: r.urn,
    diagnostics: diagnostics.map((d) => ({ ...d, urn: d.urn || r.urn })),
    notApplicable,
  };
}
