/**
 * support/analyze.ts's way of running policies — the pack's own @pulumi/policy server handlers fed
 * the engine's protobuf requests — with each fixture's message built once and reused while the
 * fixture is unchanged: most fixtures of a generated case are the base's own, and building the
 * messages costs far more than judging them. A prepared analysis can run twice on the same request.
 */
import type { Policies } from "@pulumi/policy";
import type { AnalyzeRequest, AnalyzerResource } from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzeStackRequest } from "@pulumi/pulumi/proto/analyzer_pb";
import {
  analyzeRequest,
  analyzeStackRequest,
  type Diagnostic,
} from "../../../pipelines/gate/analyzerMessages";
import { call, configured, type Fixture, PACK, server, toAnalyzed } from "../support/analyze";
import type { Case } from "./edit";

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
    message = analyzeStackRequest([toAnalyzed(f, byName)]).getResourcesList()[0];
    known.set(refs, message);
  }
  return message;
}

function resourceRequest(f: Fixture): AnalyzeRequest {
  let request = resourceRequests.get(f);
  if (!request) {
    request = analyzeRequest(toAnalyzed(f));
    resourceRequests.set(f, request);
  }
  return request;
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
