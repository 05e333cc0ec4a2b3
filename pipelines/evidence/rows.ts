/**
 * The control matrix from a gate run: for every policy, each place it applied in the update view —
 * a resource for a resource policy, the stack ("") for a stack policy, and every resource a stack
 * policy reported on — judged pass, fail, advisory, exception or not-verified; one row per
 * criterion the catalogue lists the policy under. A finding of the first-preview view counts too:
 * the gate blocks on it, and a policy that could not run there did not verify the resource.
 */
import { type Criterion, criteria as catalogue } from "../../policy-pack/controls/catalogue";
import { type Finding, findingsOf, resourceOf } from "../gate/findings";
import type { GateResult } from "../gate/gate";
import { configuredLevel } from "../gate/policyPack";
import type { CriterionEvidence, CriterionStatus, MatrixRow, RowResult } from "./model";

/** An exception that applied, as soc2-exception-report-*-uses states it. */
export interface AppliedException {
  policy: string;
  approvedBy: string;
  expires: string;
  reason: string;
}

/** lib/exceptions.ts `describeUse` of an applied exception: policy, approver, expiry, ticket, reason. */
const APPLIED =
  /^exception to (\S+) applied \(approved by (.+?), expires (\d{4}-\d{2}-\d{2})(?:, .*?)?\): ([\s\S]*?) — suppressed violation: /;

/** The exception an exception report states, or undefined for an expired or ignored one. */
export function appliedException(message: string): AppliedException | undefined {
  const match = APPLIED.exec(message);
  if (!match) return undefined;
  const [, policy, approvedBy, expires, reason] = match;
  return { policy, approvedBy, expires, reason };
}

const RANK: Record<RowResult, number> = {
  pass: 0,
  exception: 1,
  advisory: 2,
  "not-verified": 3,
  fail: 4,
};

interface Judged {
  result: RowResult;
  messages: string[];
  exception?: AppliedException;
}

function judge(judged: Judged, result: RowResult, message: string, exception?: AppliedException) {
  if (RANK[result] > RANK[judged.result]) judged.result = result;
  if (!judged.messages.includes(message)) judged.messages.push(message);
  judged.exception ??= exception;
}

function resultOf(f: Finding): RowResult {
  if (f.unverified) return "not-verified";
  return f.level === "advisory" ? "advisory" : "fail";
}

/** Every matrix row of a gate run that judged the update view. */
export function matrixRows(result: GateResult): MatrixRow[] {
  const update = result.views.find((v) => v.view === "update");
  if (!update)
    throw new Error("the control matrix reports the update view, which the gate did not judge");
  const policies = result.pack.policies.filter(
    (p) => configuredLevel(p, result.policyConfig) !== "disabled",
  );
  const resources = new Map(update.resources.map((r) => [r.urn, r]));
  // policy → urn → how it judged there; "" is the stack.
  const judged = new Map(policies.map((p) => [p.name, new Map<string, Judged>()]));
  const at = (policy: string, urn: string): Judged | undefined => {
    const byUrn = judged.get(policy);
    if (!byUrn) return undefined;
    let entry = byUrn.get(urn);
    if (!entry) {
      entry = { result: "pass", messages: [] };
      byUrn.set(urn, entry);
    }
    return entry;
  };
  for (const p of policies) {
    const places =
      p.policyType === "stack" ? [""] : [...update.notApplicable.keys()].filter((u) => u !== "");
    for (const urn of places) {
      if (!update.notApplicable.get(urn)?.includes(p.name)) at(p.name, urn);
    }
  }
  for (const f of findingsOf(result)) {
    const applied = f.exception ? appliedException(f.message) : undefined;
    const own = at(f.policy, f.urn);
    if (own) judge(own, applied ? "exception" : resultOf(f), f.message, applied);
    if (applied) {
      const excepted = at(applied.policy, f.urn);
      if (excepted) judge(excepted, "exception", f.message, applied);
    }
  }
  const rows: MatrixRow[] = [];
  for (const criterion of catalogue) {
    for (const name of criterion.policies) {
      const policy = policies.find((p) => p.name === name);
      const byUrn = judged.get(name);
      if (!policy || !byUrn) continue;
      // By URN, so that two runs of one program list rows alike: the stack (""), then by parent.
      for (const urn of [...byUrn.keys()].sort()) {
        const j = byUrn.get(urn)!;
        const resource = resources.get(urn);
        const fromUrn = resourceOf(urn);
        rows.push({
          criterion: criterion.id,
          policy: name,
          urn,
          resourceType: resource?.type ?? fromUrn.type,
          resourceName: resource?.name ?? fromUrn.name,
          result: j.result,
          enforcementLevel: configuredLevel(policy, result.policyConfig),
          severity: policy.severity,
          message: j.messages.join("\n"),
          ...(j.result === "exception" && j.exception
            ? {
                exception: {
                  reason: j.exception.reason,
                  approvedBy: j.exception.approvedBy,
                  expires: j.exception.expires,
                },
              }
            : {}),
        });
      }
    }
  }
  return rows;
}

/**
 * A criterion's status: manual when no policy enforces any of it; not-verified when its policies
 * judged nothing here; else its worst row. Any finding — advisory too — leaves it not met: saying
 * "met" over a deviation the pack found would overstate it.
 */
export function criterionStatus(criterion: Criterion, rows: readonly MatrixRow[]): CriterionStatus {
  if (criterion.policies.length === 0) return "manual";
  const own = rows.filter((r) => r.criterion === criterion.id).map((r) => r.result);
  if (own.length === 0) return "not-verified";
  if (own.some((r) => r === "fail" || r === "advisory")) return "not-met";
  if (own.includes("not-verified")) return "not-verified";
  return own.includes("exception") ? "met-with-exceptions" : "met";
}

/** Every criterion of the catalogue with its status from `rows`. */
export function criteriaEvidence(rows: readonly MatrixRow[]): CriterionEvidence[] {
  return catalogue.map((c) => ({
    id: c.id,
    series: c.series,
    title: c.title,
    asks: c.asks,
    manual: c.manual,
    status: criterionStatus(c, rows),
    policies: [...c.policies],
  }));
}
