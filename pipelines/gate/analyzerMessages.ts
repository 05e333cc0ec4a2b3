/**
 * The engine's analyzer messages (`@pulumi/pulumi/proto/analyzer_pb`), built from plain resource
 * descriptions, and the diagnostics read back from its responses.
 */
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { BinaryWriter } from "google-protobuf";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

/** A provider resource as the engine describes it to a policy. */
export interface AnalyzedProvider {
  urn: string;
  type: string;
  name: string;
  properties: Record<string, unknown>;
}

/** A resource as the engine sends it to the analyzer: serialized properties (unknowns as the sentinel). */
export interface AnalyzedResource {
  urn: string;
  type: string;
  name: string;
  properties: Record<string, unknown>;
  protect: boolean;
  ignoreChanges: string[];
  /** Parent URN, or "" at the top. */
  parent: string;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  provider?: AnalyzedProvider;
  /** Where the program declares it (never sent to the pack; reports point there). */
  source?: { uri: string; line: number };
}

export type EnforcementLevel = "advisory" | "mandatory" | "disabled" | "remediate";
export type Severity = "" | "low" | "medium" | "high" | "critical";

/** One diagnostic a policy reported. */
export interface Diagnostic {
  policyName: string;
  policyPackName: string;
  policyPackVersion: string;
  description: string;
  /** As the engine shows it: the policy's description, then the violation's own text. */
  message: string;
  /** The violation's own text, without the description the policy server puts before it. */
  detail: string;
  enforcementLevel: EnforcementLevel;
  /** The resource it concerns; "" for the stack as a whole. */
  urn: string;
  severity: Severity;
}

function options(r: AnalyzedResource): analyzer.AnalyzerResourceOptions {
  const opts = new analyzer.AnalyzerResourceOptions();
  opts.setProtect(r.protect);
  opts.setIgnorechangesList(r.ignoreChanges);
  if (r.parent) opts.setParent(r.parent);
  return opts;
}

/**
 * A provider's properties as a Struct, converted once: every resource on the provider carries
 * them, in each view's Analyze and AnalyzeStack (a message may be shared; it is only read).
 */
const providerStructs = new WeakMap<object, Struct>();

function provider(p: AnalyzedProvider): analyzer.AnalyzerProviderResource {
  const msg = new analyzer.AnalyzerProviderResource();
  msg.setUrn(p.urn);
  msg.setType(p.type);
  msg.setName(p.name);
  let properties = providerStructs.get(p.properties);
  if (!properties) {
    properties = Struct.fromJavaScript(p.properties as Record<string, never>);
    providerStructs.set(p.properties, properties);
  }
  msg.setProperties(properties);
  return msg;
}

/** The request Analyze receives for one resource. */
export function analyzeRequest(r: AnalyzedResource): analyzer.AnalyzeRequest {
  const req = new analyzer.AnalyzeRequest();
  req.setType(r.type);
  req.setName(r.name);
  req.setUrn(r.urn);
  req.setProperties(Struct.fromJavaScript(r.properties as Record<string, never>));
  req.setOptions(options(r));
  if (r.provider) req.setProvider(provider(r.provider));
  return req;
}

/**
 * A resource's analyzer messages, serialized once. An AnalyzerResource (its entry in AnalyzeStack)
 * carries the AnalyzeRequest's fields 1–6 under the same numbers, then its place in the stack
 * (parent, dependencies, property dependencies); protobuf encodings of disjoint fields concatenate
 * into the message with both, so the entry is the request's bytes followed by the place's.
 */
export interface EncodedResource {
  /** The Analyze request. */
  request: Uint8Array;
  /** The AnalyzerResource fields the request does not have. */
  place: Uint8Array;
}

export function encodeResource(r: AnalyzedResource): EncodedResource {
  const place = new analyzer.AnalyzerResource();
  place.setParent(r.parent);
  place.setDependenciesList(r.dependencies);
  const deps = place.getPropertydependenciesMap();
  for (const [prop, urns] of Object.entries(r.propertyDependencies)) {
    const d = new analyzer.AnalyzerPropertyDependencies();
    d.setUrnsList(urns);
    deps.set(prop, d);
  }
  return { request: analyzeRequest(r).serializeBinary(), place: place.serializeBinary() };
}

/** The serialized AnalyzeStack request: each resource's entry as field 1 (`resources`). */
export function analyzeStackBytes(resources: readonly EncodedResource[]): Uint8Array {
  const writer = new BinaryWriter();
  for (const r of resources) writer.writeBytes(1, Buffer.concat([r.request, r.place]));
  return writer.getResultBuffer();
}

/** The request AnalyzeStack receives, with every resource of the stack. */
export function analyzeStackRequest(
  resources: readonly AnalyzedResource[],
): analyzer.AnalyzeStackRequest {
  return analyzer.AnalyzeStackRequest.deserializeBinary(
    analyzeStackBytes(resources.map(encodeResource)),
  );
}

const LEVELS: Record<number, EnforcementLevel> = {
  [analyzer.EnforcementLevel.ADVISORY]: "advisory",
  [analyzer.EnforcementLevel.MANDATORY]: "mandatory",
  [analyzer.EnforcementLevel.DISABLED]: "disabled",
  [analyzer.EnforcementLevel.REMEDIATE]: "remediate",
};

const SEVERITIES: Record<number, Severity> = {
  [analyzer.PolicySeverity.POLICY_SEVERITY_UNSPECIFIED]: "",
  [analyzer.PolicySeverity.POLICY_SEVERITY_LOW]: "low",
  [analyzer.PolicySeverity.POLICY_SEVERITY_MEDIUM]: "medium",
  [analyzer.PolicySeverity.POLICY_SEVERITY_HIGH]: "high",
  [analyzer.PolicySeverity.POLICY_SEVERITY_CRITICAL]: "critical",
};

/** What one Analyze or AnalyzeStack call found. */
export interface Analysis {
  diagnostics: Diagnostic[];
  /** The policies that said they do not apply there (each once, in the pack's order). */
  notApplicable: string[];
}

/** The diagnostics of an Analyze or AnalyzeStack response. */
export function diagnosticsOf(resp: analyzer.AnalyzeResponse): Diagnostic[] {
  return resp.getDiagnosticsList().map((d) => ({
    policyName: d.getPolicyname(),
    policyPackName: d.getPolicypackname(),
    policyPackVersion: d.getPolicypackversion(),
    description: d.getDescription(),
    message: d.getMessage(),
    detail: d.getMessage().startsWith(`${d.getDescription()}\n`)
      ? d.getMessage().slice(d.getDescription().length + 1)
      : d.getMessage(),
    enforcementLevel: LEVELS[d.getEnforcementlevel()] ?? "advisory",
    urn: d.getUrn(),
    severity: SEVERITIES[d.getSeverity()] ?? "",
  }));
}

/** The diagnostics and not-applicable policies of an Analyze or AnalyzeStack response. */
export function analysisOf(resp: analyzer.AnalyzeResponse): Analysis {
  const notApplicable = resp.getNotApplicableList().map((n) => n.getPolicyName());
  return { diagnostics: diagnosticsOf(resp), notApplicable: [...new Set(notApplicable)] };
}
