/**
 * Turns a program's registrations into what the engine sends the analyzer, and has a running pack
 * judge them: Analyze for each resource, then AnalyzeStack once with all of them.
 */
import type { AnalyzedProvider, AnalyzedResource, Diagnostic } from "./analyzerMessages";
import type { RegisteredResource } from "./capture";
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
 * The analyzer's view of a run: explicit providers resolved from their references; resources on a
 * default provider get the `default` provider the engine would create from the package's config.
 */
export function analyzedResources(
  registered: readonly RegisteredResource[],
  config: Record<string, string>,
): AnalyzedResource[] {
  const byUrn = new Map(registered.map((r) => [r.urn, r]));
  const root = registered.find((r) => r.type === ROOT_STACK_TYPE);
  const defaults = new Map<string, AnalyzedResource>();
  const providerOf = (r: RegisteredResource): AnalyzedProvider | undefined => {
    if (!r.custom || r.type.startsWith("pulumi:providers:")) return undefined;
    if (r.provider) {
      const urn = r.provider.slice(0, r.provider.lastIndexOf("::"));
      const p = byUrn.get(urn);
      return p && { urn, type: p.type, name: p.name, properties: p.serializedInputs };
    }
    const pkg = r.type.split(":")[0];
    let provider = defaults.get(pkg);
    if (!provider) {
      const prefix = r.urn.split("::").slice(0, 2).join("::");
      provider = {
        urn: `${prefix}::pulumi:providers:${pkg}::default`,
        type: `pulumi:providers:${pkg}`,
        name: "default",
        properties: providerConfig(config, pkg),
        protect: false,
        ignoreChanges: [],
        parent: root?.urn ?? "",
        dependencies: [],
        propertyDependencies: {},
      };
      defaults.set(pkg, provider);
    }
    return {
      urn: provider.urn,
      type: provider.type,
      name: provider.name,
      properties: provider.properties,
    };
  };
  const resources = registered.map((r): AnalyzedResource => ({
    urn: r.urn,
    type: r.type,
    name: r.name,
    properties: withoutResourceReferences(r.serializedInputs) as Record<string, unknown>,
    protect: r.protect,
    ignoreChanges: r.ignoreChanges,
    parent: r.parent,
    dependencies: r.dependencies,
    propertyDependencies: r.propertyDependencies,
    provider: providerOf(r),
  }));
  return [...defaults.values(), ...resources];
}

/**
 * Analyze of every resource (the root stack excepted), then AnalyzeStack of them all. A resource
 * policy's diagnostic names no URN — the engine knows which resource it analysed — so the gate adds it.
 */
export async function judgeResources(
  pack: RunningPack,
  resources: readonly AnalyzedResource[],
): Promise<Diagnostic[]> {
  const perResource = await Promise.all(
    resources
      .filter((r) => r.type !== ROOT_STACK_TYPE)
      .map(async (r) => (await pack.analyze(r)).map((d) => ({ ...d, urn: d.urn || r.urn }))),
  );
  const stack = await pack.analyzeStack(resources);
  return [...perResource.flat(), ...stack];
}
