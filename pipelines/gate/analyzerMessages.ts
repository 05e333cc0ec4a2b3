/**
 * The engine's analyzer messages (`@pulumi/pulumi/proto/analyzer_pb`), built from plain resource
 * descriptions, and the diagnostics read back from its responses.
 */
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { BinaryWriter } from "google-protobuf";
import { NullValue, Struct, Value } from "google-protobuf/google/protobuf/struct_pb";

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

/** A null `Value`, as bytes: the writer skips a null message, so it cannot write this one itself. */
const NULL_VALUE = new Value().setNullValue(NullValue.NULL_VALUE).serializeBinary();

/**
 * A JSON value as a protobuf `google.protobuf.Value` in field `field`, written straight into
 * `writer`: the bytes of `Value.fromJavaScript(value)` serialized, object keys sorted as its map
 * sorts them, without a message object for every node (building those was most of the gate's own
 * time at scale).
 */
function writeValue(field: number, value: unknown, writer: BinaryWriter): void {
  if (value === null) return writer.writeBytes(field, NULL_VALUE);
  const kind = typeof value;
  if (kind === "object" || kind === "string" || kind === "number" || kind === "boolean") {
    return writer.writeMessage(field, value, writeKind);
  }
  throw new Error(`a value of type ${typeof value} cannot be sent in a protobuf Struct`);
}

function writeKind(value: object | string | number | boolean, writer: BinaryWriter): void {
  if (typeof value === "string") writer.writeString(3, value);
  else if (typeof value === "number") writer.writeDouble(2, value);
  else if (typeof value === "boolean") writer.writeBool(4, value);
  else if (Array.isArray(value)) writer.writeMessage(6, value, writeList);
  else writer.writeMessage(5, value, writeStruct);
}

function writeList(values: unknown[], writer: BinaryWriter): void {
  for (const value of values) writeValue(1, value, writer);
}

function writeField([key, value]: [string, unknown], writer: BinaryWriter): void {
  writer.writeString(1, key);
  writeValue(2, value, writer);
}

/** An object as a protobuf `google.protobuf.Struct`, written straight into `writer`. */
export function writeStruct(object: object, writer: BinaryWriter): void {
  const fields = object as Record<string, unknown>;
  for (const key of Object.keys(fields).sort()) {
    writer.writeMessage(1, [key, fields[key]], writeField);
  }
}

/**
 * The serialized request Analyze receives for one resource. The properties follow the other fields:
 * a protobuf parser reads fields in any order.
 */
function requestBytes(r: AnalyzedResource): Uint8Array {
  const req = new analyzer.AnalyzeRequest();
  req.setType(r.type);
  req.setName(r.name);
  req.setUrn(r.urn);
  req.setOptions(options(r));
  if (r.provider) req.setProvider(provider(r.provider));
  const properties = new BinaryWriter();
  properties.writeMessage(2, r.properties, writeStruct);
  return Buffer.concat([req.serializeBinary(), properties.getResultBuffer()]);
}

/** The request Analyze receives for one resource. */
export function analyzeRequest(r: AnalyzedResource): analyzer.AnalyzeRequest {
  return analyzer.AnalyzeRequest.deserializeBinary(requestBytes(r));
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
  return { request: requestBytes(r), place: place.serializeBinary() };
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
