/**
 * support/analyze.ts's way of running policies — the pack's own @pulumi/policy server handlers fed
 * the engine's protobuf requests — with each fixture's message built once and reused while the
 * fixture is unchanged: most fixtures of a generated case are the base's own, and building the
 * messages costs far more than judging them. A prepared analysis can run twice on the same request.
 */
import type { Policies, PolicyPackConfig, ResourceValidation } from "@pulumi/policy";
import type {
  AnalyzeRequest,
  AnalyzeResponse,
  AnalyzerResource,
} from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzeStackRequest } from "@pulumi/pulumi/proto/analyzer_pb";
import {
  analyzeRequest,
  analyzeStackRequest,
  type AnalyzedResource,
  type Diagnostic,
  diagnosticsOf,
} from "../../../pipelines/gate/analyzerMessages";
import { type Fixture, PACK, urnOf } from "../support/analyze";
import type { Case } from "./edit";

type Handler = (
  call: { request: unknown },
  callback: (err: Error | null | undefined, resp?: AnalyzeResponse) => void,
) => Promise<void>;
interface Server {
  makeAnalyzeRpcFun(name: string, version: string, level: string, policies: Policies): Handler;
  makeAnalyzeStackRpcFun(name: string, version: string, level: string, policies: Policies): Handler;
}
// The policy pack's own copy of the server, as run-policy-pack loads it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const server = require("../../../policy-pack/node_modules/@pulumi/policy/server") as Server;

/** The policies with `config` in place of what the engine's Configure call would have set. */
function configured(policies: Policies, config: PolicyPackConfig): Policies {
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

/** `f` as the engine describes it; `byName` resolves the fixtures it refers to, when in a stack. */
function analyzed(f: Fixture, byName?: Map<string, Fixture>): AnalyzedResource {
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

/** Per fixture, its AnalyzeStack message by the types of the fixtures it refers to (their URNs). */
const stackMessages = new WeakMap<Fixture, Map<string, AnalyzerResource>>();
/** Per fixture, its Analyze request: the resource alone, without the others it refers to. */
const resourceRequests = new WeakMap<Fixture, AnalyzeRequest>();

function stackMessage(f: Fixture, byName: Map<string, Fixture>): AnalyzerResource {
  const refs = [f.parent ?? "", ...(f.dependsOn ?? []), ...Object.values(f.deps ?? {}).flat()]
    .map((name) => byName.get(name)?.type)
    .join(" ");
  const known = stackMessages.get(f) ?? new Map<string, AnalyzerResource>();
  stackMessages.set(f, known);
  let message = known.get(refs);
  if (!message) {
    message = analyzeStackRequest([analyzed(f, byName)]).getResourcesList()[0];
    known.set(refs, message);
  }
  return message;
}

function resourceRequest(f: Fixture): AnalyzeRequest {
  let request = resourceRequests.get(f);
  if (!request) {
    request = analyzeRequest(analyzed(f));
    resourceRequests.set(f, request);
  }
  return request;
}

function call(handler: Handler, request: unknown): Promise<Diagnostic[]> {
  return new Promise((resolve, reject) => {
    void handler({ request }, (err, resp) =>
      resp
        ? resolve(diagnosticsOf(resp))
        : reject(err ?? new Error("the analyzer answered nothing")),
    );
  });
}

/**
 * The analysis of `c` by `policies`, its requests built now: one AnalyzeStack of the whole case
 * for a stack policy (`stack`), else one Analyze of each resource alone.
 */
export function prepare(policies: Policies, stack: boolean, c: Case): () => Promise<Diagnostic[]> {
  const config = c.config ?? {};
  if (stack) {
    const byName = new Map(c.fixtures.map((f) => [f.name, f]));
    const request = new AnalyzeStackRequest();
    request.setResourcesList(c.fixtures.map((f) => stackMessage(f, byName)));
    return () =>
      call(
        server.makeAnalyzeStackRpcFun(PACK, "0.0.0-test", "advisory", configured(policies, config)),
        request,
      );
  }
  const requests = c.fixtures.map(resourceRequest);
  return async () => {
    const found: Diagnostic[] = [];
    for (const request of requests) {
      const handler = server.makeAnalyzeRpcFun(
        PACK,
        "0.0.0-test",
        "advisory",
        configured(policies, config),
      );
      found.push(...(await call(handler, request)));
    }
    return found;
  };
}
