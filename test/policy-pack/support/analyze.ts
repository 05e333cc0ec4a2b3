/**
 * Runs policies exactly as the policy pack's analyzer server does — its own Analyze and AnalyzeStack
 * handlers from @pulumi/policy, fed real analyzer protobuf requests — so unknown values go through
 * the SDK's unknown-checking proxy and come back as its "can't run policy during preview" advisory.
 */
import type { Policies, PolicyPackConfig, ResourceValidation } from "@pulumi/policy";
import type { AnalyzeResponse } from "@pulumi/pulumi/proto/analyzer_pb";
import {
  analyzeRequest,
  analyzeStackRequest,
  type AnalyzedProvider,
  type AnalyzedResource,
  type Diagnostic,
  diagnosticsOf,
} from "../../../pipelines/gate/analyzerMessages";

/** The engine's marker for a value not known until the resource exists (any type). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const PACK = "soc2-baseline";
const STACK_PREFIX = "urn:pulumi:test::soc2-baseline";

/** A resource in a test: property dependencies and parents name other fixtures by logical name. */
export interface Fixture {
  type: string;
  name: string;
  props?: Record<string, unknown>;
  protect?: boolean;
  parent?: string;
  dependsOn?: string[];
  /** Input property → names of the fixtures its value comes from. */
  deps?: Record<string, string[]>;
  provider?: AnalyzedProvider;
}

export function urnOf(type: string, name: string): string {
  return `${STACK_PREFIX}::${type}::${name}`;
}

export type Handler = (
  call: { request: unknown },
  callback: (err: Error | null | undefined, resp?: AnalyzeResponse) => void,
) => Promise<void>;
interface Server {
  makeAnalyzeRpcFun(name: string, version: string, level: string, policies: Policies): Handler;
  makeAnalyzeStackRpcFun(name: string, version: string, level: string, policies: Policies): Handler;
}
/** The policy pack's own copy of the analyzer server, as run-policy-pack loads it. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const server = require("../../../policy-pack/node_modules/@pulumi/policy/server") as Server;

/** The policies with `config` in place of what the engine's Configure call would have set. */
export function configured(policies: Policies, config: PolicyPackConfig): Policies {
  return policies.map((p) => {
    const own = config[p.name];
    const getConfig = <T extends object>() => (typeof own === "object" ? { ...own } : {}) as T;
    if ("validateStack" in p) {
      const validate = p.validateStack;
      return { ...p, validateStack: (args, report) => validate({ ...args, getConfig }, report) };
    }
    const validate = p.validateResource as ResourceValidation;
    return { ...p, validateResource: (args, report) => validate({ ...args, getConfig }, report) };
  });
}

/**
 * `f` as the engine describes it. In a stack, `byName` resolves the fixtures it refers to; without
 * it, `f` is described alone, as Analyze sees a resource: no parent and no dependencies.
 */
export function toAnalyzed(f: Fixture, byName?: Map<string, Fixture>): AnalyzedResource {
  const urn = (name: string) => {
    const target = byName?.get(name);
    if (!target) throw new Error(`fixture ${f.name} refers to unknown fixture ${name}`);
    return urnOf(target.type, target.name);
  };
  const deps = byName ? (f.deps ?? {}) : {};
  return {
    urn: urnOf(f.type, f.name),
    type: f.type,
    name: f.name,
    properties: f.props ?? {},
    protect: f.protect ?? false,
    ignoreChanges: [],
    parent: byName && f.parent ? urn(f.parent) : "",
    dependencies: byName
      ? [...new Set([...(f.dependsOn ?? []), ...Object.values(deps).flat()])].map(urn)
      : [],
    propertyDependencies: Object.fromEntries(
      Object.entries(deps).map(([prop, names]) => [prop, names.map(urn)]),
    ),
    provider: f.provider,
  };
}

function respond(handler: Handler, request: unknown): Promise<AnalyzeResponse> {
  return new Promise((resolve, reject) => {
    void handler({ request }, (err, resp) =>
      resp ? resolve(resp) : reject(err ?? new Error("the analyzer answered nothing")),
    );
  });
}

/** The diagnostics `handler` answers to `request`. */
export async function call(handler: Handler, request: unknown): Promise<Diagnostic[]> {
  return diagnosticsOf(await respond(handler, request));
}

/** The pack's answer to Analyze of `fixture` by `policies`. */
function answerAnalyze(
  policies: Policies,
  fixture: Fixture,
  config: PolicyPackConfig,
): Promise<AnalyzeResponse> {
  const handler = server.makeAnalyzeRpcFun(
    PACK,
    "0.0.0-test",
    "advisory",
    configured(policies, config),
  );
  return respond(handler, analyzeRequest(toAnalyzed(fixture, new Map([[fixture.name, fixture]]))));
}

/** The pack's answer to AnalyzeStack of `fixtures` by `policies`. */
function answerAnalyzeStack(
  policies: Policies,
  fixtures: readonly Fixture[],
  config: PolicyPackConfig,
): Promise<AnalyzeResponse> {
  const byName = new Map(fixtures.map((f) => [f.name, f]));
  const handler = server.makeAnalyzeStackRpcFun(
    PACK,
    "0.0.0-test",
    "advisory",
    configured(policies, config),
  );
  return respond(handler, analyzeStackRequest(fixtures.map((f) => toAnalyzed(f, byName))));
}

/** The policies an answer says do not apply, each with the reason it gave. */
function reasonsOf(resp: AnalyzeResponse): [string, string][] {
  return resp.getNotApplicableList().map((n) => [n.getPolicyName(), n.getReason()]);
}

/** Analyze of one resource by `policies`. */
export async function analyzeResource(
  policies: Policies,
  fixture: Fixture,
  config: PolicyPackConfig = {},
): Promise<Diagnostic[]> {
  return diagnosticsOf(await answerAnalyze(policies, fixture, config));
}

/** The policies that said they do not apply to `fixture`, each with the reason it gave. */
export async function notApplicableTo(
  policies: Policies,
  fixture: Fixture,
  config: PolicyPackConfig = {},
): Promise<[string, string][]> {
  return reasonsOf(await answerAnalyze(policies, fixture, config));
}

/** The stack policies that said they do not apply to `fixtures`, each with the reason it gave. */
export async function notApplicableToStack(
  policies: Policies,
  fixtures: readonly Fixture[],
  config: PolicyPackConfig = {},
): Promise<[string, string][]> {
  return reasonsOf(await answerAnalyzeStack(policies, fixtures, config));
}

/** AnalyzeStack of `fixtures` by `policies`. */
export async function analyzeStack(
  policies: Policies,
  fixtures: readonly Fixture[],
  config: PolicyPackConfig = {},
): Promise<Diagnostic[]> {
  return diagnosticsOf(await answerAnalyzeStack(policies, fixtures, config));
}

/** Diagnostics as `[policy, level, resource name or "", violation text]` rows, for exact assertions. */
export function rows(diagnostics: readonly Diagnostic[]): [string, string, string, string][] {
  return diagnostics.map((d) => [
    d.policyName,
    d.enforcementLevel,
    d.urn ? (d.urn.split("::").pop() ?? "") : "",
    d.detail,
  ]);
}

/** The row of the SDK's advisory when `policy` read the unknown value at `path` (`.a.b.0`). */
export function unknownRow(
  policy: string,
  path: string,
  resource = "",
): [string, string, string, string] {
  return [
    policy,
    "advisory",
    resource,
    `can't run policy '${policy}' from policy pack '${PACK}@v0.0.0-test' during preview: ` +
      `string value at ${path} can't be known during preview`,
  ];
}
